"""A behaviour fingerprint: the repaired text and the findings (rule, span, decision) of every
article in ``corpora/`` and ``seeds/`` and of newstest2012 English in chunks of 30 lines, one JSON
line each.  Two checkouts that write the same file behave the same on that text.

    python scripts/golden.py OUT.jsonl [--chunks N]      # write
    python scripts/golden.py --compare A.jsonl B.jsonl   # list the texts whose behaviour differs
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # this checkout's repair/, not the one an editable install points at
NEWSTEST = ROOT.parent / "shared" / "corpora" / "newstest2012" / "newstest2012.en"


def texts(chunks: int):
    for p in sorted((ROOT / "corpora").glob("*.txt")) + sorted((ROOT / "seeds").glob("*.txt")):
        yield f"{p.parent.name}/{p.name}", p.read_text(encoding="utf-8")
    if NEWSTEST.exists():
        lines = NEWSTEST.read_text(encoding="utf-8").splitlines()
        for k, i in enumerate(range(0, len(lines), 30)):
            if k >= chunks:
                break
            yield f"newstest2012.en:{i + 1}", "\n".join(lines[i:i + 30]) + "\n"


def write(out: str, chunks: int) -> int:
    from repair.config import Config
    from repair.pipeline import repair_text

    with open(out, "w", encoding="utf-8") as fh:
        for name, text in texts(chunks):
            res = repair_text(text, Config())
            finds = sorted((f.rule, f.start, f.end, f.replacement or "", bool(f.applied)) for f in res.findings)
            fh.write(json.dumps({"name": name, "out": hashlib.sha1(res.output.encode()).hexdigest(),
                                 "applied": sum(1 for f in finds if f[4]), "findings": len(finds),
                                 "f": hashlib.sha1(json.dumps(finds).encode()).hexdigest(),
                                 "rules": sorted({f[0] for f in finds})}) + "\n")
    return 0


def compare(a: str, b: str) -> int:
    load = lambda p: {d["name"]: d for d in map(json.loads, open(p, encoding="utf-8"))}
    A, B = load(a), load(b)
    diff = 0
    for name in sorted(set(A) | set(B)):
        x, y = A.get(name), B.get(name)
        if x is None or y is None or x["out"] != y["out"] or x["f"] != y["f"]:
            diff += 1
            dx = x and (x["applied"], x["findings"]); dy = y and (y["applied"], y["findings"])
            extra = ""
            if x and y:
                extra = f" rules -{sorted(set(x['rules']) - set(y['rules']))} +{sorted(set(y['rules']) - set(x['rules']))}"
            print(f"{name}: (applied, findings) {dx} -> {dy}{extra}")
    print(f"{diff} of {len(set(A) | set(B))} texts differ")
    return 1 if diff else 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", nargs="?")
    ap.add_argument("--chunks", type=int, default=101)
    ap.add_argument("--compare", nargs=2, metavar=("A", "B"))
    a = ap.parse_args(argv)
    if a.compare:
        return compare(*a.compare)
    if not a.out:
        ap.error("OUT or --compare A B")
    return write(a.out, a.chunks)


if __name__ == "__main__":
    sys.exit(main())
