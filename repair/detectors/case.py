"""Detector: case — capitals left in mid-sentence by garbled MT.  It implements the generic
check type ``capitalisation`` (``extends: capitalisation`` in a rule; ``params.words`` names the
word class, e.g. ``"function-words:lowercase_mid_sentence"``).

- C101  a capitalised closed-class word (determiner, preposition, conjunction, pronoun,
        ordinal, frequent adverb; the list is data: ``lowercase_mid_sentence`` in rules/lang/en/function-words.yaml) in mid-sentence:
        "the Second round", "topics”, Such as" style capitals.  Never at a sentence start, after a
        colon, an opening quote or bracket, a dash or a list marker; never inside a
        Title Case run ("the First Amendment", "Such Is Life"), never in a headline-style
        line where most words are capitalised, and never when the capitalised form is
        used mid-sentence elsewhere in the document (a name or a title).
"""

from __future__ import annotations

import re

from ..langdata import value
from ..langdata import words as lang_words


DEITY_PRONOUNS = frozenset({"he", "him", "his"})
# pronouns and adverbs whose contraction with "is"/"has" is one token ("It's", "That's", "There's")
CONTRACTED = frozenset({"it", "that", "there", "what", "here", "who", "she", "he"})
# words that Title Case leaves in lowercase
TITLE_LOWER = frozenset({"of", "and", "or", "nor", "the", "a", "an"})
STOP_BEFORE = set(".!?…:;()[]{}—–-•*/|\"“‘«>'`")


def _words(rule) -> frozenset[str]:
    """The rule's word class: ``params.words``, a reference ``"NAME:KEY"`` to the class KEY of
    rules/lang/en/NAME.yaml, or a list of words."""
    ref = rule.params.get("words") if rule is not None else None
    if isinstance(ref, str) and ":" in ref:
        name, _, key = ref.partition(":")
        return lang_words("en", name, key)
    if isinstance(ref, (list, tuple)):
        return frozenset(str(w).lower() for w in ref)
    if isinstance(ref, str):
        return frozenset(ref.lower().split())
    return lang_words("en", "function-words", "lowercase_mid_sentence")


def _title_openers():
    from ..langdata import words

    return words("en", "capitals", "title_openers")


def _headline_line(text, s, e):
    words = re.findall(r"[A-Za-z][A-Za-z’'-]*", text[s:e])
    long = [w for w in words if len(w) > 3]
    if len(long) < 2:
        return True
    caps = sum(1 for w in long if w[0].isupper())
    return caps >= value("case", "headline_capitals_share") * len(long)


def _few_lowercase(rest: str) -> bool:
    """Title Case leaves only small words in lowercase: a line with three or more other lowercase
    words of four letters or more ("been", "largest", "wave") is a sentence full of names, not a headline."""
    small = lang_words("en", "capitals", "title_small_words")
    return len([w for w in re.findall(r"\b[a-z][a-z’'-]{3,}", rest) if w not in small]) < 3


def _article_a(doc, t) -> bool:
    """A capital "A" between two lowercase words is the article ("created A live shield"),
    not a label ("vitamin A", "Group A is")."""
    from .residue import LABEL_NOUNS

    p, n = doc.prev(t), doc.next(t)
    if p is None or n is None or not (p.is_word and n.is_word):
        return False
    if not (p.text.islower() and n.text.islower()) or p.text in LABEL_NOUNS or p.text in ("a", "an", "the"):
        return False
    if doc.gap(p, t) != " " or doc.gap(t, n) != " ":
        return False
    return n.text not in lang_words("en", "function-words", "after_label")


def _name_follows(doc, t, closed) -> bool:
    """After ``t`` a run of capitalised words that holds no capitalised closed-class word (a title
    capitalises those: "By Your Side", "As Good As It Gets") and ends in a lowercase word or a clause
    mark: a name the preposition governs ("led By United captain", "all Over Germany to",
    "going Into Zuccotti Park at"), not a title opening."""
    n = doc.next(t)
    k = 0
    while n is not None and n.is_word and n.text[:1].isupper() and "\n" not in doc.gap(t, n):
        if n.text.lower() in closed or k >= 3:
            return False
        k += 1
        t, n = n, doc.next(n)
    if k == 0 or n is None or "\n" in doc.gap(t, n):
        return False
    return (n.is_word and n.text.islower() and n.text.isalpha()) or n.text in ",.;:"


