"""Detector: linkglue — words run together where a link or an italic span was stripped from a
page, often with a capital in the middle ("MilanThe government", "Ramírezwho explained",
"the ministerSaid", "Yannick Le Goffdelegate").

Unlike repair/detectors/glue.py this looks at tokens with a capital inside and at names with
accented letters, and it restores the punctuation the stripped markup stood for:

- G201  a name run into a capitalised sentence opener: "MilanThe government" → "Milan. The
        government" (the head is a capitalised word, the tail a word that opens sentences), or
        into a capitalised verb of saying: "FernándezReflected" → "Fernández, reflected";
- G202  a name run into a relative pronoun: "Benaventwho" → "Benavent, who";
- G203  a name run into a role noun in apposition: "Le Goffdelegate of the union" → "Le Goff,
        delegate of the union";
- G204  a lowercase word run into a capitalised word: "the ministerSaid" → "the minister said"
        (the tail lowercased where it is a common lowercase word; a name keeps its capital);
- G206  a lowercase function word run into a capitalised word: "inBrasília" → "in Brasília",
        "ofThe report" → "of the report" (the tail cased as for G204);
- G207  a lowercase word run into a capitalised two-letter function word before a lowercase word or
        a number: "fellOn him" → "fell on him", "discoveredIn 1819" → "discovered in 1819";
- G205  a lowercase word run into a sentence opener where English seldom writes the pair in one
        sentence: "the long-dead spectreThere has been" → "spectre. There has been" (a sentence
        adverb with its comma too: "empireHowever, the" → "empire. However, the").

Word classes: rules/lang/en/linkglue.yaml; thresholds: rules/lang/thresholds.yaml (linkglue).
"""

from __future__ import annotations

import re

from .. import lexicon as L
from ..langdata import value as _value, words as _words

_S = "linkglue"
# a capitalised head (letters of any Latin script) and a capitalised tail
CAP_CAP = re.compile(r"([A-ZÀ-Þ][a-zß-ÿ]{2,})([A-Z][a-z]{1,})\Z")
# a capitalised head and a lowercase tail
CAP_LOW = re.compile(r"([A-ZÀ-Þ][a-zß-ÿ]{2,}?)([a-z]{3,})\Z")
LOW_CAP = re.compile(r"([a-z]{3,})([A-Z][a-z]{2,})\Z")
LOW_SHORT = re.compile(r"([a-z]{3,})([A-Z][a-z])\Z")  # G207: "fellOn", "wayOf"
LOW_OPENER = re.compile(r"([a-z]{3,})([A-Z][a-z]+)\Z")  # G205: "peopleIt"
# G206: a lowercase function word and a capitalised word of any Latin script ("inBrasília", "ofVox")
FUNC_CAP = re.compile(r"([a-z]{2,4})([A-ZÀ-Þ][a-zß-ÿ]*[a-zß-ÿ])\Z")


def _w(key):
    return _words("en", _S, key)


def _v(key):
    return _value(_S, key)


def _known_whole(t: str) -> bool:
    return L.zipf(t.lower()) >= float(_v("whole_max_zipf")) or L.unigram(t.lower()) > 0


def _known_camel(t: str) -> bool:
    """A token with a capital inside ("withThe", "andThe") that is an English word as one: in
    symspell's list only.  wordfreq's web counts hold such glued pairs as words ("withthe", "andthe"
    Zipf 2.0 and 2.1), and clean news writes no function word run into a capitalised word (2 tokens
    in 4.9M words, both of them damage: "theConvention on")."""
    return L.unigram(t.lower()) > 0


def _after_determiner(doc, tok) -> bool:
    """The run of capitalised words that ends in ``tok`` follows a determiner ("said a Deutsche
    Bankspokesman"): the name stands before the role noun as its modifier, no apposition."""
    p = doc.prev(tok)
    for _ in range(4):
        if p is None or not p.is_word:
            return False
        if p.text.lower() in _words("en", "function-words", "noun_determiners"):
            return True  # (at a sentence start too: "The Renault Groupspokeswoman said")
        if p.text[:1].isupper():
            p = doc.prev(p)
            continue
        return False
    return False


