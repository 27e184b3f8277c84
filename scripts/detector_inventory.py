"""Inventory of the rules that are not plain patterns: for each ``detector:`` rule, whether its
logic is an algorithm (segmentation by word frequencies, accent restoration from lexicons, the
sentence MT score, learned-rule matching, quote pairing ...) or a generic shape that a shared
check type (``extends:``) can carry as parameters; and the ``extends:`` rules by check type.

    python scripts/detector_inventory.py            # the table and the counts (Markdown)
    python scripts/detector_inventory.py --counts   # the counts only

The verdicts below are a reading of each detector's code (docs/ARCHITECTURE.md, "How many
detector rules are generic", quotes the counts).  A rule id absent from RULE_VERDICTS takes the
verdict of its detector; a detector absent from DETECTOR_VERDICTS is reported as unclassified
(the script exits 1), so a new detector rule cannot slip through without a verdict.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

ALGORITHM = "algorithm"
GENERIC = "generic shape"

# detector -> (verdict, why)
DETECTOR_VERDICTS = {
    "accents": (ALGORITHM, "accent restoration: the article's own spellings and the source lexicons' index"),
    "boilerplate": (GENERIC, "line / inline existence (regexes of whole lines or markers)"),
    "calques": (ALGORITHM, "articles before weekdays, dates, clubs decided by bigram and source-language evidence"),
    "capitals": (ALGORITHM, "mid-sentence capitals decided by the document's other spellings and lexicon evidence"),
    "contextcalques": (GENERIC, "pattern substitution with context conditions (nearby domain words, verb evidence)"),
    "falsefriends": (GENERIC, "pattern substitution with the article's domain as condition"),
    "ffevidence": (ALGORITHM, "false friends decided by the English bigrams of both neighbours (pairs as data)"),
    "filter": (ALGORITHM, "word-filter damage restored by trying substitutions against word frequencies"),
    "glue": (ALGORITHM, "glued words split by word and bigram frequencies"),
    "learned": (ALGORITHM, "learned-rule matching (rules/learned/)"),
    "linkglue": (ALGORITHM, "case-boundary splits checked against the lexicon and the article's names"),
    "mtscore": (ALGORITHM, "the sentence MT-damage score (a fitted linear model)"),
    "namewords": (ALGORITHM, "translated given names and surname particles: source-language Zipf of the surname, the article's own spelling"),
    "names": (ALGORITHM, "one name spelled two ways: clustering of the article's names"),
    "namevariants": (ALGORITHM, "one name with a doubled and a single letter: grouping of the article's rare capitalised tokens by their undoubled spelling"),
    "pivotnames": (ALGORITHM, "pivot transliteration rewrites ranked by English evidence"),
    "punct": (ALGORITHM, "stray periods by bigram evidence; quote-paragraph consistency"),
    "quotemarks": (ALGORITHM, "straight-quote parity, « closed with ”"),
    "quotes": (ALGORITHM, "quotation pairing over each paragraph"),
    "residue": (ALGORITHM, "source-language words and calques decided by bigram/Zipf evidence per construction"),
    "romanceorder": (ALGORITHM, "Romance word order: adjective/noun and relative 'that' decided by bigram evidence over tokens"),
    "func_order": (ALGORITHM, "Romance noun-phrase order decided by word classes from the lexicon (plural and bigram evidence of noun and adjective)"),
    "func_negation": (ALGORITHM, "a doubled negation: the regular past of the verb after a negative subject, checked by English word frequency"),
    "lowercased": (ALGORITHM, "a lowercase word restored to the form clean English always writes (the forms learned by repair.casing_fit, data)"),
    "func_prep": (ALGORITHM, "a governed preposition chosen among the Romance alternatives by English bigram counts of the head (table as data)"),
    "tense": (ALGORITHM, "Romance tenses: present perfect dated within its clause, conditional of report, over tokens"),
}

# rule id -> (verdict, why), where a rule differs from its detector's verdict
RULE_VERDICTS = {
    "K377": (ALGORITHM, "the personal 'a': verb-object evidence over tokens (a construction of contextcalques)"),
    "B205": (GENERIC, "existence of a site name after the title (title_suffix: site words as data)"),
    "P103": (GENERIC, "a space before punctuation: a regex substitution with one exception"),
    "P104": (GENERIC, "doubled punctuation: a regex substitution (two confidences)"),
    "R101": (GENERIC, "word substitution ('e'/'y' -> 'and') between English words, with label-noun exceptions"),
    "ES-R102": (GENERIC, "word substitution ('son' -> 'are') with bigram-evidence context conditions"),
    "M103": (GENERIC, "word substitution ('it' -> 'the') after a preposition, with bigram evidence"),
}


def inventory():
    from repair.rules import load_rules

    rows = []
    for r in load_rules():
        if r.pattern is not None:
            continue
        if r.extends:
            rows.append((r.id, r.source, f"extends: {r.extends}", "converted", ""))
            continue
        verdict, why = RULE_VERDICTS.get(r.id) or DETECTOR_VERDICTS.get(r.detector, ("unclassified", ""))
        rows.append((r.id, r.source, f"detector: {r.detector}", verdict, why))
    return rows


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--counts", action="store_true", help="the counts only")
    args = ap.parse_args(argv)
    rows = inventory()
    if not args.counts:
        print("| rule | file | now | verdict | why |")
        print("|---|---|---|---|---|")
        for row in rows:
            print("| " + " | ".join(row) + " |")
        print()
    by_kind = Counter(v for _i, _s, _n, v, _w in rows)
    by_det = Counter((n, v) for _i, _s, n, v, _w in rows)
    print(f"rules that are not patterns: {len(rows)}")
    for k in (ALGORITHM, GENERIC, "converted", "unclassified"):
        if by_kind[k]:
            print(f"  {k}: {by_kind[k]}")
    print()
    for (n, v), c in sorted(by_det.items()):
        print(f"  {n:32} {v:14} {c}")
    return 1 if by_kind["unclassified"] else 0


if __name__ == "__main__":
    sys.exit(main())
