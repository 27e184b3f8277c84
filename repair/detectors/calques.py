"""Detector: article and preposition calques around days, dates and names (Spanish, Portuguese,
French and Italian put a definite article where English puts "on" or nothing).

- K201  a definite article before a weekday: "announced the Tuesday" → "announced on Tuesday",
        "in the Monday" → "on Monday", "The Sunday, ..." → "On Sunday, ...", "since the
        Friday" → "since Friday", "in the last Sunday" → "last Sunday", and Portuguese
        "Monday-fair" (segunda-feira) → "Monday".  English evidence: bigram("the", day) is
        unseen (symspellpy's counts) while "on" + day is; a content word after the day ("the Monday
        meeting") makes it an attribute, and the article stays.
- K202  a definite article before a day-month date: "waiting the 14 January" → "waiting on 14
        January", "the next 12 December" → "on 12 December", "on the 12 of March" → "on 12
        March".
- K203  a definite article before a club or person name (Portuguese and Italian "o Flamengo",
        "la Juventus"): "The Flamengo announced" → "Flamengo announced", "against the Bahia,"
        → "against Bahia,".  Only for a capitalised name that is rare as an English word, that
        the same article uses without an article elsewhere, and where the name stands alone
        (a following noun makes it an attribute: "the Flamengo coach").

- K402  a definite article before a name English news writes bare: "the Japan announced" → "Japan
        announced", "against the Barcelona," → "against Barcelona,", "The Brazil said" → "Brazil said".
        The evidence is learned from clean English (rules/lang/en/bare-names.yaml, ``python -m
        repair.calques_fit``: names seen alone at least 8 times, with "the" before them in at most
        1 % of those places), so no article of the text need write the name bare; the name must stand
        alone as in K203 ("the Brazil coach" keeps its article).  K203 leaves these names to K402.

- K403  a definite article before a noun English writes bare where it ends its noun phrase after a
        preposition (a Romance generic article: "la lucha contra el terrorismo" → "the fight against
        the terrorism." → "against terrorism."); nouns learned like K402's names.

Word classes: rules/lang/en/calques.yaml; thresholds: rules/lang/thresholds.yaml (calques).
"""

from __future__ import annotations

from functools import lru_cache

import re

from .. import lexicon as L
from ..langdata import value as _value, words as _words

_C = "calques"


def _w(key):
    return _words("en", _C, key)


def _cap(s: str) -> str:
    return s[0].upper() + s[1:] if s else s


def _word_after(doc, tok):
    n = doc.next(tok)
    return n


def _after_ok(doc, tok) -> bool:
    """What follows the day phrase lets it be an adverbial (punctuation, a function word, a
    number, the end of the text), not an attribute of a following noun."""
    n = doc.next(tok)
    if n is None or "\n" in doc.gap(tok, n):
        return True
    if not n.is_word:
        return n.text in ".,;:!?)—–-\"”»'’"
    if n.text[0].isdigit():
        return True
    if n.lower in _w("day_parts") and doc.gap(tok, n) == " ":
        # "the Monday night." is adverbial; "the Friday night meetings" an attribute
        return _after_ok(doc, n)
    return n.lower in _w("after_day") and not n.text[0].isupper() or n.text in ("I",)


DAY_TOKEN = re.compile(r"([A-Za-z]+)(-fair|-feira)?\Z")


