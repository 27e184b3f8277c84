"""Detector: punct — stray and misplaced punctuation left by MT.

- P101  a stray period in mid-sentence before a lowercase word that continues the
        sentence ("talks with the city. that start today"); never after an abbreviation,
        an initial, a number, inside a URL or before a word with an inner capital
        (iPhone).  The continuation words are data (``params.continuations`` in
        rules/punct.yaml); any other lowercase word gives a suggestion only;
- P102  a space before a closing quotation mark that is followed by punctuation
        or ends the paragraph ("the city ”." → "the city”.");
- P103  a space before , . ; : ) (a colon only between letters);
- P104  doubled punctuation (",," ";;" "::" and exactly two periods).
"""

from __future__ import annotations

import re

from ..document import ABBREV

DEFAULT_CONT = frozenset("""
that which who whom whose and or nor of than whereas including is are was were has have
had will would can could should might must said says
""".split())
DEFAULT_ABBR = frozenset("""
al approx apt assn asst ave bros ca cf cit col comp conf cont corp cpl dept dist div ed eds
esp est et etc ex fig figs ft gal gen gov hon hosp hr hrs inc incl jr kg km lb lbs lt ltd max
med min mo mph mr mrs ms mt mts no nos nov oct op orig oz pl pop pp pres prof pt pts qt rd ref
rep reps rev sec secs sen sens sgt sq sr st sts supt tel univ vol vols vs wk yr yrs
""".split())


def _params(ctx, rid):
    r = ctx.by_id.get(rid)
    return r.params if r is not None else {}


def _wordset(params, key, default):
    v = params.get(key)
    if isinstance(v, str):
        v = v.split()
    return frozenset(str(w).lower() for w in v) if v else default


# words that often open a sentence: after "word. in", the capital may have been lost instead
SENTENCE_STARTERS = frozenset("""
in on at for with by from to after before during since as but so then there this these those
he she it we they i you the a an his her their its our my your however also yet still now
when while if although though because once today yesterday meanwhile instead
""".split())


SUBJECT_PRONOUNS = frozenset("he she it we they i you there this that these those".split())

CANNOT_END = frozenset("""
but and or nor the a an whose than because although though whereas unless of
""".split())


def _stray_period(doc, ctx, out):
    text = doc.text
    p = _params(ctx, "P101")
    cont = _wordset(p, "continuations", DEFAULT_CONT)
    abbr = _wordset(p, "abbreviations", DEFAULT_ABBR) | ABBREV
    for m in re.finditer(r"(?<=[^\s.])\.([ \t]+)([a-z][a-z’'-]*)\b", text):
        dot = m.start()
        # the "word" before the period, back to the previous space
        k = dot
        while k > 0 and not text[k - 1].isspace():
            k -= 1
        before = text[k:dot]
        core = before.strip("“”\"‘’'([{")
        if not core or not core[-1].isalpha():
            continue  # numbers, quotes, brackets
        if "." in core or "/" in core or "@" in core or ":" in core:
            continue  # U.S., a.m., URLs, e-mail addresses
        if len(core) == 1 or core.lower() in abbr or core.isupper():
            continue  # initials, abbreviations, acronyms
        if not core[0].isalpha():
            continue
        word = m.group(2)
        after = text[m.end():m.end() + 1]
        if after[:1].isupper() or any(c.isupper() for c in word):
            continue  # iPhone, eBay
        # the period must sit inside a line of running text
        line_start = text.rfind("\n", 0, dot) + 1
        if len(text[line_start:dot].split()) < 3 and core.lower() not in CANNOT_END:
            continue
        conf = None if word.lower() in cont else 0.5
        msg = None
        if conf is not None:
            # evidence that the period splits one phrase: the two words form a frequent
            # English bigram, or the period follows a determiner + word ("a close. friend")
            from .. import lexicon as L

            pair = L.bigram(core.lower(), word.lower())
            prev_words = text[line_start:k].split()
            det = prev_words[-1].lower() if prev_words else ""
            starter = word.lower() in SENTENCE_STARTERS
            if pair >= 1e7 and not starter:
                conf, msg = None, f"a period inside the phrase “{core.lower()} {word}” (bigram count {pair:,})"
            elif pair >= 1e8 and word.lower() not in SUBJECT_PRONOUNS:
                conf, msg = 0.75, f"a period inside the very frequent phrase “{core.lower()} {word}” ({pair:,})"
            elif det in ("a", "an", "the", "this", "these", "those", "its", "their", "his", "her", "our", "my"):
                conf, msg = None, f"a sentence cannot end with “{det} {core}”"
            elif core.lower() in CANNOT_END:
                conf, msg = None, f"a sentence cannot end with “{core}”"
            elif not starter and (core.islower() or core.istitle()) and L.zipf(word) >= 3.0:
                conf, msg = 0.75, f"“{word}” rarely opens a sentence: the period, not the capital, is the damage"
        out.append(ctx.finding("P101", dot, dot + 1, "", confidence=conf, message=msg))


