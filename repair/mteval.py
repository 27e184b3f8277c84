"""TER and BLEU before and after repair, with sacrebleu: the figures an MT researcher reads.

    mt-repair eval --mt MT.txt --ref REF.txt     line-aligned MT output and its reference
    mt-repair eval --mt SET.jsonl                MLQE-PE records: ``mt`` against its post-edit (``pe_detok_auto``)

Every MT line is repaired as its own text (the tool never sees the reference).  Reported: corpus TER and BLEU of
the MT against the reference before and after repair, how many lines the repair changed, and how many of those got
closer to or further from the reference (sentence TER).  For MLQE-PE also the share of ``hter`` 0 segments (judged
correct by a post-editor) that the repair left unchanged.

sacrebleu is an optional dependency (``pip install 'mt-repair[eval]'``), imported only here; without it the command
prints one line and exits 2.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

from .io import UsageError


def _sacrebleu():
    try:
        import sacrebleu  # noqa: F401
        from sacrebleu.metrics import BLEU, TER
    except ImportError:
        from .lexicon import MissingComponent

        raise MissingComponent("TER/BLEU need the Python package 'sacrebleu' (pip install 'mt-repair[eval]')") from None
    return BLEU, TER


def _lines(path: Path) -> list[str]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UsageError(f"{path}: no such file") from None
    except UnicodeDecodeError:
        raise UsageError(f"{path}: not UTF-8 text") from None
    return text.splitlines()


def read_pairs(mt: str, ref: str | None) -> tuple[list[str], list[str], list[bool] | None]:
    """(mt lines, reference lines, hter-0 flags or None)."""
    p = Path(mt)
    if p.suffix == ".jsonl":
        mts, refs, zero = [], [], []
        for ln, line in enumerate(_lines(p), 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError:
                raise UsageError(f"{p}:{ln}: not a JSON line") from None
            pe = rec.get("pe_detok_auto") or rec.get("pe")
            if "mt" not in rec or pe is None:
                raise UsageError(f"{p}:{ln}: expected MLQE-PE records with 'mt' and 'pe_detok_auto' fields")
            mts.append(rec["mt"])
            refs.append(pe)
            zero.append(float(rec.get("hter", 1)) == 0)
        return mts, refs, zero
    if not ref:
        raise UsageError("--mt FILE needs --ref FILE (line-aligned reference), unless FILE is MLQE-PE .jsonl")
    mts, refs = _lines(p), _lines(Path(ref))
    if len(mts) != len(refs):
        raise UsageError(f"{mt} has {len(mts)} lines but {ref} has {len(refs)}: they must be line-aligned")
    return mts, refs, None


@dataclass
class MTScore:
    path: str
    lines: int
    ter_before: float
    ter_after: float
    bleu_before: float
    bleu_after: float
    changed: int
    closer: int
    further: int
    hter0: int | None = None
    hter0_unchanged: int | None = None
    examples: list[tuple[int, str, str]] = field(default_factory=list)

    def as_dict(self) -> dict:
        d = {k: v for k, v in self.__dict__.items() if k != "examples"}
        if self.hter0:
            d["hter0_unchanged_pct"] = round(100.0 * (self.hter0_unchanged or 0) / self.hter0, 2)
        return d


def repair_lines(lines: list[str], config) -> list[str]:
    from . import pipeline

    out = []
    for line in lines:
        if not line.strip():
            out.append(line)
            continue
        out.append(pipeline.repair_text(line, config).output)
    return out


def score(mt: list[str], ref: list[str], fixed: list[str], zero: list[bool] | None = None,
          path: str = "", keep_examples: bool = False) -> MTScore:
    BLEU, TER = _sacrebleu()
    ter, bleu = TER(), BLEU()
    closer = further = 0
    examples = []
    changed = [i for i, (a, b) in enumerate(zip(mt, fixed)) if a != b]
    for i in changed:
        d = ter.sentence_score(fixed[i], [ref[i]]).score - ter.sentence_score(mt[i], [ref[i]]).score
        closer += d < 0
        further += d > 0
        if keep_examples:
            examples.append((i, mt[i], fixed[i]))
    s = MTScore(
        path=path, lines=len(mt),
        ter_before=round(ter.corpus_score(mt, [ref]).score, 2), ter_after=round(ter.corpus_score(fixed, [ref]).score, 2),
        bleu_before=round(bleu.corpus_score(mt, [ref]).score, 2),
        bleu_after=round(bleu.corpus_score(fixed, [ref]).score, 2),
        changed=len(changed), closer=closer, further=further, examples=examples,
    )
    if zero is not None:
        s.hter0 = sum(zero)
        s.hter0_unchanged = sum(1 for z, a, b in zip(zero, mt, fixed) if z and a == b)
    return s


def run(args, config) -> int:
    _sacrebleu()  # fail early, before any repair work
    mt, ref, zero = read_pairs(args.mt, getattr(args, "ref", None))
    fixed = repair_lines(mt, config)
    s = score(mt, ref, fixed, zero, path=args.mt, keep_examples=getattr(args, "verbose", False))
    if getattr(args, "json", False):
        d = s.as_dict()
        if args.verbose:
            d["changes"] = [{"line": i + 1, "mt": a, "repaired": b} for i, a, b in s.examples]
        print(json.dumps(d, ensure_ascii=False, indent=2))
        return 0
    w = sys.stdout.write
    w(f"{args.mt}: {s.lines} lines against {'the post-edit' if zero is not None else args.ref}\n")
    w(f"  TER   {s.ter_before:6.2f} -> {s.ter_after:6.2f}  ({s.ter_after - s.ter_before:+.2f}; lower is better)\n")
    w(f"  BLEU  {s.bleu_before:6.2f} -> {s.bleu_after:6.2f}  ({s.bleu_after - s.bleu_before:+.2f}; higher is better)\n")
    w(f"  lines changed {s.changed} of {s.lines}: {s.closer} closer to the reference, {s.further} further "
      f"(sentence TER)\n")
    if s.hter0 is not None:
        pct = 100.0 * s.hter0_unchanged / s.hter0 if s.hter0 else 100.0
        w(f"  hter-0 segments unchanged: {s.hter0_unchanged} of {s.hter0} ({pct:.1f} %)\n")
    if args.verbose:
        for i, a, b in s.examples:
            w(f"  line {i + 1}:\n    - {a}\n    + {b}\n")
    return 0
