"""The ``mt-repair`` command: argparse and presentation only.  Reading and writing files is
:mod:`repair.io`, the job loop :mod:`repair.jobs`, the one library entry :mod:`repair.api`."""

from __future__ import annotations

import argparse
import os
import sys

from .io import UsageError  # noqa: F401  (re-exported: ``repair.cli.UsageError``)

EXIT_OK, EXIT_FOUND, EXIT_ERROR = 0, 1, 2


def _config(args):
    from .config import Config
    from .jobs import config_fields

    return Config(**config_fields(args))


def _console(args, stderr=False):
    from .batch import make_console

    return make_console(getattr(args, "color", "auto"), stderr=stderr)


def _summary(args, done, check: bool, n_written: int = 0) -> None:
    """The table on stderr: "N rewritten" counts the files written; without ``-w`` nothing was
    written, so the files "would change"; ``check``: "to change"."""
    if len(done) > 1 and not getattr(args, "quiet", False):
        from .batch import summary_table

        write = getattr(args, "write", False) and not check
        verb = "to change" if check else ("rewritten" if write else "would change")
        summary_table([(d.path, d.result) for d in done], _console(args, stderr=True), verb=verb,
                      changed=n_written if write else None)


def _json(name: str, done, check: bool) -> str:
    import json

    from . import report

    res = done.result
    if check:
        res = res.__class__(res.input, res.input, [f.with_(applied=False) for f in res.findings])
    text = report.as_json(name, res)
    if not done.extra:
        return text
    obj = json.loads(text)
    obj.update(done.extra)
    return json.dumps(obj, ensure_ascii=False)


class Interrupted(KeyboardInterrupt):
    """Ctrl-C, with the line that says what was done (``main`` prints it, exit 130)."""


STDIN_HINT = ("mt-repair: reading the text from stdin (end it with Ctrl-D; or give a FILE; "
              "mt-repair fix --help for more)")


def _show(args, d, check: bool, many: bool, first: bool, out, console):
    """One result on stdout, as ``--format``/``--diff`` say; returns the rich console if one was made."""
    from . import report

    p, res = d.path, d.result
    name = "<stdin>" if p == "-" else p
    write = getattr(args, "write", False)
    if args.format == "json":
        out.write(_json(name, d, check) + "\n")
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
            show(res, console, name if many or p != "-" else None, explain=args.explain)
    elif not write:
        if many:  # several texts: a header line before each, as head(1) does; never two texts glued
            out.write(("" if first else "\n") + f"==> {name} <==\n")
            out.write(res.output if res.output.endswith("\n") or not res.output else res.output + "\n")
        else:
            out.write(res.output)
    return console


def cmd_fix_check(args, check: bool) -> int:
    from .io import WriteError, read_input, write_atomic
    from .jobs import repair_inputs, retranslation_from

    paths = args.files or ["-"]
    write = getattr(args, "write", False)
    if write and "-" in paths:
        raise UsageError("--write needs file paths, not stdin")
    if paths.count("-") > 1:
        raise UsageError("stdin ('-') can be read only once")
    if getattr(args, "source", None) and len(paths) != 1:
        raise UsageError("--source goes with exactly one target file")
    if not args.files and sys.stdin.isatty():
        print(STDIN_HINT, file=sys.stderr)
    inputs = [read_input(p) for p in paths]  # read everything first: no partial work
    rt = _models(retranslation_from, args)
    done = _models(repair_inputs, args, inputs, rt)
    any_findings = any(d.result.findings for d in done)
    any_changed = any(d.changed for d in done)
    out = sys.stdout
    console = None
    written: list[str] = []
    failed = 0
    try:
        for i, d in enumerate(done):
            console = _show(args, d, check, len(done) > 1, i == 0, out, console)
            if write and not check and d.changed:
                try:
                    write_atomic(d.path, d.result.output, d.job.read)
                except WriteError as exc:  # this file is left as it was; the others are written
                    out.flush()
                    print(f"mt-repair: error: {exc}", file=sys.stderr)
                    failed += 1
                else:
                    written.append(d.path)
        out.flush()
    except KeyboardInterrupt:
        if not write:
            raise
        what = ("written: " + ", ".join(written)) if written else "nothing written"
        rest = [d.path for d in done if d.changed and d.path not in written]
        raise Interrupted(f"mt-repair: interrupted; {what}" + (f"; not written: {', '.join(rest)}" if rest else
                                                                "")) from None
    _summary(args, done, check, len(written))
    if failed:
        return EXIT_ERROR
    if check:
        return EXIT_FOUND if any_findings else EXIT_OK
    if args.exit_non_zero_on_fix and any_changed:
        return EXIT_FOUND
    return EXIT_OK


