"""Bilingual files: source and target side by side.

- TSV: ``source<TAB>target`` per line;
- JSONL: one object per line with ``"src"`` and ``"tgt"`` strings;
- XLIFF 1.2 (``<trans-unit>``) and XLIFF 2.0 (``<unit><segment>``): ``<source>``/``<target>``.

``read_bilingual(raw)`` returns the segments with the span of each target's raw text in the
file, so ``write_back`` replaces the targets and keeps every other byte as it was.
A target with inline markup (XLIFF tags inside ``<target>``) is left alone.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass

FORMATS = ("tsv", "jsonl", "xliff")


@dataclass
class Segment:
    src: str
    tgt: str
    span: tuple[int, int] | None   # raw span of the target's text in the file; None = not writable
    style: str = ""                 # how to encode a new target ("json-ascii", "json", "xml", "tsv")


def guess_format(path: str, raw: str) -> str | None:
    low = path.lower()
    if low.endswith(".tsv"):
        return "tsv"
    if low.endswith((".jsonl", ".ndjson")):
        return "jsonl"
    if low.endswith((".xlf", ".xliff", ".xlf2", ".sdlxliff", ".mqxliff")):
        return "xliff"
    head = raw.lstrip("\ufeff \t\r\n")[:400]
    if head.startswith("<?xml") and "<xliff" in raw[:2000] or head.startswith("<xliff"):
        return "xliff"
    return None


def read_bilingual(raw: str, fmt: str) -> list[Segment]:
    if fmt == "tsv":
        return _read_tsv(raw)
    if fmt == "jsonl":
        return _read_jsonl(raw)
    if fmt == "xliff":
        return _read_xliff(raw)
    raise ValueError(f"unknown bilingual format {fmt!r}")


def _lines(raw: str):
    pos = 0
    for m in re.finditer(r"[^\r\n]*(\r\n|\n|\r|$)", raw):
        if m.start() == len(raw) and not m.group():
            break
        body_end = m.end() - len(m.group(1))
        yield m.start(), body_end
        pos = m.end()
        if pos >= len(raw):
            break


def _read_tsv(raw: str) -> list[Segment]:
    out = []
    for s, e in _lines(raw):
        line = raw[s:e]
        if "\t" not in line:
            continue
        tab = line.index("\t")
        tgt = line[tab + 1:]
        if "\t" in tgt:    # more columns: the target is the second one
            tgt = tgt[:tgt.index("\t")]
        out.append(Segment(line[:tab], tgt, (s + tab + 1, s + tab + 1 + len(tgt)), "tsv"))
    return out


def _read_jsonl(raw: str) -> list[Segment]:
    out = []
    dec = json.JSONDecoder()
    for s, e in _lines(raw):
        line = raw[s:e]
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except ValueError as exc:
            raise ValueError(f"line {raw.count(chr(10), 0, s) + 1}: not JSON ({exc.msg})") from None
        if not isinstance(obj, dict) or not isinstance(obj.get("src"), str) or not isinstance(obj.get("tgt"), str):
            raise ValueError(f"line {raw.count(chr(10), 0, s) + 1}: needs string fields \"src\" and \"tgt\"")
        span = None
        # the raw span of the top-level "tgt" value: walk the object's keys
        i = line.index("{") + 1
        while i < len(line):
            m = re.compile(r'\s*"').match(line, i)
            if not m:
                break
            key, j = json.decoder.scanstring(line, m.end())
            m2 = re.compile(r"\s*:\s*").match(line, j)
            vstart = m2.end()
            _val, vend = dec.raw_decode(line, vstart)
            if key == "tgt":
                span = (s + vstart, s + vend)
            m3 = re.compile(r"\s*,").match(line, vend)
            if not m3:
                break
            i = m3.end()
        style = "json-ascii" if span and "\\u" in raw[span[0]:span[1]] else "json"
        out.append(Segment(obj["src"], obj["tgt"], span, style))
    return out


_UNIT12 = re.compile(r"<trans-unit\b.*?</trans-unit\s*>", re.S)
_UNIT20 = re.compile(r"<segment\b.*?</segment\s*>", re.S)
_SRC = re.compile(r"<source\b[^>]*?(?:/>|>(.*?)</source\s*>)", re.S)
_TGT = re.compile(r"<target\b[^>]*?(?:/>|>(.*?)</target\s*>)", re.S)


def _xml_text(raw: str) -> str | None:
    if "<" in raw:
        # CDATA is plain text; any other markup inside is inline tags: not handled
        m = re.fullmatch(r"<!\[CDATA\[(.*)\]\]>", raw, re.S)
        return m.group(1) if m else None
    return html.unescape(raw)


def _read_xliff(raw: str) -> list[Segment]:
    out = []
    unit_re = _UNIT12 if "<trans-unit" in raw else _UNIT20
    for u in unit_re.finditer(raw):
        body = u.group()
        ms = _SRC.search(body)
        mt = _TGT.search(body)
        if not ms or not mt:
            continue
        src = _xml_text(ms.group(1) or "")
        if mt.group(1) is None:      # <target/>: nothing to repair
            continue
        tgt = _xml_text(mt.group(1))
        if src is None or tgt is None:
            out.append(Segment(src or "", tgt or "", None, "xml"))
            continue
        st = u.start() + mt.start(1)
        cdata = mt.group(1).startswith("<![CDATA[")
        if cdata:
            st += len("<![CDATA[")
            out.append(Segment(src, tgt, (st, st + len(tgt)), "cdata"))
        else:
            out.append(Segment(src, tgt, (st, u.start() + mt.end(1)), "xml"))
    return out


def encode(text: str, style: str) -> str:
    if style == "json":
        return json.dumps(text, ensure_ascii=False)
    if style == "json-ascii":
        return json.dumps(text, ensure_ascii=True)
    if style == "xml":
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if style == "cdata":
        return text.replace("]]>", "]]]]><![CDATA[>")
    if style == "tsv":
        return text.replace("\t", " ").replace("\r", " ").replace("\n", " ")
    raise ValueError(style)


def write_back(raw: str, segments: list[Segment], new_targets: list[str]) -> str:
    """The file with each changed target replaced; every other byte as it was."""
    edits = []
    for seg, new in zip(segments, new_targets):
        if seg.span is None or new == seg.tgt:
            continue
        edits.append((seg.span[0], seg.span[1], encode(new, seg.style)))
    from ..pipeline import apply_edits

    return apply_edits(raw, edits)
