"""Learn which English words news never writes capitalised in mid-sentence (no name or title is
spelled like them, unlike "Brown", "Turkey", "Court"), for C202 (repair/detectors/capitals.py).

Counts, over the English sides of the WMT news test sets 2008-2011 and News Commentary v11 in
../shared/corpora/parallel/ (read there, never copied: only the word list is written), how often each
word stands capitalised rather than lowercase right after a lowercase word, one space away, in
mid-sentence: the very context C202 judges.  A word is listed when it occurs there at least ``--min-seen``
times and is capitalised in under ``--share`` of them (or fewer than ``--min-cap`` times).

Two more lists, for C203 and C204, count the contexts those rules judge, with the next token a
lowercase word or a comma, period, semicolon or colon (so "the Home Office" never counts): after a
determiner, possessive or preposition (``name_before`` of rules/lang/en/capitals.yaml: "the Use of",
"of Dollars for") -> ``lower_after_function``; after a comma that follows a lowercase word ("in
September, Companies produced") -> ``lower_after_comma``.  Both are kept stricter: at least
``--min-seen-strict`` times, capitalised in under ``--share-strict`` of them.

Two more, counted on lines that are no Title Case headline (fewer than half of their long words
capitalised) and only where the word stands alone (the next token a lowercase word, a lowercase
hyphenated or possessive tail, or , . ; :), for the contexts C203 and C205 judge:
``lower_after_the`` after "the", "this", "that", "these", "those" (also at a sentence start: "The
Operation was"), where names of bodies and papers are common ("the Court", "the Times"), so it
is kept strict (capitalised in under 1% of all, and in under 2% of each family of sources); ``lower_after_capital`` after a capitalised word in mid-sentence ("Paclík Expects
the", "Court Ruling called"): the word would end a name there, and names do not end in "Expects".

One more, for C206, counts every mid-sentence place at once (the previous token a word, a number,
a comma, a semicolon or a closing bracket; not after . ! ? : a quotation mark, an opening bracket or a
dash, which may open a title), on lines that are no headline, whatever follows: ``lower_anywhere``,
the words news writes capitalised in under 1% of such places (and in under 2% in each family of
sources), seen there at least ``--min-seen`` times, or ``--min-seen-rare`` times and never capitalised.
Names, titles and bodies ("Court", "Bank", "World", "War") are capitalised often enough to stay out;
"Expression", "Training", "Claims" are not.  Of these, ``lower_never`` (for C210) keeps the words seen
``--min-seen-never`` times and capitalised in at most ``--share-never`` of them, never alone after
"the" or after a capitalised word ("killed", "training", "been", "ruling").

    python -m repair.capitals_fit [--corpora ../shared/corpora/parallel] [--out rules/lang/en/capitalised.yaml]
"""

from __future__ import annotations

import argparse
import glob
import os
import re
import sys
from collections import Counter

AFTER_FUNCTION = re.compile(r"\b([a-z]+) (?=([A-Za-z][a-z]+)(?: [a-z]|[,.;:](?:\s|$)))")
AFTER_COMMA = re.compile(r"[a-z], ([A-Za-z][a-z]+)(?= [a-z])")


def _add(low, cap, w):
    if w[0].isupper():
        cap[w.lower()] += 1
    else:
        low[w] += 1


def count(paths, before=frozenset()):
    """(low, cap) counts after a lowercase word; after a word of ``before``; after a comma."""
    low, cap = Counter(), Counter()
    lowf, capf = Counter(), Counter()
    lowc, capc = Counter(), Counter()
    for p in paths:
        with open(p, encoding="utf-8", errors="replace") as f:
            for line in f:
                for m in re.finditer(r"\b[a-z]+ (?=([A-Za-z][a-z]+)\b)", line):  # overlapping pairs
                    _add(low, cap, m.group(1))
                if before:
                    for m in AFTER_FUNCTION.finditer(line):
                        if m.group(1) in before:
                            _add(lowf, capf, m.group(2))
                for m in AFTER_COMMA.finditer(line):
                    _add(lowc, capc, m.group(1))
    return low, cap, lowf, capf, lowc, capc