def _weekday(doc, ctx):
    if not ctx.enabled("K201"):
        return
    days = _w("weekdays")
    for tok in doc.tokens:
        if not tok.is_word:
            continue
        m = DAY_TOKEN.match(tok.text)
        if not m or m.group(1).lower() not in days or not m.group(1)[0].isupper():
            continue
        day = m.group(1)
        fair = m.group(2) is not None
        on = L.bigram("on", day)
        if L.bigram("the", day) > float(_value(_C, "day_the_bigram_max")) and not fair:
            continue  # English writes "the DAY" itself
        evidence = f"bigram “the {day.lower()}” {L.bigram('the', day):,}, “on {day.lower()}” {on:,}"
        p = doc.prev(tok)
        if p is None or not p.is_word or doc.gap(p, tok) != " ":
            if fair:
                yield ctx.finding("K201", tok.start, tok.end, day,
                                  message=f"Portuguese “-feira” rendered word for word: “{tok.text}” is “{day}”")
            continue
        mod = None
        art = p
        if p.lower in _w("this_words"):
            pp = doc.prev(p)
            if (pp is not None and pp.is_word and doc.gap(pp, p) == " " and pp.lower in _w("day_prepositions")
                    and _after_ok(doc, tok)):
                repl = f"{p.text} {day}"
                if pp.text[0].isupper():
                    repl = _cap(repl)
                yield ctx.finding("K201", pp.start, tok.end, repl,
                                  message=f"A preposition before “this {day}” (Portuguese “nesta”): English writes "
                                          f"“this {day}”")
            elif fair:
                yield ctx.finding("K201", tok.start, tok.end, day,
                                  message=f"Portuguese “-feira” rendered word for word: “{tok.text}” is “{day}”")
            continue
        if p.lower in _w("last_words") or p.lower == "next":
            mod, art = p, doc.prev(p)
            if art is None or not art.is_word or doc.gap(art, p) != " ":
                art = None
        if art is None or art.lower != "the":
            if fair:
                yield ctx.finding("K201", tok.start, tok.end, day,
                                  message=f"Portuguese “-feira” rendered word for word: “{tok.text}” is “{day}”")
            continue
        if not _after_ok(doc, tok):
            continue
        pp = doc.prev(art)
        has_pp = pp is not None and pp.is_word and doc.gap(pp, art) == " "
        conf = None
        if mod is not None:
            if mod.lower == "next" or not (has_pp and pp.lower in _w("day_prepositions")):
                continue  # "the next Sunday" / "the last Sunday of May" are English
            n = doc.next(tok)
            if n is not None and n.is_word and n.lower in ("of", "in", "before", "after"):
                continue
            # "in the last Sunday" → "last Sunday"
            start, repl = pp.start, f"{mod.lower} {day}"
            if doc.is_sentence_start(pp):
                repl = _cap(repl)
            yield ctx.finding("K201", start, tok.end, repl,
                              message=f"A definite article before a weekday (“{doc.text[start:tok.end]}”): {evidence}")
            continue
        if has_pp and pp.lower in _w("article_ok_after"):
            continue
        if has_pp and pp.lower in _w("day_prepositions"):
            start, repl = pp.start, f"on {day}"
            if pp.text[0].isupper():
                repl = _cap(repl)
        elif has_pp and pp.lower in _w("keep_prepositions"):
            start, repl = art.start, day
        elif has_pp and pp.lower == "of":
            start, repl = pp.start, f"on {day}"
            conf = float(_value(_C, "of_day_confidence"))
        else:
            start, repl = art.start, f"on {day}"
            if doc.is_sentence_start(art):
                repl = _cap(repl)
        yield ctx.finding("K201", start, tok.end, repl, confidence=conf,
                          message=f"A definite article before a weekday (“{doc.text[start:tok.end]}”): {evidence}")


DATE = None


def _date_re():
    global DATE
    if DATE is None:
        months = "|".join(sorted(_w("months")))
        DATE = re.compile(
            r"\b(?:(?P<prep>[A-Za-z]+) )?(?P<art>[Tt]he) (?:(?P<mod>next|last|past|coming) )?"
            r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)? (?:(?P<of>of) )?(?P<month>(?i:" + months + r"))\b")
    return DATE


def _dates(doc, ctx):
    if not ctx.enabled("K202"):
        return
    text = doc.text
    for m in _date_re().finditer(text):
        month = m.group("month")
        if not month[0].isupper():
            continue
        prep = m.group("prep")
        has_th = bool(re.match(r"[0-3]?\d(?:st|nd|rd|th)", text[m.start("day"):m.end("day") + 2])) and \
            text[m.end("day"):m.end("day") + 2] in ("st", "nd", "rd", "th")
        if has_th and m.group("of") and not m.group("mod"):
            continue  # "on the 14th of January" is English
        # what follows must not make the date an attribute ("the 14 January meeting")
        rest = text[m.end():]
        if re.match(r"\s?[–—-]\s?[0-3]?\d", rest):
            continue  # a range: "for the 31 January–15 March period" qualifies the noun after it
        nm = re.match(r"\s*(\S+)", rest)
        nxt = nm.group(1).strip(".,;:!?)”\"") if nm else ""
        if nxt and nxt[0].isalpha() and nxt.lower() not in _w("after_day") and not nxt[0].isdigit():
            continue
        date = f"{m.group('day')} {month}"
        p = prep.lower() if prep else ""
        if p in _w("article_ok_after") and not m.group("of") and not m.group("mod"):
            continue
        if p in _w("day_prepositions") or p in _w("article_ok_after"):
            start, repl = m.start("prep"), f"on {date}"
            if prep[0].isupper():
                repl = _cap(repl)
        elif p in _w("deadline_prepositions"):
            start, repl = m.start("prep"), f"by {date}"   # "within the 31 December" -> "by 31 December"
            if prep[0].isupper():
                repl = _cap(repl)
        elif p in _w("keep_prepositions") or p == "of":
            start, repl = m.start("art"), date
        else:
            start = m.start("art")
            repl = f"on {date}"
            before = text[:start].rstrip()
            if not before or before[-1] in ".!?\n":
                repl = _cap(repl)
        yield ctx.finding("K202", start, m.end(), repl,
                          message=f"A definite article before a date (“{text[start:m.end()]}”): English writes "
                                  f"“{repl}”")


