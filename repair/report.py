"""Reports: repaired text, JSON, one line per finding, and a word-level diff."""

from __future__ import annotations

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
    import json

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
        msg, fix = f.message, ""
        if f.replacement is not None:
            a, b = change_in_context(result.input, f.start, f.end, f.replacement)
            msg = msg.rstrip(" .:;")
            fix = f": {_short(a)!r} -> {_short(b)!r}" if b.strip() else f": {_short(a)!r} -> (delete)"
        mark = "" if f.applied else " [suggestion]"
        out.append(f"{path}:{line}:{col}: {f.rule} {msg}{fix}{mark}")
    return out


def change_in_context(text: str, start: int, end: int, replacement: str) -> tuple[str, str]:
    """The changed words before and after a fix: the span widened to the whole tokens (runs of
    non-space) it touches, and an insertion to the token on each side, never across a line
    break (``'willfrom hear' -> 'will hear'``, ``'on situation' -> 'on the situation'``, not
    ``-> 'f'`` or ``-> 'the '``)."""
    n = len(text)

    def left(i):
        while i > 0 and not text[i - 1].isspace():
            i -= 1
        return i

    def right(i):
        while i < n and not text[i].isspace():
            i += 1
        return i

    s, e = start, end
    if s == e or text[s] not in "\r\n":
        s = left(s)
    if s == e or text[e - 1] not in "\r\n":
        e = right(e)
    if start == end:
        if s == start:          # at the start of a word: the word before it too
            while s > 0 and text[s - 1] in " \t":
                s -= 1
            s = left(s)
        if e == end:
            while e < n and text[e] in " \t":
                e += 1
            e = right(e)
    new = text[s:start] + replacement + text[end:e]
    if new[-1:] in (" ", "\t") and e < n and text[e] not in "\r\n":   # the fix leaves a space: the next word
        while e < n and text[e] in " \t":
            e += 1
        e = right(e)
    if new[:1] in (" ", "\t") and s > 0 and text[s - 1] not in "\r\n":
        while s > 0 and text[s - 1] in " \t":
            s -= 1
        s = left(s)
    return text[s:e], text[s:start] + replacement + text[end:e]


def _short(x: str, n: int = 80) -> str:
    x = " ".join(x.split()) if "\n" in x or "\r" in x else x
    return x if len(x) <= n else x[: n // 2 - 1] + "…" + x[-(n // 2 - 1):]


_TOK = re.compile(r"\s+|\w+|[^\w\s]", re.UNICODE)


def word_diff_ops(a: str, b: str):
    """Word-level opcodes between two texts: (tag, a_text, b_text)."""
    import difflib

    ta, tb = _TOK.findall(a), _TOK.findall(b)
    sm = difflib.SequenceMatcher(None, ta, tb, autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        yield tag, "".join(ta[i1:i2]), "".join(tb[j1:j2])