def _space_before_close(doc, ctx, out):
    text = doc.text
    touched = ctx.cache.get("quotes.paragraphs", set())
    for p in doc.paragraphs:
        if p.start in touched:
            continue  # the quotes detector rewrites this paragraph
        para = text[p.start:p.end]
        if '"' in para:
            continue
        marks = [mm.start() for mm in re.finditer("[“”]", para)]
        chars = [para[i] for i in marks]
        if not all(c == ("“" if i % 2 == 0 else "”") for i, c in enumerate(chars)):
            continue  # not a consistent paragraph: the quotes detector's business
        for n, i in enumerate(marks):
            if chars[n] != "”":
                continue
            s = i
            while s > 0 and para[s - 1] in " \t":
                s -= 1
            if s == i or s == 0:
                continue
            if para[s - 1] in "“”\"‘’'":
                continue  # a nested quotation keeps its space
            nxt = para[i + 1:i + 2]
            if nxt and nxt not in ".,;:!?)":
                continue
            out.append(ctx.finding("P102", p.start + s, p.start + i, ""))


def _space_before_punct(doc, ctx, out):
    text = doc.text
    for m in re.finditer(r"(?<=[A-Za-z\u00C0-\u024F])([ \t]+)([,;.)])(?=[ \t]+\S|\n|$|[”\"’])", text):
        sp_s, sp_e = m.span(1)
        ch = m.group(2)
        if ch == "." and re.match(r"[ \t]*\.", text[m.end():]):
            continue
        if ch == ")":
            line_start = text.rfind("\n", 0, sp_s) + 1
            if "(" not in text[line_start:sp_s]:
                continue
        out.append(ctx.finding("P103", sp_s, sp_e, ""))
    for m in re.finditer(r"(?<=[a-z])([ \t]+):(?=[ \t]+[A-Za-z])", text):
        out.append(ctx.finding("P103", m.start(1), m.end(1), ""))


def _doubled(doc, ctx, out):
    text = doc.text
    for m in re.finditer(r"(?<=\w)(,,+|;;+|::+)(?=\s|$)", text):
        # a doubled colon also marks headings and lists in some copy: suggest only
        conf = 0.6 if m.group()[0] == ":" else None
        out.append(ctx.finding("P104", m.start(), m.end(), m.group()[0], confidence=conf))
    for m in re.finditer(r"(?<=[A-Za-z\u00C0-\u024F])\.\.(?=[ \t]|\n|$)", text):
        if text[m.start() - 1:m.start()] == ".":
            continue
        # two periods are also an informal ellipsis ("Ah.. well"): suggest only
        out.append(ctx.finding("P104", m.start(), m.end(), ".", confidence=0.6))


def detect(doc, ctx):
    out = []
    if ctx.enabled("P101"):
        _stray_period(doc, ctx, out)
    if ctx.enabled("P102"):
        _space_before_close(doc, ctx, out)
    if ctx.enabled("P103"):
        _space_before_punct(doc, ctx, out)
    if ctx.enabled("P104"):
        _doubled(doc, ctx, out)
    return out
