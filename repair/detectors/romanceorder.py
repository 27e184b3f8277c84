"""Detector: Romance word order kept in English (issue 9, real content-farm copy).

- K627  an adjective after its noun, the Romance order ("una decisión definitiva", "les quartiers
        populaires", "la domanda interna"): "a prohibition definitive" → "a definitive prohibition",
        "the demand internal" → "the internal demand".  The pair is a determiner + noun + adjective
        standing at the end of its phrase (punctuation or a function word follows); the adjective has an
        English adjective suffix (rules/lang/en/suffixes.yaml); English evidence decides: "NOUN ADJ" is
        unseen in symspellpy's bigrams; the swap is applied where "ADJ NOUN" is frequent there; elsewhere
        nothing is said (the list holds few adjective + noun pairs, and a suggestion on suffixes alone
        took nouns for adjectives on clean news: "a huge positive", "the federal executive").  English postpositive uses
        ("the people responsible", "the members present", "attorney general") are frequent pairs
        themselves, or listed, and stay.
- K638  a nationality adjective after its noun ("la liga argentina" → "the league Argentine" →
        "the Argentine league"): determiner + noun + a demonym of rules/gazetteer.yaml ending the
        phrase, the pair unseen in English bigrams.
- K628  a relative "that" after a comma (Spanish/Portuguese/Italian "que/che" of a non-restrictive
        clause): "The family, that prefers ..." → "The family, which prefers ...", "Pineda, that
        saw ..." → "Pineda, who saw ...".  Only before a finite verb (has, had, is, was, a word in -s
        or -ed that English puts after "that"); "who" after a capitalised name (applied), else a
        suggestion: "who" where English pairs the antecedent with "who" (bigrams), "which" otherwise;
        applied also where the antecedent is the noun phrase that opens the sentence ("The measure,
        that will be in force" -> "The measure, which will be in force"): no clause precedes there
        whose demonstrative subject "that" could be.

Thresholds: rules/lang/thresholds.yaml (romanceorder); word classes: rules/lang/en/romanceorder.yaml.
"""

from __future__ import annotations

from functools import lru_cache

from .. import lexicon as L
from ..langdata import value as _value, wordlist as _wordlist, words as _words

_SEC = "romanceorder"


def _w(key):
    return _words("en", "romanceorder", key)


def _adj_suffixes():
    return tuple(s for s in _wordlist("en", "suffixes", "adjective") if s not in _w("not_adjective_suffixes"))


@lru_cache(maxsize=1)
def _past_forms() -> frozenset:
    """The simple pasts of rules/lang/en/irregular-verbs.yaml ("went", "took", "put")."""
    from ..langdata import table as _table
    return frozenset(_table("en", "irregular-verbs", "participle_past").values()) | _words("en", "irregular-verbs", "same_past")


def _next_word(doc, tok):
    n = doc.next(tok)
    if n is None or not n.is_word or doc.gap(tok, n) != " ":
        return None
    return n


def _phrase_end(doc, tok) -> bool:
    n = doc.next(tok)
    if n is None or "\n" in doc.gap(tok, n):
        return True
    if not n.is_word:
        return n.text in ".,;:!?)»”\"'’"
    return (n.lower in _w("after_phrase") or n.lower in _w("finite_verbs") or n.lower in _past_forms()
            or (n.text.islower() and n.lower.endswith("ed") and len(n.lower) > 4 and L.unigram(n.lower) > 0))


def _determiner_nouns(doc):
    """(determiner, the lowercase word after it that may be a noun), for both order checks."""
    dets = _w("determiners")
    not_nouns = _w("not_nouns")
    for det in doc.tokens:
        if not det.is_word or det.lower not in dets:
            continue
        noun = _next_word(doc, det)
        if noun is None or not noun.text.islower() or len(noun.text) < 3 or noun.lower in not_nouns:
            continue
        yield det, noun


def _article(det, first: str) -> str:
    """The determiner before the moved word: "a"/"an" agrees with ``first`` (in the determiner's case)."""
    if det.lower not in ("a", "an"):
        return det.text
    art = "an" if first[0].lower() in "aeiou" and not first.lower().startswith("eu") else "a"
    return art.capitalize() if det.text[0].isupper() else art


