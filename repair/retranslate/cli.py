"""Command-line side of re-translation: ``fix --source/--model``, bilingual files and
``mt-repair models``.  Imported by ``repair.cli`` only when one of those is used, so the
plain ``fix`` never imports ctranslate2."""

from __future__ import annotations

import json
import os
import sys

from .bilingual import guess_format


def wants_retranslation(args) -> bool:
    """True when ``fix``/``check`` must go through here: a source, a model, or a bilingual file."""
    if getattr(args, "source", None) or getattr(args, "model", None) or getattr(args, "back_model", None):
        return True
    return any(p != "-" and guess_format(p, "") for p in (getattr(args, "files", None) or []))


def _load(spec, args):
    from .models import ModelError, load

    try:
        return load(spec, compute_type=getattr(args, "compute_type", None) or "int8")
    except ModelError:
        raise
    except Exception as exc:  # noqa: BLE001 - any loader failure is one line
        raise ModelError(f"{spec}: cannot load model ({exc})") from None


def run_fix(args, check: bool, read, write_atomic, config, usage_error) -> int:
    """``read(path) -> str``, ``write_atomic(path, text)``, ``usage_error``: the CLI's."""
    from .engine import Options, repair_round_trip, repair_segments, repair_with_source
    from .models import ModelError

    paths = args.files or ["-"]
    write = getattr(args, "write", False)
    if write and "-" in paths:
        raise usage_error("--write needs file paths, not stdin")
    if args.source and len(paths) != 1:
        raise usage_error("--source goes with exactly one target file")
    inputs = [(p, read(p)) for p in paths]
    source = read(args.source) if args.source else None
    opts = Options(beam_size=getattr(args, "beam_size", None) or 4)
    try:
        model = None
        if args.model or os.environ.get("MT_REPAIR_MODEL") and (source is not None or args.back_model):
            model = _load(args.model, args)
        back = _load(args.back_model, args) if args.back_model else None
        results = []
        for p, text in inputs:
            fmt = guess_format(p, text) if p != "-" else None
            if fmt:
                from .bilingual import read_bilingual, write_back

                try:
                    segs = read_bilingual(text, fmt)
                except ValueError as exc:
                    raise usage_error(f"{p}: {exc}") from None
                new, res = repair_segments([(s.src, s.tgt) for s in segs], model, config, opts)
                results.append((p, text, res, write_back(text, segs, new)))
            elif source is not None:
                if model is None:
                    raise ModelError("--source needs a model: use --model PATH or set MT_REPAIR_MODEL")
                res = repair_with_source(text, source, model, config, opts)
                results.append((p, text, res, res.output))
            elif back is not None:
                if model is None:
                    raise ModelError("--back-model needs --model too (target→source with --back-model, "
                                     "source→target with --model)")
                res = repair_round_trip(text, back, model, config, opts)
                results.append((p, text, res, res.output))
            else:
                from ..pipeline import repair_text

                res = repair_text(text, config)
                results.append((p, text, res, res.output))
    except ModelError as exc:
        raise usage_error(str(exc)) from None
    out = sys.stdout
    any_findings = any_changed = False
    from .. import report

    for p, text, res, new_text in results:
        name = "<stdin>" if p == "-" else p
        any_findings |= bool(res.findings)
        any_changed |= new_text != text
        if args.format == "json":
            obj = json.loads(report.as_json(name, res))
            obj["output"] = text if check else new_text
            if check:
                for f in obj["findings"]:
                    f["applied"] = False
            al = getattr(res, "alignment", None)
            if al is not None and source is not None:
                obj["alignment"] = al.to_json()
            if getattr(res, "stats", None):
                obj["retranslation"] = {"stats": res.stats, "decisions": res.decisions}
            out.write(json.dumps(obj, ensure_ascii=False) + "\n")
        elif args.format == "line" or check:
            for line in report.as_lines(name, res):
                out.write(line + "\n")
        elif not write:
            out.write(new_text)
        if write and not check and new_text != text:
            write_atomic(p, new_text)
    out.flush()
    if check:
        return 1 if any_findings else 0
    if getattr(args, "exit_non_zero_on_fix", False) and any_changed:
        return 1
    return 0


def cmd_models(args) -> int:
    from .models import argos_package_dirs, list_models

    found = list_models(getattr(args, "paths", None) or [])
    if not found:
        print("no models found (looked in " + ", ".join(argos_package_dirs())
              + "; give a folder or .argosmodel with --model or MT_REPAIR_MODEL)", file=sys.stderr)
        return 1
    for m in found:
        print(m.describe())
    return 0
