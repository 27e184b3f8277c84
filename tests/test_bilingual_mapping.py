"""Bilingual files as one result: the targets' changes are written into the file with only the
changed part re-encoded, and finding offsets map into the file exactly (property tests over
escapes, entities, non-BMP characters and separators)."""

from __future__ import annotations

import html
import json

from hypothesis import given, settings, strategies as st

from repair import bilingual as B
from repair.model import Finding
from repair.pipeline import Result

ALPHABET = st.sampled_from(list("ab é\"\\/&<>'\t") + ["\U0001F600", "\u00a0", "\u2028", "x y"])
TEXT = st.lists(ALPHABET, min_size=1, max_size=12).map("".join)


def _jsonl(pairs, ascii_):
    return "".join(json.dumps({"id": i, "src": s, "mt": t, "pe": "p"}, ensure_ascii=ascii_) + "\n"
                   for i, (s, t) in enumerate(pairs))


def _xliff(pairs):
    units = "".join(f'<trans-unit id="{i}"><source>{html.escape(s, quote=False)}</source>'
                    f"<target>{html.escape(t, quote=False)}</target></trans-unit>\n" for i, (s, t) in enumerate(pairs))
    return f'<?xml version="1.0"?>\n<xliff version="1.2"><file><body>\n{units}</body></file></xliff>\n'


def _check(raw, fmt, edits_per_seg):
    segs = B.read_bilingual(raw, fmt)
    joined, starts = B.join_targets(segs)
    new, findings = [], []
    for k, (seg, (a, b, rep)) in enumerate(zip(segs, edits_per_seg)):
        n = len(seg.tgt)
        a, b = min(a, n), min(max(a, b), n)
        b = max(a, min(b, n))
        new.append(seg.tgt[:a] + rep + seg.tgt[b:])
        findings.append(Finding(starts[k] + a, starts[k] + b, "glue", "G101", "m", replacement=rep,
                                text=seg.tgt[a:b], applied=True))
    joined_out = B.SEP.join(new)
    res = B.file_result(raw, segs, starts, Result(joined, joined_out, findings), new)
    assert res.input == raw
    again = B.read_bilingual(res.output, fmt)
    assert [s.tgt for s in again] == new
    assert [s.src for s in again] == [s.src for s in segs]
    for f in res.findings:
        assert raw[f.start:f.end] == f.text
    return res


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(TEXT, TEXT), min_size=1, max_size=4), st.booleans(),
       st.lists(st.tuples(st.integers(0, 12), st.integers(0, 12), TEXT), min_size=4, max_size=4))
def test_jsonl_changes_and_offsets_map_into_the_file(pairs, ascii_, edits):
    raw = _jsonl(pairs, ascii_)
    res = _check(raw, "jsonl", edits)
    for line_in, line_out in zip(raw.split("\n")[:-1], res.output.split("\n")[:-1]):
        a, b = json.loads(line_in), json.loads(line_out)
        assert {k: v for k, v in a.items() if k != "mt"} == {k: v for k, v in b.items() if k != "mt"}


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(TEXT, TEXT), min_size=1, max_size=4),
       st.lists(st.tuples(st.integers(0, 12), st.integers(0, 12), TEXT), min_size=4, max_size=4))
def test_xliff_changes_and_offsets_map_into_the_file(pairs, edits):
    _check(_xliff(pairs), "xliff", edits)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(TEXT.map(lambda t: t.replace("\t", " ")), TEXT.map(lambda t: t.replace("\t", " "))),
                min_size=1, max_size=4),
       st.lists(st.tuples(st.integers(0, 12), st.integers(0, 12), TEXT.map(lambda t: t.replace("\t", " "))),
                min_size=4, max_size=4))
def test_tsv_changes_and_offsets_map_into_the_file(pairs, edits):
    raw = "".join(f"{s}\t{t}\n" for s, t in pairs)
    _check(raw, "tsv", edits)


def test_unchanged_escapes_elsewhere_in_a_target_are_kept():
    raw = '{"src": "x", "tgt": "caf\\u00e9 saidthe \\/ end"}\n'
    segs = B.read_bilingual(raw, "jsonl")
    joined, starts = B.join_targets(segs)
    new = [segs[0].tgt.replace("saidthe", "said the")]
    res = B.file_result(raw, segs, starts, Result(joined, new[0], []), new)
    assert res.output == raw.replace("saidthe", "said the")
