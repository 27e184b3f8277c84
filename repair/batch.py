"""Many files, the presentation side: a progress bar on stderr (when it is a terminal) and the
summary table.  The job loop itself (per-file configuration and format, ``--jobs N`` worker
processes) is :mod:`repair.jobs`."""

from __future__ import annotations

import os
from collections import Counter

from .pipeline import Result


class Progress:
    """A rich progress bar on stderr (only when stderr is a terminal); ``None`` otherwise."""

    def __init__(self, total: int, console):
        from rich.progress import BarColumn, MofNCompleteColumn, Progress as RP, TextColumn, TimeElapsedColumn

        self.rp = RP(TextColumn("repairing"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                     TextColumn("{task.fields[name]}", style="dim"), console=console, transient=True)
        self.task = self.rp.add_task("repair", total=total, name="")

    def __enter__(self):
        self.rp.__enter__()
        return self

    def __exit__(self, *exc):
        return self.rp.__exit__(*exc)

    def __call__(self, done: int, total: int, path: str) -> None:
        self.rp.update(self.task, completed=done, name=os.path.basename(path))


def summarize(results: list[tuple[str, Result]]) -> dict:
    by_kind: Counter = Counter()
    applied: Counter = Counter()
    suggested: Counter = Counter()
    changed = 0
    for _, res in results:
        changed += res.changed
        for f in res.findings:
            by_kind[f.kind] += 1
            if f.applied:
                applied[f.kind] += 1
            elif f.replacement is not None:
                suggested[f.kind] += 1
    return {"files": len(results), "changed": changed, "findings": dict(by_kind),
            "applied": dict(applied), "suggested": dict(suggested)}


def summary_table(results: list[tuple[str, Result]], console, verb: str = "would change",
                  changed: int | None = None) -> None:
    """``verb`` says what became of the changed files ("rewritten", "would change", "to change");
    ``changed``: how many, when not all changed results (the files actually written)."""
    from rich.table import Table

    s = summarize(results)
    n_find = sum(s["findings"].values())
    n_changed = s["changed"] if changed is None else changed
    t = Table(title=f"mt-repair: {s['files']} files, {n_changed} {verb}, {n_find} findings",
              title_justify="left")
    t.add_column("kind")
    t.add_column("findings", justify="right")
    t.add_column("applied", justify="right")
    t.add_column("suggested", justify="right")
    for kind in sorted(s["findings"], key=lambda k: (-s["findings"][k], k)):
        t.add_row(kind, str(s["findings"][kind]), str(s["applied"].get(kind, 0)), str(s["suggested"].get(kind, 0)))
    t.add_row("total", str(n_find), str(sum(s["applied"].values())), str(sum(s["suggested"].values())),
              style="bold")
    console.print(t)


def make_console(color: str = "auto", stderr: bool = False):
    """A rich console: ``color`` auto (NO_COLOR honoured), always or never."""
    from rich.console import Console

    kw = {"stderr": stderr, "highlight": False}
    if color == "never" or (os.environ.get("NO_COLOR") and color != "always"):
        kw["no_color"] = True
        kw["color_system"] = None  # no escape sequences at all (no bold either)
    elif color == "always":
        kw["force_terminal"] = True
    return Console(**kw)