def _models(fn, *a):
    """Run ``fn``; a model that cannot be loaded or is missing is a usage error (one line)."""
    from .api import ModelNeeded

    try:
        return fn(*a)
    except ModelNeeded as exc:
        raise UsageError(str(exc)) from None
    except Exception as exc:
        if type(exc).__name__ == "ModelError" and type(exc).__module__.endswith("retranslate.models"):
            raise UsageError(str(exc)) from None
        raise


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
        sp.add_argument("--format", choices=("text", "json", "line"), default="text",
                        help="text: the repaired text (several files: a '==> FILE <==' line before each); "
                             "json: one object per file (schema in the README); line: one line per finding")
        sp.add_argument("--threshold", type=_threshold,
                        help="confidence (0 to 1) at which fixes are applied (default 0.7)")
        sp.add_argument("--source-lang", choices=("es", "pt", "fr", "it"), help="language the copy was translated from")
        sp.add_argument("--select", action="append", help="only these rule ids or prefixes (comma-separated)")
        sp.add_argument("--ignore", action="append", help="skip these rule ids or prefixes (comma-separated)")
        sp.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                        help="colour in a terminal (auto; NO_COLOR is honoured), always or never")
        sp.add_argument("--input-format", choices=("auto", "text", "markdown", "html", "tsv", "jsonl", "xliff"),
                        default="auto", help="how to read the inputs (auto: by extension, .md/.html, "
                        ".tsv/.jsonl/.xlf bilingual; else text)")
        sp.add_argument("--fields", type=_fields, metavar="SRC,TGT",
                        help="bilingual JSONL: the source and target fields (default: src or source; "
                             "tgt, target, mt or translation)")
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
    ev.add_argument("--threshold", type=_threshold,
                    help="confidence (0 to 1) at which fixes are applied (default 0.7)")
    ev.add_argument("--source-lang", choices=("es", "pt", "fr", "it"),
                    help="language the copy was translated from (default: guessed)")
    ev.add_argument("--chunk", type=int, default=30, metavar="N",
                    help="--clean: cut a long one-sentence-a-line file into chunks of N lines (0: whole file)")

    sub.add_parser("rules", help="list the rules")
    md = sub.add_parser("models", help="list the translation models found (Argos packages, $MT_REPAIR_MODEL)")
    md.add_argument("paths", nargs="*", help="also look at these folders or .argosmodel files")
    return p


def _threshold(value: str) -> float:
    try:
        x = float(value)
    except ValueError:
        x = None
    if x is None or not 0.0 <= x <= 1.0:  # nan is no number between 0 and 1 either
        raise argparse.ArgumentTypeError(f"expected a number between 0 and 1, got {value!r}")
    return x


def _fields(value: str) -> tuple[str, str]:
    parts = [v.strip() for v in value.split(",")]
    if len(parts) != 2 or not all(parts):
        raise argparse.ArgumentTypeError("expected two field names: SRC,TGT")
    return parts[0], parts[1]


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
    try:
        return _main(argv)
    except KeyboardInterrupt as exc:  # Ctrl-C at any point: one line, no traceback
        msg = str(exc) if isinstance(exc, Interrupted) else "mt-repair: interrupted"
        try:
            sys.stdout.flush()
        except (OSError, ValueError):
            pass
        print(msg, file=sys.stderr)
        return 130


def _main(argv: list[str] | None = None) -> int:
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

            return _models(cmd_models, args)
    except (UsageError, MissingComponent, RuleError, ConfigError, FormatError) as exc:
        print(f"mt-repair: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:
        return EXIT_OK
    return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
