"""Learn which capitalised names (K402) and which nouns after a preposition (K403) English news
writes without an article.

    python -m repair.calques_fit [--corpora ../shared/corpora] [--out rules/lang/en/bare-names.yaml]
                                 [--min-seen 12] [--max-share 0.01]

Reads the English sides of ``parallel/`` News Commentary v11 parts 1-3, the WMT 2008-2010 news test
sets and TICO-19 (never newstest2012, NTREX or FLORES: the clean and held-out sets the tool is scored
on; never WMT 2011: held out).  For every capitalised word that stands alone in mid-sentence (not
first in its sentence, not after or before another capitalised word, followed by punctuation or a
lowercase function word or verb, as K402 reads it) it counts how often "the" stands before it.  A
word seen alone at least ``--min-seen`` times with "the" before it in at most ``--max-share`` of
those places, and never lowercase as often as capitalised, is written to the output: English
writes "Brazil said", "against Barcelona," and never "the Brazil said" (the Netherlands, the
Kremlin, the Pentagon, the Guardian keep their article and are not listed).  K403's nouns are counted the same way where
a lowercase word ends its noun phrase after a preposition (punctuation or an auxiliary after it):
"the fight against terrorism.", "a rise in inflation was".  Only the words are
shipped, with the counts of the whole file in its header; the corpus text is not.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FILES = ("newscommentary-v11-part1.es-en.en", "newscommentary-v11-part2.es-en.en",
         "newscommentary-v11-part3.es-en.en", "wmt-newstest2008.es-en.en", "wmt-newssyscomb2009.es-en.en",
         "wmt-newstest2009.es-en.en", "wmt-newstest2010.es-en.en", "tico19.es-en.en")
TOKEN = re.compile(r"[^\W\d_]+(?:[’'-][^\W\d_]+)*|\d[\d.,]*|[^\w\s]")
PUNCT_AFTER = frozenset(".,;:!?)”\"'’")
SENT_END = frozenset(".!?:\"“”«»(—–-•*…|")


def count(paths, after_words, determiners=frozenset()):
    alone, with_the, lower, cap = Counter(), Counter(), Counter(), Counter()
    for path in paths:
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                t = TOKEN.findall(line)
                for i, w in enumerate(t):
                    if not w[0].isalpha():
                        continue
                    if w.islower():
                        lower[w] += 1
                        continue
                    if not (w[0].isupper() and w[1:].islower() and len(w) > 2):
                        continue
                    p = t[i - 1] if i else None
                    if p is None or p in SENT_END:
                        continue
                    cap[w] += 1
                    if p.lower() in determiners:
                        continue  # "a Frenchman", "his Russia": neither bare nor with "the"
                    has_the = p == "the"
                    if not has_the and p[0].isupper():
                        continue  # inside a longer name
                    if has_the and i >= 2 and t[i - 2][0].isupper() and t[i - 2][0].isalpha():
                        continue
                    n = t[i + 1] if i + 1 < len(t) else "."
                    if n == "of" or not (n in PUNCT_AFTER or (n.islower() and n in after_words)):
                        continue  # "Brazil coach", "Bank of": an attribute or a longer name
                    alone[w] += 1
                    with_the[w] += has_the
    return alone, with_the, lower, cap


def count_nouns(paths, preps, ends):
    """For each lowercase word that ends its noun phrase after a preposition ("growth of
    democracy.", "fight against terrorism is"), how often it stands bare ("of democracy") and how
    often with "the" ("of the democracy")."""
    bare, the, pairs = Counter(), Counter(), Counter()
    for path in paths:
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                t = TOKEN.findall(line)
                for i in range(1, len(t) - 1):
                    w = t[i]
                    if not (w.isalpha() and w.islower()) or t[i + 1] not in ends:
                        continue
                    p = t[i - 1]
                    if p in preps:
                        bare[w] += 1
                        pairs[(p, w)] += 1
                    elif p == "the" and i >= 2 and t[i - 2] in preps:
                        the[w] += 1
    return bare, the, _spread(pairs)


def count_subjects(paths, nouns, ends):
    """How often each noun opens a line bare ("Inflation rose.") and after "The" ("The inflation
    is"), the noun phrase ending there (an auxiliary or punctuation after it)."""
    bare, the = Counter(), Counter()
    for path in paths:
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                t = TOKEN.findall(line)
                if len(t) < 3:
                    continue
                if t[0][0].isupper() and t[0].lower() in nouns and t[1] in ends:
                    bare[t[0].lower()] += 1
                elif t[0] == "The" and t[1] in nouns and t[2] in ends:
                    the[t[1]] += 1
    return bare, the


def _spread(pairs):
    # the prepositions a noun is seen bare after (twice or more): an idiom of one preposition
    # ("of course", "in office", "in order") is not a noun English writes bare
    return Counter(w for (p, w), n in pairs.items() if n >= 2)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpora", default=str(ROOT.parent / "shared" / "corpora"))
    ap.add_argument("--out", default=str(ROOT / "rules" / "lang" / "en" / "bare-names.yaml"))
    ap.add_argument("--min-seen", type=int, default=8)
    ap.add_argument("--max-share", type=float, default=0.01)
    ap.add_argument("--noun-min-seen", type=int, default=15)
    ap.add_argument("--noun-max-share", type=float, default=0.02)
    ap.add_argument("--noun-min-prepositions", type=int, default=3)
    ap.add_argument("--noun-plural-gap", type=float, default=1.0)
    ap.add_argument("--subject-min-seen", type=int, default=3)
    ap.add_argument("--subject-max-share", type=float, default=0.1)
    a = ap.parse_args(argv)
    from .langdata import words

    after = words("en", "calques", "after_day") | words("en", "calques", "name_verbs_after")
    paths = [Path(a.corpora, "parallel", f) for f in FILES]
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        print("missing: " + ", ".join(missing), file=sys.stderr)
        return 2
    dets = words("en", "function-words", "noun_determiners") - {"the"}
    alone, with_the, lower, cap = count(paths, after, dets)
    keep = sorted(w for w, n in alone.items()
                  if n >= a.min_seen and with_the[w] <= a.max_share * n and lower[w.lower()] < cap[w])
    from . import lexicon as L

    preps = words("en", "calques", "noun_prepositions")
    not_heads = words("en", "prepositions", "not_heads")
    nbare, nthe, spread = count_nouns(paths, preps, words("en", "calques", "noun_phrase_end"))
    nouns = sorted(w for w, n in nbare.items()
                   if n + nthe[w] >= a.noun_min_seen and nthe[w] <= a.noun_max_share * (n + nthe[w])
                   and spread[w] >= a.noun_min_prepositions and w not in not_heads and not _plural(w)
                   and L.zipf(_plural_of(w)) <= L.zipf(w) - a.noun_plural_gap)
    sbare, sthe = count_subjects(paths, set(nouns), words("en", "calques", "noun_phrase_end"))
    subjects = sorted(w for w in nouns if sbare[w] >= a.subject_min_seen
                      and sthe[w] <= a.subject_max_share * (sbare[w] + sthe[w]))
    nlines = sum(1 for p in paths for _ in open(p, encoding="utf-8"))
    with open(a.out, "w", encoding="utf-8") as out:
        out.write("# Capitalised words English news writes without an article where they stand alone (K402,\n"
                  "# repair/detectors/calques.py): learned, not written by hand.  Rebuild with\n"
                  f"#   python -m repair.calques_fit --min-seen {a.min_seen} --max-share {a.max_share} "
                  f"--noun-min-seen {a.noun_min_seen} --noun-max-share {a.noun_max_share} "
                  f"--noun-min-prepositions {a.noun_min_prepositions} --noun-plural-gap {a.noun_plural_gap} "
                  f"--subject-min-seen {a.subject_min_seen} --subject-max-share {a.subject_max_share}\n"
                  f"# from the English sides of {', '.join(FILES)} ({nlines:,} lines; shared/corpora/parallel).\n"
                  f"# {len(alone):,} capitalised words seen alone in mid-sentence; kept: seen alone at least "
                  f"{a.min_seen} times,\n# with 'the' before them in at most {a.max_share:.0%} of those places, "
                  f"and capitalised more often than lowercase: {len(keep):,} words.\n")
        _write(out, "bare", keep)
        out.write(f"# K403: lowercase nouns that end their noun phrase after a preposition ({', '.join(sorted(preps))}),\n"
                  f"# seen there at least {a.noun_min_seen} times, with 'the' in at most {a.noun_max_share:.0%} of those "
                  f"places,\n# bare after {a.noun_min_prepositions} prepositions or more, twice each (not an idiom: 'of course', 'in office'), "
                  f"not a function word,\n# not a plural, and a mass noun: its plural at least {a.noun_plural_gap} Zipf rarer ('the reform', "
                  f"'the office' name one: left out): {len(nouns):,} words.\n")
        _write(out, "bare_nouns", nouns)
        out.write(f"# K403 at the start of a sentence: the nouns above that open a line bare at least {a.subject_min_seen} "
                  f"times,\n# after 'The' in at most {a.subject_max_share:.0%} of those places ('The reality is' "
                  f"is English): {len(subjects):,} words.\n")
        _write(out, "bare_subjects", subjects)
    print(f"{len(keep)} names, {len(nouns)} nouns -> {a.out}")
    return 0


def _plural(w: str) -> bool:
    from . import lexicon as L

    if w.endswith("s") and L.zipf(w[:-1]) >= 2.5:
        return True
    if w.endswith("es") and L.zipf(w[:-2]) >= 2.5:     # "taxes"
        return True
    if w.endswith("ies") and L.zipf(w[:-3] + "y") >= 2.5:   # "subsidies"
        return True
    return w.endswith("men") and L.zipf(w[:-3] + "man") >= 2.5   # "women"


def _plural_of(w: str) -> str:
    if w.endswith(("s", "x", "ch", "sh")):
        return w + "es"
    if w.endswith("y") and len(w) > 1 and w[-2] not in "aeiou":
        return w[:-1] + "ies"
    return w + "s"


def _write(out, key, ws):
    out.write(f"{key}: >-\n")
    line = " "
    for w in ws:
        if len(line) + len(w) + 1 > 100:
            out.write(line.rstrip() + "\n")
            line = " "
        line += " " + w
    out.write(line.rstrip() + "\n")


if __name__ == "__main__":
    sys.exit(main())
