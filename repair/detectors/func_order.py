"""Detector: Romance word order of a noun phrase by word-class evidence (issue 9, the "func" part).

- M210  an adjective after its noun where symspellpy's bigrams know neither order (K627 needs the
        English order to be a frequent bigram; most content-farm pairs are absent from that list):
        "a discovery exceptional that" → "an exceptional discovery that", "the benefits irregular were
        suspended" → "the irregular benefits were suspended", and the Romance intensified adjective
        after its noun, "a situation very serious" → "a very serious situation", "a tax more unfair" →
        "a more unfair tax".  The evidence, all from the lexicon:
        * the noun is a noun: English puts "the"/"a" before it (bigrams), it has a plural (or is one:
          Zipf of the plural against the word), "very"/"more" never precede it, and it has no adjective
          suffix;
        * the adjective is an adjective: an adjective suffix of rules/lang/en/suffixes.yaml (the
          intensified form needs none), no plural (an adjective takes no -s: "exceptionals" is unseen
          where "experiments" is frequent), no pronoun + word bigram (a verb: "meant", "sent");
        * the pair "NOUN ADJ" is unseen in the bigrams, and the phrase ends after the adjective
          (punctuation, a relative, an auxiliary, a verb in -ed; for the intensified form also a
          preposition of place or purpose);
        * no object complement: no verb of rules/lang/en/func-order.yaml before the determiner
          ("made the process transparent", "found the book impressive"), no "and"/"or" before it
          (gapping: "and the impact substantial"), no copula before a definite determiner (a
          question: "was his justification persuasive?"), and no list of adjectives after it.
        "more" + a short adjective takes its -er form there: "a price more high each year" -> "a higher
        price each year", "the dollar more strong" -> "the stronger dollar" (the table of M203).
        A preposition ends the phrase where the adjective does not govern it (no "ADJ PREP" bigram:
        "the strike national of the sector", not "a course independent of").
        Applied after "a"/"an" or before a relative or an auxiliary; a suggestion where a definite
        determiner and punctuation leave an object complement possible ("returned the sea alive.").

- M215  the time adverb between the verb and its object (Romance "aprobó este martes la ley"):
        "approved this Tuesday the new Housing Law, which" → "approved the new Housing Law this
        Tuesday, which"; only "this" + a weekday after a verb in the past (0 in 4.4M words of clean
        English), the object a determiner phrase or a capitalised name up to punctuation or a word that
        opens another phrase; not after a comma or a quotation (an inverted attribution: "...,"
        announced this Monday the Ministry").

Word classes: rules/lang/en/func-order.yaml and rules/lang/en/romanceorder.yaml (determiners, not
nouns, not adjectives); thresholds: rules/lang/thresholds.yaml (func_order).
"""

from __future__ import annotations

from .. import lexicon as L
from ..langdata import value as _value, wordlist as _wordlist, words as _words
from .romanceorder import _article, _past_forms

_SEC = "func_order"


def _w(key):
    return _words("en", "func-order", key)


def _ro(key):
    return _words("en", "romanceorder", key)


def _suffixes():
    return tuple(_w("adjective_suffixes"))


def _plural_zipf(w: str) -> float:
    if w.endswith("y") and len(w) > 2 and w[-2] not in "aeiou":
        return L.zipf(w[:-1] + "ies")
    if w.endswith(("s", "x", "ch", "sh")):
        return L.zipf(w + "es")
    return L.zipf(w + "s")


