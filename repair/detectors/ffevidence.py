"""Detector K604: false friends decided by the English evidence around them.

A look-alike the MT wrote for a Romance word ("compromiso" → "compromise", "sindacato" →
"syndicate", "denuncia" → "denunciation", "magistratura" → "magistracy") is replaced by the word the
source meant where English context says so: the bigram of the look-alike with its left or right
neighbour is unseen in symspellpy's English counts while the meant word's bigram there is frequent
(``min_true_bigram``), and the other neighbour does not know the look-alike too (it is unseen there as well, or the meant
word is ``other_side_ratio`` times as frequent).  "a firm compromise" → "a firm commitment" (firm
compromise 0, firm commitment 10M); "reach a compromise with" and "accept a compromise to" keep their
word ("compromise with" is frequent; "a compromise" is a third as frequent as "a commitment").  Never
where it opens its clause ("Similarly, compromise is likely": the bigram with the verb alone says
little).  Pairs marked ``suggest`` (look-alikes common in their own
English sense) are only offered, unless the pair names a ``domain`` (a class of
rules/lang/en/context-domains.yaml) and at least ``domain_min_hits`` words of it stand within
``domain_window`` characters: "a sounding published on Sunday gives the party 30 percent of the vote"
is a poll, "a lesion in the knee" before the match is an injury.  Pairs: rules/lang/romance/false-friend-pairs.yaml; thresholds:
rules/lang/thresholds.yaml (ffevidence).
"""

from __future__ import annotations

from .. import lexicon as L
from ..langdata import table as _table, value as _value
from .romanceorder import _article
from .substitution import _names, _nearby_hits

_SEC = "ffevidence"


def _pairs() -> dict:
    return _table("romance", "false-friend-pairs", "pairs")


def _neighbour(doc, tok, step):
    n = doc.prev(tok) if step < 0 else doc.next(tok)
    if n is None or not n.is_word:
        return None
    gap = doc.gap(n, tok) if step < 0 else doc.gap(tok, n)
    return n if gap == " " else None


def _opens_clause(doc, tok) -> bool:
    """``tok`` starts a sentence or follows a comma, a semicolon or a colon."""
    p = doc.prev(tok)
    return p is None or doc.is_sentence_start(tok) or p.text in (",", ";", ":")


def _side(a_true, a_ff, min_true, ratio):
    """'strong' (look-alike unseen, meant word frequent), 'for' (look-alike unseen too, or the meant
    word ``ratio`` times as frequent), 'against' (the look-alike is at home here: "accept a
    compromise" keeps its word, "a compromise" being a third as frequent as "a commitment")."""
    if a_ff == 0 and a_true >= min_true:
        return "strong"
    if a_ff == 0 or a_true >= ratio * a_ff:
        return "for"
    return "against"


def detect(doc, ctx):
    if not ctx.enabled("K604"):
        return
    pairs = _pairs()
    lang = ctx.source_lang
    min_true = float(_value(_SEC, "min_true_bigram"))
    sugg = float(_value(_SEC, "suggest_confidence"))
    ratio = float(_value(_SEC, "other_side_ratio"))
    for tok in doc.tokens:
        if not tok.is_word or not tok.text.islower():
            continue
        entry = pairs.get(tok.text)
        if entry is None or lang not in str(entry.get("langs", "")).split():
            continue
        true = str(entry["meant"])
        first, last = true.split()[0], true.split()[-1]
        left, right = _neighbour(doc, tok, -1), _neighbour(doc, tok, 1)
        if left is None and _opens_clause(doc, tok):
            continue  # a bare noun opening its clause ("Similarly, compromise is likely"): only a verb
            # on its right, whose bigram with a rarer noun the counts often lack; no determiner or modifier to judge
        sides = []
        if left is not None:
            sides.append(_side(L.bigram(left.text, first), L.bigram(left.text, tok.text), min_true, ratio))
        if right is not None:
            sides.append(_side(L.bigram(last, right.text), L.bigram(tok.text, right.text), min_true, ratio))
        if "strong" not in sides or "against" in sides:
            continue
        conf = sugg if entry.get("suggest") else None
        dom_note = ""
        if conf is not None and entry.get("domain"):
            names = _names(entry["domain"])
            hits = _nearby_hits(doc, tok.start, tok.end, names, int(_value(_SEC, "domain_window")), paragraph=True)
            if hits >= int(_value(_SEC, "domain_min_hits")):
                conf, dom_note = None, f" ({hits} {'/'.join(names)} word(s) nearby)"
        if conf is None and L.unigram(tok.text) == 0:
            # a look-alike English does not write at all ("demission", "rentability"): no typo of an
            # English word either, so this reading goes before a stray-letter split (G105's "emission")
            conf = float(_value(_SEC, "unknown_word_confidence"))
        ev = []
        if left is not None:
            ev.append(f"“{left.lower} {tok.text}” {L.bigram(left.text, tok.text):,.0f}, "
                      f"“{left.lower} {first}” {L.bigram(left.text, first):,.0f}")
        if right is not None:
            ev.append(f"“{tok.text} {right.lower}” {L.bigram(tok.text, right.text):,.0f}, "
                      f"“{last} {right.lower}” {L.bigram(last, right.text):,.0f}")
        start, repl = tok.start, true
        if left is not None and _article(left, first) != left.text:
            # the article agrees with the meant word ("a lesion" -> "an injury")
            start, repl = left.start, f"{_article(left, first)} {true}"
        yield ctx.finding("K604", start, tok.end, repl, confidence=conf,
                          message=f"False friend of the source ({lang}): “{tok.text}” is “{true}” here; "
                                  f"English bigrams {'; '.join(ev)}{dom_note}")
