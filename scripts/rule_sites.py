"""Which rules fire where: counts of findings (and applied fixes) per rule on the seed, on the
other dev articles, on clean newstest2012 English and on Apertium output of the first 1,500
lines of newstest2012.es (the dev split; lines 1501-3003 are held out and never read).

    python scripts/rule_sites.py [--apertium FILE] [--json OUT]

FILE: ``head -n 1500 ../shared/corpora/newstest2012/newstest2012.es | apertium -u spa-eng``
(made here when not given and ``apertium`` is installed).  A rule that fires on the seed only
is fitted to one sentence: generalise it or retire it (see docs/ARCHITECTURE.md).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpora"
DEV_LINES = 1500


def chunks(lines, n=30):
    for i in range(0, len(lines), n):
        yield "\n".join(lines[i:i + n]) + "\n"


def run(texts, config):
    from repair.pipeline import repair_text

    fired, applied, where = Counter(), Counter(), defaultdict(list)
    for name, text in texts:
        res = repair_text(text, config)
        for f in res.findings:
            fired[f.rule] += 1
            applied[f.rule] += bool(f.applied)
            if len(where[f.rule]) < 3:
                where[f.rule].append(f"{name}: {f.text!r}")
    return fired, applied, where


def apertium_dev() -> list[str]:
    src = SHARED / "newstest2012" / "newstest2012.es"
    if not shutil.which("apertium") or not src.exists():
        return []
    with open(src, encoding="utf-8") as f:
        head = [next(f) for _ in range(DEV_LINES)]  # never read past the dev split
    out = subprocess.run(["apertium", "-u", "spa-eng"], input="".join(head), capture_output=True, text=True,
                         check=True).stdout
    return out.splitlines()


def main(argv=None) -> int:
    sys.path.insert(0, str(ROOT))
    from repair.config import Config
    from repair.rules import load_rules

    ap = argparse.ArgumentParser()
    ap.add_argument("--apertium", help="Apertium output of the first 1,500 lines (made when absent)")
    ap.add_argument("--json", help="write the table as JSON here")
    a = ap.parse_args(argv)

    seed = [("seed", (ROOT / "seeds" / "nato-russia.txt").read_text(encoding="utf-8"))]
    dev = [(p.stem, p.read_text(encoding="utf-8")) for p in sorted((ROOT / "corpora").glob("*.txt"))
           if p.stem != "nato-russia"]
    clean_lines = (SHARED / "newstest2012" / "newstest2012.en").read_text(encoding="utf-8").splitlines()
    clean = [(f"newstest.en:{i * 30 + 1}", t) for i, t in enumerate(chunks(clean_lines))]
    if a.apertium:
        ap_lines = Path(a.apertium).read_text(encoding="utf-8").splitlines()[:DEV_LINES]
    else:
        ap_lines = apertium_dev()
    aper = [(f"apertium:{i * 30 + 1}", t) for i, t in enumerate(chunks(ap_lines))]

    sets = {"seed": (seed, Config(source_lang="es")), "dev": (dev, Config()),
            "clean": (clean, Config()), "apertium": (aper, Config(source_lang="es"))}
    table = {}
    for name, (texts, cfg) in sets.items():
        table[name] = run(texts, cfg)
    rows = []
    for r in load_rules():
        row = {"id": r.id, "source": r.source}
        for name in sets:
            fired, applied, where = table[name]
            row[name] = fired[r.id]
            row[name + "_applied"] = applied[r.id]
            row[name + "_where"] = where[r.id]
        row["seed_only"] = row["seed"] > 0 and not (row["dev"] or row["apertium"])
        row["never"] = not (row["seed"] or row["dev"] or row["apertium"])
        rows.append(row)
    print(f"{'rule':10} {'seed':>5} {'dev':>5} {'aper':>5} {'clean':>5}  (applied on clean)")
    for row in rows:
        flag = "  SEED ONLY" if row["seed_only"] else "  never" if row["never"] else ""
        print(f"{row['id']:10} {row['seed']:5} {row['dev']:5} {row['apertium']:5} {row['clean']:5} "
              f"({row['clean_applied']}){flag}")
    print(f"\n{sum(r['seed_only'] for r in rows)} of {len(rows)} rules fire on the seed only; "
          f"{sum(r['never'] for r in rows)} fire nowhere in these sets")
    if a.json:
        Path(a.json).write_text(json.dumps(rows, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