THE = ("the", "this", "that", "these", "those")
TOKEN = re.compile(r"[^\W\d_]+(?:[’'-][^\W\d_]+)*|\d[\d.,]*|[^\w\s]")


def _headline(words_) -> bool:
    long = [w for w in words_ if len(w) > 3 and w[:1].isalpha()]
    return len(long) < 2 or sum(1 for w in long if w[0].isupper()) >= 0.5 * len(long)


def _head(tok):
    """The word a token stands for and whether its tail keeps it alone: "Hour-long" -> ("Hour",
    True), "Match's" -> ("Match", True), "Rolls-Royce" -> ("Rolls", False)."""
    m = re.match(r"([^\W\d_]+)(?:([’'-])(.*))?$", tok)
    if not m:
        return None, False
    if m.group(2) is None:
        return m.group(1), True
    tail = m.group(3)
    return m.group(1), bool(tail) and (tail.islower() or tail in ("s",))


def _body_lines(paths):
    """The tokens of every line of ``paths`` that is no headline."""
    for p in paths:
        with open(p, encoding="utf-8", errors="replace") as f:
            for line in f:
                toks = TOKEN.findall(line)
                if not _headline(toks):
                    yield toks


def count_alone(paths):
    """(low, cap) counts of a word standing alone after the/this/..., and after a capitalised word
    in mid-sentence, on lines that are no headline."""
    lowt, capt, lowk, capk = Counter(), Counter(), Counter(), Counter()
    for toks in _body_lines(paths):
        for i in range(1, len(toks) - 1):
            w, alone = _head(toks[i])
            if w is None or not (w[1:].islower() or len(w) == 1) or not w.isalpha():
                continue
            n = toks[i + 1]
            if "-" in toks[i] or "’" in toks[i] or "'" in toks[i]:
                ok = alone
            else:
                ok = n in (",", ".", ";", ":") or n[:1].islower()
            if not ok:
                continue
            prev = toks[i - 1]
            if prev.lower() in THE and (prev.islower() or i == 1):
                (capt if w[0].isupper() else lowt)[w.lower()] += 1
            elif (i >= 2 and prev[:1].isupper() and prev[1:].islower() and prev.isalpha()
                  and (toks[i - 2][:1].islower() or toks[i - 2] == ",")):
                (capk if w[0].isupper() else lowk)[w.lower()] += 1
    return lowt, capt, lowk, capk


# tokens after which a capital may open a sentence, a quotation, a title or a list item
NOT_MID = frozenset(".!?:\"“”«»([{—–-‘’'•*…|/")


def count_anywhere(paths):
    """(low, cap) counts of each word in every mid-sentence place, on lines that are no headline."""
    low, cap = Counter(), Counter()
    for toks in _body_lines(paths):
        for i in range(1, len(toks)):
            w, _ = _head(toks[i])
            if w is None or not w.isalpha() or not (w[1:].islower() or len(w) == 1):
                continue
            if toks[i - 1] in NOT_MID:
                continue
            (cap if w[0].isupper() else low)[w.lower()] += 1
    return low, cap


