"""Line gating (repair/prefilter.py: line_local, line_spans): a pattern whose matches cannot hold
a line break is run only on the lines that hold its literals, and finds exactly the matches a
search of the whole text finds, in the same order."""

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


def _compile(pattern, icase):
    return regex.compile(pattern, regex.VERSION1 | regex.UNICODE | (regex.IGNORECASE if icase else 0))


def _found(rx, text, spans):
    if spans is None:
        spans = [(0, len(text))]
        return [(m.span(), m.groups()) for m in rx.finditer(text)]
    return [(m.span(), m.groups()) for a, b in spans for m in rx.finditer(text, a, b)]


def _lines(text):
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _patterns():
    out = []
    for r in load_rules():
        if r.pattern:
            out.append((r.id, r.pattern, "i" in r.flags))
        if isinstance(r.params.get("pattern"), str):
            out.append((r.id, r.params["pattern"], "i" in str(r.params.get("flags", ""))))
    for name, v in MS._pattern_items(MS._params()):
        out.append((f"K801 {name}", v, False))
    return out


def _big_text():
    parts = []
    for r in load_rules():
        parts += [ex["bad"] for ex in r.examples] + [ex["good"] for ex in r.examples if "good" in ex]
        parts += list(r.clean)
    for p in sorted((ROOT / "corpora").glob("*.txt")) + sorted((ROOT / "seeds").glob("*.txt")):
        parts.append(p.read_text(encoding="utf-8"))
    return "\n".join(parts)


PATTERNS = _patterns()
TEXT = _big_text()


def test_most_shipped_patterns_are_line_local():
    local = [p for p in PATTERNS if PF.line_local(p[1], p[2])]
    assert len(local) >= 0.5 * len(PATTERNS), (len(local), len(PATTERNS))


@pytest.mark.parametrize("label,pattern,icase", PATTERNS, ids=[f"{p[0]}-{i}" for i, p in enumerate(PATTERNS)])
def test_a_line_local_pattern_finds_line_by_line_what_it_finds_in_the_whole_text(label, pattern, icase):
    rx = _compile(pattern, icase)
    for text in (TEXT, cc_folded(TEXT)):
        whole = _found(rx, text, None)
        if PF.line_local(pattern, icase):
            assert _found(rx, text, _lines(text)) == whole, label
            spans = PF.line_spans(pattern, text, icase, visits=10 ** 9, min_chars=0)
            if spans is not None:
                assert _found(rx, text, spans) == whole, label


@pytest.mark.parametrize("pattern,local", [
    (r"\b(years?|months?) of (prison|jail)\b", True),
    (r"(?<=[”\"»],? )x", True),          # a lookbehind that cannot cross a line break
    (r"[^\s]b", True), (r"\Sb", True), (r"a.b", True),
    (r"a\sb", False), (r"(?=\n)x", False), (r"(?<=\s)b", False),   # a line break can be read
    (r"[^a]b", False), (r"\Wb", False), (r"(?s)a.b", False),
    (r"^x", False), (r"x$", False),                                 # anchors other than \b
    (r"x*", False),                                                 # an empty match
    (r"[\w--\d]x", False), (r"\p{Lu}x", False),                     # syntax read otherwise by re
])
def test_what_is_line_local(pattern, local):
    assert PF.line_local(pattern) is local


def test_line_spans_skips_lines_without_the_literals_and_short_texts():
    text = "\n".join(["nothing here at all"] * 50 + ["two years of prison for him"] + ["more text"] * 50)
    p = r"\b(years?|months?) of (prison|jail)\b"
    spans = PF.line_spans(p, text, min_chars=0)
    assert spans is not None and len(spans) == 1 and text[spans[0][0]:spans[0][1]] == "two years of prison for him"
    assert PF.line_spans(p, text) is None          # under 20,000 characters: the whole text
    assert PF.line_spans(r"a\sb", text * 200) is None


# random patterns against random texts with line breaks: line by line finds what the whole does
_LOCAL = ["ab", "ba", "a b", "bb", "a", "b", " ", r"\b", r"\B", r"\w", ".", "[ab]", "[^\\s]", r"\S", "[^ \n]"]
_OTHER = ["\n", r"\n", r"\W", "[^a]", r"\s", "[ \n]", "^", "$"]


def _seq(children):
    return st.lists(children, min_size=1, max_size=4).map("".join)


def _patterns_of(atoms):
    return st.recursive(atoms, _combine, max_leaves=8)


def _combine(inner):
    return st.one_of(
        _seq(inner),
        st.tuples(inner, inner).map(lambda t: f"(?:{t[0]}|{t[1]})"),
        st.tuples(inner, st.sampled_from(["?", "*", "+", "{2}", "{1,3}", "??"])).map(lambda t: f"(?:{t[0]}){t[1]}"),
        inner.map(lambda x: f"(?={x})"), inner.map(lambda x: f"(?!{x})"), inner.map(lambda x: f"(?<={x})"),
        inner.map(lambda x: f"(?<!{x})"), inner.map(lambda x: f"({x})"),
    )


# mostly line-local patterns (atoms that cannot read a line break), and some of anything
# (with a character that every match consumes, before or after, so that most are not empty)
_pattern = st.tuples(st.one_of(_patterns_of(st.sampled_from(_LOCAL)), _patterns_of(st.sampled_from(_LOCAL + _OTHER))),
                     st.sampled_from(["a", "b", " ", r"\w", "."]), st.booleans()
                     ).map(lambda t: t[0] + t[1] if t[2] else t[1] + t[0])


@settings(max_examples=600, deadline=None)
@given(_pattern, st.text(alphabet="ab \n", max_size=30), st.booleans())
def test_random_line_local_patterns_find_line_by_line_what_they_find_in_the_whole_text(pattern, text, icase):
    if not PF.line_local(pattern, icase):
        return
    try:
        rx = _compile(pattern, icase)
    except regex.error:
        return
    assert _found(rx, text, _lines(text)) == _found(rx, text, None), pattern