def _is_noun(n: str) -> bool:
    if (n.endswith(tuple(_w("adjective_suffixes_of_heads"))) and not n.endswith(tuple(_w("noun_endings_of_heads")))) \
            or n.endswith(tuple(_w("not_noun_endings"))):
        return False
    if n in _ro("not_nouns") or n in _w("not_nouns") or n in _w("complement_verbs") or n in _w("copulas"):
        return False
    if n.isdigit() or n in _w("numbers"):
        return False
    the = L.bigram("the", n) + L.bigram("a", n) + L.bigram("an", n)
    ratio = float(_value(_SEC, "noun_evidence_ratio"))
    if L.bigram("very", n) * ratio > the or (L.bigram("he", n) + L.bigram("it", n)) > the:
        return False  # an adjective ("very good") or a verb ("it was") more often than a noun
    z = L.zipf(n)
    if n.endswith("s") and not n.endswith("ss"):
        sing = n[:-3] + "y" if n.endswith("ies") else n[:-1]
        if L.zipf(sing) >= float(_value(_SEC, "singular_min_zipf")):
            return True
    return _plural_zipf(n) >= z - float(_value(_SEC, "noun_plural_margin"))


def _is_adjective(a: str, intensified: bool) -> bool:
    if a in _ro("not_adjectives") or a in _w("not_adjectives") or a.endswith(tuple(_w("not_adjective_endings"))):
        return False
    if not intensified and not a.endswith(_suffixes()):
        return False
    z = L.zipf(a)
    if z < float(_value(_SEC, "adjective_min_zipf")):
        return False
    if _plural_zipf(a) > z - float(_value(_SEC, "adjective_plural_margin")):
        return False  # a noun: "experiments", "offensives"
    return intensified or (L.bigram("he", a) == 0 and L.bigram("it", a) == 0 and L.bigram("they", a) == 0)


def _plural_noun(n: str) -> bool:
    if not n.endswith("s") or n.endswith("ss"):
        return False
    sing = n[:-3] + "y" if n.endswith("ies") else n[:-1]
    return L.zipf(sing) >= float(_value(_SEC, "singular_min_zipf"))


def _bare_verb(tok) -> bool:
    """A verb before a bare plural object: a finite form (M216's test) or a base form English uses
    after 'to' ("reflect", "use")."""
    from .contextcalques import is_verb
    return _lexical_verb(tok) or (tok.lower not in _w("auxiliaries") and is_verb(tok.lower))


def _word(doc, tok):
    n = doc.next(tok)
    if n is None or not n.is_word or doc.gap(tok, n) != " ":
        return None
    return n


def detect(doc, ctx):
    yield from time_before_object(doc, ctx)
    yield from postposed_adjective(doc, ctx)
    yield from adverb_after_verb(doc, ctx)
    yield from be_perfect(doc, ctx)


def be_perfect(doc, ctx):
    """M222: the perfect with 'be' of Italian and French ("è morto", "est arrivé", "sono tornati")
    rendered word for word: "He is died last night", "the ministers are arrived" -> "has died",
    "have arrived".  Only a participle of the verbs that take 'be' there (motion and change of
    state: rules/lang/en/func-order.yaml 'essere_participles') that English never writes after
    "is" or "was" (the bigrams
    unseen) though "has PARTICIPLE" is frequent (``be_perfect_min_has``), and an intransitive one
    ("PARTICIPLE in" at least ``be_perfect_in_ratio`` times "PARTICIPLE the": "died", "arrived",
    "occurred", "fallen"); not before "to" ("was resigned to his fate" is an adjective).  One adverb
    of rules/lang/en/func-order.yaml 'perfect_adverbs' may stand between ("is already arrived")."""
    if not ctx.enabled("M222"):
        return
    aux = _table_be()
    advs = _w("perfect_adverbs")
    min_has = float(_value(_SEC, "be_perfect_min_has"))
    ratio = float(_value(_SEC, "be_perfect_in_ratio"))
    for be in doc.tokens:
        if not be.is_word or be.lower not in aux:
            continue
        part = _word(doc, be)
        if part is not None and part.lower in advs:
            part = _word(doc, part)
        if part is None or not part.text.islower() or part.lower not in _w("essere_participles"):
            continue
        w = part.lower
        if L.bigram("is", w) > 0 or L.bigram("was", w) > 0 or L.bigram("are", w) > 0 or L.bigram("were", w) > 0:
            continue
        if L.bigram("has", w) < min_has or L.bigram(w, "the") * ratio > L.bigram(w, "in"):
            continue
        nx = doc.next(part)
        if nx is not None and nx.is_word and nx.lower == "to":
            continue
        prev = doc.prev(be)
        if prev is not None and prev.is_word and prev.lower in ("there", "here"):
            continue
        yield ctx.finding("M222", be.start, be.end, _cap(be.text, aux[be.lower]),
                          message=f"the Romance perfect with 'be' (“{be.text} … {part.text}”): English "
                                  f"forms it with 'have' (“{aux[be.lower]} {part.text}”)")


