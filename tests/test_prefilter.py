"""The literal prefilter (repair/prefilter.py) never hides a match: wherever a pattern matches,
one of its required literals is in the text."""

from __future__ import annotations

from pathlib import Path

import pytest
import regex
from hypothesis import given, settings, strategies as st

from repair import mtscore as MS
from repair import prefilter as PF
from repair.detectors.contextcalques import folded as cc_folded
from repair.rules import load_rules

ROOT = Path(__file__).resolve().parents[1]


def _shipped_patterns():
    """(label, pattern, ignorecase, mode) of every pattern the detectors run through the filter."""
    out = []
    for r in load_rules():
        p = r.params
        if r.pattern:
            out.append((r.id, r.pattern, "i" in r.flags, "search"))
        if isinstance(p.get("pattern"), str):
            out.append((r.id, p["pattern"], "i" in str(p.get("flags", "")), "search"))
        for line in p.get("lines", ()) or ():
            out.append((r.id, line, False, "line"))
        for inline in p.get("inline", ()) or ():
            out.append((r.id, inline, False, "search"))
    for name, v in MS._pattern_items(MS._params()):
        out.append((f"K801 {name}", v, False, "search"))
    return out


def _texts():
    out = []
    for r in load_rules():
        out += [ex["bad"] for ex in r.examples] + [ex["good"] for ex in r.examples if "good" in ex]
        out += list(r.clean)
    for p in sorted((ROOT / "corpora").glob("*.txt")) + sorted((ROOT / "seeds").glob("*.txt")):
        out.append(p.read_text(encoding="utf-8"))
    return out


PATTERNS = _shipped_patterns()
TEXTS = _texts()


def test_most_shipped_patterns_have_literals():
    with_lits = [p for p in PATTERNS if PF.required(p[1], p[2]) is not None]
    assert len(with_lits) >= 0.8 * len(PATTERNS), len(with_lits)


@pytest.mark.parametrize("label,pattern,icase,mode", PATTERNS, ids=[f"{p[0]}-{i}" for i, p in enumerate(PATTERNS)])
def test_a_shipped_pattern_is_never_filtered_where_it_matches(label, pattern, icase, mode):
    flags = regex.VERSION1 | regex.UNICODE | (regex.IGNORECASE if icase else 0)
    rx = regex.compile(pattern, flags)
    for text in TEXTS:
        for t in (text, cc_folded(text)):
            if mode == "line":
                hit = any(rx.fullmatch(line.strip()) for line in t.splitlines())
            else:
                hit = rx.search(t) is not None
            if hit:
                assert PF.may_match(pattern, t, icase), (label, pattern, PF.required(pattern, icase), t[:200])


def _lits(pattern, icase=False):
    return {tuple(sorted(c)) for c in PF.required(pattern, icase)}


def test_what_the_literals_are():
    assert _lits(r"\b(years?|months?) of (prison|jail)\b") == {(" of ",), ("jail", "prison"), ("month", "year")}
    assert _lits(r"\bon (?:an )?annual base\b") == {("on ",), ("annual base",)}
    assert _lits(r"\b(?:victory|defeat) by (\d+)") == {("defeat", "victory"), (" by ",)}
    assert _lits(r"(?<=\bthe )president(?= said)") == {("the ",), ("president",), (" said",)}
    assert _lits(r"vigou?r") == {("vigo",)}
    assert _lits(r"[Tt]he plan") == {("the plan",)}
    assert _lits(r"(?i)STRASSE") == {("strasse",)}
    assert not PF.may_match(r"\b(years?|months?) of (prison|jail)\b", "two years of talks")
    assert PF.may_match(r"(?i)straße", "DIE STRASSE") and PF.may_match(r"(?i)strasse", "die Straße")
    assert not PF.may_match(r"\bannual base\b", "the annual report")


@pytest.mark.parametrize("pattern", [
    r"[[a-z]--[aeiou]]x",          # version-1 nested set: the standard parser reads it otherwise
    r"(?:annual){e<=1} base",      # fuzzy matching: "anual base" matches
    r"\p{Lu}ber",                  # a regex-only escape
    r"(?|(a)|(b))x",               # branch reset
    r"a|b",                        # too short to filter
    r"\w+ \d+",                    # no literal at all
])
def test_syntax_the_filter_cannot_read_always_runs(pattern):
    assert PF.required(pattern) is None
    assert PF.may_match(pattern, "anything")


# random patterns over a small alphabet against random texts: a match is never filtered out
_ALPHA = "abAB ßſK'"
_atom = st.sampled_from(["ab", "ba", "aB", "ss", "ß", "a b", "sK", "'s", "bb", "a", "b", " "]
                        + [r"\b", r"\w", ".", "[ab]", "[^a]", "[Aa]", r"\s", "(?i:ab)", "(?i:ss)"])


def _seq(children):
    return st.lists(children, min_size=1, max_size=4).map("".join)


_pattern = st.recursive(
    _atom,
    lambda inner: st.one_of(
        _seq(inner),
        st.tuples(inner, inner).map(lambda t: f"(?:{t[0]}|{t[1]})"),
        st.tuples(inner, st.sampled_from(["?", "*", "+", "{2}", "{1,3}", "??"])).map(lambda t: f"(?:{t[0]}){t[1]}"),
        inner.map(lambda x: f"(?={x})"), inner.map(lambda x: f"(?!{x})"), inner.map(lambda x: f"({x})"),
    ),
    max_leaves=8,
)


@settings(max_examples=400, deadline=None)
@given(_pattern, st.text(alphabet=_ALPHA, max_size=24), st.booleans())
def test_random_patterns_are_never_filtered_where_they_match(pattern, text, icase):
    try:
        rx = regex.compile(pattern, regex.VERSION1 | regex.UNICODE | (regex.IGNORECASE if icase else 0))
    except regex.error:
        return
    if rx.search(text) is not None:
        assert PF.may_match(pattern, text, icase), (pattern, PF.required(pattern, icase))
