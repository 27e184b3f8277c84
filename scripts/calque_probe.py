"""Fires of one detector's rules on Apertium output and on clean English, with the word-level edit
distance to the reference before and after each fix.

    python scripts/calque_probe.py RULE[,RULE] [--sets newstest2012.dev,wmt2008,...] [--clean FILE ...] [-v N]

Each line of ``build/apertium/NAME.mt`` is repaired alone by the detectors of the named rules only
(``patterns`` for a plain pattern rule; not the whole pipeline); every finding is counted (applied = confidence >= 0.7), and an applied fix
is scored by the token edit distance of the line to ``NAME.ref`` before and after it: closer, same,
further.  The references (``NAME.ref``) and the --clean files are clean English: every finding there
is a false alarm.  Held-out sets (newstest2012.test, wmt2011, flores) are refused.
"""

from __future__ import annotations

import argparse
import importlib
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HELD_OUT = ("newstest2012.test", "wmt2011", "flores")
TOK = re.compile(r"\w+(?:[-'’]\w+)*|[^\w\s]")


def _dist(a, b):
    try:
        from rapidfuzz.distance import Levenshtein

        return Levenshtein.distance(a, b)
    except ImportError:  # pragma: no cover
        import difflib

        sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
        return len(a) + len(b) - 2 * sum(m.size for m in sm.get_matching_blocks())


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("rules")
    ap.add_argument("--sets", default="newstest2012.dev,wmt2008,wmt2009,wmt2010,ntrex,tico,newscommentary")
    ap.add_argument("--dir", default=str(ROOT / "build" / "apertium"))
    ap.add_argument("--clean", nargs="*", default=[])
    ap.add_argument("-v", type=int, default=0, help="print N examples of each outcome")
    ap.add_argument("--lang", default=None, help="the source language to assume (default: guessed per line)")
    a = ap.parse_args(argv)
    from repair.config import Config
    from repair.detectors import Context
    from repair.document import Document
    from repair.rules import load_rules
    from repair.model import apply_edits, Edit

    ids = set(a.rules.split(","))
    rules = load_rules()
    # (a plain pattern rule has no detector of its own: repair/detectors/patterns.py runs it)
    mods = sorted({getattr(r, "detector", None) or "patterns" for r in rules if r.id in ids})
    mods = [importlib.import_module(f"repair.detectors.{m}") for m in mods]
    cfg = Config(source_lang=a.lang) if a.lang else Config()

    def run(line):
        doc = Document(line)
        ctx = Context(config=cfg, doc=doc, rules=rules)
        return [f for m in mods for f in m.detect(doc, ctx) if f.rule in ids]

    for name in a.sets.split(","):
        if name in HELD_OUT:
            print(f"{name}: held out, refused", file=sys.stderr)
            return 2
        mt = Path(a.dir, f"{name}.mt").read_text(encoding="utf-8").splitlines()
        ref = Path(a.dir, f"{name}.ref").read_text(encoding="utf-8").splitlines()
        c = Counter()
        shown = Counter()
        for m, r in zip(mt, ref):
            R = TOK.findall(r.lower())
            for f in run(m):
                c["found"] += 1
                if f.replacement is None or f.confidence < 0.7:
                    continue
                c["applied"] += 1
                fixed = apply_edits(m, [Edit(f.start, f.end, f.replacement, f.rule)])
                d = _dist(TOK.findall(m.lower()), R) - _dist(TOK.findall(fixed.lower()), R)
                k = "closer" if d > 0 else "further" if d < 0 else "same"
                c[k] += 1
                if shown[k] < a.v:
                    shown[k] += 1
                    print(f"  [{k}] {f.rule} {f.text!r}->{f.replacement!r} | {m[:150]}")
            for f in run(r):
                c["ref_found"] += 1
                c["ref_applied"] += f.replacement is not None and f.confidence >= 0.7
                if a.v and shown["ref"] < a.v:
                    shown["ref"] += 1
                    print(f"  [ref] {f.rule} {f.text!r}->{f.replacement!r} {f.confidence} | {r[:150]}")
        words = sum(len(x.split()) for x in ref)
        print(f"{name}: {len(mt)} lines; MT found {c['found']} applied {c['applied']} (closer {c['closer']}, "
              f"same {c['same']}, further {c['further']}); reference ({words} words) found {c['ref_found']} "
              f"applied {c['ref_applied']}")
    for path in a.clean:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
        words = sum(len(x.split()) for x in lines)
        nf = na = 0
        for line in lines:
            for f in run(line):
                nf += 1
                ok = f.replacement is not None and f.confidence >= 0.7
                na += ok
                if a.v:
                    print(f"  [clean{'*' if ok else ''}] {f.rule} {f.text!r}->{f.replacement!r} | {line[:150]}")
        print(f"{Path(path).name}: {words} words, found {nf} ({1000 * nf / words:.2f}/1k), applied {na}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