def _lower_content_next(doc, t, closed) -> bool:
    """The next token is a lowercase content word of three letters or more, which Title Case would
    capitalise ("moved Philadelphia onto The top of the Eastern Conference."): the line is no headline
    there (a closed-class word may stay lowercase in one: "Wearing a MAGA Hat, After his SNL Appearance")."""
    n = doc.next(t)
    if n is None or not n.is_word or doc.gap(t, n) != " " or not (n.text.isalpha() and n.text.islower()):
        return False
    small = lang_words("en", "capitals", "title_small_words") | lang_words("en", "capitals", "title_lowercase")
    return len(n.text) >= 3 and n.text not in small and n.text not in TITLE_LOWER and n.text not in closed


def _after_semicolon(doc, p, t) -> bool:
    """``t`` follows a semicolon in running text, a lowercase word after it ("was not convertible;
    Without the assurance"): a semicolon opens no sentence (clean news: 0 such capitals in 4.9M words)."""
    if p.text != ";" or doc.gap(p, t) != " ":
        return False
    q, n = doc.prev(p), doc.next(t)
    return (q is not None and q.is_word and doc.gap(q, p) == "" and n is not None and n.is_word
            and doc.gap(t, n) == " " and n.text.isalpha() and n.text.islower())


def _pronoun_i(doc, n) -> bool:
    """``n`` is the pronoun "I" (or "I'm", "I'd", ...) before a lowercase word: English capitalises it
    everywhere, so it opens no title or name ("many people told Me I mustn't give up")."""
    if not (n.text == "I" or re.fullmatch(r"I['’](?:m|d|ve|ll)", n.text)):
        return False
    nn = doc.next(n)
    return nn is not None and nn.is_word and nn.text[:1].islower() and doc.gap(n, nn) == " "


def _caps_before(doc, t) -> int:
    """How many capitalised words (no sentence start) run up to ``t``, one space apart."""
    k = 0
    while t is not None and t.is_word and t.text[:1].isupper() and not doc.is_sentence_start(t):
        k += 1
        q = doc.prev(t)
        if q is None or doc.gap(q, t) != " ":
            break
        t = q
    return k


def detect(doc, ctx):
    out = []
    for rule in ctx.rules:
        if rule.extends == "capitalisation" and ctx.enabled(rule.id):
            out.extend(_lowercase_mid_sentence(doc, ctx, rule))
    return out


