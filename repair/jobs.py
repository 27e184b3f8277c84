"""The job loop: every input of ``fix``, ``check`` and ``review`` goes through here.

One :class:`Job` per input: its text, its configuration (built-in defaults < the nearest
configuration file < its matching overrides < the command line), its format (plain text,
Markdown, HTML or a bilingual TSV/JSONL/XLIFF file).  :func:`run` repairs them all through the one
library entry (:func:`repair.api.prepare`/:func:`repair.api.finish`) — in ``--jobs`` worker
processes when no model is loaded — adds LanguageTool's matches when one was chosen, and returns
one :class:`Done` per job, in order.  Presentation (text, JSON, lines, diffs, the summary) is the
CLI's.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from .config import Config
from .io import Input, UsageError
from .pipeline import Result


@dataclass(frozen=True)
class Job:
    path: str      # "-" for stdin
    text: str
    config: Config
    fmt: str       # text|markdown|html|tsv|jsonl|xliff
    read: Input | None = field(default=None, compare=False, repr=False)  # for the check before a write


@dataclass
class Done:
    job: Job
    result: Result                              # input/output/findings in the input's own terms
    extra: dict = field(default_factory=dict)   # JSON extras (alignment, re-translation figures)

    @property
    def path(self) -> str:
        return self.job.path

    @property
    def changed(self) -> bool:
        return self.result.output != self.result.input


@dataclass
class Retranslation:
    """What ``--source``/``--model``/``--back-model`` asked for, loaded."""
    source: str | None = None
    model: object = None
    back_model: object = None
    options: object = None


def format_of(path: str, text: str, config: Config, override: str | None = None) -> str:
    """``--input-format`` (when not ``auto``), else a bilingual file by its name or content, else
    the configuration's ``input-format``, else by extension."""
    if override and override != "auto":
        return override
    if path != "-":
        from .bilingual import guess_format

        bi = guess_format(path, text)
        if bi:
            return bi
    from .formats import format_for

    return format_for(path, config)


def make_jobs(inputs: list[Input], cli: dict | None = None, use_files: bool = True,
              input_format: str | None = None) -> list[Job]:
    """One job per input; ``cli``: the Config fields given on the command line."""
    from .config_file import config_for

    jobs = []
    for inp in inputs:
        config = config_for(inp.path, cli=cli or {}, use_files=use_files)
        jobs.append(Job(inp.path, inp.text, config, format_of(inp.path, inp.text, config, input_format), inp))
    return jobs


def _prepare(job: Job, rt: Retranslation | None = None, fields=None):
    from . import api
    from .bilingual import FORMATS as BI

    try:
        if rt is None:
            return api.prepare(job.text, job.config, fmt=job.fmt, fields=fields)
        return api.prepare(job.text, job.config, fmt=job.fmt, source=rt.source, model=rt.model,
                           back_model=rt.back_model, options=rt.options, fields=fields)
    except ValueError as exc:
        if job.fmt in BI and type(exc) is ValueError:  # a malformed bilingual file
            raise UsageError(f"{job.path}: {exc}") from None
        raise


def _prepare_many(jobs: list[Job], fields=None) -> list:
    return [_prepare(j, None, fields) for j in jobs]


def repair_one(job: Job) -> Result:
    """One job, through the library entry (no model, no LanguageTool)."""
    from . import api

    return api.finish(_prepare(job))


def _ignore_sigint() -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's: it stops the workers


def _pool(n: int):
    import multiprocessing
    import sys
    from concurrent.futures import ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods and sys.platform != "darwin" else None)
    return ProcessPoolExecutor(max_workers=n, mp_context=ctx, initializer=_ignore_sigint)


def _stop(ex) -> None:
    """Stop a pool now (Ctrl-C, an error): queued work cancelled, running workers terminated."""
    procs = list((getattr(ex, "_processes", None) or {}).values())
    manager = getattr(ex, "_executor_manager_thread", None)   # (shutdown forgets it)
    ex.shutdown(wait=False, cancel_futures=True)
    for pr in procs:
        try:
            pr.terminate()
        except (OSError, ValueError, AttributeError):
            pass
    for pr in procs:
        try:
            pr.join(5)
        except (OSError, ValueError, AssertionError, AttributeError):
            pass
    # the pool's manager thread closes its wake-up pipe when it sees the workers gone; at exit,
    # concurrent.futures wakes every manager thread still registered, and one that has not closed
    # yet races it ("Exception ignored ... Bad file descriptor" after the one line of Ctrl-C):
    # wait for it here
    if manager is not None:
        try:
            manager.join(5)
        except RuntimeError:
            pass
        if manager.is_alive():   # (not closed in time: the exit hook must not wake it)
            from concurrent.futures import process

            process._threads_wakeups.pop(manager, None)