def _table_be():
    from ..langdata import table as _table
    return _table("en", "func-order", "be_perfect_auxiliaries")


def _cap(src: str, repl: str) -> str:
    return repl[0].upper() + repl[1:] if src[:1].isupper() else repl


def _stems(w: str):
    """The base forms a verb form in -s/-es/-ies or -ed/-ied may come from ("reaches" -> "reach",
    "visited" -> "visit", "used" -> "use", "stopped" -> "stop", "carried" -> "carry")."""
    if w.endswith("ies"):
        yield w[:-3] + "y"
    elif w.endswith("ied"):
        yield w[:-3] + "y"
    elif w.endswith("es"):
        yield w[:-2]
        yield w[:-1]
    elif w.endswith("s") and not w.endswith("ss"):
        yield w[:-1]
    elif w.endswith("ed"):
        yield w[:-2]
        yield w[:-1]
        if len(w) > 4 and w[-3] == w[-4]:
            yield w[:-3]


def _lexical_verb(tok) -> bool:
    """A finite lexical verb in -s or the past: the English evidence knows its base form as a verb
    ("to reach", "to visit"), or it is an irregular past of rules/lang/en/irregular-verbs.yaml;
    auxiliaries and copulas (M201's business) are not."""
    from .contextcalques import is_verb
    w = tok.lower
    if not tok.text.islower() or w in _w("auxiliaries") or w in _w("copulas"):
        return False
    if w in _past_forms():
        return True
    if not w.endswith(("s", "ed")) or len(w) < 4:
        return False
    return any(len(b) > 2 and is_verb(b) for b in _stems(w))


def adverb_after_verb(doc, ctx):
    """M216: "reaches sometimes twelve hours" -> "sometimes reaches twelve hours", "visited also the
    museum" -> "also visited the museum" (Romance puts a frequency or focus adverb after the finite
    verb, "alcanza a veces", "ha visitado también"; English before a lexical verb).  Only a
    lowercase verb in -s or the past after another word, the adverb of rules/lang/en/func-order.yaml
    'verb_adverbs', and a determiner, possessive or number after it (the object), the verb one that
    takes an object ("VERB the" more frequent than "VERB to": not "exists also a factor", whose
    English is "there is also a factor"): 4 in 4.5M words of
    clean English (News Commentary 1-3, WMT 2008-2010, NTREX, newstest2012), each itself a translation
    ('represents also the')."""
    if not ctx.enabled("M216"):
        return
    advs = _w("verb_adverbs")
    openers = _w("object_openers") | _w("numbers")
    dets = _ro("determiners")
    for verb in doc.tokens:
        if not verb.is_word:
            continue
        adv = _word(doc, verb)
        if adv is None or adv.lower not in advs or not adv.text.islower():
            continue
        obj = _word(doc, adv)
        if obj is None or not (obj.lower in openers or obj.text[0].isdigit()):
            continue
        prev = doc.prev(verb)
        if prev is None or not prev.is_word or doc.gap(prev, verb) != " " or prev.lower in dets \
                or prev.lower in _w("object_openers"):
            continue  # "the results also ...": a noun
        if not _lexical_verb(verb) or L.bigram(verb.lower, "the") <= L.bigram(verb.lower, "to"):
            continue  # an intransitive verb, its subject after it: "exists also a factor" ("there is also")
        yield ctx.finding("M216", verb.start, adv.end, f"{adv.text} {verb.text}",
                          message=f"Romance adverb placement: “{verb.text} {adv.text}” is “{adv.text} "
                                  f"{verb.text}” in English (the adverb before a lexical verb)")