def _name_alone(doc, tok) -> bool:
    """The name is followed by punctuation, a verb of the class or a function word, not by
    another capitalised word or a noun it qualifies."""
    n = doc.next(tok)
    if n is None or "\n" in doc.gap(tok, n):
        return True
    if n.text == "." and doc.gap(tok, n) == "" and _abbreviation(tok.lower):
        return False  # "the Sra. Rushmore agency": an abbreviation, the name goes on
    if n.is_word and n.lower in _particles():
        nn = doc.next(n)
        if nn is not None and nn.is_word and nn.text[:1].isupper() and doc.gap(n, nn) == " ":
            return False  # "the Copa do Brasil", "the Festa della Repubblica": a name runs on
    if n.is_word:
        return not n.text[0].isupper() and (n.lower in _w("name_verbs_after") or n.lower in _w("after_day")
                                             or _verb_like(n.lower) or _past_before_object(doc, n))
    return n.text in ".,;:!?)”\""


def _particles() -> frozenset:
    """Lowercase words that carry a name on ("Copa do Brasil", "Festa della Repubblica"):
    ``name_particles`` of rules/lang/en/calques.yaml."""
    return _w("name_particles")


def _abbreviation(w: str) -> bool:
    from ..langdata import LangDataError, abbreviations, languages

    for lang in languages():
        try:
            if w in abbreviations(lang):
                return True
        except LangDataError:
            continue  # (a language without an abbreviation list)
    return False


def _past_before_object(doc, n) -> bool:
    """A word in -ed followed by a determiner is a verb with its object ("celebrated the numbers"),
    whatever the bigrams say of it alone (symspellpy has "the celebrated", not "he celebrated")."""
    if not (n.text.islower() and n.lower.endswith("ed") and len(n.lower) > 4):
        return False
    m = doc.next(n)
    return m is not None and m.is_word and doc.gap(n, m) == " " and m.lower in _w("object_determiners")


def _verb_like(w: str) -> bool:
    """English evidence that ``w`` is a verb, not a noun the name qualifies: "he/it w" is more
    frequent than "the w" ("wins", "stays"), or none is seen and ``w`` is a common -s/-ed form
    ("climbs", "overturned")."""
    pron = L.bigram("he", w) + L.bigram("it", w)
    the = L.bigram("the", w)
    if pron or the:
        return pron > the
    return (w.endswith(("s", "ed")) and not w.endswith("ss") and L.zipf(w) >= 3.0
            and not w.endswith(_AGENT_PLURALS))  # "the Brno socialists": a plural of people is a noun


_AGENT_PLURALS = ("ists", "ians", "ers", "ees", "ites")


