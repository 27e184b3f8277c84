"""Tune the gate of the gated learned rules (ES-L002) offline: TER saved on MT dev sets against edits on clean copy.

    python bench/gate_tune.py --gated FILE.yaml [--mt-sets newstest2012.dev,wmt2011] [--clean FILE ...]
                              [--scores 0.5,0.8,1.0,1.5,2.0]

For every line of the MT sets (``build/apertium/NAME.mt`` against ``NAME.ref``; never the test split) and of the
clean English files, the K801 score of each sentence is computed once; the gated rules are applied where no strict
learned rule has the place, and kept where the sentence's score reaches the threshold.  Reported per threshold:
net TER edits saved on the MT sets (each line's gated edits together, against the MT line: an estimate, since the
other detectors' edits are not applied first), and the gated edits on the clean files.  A development aid.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def sentence_scores(text: str, lang: str, kparams):
    from repair import mtscore as MS
    from repair.document import Document

    doc = Document(text)
    out = []
    for s in doc.sentences:
        sc = MS.score_span(doc, s.start, s.end, lang, kparams)
        out.append((s.start, s.end, sc.words, sc.score))
    return out


def gated_edits(text: str, strict, gated):
    """(gated edits where no strict rule has the place, the strict edits' spans)"""
    from repair.learned import apply_rules

    _, se = apply_rules(text, strict)
    spans = [(s, e) for s, e, _, _ in se]
    _, ge = apply_rules(text, gated)
    return [(s, e, rep, r) for s, e, rep, r in ge if not any(s < y and x < e or s == x for x, y in spans)], spans


def opens(x, sc, t, min_words, strict_spans):
    return any(s <= x[0] < e and w >= min_words and (v >= t or any(s <= a < e for a, _ in strict_spans))
               for s, e, w, v in sc)


def main(argv=None) -> int:
    from repair import mtscore as MS
    from repair.learned import load_learned
    from sacrebleu.metrics import TER

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--gated", required=True)
    ap.add_argument("--data", default="build/apertium")
    ap.add_argument("--mt-sets", default="newstest2012.dev,wmt2011")
    ap.add_argument("--clean", nargs="*", default=["../shared/corpora/newstest2012/newstest2012.en"])
    ap.add_argument("--scores", default="0.3,0.4,0.5,0.6,0.7,0.8,0.9")
    ap.add_argument("--min-words", type=int, default=6)
    ap.add_argument("--show-clean", action="store_true")
    ap.add_argument("--strict-opens", action="store_true", help="a strict learned edit opens its sentence too")
    a = ap.parse_args(argv)
    if any(n.endswith(".test") for n in a.mt_sets.split(",")):
        raise SystemExit("gate_tune: the test split is for reporting only")
    strict = load_learned("es")
    gated = load_learned("es", str(Path(a.gated).parent), tier="gated")
    thr = [(float(x), so) for x in a.scores.split(",") for so in ((False, True) if a.strict_opens else (False,))]
    kp = MS._params()
    ter = TER()

    def ed(h, r):
        return ter.sentence_score(h, [r]).score * max(len(r.split()), 1) / 100.0

    for name in a.mt_sets.split(","):
        mt = (Path(a.data) / f"{name}.mt").read_text(encoding="utf-8").splitlines()
        ref = (Path(a.data) / f"{name}.ref").read_text(encoding="utf-8").splitlines()
        refw = sum(len(r.split()) for r in ref)
        saved = {t: [0.0, 0, 0, 0] for t in thr}
        for line, r in zip(mt, ref):
            ge, sp = gated_edits(line, strict, gated)
            if not ge:
                continue
            sc = sentence_scores(line, "es", kp)
            d0 = ed(line, r)
            for t in thr:
                keep = [x for x in ge if opens(x, sc, t[0], a.min_words, sp if t[1] else [])]
                if not keep:
                    continue
                out = line
                for s, e, rep, _ in sorted(keep, key=lambda x: -x[0]):
                    out = out[:s] + rep + out[e:]
                g = d0 - ed(out, r)
                st = saved[t]
                st[0] += g
                st[1] += len(keep)
                st[2] += g > 0
                st[3] += g < 0
        print(f"{name}: {len(mt)} lines, {refw} reference words")
        for t in thr:
            g, n, b, w = saved[t]
            print(f"  score >= {t[0]:4.2f}{' or strict' if t[1] else '          '}: {n:5d} edits, lines better {b:4d} worse {w:4d}, TER edits saved {g:7.1f}"
                  f" = {100 * g / refw:.3f} TER")
    for f in a.clean:
        lines = Path(f).read_text(encoding="utf-8").splitlines()
        words = sum(len(x.split()) for x in lines)
        hits = {t: [] for t in thr}
        for line in lines:
            ge, sp = gated_edits(line, strict, gated)
            if not ge:
                continue
            sc = sentence_scores(line, "es", kp)
            for t in thr:
                for x in ge:
                    if opens(x, sc, t[0], a.min_words, sp if t[1] else []):
                        hits[t].append((line[max(0, x[0] - 30):x[1] + 30], x[3].id))
        print(f"{f}: {words} words")
        for t in thr:
            print(f"  score >= {t[0]:4.2f}{' or strict' if t[1] else '          '}: {len(hits[t]):4d} gated edits ({1000 * len(hits[t]) / words:.2f}/1k)")
            if a.show_clean:
                for c, rid in hits[t][:15]:
                    print(f"      {rid}: …{c}…")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
