"""Evidence checks that regex rules can require (``checks:`` in a rule).

A check gets the document, the regex match and the rule, and returns False to
veto the match, True to let it stand, or a string: a note of the evidence that
is added to the finding's message so an editor sees why.
"""

from __future__ import annotations

from . import fastregex, lexicon as L
from .langdata import value


def _words_around(doc, m):
    before = doc.text[: m.start()].split()
    after = doc.text[m.end():].split()
    return before, after


def _clean(w: str) -> str:
    return w.strip("“”\"'‘’«»()[],.;:!?")


def not_sentence_start(doc, m, rule):
    before = doc.text[: m.start()].rstrip()
    return bool(before) and before[-1] not in ".!?:\n“\"«("


def bigram_prefers_replacement(doc, m, rule):
    """English bigram counts: (previous word, replacement) is far more frequent than
    (previous word, matched word)."""
    before, _ = _words_around(doc, m)
    if not before:
        return False
    prev = _clean(before[-1]).lower()
    old = m.group().split()[0].lower()
    new = (fastregex.expand(m, rule.replacement) if rule.replacement else "").split()
    if not new:
        return False
    a, b = L.bigram(prev, new[0].lower()), L.bigram(prev, old)
    if a > value("checks", "bigram_prefers_ratio") * max(b, 1):
        return f"“{prev} {new[0]}” {a:,} vs “{prev} {old}” {b:,}"
    return False


CHECKS = {
    "not_sentence_start": not_sentence_start,
    "bigram_prefers_replacement": bigram_prefers_replacement,
}
