"""Diffs of a repair: inline word-level (rich), side by side (rich) and unified (plain text that
``patch`` applies).  ``--explain`` lists, under each change, the findings behind it: rule id, kind,
confidence and reason.

The inline and side-by-side views import rich lazily; the unified diff needs nothing."""

from __future__ import annotations

import difflib

from .pipeline import Result
from .report import word_diff_ops

MODES = ("auto", "inline", "side", "unified")


def _keep_lines(text: str) -> list[str]:
    return text.splitlines(keepends=True)


def unified(name: str, result: Result, context: int = 3, explain: bool = False) -> str:
    """A unified diff of ``result.input`` → ``result.output`` (``patch -p0`` applies it; line
    endings are kept, and a last line without a newline is marked as ``diff`` marks it).
    With ``explain``, a ``# RULE kind conf message`` line per finding precedes the diff (``patch``
    skips leading text)."""
    if not result.changed:
        return ""
    a, b = _keep_lines(result.input), _keep_lines(result.output)
    out = []
    if explain:
        from .report import line_col

        for f in result.findings:
            if f.replacement is None:
                continue
            line, col = line_col(result.input, f.start)
            state = "applied" if f.applied else "suggestion"
            out.append(f"# {name}:{line}:{col}: {f.rule} {f.kind} {f.confidence:.2f} {state}: "
                       f"{f.text!r} -> {f.replacement!r}: {f.message}\n")
    for line in difflib.unified_diff(a, b, fromfile=name, tofile=name, n=context):
        if not line.endswith("\n"):  # the last line of a file without a final newline
            line += "\n\\ No newline at end of file\n"
        out.append(line)
    return "".join(out)


def _blocks(result: Result):
    """Changed blocks of lines: (first input line index, input offset start/end, a text, b text)."""
    a_lines = result.input.split("\n")
    b_lines = result.output.split("\n")
    starts = [0]
    for ln in a_lines:
        starts.append(starts[-1] + len(ln) + 1)
    sm = difflib.SequenceMatcher(None, a_lines, b_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            continue
        yield i1, starts[i1], starts[i2], "\n".join(a_lines[i1:i2]), "\n".join(b_lines[j1:j2])


def _explain_lines(result: Result, s: int, e: int, applied_only: bool = False):
    from rich.text import Text

    out = []
    for f in result.findings:
        if f.replacement is None or not (s <= f.start <= e):
            continue
        if applied_only and not f.applied:
            continue
        t = Text("       ")
        t.append(f"{f.rule:<8}", style="bold cyan")
        t.append(f" {f.kind:<11} {f.confidence:.2f} ", style="dim")
        t.append("applied " if f.applied else "suggested ", style="green" if f.applied else "yellow")
        t.append(f"{f.text!r} → {f.replacement!r}: ")
        t.append(f.message, style="italic")
        out.append(t)
    return out


def _word_text(a: str, b: str, plain: bool, side: str | None = None):
    """Rich Text of the word diff: both sides inline, or only the ``a`` or ``b`` side."""
    from rich.text import Text

    t = Text()
    for op, x, y in word_diff_ops(a, b):
        if op == "equal":
            t.append(x)
            continue
        if x and side != "b":
            t.append(f"[-{x}-]" if plain else x, style="bold red strike" if side is None else "bold red")
        if y and side != "a":
            t.append(f"{{+{y}+}}" if plain else y, style="bold green")
    return t


def inline(result: Result, console, path: str | None = None, explain: bool = False) -> None:
    """Word-level diff of the changed paragraphs, with their line numbers: deletions red and
    struck, insertions green; ``[-…-]``/``{+…+}`` markers without colour."""
    from rich.text import Text

    plain = console.no_color or not console.is_terminal
    if path:
        console.print(Text(f"--- {path}", style="bold"))
    if not result.changed:
        console.print(Text("(no changes)", style="dim"))
    for i1, s, e, a, b in _blocks(result):
        t = Text(f"{i1 + 1:>4} │ ", style="dim")
        t.append_text(_word_text(a, b, plain))
        console.print(t)
        if explain:
            for x in _explain_lines(result, s, e, applied_only=True):
                console.print(x)
    if explain:  # suggestions (not applied) at the end
        sugg = [f for f in result.findings if not f.applied and f.replacement is not None]
        if sugg:
            console.print(Text("  suggestions:", style="yellow"))
            for x in _explain_lines(Result(result.input, result.output, sugg), 0, len(result.input)):
                console.print(x)


def side_by_side(result: Result, console, path: str | None = None, explain: bool = False) -> None:
    """Two columns, the input and the repaired text, for each changed paragraph."""
    from rich.table import Table
    from rich.text import Text

    plain = console.no_color or not console.is_terminal
    if not result.changed:
        if path:
            console.print(Text(f"--- {path}", style="bold"))
        console.print(Text("(no changes)", style="dim"))
        return
    table = Table(title=path, show_lines=True, expand=True, title_justify="left")
    table.add_column("line", justify="right", style="dim", no_wrap=True)
    table.add_column("before", ratio=1)
    table.add_column("after", ratio=1)
    for i1, s, e, a, b in _blocks(result):
        table.add_row(str(i1 + 1), _word_text(a, b, plain, "a"), _word_text(a, b, plain, "b"))
        if explain:
            lines = _explain_lines(result, s, e, applied_only=True)
            if lines:
                table.add_row("", Text("\n").join(lines), "")
    console.print(table)
