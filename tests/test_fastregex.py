"""fastregex.compile gives the pattern regex.compile gives (from the C engine's arguments kept
in the cache after the first compile), and falls back to regex.compile where it cannot."""

from __future__ import annotations

import pytest
import regex

from repair import fastregex, prefilter
from repair.rules import load_rules

FLAGS = regex.VERSION1 | regex.UNICODE


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("MT_REPAIR_CACHE", str(tmp_path / "cache"))


def test_every_shipped_pattern_compiles_to_the_same_matcher(cache):
    rules = load_rules()
    texts = [ex["bad"] for r in rules for ex in r.examples] + [c for r in rules for c in r.clean]
    for p, icase in prefilter.shipped_patterns():
        flags = FLAGS | (regex.IGNORECASE if icase else 0)
        fastregex.compile(p, flags)                   # the first time: parsed, its recipe noted
        fast, ref = fastregex.compile(p, flags), regex.compile(p, flags)
        assert (fast.pattern, fast.flags, fast.groups, fast.groupindex) == (
            ref.pattern, ref.flags, ref.groups, ref.groupindex)
        for t in texts:
            assert [(m.span(), m.groups()) for m in fast.finditer(t)] == \
                   [(m.span(), m.groups()) for m in ref.finditer(t)], (p, t)


def test_the_second_compile_does_not_parse(cache, monkeypatch):
    p = r"\b(years?|months?) of (prison|jail)\b"
    first = fastregex.compile(p, FLAGS)

    def no_parse(*a, **k):
        raise AssertionError("parsed again")

    monkeypatch.setattr(regex._main, "_parse_pattern", no_parse)
    again = fastregex.compile(p, FLAGS)
    assert again.sub(r"\1 in \2", "two years of prison") == first.sub(r"\1 in \2", "two years of prison") \
        == "two years in prison"


def test_what_cannot_be_noted_is_compiled_the_ordinary_way(cache):
    with pytest.raises(regex.error):
        fastregex.compile(r"(unbalanced", FLAGS)
    with pytest.raises(regex.error):
        fastregex.compile(r"(unbalanced", FLAGS)      # an error is never noted as a recipe
