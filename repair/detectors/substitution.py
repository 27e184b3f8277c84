"""Check type ``substitution`` (rules with ``extends: substitution``), in the manner of Vale's
``substitution``: words or literal strings swapped for others from a table, where the context
allows it and no exception applies.  The rule is all data; this module is the algorithm.

``params`` of a substitution rule:

- ``swap``: the table, either inline (``{word: replacement}``), or by source language
  (``{es: {...}, pt: {...}}``), or a reference ``"NAME:KEY"`` to the table ``KEY`` of
  ``rules/lang/<source language>/NAME.yaml`` (so a new source language brings its own table);
- ``languages``: ``source`` (default: the source language's table only) or ``all`` (the source
  language's table first, then every other language's, for words any of them may leave);
- ``match``: ``word`` (default: a whole token equal to a key) or ``text`` (a literal key
  anywhere, not inside a word or after a period: acronyms such as ``EE.UU.``);
- ``context``: names of conditions that must all hold (see ``CONTEXT``):
  ``between_english_words``: the match stands between two lowercase English words one space
  away (a closing quote before it is looked through; the left word may open the sentence);
- ``evidence``: ``{swap_bigram_ratio: N}``: a key that is also an English word is swapped only
  where the English bigrams around the replacement are N times as frequent as around the key;
- ``exceptions``: regular expressions tried on the text from the match's start (``et al``): a
  match where one matches is left alone;
- ``keep_sentence_period``: a key ending in a period whose replacement does not keeps the
  period where it also ended the sentence;
- ``explain``: the finding's message, a template with ``{match}``, ``{replacement}``,
  ``{lang}`` and ``{source_zipf}`` (the match's Zipf value in the source language).
"""

from __future__ import annotations

import re

from .. import lexicon as L

TYPE = "substitution"


def _table_for(rule, lang: str) -> dict:
    from ..langdata import LangDataError, table

    swap = rule.params.get("swap")
    if isinstance(swap, str):
        name, _, key = swap.partition(":")
        try:
            return table(lang, name, key or None)
        except LangDataError:
            return {}
    if isinstance(swap, dict):
        if swap and all(isinstance(v, dict) for v in swap.values()):
            return dict(swap.get(lang) or {})
        return dict(swap)
    return {}


def swap_table(rule, source_lang: str, cache: dict) -> dict:
    key = ("substitution", rule.id, source_lang)
    if key in cache:
        return cache[key]
    from ..langdata import source_languages

    merged = dict(_table_for(rule, source_lang))
    if rule.params.get("languages") == "all":
        for lang in source_languages():
            for k, v in _table_for(rule, lang).items():
                merged.setdefault(k, v)
    cache[key] = merged
    return merged


def _neighbours(doc, t):
    """The words on either side of a lone token, each one space away; a closing quote
    before it is looked through ("… give up” et that …").  (None, None) otherwise."""
    p, n = doc.prev(t), doc.next(t)

    def word(x):
        return x is not None and x.text[0].isalpha()

    if p is not None and p.text in "”\"’" and doc.gap(p, t) == " " and word(doc.prev(p)):
        p = doc.prev(p)
    elif not (p is not None and doc.gap(p, t) == " "):
        return None, None
    if not (word(p) and word(n)) or doc.gap(t, n) != " ":
        return None, None
    return p, n


def between_english_words(doc, t, repl):
    p, n = _neighbours(doc, t)
    if p is None:
        return False
    if not n.text.islower() or (not p.text.islower() and not doc.is_sentence_start(p)):
        return False
    return L.is_word(p.text) and L.is_word(n.text)


CONTEXT = {"between_english_words": between_english_words}


def _bigrams_prefer_swap(doc, t, repl, ratio) -> bool:
    """True when the key is no English word, or the English bigrams around the replacement
    are ``ratio`` times as frequent as those around the key."""
    if L.unigram(t.text) <= 0:
        return True
    p, n = _neighbours(doc, t)
    if p is None:
        return False
    pl, nl, r0 = p.text.lower(), n.text.lower(), repl.split()[0]
    as_is = L.bigram(pl, t.text) + L.bigram(t.text, nl)
    translated = L.bigram(pl, r0) + L.bigram(r0, nl)
    return bool(translated) and translated >= ratio * as_is


def _excepted(rule, text: str, start: int) -> bool:
    for pat in rule.params.get("exceptions") or ():
        if _compile(pat).match(text, start):
            return True
    return False


_RX: dict = {}


def _compile(pat: str):
    rx = _RX.get(pat)
    if rx is None:
        import regex

        rx = _RX[pat] = regex.compile(pat, regex.VERSION1 | regex.UNICODE)
    return rx


def _message(rule, match: str, repl: str, lang: str) -> str | None:
    tpl = rule.params.get("explain")
    if not tpl:
        return None
    zipf = L.zipf(match, lang) if "{source_zipf" in tpl else 0.0
    return tpl.format(match=match, replacement=repl, lang=lang, source_zipf=zipf)


def _word_matches(doc, ctx, rule, table):
    ignore = rule.params.get("case") == "ignore"
    if ignore:
        table = {k.lower(): v for k, v in table.items()}
    conds = [CONTEXT[c] for c in rule.params.get("context") or ()]
    ratio = (rule.params.get("evidence") or {}).get("swap_bigram_ratio")
    for t in doc.tokens:
        repl = table.get(t.text.lower() if ignore else t.text)
        if repl is None:
            continue
        if not all(c(doc, t, repl) for c in conds):
            continue
        if ratio is not None and not _bigrams_prefer_swap(doc, t, repl, ratio):
            continue
        if _excepted(rule, doc.text, t.start):
            continue
        yield t.start, t.end, t.text, repl


def _text_matches(doc, ctx, rule, table):
    text = doc.text
    key = ("substitution-rx", rule.id, tuple(sorted(table)))
    rx = ctx.cache.get(key)
    if rx is None:
        alts = "|".join(re.escape(k) for k in sorted(table, key=len, reverse=True))
        rx = ctx.cache[key] = re.compile(r"(?<![\w.])(?:" + alts + r")(?![\w])")
    keep = rule.params.get("keep_sentence_period")
    for m in rx.finditer(text):
        src = m.group()
        repl = table[src]
        if _excepted(rule, text, m.start()):
            continue
        if keep and src.endswith(".") and not repl.endswith("."):
            rest = text[m.end():m.end() + 3].lstrip(" ")
            if not rest or rest[0] in "\r\n" or rest[0].isupper():
                repl += "."  # the abbreviation's period also ended the sentence
        yield m.start(), m.end(), src, repl


def detect(doc, ctx):
    lang = ctx.source_lang
    for rule in ctx.rules:
        if rule.extends != TYPE or not ctx.enabled(rule.id):
            continue
        table = swap_table(rule, lang, ctx.cache)
        if not table:
            continue
        find = _text_matches if rule.params.get("match") == "text" else _word_matches
        for s, e, src, repl in find(doc, ctx, rule, table):
            yield ctx.finding(rule.id, s, e, repl, message=_message(rule, src, repl, lang))
