"""Build ``rules/learned/mt-ngrams-en.tsv``: word sequences typical of machine translation.

    python -m repair.mtngrams_fit [--data build/apertium-x] [--sets NAME,...] [--vocab 1000]
                                  [--min-count 50] [--min-ratio 0.5] [--out FILE]

Reads line-aligned Apertium spa-eng output and its professional reference (``NAME.mt`` and
``NAME.ref``, built by ``python -m repair.mine_devset --out build/apertium-x --nc-lines 65794``;
the default sets are the three parts of News Commentary and WMT 2008, none of which the
MT-damage score's fit, the TER evaluation or the clean-copy measures read).  Each sentence
becomes a sequence of tokens and word classes (``repair.mtngrams.classes``: the ``--vocab`` most
frequent lowercase words of the references stay words), and for every bigram and trigram the
number of MT and of reference sentences holding it is counted.  An n-gram seen in at least
``--min-count`` sentences of the two sides together whose log ratio (add-one smoothed, per
sentence) is at least ``--min-ratio`` either way is kept, with both counts.

The corpora's text is never written: the file holds only the vocabulary of frequent English
words and n-grams of words and classes with their counts.  Without the built files the script
says how to build them and exits with status 2 (building them needs the Debian packages
``apertium`` and ``apertium-eng-spa``; mt-repair never needs them).
"""

from __future__ import annotations

import argparse
import math
import os
import sys
from collections import Counter

DEFAULT_SETS = ("newscommentary", "newscommentary2", "newscommentary3", "wmt2008")


def tokens(line: str) -> list[str]:
    from .document import TOKEN_RE

    return TOKEN_RE.findall(line)


def count(lines, vocab) -> Counter:
    from .mtngrams import classes, grams

    c: Counter = Counter()
    for ln in lines:
        c.update({g for _i, _j, g in grams(classes(tokens(ln), vocab))})
    return c


def build(mt: list[str], ref: list[str], n_vocab: int, min_count: int, min_ratio: float):
    """(vocabulary in frequency order, [(gram, log ratio, MT sentences, reference sentences)])."""
    words: Counter = Counter()
    for ln in ref:
        words.update(t for t in tokens(ln) if t.isalpha() and t.islower())
    vocab = [w for w, _n in words.most_common(n_vocab)]
    vs = frozenset(vocab)
    cm, cr = count(mt, vs), count(ref, vs)
    nm, nr = len(mt), len(ref)
    rows = []
    for g in cm.keys() | cr.keys():
        a, b = cm[g], cr[g]
        if a + b < min_count:
            continue
        r = math.log((a + 1) / (nm + 2)) - math.log((b + 1) / (nr + 2))
        if abs(r) >= min_ratio:
            rows.append((g, round(r, 3), a, b))
    rows.sort(key=lambda x: (-x[1], x[0]))
    return vocab, rows


def main(argv=None) -> int:
    from .mtngrams import path as default_out

    ap = argparse.ArgumentParser(prog="python -m repair.mtngrams_fit", description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", default=os.path.join("build", "apertium-x"))
    ap.add_argument("--sets", default=",".join(DEFAULT_SETS))
    ap.add_argument("--vocab", type=int, default=1000)
    ap.add_argument("--min-count", type=int, default=50)
    ap.add_argument("--min-ratio", type=float, default=0.5)
    ap.add_argument("--out", default=None, help="default: the shipped rules/learned/mt-ngrams-en.tsv")
    a = ap.parse_args(argv)
    mt, ref = [], []
    for name in a.sets.split(","):
        pm, pr = os.path.join(a.data, name + ".mt"), os.path.join(a.data, name + ".ref")
        if not (os.path.exists(pm) and os.path.exists(pr)):
            print(f"mtngrams_fit: {pm} or {pr} is missing: build it with "
                  f"'python -m repair.mine_devset --out {a.data} --nc-lines 65794' "
                  f"(needs the Debian packages apertium and apertium-eng-spa)", file=sys.stderr)
            return 2
        with open(pm, encoding="utf-8") as f:
            m = f.read().splitlines()
        with open(pr, encoding="utf-8") as f:
            r = f.read().splitlines()
        if len(m) != len(r):
            print(f"mtngrams_fit: {pm} and {pr} differ in line count", file=sys.stderr)
            return 2
        mt += m
        ref += r
    vocab, rows = build(mt, ref, a.vocab, a.min_count, a.min_ratio)
    out = a.out or default_out()
    head = [
        "# Word sequences typical of machine translation (repair/mtngrams.py; the `ngram` feature of rule K801).",
        "# Generated, do not edit: python -m repair.mtngrams_fit "
        f"--data {a.data} --sets {a.sets} --vocab {a.vocab} --min-count {a.min_count} --min-ratio {a.min_ratio}",
        f"# From {len(mt):,} lines of Apertium spa-eng output (`apertium -u spa-eng`) of the Spanish side of "
        f"{', '.join(a.sets.split(','))}",
        "# (../shared/corpora/parallel), against their professional English references, line by line.",
        "# vocab: the most frequent lowercase words of the references, kept as words; any other token is a class:",
        "# <C> a capitalised word inside the sentence, <N> a number, <w> another word; <s> </s> the sentence's ends.",
        "# log_ratio = ln((mt + 1) / (MT lines + 2)) - ln((ref + 1) / (reference lines + 2)), where mt and ref are",
        "# the numbers of MT and reference sentences holding the n-gram; > 0 speaks for MT, < 0 for professional",
        f"# English. Kept: mt + ref >= {a.min_count} and |log_ratio| >= {a.min_ratio}. {len(rows):,} n-grams.",
        "vocab\t" + " ".join(vocab),
        "gram\tlog_ratio\tmt\tref",
    ]
    tmp = out + f".{os.getpid()}.tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write("\n".join(head) + "\n")
        for g, r, x, y in rows:
            f.write(f"{g}\t{r}\t{x}\t{y}\n")
    os.replace(tmp, out)
    print(f"written: {out} ({len(vocab)} words, {len(rows):,} n-grams from {len(mt):,} line pairs)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