def _complement_verb_before(doc, tok, reach: int = 15) -> bool:
    """A verb that takes an object complement ("found", "made", "keeps") stands before ``tok`` in its clause."""
    verbs = _w("complement_verbs")
    t = tok
    for _ in range(reach):
        if t is None or t.text in (".", ";", ":", "!", "?"):
            return False
        if t.is_word and t.lower in verbs:
            return True
        if doc.is_sentence_start(t):
            return False
        t = doc.prev(t)
    return False


def postposed_adjective(doc, ctx):
    if not ctx.enabled("M210"):
        return
    dets = _ro("determiners")
    ends = _w("phrase_end_words")
    places = _w("intensified_end_prepositions")
    suggest = float(_value(_SEC, "suggest_confidence"))
    bare_preps = _w("bare_noun_prepositions")
    for det in doc.tokens:
        if not det.is_word:
            continue
        # bare: no determiner, the noun right after a preposition or a verb ("for the consumer final"
        # has one; "without interference political", "reflect factors temporary" have none)
        bare = det.lower not in dets
        if bare and not (det.lower in bare_preps or (det.text.islower() and det.lower not in _w("complement_verbs")
                                                    and det.lower not in _w("copulas") and _bare_verb(det))):
            continue
        noun = _word(doc, det)
        if noun is None or not noun.text.islower() or len(noun.text) < 3 or "-" in noun.text:
            continue
        if bare and not _plural_noun(noun.lower):
            continue  # only a plural: "reflect factors temporary", not "at age five", "in fact minimal"
        adj = _word(doc, noun)
        if adj is None or not adj.text.islower():
            continue
        mid = None
        if bare and adj.lower in _w("intensifiers"):
            continue
        if adj.lower in _w("intensifiers"):
            mid, adj = adj, _word(doc, adj)
            if adj is None or not adj.text.islower():
                continue
        if (len(adj.text) < 4 and mid is None) or adj.lower in _w("adverbs") or adj.lower in _w("numbers"):
            continue
        # the phrase ends after the adjective
        nx = doc.next(adj)
        if nx is None or "\n" in doc.gap(adj, nx):
            end_word, end_punct = None, "."
        elif nx.is_word:
            end_word, end_punct = nx.lower, None
        else:
            end_word, end_punct = None, nx.text
        if end_word is not None:
            if end_word not in ends and not (mid is not None and end_word in places) and not (
                    end_word in _w("governed_prepositions") and L.bigram(adj.lower, end_word) == 0) and not (
                    mid is None and end_word in _w("relational_end_prepositions")
                    and adj.lower.endswith(tuple(_w("relational_suffixes"))) and L.bigram(adj.lower, end_word) == 0) and not (
                    mid is None and end_word in _w("loose_end_prepositions") and L.bigram(adj.lower, end_word) == 0
                    and L.bigram(noun.lower, end_word) > 0) and not (
                    nx.text.islower() and (end_word in _w("verbs_after") or (
                        end_word.endswith("ed") and len(end_word) > 4 and (
                            L.bigram("the", end_word) == 0 or L.bigram(adj.lower, end_word) == 0)))):
                continue
        elif end_punct not in _w("phrase_end_punct"):
            continue
        if bare and end_word is not None and end_word not in _w("bare_phrase_end_words"):
            continue  # "birds ubiquitous in wetlands", "displays of extravagance wasteful is": a complement
        if end_punct == ",":
            nn = doc.next(nx)
            if nn is not None and nn.is_word and (nn.lower in ("and", "or") or nn.lower.endswith(_suffixes())):
                continue  # a list of adjectives: "the common spiritual, moral and ..."
        comparative = None
        if mid is not None and mid.lower == "more" and ctx.enabled("M203"):
            comparative = ctx.rule("M203").params.get("map", {}).get(f"more {adj.lower}")
        # what stands before the determiner
        prev = doc.prev(det)
        p = prev.lower if prev is not None and prev.is_word else ""
        if not bare and (p in _w("complement_verbs") or p in ("and", "or", "but", "nor")):
            continue
        if not bare and p in _w("copulas") and det.lower not in ("a", "an"):
            continue
        if mid is not None and det.lower not in ("a", "an") and comparative is None:
            continue
        if mid is not None and comparative is None and prev is not None and prev.is_word and not (
                p in _w("copulas") or p in _w("intensified_before")):
            continue  # "ran the race very fast": an adverb of the verb
        n, a = noun.lower, adj.lower
        if L.bigram(n, a) > 0 or (mid is not None and L.bigram(n, mid.lower) > 0 and mid.lower != "very"):
            continue
        if not _is_noun(n) or not (comparative is not None or _is_adjective(a, mid is not None)):
            continue
        conf = None
        if det.lower not in ("a", "an") and end_word is None and not bare and (
                p not in _w("complement_free_prepositions") or _complement_verb_before(doc, prev)):
            conf = suggest  # "the sea alive.": an object complement is possible (not after "of": "the
            # fragility of the companies independent,", unless a verb such as "found" governs the phrase:
            # "found the scope of the book impressive.")
        phrase = comparative or (f"{mid.text} {adj.text}" if mid is not None else adj.text)
        if comparative is not None:
            conf = float(_value(_SEC, "comparative_confidence"))  # "a price more high": no English reading
        repl = f"{det.text if bare else _article(det, phrase)} {phrase} {noun.text}"
        yield ctx.finding("M210", det.start, adj.end, repl, confidence=conf,
                          message=f"Romance order, the adjective after its noun: “{noun.text} "
                                  f"{doc.text[noun.end:adj.end].strip()}” is “{phrase} {noun.text}” in English "
                                  f"(a noun with a plural, an adjective without one; the pair is unseen)")


