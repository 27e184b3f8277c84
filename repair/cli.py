"""The ``mt-repair`` command."""

from __future__ import annotations

import argparse
import os
import sys

EXIT_OK, EXIT_FOUND, EXIT_ERROR = 0, 1, 2


class UsageError(Exception):
    pass


def _read(path: str) -> str:
    if path == "-":
        data = sys.stdin.buffer.read()
        name = "<stdin>"
    else:
        if os.path.isdir(path):
            raise UsageError(f"{path}: is a directory")
        try:
            with open(path, "rb") as f:
                data = f.read()
        except OSError as exc:
            raise UsageError(f"{path}: cannot read: {exc.strerror}") from None
        name = path
    try:
        # keep line endings exactly as they are
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UsageError(f"{name}: not UTF-8 text (byte {exc.start})") from None


def _write_atomic(path: str, text: str) -> None:
    import tempfile

    d = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".mt-repair-", dir=d)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(text.encode("utf-8"))
        try:
            os.chmod(tmp, os.stat(path).st_mode & 0o7777)
        except OSError:
            pass
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _config(args):
    from .config import Config

    return Config(**_config_kw(args))


def _config_kw(args) -> dict:
    """Config fields given on the command line (they win over configuration files)."""
    kw = {}
    if getattr(args, "threshold", None) is not None:
        kw["threshold"] = args.threshold
    if getattr(args, "source_lang", None):
        kw["source_lang"] = args.source_lang
    if getattr(args, "select", None):
        kw["select"] = tuple(s for v in args.select for s in v.split(",") if s)
    if getattr(args, "ignore", None):
        kw["ignore"] = tuple(s for v in args.ignore for s in v.split(",") if s)
    if getattr(args, "languagetool_apply", None):
        kw["languagetool_apply"] = tuple(s for v in args.languagetool_apply for s in v.split(",") if s)
    return kw


def _jobs(args, inputs):
    """One batch job per input: its configuration (files found by walking up from it, then the
    command line) and its format (--input-format, the configuration, the extension)."""
    from .batch import Job
    from .config_file import config_for
    from .formats import format_for

    kw = _config_kw(args)
    use_files = not getattr(args, "no_config", False)
    jobs = []
    for p, text in inputs:
        config = config_for(p, cli=kw, use_files=use_files)
        jobs.append(Job(p, text, config, format_for(p, config, getattr(args, "input_format", None))))
    return jobs


def _repair_all(args, inputs):
    """Repair every input (in --jobs worker processes), with a progress bar on stderr when it
    is a terminal and there are several files."""
    from .batch import run as run_jobs

    jobs = _jobs(args, inputs)
    n = getattr(args, "jobs", 1) or 1
    if len(jobs) > 1 and not getattr(args, "quiet", False) and sys.stderr.isatty():
        from .batch import Progress

        with Progress(len(jobs), _console(args, stderr=True)) as progress:
            return run_jobs(jobs, n, progress)
    return run_jobs(jobs, n)


def _summary(args, results, check: bool) -> None:
    if len(results) > 1 and not getattr(args, "quiet", False):
        from .batch import summary_table

        summary_table([(p, r) for p, _, r in results], _console(args, stderr=True),
                      verb="to change" if check else ("rewritten" if getattr(args, "write", False) else "changed"))


def _console(args, stderr=False):
    from rich.console import Console

    color = getattr(args, "color", "auto")
    kw = {"stderr": stderr, "highlight": False}
    if color == "never" or (os.environ.get("NO_COLOR") and color != "always"):
        kw["no_color"] = True
        kw["color_system"] = None  # no escape sequences at all (no bold either)
    elif color == "always":
        kw["force_terminal"] = True
    return Console(**kw)