def _names(doc, ctx):
    if not ctx.enabled("K203"):
        return
    if ctx.source_lang not in tuple(ctx.rule("K203").params.get("source_langs") or (ctx.source_lang,)):
        return  # French keeps no article before a person and English keeps its "the Elysée", "the Oise"
    toks = doc.tokens
    bare: dict[str, int] = {}
    with_art: dict[str, list] = {}
    for tok in toks:
        if not tok.is_word or not tok.text[0].isupper() or len(tok.text) < 3 or tok.text.isupper():
            continue
        p = None if doc.is_sentence_start(tok) else doc.prev(tok)
        if p is not None and p.is_word and p.lower == "the" and doc.gap(p, tok) == " ":
            with_art.setdefault(tok.text, []).append((p, tok))
            continue
        if p is not None and p.is_word and (p.text[0].isupper() or p.lower in ("a", "an", "this", "that", "its",
                                                                              "his", "her", "their", "our")):
            continue
        if p is not None and p.is_word and _modifier(doc, p):
            continue  # "the men's standing Super-G": a modifier inside a noun phrase is no bare use
        r = doc.prev(tok)
        if r is not None and not r.is_word and r.text in _QUOTES and doc.gap(r, tok) == "" and _quote_closes(doc, tok):
            continue  # 'known as "Bulava"', 'the "Bulava."': a quoted name is a mention, no usage either way
        n = doc.next(tok)
        if not (_name_alone(doc, tok) or (n is not None and n.is_word and n.text.islower()
                                          and n.text.endswith("ed") and doc.gap(tok, n) == " ")):
            continue  # part of a longer name, or an attribute ("Bundestag members")
        bare[tok.text] = bare.get(tok.text, 0) + 1
    src = ctx.source_lang
    learned = _bare()
    common = _source_common_nouns(src)
    clubs = _words("romance", "football-clubs", "clubs")
    for name, pairs in with_art.items():
        if name in learned and ctx.enabled("K402"):
            continue  # K402 reads it
        zen = L.zipf(name.lower())
        low = name.lower()
        club = name in clubs  # a club English names without an article (rules/lang/romance/football-clubs.yaml)
        if low in common and not club:
            continue  # "the Gobierno", "the Prefeitura": a body named by a source noun (R304 translates it)
        zsrc = L.zipf(low, src) if src else 0.0
        # a name somewhat common as an English word is still read where the source language uses it far
        # more ("the Napoli", "the Porto": Zipf 5.2 in Italian, 5.3 in Portuguese, 3.3-3.5 in English)
        strong = (zen < float(_value(_C, "name_max_zipf_source"))
                  and zsrc - zen >= float(_value(_C, "name_source_strong_margin")))
        if not club and ((zen >= float(_value(_C, "name_max_zipf")) and not strong) or L.bigram("the", name) > 0):
            continue
        if not club and low.endswith("s") and L.zipf(low[:-1]) >= float(_value(_C, "plural_singular_min_zipf")):
            continue  # "the Czechs", "the Bosnians": a plural noun, not a name
        nbare = bare.get(name, 0)
        by_source = club or (zsrc >= float(_value(_C, "name_source_min_zipf"))
                             and zsrc - zen >= float(_value(_C, "name_source_margin")))
        # the article's own usage is evidence only when the bare form is at least as common as
        # "the NAME" (clean English writes "the Eurozone" nearly always, "Eurozone" rarely)
        by_usage = nbare >= int(_value(_C, "name_bare_min")) and nbare >= len(pairs)
        if not by_usage and not by_source:
            continue
        for art, tok in pairs:
            if not _name_alone(doc, tok):
                continue  # "the Flamengo coach", "the Real Madrid"
            pp = None if doc.is_sentence_start(art) else doc.prev(art)
            if pp is not None and pp.is_word and pp.text[0].isupper() and not doc.is_sentence_start(pp):
                continue  # "Real the Madrid"?  inside a run of names
            conf = None
            if by_usage:
                why = f"which this article also writes without one ({nbare}×)"
            else:
                # no evidence in the article: only an agent ("the X announced") or the object of
                # a preposition that takes a club or person ("against the X")
                n = doc.next(tok)
                if n is not None and n.is_word and n.lower in _w("publication_verbs"):
                    continue  # "when the Noroeste published": a newspaper, whose name English writes with "the"
                # (a conjunction or preposition after the name counts with the verbs, as "it and", "it by" say:
                # content-farm copy writes "the Palmeiras and", "to the Palmeiras by" for clubs far more often than
                # clean copy writes "the Campidoglio and" for a building, a known false alarm of the rule)
                agent = n is not None and n.is_word and (n.lower in _w("name_verbs_after")
                                                         or _verb_like(n.lower)
                                                         or _past_before_object(doc, n))
                after_prep = (pp is not None and pp.is_word and pp.lower in _w("name_prepositions_before"))
                if not after_prep and pp is not None and pp.is_word and pp.lower == "of":
                    ppp = doc.prev(pp)  # "the coach of the Flamengo", "the fans of the Porto": a club's people
                    after_prep = ppp is not None and ppp.is_word and ppp.lower in _w("club_members")
                if not (agent or after_prep or doc.is_sentence_start(art)) and not (
                        club and pp is not None and pp.is_word and pp.text.islower()):
                    continue  # (a listed club after any lowercase word: "joined the Flamengo.", "for the Napoli,")
                if n is not None and n.is_word and n.lower in _w("plural_verbs") and not club:
                    continue  # "The Guaraní were", "the Maya have": a people (a plural), whose name keeps "the"
                if not club and zen >= float(_value(_C, "name_max_zipf")) and not (
                        after_prep or (n is not None and n.is_word and n.lower in _w("name_verbs_after"))):
                    continue  # a name common in English too ("the Liga than"): only a listed verb or a club's people
                conf = float(_value(_C, "name_source_confidence"))
                why = ("a football club, which English names without one" if club else
                       f"a {src} name (zipf {zsrc:.1f} there, {zen:.1f} in English)")
            yield ctx.finding("K203", art.start, tok.start, "", confidence=conf,
                              message=f"A definite article before the name “{name}”, {why}")


