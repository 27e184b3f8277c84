"""``mt-repair review FILE...``: walk through each proposed change with its context — accept,
reject, edit, accept all of this rule, quit — then write the accepted changes atomically.

What is reviewed is safe to apply piece by piece: the word-level diff hunks between the input and
the repaired text (each hunk tied to the findings that produced it; hunks that share a finding
are one change), plus the suggestions (fixes under the threshold) whose spans neither overlap nor
touch an applied hunk.  Finding offsets alone would not do: a fix from a later pass may cover a
span of the input whose text an earlier pass already changed.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field

from .model import Finding
from .pipeline import Result
from .report import line_col, word_diff_ops

HELP = "y accept · n reject · e edit · a accept all of this rule · q quit (write what was accepted) · ? help"


@dataclass
class Hunk:
    start: int        # offsets into the input
    end: int
    old: str
    new: str
    applied: bool     # made by the repair (True) or a suggestion (False)
    findings: list[Finding] = field(default_factory=list)

    @property
    def rules(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(f.rule for f in self.findings))


def _touch(s1, e1, s2, e2, strict: bool) -> bool:
    if strict and s1 < e1 and s2 < e2:
        return s1 < e2 and s2 < e1
    return s1 <= e2 and s2 <= e1


def hunks(result: Result) -> list[Hunk]:
    text = result.input
    raw: list[Hunk] = []
    pos = 0
    for tag, x, y in word_diff_ops(result.input, result.output):
        if tag == "equal":
            pos += len(x)
            continue
        if raw and raw[-1].end == pos:
            h = raw[-1]
            h.end, h.old, h.new = pos + len(x), h.old + x, h.new + y
        else:
            raw.append(Hunk(pos, pos + len(x), x, y, True))
        pos += len(x)
    applied = [f for f in result.findings if f.applied]
    for h in raw:
        h.findings = [f for f in applied if _touch(h.start, h.end, f.start, f.end, strict=True)]
        if not h.findings:
            h.findings = [f for f in applied if _touch(h.start, h.end, f.start, f.end, strict=False)]
        if not h.findings:  # the diff may place an insertion on the other side of a space
            s, e = h.start, h.end
            while s > 0 and text[s - 1].isspace():
                s -= 1
            while e < len(text) and text[e].isspace():
                e += 1
            h.findings = [f for f in applied if _touch(s, e, f.start, f.end, strict=False)]
    # hunks that share a finding (or a group of all-or-nothing edits) are one change
    merged: list[Hunk] = []
    for h in raw:
        if merged:
            p = merged[-1]
            keys_p = {id(f) for f in p.findings} | {f.group for f in p.findings if f.group}
            keys_h = {id(f) for f in h.findings} | {f.group for f in h.findings if f.group}
            gap = text[p.end:h.start]
            if keys_p & keys_h and "\n\n" not in gap:
                new_out = p.new + gap + h.new
                p.end, p.old, p.new = h.end, text[p.start:h.end], new_out
                p.findings += [f for f in h.findings if all(f is not g for g in p.findings)]
                continue
        merged.append(h)
    # suggestions that do not meet an applied hunk
    seen = set()
    for f in result.findings:
        if f.applied or f.replacement is None or f.replacement == f.text:
            continue
        if any(_touch(h.start, h.end, f.start, f.end, strict=False) for h in merged if h.applied):
            continue
        if text[f.start:f.end] != f.text:
            continue
        key = (f.start, f.end, f.replacement)
        if key in seen:
            for h in merged:
                if not h.applied and (h.start, h.end, h.new) == key:
                    h.findings.append(f)
            continue
        seen.add(key)
        merged.append(Hunk(f.start, f.end, f.text, f.replacement, False, [f]))
    merged.sort(key=lambda h: (h.start, h.end, not h.applied))
    return merged


def position(h: Hunk) -> int:
    """Where a change is reported: where ``check`` reports its first finding (the word diff may
    put an insertion on the other side of a space), else where the diff puts it."""
    return min((f.start for f in h.findings), default=h.start)


def coverage(result: Result, hs: list[Hunk]) -> str:
    """Why the review shows fewer items than ``check`` shows findings: one line."""
    shown = {id(f) for h in hs for f in h.findings}
    n = len(result.findings)
    made = sum(1 for h in hs if h.applied)
    parts = [f"{len(hs)} to review ({made} change{'s' if made != 1 else ''} made, "
             f"{len(hs) - made} suggestion{'s' if len(hs) - made != 1 else ''}) for {n} finding{'s' if n != 1 else ''}"]
    shared = sum(len(h.findings) - 1 for h in hs if len(h.findings) > 1)
    if shared:
        parts.append(f"{shared} share a change with another finding")
    why = {"no fix": 0, "touch": 0, "no change": 0, "stale": 0}
    for f in result.findings:
        if id(f) in shown:
            continue
        if f.replacement is None:
            why["no fix"] += 1
        elif f.applied:
            why["no change"] += 1
        elif any(_touch(h.start, h.end, f.start, f.end, strict=False) for h in hs if h.applied):
            why["touch"] += 1
        else:
            why["stale"] += 1
    words = {"no fix": "without a fix not shown (`mt-repair check` lists them)",
             "touch": "suggestions at the place of a change not shown",
             "no change": "fixes that changed nothing not shown",
             "stale": "suggestions on text an earlier pass changed not shown"}
    parts += [f"{k} {words[w]}" for w, k in why.items() if k]
    return "; ".join(parts)


def apply_hunks(text: str, chosen: list[Hunk]) -> str:
    out, pos = [], 0
    for h in sorted(chosen, key=lambda h: (h.start, h.end)):
        if h.start < pos:  # overlaps one already taken
            continue
        out.append(text[pos:h.start])
        out.append(h.new)
        pos = h.end
    out.append(text[pos:])
    return "".join(out)


def _context(text: str, h: Hunk, lines: int, plain: bool, accepted: list[Hunk] = ()):
    """The hunk in its lines of context, with the changes already accepted applied to them."""
    from rich.text import Text

    s = h.start
    for _ in range(lines + 1):
        s = text.rfind("\n", 0, s - 1 if s > 0 and text[s - 1] == "\n" else s)
        if s < 0:
            break
    s = 0 if s < 0 else s + 1
    e = h.end
    for _ in range(lines + 1):
        n = text.find("\n", e + (1 if e > h.end else 0))
        if n < 0:
            e = len(text)
            break
        e = n
    before = apply_hunks(text[:h.start], [a for a in accepted if s <= a.start and a.end <= h.start])[s:]
    tail = [Hunk(a.start - h.end, a.end - h.end, a.old, a.new, a.applied) for a in accepted
            if h.end <= a.start and a.end <= e]
    after = apply_hunks(text[h.end:e], tail)
    # long paragraphs: keep about 160 characters either side
    if len(before) > 160:
        before = "…" + before[-160:]
    if len(after) > 160:
        after = after[:160] + "…"
    t = Text(before)
    for op, x, y in word_diff_ops(h.old, h.new):
        if op == "equal":
            t.append(x)
            continue
        if x:
            t.append(f"[-{x}-]" if plain else x, style="bold red strike")
        if y:
            t.append(f"{{+{y}+}}" if plain else y, style="bold green")
    t.append(after)
    return t


class _Quit(Exception):
    pass


class _Interrupted(Exception):
    """Ctrl-C during the questions: carries what was decided so far, like _Quit."""


def review_result(name: str, result: Result, console, ask, context: int = 1) -> tuple[str, int, int]:
    """Walk through the changes of one file. ``ask(prompt)`` returns the user's line (raises
    EOFError at the end of input).  Returns (new text, accepted, total); raises _Quit (carrying
    the partial result) when the user quits, _Interrupted on Ctrl-C."""
    from rich.text import Text

    hs = hunks(result)
    plain = console.no_color or not console.is_terminal
    chosen: list[Hunk] = []
    auto_rules: set[str] = set()
    console.print(Text(f"{name}: {coverage(result, hs)}", style="dim"))
    try:
        return _walk(name, result, console, ask, context, hs, plain, chosen, auto_rules)
    except KeyboardInterrupt:
        raise _Interrupted(apply_hunks(result.input, chosen), len(chosen), len(hs)) from None


def _walk(name, result, console, ask, context, hs, plain, chosen, auto_rules):
    from rich.text import Text

    quit_ = False
    for i, h in enumerate(hs):
        if any(_touch(c.start, c.end, h.start, h.end, strict=True) for c in chosen):
            continue  # a suggestion at the place of a change already accepted
        line, col = line_col(result.input, position(h))
        if auto_rules & set(h.rules):
            chosen.append(h)
            console.print(Text(f"[{i + 1}/{len(hs)}] {name}:{line}:{col} accepted ({', '.join(h.rules)})",
                               style="dim"))
            continue
        head = Text(f"\n[{i + 1}/{len(hs)}] {name}:{line}:{col} ", style="bold")
        head.append("change" if h.applied else "suggestion", style="green" if h.applied else "yellow")
        console.print(head)
        console.print(_context(result.input, h, context, plain, chosen))
        for f in h.findings:
            t = Text("  ")
            t.append(f.rule, style="bold cyan")
            t.append(f" {f.kind} {f.confidence:.2f} ", style="dim")
            t.append(f.message, style="italic")
            console.print(t)
        rule = h.rules[0] if h.rules else "?"
        while True:
            try:
                answer = ask(f"Accept? [y,n,e,a({rule}),q,?] ").strip().lower()
            except EOFError:
                answer = "q"
            if answer in ("y", "yes"):
                chosen.append(h)
            elif answer in ("n", "no", ""):
                pass
            elif answer in ("e", "edit"):
                try:
                    new = ask(f"Replace {h.old!r} with (now {h.new!r}; empty: keep it): ")
                except EOFError:
                    new = ""
                if new.strip():
                    chosen.append(Hunk(h.start, h.end, h.old, new, h.applied, h.findings))
                else:
                    continue
            elif answer in ("a", "all"):
                chosen.append(h)
                auto_rules.update(h.rules)
            elif answer in ("q", "quit"):
                quit_ = True
            else:
                console.print(HELP)
                continue
            break
        if quit_:
            break
    out = apply_hunks(result.input, chosen)
    if quit_:
        raise _Quit(out, len(chosen), len(hs))
    return out, len(chosen), len(hs)


def _asker(stream_in, stream_out):
    def ask(prompt: str) -> str:
        stream_out.write(prompt)
        stream_out.flush()
        line = stream_in.readline()
        if not line:
            raise EOFError
        return line.rstrip("\r\n")

    return ask


def cmd_review(args) -> int:
    from .batch import make_console
    from .io import UsageError, read_input, write_atomic
    from .jobs import repair_inputs

    EXIT_OK = 0

    paths = args.files or ["-"]
    if paths.count("-") > 1:
        raise UsageError("stdin ('-') can be read only once")
    from_stdin = "-" in paths
    if from_stdin and len(paths) > 1:
        raise UsageError("review reads either files or stdin, not both")
    read = [read_input(p) for p in paths]
    inputs = [(r.path, r.text) for r in read]
    ttys = []
    if from_stdin:
        try:
            ttys = [open("/dev/tty", encoding="utf-8"), open("/dev/tty", "w", encoding="utf-8")]
        except OSError:
            raise UsageError("review of stdin needs a terminal (/dev/tty) for the questions") from None
        ask = _asker(*ttys)
    else:
        ask = _asker(sys.stdin, sys.stdout)
    console = make_console(getattr(args, "color", "auto"), stderr=from_stdin)
    results = [d.result for d in repair_inputs(args, read)]
    code = EXIT_OK
    try:
        for (p, text), res, r in zip(inputs, results, read):
            name = "<stdin>" if p == "-" else p
            quit_ = False
            try:
                out, n_ok, n = review_result(name, res, console, ask, getattr(args, "context", 1))
            except _Quit as q:
                out, n_ok, n = q.args
                quit_ = True
            except _Interrupted as q:
                out, n_ok, n = q.args
                quit_, code = True, 130
                keep = False
                if n_ok:
                    where = "stdout" if from_stdin else name
                    try:
                        keep = ask(f"\nInterrupted: write the {n_ok} change{'s' if n_ok != 1 else ''} accepted "
                                   f"so far to {where}? [y,N] ").strip().lower() in ("y", "yes")
                    except (EOFError, KeyboardInterrupt):
                        keep = False
                if not keep:
                    out, n_ok = text, 0
                    if from_stdin:
                        out = ""      # nothing on stdout: the run was abandoned
            if from_stdin:
                sys.stdout.write(out)
                sys.stdout.flush()
            elif out != text:
                write_atomic(p, out, r)
            if not args.quiet:
                verb = "written" if (out != text and not from_stdin) else "unchanged" if out == text else "printed"
                if code == 130 and out == text:
                    verb = "interrupted, nothing written"
                msg = f"{name}: {n_ok} of {n} changes accepted, {verb}"
                print(msg, file=sys.stderr if from_stdin else sys.stdout)
            if quit_:
                break
    finally:
        for t in ttys:
            t.close()
    return code
