"""Detector: names of persons translated by MT (issue 9: "names translated as words").

- N401  an English given name standing for the source language's one before a surname of that
        language: "Peter Sánchez" → "Pedro Sánchez", "Joseph Conte" → "Giuseppe Conte", "Edward
        Philippe" → "Édouard Philippe".  The pairs are data (rules/lang/<lang>/given-names.yaml,
        unambiguous ones only).  The surname must be the source language's: unknown to English
        (symspellpy's unigrams) or clearly more frequent in the source language (wordfreq Zipf).
        Applied where the surname is spelled with the source's letters or English has never seen
        it, or where the article itself writes the source form; suggested otherwise ("Peter
        Sanchez" may be an American).
- N402  the particle of a Spanish, Portuguese or French surname translated: "Alexandre of Moraes"
        → "Alexandre de Moraes".  Both names unknown to English as words, the second one capitalised.

Thresholds: rules/lang/thresholds.yaml (namewords).
"""

from __future__ import annotations

from .. import lexicon as L
from ..langdata import table as _table, value as _value, words as _words

_SEC = "namewords"


def _pairs(lang: str) -> dict:
    try:
        return _table(lang, "given-names", "english_to_source")
    except Exception:
        return {}


def _next_word(doc, tok):
    n = doc.next(tok)
    if n is None or not n.is_word or doc.gap(tok, n) != " ":
        return None
    return n


def _capitalised(tok) -> bool:
    """A capitalised word (a possessive "Washington's" is read without its "'s" by the callers)."""
    return tok is not None and tok.is_word and tok.text[0].isupper() and _base(tok)[1:].islower() and len(_base(tok)) > 2


def _base(tok) -> str:
    return tok.text.replace("’", "'").split("'")[0]


def _source_surname(word: str, lang: str) -> bool:
    """A surname of the source language: frequent there (wordfreq) and clearly more than in English."""
    zs, ze = L.zipf(word, lang), L.zipf(word)
    if ze >= float(_value(_SEC, "surname_max_en_zipf")) or zs < float(_value(_SEC, "surname_min_source_zipf")):
        return False
    return zs >= ze + float(_value(_SEC, "surname_margin"))


def _given_names(doc, ctx):
    if not ctx.enabled("N401"):
        return
    lang = ctx.source_lang
    pairs = _pairs(lang)
    if not pairs:
        return
    try:
        own = _words(lang, "given-names", "source_forms_too")
    except Exception:
        own = frozenset()
    for tok in doc.tokens:
        if not tok.is_word or tok.text not in pairs or tok.text in own:
            continue  # ("Joan Laporta": a Catalan given name as it stands)
        sur = _next_word(doc, tok)
        if not _capitalised(sur) or sur.text in pairs:
            continue
        if not _source_surname(_base(sur), lang):
            continue
        src = str(pairs[tok.text])
        # applied only where the article itself writes the source form with this surname; elsewhere a
        # suggestion (Latin American and Italian families also name children Michael or Thomas)
        certain = f"{src} {_base(sur)}" in doc.text
        conf = None if certain else float(_value(_SEC, "suggest_confidence"))
        yield ctx.finding("N401", tok.start, tok.end, src, confidence=conf,
                          message=f"a {lang} given name rendered by its English equivalent: “{tok.text} {sur.text}” "
                                  f"is “{src} {sur.text}”")


def _particle(doc, ctx):
    if not ctx.enabled("N402") or ctx.source_lang not in ("es", "pt", "fr"):
        return
    for tok in doc.tokens:
        if tok.text != "of":
            continue
        p = doc.prev(tok)
        n = _next_word(doc, tok)
        if not _capitalised(p) or not _capitalised(n) or doc.gap(p, tok) != " ":
            continue
        if doc.is_sentence_start(p) and L.unigram(p.text) > 0:
            continue
        if L.unigram(_base(n)) > 0 or L.unigram(p.text) > float(_value(_SEC, "given_max_unigram")):
            continue
        if L.zipf(p.text, ctx.source_lang) < float(_value(_SEC, "given_min_source_zipf")):
            continue  # the first word is a given name of the source language
        nn = _next_word(doc, n)
        if _capitalised(nn):
            continue  # "of" before a full name ("the novel Episodios Nacionales of Benito Pérez Galdós"): a
            # work and its author, not a surname's particle ("Alexandre de Moraes" ends with the surname)
        yield ctx.finding("N402", tok.start, tok.end, "de",
                          message=f"the particle of a surname translated: “{p.text} of {n.text}” is “{p.text} de {n.text}”")


def detect(doc, ctx):
    yield from _given_names(doc, ctx)
    yield from _particle(doc, ctx)
