"""Many files: per-file configuration and format, ``--jobs N`` worker processes, a progress bar
on stderr (when it is a terminal) and the summary table.

The inputs are all read before any work starts (nothing is written unless every input was
read); the workers only repair text and send the results back."""

from __future__ import annotations

import os
import sys
from collections import Counter
from dataclasses import dataclass

from .config import Config
from .pipeline import Result


@dataclass(frozen=True)
class Job:
    path: str      # "-" for stdin
    text: str
    config: Config
    fmt: str       # text|markdown|html


def repair_one(job: Job) -> Result:
    from .formats import repair_document

    return repair_document(job.text, job.config, job.fmt)


def _repair_many(jobs: list[Job]) -> list[Result]:
    return [repair_one(j) for j in jobs]


def _pool(n: int):
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods and sys.platform != "darwin" else None)
    return ProcessPoolExecutor(max_workers=n, mp_context=ctx)


def run(jobs: list[Job], n_jobs: int = 1, progress=None) -> list[Result]:
    """Repair every job, in order; ``progress(done, total, path)`` after each."""
    n_jobs = (os.cpu_count() or 1) if n_jobs <= 0 else n_jobs
    n_jobs = min(n_jobs, len(jobs))
    total = len(jobs)
    if n_jobs <= 1:
        out = []
        for i, job in enumerate(jobs):
            out.append(repair_one(job))
            if progress:
                progress(i + 1, total, job.path)
        return out
    results: list[Result | None] = [None] * total
    # the first file is repaired here: it loads rules, lexicons and caches that the forked
    # workers then share instead of each building them again
    results[0] = repair_one(jobs[0])
    done = 1
    if progress:
        progress(1, total, jobs[0].path)
    # a few files per task (less traffic between the processes), small enough to balance the load
    size = max(1, min(16, (total - 1) // (n_jobs * 4)))
    chunks = [list(range(i, min(i + size, total))) for i in range(1, total, size)]
    with _pool(n_jobs) as ex:
        futures = {ex.submit(_repair_many, [jobs[i] for i in c]): c for c in chunks}
        from concurrent.futures import as_completed

        for fut in as_completed(futures):
            chunk = futures[fut]
            for i, res in zip(chunk, fut.result()):
                results[i] = res
            done += len(chunk)
            if progress:
                progress(done, total, jobs[chunk[-1]].path)
    return results  # type: ignore[return-value]


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


def summary_table(results: list[tuple[str, Result]], console, verb: str = "changed") -> None:
    from rich.table import Table

    s = summarize(results)
    n_find = sum(s["findings"].values())
    t = Table(title=f"mt-repair: {s['files']} files, {s['changed']} {verb}, {n_find} findings",
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