@lru_cache(maxsize=8)
def _source_common_nouns(lang: str) -> frozenset:
    """The source language's news words with an English translation (rules/lang/<lang>/residue-words.yaml
    ``to_english``): capitalised after "the", a body's common noun, not a club's or a person's name."""
    from ..langdata import LangDataError, table

    try:
        return frozenset(k.lower() for k in (table(lang, "residue-words", "to_english") or {}))
    except LangDataError:
        return frozenset()


_QUOTES = "\"“‘'«"


def _quote_closes(doc, tok) -> bool:
    """A closing quote right after the name (or after one punctuation mark): the name alone is quoted."""
    n = doc.next(tok)
    if n is not None and not n.is_word and n.text in ".,;:!?" and doc.gap(tok, n) == "":
        tok, n = n, doc.next(n)
    return n is not None and not n.is_word and n.text in _QUOTES + "”’»" and doc.gap(tok, n) == ""


def _modifier(doc, p) -> bool:
    """``p`` is a participle or an adverb (-ing, -ed, -ly) that English writes after "the" far more
    often than after "he"/"it" ("standing", "sitting", "visually"), and a determiner or a possessive
    opens its noun phrase ("the men's standing NAME", "a sitting NAME"): the name is inside that
    phrase, not used without an article.  Not a verb ("beat", "left", "said": "after beating NAME"
    has no determiner), nor a noun in apposition ("the contest NAME", whose article is the noun's)."""
    w = p.lower
    if not (p.text.islower() and w.endswith(("ing", "ed", "ly"))):
        return False
    the = L.bigram("the", w)
    if not (the > 0 and the >= float(_value(_C, "name_modifier_the_ratio")) * (L.bigram("he", w) + L.bigram("it", w))):
        return False
    dets = _words("en", "function-words", "noun_determiners")
    q = p
    for _ in range(3):
        r = doc.prev(q)
        if r is None or "\n" in doc.gap(r, q):
            return False
        if r.lower in dets or r.text in ("'s", "’s") or r.text.endswith(("'s", "’s")):
            return True
        if not (r.is_word and r.text.islower()):
            return False
        q = r
    return False


def _bare():
    return _words("en", "bare-names", "bare")


def _bare_alone(doc, tok) -> bool:
    """K402's stricter reading of a name that stands alone: punctuation other than a quote (which may
    open a phrase the name qualifies: the Facebook "data supernova"), or a lowercase function word or
    verb that is not "of" ("the Russia of Putin" is English) nor a possessive noun ("the Thatcher
    government's"), and not "and"/"or" before another name ("the Portugal and Juventus forward")."""
    n = doc.next(tok)
    if n is None or "\n" in doc.gap(tok, n):
        return True
    if n.lower == "of" or "'" in n.text or "’" in n.text:
        return False
    m = doc.next(n)
    if n.text == "," and m is not None and m.is_word and m.text[0].isupper() and len(m.text) <= 2:
        return False  # "the Washington, D.C. newspaper"
    if not n.is_word:
        return n.text in ".,;:!?)”"
    if n.lower in ("and", "or") and m is not None and m.is_word and m.text[0].isupper():
        return False
    if n.text[0].isupper():
        return False
    if n.lower in _w("name_verbs_after") or n.lower in _w("after_day") or _past_before_object(doc, n):
        return True
    # a verb by the bigrams, and clearly so ("the Oslo accords", "the Western empires" are nouns)
    pron = L.bigram("he", n.lower) + L.bigram("it", n.lower)
    return pron > 0 and pron >= float(_value(_C, "bare_verb_ratio")) * L.bigram("the", n.lower)