def _postposed_adjective(doc, ctx):
    if not ctx.enabled("K627"):
        return
    min_swapped = float(_value(_SEC, "swapped_min_bigram"))
    suffixes = _adj_suffixes()
    for det, noun in _determiner_nouns(doc):
        adj = _next_word(doc, noun)
        if adj is None or not adj.text.islower() or len(adj.text) < 5 or not adj.lower.endswith(suffixes):
            continue
        if adj.lower in _w("not_adjectives") or not _phrase_end(doc, adj):
            continue
        after = _next_word(doc, adj)
        if after is not None and after.lower in _w("adjective_complements"):
            continue  # the adjective heads a phrase of its own after the noun: "functions specific to
            # some modules", "a report previous to the visit" (English's order too)
        prev = doc.prev(det)
        if prev is not None and prev.is_word and prev.lower in _words("en", "func-order", "complement_verbs"):
            continue  # an object complement: "kept the market competitive", "made the process transparent"
        swapped = L.bigram(adj.text, noun.text)
        kept = L.bigram(noun.text, adj.text)
        if kept > 0 or swapped < min_swapped:
            continue
        yield ctx.finding("K627", det.start, adj.end, f"{_article(det, adj.text)} {adj.text} {noun.text}",
                          confidence=None,
                          message=f"Romance order, the adjective after its noun: “{noun.text} {adj.text}” is unseen "
                                  f"in English, “{adj.text} {noun.text}” {swapped:,.0f}")


def _demonym_after_noun(doc, ctx):
    """K638: "the league Argentine" -> "the Argentine league" (a nationality adjective after its noun)."""
    if not ctx.enabled("K638"):
        return
    from ..rules import gazetteer
    demonyms = gazetteer("demonyms")
    for det, noun in _determiner_nouns(doc):
        dem = _next_word(doc, noun)
        if dem is None or dem.text not in demonyms or not _phrase_end(doc, dem):
            continue
        if (L.bigram(noun.text, dem.text) > 0 or noun.lower in _w("finite_verbs")
                or noun.lower.endswith(("ly", "ing")) or "-" in noun.text or not _noun_by_plural(noun.lower)):
            continue  # a noun English puts after "the" ("those studying German" is a verb and a language)
        yield ctx.finding("K638", det.start, dem.end, f"{_article(det, dem.text)} {dem.text} {noun.text}",
                          message=f"a nationality adjective after its noun (Romance order): “{noun.text} {dem.text}” "
                                  f"is “{dem.text} {noun.text}”")


def _noun_by_plural(w: str) -> bool:
    """The word before the demonym is a noun by func_order's word-class evidence (a plural as frequent
    as the word, no adjective suffix, 'very' never before it): "his counterpart French" (a noun the
    bigram list lacks after "the"), or a mass noun ("the football Spanish"); not "the average Pakistani",
    "the typical Chinese", "five ethnic Chinese", "a poor African" (an adjective before a demonym that
    is a noun itself)."""
    from .func_order import _is_noun
    if _is_noun(w):
        return True
    # a mass noun has no plural ("the football Spanish"): "the" before it, never "very", no adjective suffix
    if L.bigram("the", w) == 0 or L.bigram("very", w) > 0 or w in _w("not_nouns") or w in _words("en", "func-order", "not_nouns"):
        return False
    return not w.endswith(tuple(_wordlist("en", "func-order", "adjective_suffixes_of_heads")))


