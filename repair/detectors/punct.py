"""Detector: punct — stray and misplaced punctuation left by MT.

- P101  a stray period in mid-sentence before a lowercase word that continues the
        sentence ("talks with the city. that start today"); never after an abbreviation,
        an initial, a number, inside a URL or before a word with an inner capital
        (iPhone).  The continuation words are data (``continuations`` in
        rules/lang/en/function-words.yaml); any other lowercase word gives a suggestion only;
- P102  a space before a closing quotation mark that is followed by punctuation
        or ends the paragraph ("the city ”." → "the city”.");
- (P103, a space before , . ; : ), is a pattern substitution: rules/punct.yaml, ``extends:
  substitution``;)
- P104  doubled punctuation (",," ";;" "::" and exactly two periods);
- P105  a lost space after a full stop between two words of running text ("much greater.The
        building", "an island.We are"): the word before is a lowercase English word of three
        letters or more, the word after a capitalised word that is English or a name the text
        uses elsewhere; never inside a web or e-mail address, a file name or a dotted identifier
        (``www.Example``, ``Node.js``, ``U.S.``: a dot, slash or @ on either side).  The word before
        may be capitalised ("the great Sphinx.The pyramid"), the word after a hyphenated name
        ("shareholders.Exxon-Mobil and"): 0 of either in 1.5M words of clean news and commentary;
        not a capitalised dotted form the text writes twice or more (a name: "Arch.Design").
"""

from __future__ import annotations

import re

from ..document import abbreviations
from ..langdata import value, words


def _fw(key):
    return words("en", "function-words", key)


def _openers():
    return words("en", "casing", "sentence_openers")


def _t(key):
    return value("punct", key)


def _stray_period(doc, ctx, out):
    text = doc.text
    cont = _fw("continuations")
    abbr = abbreviations()
    cannot_end = _fw("cannot_end")
    from .residue import in_source_phrase

    for m in re.finditer(r"(?<=[^\s.])\.([ \t]+)([a-z][a-z’'-]*)\b", text):
        dot = m.start()
        after = doc.tokens_in(m.start(2), m.end(2))
        if after and in_source_phrase(doc, after[0]):
            continue  # a sentence in the source language after the English one ("... WikiLeaks. au fond,
            # la tentative"): its period and its case are that language's
        # the "word" before the period, back to the previous space
        k = dot
        while k > 0 and not text[k - 1].isspace():
            k -= 1
        before = text[k:dot]
        core = before.strip("“”\"‘’'([{")
        if not core or not core[-1].isalpha():
            # numbers, quotes, brackets: the period may end the sentence ("since 2008. according to",
            # "(15.00 UTC). famous"); only a word that often opens one gets its capital back
            word = m.group(2)
            if (ctx.enabled("C151") and core and (core[-1].isdigit() or core[-1] in ")”\"’'")
                    and word.lower() in _openers() and not any(c.isupper() for c in word)):
                out.append(ctx.finding("C151", m.start(2), m.start(2) + 1, word[0].upper(),
                                       message=f"“{word}” often opens a sentence in English "
                                               f"(repair.casing_fit): a capital lost after the period"))
            continue
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
        if len(text[line_start:dot].split()) < _t("min_words_before") and core.lower() not in cannot_end:
            continue
        conf = None if word.lower() in cont else _t("other_word_confidence")
        msg = None
        if conf is not None:
            # evidence that the period splits one phrase: the two words form a frequent
            # English bigram, or the period follows a determiner + word ("a close. friend")
            from .. import lexicon as L

            pair = L.bigram(core.lower(), word.lower())
            prev_words = text[line_start:k].split()
            det = prev_words[-1].lower() if prev_words else ""
            starter = word.lower() in _fw("sentence_starters")
            if pair >= _t("phrase_bigram") and not starter:
                conf, msg = None, f"a period inside the phrase “{core.lower()} {word}” (bigram count {pair:,})"
            elif (word.lower() in _openers() and ctx.enabled("C151") and det not in _fw("noun_determiners")
                  and det not in _fw("infinitive_markers") and core.lower() not in cannot_end):
                # a word that often opens a sentence in clean English ("she", "according",
                # "meanwhile"): the capital, not the period, was lost
                out.append(ctx.finding("C151", m.start(2), m.start(2) + 1, word[0].upper(),
                                       message=f"“{word}” often opens a sentence in English "
                                               f"(repair.casing_fit): a capital lost after the period"))
                continue
            elif pair >= _t("very_frequent_bigram") and word.lower() not in _fw("subject_pronouns"):
                conf, msg = _t("very_frequent_confidence"), f"a period inside the very frequent phrase “{core.lower()} {word}” ({pair:,})"
            elif det in _fw("noun_determiners"):
                conf, msg = None, f"a sentence cannot end with “{det} {core}”"
            elif det in _fw("infinitive_markers") and word.lower() in _fw("noun_determiners") and core.islower():
                # "plans to bolster. its capital", "wants to ban. our cheese": the verb takes the
                # determiner's noun as its object; a new sentence would open with a capital
                conf, msg = None, f"“{det} {core}” goes on with its object “{word} …”"
            elif core.lower() in cannot_end:
                conf, msg = None, f"a sentence cannot end with “{core}”"
            elif not starter and (core.islower() or core.istitle()) and L.zipf(word) >= _t("common_word_zipf"):
                conf, msg = _t("common_word_confidence"), f"“{word}” rarely opens a sentence: the period, not the capital, is the damage"
            elif (pair == 0 and ctx.enabled("C151") and det not in _fw("noun_determiners")
                  and det not in _fw("infinitive_markers") and word.lower() not in _fw("subject_pronouns")
                  and (L.zipf(core.lower()) >= _t("lost_capital_min_zipf") or core.istitle())
                  and any(c in "aeiouy" for c in core.lower())):
                # "Janota. your next", "in particular. demobilisation": a word that opens sentences or
                # a rare one, which English never writes after the word before (no bigram): the period
                # ends a sentence whose capital was lost (a common word there is the stray period's:
                # "Olli Rehn. stressed that"; nor after a form without a vowel, an abbreviation:
                # "issued by Works Team Kft. to TMA")
                out.append(ctx.finding("C151", m.start(2), m.start(2) + 1, word[0].upper(),
                                       confidence=_t("lost_capital_confidence"),
                                       message=f"“{core.lower()} {word}” is no English bigram: the period ends "
                                               f"a sentence and the capital after it was lost"))
                continue
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


