"""Which rules move TER, and which way: each applied edit of a repair, scored alone against the reference.

    python bench/ter_rules.py --mt MT.txt --ref REF.txt [--lines A-B] [--top 40] [--show RULE] [--save FILE]
    python bench/ter_rules.py --mt ../shared/corpora/mlqe-pe/ru-en.dev.jsonl   (MLQE-PE: against the post-edit)

Every MT line is repaired as its own text (as ``mt-repair eval --mt`` does).  Each applied finding is then applied
alone to the MT line and the line's TER edits (sacrebleu, sentence level, times the reference length) are compared
with those of the MT: per rule (and per learned rule for ES-L001/ES-L002) the edits that fired, how many brought the
line closer to / further from the reference, and the net TER edits saved (positive is better).  This is a
development aid for tuning rules on the dev sets (newstest2012.dev, wmt2011, flores); never tune on the test split.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def key_of(f) -> str:
    m = re.search(r"\(learned rule (L\w+)\)", f.message or "")
    return f"{f.rule}:{m.group(1)}" if m else f.rule


def main(argv=None) -> int:
    from repair.config import Config
    from repair.mteval import read_pairs
    from repair.pipeline import repair_text
    from sacrebleu.metrics import TER

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mt", required=True)
    ap.add_argument("--ref")
    ap.add_argument("--lines", default="", help="A-B: only lines A..B (1-based)")
    ap.add_argument("--top", type=int, default=40)
    ap.add_argument("--show", default="", help="print the edits of this rule key (e.g. ES-L001:L0012 or K801)")
    ap.add_argument("--save", default="", help="write every edit as JSON lines here")
    ap.add_argument("--source-lang", default=None)
    a = ap.parse_args(argv)
    mt, ref, _ = read_pairs(a.mt, a.ref)
    lo, hi = 1, len(mt)
    if a.lines:
        x, y = a.lines.split("-")
        lo, hi = int(x), int(y)
    ter = TER()
    cfg = Config(source_lang=a.source_lang) if a.source_lang else Config()

    def edits(hyp: str, r: str) -> float:
        n = max(len(r.split()), 1)
        return ter.sentence_score(hyp, [r]).score * n / 100.0

    stats = defaultdict(lambda: [0, 0, 0, 0.0])
    rows = []
    total = 0.0
    for i in range(lo - 1, hi):
        line = mt[i]
        if not line.strip():
            continue
        res = repair_text(line, cfg)
        if res.output == line:
            continue
        d0 = edits(line, ref[i])
        total += d0 - edits(res.output, ref[i])
        for f in res.findings:
            if not f.applied or f.replacement is None:
                continue
            alone = line[:f.start] + f.replacement + line[f.end:]
            gain = d0 - edits(alone, ref[i])
            k = key_of(f)
            st = stats[k]
            st[0] += 1
            st[1] += gain > 0
            st[2] += gain < 0
            st[3] += gain
            rows.append(dict(line=i + 1, key=k, old=line[f.start:f.end], new=f.replacement, gain=round(gain, 2),
                             context=line[max(0, f.start - 40):f.end + 40]))
    print(f"{a.mt} lines {lo}-{hi}: net TER edits saved by the whole repair {total:.1f}")
    print(f"{'rule':24s} {'fires':>6s} {'better':>6s} {'worse':>6s} {'saved':>7s}")
    order = sorted(stats.items(), key=lambda kv: kv[1][3])
    for k, (n, b, w, g) in order[:a.top]:
        print(f"{k:24s} {n:6d} {b:6d} {w:6d} {g:7.1f}")
    if len(order) > a.top:
        print(f"... {len(order) - a.top} more rule keys; sum of all: {sum(v[3] for v in stats.values()):.1f}")
    agg = defaultdict(lambda: [0, 0, 0, 0.0])
    for k, v in stats.items():
        r = agg[k.split(":")[0]]
        for j in range(4):
            r[j] += v[j]
    print("by rule:")
    for k, (n, b, w, g) in sorted(agg.items(), key=lambda kv: kv[1][3]):
        print(f"  {k:22s} {n:6d} {b:6d} {w:6d} {g:7.1f}")
    if a.show:
        for r in rows:
            if r["key"] == a.show or r["key"].split(":")[0] == a.show:
                print(f"  {r['line']:5d} {r['gain']:+5.1f} [{r['old']}] -> [{r['new']}]   …{r['context']}…")
    if a.save:
        with open(a.save, "w", encoding="utf-8") as fh:
            for r in rows:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