def pick(low, cap, min_seen, share, min_cap):
    return sorted(w for w in low if low[w] + cap[w] >= min_seen
                  and not (cap[w] >= min_cap and cap[w] / (cap[w] + low[w]) >= share))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpora", default=os.path.join("..", "shared", "corpora", "parallel"))
    ap.add_argument("--out", default=os.path.join("rules", "lang", "en", "capitalised.yaml"))
    ap.add_argument("--share", type=float, default=0.02)
    ap.add_argument("--min-cap", type=int, default=2)
    ap.add_argument("--min-seen", type=int, default=30)
    ap.add_argument("--share-strict", type=float, default=0.01)
    ap.add_argument("--min-seen-strict", type=int, default=20)
    ap.add_argument("--min-seen-rare", type=int, default=10,
                    help="lower_anywhere: a word seen fewer than --min-seen times is listed when seen this "
                         "often and never capitalised")
    ap.add_argument("--min-seen-never", type=int, default=50)
    ap.add_argument("--share-never", type=float, default=0.001)
    a = ap.parse_args(argv)
    paths = sorted(glob.glob(os.path.join(a.corpora, "wmt-newstest20*.es-en.en"))
                   + glob.glob(os.path.join(a.corpora, "newscommentary-v11-part*.es-en.en")))
    if not paths:
        print(f"capitals_fit: no English news files under {a.corpora}", file=sys.stderr)
        return 2
    from .langdata import words

    before = frozenset(w for w in words("en", "capitals", "name_before") if w.isalpha() and len(w) > 0)
    # each family of sources (news reports, commentary) must agree: a word one family writes
    # lowercase and the other capitalised ("eurozone" / "Eurozone") is a style, not damage
    families = [[p for p in paths if "newstest" in os.path.basename(p)],
                [p for p in paths if "newstest" not in os.path.basename(p)]]
    counts = [count(f, before) for f in families if f]
    total = [sum((c[k] for c in counts), Counter()) for k in range(6)]
    low, cap, lowf, capf, lowc, capc = total

    def agreed(words_, k):
        return [w for w in words_ if not any(c[k + 1][w] >= a.min_cap and c[k + 1][w] / (c[k + 1][w] + c[k][w]) >= 0.5
                                             for c in counts)]
    seen = agreed(pick(low, cap, a.min_seen, a.share, a.min_cap), 0)
    after_f = agreed(pick(lowf, capf, a.min_seen_strict, a.share_strict, a.min_cap), 2)
    after_c = agreed(pick(lowc, capc, a.min_seen_strict, a.share_strict, a.min_cap), 4)
    alone = [count_alone(f) for f in families if f]
    lowt, capt, lowk, capk = [sum((c[k] for c in alone), Counter()) for k in range(4)]

    def agreed2(words_, k):
        return [w for w in words_ if not any(c[k + 1][w] >= a.min_cap and c[k + 1][w] / (c[k + 1][w] + c[k][w]) >= 0.5
                                             for c in alone)]
    # after "the" each family must agree closely: one capital in 22 news reports ("the Region" of
    # an Italian regional government) is enough to leave a word out
    after_t = [w for w in pick(lowt, capt, a.min_seen_strict, a.share_strict, a.min_cap)
               if not any(c[1][w] >= 1 and c[1][w] / (c[1][w] + c[0][w]) >= a.share for c in alone)]
    after_k = agreed2(pick(lowk, capk, a.min_seen_strict, a.share, a.min_cap), 2)
    anywhere = [count_anywhere(f) for f in families if f]
    lowa, capa = [sum((c[k] for c in anywhere), Counter()) for k in range(2)]
    any_w = [w for w in pick(lowa, capa, a.min_seen, a.share_strict, a.min_cap)
             if not any(c[1][w] >= a.min_cap and c[1][w] / (c[1][w] + c[0][w]) >= a.share for c in anywhere)]
    # rarer words after a function word ("apartment", "belongings"): seen --min-seen-rare times or
    # more there and never capitalised there, nor anywhere in mid-sentence in --share-strict of places
    after_f = sorted(set(after_f) | {
        w for w in lowf if a.min_seen_rare <= lowf[w] + capf[w] < a.min_seen_strict and capf[w] == 0
        and capa[w] <= a.share_strict * (lowa[w] + capa[w])})
    # rarer words ("tents", "breakfast", "outdoor"): seen at least --min-seen-rare times, never capitalised
    any_w = sorted(set(any_w) | {w for w in lowa if a.min_seen_rare <= lowa[w] + capa[w] < a.min_seen
                                 and capa[w] == 0})
    # never capitalised: seen --min-seen-never times in mid-sentence, capitalised in at most
    # --share-never of them, never after the/this/... nor after a capitalised word (no family of
    # sources capitalises it there): C210 judges these wherever they stand
    never = sorted(w for w in lowa if lowa[w] + capa[w] >= a.min_seen_never
                   and capa[w] <= a.share_never * (lowa[w] + capa[w]) and capt[w] == 0 and capk[w] == 0
                   and not any(c[1][w] > a.share_never * (c[0][w] + c[1][w]) for c in anywhere))
    with open(a.out, "w", encoding="utf-8") as f:
        f.write("# Generated by `python -m repair.capitals_fit` (repair/capitals_fit.py); do not edit by hand.\n"
                f"# Source: English sides of {', '.join(os.path.basename(p) for p in paths)} (counts only).\n"
                f"# lower_seen: words seen >= {a.min_seen} times after a lowercase word in mid-sentence, capitalised\n"
                f"# there in under {a.share:.0%} of them (or fewer than {a.min_cap} times): never a name or a title.\n")
        f.write(f"lower_seen: {' '.join(seen)}\n")
        f.write(f"# lower_after_function: words seen >= {a.min_seen_strict} times after a determiner, possessive or\n"
                f"# preposition (capitals.yaml name_before) with a lowercase word or , . ; : after them, capitalised\n"
                f"# there in under {a.share_strict:.0%} of them (or fewer than {a.min_cap} times), or seen\n"
                f"# {a.min_seen_rare}-{a.min_seen_strict - 1} times there and never capitalised there.\n")
        f.write(f"lower_after_function: {' '.join(after_f)}\n")
        f.write(f"# lower_after_comma: words seen >= {a.min_seen_strict} times after a lowercase word and a comma,\n"
                f"# with a lowercase word after them, capitalised there in under {a.share_strict:.0%} of them.\n")
        f.write(f"lower_after_comma: {' '.join(after_c)}\n")
        f.write(f"# lower_after_the: words seen >= {a.min_seen_strict} times alone after the/this/that/these/those\n"
                f"# (a lowercase word, a lowercase hyphenated or possessive tail, or , . ; : after them) on lines\n"
                f"# that are no headline, capitalised there in under {a.share_strict:.0%} of them (and in under\n"
                f"# {a.share:.0%} in each family of sources: news reports, commentary).\n")
        f.write(f"lower_after_the: {' '.join(after_t)}\n")
        f.write(f"# lower_after_capital: words seen >= {a.min_seen_strict} times alone after a capitalised word in\n"
                f"# mid-sentence on lines that are no headline, capitalised there in under {a.share:.0%} of them.\n")
        f.write(f"lower_after_capital: {' '.join(after_k)}\n")
        f.write(f"# lower_anywhere: words seen >= {a.min_seen} times in mid-sentence after a word, a number, a comma,\n"
                f"# a semicolon or a closing bracket, whatever follows, on lines that are no headline, capitalised\n"
                f"# there in under {a.share_strict:.0%} of them (and in under {a.share:.0%} in each family of sources),\n"
                f"# or seen {a.min_seen_rare}-{a.min_seen - 1} times there and never capitalised.\n")
        f.write(f"lower_anywhere: {' '.join(any_w)}\n")
        f.write(f"# lower_never: words seen >= {a.min_seen_never} times in those places, capitalised in at most\n"
                f"# {a.share_never:.1%} of them (in each family too), and never alone after the/this/... or after a\n"
                f"# capitalised word in mid-sentence.\n")
        f.write(f"lower_never: {' '.join(never)}\n")
    print(f"capitals_fit: {len(seen)} words always lowercase in mid-sentence, {len(after_f)} after a function "
          f"word, {len(after_c)} after a comma, {len(after_t)} after the, {len(after_k)} after a capital, {len(any_w)} anywhere, {len(never)} never -> {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