def _info(doc, ctx):
    key = ("linkglue.words", id(doc))
    if key not in ctx.cache:
        words = set()
        lower = set()
        for t in doc.tokens:
            if t.is_word:
                words.add(t.text)
                if t.text.islower():
                    lower.add(t.text)
        ctx.cache[key] = (words, lower)
    return ctx.cache[key]


def _head_is_name(head: str, words: set) -> bool:
    """A capitalised head that is a name: it stands alone elsewhere in the article, or it is no
    common lowercase English word."""
    if head in words:
        return True
    return L.zipf(head.lower()) < float(_v("name_head_max_zipf"))


def _tail_case(tail: str, words: set, lower: set) -> str:
    """G206: the tail of a function word and a capitalised word as the article should write it.
    A link's text is mostly a name, so the capital stays where the article writes the word
    capitalised elsewhere, or where the word is rare in lowercase English (a name: "withAirbus" ->
    "with Airbus", "inLisbon" -> "in Lisbon"); it goes where the article writes the word in
    lowercase, where news seldom capitalises it (the learned lists of rules/lang/en/capitalised.yaml)
    or where it is a common word ("theMilitary" -> "the military")."""
    tl = tail.lower()
    if len(tail) == 2:
        return tail  # the article of a name ("byEl País")
    if tl in lower or tl in _w("lower_tails"):
        return tl
    if tl.endswith(tuple(_w("adverb_tail_endings"))) and L.unigram(tl) > 0:
        return tl  # an adverb is no name: "andGraphically process" -> "and graphically process"
    if any(tl in _words("en", "capitalised", k) for k in _v("tail_lower_lists").split()):
        return tl
    if tail in words:
        return tail
    return tl if L.zipf(tl) >= float(_v("tail_name_max_zipf")) else tail


def _split(ctx, tok, rule: str, head: str, sep: str, tail: str, message: str):
    """The finding that splits ``tok`` into ``head`` + ``sep`` + ``tail``."""
    return ctx.finding(rule, tok.start, tok.end, f"{head}{sep}{tail}", message=message)


def _intro_phrase(doc, tok, head: str) -> bool:
    """The glued token ends an introductory phrase that opens its sentence ("According to the
    policeThe suspect", "In a statementThe ministry"): the sentence starts with a word of
    ``intro_openers``, and the words from there to ``head`` are few (``intro_max_words``), all
    joined by single spaces, with no verb or subject among them (``intro_not_words``, a past in
    -ed or an irregular past), so the markup stood for the phrase's comma, not a full stop."""
    from .glue import _irregular_past_all

    words = [head.lower()]
    p = tok
    limit = int(_v("intro_max_words"))
    while not doc.is_sentence_start(p):
        q = doc.prev(p)
        if q is None or not q.is_word or doc.gap(q, p) != " " or len(words) >= limit:
            return False
        words.append(q.text.lower())
        p = q
    if len(words) < 2 or p.text not in _w("intro_openers"):
        return False
    stop = _w("intro_not_words")
    past = _irregular_past_all()
    return not any(w in stop or w in past or (w.endswith("ed") and len(w) > 4) for w in words)