def _stages(jobs: list[Job], n_jobs: int, progress, rt: Retranslation | None, fields) -> list:
    total = len(jobs)
    n_jobs = (os.cpu_count() or 1) if n_jobs <= 0 else n_jobs
    n_jobs = min(n_jobs, total)
    if n_jobs <= 1 or rt is not None:  # a loaded model stays in this process
        out = []
        for i, job in enumerate(jobs):
            out.append(_prepare(job, rt, fields))
            if progress:
                progress(i + 1, total, job.path)
        return out
    stages: list = [None] * total
    # the first file is repaired here: it loads rules, lexicons and caches that the forked
    # workers then share instead of each building them again
    stages[0] = _prepare(jobs[0], None, fields)
    done = 1
    if progress:
        progress(1, total, jobs[0].path)
    # a few files per task (less traffic between the processes), small enough to balance the load
    size = max(1, min(16, (total - 1) // (n_jobs * 4)))
    chunks = [list(range(i, min(i + size, total))) for i in range(1, total, size)]
    from concurrent.futures import as_completed

    ex = _pool(n_jobs)
    try:
        futures = {ex.submit(_prepare_many, [jobs[i] for i in c], fields): c for c in chunks}
        for fut in as_completed(futures):
            chunk = futures[fut]
            for i, st in zip(chunk, fut.result()):
                stages[i] = st
            done += len(chunk)
            if progress:
                progress(done, total, jobs[chunk[-1]].path)
    except BaseException:
        _stop(ex)
        raise
    ex.shutdown()
    return stages


def run(jobs: list[Job], n_jobs: int = 1, progress=None, retranslation: Retranslation | None = None,
        languagetool: str | None = None, fields: tuple[str, str] | None = None) -> list[Done]:
    """Repair every job, in order; ``progress(done, total, path)`` after each.  ``languagetool``:
    the ``--languagetool`` option (``None``: ``$MT_REPAIR_LANGUAGETOOL`` or none); when it cannot
    be used, one warning line and the run goes on without it."""
    from . import api

    stages = _stages(jobs, n_jobs, progress, retranslation, fields)
    if languagetool is not None or os.environ.get("MT_REPAIR_LANGUAGETOOL"):
        from . import languagetool as lt

        items = [(j.path, j.text, st.result, j.config) for j, st in zip(jobs, stages)]
        for st, item in zip(stages, lt.run(languagetool, None, items)):
            st.result = item[2]
    return [Done(j, api.finish(st), st.extra) for j, st in zip(jobs, stages)]


# --------------------------------------------------------------------------- from command-line options


def _split(values) -> tuple[str, ...]:
    return tuple(s.strip() for v in values for s in v.split(",") if s.strip())


def config_fields(args) -> dict:
    """Config fields given as options (a namespace with ``threshold``, ``source_lang``, ``select``,
    ``ignore``, ``languagetool_apply``); they win over configuration files."""
    kw = {}
    if getattr(args, "threshold", None) is not None:
        kw["threshold"] = args.threshold
    if getattr(args, "source_lang", None):
        kw["source_lang"] = args.source_lang
    if getattr(args, "select", None):
        kw["select"] = _split(args.select)
    if getattr(args, "ignore", None):
        kw["ignore"] = _split(args.ignore)
    if getattr(args, "languagetool_apply", None):
        kw["languagetool_apply"] = _split(args.languagetool_apply)
    return kw


# rule ids that no rule file holds: the re-translation's findings (LanguageTool's are "LT:...")
ENGINE_RULES = ("MT101", "MT102", "MT201")


def unknown_rules(patterns, rule_dir_sets=((),)) -> list[str]:
    """The ``--select``/``--ignore`` entries that are no rule id and no prefix of one (in the built-in
    rules, the configured rule folders, the engine's ids; anything ``LT:`` is LanguageTool's)."""
    patterns = [p for p in patterns if not p.upper().startswith("LT")]
    if not patterns:
        return []
    from .rules import load_rules

    ids = set(ENGINE_RULES)
    for dirs in rule_dir_sets or ((),):
        ids.update(r.id for r in load_rules(tuple(dirs)))
    return [p for p in patterns if not any(i == p or i.startswith(p) for i in ids)]


def retranslation_from(args) -> Retranslation | None:
    """``--source``/``--model``/``--back-model`` loaded (``None`` when none is given: nothing of
    :mod:`repair.retranslate` is imported)."""
    source_path = getattr(args, "source", None)
    model_spec = getattr(args, "model", None)
    back_spec = getattr(args, "back_model", None)
    if not (source_path or model_spec or back_spec):
        return None
    from .api import load_model
    from .io import read_text
    from .retranslate.engine import Options

    source = read_text(source_path) if source_path else None
    compute = getattr(args, "compute_type", None) or "int8"
    model = None
    if model_spec or os.environ.get("MT_REPAIR_MODEL") and (source is not None or back_spec):
        model = load_model(model_spec, compute)
    back = load_model(back_spec, compute) if back_spec else None
    return Retranslation(source, model, back, Options(beam_size=getattr(args, "beam_size", None) or 4))


def repair_inputs(args, inputs: list[Input], retranslation: Retranslation | None = None) -> list[Done]:
    """The inputs repaired as the options say: per-file configuration (unless ``no_config``),
    format (``input_format``), ``jobs`` workers, LanguageTool; a progress bar on stderr (when it is
    a terminal) when there are several files and not ``quiet``."""
    import sys

    cli = config_fields(args)
    jobs = make_jobs(inputs, cli, not getattr(args, "no_config", False), getattr(args, "input_format", None))
    for key in ("select", "ignore"):
        bad = unknown_rules(cli.get(key, ()), {j.config.rule_dirs for j in jobs})
        if bad:
            raise UsageError(f"--{key} {','.join(bad)}: no such rule or prefix (mt-repair rules lists them)")
    n = getattr(args, "jobs", 1)
    n = 1 if n is None else n
    fields = getattr(args, "fields", None)
    kw = dict(retranslation=retranslation, languagetool=getattr(args, "languagetool", None), fields=fields)
    if len(jobs) > 1 and not getattr(args, "quiet", False) and sys.stderr.isatty():
        from .batch import Progress, make_console

        with Progress(len(jobs), make_console(getattr(args, "color", "auto"), stderr=True)) as progress:
            return run(jobs, n, progress, **kw)
    return run(jobs, n, **kw)