def _relative_that(doc, ctx):
    if not ctx.enabled("K628"):
        return
    for tok in doc.tokens:
        if tok.text != "that":
            continue
        comma = doc.prev(tok)
        if comma is None or comma.text != "," or doc.gap(comma, tok) != " ":
            continue
        ante = doc.prev(comma)
        if ante is None or not ante.is_word or doc.gap(ante, comma) != "":
            continue
        verb = _next_word(doc, tok)
        if verb is not None and verb.lower in _w("relative_adverbs"):
            verb = _next_word(doc, verb)  # "Vélez, that initially asked"
        if verb is None or not verb.text.islower():
            continue
        v = verb.lower
        finite = v in _w("finite_verbs") or v in _past_forms() or (
            v.endswith("ed") and len(v) > 4 and L.unigram(v) > 0 and L.bigram("the", v) == 0) or (
            (v.endswith("ed") or (v.endswith("s") and not v.endswith("ss")))
            and L.bigram("that", v) >= float(_value(_SEC, "that_verb_min_bigram"))
            and L.bigram("the", v) < float(_value(_SEC, "that_verb_max_the")))
        if not finite and v.endswith("ed") and len(v) > 4:
            obj = _next_word(doc, verb)  # "Rienzi, that announced an action": a verb with its object
            finite = obj is not None and obj.lower in _words("en", "calques", "object_determiners")
        if not finite or v in _w("not_after_relative"):
            continue
        if v in ("is", "was"):
            n = doc.next(verb)
            if n is None or not n.is_word or (doc.gap(verb, n) == " " and n.lower in (
                    {"to"} | _w("demonstrative_after_copula"))):
                continue  # ", that is to say", ", that is, without", ", that is what", ", that is for sure"
        if ante.text.islower() and (ante.lower in _words("en", "glue", "reporting") or ante.lower in _w("saying_present")):
            continue  # "these issues, he argues, that are the stuff": the clause is no antecedent's
        # the antecedent: a capitalised name (not a sentence start) is a person or a body; else the
        # English bigrams of the antecedent with "who" and "which" choose, or the fix is a suggestion
        if ante.lower in _w("not_antecedents") or (
                doc.is_sentence_start(ante) and L.zipf(ante.text) >= float(_value(_SEC, "name_max_zipf"))):
            continue  # "Still, that was not all"; "them, that is pure happiness" (a name may open the sentence)
        # a capitalised word English rarely uses in lower case is a person's name ("Pineda", not "Nutrition")
        name = (ante.text[0].isupper() and ante.lower not in _w("not_person_names")
                and L.zipf(ante.text) < float(_value(_SEC, "name_max_zipf")))
        if not name and v == "is":
            n = _next_word(doc, verb)
            if n is not None and doc.gap(verb, n) == " " and n.lower in _w("that_is_apposition"):
                h = _next_word(doc, n)
                after = _next_word(doc, h) if h is not None else None
                # a ranking or a part of something is said of the antecedent ("the bridge, that is the
                # longest in the country", "the city, that is the capital of the region"): a relative
                ranked = h is not None and (h.lower in _w("that_is_ranking") or (
                    h.lower.endswith("est") and len(h.lower) > 5) or (after is not None and after.lower == "of"))
                if not ranked:
                    continue  # "the quality of the frame, that is the mattress and the base": "that is" = "i.e."
        if _after_opening_phrase(doc, comma, tok):
            continue  # "For a small town of 900 people, that will be a heavy blow": the main clause's subject
        who, which = L.bigram(ante.text, "who"), L.bigram(ante.text, "which")
        ratio = float(_value(_SEC, "relative_ratio"))
        sugg = float(_value(_SEC, "relative_suggest_confidence"))
        if name:
            rel, conf = "who", None
            # an appositive name (", Tomás Ruiz García, that invoiced"): the clause may be the noun's before it
            t = ante
            while (q := doc.prev(t)) is not None and q.is_word and q.text[0].isupper() and doc.gap(q, t) == " ":
                t = q
            q = doc.prev(t)
            if q is not None and q.text == ",":
                conf = sugg
        elif who > 0 and who >= ratio * which:
            rel, conf = "who", sugg
        else:
            rel, conf = "which", sugg
        if not name and _opening_subject(doc, ante):
            conf = None  # "The family, that prefers": the sentence's subject, a relative clause after it
        yield ctx.finding("K628", tok.start, tok.end, rel, confidence=conf,
                          message=f"a relative “that” after a comma (Romance “que/che” of a non-restrictive clause): "
                                  f"English writes “{rel}” there")


def _opening_subject(doc, ante) -> bool:
    """The antecedent is the noun phrase that opens the sentence: a determiner of
    rules/lang/en/romanceorder.yaml 'subject_determiners' at the sentence start, then at most
    ``subject_max_words`` words one space apart, the last the antecedent ("The family, that",
    "The European Central Bank, that").  There "that" after the comma cannot be the demonstrative
    subject of a new clause (no clause has been said yet), only the Romance relative."""
    most = int(_value(_SEC, "subject_max_words"))
    t, n = ante, 0
    while True:
        q = doc.prev(t)
        if q is None or not q.is_word or doc.gap(q, t) != " ":
            return False
        if q.lower in _w("subject_determiners") and doc.is_sentence_start(q) and q.text[0].isupper():
            return n < most
        if q.lower in _w("not_in_subject"):
            return False
        t, n = q, n + 1
        if n >= most:
            return False


def _after_opening_phrase(doc, comma, that) -> bool:
    """The comma ends the phrase a preposition opens the sentence with (its first comma), and the
    words after "that" run to the end of the sentence without another: "that" is the subject of the
    main clause ("For a small town, that will be a blow"), no relative of the phrase's last noun (a
    non-restrictive relative there would close with a comma before the main clause)."""
    sent = doc.sentence_at(that.start)
    if sent is None:
        return False
    toks = doc.tokens_in(sent.start, sent.end)
    if not toks or not toks[0].is_word or toks[0].lower not in _words("en", "function-words", "prepositions"):
        return False
    return not any(t.text in ",;:" and t is not comma and t.start != comma.start for t in toks)


def detect(doc, ctx):
    yield from _postposed_adjective(doc, ctx)
    yield from _demonym_after_noun(doc, ctx)
    yield from _relative_that(doc, ctx)
