"""How often the gate of the gated learned rules (ES-L002) opens: on clean copy it should stay nearly shut.

    python -m repair.learned_gate [--lines | --chunk N] [--jsonl FIELD] [--hter0] FILE...

Each file is read as one text per line (``--lines``, the way ``mt-repair eval --mt`` repairs MT lines), as
chunks of N lines (``--chunk``, the way ``mt-repair eval --clean`` reads newstest2012.en), or whole.  A ``.jsonl``
file (MLQE-PE) gives the ``mt`` field of each record (``--hter0``: only the segments with ``hter`` 0).  Reported:
sentences, the share whose gate opens, and the documents that open as a whole.  The thresholds are the
``params.gate`` of ES-L002 in ``rules/learned.yaml``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def texts_of(path: Path, lines: bool, chunk: int, hter0: bool) -> list[str]:
    raw = path.read_text(encoding="utf-8")
    if path.suffix == ".jsonl":
        recs = [json.loads(x) for x in raw.splitlines() if x.strip()]
        return [r["mt"] for r in recs if not hter0 or float(r.get("hter", 1)) == 0]
    ls = raw.splitlines()
    if lines:
        return [x for x in ls if x.strip()]
    if chunk:
        return ["\n\n".join(ls[i:i + chunk]) for i in range(0, len(ls), chunk)]
    return [raw]


def main(argv=None) -> int:
    from .detectors.learned import gate_report

    ap = argparse.ArgumentParser(prog="python -m repair.learned_gate", description=__doc__.split("\n\n")[0])
    ap.add_argument("files", nargs="+")
    ap.add_argument("--lines", action="store_true", help="one text per line")
    ap.add_argument("--chunk", type=int, default=0, help="texts of N lines, one sentence a paragraph")
    ap.add_argument("--hter0", action="store_true", help="MLQE-PE: only the hter-0 segments")
    ap.add_argument("--lang", default="es")
    a = ap.parse_args(argv)
    print(f"{'file':44s} {'texts':>6s} {'sents':>6s} {'open':>6s} {'open%':>6s} {'docs open':>9s}")
    for f in a.files:
        p = Path(f)
        if not p.is_file():
            print(f"learned_gate: {f}: no such file", file=sys.stderr)
            return 2
        n = o = d = 0
        texts = texts_of(p, a.lines, a.chunk, a.hter0)
        for t in texts:
            r = gate_report(t, a.lang)
            n += r["sentences"]
            o += r["open"]
            d += bool(r["document_open"])
        name = f if len(f) <= 44 else "…" + f[-43:]
        print(f"{name:44s} {len(texts):>6d} {n:>6d} {o:>6d} {100.0 * o / max(n, 1):>6.1f} {d:>9d}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
