"""Known failures (tests/known_failures.yaml), run strictly: an entry marked ``expect: fail``
that starts passing fails the suite (XPASS(strict)), so it is promoted to ``expect: pass``."""

import os

import pytest

from repair.config import Config
from repair.langdata import load_yaml
from repair.pipeline import repair_text

PATH = os.path.join(os.path.dirname(__file__), "known_failures.yaml")
KEYS = {"input", "expected", "lang", "kind", "reason", "expect"}
ENTRIES = load_yaml(PATH) or []


def test_entries_are_well_formed():
    from repair import KINDS

    assert isinstance(ENTRIES, list) and ENTRIES
    for i, e in enumerate(ENTRIES):
        assert isinstance(e, dict) and set(e) == KEYS, f"entry {i}: keys {sorted(e)} (want {sorted(KEYS)})"
        assert e["expect"] in ("fail", "pass"), f"entry {i}: expect {e['expect']!r}"
        assert e["lang"] in ("es", "pt", "fr", "it"), f"entry {i}: lang {e['lang']!r}"
        assert e["kind"] in KINDS, f"entry {i}: kind {e['kind']!r}"
        assert str(e["reason"]).strip(), f"entry {i}: no reason"
        assert e["input"] != e["expected"], f"entry {i}: nothing to repair"


def _params():
    for i, e in enumerate(ENTRIES):
        marks = []
        if e.get("expect") == "fail":
            marks.append(pytest.mark.xfail(strict=True, reason=f"known failure: {e.get('reason', '')[:80]}"))
        yield pytest.param(e, id=f"{i}-{e.get('kind')}-{e.get('lang')}", marks=marks)


@pytest.mark.parametrize("entry", list(_params()))
def test_known_failure(entry):
    res = repair_text(entry["input"], Config(source_lang=entry["lang"]))
    assert res.output == entry["expected"]
