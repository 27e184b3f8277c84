"""A bounded hypothesis campaign over four kinds of input (random Unicode, damaged news sentences,
Markdown, HTML): no input raises, finding offsets point into the input, and repairing the output
changes nothing.  2,000 examples, derandomized (the same ones every run; ``bench/fuzz.py``
runs a longer, seeded campaign and reports its figures).  The generators are ``bench/fuzzgen.py``;
hypothesis drives them through ``st.randoms()``, so a failure shrinks to a small input."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import fuzzgen  # noqa: E402

from repair.api import repair  # noqa: E402
from repair.config import Config  # noqa: E402

CONFIG = Config()
BASE = [ln.strip() for p in [ROOT / "seeds" / "nato-russia.ref.txt", *sorted((ROOT / "corpora").glob("*.txt"))]
        for ln in p.read_text(encoding="utf-8").splitlines() if len(ln.split()) >= 5][:400]


def run(text, fmt):
    return repair(text, CONFIG, fmt=fmt)


def campaign(n):
    return settings(max_examples=n, deadline=None, derandomize=True, database=None,
                    suppress_health_check=list(HealthCheck))


@campaign(700)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300))
def test_any_unicode_text(text):
    assert fuzzgen.check(text, "text", run) is None


@pytest.mark.parametrize("kind,n", [("unicode", 150), ("news", 450), ("markdown", 350), ("html", 350)])
def test_generated_inputs(kind, n):
    @campaign(n)
    @given(st.randoms(use_true_random=False))
    def one(rng):
        text, fmt = fuzzgen.generate(rng, kind, BASE)
        problem = fuzzgen.check(text, fmt, run)
        assert problem is None, (problem, text)

    one()


KNOWN = sorted((ROOT / "tests" / "fixtures" / "fuzz").glob("news-idempotence-*.txt"))


# found by the fuzz campaign on main at 60628f8 (a second repair still changed the text: R106, ES-K119,
# K203 after the source-language guess or names moved in a later pass); fixed by a last whole-text pass
@pytest.mark.parametrize("path", KNOWN, ids=[p.stem for p in KNOWN])
def test_idempotent_on_damaged_news_found_by_fuzzing(path):
    text = path.read_text(encoding="utf-8")
    assert fuzzgen.check(text, "text", run) is None
