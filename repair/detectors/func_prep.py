"""Detector K401: a Romance preposition rendered word for word after a word that governs another.

Spanish, Portuguese, Italian and French verbs, nouns and adjectives govern their own preposition
(depender de, responsable de, luchar por, insistir en, contribuir con), and a word-for-word
translation keeps the source's: "depends of the weather", "responsible of the attack", "the fight by
the title", "insist in the reform", "contribute with the fund".  English evidence decides, with no list
of phrases: the bigram of the head and the written preposition is unseen in symspellpy's English
counts (which keep bigrams of 6.4M occurrences and more), while the head with one of the prepositions
the same source preposition may stand for (rules/lang/romance/preposition-alternatives.yaml) is
frequent (``min_best``), and the head is common enough (``min_head``) for its unseen bigram to say
something ("familiarity of", "evacuation of" are English and under the floor).  For "of" the preposition may also go where the head takes a direct object
and the bigram of the head with the next word is the best ("against of the" → "against the", "near of
the" → "near the", "enjoy of a" → "enjoy a").

The fix is applied where the best alternative is ``apply_ratio`` times as frequent as the next one
and the head governs it strongly (its bigram with the head per occurrence of the head, on the scale of
symspellpy's counts, at least ``apply_share``: "responsible for" 48, "depends on" 39, but "switch to"
4.5, "reliance on" 30: a noun whose "of" may be a subject's, "the reliance of banks on debt");
it is offered as a suggestion where it is only ``suggest_ratio`` times as frequent, and where "to"
would come before a gerund ("capable of doing" → "able to do" changes the verb too).  A head that is
a function word (rules/lang/en/prepositions.yaml) or capitalised (a name) is never read.  Thresholds:
rules/lang/thresholds.yaml (func_prep).
"""

from __future__ import annotations

from .. import lexicon as L
from ..langdata import table as _table, value as _value, words as _words

_SEC = "func_prep"


def _alternatives() -> dict:
    return {k: str(v).split() for k, v in _table("romance", "preposition-alternatives", "alternatives").items()}


def _next(doc, tok):
    n = doc.next(tok)
    if n is None or doc.gap(tok, n) != " ":
        return None
    return n


def candidates(head: str, prep: str, nxt: str | None, alts: dict, deletable) -> list[tuple[str, int]]:
    """The alternatives of ``prep`` after ``head`` with their bigram counts, best first ("" = the
    preposition goes, scored by the bigram of the head with the next word)."""
    sc = {q: L.bigram(head, q) for q in alts.get(prep, ())}
    if prep in deletable and nxt:
        sc[""] = L.bigram(head, nxt)
    return sorted(sc.items(), key=lambda kv: (-kv[1], kv[0]))


def detect(doc, ctx):
    if not ctx.enabled("K401"):
        return
    alts = _alternatives()
    deletable = _words("romance", "preposition-alternatives", "deletable")
    not_heads = _words("en", "prepositions", "not_heads")
    suggest_only = _words("romance", "preposition-alternatives", "suggest_only")
    min_best = float(_value(_SEC, "min_best"))
    apply_ratio = float(_value(_SEC, "apply_ratio"))
    suggest_ratio = float(_value(_SEC, "suggest_ratio"))
    sugg = float(_value(_SEC, "suggest_confidence"))
    apply_share = float(_value(_SEC, "apply_share"))
    min_head = float(_value(_SEC, "min_head"))
    for tok in doc.tokens:
        if not tok.is_word or not tok.text.isalpha() or not tok.text.islower() or tok.lower in not_heads:
            continue
        if tok.lower.endswith("ly") and len(tok.lower) > 5 and L.zipf(tok.lower[:-2]) >= 3.0:
            continue  # an adverb of an adjective governs no preposition: "currently of the size",
            # "specifically by the regulation" (the preposition opens the next phrase)
        p = _next(doc, tok)
        if p is None or p.text not in alts:
            continue
        if L.bigram(tok.lower, p.text) > 0:
            continue  # English writes the head with this preposition
        if L.unigram(tok.lower) < min_head:
            continue  # a rare head: its bigram with any preposition may fall under the counts' floor
        n = _next(doc, p)
        if n is None or not n.is_word:
            continue  # "depends of." / "of 20": no object to read
        ranked = candidates(tok.lower, p.text, n.lower, alts, deletable)
        if not ranked or ranked[0][1] < min_best:
            continue
        best, count = ranked[0]
        second = ranked[1][1] if len(ranked) > 1 else 0
        ratio = count / max(second, 1)
        if ratio < suggest_ratio:
            continue
        # how strongly the head governs the best alternative: its bigram per occurrence of the head
        # ("responsible for" 48, "depends on" 39; "reliance on" 30, "switch to" 4.5)
        share = count / max(L.unigram(tok.lower), 1)
        conf = None
        if best:
            weak = share < apply_share
        else:
            weak = tok.lower.endswith("ing")  # "the obtaining of a permit": a gerund noun keeps its "of"
        if (ratio < apply_ratio or weak or p.text in suggest_only
                or (best == "to" and n.lower.endswith("ing"))):
            conf = sugg
        alts_txt = ", ".join(f"“{tok.lower} {q}” {c:,}" if q else f"“{tok.lower} {n.lower}” {c:,}"
                             for q, c in ranked[:3])
        msg = (f"“{tok.text} {p.text}” is unseen in English; the source's preposition is rendered word for word "
               f"({alts_txt})")
        if best:
            yield ctx.finding("K401", p.start, p.end, best, confidence=conf, message=msg)
        else:
            yield ctx.finding("K401", p.start, n.start, "", confidence=conf, message=msg)
