"""Fit the weights and the threshold of the sentence-level MT-damage score (rule K801).

    python -m repair.mtscore_fit [--write] [--corpora ../shared/corpora] [--cache DIR]

Damaged: Apertium spa-eng output of newstest2012 Spanish lines 1-1500 and of newstest2011
Spanish lines 1-2000, MLQE-PE MT with hter >= 0.4.  Clean: newstest2012.en lines 1-1500,
newstest2011 English lines 1-2000, newstest2010 and newstest2009 English, NTREX-128 and
FLORES-200 English, MLQE-PE hter-0 MT.  newstest2012
lines 1501-3003 are never read here (the held-out split).  Apertium (Debian packages
``apertium`` and ``apertium-eng-spa``) is needed only to build the damaged side; its
output is cached in ``--cache``.  A logistic model is fitted on the sentences' features
(numpy, L2-regularised, classes balanced); the threshold is the lowest that keeps the
flags at or under ``max_clean_rate`` per 1,000 words on every clean set; the n-gram trigger's
threshold (``repair.mtngrams``, not a feature of the model) is the lowest that adds at most
``ngram_max_clean_rate`` flags per 1,000 words beyond the model's.  ``--write``
puts the result between the "fitted" markers of ``rules/mtscore.yaml``.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import subprocess
import sys

DEV_LINES = 1500   # newstest2012 lines 1..DEV_LINES are the fit's; the rest are held out


def _lines(path: str, n: int | None = None) -> list[str]:
    with open(path, encoding="utf-8") as f:
        out = [ln.rstrip("\n") for ln in f]
    return out[:n] if n else out


def _mlqe(corpora: str, keep) -> list[str]:
    out = []
    for pair in ("ro-en", "ru-en"):
        with open(os.path.join(corpora, "mlqe-pe", f"{pair}.dev.jsonl"), encoding="utf-8") as f:
            for ln in f:
                r = json.loads(ln)
                if keep(float(r["hter"])):
                    out.append(r["mt"])
    return out


def apertium(lines: list[str], cache: str, name: str) -> list[str]:
    path = os.path.join(cache, f"{name}.apertium.en")
    if os.path.exists(path):
        return _lines(path)
    if not shutil.which("apertium"):
        print("mt-repair: the Apertium output needs the Debian packages 'apertium' and 'apertium-eng-spa'",
              file=sys.stderr)
        raise SystemExit(2)
    res = subprocess.run(["apertium", "-u", "spa-eng"], input="\n".join(lines) + "\n", capture_output=True,
                         text=True, check=True)
    out = res.stdout.rstrip("\n").split("\n")
    os.makedirs(cache, exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")
    return out


def datasets(corpora: str, cache: str) -> dict:
    nt12 = os.path.join(corpora, "newstest2012", "newstest2012")
    nt11 = os.path.join(corpora, "parallel", "wmt-newstest2011.es-en")
    return {
        "damaged": {
            "apertium-newstest2012-dev": (apertium(_lines(nt12 + ".es", DEV_LINES), cache, "nt12-dev"), "es"),
            "apertium-newstest2011": (apertium(_lines(nt11 + ".es", 2000), cache, "nt11"), "es"),
            "mlqe-hter>=0.4": (_mlqe(corpora, lambda h: h >= 0.4), None),
        },
        "clean": {
            "newstest2012.en-dev": (_lines(nt12 + ".en", DEV_LINES), "es"),
            "newstest2011.en": (_lines(nt11 + ".en", 2000), "es"),
            "newstest2010.en": (_lines(os.path.join(corpora, "parallel", "wmt-newstest2010.es-en.en")), "es"),
            "newstest2009.en": (_lines(os.path.join(corpora, "parallel", "wmt-newstest2009.es-en.en")), "es"),
            "ntrex128.en": (_lines(os.path.join(corpora, "parallel", "ntrex128.es-en.en")), "es"),
            "flores200.en": (_lines(os.path.join(corpora, "parallel", "flores200-devtest.es-en.en")), "es"),
            "mlqe-hter0": (_mlqe(corpora, lambda h: h == 0), None),
        },
    }


def featurise(lines: list[str], lang, params) -> list[tuple[int, int, dict]]:
    """(line index, words, features) of every sentence."""
    from .document import Document
    from .mtscore import score_sentences

    out = []
    for i, ln in enumerate(lines):
        for s in score_sentences(Document(ln), lang, params):
            out.append((i, s.words, s.features))
    return out


def vector(words: int, feats: dict, params: dict):
    from .mtscore import FEATURES

    cap = float(params.get("count_cap", 3))
    return [min(feats[k], cap) for k in FEATURES] + [math.log(max(words, 1))]


def fit(X, y, l2: float = 1.0, iters: int = 50):
    """Logistic regression by Newton's method, classes weighted equally."""
    import numpy as np

    X = np.asarray(X, float)
    y = np.asarray(y, float)
    X1 = np.hstack([X, np.ones((len(X), 1))])
    wpos = 0.5 / max(y.mean(), 1e-9)
    wneg = 0.5 / max(1 - y.mean(), 1e-9)
    sw = np.where(y > 0, wpos, wneg)
    beta = np.zeros(X1.shape[1])
    reg = np.full(X1.shape[1], l2)
    reg[-1] = 0.0
    for _ in range(iters):
        p = 1 / (1 + np.exp(-X1 @ beta))
        g = X1.T @ (sw * (p - y)) + reg * beta
        h = (X1 * (sw * p * (1 - p))[:, None]).T @ X1 + np.diag(reg)
        step = np.linalg.solve(h, g)
        beta -= step
        if np.abs(step).max() < 1e-8:
            break
    return beta


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m repair.mtscore_fit", description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpora", default=os.path.join("..", "shared", "corpora"))
    ap.add_argument("--cache", default=os.path.join(os.environ.get("TMPDIR", "/tmp"), "mt-repair-mtscore"))
    ap.add_argument("--write", action="store_true", help="write the fitted block into rules/mtscore.yaml")
    ap.add_argument("--l2", type=float, default=1.0)
    ap.add_argument("--rate", type=float, help="flags per 1,000 words on all clean sets (default: the rule's)")
    ap.add_argument("--each", type=float, help="flags per 1,000 words on each clean set (default: the rule's)")
    args = ap.parse_args(argv)

    from .mtscore import FEATURES, RULE_ID
    from .rules import builtin_dir, rule

    params = dict(rule(RULE_ID).params)
    min_words = int(params.get("min_words", 6))
    data = datasets(args.corpora, args.cache)
    rows = {}   # (side, name) -> list of (line, words, vector)
    ngrams = {}  # (side, name) -> the n-gram trigger's score of each row
    X, y = [], []
    for side, sets in data.items():
        for name, (lines, lang) in sets.items():
            fs = featurise(lines, lang, params)
            ngrams[(side, name)] = [f.get("ngram", 0.0) for _i, _n, f in fs]
            r = [(i, n, vector(n, f, params)) for i, n, f in fs]
            rows[(side, name)] = (r, sum(n for _i, n, _v in r))
            for _i, n, v in r:
                if n >= min_words:
                    X.append(v)
                    y.append(1 if side == "damaged" else 0)
    beta = fit(X, y, l2=args.l2)
    names = list(FEATURES) + ["log_words"]
    weights = {k: round(float(b), 3) for k, b in zip(names, beta[:-1])}
    bias = round(float(beta[-1]), 3)

    def z_of(v):
        return bias + sum(weights[k] * x for k, x in zip(names, v))

    # the threshold: the lowest z that keeps all clean sets together at or under
    # max_clean_rate per 1,000 words, and each one at or under max_clean_rate_each
    rate = args.rate if args.rate is not None else float(params.get("max_clean_rate", 0.3))
    each = args.each if args.each is not None else float(params.get("max_clean_rate_each", 0.5))
    clean = [(r, words) for (side, _n), (r, words) in rows.items() if side == "clean"]
    # sweep the clean sentences' scores from the highest down: the threshold is the lowest one
    # before a bound would break
    total = sum(w for _r, w in clean)
    scored = sorted(((z_of(v), k) for k, (r, _w) in enumerate(clean) for _i, n, v in r if n >= min_words),
                    reverse=True)
    counts = [0] * len(clean)
    zt = scored[0][0] + 1e-3 if scored else 0.0
    for z, k in scored:
        counts[k] += 1
        if sum(counts) > rate * total / 1000 or counts[k] > each * clean[k][1] / 1000:
            break
        zt = z - 1e-6
    threshold = round(1 / (1 + math.exp(-zt)), 4)

    # the n-gram trigger: the lowest score that keeps the clean sentences it flags beyond the
    # model's at or under ngram_max_clean_rate per 1,000 words on all clean sets together and
    # ngram_max_clean_rate_each on each one
    nrate = float(params.get("ngram_max_clean_rate", 0.0))
    neach = float(params.get("ngram_max_clean_rate_each", 0.0))
    keys = [key for key in rows if key[0] == "clean"]
    extra = sorted(((g, k) for k, key in enumerate(keys)
                    for (_i, n, v), g in zip(rows[key][0], ngrams[key]) if n >= min_words and z_of(v) < zt),
                   reverse=True)
    ncounts = [0] * len(keys)
    nt = round(extra[0][0] + 0.01, 2) if extra else 99.0
    for g, k in extra:
        ncounts[k] += 1
        if sum(ncounts) > nrate * total / 1000 or ncounts[k] > neach * rows[keys[k]][1] / 1000:
            break
        nt = g
    nt = math.ceil(nt * 100) / 100   # (rounded up: never more flags than the sweep allowed)

    print(f"weights: {weights}\nbias: {bias}\nthreshold: {threshold} (z {zt:.3f})\nngram_threshold: {nt}")
    print(f"{'set':32s} {'sentences':>9s} {'words':>7s} {'flagged':>7s} {'share':>6s} {'/1k w':>6s} {'+ngram':>6s}")
    for key, (r, words) in rows.items():
        side, name = key
        model = sum(1 for _i, n, v in r if n >= min_words and z_of(v) >= zt)
        flagged = sum(1 for (_i, n, v), g in zip(r, ngrams[key]) if n >= min_words and (z_of(v) >= zt or g >= nt))
        print(f"{side + ':' + name:32s} {len(r):9d} {words:7d} {flagged:7d} {flagged / max(len(r), 1):6.1%} "
              f"{flagged / max(words, 1) * 1000:6.2f} {flagged - model:6d}")

    if args.write:
        path = os.path.join(builtin_dir(), "mtscore.yaml")
        with open(path, encoding="utf-8") as f:
            text = f.read()
        a = text.index("# --- fitted: begin")
        a = text.index("\n", a) + 1
        b = text.index("# --- fitted: end")
        b = text.rindex("\n", 0, b) + 1
        indent = " " * 6
        w = ", ".join(f"{k}: {v}" for k, v in weights.items() if k != "log_words")
        block = (f"{indent}bias: {bias}\n{indent}length_weight: {weights['log_words']}\n"
                 f"{indent}threshold: {threshold}\n{indent}ngram_threshold: {nt}\n{indent}weights: {{{w}}}\n")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text[:a] + block + text[b:])
        print(f"written: {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
