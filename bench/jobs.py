"""Wall time of ``mt-repair check --jobs N`` over many articles (a script, never a timed test).

    python bench/jobs.py [--articles 200] [--jobs 1,2] [--runs 1] [--json]

Writes the synthetic damaged articles of ``bench/benchmark.py`` (from
../shared/corpora/newstest2012) to a temporary folder, then runs the real command as a fresh
process for each --jobs value (start-up, reading, repair in worker processes, output), median of
--runs runs."""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=200)
    ap.add_argument("--jobs", default="1,2")
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    from benchmark import articles

    texts = articles("synth", args.articles, args.seed)
    exe = Path(sys.executable).with_name("mt-repair")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "repair"]
    out = {"articles": len(texts), "words": sum(len(t.split()) for t in texts), "cpus": os.cpu_count(), "wall_s": {}}
    with tempfile.TemporaryDirectory() as d:
        paths = []
        for i, t in enumerate(texts):
            p = Path(d) / f"article-{i:04d}.txt"
            p.write_text(t, encoding="utf-8")
            paths.append(str(p))
        for n in [int(x) for x in args.jobs.split(",")]:
            times = []
            for _ in range(args.runs):
                t0 = time.perf_counter()
                p = subprocess.run([*cmd, "check", "--no-config", "-q", "--format", "json", "--jobs", str(n), *paths],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
                times.append(time.perf_counter() - t0)
                if p.returncode not in (0, 1):
                    sys.exit(f"jobs: exit {p.returncode}: {p.stderr.decode()[-500:]}")
            out["wall_s"][n] = round(statistics.median(times), 2)
    base = out["wall_s"].get(1)
    if base:
        out["speed_up"] = {n: round(base / t, 2) for n, t in out["wall_s"].items()}
    if args.json:
        print(json.dumps(out))
    else:
        print(f"{out['articles']} articles, {out['words']} words, {out['cpus']} CPUs")
        for n, t in out["wall_s"].items():
            print(f"  --jobs {n}: {t:.2f} s" + (f"  (x{out['speed_up'][n]})" if base else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
