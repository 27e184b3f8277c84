"""Detector: capitals — a content word wrongly capitalised inside a sentence.

C101 (case.py) covers closed-class words; this module covers the rest, each by evidence:

- C201  an inflected verb or adverb capitalised between two lowercase words ("the talks Ended
        on Monday", "he Strongly denied it"): its lowercase form and its stem are frequent English
        words, names do not inflect that way, and the document never writes it capitalised elsewhere
        in mid-sentence.
- C202  any other word capitalised between two lowercase words when news never writes it with a
        capital there: rules/lang/en/capitalised.yaml (``lower_seen``, learned by
        ``python -m repair.capitals_fit`` from the English news of ../shared/corpora/parallel/):
        "the talks were Very productive", "prices Rose again".

Never at a sentence start, after a colon, quote, dash, bracket or bullet (the previous token must be
a lowercase word one space away), never after a determiner, preposition or title (a name or an
institution: "the Court", "in Reading"), never in a headline-style line, never in a run of capitals,
never for a country or nationality.  Words and thresholds: rules/lang/en/capitals.yaml,
rules/lang/thresholds.yaml (capitals).
"""

from __future__ import annotations

from .. import lexicon as L
from ..langdata import value, wordlist, words
from .case import _headline_line


def _stem_ok(lw: str, ending: str, min_z: float) -> bool:
    stem = lw[: -len(ending)]
    cands = {stem}
    if ending in ("ed", "ing"):
        cands |= {stem + "e"} | ({stem[:-1]} if len(stem) > 2 and stem[-1] == stem[-2] else set())
    if ending == "ly" and stem.endswith("i"):
        cands.add(stem[:-1] + "y")
    return any(len(c) >= 3 and L.zipf(c) >= min_z for c in cands)


def detect(doc, ctx):
    on1, on2 = ctx.enabled("C201"), ctx.enabled("C202")
    if not (on1 or on2):
        return []
    from .case import _words as _closed_class
    from ..rules import gazetteer

    before = words("en", "capitals", "name_before")
    endings = wordlist("en", "capitals", "verb_endings")
    min_inf = float(value("capitals", "inflected_min_zipf"))
    min_stem = float(value("capitals", "stem_min_zipf"))
    min_len = int(value("capitals", "min_letters"))
    gaz = gazetteer()
    coord = words("en", "capitals", "coordinators")
    lower_seen = words("en", "capitalised", "lower_seen")
    closed = _closed_class(ctx.by_id.get("C101")) if ctx.enabled("C101") else frozenset()
    text = doc.text
    toks = doc.tokens
    lower_mid, cap_mid = {}, {}
    cands = []
    for t in toks:
        if not t.is_word:
            continue
        w = t.text
        if w.islower():
            lower_mid[w] = lower_mid.get(w, 0) + 1
            continue
        if len(w) < min_len or not (w[0].isupper() and w[1:].islower() and w.isalpha()):
            continue
        if doc.is_sentence_start(t):
            continue
        cap_mid[w] = cap_mid.get(w, 0) + 1
        cands.append(t)
    out = []
    for t in cands:
        w = t.text
        lw = w.lower()
        if cap_mid[w] > 1 or w in gaz:
            continue
        p, n = doc.prev(t), doc.next(t)
        if p is None or n is None or not (p.is_word and n.is_word):
            continue
        if not (p.text.islower() and n.text.islower() and p.text.isalpha()) or p.text in before:
            continue  # "the 20th Century", "the Court", "in Reading"
        pp = doc.prev(p)
        if p.text in coord and pp is not None and pp.is_word and pp.text[:1].isupper():
            continue  # a capitalised pair: "Consumers and Goods"
        if doc.gap(p, t) != " " or doc.gap(t, n) != " ":
            continue
        if lw in closed:
            continue  # C101's
        if on1 and L.zipf(lw) >= min_inf and any(
                lw.endswith(e) and len(lw) - len(e) >= 3 and _stem_ok(lw, e, min_stem) for e in endings):
            rule = "C201"
        elif on2 and lw in lower_seen:
            rule = "C202"
        else:
            continue
        line_s = text.rfind("\n", 0, t.start) + 1
        line_e = text.find("\n", t.end)
        line_e = len(text) if line_e < 0 else line_e
        if _headline_line(text, line_s, t.start) and _headline_line(text, t.end, line_e):
            continue  # a Title Case line (the word itself and its neighbours aside)
        out.append(ctx.finding(rule, t.start, t.start + 1, w[0].lower()))
    return out
