"""Alignment accuracy on newstest2012 es/en after shuffling paragraph breaks and inserting
boilerplate lines into the English side (lines with no source).

    python bench/align_newstest.py [--lines N] [--seed S] [--corpora ../shared/corpora]

A gold line is right when the links holding its sentences hold exactly the sentences of that
line on both sides; an inserted boilerplate line is right when it is linked to nothing.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time

BOILERPLATE = [
    "ALSO READ: Ten Things You Did Not Know About Your Phone",
    "Disclaimer: If you need to update/edit/remove this news or article then please contact our support team",
    "Click here to subscribe to our newsletter",
    "Follow us on Twitter and Facebook for the latest updates",
    "Advertisement",
    "Share this article:",
    "READ MORE: 5 reasons the market will rally in 2013",
    "Photo: Reuters",
]


def build(es_lines, en_lines, rng, boiler_rate=0.05, para_max=4):
    """Two texts with independently random paragraph breaks; boilerplate lines on the English side.
    Returns (es_text, en_text, es_owner, en_owner): per character-range owners as lists of
    (start, end, line_id) where line_id is None for boilerplate."""
    def assemble(lines, add_boiler):
        parts, owners, pos = [], [], 0
        i = 0
        while i < len(lines):
            k = rng.randint(1, para_max)
            chunk = []
            for li in range(i, min(i + k, len(lines))):
                chunk.append(li)
                # a line without final punctuation (a headline) ends its paragraph
                if not lines[li].rstrip().endswith((".", "!", "?", "…", "\"", "”", "»", ")", "'")):
                    break
            k = len(chunk)
            i += k
            para = []
            for li in chunk:
                if para:
                    parts.append(" ")
                    pos += 1
                parts.append(lines[li])
                owners.append((pos, pos + len(lines[li]), li))
                pos += len(lines[li])
                para.append(li)
            sep = rng.choice(["\n", "\n\n"])
            parts.append(sep)
            pos += len(sep)
            if add_boiler and rng.random() < boiler_rate * k:
                b = rng.choice(BOILERPLATE)
                parts.append(b + "\n\n")
                owners.append((pos, pos + len(b), None))
                pos += len(b) + 2
        return "".join(parts), owners
    es, eo = assemble(es_lines, False)
    en, no = assemble(en_lines, True)
    return es, en, eo, no


def owner_of(owners, pos):
    import bisect
    i = bisect.bisect_right([o[0] for o in owners], pos) - 1
    return owners[i][2] if i >= 0 else None


def score(es_lines, en_lines, seed=1, boiler_rate=0.05):
    from repair.retranslate.align import align, boilerplate_hint, split_sentences

    rng = random.Random(seed)
    es, en, eo, no = build(es_lines, en_lines, rng, boiler_rate)
    al = align(es, en, null_tgt=boilerplate_hint(en, split_sentences(en)))
    def lines_of(owners, sent):
        return {o[2] for o in owners if o[0] < sent.end and sent.start < o[1]}

    src_lines = [lines_of(eo, s) for s in al.src]
    tgt_lines = [lines_of(no, s) for s in al.tgt]
    n_boiler = sum(1 for o in no if o[2] is None)
    # a gold line (or boilerplate line) is right when every link touching it links the same
    # lines on both sides (a boilerplate line: linked to nothing)
    bad = set()
    touched = set()
    for ln in al.links:
        ls = set().union(*(src_lines[i] for i in ln.src)) if ln.src else set()
        lt = set().union(*(tgt_lines[j] for j in ln.tgt)) if ln.tgt else set()
        key_t = {("b", j) if None in tgt_lines[j] else None for j in ln.tgt} - {None}
        touched |= ls | (lt - {None}) | key_t
        if (lt - {None}) != ls or (key_t and ln.src):
            bad |= ls | (lt - {None}) | key_t
    total = len(en_lines) + n_boiler
    right = total - len(bad)
    boiler_right = 0
    return {"lines": len(en_lines), "boilerplate": n_boiler, "right": right, "total": total,
            "accuracy": right / max(total, 1),
            "src_sentences": len(al.src), "tgt_sentences": len(al.tgt)}


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpora", default=os.path.join(os.path.dirname(__file__), "..", "..", "shared", "corpora"))
    ap.add_argument("--lines", type=int, default=0, help="first N lines (0: all)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--boiler-rate", type=float, default=0.05)
    a = ap.parse_args(argv)
    d = os.path.join(a.corpora, "newstest2012")
    es = open(os.path.join(d, "newstest2012.es"), encoding="utf-8").read().splitlines()
    en = open(os.path.join(d, "newstest2012.en"), encoding="utf-8").read().splitlines()
    if a.lines:
        es, en = es[:a.lines], en[:a.lines]
    t = time.perf_counter()
    r = score(es, en, a.seed, a.boiler_rate)
    r["seconds"] = round(time.perf_counter() - t, 2)
    print(r)


if __name__ == "__main__":
    sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
    main()