def _lowercase_mid_sentence(doc, ctx, rule):
    words = _words(rule)
    text = doc.text
    toks = doc.tokens
    out = []
    # capitalised forms seen at a place where no capital is expected; counted per form
    midcaps: dict[str, int] = {}
    cands = []
    for t in toks:
        if not t.is_word:
            continue
        w = t.text
        if w == "A":
            if not _article_a(doc, t):
                continue
        elif len(w) < 2 or not (w[0].isupper() and w[1:].islower()):
            continue
        if w.lower() not in words and not (
                w[-2:] in ("'s", "’s") and w[:-2].lower() in words and w[:-2].lower() in CONTRACTED):
            continue  # ("I know It's my fault": the pronoun of a contraction)
        if doc.is_sentence_start(t):
            continue
        p = doc.prev(t)
        if p is None or (p.text in STOP_BEFORE and not _after_semicolon(doc, p, t)):
            continue
        if p.text == ")" and re.search(r"[.…]\s*\)$", text[max(0, p.start - 4):p.end]):
            continue  # after an elision mark "(...)"
        midcaps[w] = midcaps.get(w, 0) + 1
        cands.append(t)
    lower_seen = {t.text for t in toks if t.is_word and t.text.islower()}
    for t in cands:
        if midcaps[t.text] > 1 and t.text.lower() in DEITY_PRONOUNS:
            continue  # "He", "His" used that way more than once: a style, not damage
        if midcaps[t.text] > 1 and t.text.lower() not in lower_seen:
            continue  # capitalised twice in mid-sentence and never written in lowercase: a name ("the
            # biologist Then argues", "experts such as Then"), not a word the MT capitalised
        p, n = doc.prev(t), doc.next(t)
        if n is not None and n.text == ".":
            continue  # "No." and similar abbreviations
        if p.is_word and p.text[:1].isdigit() and not (
                n is not None and n.is_word and (n.text.islower() or (n.text[:1].isdigit() and t.text.lower() in TITLE_LOWER))
                and doc.gap(p, t) == " " and doc.gap(t, n) == " "):
            continue  # after a number only before a lowercase word or, for "and"/"or", another number:
            # "in 1958 For its", "between 12 And 15"; not "Route 66 And More"
        if p.text in "“”" and doc.gap(p, t) == "" and (
                doc.prev(p) is None or doc.prev(p).text == ":" or doc.gap(doc.prev(p), p) != ""):
            continue  # a quotation opens (with the wrong mark): 'the most:”For your work', 'said ”The'

        if p.is_word and p.text.lower() in _title_openers():
            continue  # a title opens: "his lecture A view of the city"
        pp = doc.prev(p)
        ppp = doc.prev(pp) if pp is not None else None
        if (p.text == "," and pp is not None and pp.is_word and pp.text[:1].isupper()
                and ppp is not None and ppp.text == ","):
            continue  # "a Chinese company, Lenovo, While ...": after a name set off by commas a list may go on
        if (p.is_word and p.text[:1].isupper() and p.text.lower() not in words and doc.gap(p, t) == " "
                and (n is None or n.text in ",;:)")):
            continue  # the last word of a name, a clause mark after it: "Raymond So, a student" (at a
            # sentence start too); "Lenovo And" before a name or a lowercase word stays C101's
        n_cap = n is not None and n.is_word and n.text[:1].isupper() and "\n" not in doc.gap(t, n) and not (
            _pronoun_i(doc, n))
        p_cap = p.is_word and p.text[:1].isupper() and not doc.is_sentence_start(p)
        if n_cap or p_cap:
            # Title Case runs ("the First Amendment", "Such Is Life") are left alone, but Title
            # Case never capitalises "of", "and", "or", and a run needs a capital on its left too
            if n_cap and t.text.lower() in ("the", "a", "an"):
                continue  # names open with an article: "The Netherlands", "The Nation"
            lowered_in_titles = t.text.lower() in TITLE_LOWER
            if p_cap and not lowered_in_titles and not (
                    not n_cap and t.text.lower() in lang_words("en", "capitals", "adverbs_after_name")
                    and n is not None and n.is_word and n.text.isalpha() and n.text.islower()
                    and doc.gap(t, n) == " "):
                continue  # (a sentence adverb ends no title: "IBM CZ Also runs a centre")
            if t.text == "Of" and p_cap and n_cap and _caps_before(doc, p) >= 2:
                continue  # a title that capitalises even "of": "Bat Out Of Hell" (not "and": two
                # names, "Kaspar Villiger And Oswald Grübel", are joined by a lowercase "and")
            if n_cap and not p_cap and not (p.text == "," or p.is_word) :
                continue
            if n_cap and not p_cap and t.text.lower() not in TITLE_LOWER | {"in", "on", "at"} and not (
                    p.is_word and t.text.lower() in lang_words("en", "capitals", "name_governors")
                    and _name_follows(doc, t, words)):
                continue  # a name or a title opens ("for example, Sixth Street Prep", "My Life, My Song")
        line_s = text.rfind("\n", 0, t.start) + 1
        line_e = text.find("\n", t.end)
        line_e = len(text) if line_e < 0 else line_e
        if _headline_line(text, line_s, line_e) and _few_lowercase(
                text[line_s:t.start] + " " + text[t.end:line_e]) and not _lower_content_next(doc, t, words):
            continue  # (a headline capitalises the content word after the small one: "onto The top of")
        out.append(ctx.finding(rule.id, t.start, t.start + 1, t.text[0].lower()))
    return out
