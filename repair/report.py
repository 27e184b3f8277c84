"""Reports: repaired text, JSON, one line per finding, and a word-level diff."""

from __future__ import annotations

import json
import re

from .pipeline import Result

SCHEMA_VERSION = 2


_BREAK = re.compile(r"\r\n|\r|\n")


def line_col(text: str, pos: int) -> tuple[int, int]:
    """1-based line and column of ``pos``; CRLF, LF and a lone CR each end a line."""
    if "\r" not in text:
        line = text.count("\n", 0, pos) + 1
        col = pos - (text.rfind("\n", 0, pos) + 1) + 1
        return line, col
    line, start = 1, 0
    for m in _BREAK.finditer(text, 0, pos):
        line, start = line + 1, m.end()
    return line, pos - start + 1


def as_json(path: str, result: Result) -> str:
    return json.dumps({
        "schema_version": SCHEMA_VERSION,
        "path": path,
        "output": result.output,
        "edits": [e.to_json() for e in result.edits],
        "findings": [f.to_json() for f in result.findings],
    }, ensure_ascii=False)


def as_lines(path: str, result: Result, only_applied: bool = False) -> list[str]:
    out = []
    for f in result.findings:
        if only_applied and not f.applied:
            continue
        line, col = line_col(result.input, f.start)
        fix = ""
        if f.replacement is not None:
            fix = f" -> {f.replacement!r}" if f.replacement else " -> (delete)"
        mark = "" if f.applied else " [suggestion]"
        out.append(f"{path}:{line}:{col}: {f.rule} {f.message}{fix}{mark}")
    return out


_TOK = re.compile(r"\s+|\w+|[^\w\s]", re.UNICODE)


def word_diff_ops(a: str, b: str):
    """Word-level opcodes between two texts: (tag, a_text, b_text)."""
    import difflib

    ta, tb = _TOK.findall(a), _TOK.findall(b)
    sm = difflib.SequenceMatcher(None, ta, tb, autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        yield tag, "".join(ta[i1:i2]), "".join(tb[j1:j2])
