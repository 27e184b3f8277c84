"""Detector: Romance tenses rendered word for word (issue 9, real content-farm copy).

- K601  the present perfect with a definite past time ("ha aprobado este martes", "a annoncé hier",
        "ha dichiarato ieri"): "The Government has approved this Tuesday a decree" → "approved this
        Tuesday" (K518 suggests "on Tuesday"; the dev articles' gold keeps "this Tuesday"), "has been arrested yesterday" → "was arrested yesterday".  English does not put the
        present perfect with a time word that dates the event (yesterday, last week, on/this Tuesday,
        in 2019, two days ago) in its own clause; a span word before the time ("since Monday", "for the
        last week", "until Friday") makes it a span, and the rule keeps away.
- K602  the present perfect in an inverted attribution after a quote ('"...", has declared the
        minister' from '"...", ha dichiarato il ministro'): '", declared the minister'.  English writes
        the simple past (or "said") there; the present perfect never follows the comma of a quote.
- K603  the conditional of report ("habría recibido", "aurait coûté", "avrebbe ricevuto": the
        journalist does not vouch for the fact) rendered as the English counterfactual "would have
        received": "who allegedly received" where the sentence reports an investigation or an
        accusation, "reportedly" otherwise.  English "would have" is a counterfactual: a sentence with
        "if", "unless", "otherwise", "without", a wish or "had" keeps it.  A suggestion (the editor
        knows whether the source hedged), except in a sentence naming an investigation.

Evidence: the participle is an English word (symspellpy unigram) ending in -ed or one of the
irregular forms of rules/lang/en/irregular-verbs.yaml.  Word classes: rules/lang/en/tense.yaml;
thresholds: rules/lang/thresholds.yaml (tense).
"""

from __future__ import annotations

import re

from .. import lexicon as L
from ..langdata import table as _table, value as _value, words as _words

_SEC = "tense"
YEAR = re.compile(r"(1[89]|20)\d\d\Z")
QUOTE_CLOSE = "\"”»'’"


def _w(key):
    return _words("en", "tense", key)


def _wd(key):
    return _words("en", "calques", key)


def _irregular() -> dict:
    return _table("en", "irregular-verbs", "participle_past")


def _same_past():
    return _words("en", "irregular-verbs", "same_past")


def past_of(participle: str) -> str | None:
    """The simple past of an English past participle, or None when the word is not one."""
    low = participle.lower()
    irr = _irregular()
    if low in irr:
        return irr[low]
    if low in _same_past():
        return low
    if len(low) > 4 and low.endswith("ed") and L.unigram(low) > 0:
        return low
    return None


def _next_word(doc, tok):
    n = doc.next(tok)
    if n is None or not n.is_word or doc.gap(tok, n) != " ":
        return None
    return n


def _perfect(doc, tok):
    """(has/have token, adverb or None, participle token) for a present perfect starting at tok."""
    if tok.lower not in ("has", "have"):
        return None
    p = doc.prev(tok)
    if p is not None and p.is_word and p.lower in _w("not_perfect"):
        return None
    n = _next_word(doc, tok)
    adv = None
    if n is not None and n.lower in _w("between"):
        adv, n = n, _next_word(doc, n)
    if n is None or not n.text.islower() or past_of(n.text) is None:
        return None
    return tok, adv, n


def _simple_past(doc, has, part):
    """The replacement words for "has/have [adv] participle" and the token they end at."""
    if part.lower == "been":
        subj = doc.prev(has)
        be = "was" if has.lower == "has" or (subj is not None and subj.lower == "i") else "were"
        nxt = _next_word(doc, part)
        if nxt is not None and nxt.text.islower() and past_of(nxt.text) is not None and nxt.lower != "been":
            return f"{be} {nxt.text}", nxt
        return be, part
    return past_of(part.text), part


def _weekday(tok) -> str | None:
    if tok is None or not tok.is_word:
        return None
    m = re.match(r"([A-Z][a-z]+)(?:-feira|-fair)?\Z", tok.text)
    if m and m.group(1).lower() in _wd("weekdays"):
        return m.group(1)
    return None


