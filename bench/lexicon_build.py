"""How long the first run's lexicon index takes to build (a script, never a timed test).

    nice python bench/lexicon_build.py [--runs 2]

Builds the SQLite evidence index (``repair.lexicon._build_index``) into a temporary folder,
alternating with the build as it was before (``get_frequency_dict`` and a float round trip
per word, SQLite's default synchronous writes), and prints the median of each, their ratio,
the file size, and that both hold the same rows.  Run it on an idle machine for the absolute
figure the README quotes; the ratio holds on a loaded one.
"""

from __future__ import annotations

import argparse
import math
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from repair import lexicon as L  # noqa: E402


def build_before(path: str, sources: list[str]) -> None:
    """The build of CACHE_VERSION 1 (kept here only to measure against)."""
    import wordfreq as wf

    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode=OFF")
    con.execute("CREATE TABLE uni (w TEXT PRIMARY KEY, c INTEGER) WITHOUT ROWID")
    con.execute("CREATE TABLE bi (k TEXT PRIMARY KEY, c INTEGER) WITHOUT ROWID")
    con.execute("CREATE TABLE zipf (lang TEXT, w TEXT, z INTEGER, PRIMARY KEY (lang, w)) WITHOUT ROWID")
    with open(sources[0], encoding="utf-8") as f:
        rows = (line.split() for line in f)
        con.executemany("INSERT OR REPLACE INTO uni VALUES (?, ?)", ((r[0], int(r[1])) for r in rows if len(r) == 2))
    with open(sources[1], encoding="utf-8") as f:
        rows = (line.split() for line in f)
        con.executemany("INSERT OR REPLACE INTO bi VALUES (?, ?)",
                        ((r[0] + " " + r[1], int(r[2])) for r in rows if len(r) == 3))
    for lang in L.LANGS:
        floor = 0.0 if lang == "en" else L.MIN_FOREIGN_ZIPF
        wf.get_frequency_dict.cache_clear()
        wf.get_frequency_list.cache_clear()
        items = ((lang, w, int(round((math.log10(fr) + 9) * 100)))
                 for w, fr in wf.get_frequency_dict(lang, wordlist="best").items())
        con.executemany("INSERT OR REPLACE INTO zipf VALUES (?, ?, ?)", (t for t in items if t[2] >= floor * 100))
    con.commit()
    con.close()


def rows(path: str) -> int:
    con = sqlite3.connect(path)
    n = sum(con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("uni", "bi", "zipf"))
    con.close()
    return n


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=2)
    args = ap.parse_args()
    sources = L._sources()
    t0 = time.perf_counter()
    key = L.index_key(sources)
    t_key = time.perf_counter() - t0
    times = {"before": [], "now": []}
    with tempfile.TemporaryDirectory() as d:
        for i in range(args.runs):
            for name, fn in (("before", build_before), ("now", L._build_index)):
                p = os.path.join(d, f"{name}{i}.sqlite")
                t = time.perf_counter()
                fn(p, sources)
                times[name].append(time.perf_counter() - t)
        same = rows(os.path.join(d, "before0.sqlite")) == rows(os.path.join(d, "now0.sqlite"))
        size = os.path.getsize(os.path.join(d, "now0.sqlite"))
    b, n = statistics.median(times["before"]), statistics.median(times["now"])
    print(f"index key (content of {len(sources)} files): {t_key * 1000:.1f} ms -> {key}")
    print(f"build before: {b:.2f} s   now: {n:.2f} s   ratio now/before: {n / b:.2f}   "
          f"size {size / 1e6:.1f} MB   same row count: {same}   (median of {args.runs}; load {os.getloadavg()[0]:.1f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