def _past_verb(tok) -> bool:
    w = tok.lower
    if not tok.text.islower():
        return False
    if w.endswith("ed") and len(w) > 4:
        return True
    return w in _past_forms()


def time_before_object(doc, ctx):
    """M215: "approved this Tuesday the new law" -> "approved the new law this Tuesday" (Romance puts
    the time adverb between the verb and its object; English after the object)."""
    if not ctx.enabled("M215"):
        return
    days = _words("en", "calques", "weekdays")
    stops = _w("object_stop_words")
    dets = _w("object_openers")
    most = int(_value(_SEC, "object_max_tokens"))
    for verb in doc.tokens:
        if not verb.is_word:
            continue
        this = _word(doc, verb)
        if this is None or this.lower != "this" or not _past_verb(verb):
            continue
        day = _word(doc, this)
        if day is None or day.lower not in days or not day.text[0].isupper():
            continue
        prev = doc.prev(verb)
        if prev is None or not prev.is_word:
            continue  # after a quotation or a comma the verb opens an inverted attribution ("..., announced")
        first = _word(doc, day)
        if first is None or not (first.lower in dets or (first.text[0].isupper() and first.text[1:].islower())):
            continue
        # the object: up to punctuation or a word that opens another phrase, never ending on a function word
        toks, t, cap = [first], first, first.lower not in dets
        while True:
            n = doc.next(t)
            if n is None or not n.is_word or doc.gap(t, n) != " " or n.lower in stops:
                break
            if cap and not n.text[0].isupper():
                break  # a name is its capitalised words
            toks.append(n)
            t = n
            if len(toks) > most:
                break
        if len(toks) > most or toks[-1].lower in dets or toks[-1].lower in ("of", "and", "or"):
            continue
        end = toks[-1]
        obj = doc.text[first.start:end.end]
        yield ctx.finding("M215", this.start, end.end, f"{obj} {this.text} {day.text}",
                          message=f"Romance order: the time “{this.text} {day.text}” between the verb and its object; "
                                  f"English puts it after the object")