def _learned_names(doc, ctx):
    if not ctx.enabled("K402"):
        return
    bare = _bare()
    dated = _w("weekdays") | _w("months")  # K201, K202 and M-rules read these ("the Monday" → "on Monday")
    for tok in doc.tokens:
        if not tok.is_word or tok.text not in bare or tok.lower in dated:
            continue
        low = tok.lower
        if low.endswith("s") and L.zipf(low[:-1]) >= float(_value(_C, "plural_singular_min_zipf")):
            continue  # "the Albanians", "the Arabs": a plural noun, not a name
        art = doc.prev(tok)
        if art is None or not art.is_word or art.lower != "the" or doc.gap(art, tok) != " ":
            continue
        if not _bare_alone(doc, tok):
            continue  # "the Brazil coach", "the Obama administration's", "the Russia of Putin"
        start = not doc.is_sentence_start(art) and doc.prev(art)
        if start and start.is_word and start.text[0].isupper() and not doc.is_sentence_start(start):
            continue  # inside a run of names
        # a name that is also a common English noun ("the Park", "the Turkey" in a title-cased
        # line, "the Chad") is only offered
        conf = float(_value(_C, "bare_common_confidence")) if L.bigram("the", low) > 0 else None
        yield ctx.finding("K402", art.start, tok.start, "", confidence=conf,
                          message=f"A definite article before “{tok.text}”, which English news writes without one "
                                  f"(learned from clean English: rules/lang/en/bare-names.yaml)")


def _np_ends(doc, tok, nouns, ends, pair=True) -> bool:
    """The noun phrase of ``tok`` ends after it (punctuation, an auxiliary, the line's end), or a
    second bare noun of the list follows with "and"/"or" and ends there ("the poverty and the
    unemployment.")."""
    n = doc.next(tok)
    if n is None or "\n" in doc.gap(tok, n) or n.text in ends:
        return True
    if not pair or n.lower not in ("and", "or"):
        return False
    m = doc.next(n)
    if m is not None and m.text == "the":
        m = doc.next(m)
    return m is not None and m.text in nouns and _np_ends(doc, m, nouns, ends, pair=False)


def _generic_nouns(doc, ctx):
    """K403: "the" before a noun that ends its noun phrase after a preposition, where English news
    writes the noun bare ("the fight against the terrorism." → "against terrorism", "a rise of the
    inflation is" → "of inflation"): the nouns and the contexts are those of repair.calques_fit."""
    if not ctx.enabled("K403"):
        return
    nouns = _words("en", "bare-names", "bare_nouns")
    subjects = _words("en", "bare-names", "bare_subjects")
    preps = _w("noun_prepositions")
    ends = _w("noun_phrase_end")
    for tok in doc.tokens:
        if not tok.is_word or tok.text not in nouns:
            continue
        art = doc.prev(tok)
        if art is None or doc.gap(art, tok) != " ":
            continue
        if art.text == "The" and tok.text in subjects and doc.is_sentence_start(art):
            n = doc.next(tok)
            if n is not None and "\n" not in doc.gap(tok, n) and n.text in ends:
                yield ctx.finding("K403", art.start, tok.end, _cap(tok.text),
                                  message=f"“The {tok.text}” opens the sentence: English news writes the noun bare "
                                          f"there (learned from clean English: rules/lang/en/bare-names.yaml)")
            continue
        if art.text != "the":
            continue
        p = doc.prev(art)
        if p is None or not p.is_word or doc.gap(p, art) != " ":
            continue
        if p.lower in ("and", "or"):
            # "of the poverty and the unemployment.": the second noun of a pair after a preposition
            q = doc.prev(p)
            qq = doc.prev(q) if q is not None else None
            if qq is not None and qq.text == "the":
                qq = doc.prev(qq)
            if not (q is not None and q.text in nouns and qq is not None and qq.lower in preps):
                continue
        elif p.lower not in preps:
            continue
        if p.lower == "of":
            q = doc.prev(p)
            if q is not None and (q.text == "%" or q.text[:1].isdigit() or q.lower in _words("en", "function-words", "quantifiers")
                                  or q.lower in ("percent", "per", "cent")):
                continue  # a partitive takes its article: "much of the corruption", "85% of the success"
        if not _np_ends(doc, tok, nouns, ends):
            continue  # "the growth of the economy": the noun phrase goes on
        yield ctx.finding("K403", art.start, tok.start, "",
                          message=f"“the” before “{tok.text}” after “{p.text}”: English news writes the noun bare there "
                                  f"(learned from clean English: rules/lang/en/bare-names.yaml)")


def detect(doc, ctx):
    out = list(_weekday(doc, ctx))
    out.extend(_generic_nouns(doc, ctx))
    out.extend(_learned_names(doc, ctx))
    out.extend(_dates(doc, ctx))
    out.extend(_names(doc, ctx))
    return out