def _sentence_glue(doc, tok, head, tail) -> bool:
    """G205: a lowercase word run into a capitalised sentence opener ("spectreThere has", "peopleIt
    was"), where English seldom puts the two words together in one sentence (the bigram count
    against the head's own count; "makeThis", "faceThe" are a verb and its object, G204's)."""
    tl = tail.lower()
    if tail not in _w("sentence_openers") or head in _w("not_heads") or _known_whole(tok.text):
        return False
    if L.zipf(head) < float(_v("head_min_zipf")) or L.unigram(head) <= 0:
        return False  # (a rare head is enough: "abducteesAll 17 of the"; the bigram test decides)
    nxt = doc.next(tok)
    if nxt is None or (not nxt.is_word or doc.gap(tok, nxt) != " ") and not (
            nxt.text == "," and doc.gap(tok, nxt) == "" and tail in _w("comma_openers")):
        return False  # (a sentence adverb takes its comma: "empireHowever, the court")
    prv = doc.prev(tok)
    if (tail in _w("object_tails") and prv is not None and prv.is_word and prv.lower in _w("verb_markers")
            and doc.gap(prv, tok) == " "):
        return False  # "to seeHis name": the verb's object, not a new sentence (G204 splits it)
    return L.bigram(head, tl) < float(_v("sentence_max_bigram_share")) * L.unigram(head)


