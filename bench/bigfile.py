"""Time and peak memory of ``mt-repair fix`` on one big file (a script, never a timed test).

    python bench/bigfile.py [--mb 50,5] [--json]

Builds a file of about N MB from the newstest2012 sentences (../shared/corpora, one paragraph a
line) with the seed article's damaged paragraphs mixed in (one in 20), runs ``mt-repair fix FILE``
as a fresh process with stdout to /dev/null, and reports wall time, CPU time (user + system: the figure to
compare on a loaded machine), words/s and the process's peak
RSS (``wait4``), also as a multiple of the input's size.  Several sizes show whether time and
memory grow linearly."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NEWSTEST = ROOT.parent / "shared" / "corpora" / "newstest2012" / "newstest2012.en"


def build(path: Path, mb: float) -> int:
    if not NEWSTEST.exists():
        sys.exit(f"bigfile: {NEWSTEST} not found")
    clean = [ln for ln in NEWSTEST.read_text(encoding="utf-8").splitlines() if ln.strip()]
    damaged = [ln for ln in (ROOT / "seeds" / "nato-russia.txt").read_text(encoding="utf-8").splitlines() if ln.strip()]
    target = int(mb * 1024 * 1024)
    size = words = 0
    with open(path, "w", encoding="utf-8") as f:
        i = 0
        while size < target:
            ln = damaged[(i // 20) % len(damaged)] if i % 20 == 19 else clean[i % len(clean)]
            f.write(ln + "\n")
            size += len(ln.encode("utf-8")) + 1
            words += len(ln.split())
            i += 1
    return words


def run(mb: float) -> dict:
    exe = Path(sys.executable).with_name("mt-repair")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "repair"]
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "big.txt"
        words = build(path, mb)
        nbytes = path.stat().st_size
        t0 = time.perf_counter()
        p = subprocess.Popen([*cmd, "fix", "--no-config", "-q", str(path)], stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE)
        _, status, ru = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t0
        err = p.stderr.read().decode(errors="replace") if p.stderr else ""
        code = os.waitstatus_to_exitcode(status)
        if code != 0:
            sys.exit(f"bigfile: exit {code}: {err.strip()[-500:]}")
    rss = ru.ru_maxrss * 1024
    return {"mb": round(nbytes / 1024 / 1024, 1), "words": words, "wall_s": round(wall, 1),
            "words_per_s": round(words / wall), "cpu_s": round(ru.ru_utime + ru.ru_stime, 1),
            "peak_rss_mib": round(rss / 1024 / 1024),
            "rss_per_input": round(rss / nbytes, 1)}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", default="50", help="sizes in MB, comma-separated (default 50)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    rows = [run(float(x)) for x in args.mb.split(",")]
    if args.json:
        print(json.dumps(rows))
        return 0
    for r in rows:
        print(f"{r['mb']:>6} MB  {r['words']:>9} words  {r['wall_s']:>7} s wall  {r['cpu_s']:>7} s CPU  "
              f"{r['words_per_s']:>6} words/s  "
              f"peak RSS {r['peak_rss_mib']} MiB ({r['rss_per_input']}x the input)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