def cmd_fix_check(args, check: bool) -> int:
    from . import report

    paths = args.files or ["-"]
    write = getattr(args, "write", False)
    if write and "-" in paths:
        raise UsageError("--write needs file paths, not stdin")
    if paths.count("-") > 1:
        raise UsageError("stdin ('-') can be read only once")
    config = _config(args)
    from .retranslate.cli import wants_retranslation

    if wants_retranslation(args):  # --source/--model or a bilingual file (issue 4)
        from .retranslate.cli import run_fix

        return run_fix(args, check, _read, _write_atomic, config, UsageError)
    inputs = [(p, _read(p)) for p in paths]  # read everything first: no partial work
    results = [(p, t, r) for (p, t), r in zip(inputs, _repair_all(args, inputs))]
    if getattr(args, "languagetool", None) is not None or os.environ.get("MT_REPAIR_LANGUAGETOOL"):
        from . import languagetool

        results = languagetool.run(args.languagetool, config, results)
    any_findings = False
    any_changed = False
    out = sys.stdout
    console = None
    for p, text, res in results:
        name = "<stdin>" if p == "-" else p
        any_findings |= bool(res.findings)
        any_changed |= res.changed
        if args.format == "json":
            if check:
                res = res.__class__(res.input, res.input, [f.with_(applied=False) for f in res.findings])
            out.write(report.as_json(name, res) + "\n")
        elif args.format == "line" or check:
            for line in report.as_lines(name, res):
                out.write(line + "\n")
        elif getattr(args, "diff", None) or getattr(args, "explain", False):
            mode = getattr(args, "diff", None) or "auto"
            if mode == "auto":
                mode = "inline" if sys.stdout.isatty() or args.color == "always" else "unified"
            if mode == "unified":
                from .diffs import unified

                out.write(unified(name, res, explain=args.explain))
            else:
                from . import diffs

                console = console or _console(args)
                show = diffs.inline if mode == "inline" else diffs.side_by_side
                show(res, console, name if len(results) > 1 or p != "-" else None, explain=args.explain)
        elif not write:
            out.write(res.output)
        if write and not check and res.changed:
            _write_atomic(p, res.output)
    out.flush()
    _summary(args, results, check)
    if check:
        return EXIT_FOUND if any_findings else EXIT_OK
    if args.exit_non_zero_on_fix and any_changed:
        return EXIT_FOUND
    return EXIT_OK


def cmd_eval(args) -> int:
    from .evaluate import main as eval_main

    return eval_main(args)