def detect(doc, ctx):
    out = []
    words = lower = None
    for tok in doc.tokens:
        t = tok.text
        if not tok.is_word or len(t) < 4 or len(t) > 40 or not t.isalpha():
            continue
        if t[1:].islower() and t.isascii():
            # plain capitalised or lowercase words: only the relative-pronoun and role shapes
            m = CAP_LOW.match(t)
            if m is None:
                continue
        if words is None:
            words, lower = _info(doc, ctx)
        m = CAP_CAP.match(t)
        if m and ctx.enabled("G201"):
            head, tail = m.groups()
            found = None
            if tail in _w("openers") and not _known_whole(t) and head.lower() not in _w("not_heads"):
                nxt = doc.next(tok)
                if nxt is not None and nxt.is_word and doc.gap(tok, nxt) == " ":
                    if _intro_phrase(doc, tok, head):
                        found = _split(ctx, tok, "G201", head, ", ", tail.lower(),
                                       f"A name run into the rest of its sentence (a stripped link): “{head}” + "
                                       f"“{tail}” after an introductory phrase; restore its comma")
                    else:
                        found = _split(ctx, tok, "G201", head, ". ", tail,
                                       f"A name run into the next sentence (a stripped link or line break): "
                                       f"“{head}” + “{tail}”; “{t}” is unknown")
            if found is None and tail.lower() in _w("saying_verbs") and not _known_whole(t) \
                    and len(head) >= 4 and head.lower() not in _w("not_heads"):
                found = _split(ctx, tok, "G201", head, ", ", tail.lower(),
                               f"A name run into a verb of saying (a stripped link): “{head}” + “{tail}”; "
                               f"restore the comma before the inverted verb")
            if found is not None:
                out.append(found)
                continue
        m = LOW_OPENER.match(t)
        if m and ctx.enabled("G205") and _sentence_glue(doc, tok, *m.groups()):
            head, tail = m.groups()
            if _intro_phrase(doc, tok, head) and tail not in _w("comma_openers"):
                out.append(_split(ctx, tok, "G205", head, ", ", tail.lower(),
                                  f"An introductory phrase run into the rest of its sentence (a stripped link): "
                                  f"“{head}” + “{tail}”; restore its comma"))
                continue
            out.append(_split(ctx, tok, "G205", head, ". ", tail,
                              f"A sentence run into the next one (a stripped link or line break): “{head}” + "
                              f"“{tail}”; “{head} {tail.lower()}” is rare in English"))
            continue
        m = FUNC_CAP.match(t)
        if m and m.group(1) in _w("function_heads") and ctx.enabled("G206") and not _known_camel(t):
            head, tail = m.groups()
            nxt = doc.next(tok)
            # a two-letter tail only as the article of a name ("byEl País", "inLe Monde")
            if len(tail) >= 3 or (nxt is not None and nxt.is_word and nxt.text[:1].isupper()
                                  and doc.gap(tok, nxt) == " "):
                tail = _tail_case(tail, words, lower)
                out.append(_split(ctx, tok, "G206", head, " ", tail,
                                  f"A function word run into the next word (a stripped link or italics): "
                                  f"“{head}” + “{tail}”; “{t}” is unknown"))
                continue
        m = LOW_SHORT.match(t)
        if m and ctx.enabled("G207") and m.group(2).lower() in _w("short_function_tails") and not _known_whole(t):
            head, tail = m.groups()
            nxt = doc.next(tok)
            if (L.zipf(head) >= float(_v("piece_min_zipf")) and L.unigram(head) > 0 and nxt is not None
                    and doc.gap(tok, nxt) == " " and (nxt.text.islower() or nxt.text.isdigit())):
                out.append(_split(ctx, tok, "G207", head, " ", tail.lower(),
                                  f"A word run into a capitalised short function word (a stripped link or "
                                  f"italics): “{head}” + “{tail}”"))
                continue
        m = LOW_CAP.match(t)
        if m and ctx.enabled("G204"):
            head, tail = m.groups()
            tl = tail.lower()
            # the tail a common English word, or a name the article writes alone elsewhere
            # ("the situationBlumel also said", "Blumel" standing alone three times)
            name_tail = (tail in words and tl not in lower and len(head) >= 4
                         and L.zipf(head) >= float(_v("piece_min_zipf")))
            # (a rarer tail too, where symspell knows it: "on fourRooks", "(standardStopwatch race)";
            # clean news writes a lowercase word run into a capitalised one 8 times in 4.9M words)
            if (not _known_whole(t) and L.zipf(head) >= float(_v("head_min_zipf"))
                    and (L.zipf(tl) >= float(_v("piece_min_zipf")) or name_tail
                         or (L.zipf(tl) >= float(_v("tail_min_zipf")) and L.unigram(tl) > 0))
                    and L.unigram(head) > 0):
                keep_cap = tail in words and tl not in lower and tl not in _w("lower_tails")
                nxt = doc.next(tok)
                if (nxt is not None and nxt.is_word and doc.gap(tok, nxt) == " " and nxt.text[:1].isupper()
                        and nxt.text[1:].islower() and tl not in lower and tl not in _w("lower_tails")
                        and tl not in _words("en", "capitals", "auxiliaries")):
                    # (an auxiliary continues no name: "on them; oneHas Christmas in Egypt" -> "one has")
                    keep_cap = True  # a name runs on: "the clubAntonio Ruiz" -> "the club Antonio Ruiz"
                out.append(_split(ctx, tok, "G204", head, " ", tail if keep_cap else tl,
                                  f"Run-together words with a capital inside (a stripped link or italics): "
                                  f"“{head}” + “{tail}”"))
                continue
        m = CAP_LOW.match(t)
        if m and not _known_whole(t):
            # the longest head that is a name, the tail a relative pronoun or a role noun
            for i in range(len(t) - 3, 2, -1):
                head, tail = t[:i], t[i:]
                why = None
                if tail in _w("relative_pronouns") and ctx.enabled("G202"):
                    if _head_is_name(head, words) and len(head) >= 3:
                        rule, why = "G202", (f"A name run into a relative pronoun (a stripped link): “{head}” + "
                                             f"“{tail}”; restore the comma of the relative clause")
                if why is None and tail in _w("roles") and ctx.enabled("G203"):
                    nxt = doc.next(tok)
                    if head in words or (_head_is_name(head, words) and not head.isascii()):
                        why = (f"A name run into a role noun in apposition: “{head}” (a word of this "
                               f"article) + “{tail}”")
                    elif nxt is not None and nxt.is_word and nxt.lower in _w("role_followers") and \
                            _head_is_name(head, words):
                        why = f"A name run into a role noun in apposition: “{head}” + “{tail} {nxt.text}”"
                    rule = "G203"
                if why is not None:
                    sep = ", "
                    if rule == "G203" and _after_determiner(doc, tok):
                        sep = " "  # "a Deutsche Bankspokesman in New York": the name modifies the role noun
                    out.append(_split(ctx, tok, rule, head, sep, tail, why))
                    break
    return out