def _time_after(doc, end_tok, sent_end):
    """The first definite past time in the clause after end_tok: (first token, last token, kind)."""
    window = int(_value(_SEC, "time_window"))
    t = end_tok
    prev_word = None
    for _ in range(window):
        t = doc.next(t)
        if t is None or t.start >= sent_end:
            return None
        if not t.is_word:
            if t.text in ".,;:!?()[]\"“”«»":
                return None   # (after a comma the time belongs to another clause or an aside:
                #              "has exchanged the aircraft, flew on Tuesday", "the approval, last year, of")
            continue
        low = t.lower
        if low in _w("clause_breakers"):
            return None
        if t.text.islower() and past_of(t.text) is not None and low not in _w("last_units"):
            return None  # another verb ("has followed the path started years ago"): the time is its own
        if low == "to":
            n = _next_word(doc, t)
            if n is not None and n.text.islower() and n.lower not in _w("object_starters"):
                return None  # "has continued to fall on Tuesday": the time dates the infinitive
        if low in _w("span_words") or (low == "last" and prev_word in ("the", "this", "these")):
            return None
        if low == "yesterday":
            return t, t, "yesterday"
        if low in ("this", "last", "on"):
            n = _next_word(doc, t)
            day = _weekday(n)
            if day is not None and low == "on" and prev_word in (_w("dated_nouns") | _words("en", "word-classes", "event_nouns")):
                return None  # the day is the event's, still to come: "have declared a strike on Monday",
                # "have proposed voluntary overtime on Saturday"
            if day is not None:
                return t, n, low + "-day"
            if low == "this" and n is not None and n.lower in _wd("day_parts") and t is doc.next(end_tok):
                # "has held this morning a speech": the time before the object (Romance order) dates it
                o = _next_word(doc, n)
                if o is not None and o.lower in _w("article_starters"):
                    return t, n, "daypart"
            if low == "last" and n is not None and n.lower in _w("last_units"):
                return t, n, "last"
        if low == "in":
            n = doc.next(t)
            if n is not None and YEAR.match(n.text) and int(n.text) < int(_value(_SEC, "year_before")):
                nn = doc.next(n)
                if nn is None or not nn.is_word or nn.lower not in ("and", "to", "or"):
                    return t, n, "year"
        if low in _w("ago_units"):
            n = _next_word(doc, t)
            if n is not None and n.lower == "ago":
                return t, n, "ago"
        prev_word = low
    return None


def _sentence_end(doc, tok):
    return doc.sentence_at(tok.start)   # (by bisection: sentences are sorted and disjoint)


def _present_perfect_time(doc, ctx):
    if not ctx.enabled("K601"):
        return
    for tok in doc.tokens:
        got = _perfect(doc, tok)
        if got is None:
            continue
        has, adv, part = got
        sent = _sentence_end(doc, has)
        if sent is None:
            continue
        words, last = _simple_past(doc, has, part)
        time = _time_after(doc, last, sent.end)
        if time is None:
            continue
        first, tlast, kind = time
        if adv is not None:
            words = f"{adv.text} {words}"
        if has.text[0].isupper():
            words = words[0].upper() + words[1:]
        evidence = f"the present perfect dated by “{doc.text[first.start:tlast.end]}”"
        conf = float(_value(_SEC, "year_confidence")) if kind == "year" else None
        yield ctx.finding("K601", has.start, last.end, words, confidence=conf,
                          message=f"Romance present perfect with a past time: {evidence}")


def _after_quote(doc, tok) -> bool:
    """tok follows '", ' or ',” ' (the end of a quotation)."""
    p = doc.prev(tok)
    if p is None or p.is_word:
        return False
    pp = doc.prev(p)
    if pp is None or pp.is_word:
        return False
    return (p.text == "," and pp.text in QUOTE_CLOSE) or (p.text in QUOTE_CLOSE and pp.text == ",")


def _inverted_attribution(doc, ctx):
    if not ctx.enabled("K602"):
        return
    for tok in doc.tokens:
        got = _perfect(doc, tok)
        if got is None or not _after_quote(doc, tok):
            continue
        has, adv, part = got
        if part.lower == "been":
            continue
        subj = _next_word(doc, part)
        if subj is None:
            continue  # '", has said.' is no inversion
        past = past_of(part.text)
        words = f"{adv.text} {past}" if adv is not None else past
        yield ctx.finding("K602", has.start, part.end, words,
                          message=f"Romance present perfect in an attribution after a quote (“{has.text} "
                                  f"{part.text} {subj.text}”): English writes the simple past")


def _conditional_report(doc, ctx):
    if not ctx.enabled("K603"):
        return
    for tok in doc.tokens:
        if tok.lower != "would":
            continue
        h = _next_word(doc, tok)
        if h is None or h.lower != "have":
            continue
        part = _next_word(doc, h)
        if part is None or not part.text.islower() or past_of(part.text) is None:
            continue
        sent = _sentence_end(doc, tok)
        if sent is None:
            continue
        words = {t.lower for t in doc.tokens_in(sent.start, sent.end) if t.is_word}
        if words & _w("counterfactual_markers"):
            continue
        reported = bool(words & _w("report_markers"))
        subj = doc.prev(tok)
        if subj is None or not subj.is_word or subj.lower in ("i", "we", "you"):
            continue
        if not reported and subj.lower not in ("who", "which"):
            continue
        if part.lower == "been":
            continue  # "would have been arrested": the number of the subject decides was/were
        repl_words, last = past_of(part.text), part
        adverb = "allegedly" if words & _w("crime_markers") else "reportedly"
        conf = None if reported and adverb == "allegedly" and subj.lower in ("who", "which") else float(
            _value(_SEC, "report_suggest_confidence"))
        yield ctx.finding("K603", tok.start, last.end, f"{adverb} {repl_words}", confidence=conf,
                          message=f"Romance conditional of report (“{doc.text[tok.start:last.end]}”): the source "
                                  f"does not vouch for the fact; English writes “{adverb}”")


def detect(doc, ctx):
    yield from _present_perfect_time(doc, ctx)
    yield from _inverted_attribution(doc, ctx)
    yield from _conditional_report(doc, ctx)
