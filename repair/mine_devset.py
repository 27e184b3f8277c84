"""Build a parallel dev set of real rule-based MT at run time.

The Spanish side of the shared corpora (``../shared/corpora/newstest2012`` and ``../shared/corpora/parallel``) is
translated with Apertium (``apertium -u spa-eng``) and paired, line by line, with the professional English
reference.  Everything is written to an ignored build folder (default ``build/apertium``): the WMT and News
Commentary text carries no licence to copy, so none of it is ever committed.

    python -m repair.mine_devset [--corpora ../shared/corpora] [--out build/apertium] [--sets NAME,...]
                                 [--nc-lines 20000] [--chunk 200] [--list]

For every set NAME it writes ``NAME.src`` (Spanish), ``NAME.mt`` (Apertium English) and ``NAME.ref`` (reference),
line-aligned.  newstest2012 is split in two, fixed for the whole project: ``newstest2012.dev`` (lines 1-1500, may be
read and mined) and ``newstest2012.test`` (lines 1501-3003: no rule and no miner may see it; report on it only).

Translations are cached per chunk of lines (``OUT/cache/<sha1 of the chunk>.en``), so an interrupted run resumes
where it stopped and a second run costs nothing.  Apertium translates about 400-500 words a second on one core;
run long builds with ``nice`` in the background.

This script installs nothing.  Without the Debian packages ``apertium`` and ``apertium-eng-spa`` it names them and
exits with status 2.  mt-repair itself never needs Apertium.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

PACKAGES = ("apertium", "apertium-eng-spa")
PAIR = "spa-eng"
#: newstest2012 lines 1..DEV_LINES are dev; the rest (1501-3003) is the test split.
DEV_LINES = 1500


@dataclass(frozen=True)
class Spec:
    name: str          # output name
    src: str           # path of the Spanish file, relative to the corpora folder
    ref: str           # path of the English reference
    start: int = 0     # first line (0-based) taken
    stop: int | None = None   # line after the last one taken
    role: str = "mine"  # mine | heldout | test | dev

    def describe(self) -> str:
        span = f"lines {self.start + 1}-{self.stop}" if self.stop else (f"from line {self.start + 1}" if self.start else "all lines")
        return f"{self.name:28s} {self.role:8s} {self.src} ({span})"


def specs(nc_lines: int) -> list[Spec]:
    p = "parallel/"
    out = [
        Spec("newstest2012.dev", "newstest2012/newstest2012.es", "newstest2012/newstest2012.en", 0, DEV_LINES, "dev"),
        Spec("newstest2012.test", "newstest2012/newstest2012.es", "newstest2012/newstest2012.en", DEV_LINES, None, "test"),
        # one WMT year is held out entirely: the miner never reads it
        Spec("wmt2011", p + "wmt-newstest2011.es-en.es", p + "wmt-newstest2011.es-en.en", role="heldout"),
        Spec("wmt2008", p + "wmt-newstest2008.es-en.es", p + "wmt-newstest2008.es-en.en"),
        Spec("wmt2009", p + "wmt-newstest2009.es-en.es", p + "wmt-newstest2009.es-en.en"),
        Spec("wmt2009syscomb", p + "wmt-newssyscomb2009.es-en.es", p + "wmt-newssyscomb2009.es-en.en"),
        Spec("wmt2010", p + "wmt-newstest2010.es-en.es", p + "wmt-newstest2010.es-en.en"),
        Spec("ntrex", p + "ntrex128.es-en.es", p + "ntrex128.es-en.en"),
        # FLORES is held out too (another domain the miner never reads)
        Spec("flores", p + "flores200-devtest.es-en.es", p + "flores200-devtest.es-en.en", role="heldout"),
        Spec("tico", p + "tico19.es-en.es", p + "tico19.es-en.en"),
    ]
    if nc_lines > 0:
        for k, name in ((1, "newscommentary"), (2, "newscommentary2"), (3, "newscommentary3")):
            out.append(Spec(name, p + f"newscommentary-v11-part{k}.es-en.es",
                            p + f"newscommentary-v11-part{k}.es-en.en", 0, nc_lines))
    return out


def require_apertium() -> None:
    """Exit 2 with one line naming the Debian packages when Apertium or its spa-eng pair is missing."""
    missing = "apertium -u spa-eng needs the Debian packages " + " and ".join(PACKAGES) + \
        " (sudo apt-get install " + " ".join(PACKAGES) + "); this script installs nothing"
    if shutil.which("apertium") is None:
        print(f"mine_devset: {missing}", file=sys.stderr)
        raise SystemExit(2)
    try:
        r = subprocess.run(["apertium", "-u", PAIR], input="casa\n", capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as e:
        print(f"mine_devset: apertium failed ({e}); {missing}", file=sys.stderr)
        raise SystemExit(2)
    if r.returncode != 0 or not r.stdout.strip():
        print(f"mine_devset: the {PAIR} pair is not usable; {missing}", file=sys.stderr)
        raise SystemExit(2)


def _apertium(text: str) -> str:
    r = subprocess.run(["apertium", "-u", PAIR], input=text, capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError(f"apertium exited {r.returncode}: {r.stderr.strip()[:200]}")
    return r.stdout


def clean_line(s: str, source: str = "") -> str:
    """Apertium marks words its generator could not inflect with '#' (with -u it leaves unknown words bare):
    drop the marks (when the source has no '#' of its own), keep the words, fold whitespace."""
    if "#" not in source:
        s = s.replace("#", "")
    return " ".join(s.split())


def translate_lines(lines: list[str], cache: Path, chunk: int = 200, log=None) -> list[str]:
    """Translate `lines` with Apertium, `chunk` lines at a time, each chunk cached by the sha1 of its text.
    A chunk whose output has another line count is translated again line by line."""
    cache.mkdir(parents=True, exist_ok=True)
    out: list[str] = []
    for i in range(0, len(lines), chunk):
        part = lines[i:i + chunk]
        text = "\n".join(part) + "\n"
        key = hashlib.sha1(text.encode("utf-8")).hexdigest()
        f = cache / f"{key}.en"
        if f.exists():
            got = f.read_text(encoding="utf-8").split("\n")[:-1]
        else:
            t0 = time.time()
            got = _apertium(text).split("\n")
            if got and got[-1] == "":
                got = got[:-1]
            if len(got) != len(part):
                got = [_apertium(x + "\n").replace("\n", " ").strip() for x in part]
            tmp = f.with_suffix(".tmp")
            tmp.write_text("\n".join(got) + "\n", encoding="utf-8")
            os.replace(tmp, f)
            if log:
                words = sum(len(x.split()) for x in part)
                dt = time.time() - t0
                log(f"  {i + len(part)}/{len(lines)} lines ({words / max(dt, 1e-6):.0f} words/s)")
        out.extend(clean_line(x, y) for x, y in zip(got, part))
    return out


def build(spec: Spec, corpora: Path, out: Path, chunk: int = 200, log=None) -> Path:
    src_all = (corpora / spec.src).read_text(encoding="utf-8").split("\n")
    ref_all = (corpora / spec.ref).read_text(encoding="utf-8").split("\n")
    for x in (src_all, ref_all):
        if x and x[-1] == "":
            x.pop()
    if len(src_all) != len(ref_all):
        raise SystemExit(f"mine_devset: {spec.src} and {spec.ref} differ in line count")
    src = src_all[spec.start:spec.stop]
    ref = ref_all[spec.start:spec.stop]
    mt = translate_lines(src, out / "cache", chunk=chunk, log=log)
    out.mkdir(parents=True, exist_ok=True)
    for ext, lines in (("src", src), ("mt", mt), ("ref", ref)):
        p = out / f"{spec.name}.{ext}"
        tmp = p.with_suffix(p.suffix + ".tmp")
        tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
        os.replace(tmp, p)
    return out / f"{spec.name}.mt"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m repair.mine_devset", description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpora", default="../shared/corpora", help="the shared corpora folder")
    ap.add_argument("--out", default="build/apertium", help="output folder (ignored by git)")
    ap.add_argument("--sets", default="", help="comma-separated set names (default: all)")
    ap.add_argument("--nc-lines", type=int, default=20000, help="News Commentary lines taken (part 1; 0 = none)")
    ap.add_argument("--chunk", type=int, default=200, help="lines per Apertium call and cache entry")
    ap.add_argument("--list", action="store_true", help="list the sets and their roles, translate nothing")
    a = ap.parse_args(argv)
    todo = specs(a.nc_lines)
    if a.sets:
        want = [s.strip() for s in a.sets.split(",") if s.strip()]
        names = {s.name for s in todo}
        bad = [w for w in want if w not in names]
        if bad:
            print(f"mine_devset: unknown set(s) {', '.join(bad)}; known: {', '.join(sorted(names))}", file=sys.stderr)
            return 2
        todo = [s for s in todo if s.name in want]
    if a.list:
        for s in todo:
            print(s.describe())
        return 0
    corpora = Path(a.corpora)
    if not corpora.is_dir():
        print(f"mine_devset: no corpora folder at {corpora}", file=sys.stderr)
        return 2
    require_apertium()
    out = Path(a.out)

    def log(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    for s in todo:
        log(f"{s.name}: {s.describe().split(None, 2)[2]}")
        p = build(s, corpora, out, chunk=a.chunk, log=log)
        log(f"{s.name}: wrote {p.with_suffix('')}.{{src,mt,ref}}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
