"""Bilingual files: source and target side by side.

- TSV: ``source<TAB>target`` per line;
- JSONL: one object per line with a source and a target string: the fields ``src``/``source`` and
  ``tgt``/``target``/``mt``/``translation`` (the first present; MLQE-PE's ``src``/``mt`` work as they
  are), or the two fields named by ``fields=(SRC, TGT)`` (``--fields`` on the command line);
- XLIFF 1.2 (``<trans-unit>``) and XLIFF 2.0 (``<unit><segment>``): ``<source>``/``<target>``.

``read_bilingual(raw)`` returns the segments with the span of each target's raw text in the
file, so ``write_back`` replaces the targets and keeps every other byte as it was.
A target with inline markup (XLIFF tags inside ``<target>``) is left alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Edit, apply_edits, diff_edits

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


SRC_FIELDS = ("src", "source")
TGT_FIELDS = ("tgt", "target", "mt", "translation")


def read_bilingual(raw: str, fmt: str, fields: tuple[str, str] | None = None) -> list[Segment]:
    if fmt == "tsv":
        return _read_tsv(raw)
    if fmt == "jsonl":
        return _read_jsonl(raw, fields)
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


def _pick(obj: dict, names) -> str | None:
    for n in names:
        if isinstance(obj.get(n), str):
            return n
    return None


def _read_jsonl(raw: str, fields: tuple[str, str] | None = None) -> list[Segment]:
    import json
    out = []
    dec = json.JSONDecoder()
    src_names, tgt_names = ((fields[0],), (fields[1],)) if fields else (SRC_FIELDS, TGT_FIELDS)
    for s, e in _lines(raw):
        line = raw[s:e]
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except ValueError as exc:
            raise ValueError(f"line {raw.count(chr(10), 0, s) + 1}: not JSON ({exc.msg})") from None
        sk = _pick(obj, src_names) if isinstance(obj, dict) else None
        tk = _pick(obj, tgt_names) if isinstance(obj, dict) else None
        if sk is None or tk is None:
            raise ValueError(f"line {raw.count(chr(10), 0, s) + 1}: needs a source string field "
                             f"({' or '.join(src_names)}) and a target string field ({' or '.join(tgt_names)})"
                             + ("" if fields else "; name others with --fields SRC,TGT"))
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
            if key == tk:
                span = (s + vstart, s + vend)
            m3 = re.compile(r"\s*,").match(line, vend)
            if not m3:
                break
            i = m3.end()
        style = "json-ascii" if span and "\\u" in raw[span[0]:span[1]] else "json"
        out.append(Segment(obj[sk], obj[tk], span, style))
    return out


_UNIT12 = re.compile(r"<trans-unit\b.*?</trans-unit\s*>", re.S)
_UNIT20 = re.compile(r"<segment\b.*?</segment\s*>", re.S)
_SRC = re.compile(r"<source\b[^>]*?(?:/>|>(.*?)</source\s*>)", re.S)
_TGT = re.compile(r"<target\b[^>]*?(?:/>|>(.*?)</target\s*>)", re.S)


def _xml_text(raw: str) -> str | None:
    import html
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
    import json
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
        edits.append(Edit(seg.span[0], seg.span[1], encode(new, seg.style)))
    return apply_edits(raw, edits)


# --------------------------------------------------------------------------- targets as one text

SEP = "\n\n"  # targets are joined as paragraphs: no detector reads across two segments
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def join_targets(segments: list[Segment]) -> tuple[str, list[int]]:
    """The targets joined into one text (paragraphs) and the start of each in it."""
    starts, pos = [], 0
    for s in segments:
        starts.append(pos)
        pos += len(s.tgt) + len(SEP)
    return SEP.join(s.tgt for s in segments), starts


def split_targets(text: str, output: str, segments: list[Segment], starts: list[int]) -> list[str]:
    """The new target of each segment, from the repaired joined text (a change across two
    segments is not taken)."""
    if text == output:
        return [s.tgt for s in segments]
    ends = [st + len(s.tgt) for st, s in zip(starts, segments)]
    edits: list[list[Edit]] = [[] for _ in segments]
    import bisect

    for ed in diff_edits(text, output):
        i1, i2, rep = ed.start, ed.end, ed.replacement
        k = bisect.bisect_right(starts, i1) - 1
        if k < 0 or i2 > ends[k] or (i1 == i2 and i1 > ends[k]):
            continue  # across a separator: not a change of one target
        edits[k].append(Edit(i1 - starts[k], i2 - starts[k], rep))
    return [apply_edits(s.tgt, e) if e else s.tgt for s, e in zip(segments, edits)]


def _positions(raw: str, seg: Segment) -> list[int] | None:
    """For each character of ``seg.tgt`` (and its end), the offset of its raw text in the file;
    ``None`` when the raw text cannot be walked."""
    import html
    if seg.span is None:
        return None
    a, b = seg.span
    n = len(seg.tgt)
    if seg.style in ("tsv", "cdata"):
        return list(range(a, a + n + 1)) if b - a == n else None
    pos: list[int] = []
    if seg.style in ("json", "json-ascii"):
        i, end = a + 1, b - 1  # inside the quotes
        while i < end:
            pos.append(i)
            if raw[i] != "\\":
                i += 1
            elif raw[i + 1] == "u":
                cp = int(raw[i + 2:i + 6], 16)
                if 0xD800 <= cp < 0xDC00 and raw[i + 6:i + 8] == "\\u":
                    i += 12  # a surrogate pair: one character
                else:
                    i += 6
            else:
                i += 2
        pos.append(end)
    elif seg.style == "xml":
        i = a
        while i < b:
            m = _ENTITY.match(raw, i)
            j = m.end() if m else i + 1
            pos.extend([i] * len(html.unescape(raw[i:j])))
            i = j
        pos.append(b)
    else:
        return None
    return pos if len(pos) == n + 1 else None


def _encode_inner(text: str, style: str) -> str:
    if style in ("json", "json-ascii"):
        return encode(text, style)[1:-1]
    return encode(text, style)


def file_result(raw: str, segments: list[Segment], starts: list[int], joined, new_targets: list[str]):
    """The result of a bilingual file as a whole: its input and output are the file's text, the
    findings are in the file's offsets (line and column of the file) with the replacement as it is
    written in the file.  Only the changed part of each target is rewritten, so every other byte
    (escapes included) is kept."""
    import bisect

    from .pipeline import Result

    pos_of = [_positions(raw, s) for s in segments]
    edits = []
    for seg, new, pos in zip(segments, new_targets, pos_of):
        if seg.span is None or new == seg.tgt:
            continue
        if pos is None:  # cannot walk it: rewrite the whole target
            edits.append(Edit(seg.span[0], seg.span[1], encode(new, seg.style)))
            continue
        p = 0
        while p < min(len(new), len(seg.tgt)) and new[p] == seg.tgt[p]:
            p += 1
        q = 0
        while q < min(len(new), len(seg.tgt)) - p and new[-1 - q] == seg.tgt[-1 - q]:
            q += 1
        edits.append(Edit(pos[p], pos[len(seg.tgt) - q], _encode_inner(new[p:len(new) - q], seg.style)))
    output = apply_edits(raw, edits)
    findings = []
    for f in joined.findings:
        k = bisect.bisect_right(starts, f.start) - 1
        if k < 0:
            continue
        seg, pos = segments[k], pos_of[k]
        s, e = f.start - starts[k], f.end - starts[k]
        if pos is None or e > len(seg.tgt):
            if seg.span is None:
                continue
            a = seg.span[0]
            findings.append(f.with_(start=a, end=a, text="", applied=False))
            continue
        rs, re_ = pos[s], pos[e] if e > s else pos[s]
        rep = f.replacement if f.replacement is None else _encode_inner(f.replacement, seg.style)
        findings.append(f.with_(start=rs, end=re_, text=raw[rs:re_], replacement=rep))
    findings.sort(key=lambda f: (f.start, f.end, f.rule))
    return Result(raw, output, findings, edits)