def cmd_rules(args) -> int:
    from .rules import load_rules

    for r in load_rules():
        lang = ",".join(r.lang) or "-"
        print(f"{r.id}\t{r.kind}\t{lang}\t{r.confidence:.2f}\t{r.message}")
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    from . import __version__

    p = argparse.ArgumentParser(prog="mt-repair", description="Repair machine-translated news copy.")
    p.add_argument("--version", action="version", version=f"mt-repair {__version__}")
    sub = p.add_subparsers(dest="command")

    def common(sp):
        sp.add_argument("files", nargs="*", help="files to read ('-' or none: stdin)")
        sp.add_argument("--format", choices=("text", "json", "line"), default="text")
        sp.add_argument("--threshold", type=float, help="confidence at which fixes are applied (default 0.7)")
        sp.add_argument("--source-lang", choices=("es", "pt", "fr", "it"), help="language the copy was translated from")
        sp.add_argument("--select", action="append", help="only these rule ids or prefixes (comma-separated)")
        sp.add_argument("--ignore", action="append", help="skip these rule ids or prefixes (comma-separated)")
        sp.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                        help="colour in a terminal (auto; NO_COLOR is honoured), always or never")
        sp.add_argument("--input-format", choices=("auto", "text", "markdown", "html"), default="auto",
                        help="how to read the inputs (auto: by extension, .md/.html; else text)")
        sp.add_argument("--no-config", action="store_true",
                        help="ignore pyproject.toml [tool.mt-repair] and .mt-repair.toml files")
        sp.add_argument("-j", "--jobs", type=int, default=1, metavar="N",
                        help="repair files in N worker processes (0: one per CPU)")
        sp.add_argument("-q", "--quiet", action="store_true", help="no progress bar, no summary")
        sp.add_argument("--languagetool", metavar="URL|DIR",
                        help="also check with LanguageTool: a server URL or an installed LanguageTool folder "
                             "(default: $MT_REPAIR_LANGUAGETOOL; nothing is downloaded)")
        sp.add_argument("--languagetool-apply", action="append", metavar="ID,...",
                        help="LanguageTool rule ids whose first suggestion is applied (others are suggestions)")

    fx = sub.add_parser("fix", help="print (or write) the repaired text")
    common(fx)
    fx.add_argument("-w", "--write", action="store_true", help="rewrite the files in place (atomically)")
    fx.add_argument("--diff", nargs="?", const="auto", choices=("auto", "inline", "side", "unified"),
                    help="show a diff instead of the text: inline (word level, the default in a terminal), "
                         "side (side by side) or unified (for patch; the default when piped)")
    fx.add_argument("--explain", action="store_true",
                    help="with the diff, the rule id, kind, confidence and reason of each change")
    fx.add_argument("--exit-non-zero-on-fix", action="store_true", help="exit 1 when something changed")
    fx.add_argument("--source", metavar="FILE", help="the source text the copy was translated from: damaged "
                    "sentences are re-translated with --model and spliced back")
    fx.add_argument("--model", metavar="PATH|xx-yy", help="CTranslate2 model: Argos package folder or .argosmodel, "
                    "OPUS-MT folder, or an installed Argos pair (default: $MT_REPAIR_MODEL)")
    fx.add_argument("--back-model", metavar="PATH|xx-yy", help="without --source: round trip through the "
                    "source language (this model: target to source; --model: source to target)")
    fx.add_argument("--compute-type", default="int8", help="CTranslate2 compute type (default int8, on CPU)")
    fx.add_argument("--beam-size", type=int, default=4, help="beam size of the re-translation (default 4)")

    ck = sub.add_parser("check", help="report findings, change nothing")
    common(ck)

    rv = sub.add_parser("review", help="review each change interactively, then write the accepted ones")
    common(rv)
    rv.add_argument("--context", type=int, default=1, metavar="N", help="lines of context around a change")

    ev = sub.add_parser("eval", help="score against gold annotations (NAME.txt + NAME.gold.yaml)")
    ev.add_argument("paths", nargs="*", help="gold files, articles or folders")
    ev.add_argument("--mt", metavar="FILE", help="TER/BLEU before and after repair: MT lines (or MLQE-PE .jsonl)")
    ev.add_argument("--ref", metavar="FILE", help="with --mt: the line-aligned reference")
    ev.add_argument("--clean", action="store_true", help="the paths are clean copy: count edits per 1,000 words")
    ev.add_argument("--json", action="store_true", help="print the figures as JSON")
    ev.add_argument("--verbose", "-v", action="store_true", help="list missed fragments and stray edits")
    ev.add_argument("--threshold", type=float)
    ev.add_argument("--source-lang", choices=("es", "pt", "fr", "it"))
    ev.add_argument("--chunk", type=int, default=30, metavar="N",
                    help="--clean: cut a long one-sentence-a-line file into chunks of N lines (0: whole file)")

    sub.add_parser("rules", help="list the rules")
    md = sub.add_parser("models", help="list the translation models found (Argos packages, $MT_REPAIR_MODEL)")
    md.add_argument("paths", nargs="*", help="also look at these folders or .argosmodel files")
    return p


def _diff_optional(argv: list[str]) -> list[str]:
    """``--diff`` takes an optional mode: ``--diff FILE`` keeps meaning the default diff of FILE."""
    out = list(argv)
    for i, a in enumerate(out):
        if a == "--":
            break
        if a == "--diff" and (i + 1 >= len(out) or out[i + 1] not in ("auto", "inline", "side", "unified")):
            out[i] = "--diff=auto"
    return out


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    argv = _diff_optional(list(sys.argv[1:] if argv is None else argv))
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0) and EXIT_ERROR
    if not args.command:
        parser.print_help(sys.stderr)
        return EXIT_ERROR
    from .config_file import ConfigError
    from .formats import FormatError
    from .lexicon import MissingComponent
    from .rules import RuleError

    try:
        if args.command == "fix":
            return cmd_fix_check(args, check=False)
        if args.command == "check":
            return cmd_fix_check(args, check=True)
        if args.command == "review":
            from .review import cmd_review

            return cmd_review(args)
        if args.command == "eval":
            return cmd_eval(args)
        if args.command == "rules":
            return cmd_rules(args)
        if args.command == "models":
            from .retranslate.cli import cmd_models

            return cmd_models(args)
    except (UsageError, MissingComponent, RuleError, ConfigError, FormatError) as exc:
        print(f"mt-repair: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
