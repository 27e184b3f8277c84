"""Findings and applied fixes per 1,000 words on clean professional English, by rule.

    python scripts/cleanfind.py [FILE ...] [--chunk 30] [-v]

Default files: newstest2012.en and NTREX-128 English from ../shared/corpora.  Each file is cut into
chunks of --chunk lines (one sentence a line) and repaired with the default configuration.
-v prints every applied fix with its line.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # this checkout's repair/, not the one an editable install points at
SHARED = ROOT.parent / "shared" / "corpora"
DEFAULT = [SHARED / "newstest2012" / "newstest2012.en", SHARED / "parallel" / "ntrex128.es-en.en"]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="*", default=[str(p) for p in DEFAULT])
    ap.add_argument("--chunk", type=int, default=30)
    ap.add_argument("-v", "--verbose", action="store_true")
    a = ap.parse_args(argv)
    from repair.config import Config
    from repair.pipeline import repair_text

    for path in a.files:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
        words = sum(len(l.split()) for l in lines)
        found, applied = Counter(), Counter()
        for i in range(0, len(lines), a.chunk):
            text = "\n".join(lines[i:i + a.chunk]) + "\n"
            res = repair_text(text, Config())
            for f in res.findings:
                found[f.rule] += 1
                if f.applied:
                    applied[f.rule] += 1
                    if a.verbose:
                        ln = text.count("\n", 0, f.start)
                        print(f"  {f.rule} {text[f.start:f.end]!r} -> {f.replacement!r}  | {lines[i + ln][:140]}")
        nf, na = sum(found.values()), sum(applied.values())
        print(f"{Path(path).name}: {words} words, applied {na} = {1000 * na / words:.2f}/1k, "
              f"findings {nf} = {1000 * nf / words:.2f}/1k")
        print("  findings: " + ", ".join(f"{r} {n}" for r, n in found.most_common(25)))
        if applied:
            print("  applied:  " + ", ".join(f"{r} {n}" for r, n in applied.most_common(25)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