def _doubled(doc, ctx, out):
    text = doc.text
    for m in re.finditer(r"(?<=\w)(,,+|;;+|::+)(?=\s|$)", text):
        # a doubled colon also marks headings and lists in some copy: suggest only
        conf = _t("doubled_colon_confidence") if m.group()[0] == ":" else None
        out.append(ctx.finding("P104", m.start(), m.end(), m.group()[0], confidence=conf))
    for m in re.finditer(r"(?<=[A-Za-z\u00C0-\u024F])\.\.(?=[ \t]|\n|$)", text):
        if text[m.start() - 1:m.start()] == ".":
            continue
        # two periods before a lowercase word are also an informal ellipsis ("Ah.. well"): suggest
        # only; at the end of a line, or before a capital, they are a doubled full stop
        nxt = text[m.end():m.end() + 2].lstrip(" \t")[:1]
        boundary = nxt == "" or nxt == "\n" or nxt.isupper()
        key = "two_periods_boundary_confidence" if boundary else "two_periods_confidence"
        out.append(ctx.finding("P104", m.start(), m.end(), ".", confidence=_t(key)))


LOST_SPACE = re.compile(r"(?<![\w.@/\\-])([A-Za-z][a-z]{2,})\.([A-Z][a-z]+)(?:-[A-Z][a-z]+)*\b(?![.@/\\]|[-’']?\w)")


def _lost_space(doc, ctx, out):
    from .. import lexicon as L

    text = doc.text
    names = None
    for m in LOST_SPACE.finditer(text):
        a, b = m.group(1), m.group(2)
        if L.zipf(a.lower()) < _t("lost_space_min_zipf"):
            continue
        if L.zipf(b.lower()) < _t("lost_space_min_zipf"):
            if names is None:
                names = {t.text for t in doc.tokens if t.is_word}
            if b not in names:
                continue  # neither English nor a name of the text
        if a[0].isupper() and text.count(m.group(0)) >= 2:
            continue  # a capitalised dotted form the text writes again is a name ("Arch.Design"):
            # a lost space is an accident of one place
        dot = m.start(2) - 1
        out.append(ctx.finding("P105", dot, dot + 1, ". "))


def detect(doc, ctx):
    out = []
    if ctx.enabled("P105"):
        _lost_space(doc, ctx, out)
    if ctx.enabled("P101"):
        _stray_period(doc, ctx, out)
    if ctx.enabled("P102"):
        _space_before_close(doc, ctx, out)
    if ctx.enabled("P104"):
        _doubled(doc, ctx, out)
    return out
