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
- ``sentence_start: fold``: a lowercase key capitalised only because it opens the sentence,
  alone before a comma or a colon ("Manovra, the government ..."), is swapped too, its
  replacement capitalised;
- ``context``: names of conditions that must all hold (see ``CONTEXT``):
  ``between_english_words``: the match stands between two lowercase English words one space
  away (a closing quote before it is looked through; the left word may open the sentence);
  ``capitalised_after_the``: a capitalised match alone after "the" ("the Gobierno said"), no name
  particle or capital after it;
- ``evidence``: ``{swap_bigram_ratio: N}``: a key that is also an English word is swapped only
  where the English bigrams around the replacement are N times as frequent as around the key;
- ``exceptions``: regular expressions tried on the text from the match's start (``et al``): a
  match where one matches is left alone;
- ``keep_sentence_period``: a key ending in a period whose replacement does not keeps the
  period where it also ended the sentence;
- ``explain``: the finding's message, a template with ``{match}``, ``{replacement}``,
  ``{lang}`` and ``{source_zipf}`` (the match's Zipf value in the source language).

A rule whose ``params`` hold a ``pattern`` instead of a ``swap`` is a *pattern substitution*
(``match: pattern``, the default then): one construction, a regular expression (Python
``regex``; ``flags: i``) over the text, where the look-alike or the word-for-word rendering has
the source sense (the false friends of rules/false-friends.yaml, the context calques of
rules/false-friends-context.yaml and rules/calque-verbs.yaml).  Its parameters:

- ``replacement``: the English, with ``\\1``-style groups and the forms ``{ing:N}`` (the gerund
  of group N), ``{ord:N}`` (the ordinal of a number), ``{clock:N:M}`` (a 24-hour time, hours in
  group N and minutes in group M, as "8:30 p.m.") and ``{form:N:TABLE}`` (group N's verb form
  carried over to a verb of rules/lang/en/verb-forms.yaml); or ``map``: group 1 replaced by a
  table (verb forms: "marked" -> "scored"; ``map_drop_rest: true``: the match's text after group 1
  goes too, "millones de" -> "million"; an entry's ``\\N`` is the text of group N); neither:
  detection only.  The replacement takes the capitalisation of the text (``preserve_case: false``
  in the rule or its params: not);
- ``sentence_start: fold``: the pattern sees the text with the capital that opens a sentence,
  a quotation or a line lowered, so a pattern written for running text matches there too;
- context conditions, all data: ``not_country: N`` (group N is no country or region of
  rules/gazetteer.yaml), ``verb: N`` (group N is an English verb by the bigram evidence),
  ``reject_bigram: [N, M]`` (groups N and M as an English bigram at least ``reject_min`` times
  frequent: an English collocation, left alone), ``unless_nearby``: word classes of
  rules/lang/en/context-domains.yaml whose words within ``window`` characters veto the rule;
  ``lang``: source languages the rule is for;
- conditions that make the fix certain, else a suggestion: ``article_domain: NAME`` (at least
  ``min_domain_words`` distinct words of that domain of rules/lang/en/domains.yaml in the
  article; outside it a suggestion at ``suggest_confidence``, or nothing with ``outside:
  skip``); ``nearby: [CLASS, ...]`` (at least ``min_hits`` words of one of these classes of
  rules/lang/en/context-domains.yaml within ``window`` characters of the match; otherwise a
  suggestion at confidence ``suggest``, or nothing without it); ``suggest_only: true`` (a hint:
  a suggestion wherever it stands).

The named thresholds are in rules/lang/thresholds.yaml, section ``substitution``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .. import lexicon as L
from ..prefilter import line_spans, may_match
from ..langdata import words as _lang_words
from .romanceorder import _article

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


def neighbours(doc, t):
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
    p, n = neighbours(doc, t)
    if p is None:
        return False
    if not n.text.islower() or (not p.text.islower() and not doc.is_sentence_start(p)):
        return False
    return L.is_word(p.text) and L.is_word(n.text)


def _left_of(doc, t):
    """R302's left neighbour: the word one space before the token, looking through a closing
    quote; or, where a clause mark stands there (", mas it", "off,” la draft", "blame: per
    example"), the mark itself (the word before it must be glued to it)."""
    p = doc.prev(t)
    if p is None or doc.gap(p, t) != " ":
        return None
    if p.text in "”\"’" and doc.prev(p) is not None and doc.gap(doc.prev(p), p) == "":
        q = doc.prev(p)
        if q.text[0].isalpha():
            return q
        p = q
    if p.text in ",;:":
        q = doc.prev(p)
        return p if q is not None and doc.gap(q, p) == "" and (q.text[0].isalnum() or q.text in "”\"’)") else None
    return p if p.text[0].isalpha() else None


def between_words_english_first(doc, t, repl):
    """The token stands before a lowercase English word, one space away, after a lowercase English
    word (or one that opens the sentence), a clause mark (", mas it"), or, for a key that is no
    English word, a capitalised one ("University of Technology et the pavilion"); and no word
    around it is more frequent in a source language than in English (a quoted French or Spanish
    phrase is not English copy: "Il faut bien le faire", "distribution de brochures"), unless it is
    a common English word (``substitution.source_margin_min_zipf``) less than
    ``substitution.source_margin`` Zipf more frequent there ("a", "match")."""
    p, n = _left_of(doc, t), doc.next(t)
    if p is None or n is None or doc.gap(t, n) != " " or not n.text[0].isalpha() or not n.text.islower():
        return False
    if not L.is_word(n.text):
        return False
    ws = [n.text]
    if p.is_word:
        if not (p.text.islower() or doc.is_sentence_start(p)
                or (p.text[:1].isupper() and p.text[1:].islower() and L.unigram(t.text) <= 0)):
            return False
        if not L.is_word(p.text.lower()):
            return False
        ws.append(p.text.lower())
    from ..langdata import source_languages

    margin, common = float(_value("source_margin")), float(_value("source_margin_min_zipf"))
    for w in ws:
        en = L.zipf(w)
        if any(L.zipf(w, lang) > en and (en < common or L.zipf(w, lang) >= en + margin)
               for lang in source_languages()):
            return False
    return True


def capitalised_after_the(doc, t, repl):
    """A capitalised source word standing alone after "the", as a body's name ("the Gobierno said",
    "the Prefeitura announced"): not at a sentence start, not carried on by a name particle or a
    capital ("the Ministerio de Economía", "the Senado Federal": a full name, left as it is), not
    glued to a hyphen or an apostrophe."""
    w = t.text
    if not (len(w) >= 4 and w[0].isupper() and w[1:].islower() and w.isalpha()) or doc.is_sentence_start(t):
        return False
    p, n = doc.prev(t), doc.next(t)
    if p is None or p.lower != "the" or doc.gap(p, t) != " ":
        return False
    if n is None:
        return True
    if doc.gap(t, n) == "" and n.text in "-'’":
        return False
    if n.is_word and (n.text[:1].isupper() or n.lower in _particles()):
        return False
    # the body as the subject or the object: a verb or a function word after it ("the Gobierno said",
    # "to the Comune, which"), not a noun it names ("the Torcida bar")
    return not n.is_word or n.lower in _after_body() or n.lower.endswith("ed")


@lru_cache(maxsize=1)
def _after_body() -> frozenset:
    return _lang_words("en", "calques", "name_verbs_after") | _lang_words("en", "glue", "function")


@lru_cache(maxsize=1)
def _particles() -> frozenset:
    return _lang_words("en", "glue", "name_particles") | _lang_words("en", "capitals", "name_particles")


CONTEXT = {"between_english_words": between_english_words,
           "between_words_english_first": between_words_english_first,
           "capitalised_after_the": capitalised_after_the}


def _bigrams_prefer_swap(doc, t, repl, ratio, strict=False) -> bool:
    """True when the key is no English word, or the English bigrams around the replacement
    are ``ratio`` times as frequent as those around the key (only the right one after a clause
    mark).  ``strict`` (a key that is a common English word: "do", "per", "pour"): each side's
    bigrams on their own must prefer the replacement ``ratio`` times, the left one seen with the
    replacement (the right one may be unseen both ways: "symbol do unshakeable")."""
    if L.unigram(t.text) <= 0 and not strict:
        return True
    p, n = _left_of(doc, t), doc.next(t)
    if p is None or n is None:
        return False
    nl, r0, r1 = n.text.lower(), repl.split()[0], repl.split()[-1]
    right0, right1 = L.bigram(t.text, nl), L.bigram(r1, nl)
    if p.is_word:
        pl = p.text.lower()
        left0, left1 = L.bigram(pl, t.text), L.bigram(pl, r0)
    else:
        left0 = left1 = 0
    as_is, translated = left0 + right0, left1 + right1
    if strict:  # each side on its own: "people do the work" ("people of" 2.5 times "people do") stays,
        # and the left one must be seen with the replacement ("unions do their part": both unseen)
        # and the side read first a collocation of English ("number of", "passion for": not "drugs
        # of" in "Not only ... with drugs do the borders", "could for" in "could pour cold water")
        floor = float(_value("strict_bigram_min"))
        if p.is_word and not (left1 >= floor and left1 >= ratio * left0):
            return False
        return right1 >= ratio * right0 and (p.is_word or right1 >= floor)
    return bool(translated) and translated >= ratio * as_is


def _strict_table(rule, ctx) -> dict:
    """``params.swap_strict``: keys that are also common English words ("do", "per", "pour"),
    swapped only where each side's bigrams prefer the English (see :func:`_bigrams_prefer_swap`);
    every source language's table, the source language's first."""
    key = ("substitution-strict-table", rule.id, ctx.source_lang)
    got = ctx.cache.get(key)
    if got is None:
        from ..langdata import LangDataError, source_languages, table

        name, _, sub = str(rule.params["swap_strict"]).partition(":")
        got = {}
        for lang in [ctx.source_lang] + [x for x in source_languages() if x != ctx.source_lang]:
            try:
                for k, v in (table(lang, name, sub or None) or {}).items():
                    got.setdefault(k, v)
            except LangDataError:
                pass
        ctx.cache[key] = got
    return got


def _strict_keys(rule, ctx) -> frozenset:
    return frozenset(_strict_table(rule, ctx))


@lru_cache(maxsize=1)
def _determiners() -> frozenset:
    from ..langdata import words as _words

    return _words("en", "function-words", "noun_determiners") | frozenset(("the", "a", "an"))


@lru_cache(maxsize=1)
def _no_article_before() -> frozenset:
    """Words no article stands before: determiners, pronouns and wh-words ("terms da what" is
    "terms of what", not "of the what")."""
    from ..langdata import words as _words

    return (_determiners() | _words("en", "function-words", "subject_pronouns")
            | _words("en", "function-words", "object_pronouns") | _words("en", "capitals", "wh_words"))


def _plural_noun(w: str) -> bool:
    """A lowercase English plural in -s whose singular is a frequent English word ("competitors",
    "years"; not "news", "class", "always")."""
    if not (w.isalpha() and w.islower() and len(w) >= 4 and w.endswith("s") and not w.endswith(("ss", "us", "is"))):
        return False
    return L.zipf(w[:-1]) >= 3.5 and L.zipf(w[:-1]) >= L.zipf(w) - 1.0


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


def _TOKEN_I(t):
    return t.i


def _token_index(doc, ctx, ignore: bool) -> dict:
    """The document's tokens by their text (lowercased where ``ignore``), each list in the
    text's order: built once per document, for every word table."""
    key = ("substitution.tokens", id(doc), ignore)
    index = ctx.cache.get(key)
    if index is None:
        index = ctx.cache[key] = {}
        for t in doc.tokens:
            k = t.text.lower() if ignore else t.text
            got = index.get(k)
            if got is None:
                index[k] = [t]
            else:
                got.append(t)
    return index


def _word_matches(doc, ctx, rule, table):
    ignore = rule.params.get("case") == "ignore"
    if ignore:
        table = {k.lower(): v for k, v in table.items()}
    conds = [CONTEXT[c] for c in rule.params.get("context") or ()]
    ratio = (rule.params.get("evidence") or {}).get("swap_bigram_ratio")
    strict = frozenset()
    if rule.params.get("swap_strict"):
        strict = _strict_keys(rule, ctx)
        table = {**{k: v for k, v in _strict_table(rule, ctx).items()}, **table}
    index = _token_index(doc, ctx, ignore)
    # (the tokens the table has, in the text's order: what a walk over every token would meet)
    hits = sorted((t for k in table if k in index for t in index[k]), key=_TOKEN_I) \
        if len(table) < len(index) else doc.tokens
    fold = rule.params.get("sentence_start") == "fold" and not ignore
    if fold:
        # a key capitalised because it opens the sentence, alone before a comma, colon or semicolon
        # ("Manovra, the government ..."; not "Gobierno sources said")
        opened = [t for k in table if k[:1].islower() and k.capitalize() in index
                  for t in index[k.capitalize()] if doc.is_sentence_start(t) and _opens_lower(doc, t)]
        if opened:
            hits = sorted({t.i: t for t in list(hits) + opened}.values(), key=_TOKEN_I)
    for t in hits:
        key = t.text.lower() if ignore else t.text
        repl = table.get(key)
        if repl is None and fold and doc.is_sentence_start(t) and t.text[:1].isupper():
            repl = table.get(t.text.lower())
            if repl is not None and _opens_lower(doc, t):
                repl = repl[:1].upper() + repl[1:]
            else:
                repl = None
        if repl is None:
            continue
        if not all(c(doc, t, repl) for c in conds):
            continue
        if ratio is not None and not _bigrams_prefer_swap(doc, t, repl, ratio, strict=key in strict):
            continue
        if repl.endswith(" the"):
            n = doc.next(t)
            if n is not None and n.text.lower() in _no_article_before():
                repl = repl[:-4]  # "photo da the ruin" -> "photo of the ruin", not "of the the"
            elif n is not None and _plural_noun(n.text):
                # "da"/"del" fuse "of" with a singular article: before a plural the MT translated,
                # English says "a number of competitors", not "of the competitors"
                repl = repl[:-4]
        if _excepted(rule, doc.text, t.start):
            continue
        if rule.kind == "residue" and _in_source_phrase(doc, t):
            continue  # a title or a quotation in the source language ("La ciudad y los perros")
        p = doc.prev(t)
        if p is not None and p.lower in ("a", "an") and doc.gap(p, t) == " " and repl[:1].isalpha():
            art = _article(p, repl)
            if art.lower() != p.lower:
                # the English word takes the other article: "an infirmière" -> "a nurse", not "an nurse"
                yield p.start, t.end, doc.text[p.start:t.end], f"{art} {repl}"
                continue
        yield t.start, t.end, t.text, repl


def _opens_lower(doc, t) -> bool:
    """``t`` is capitalised only because it opens its sentence and stands alone there: lowercase
    after the first letter, and a comma, colon or semicolon after it ("Manovra, the government ...";
    not "Gobierno sources said", a source-language name as a modifier)."""
    if not (t.text[:1].isupper() and t.text[1:].islower()):
        return False
    n = doc.next(t)
    return n is not None and n.text in (",", ":", ";") and doc.gap(t, n) == ""


def _in_source_phrase(doc, t) -> bool:
    from .residue import in_source_phrase

    return in_source_phrase(doc, t)


def _defined_acronyms(text: str) -> frozenset:
    """Acronyms the text defines: "(XYZ)" after words whose initials end in X, Y, Z ("the Emergency Use
    Authorization (EUA)"); a source acronym after an English expansion stays damage ("the United Nations
    Organization (ONU)")."""
    out = set()
    for m in re.finditer(r"\(([A-Z]{2,6})\)", text):
        acr = m.group(1)
        words = re.findall(r"[A-Za-z][\w'-]*", text[max(0, m.start() - 120):m.start()])
        small = _lang_words("en", "capitals", "title_lowercase")  # the small words of a title ("of", "for")
        initials = "".join(w[0].upper() for w in words if w.lower() not in small)
        if initials.endswith(acr):
            out.add(acr)
    return frozenset(out)


def _text_matches(doc, ctx, rule, table):
    text = doc.text
    key = ("substitution-rx", rule.id, tuple(sorted(table)))
    rx = ctx.cache.get(key)
    if rx is None:
        alts = "|".join(re.escape(k) for k in sorted(table, key=len, reverse=True))
        rx = ctx.cache[key] = re.compile(r"(?<![\w.])(?:" + alts + r")(?![\w])")
    keep = rule.params.get("keep_sentence_period")
    defined = None
    for m in rx.finditer(text):
        src = m.group()
        repl = table[src]
        if _excepted(rule, text, m.start()):
            continue
        if src.isupper() and src.isalpha():
            if defined is None:
                defined = _defined_acronyms(text)
            if src in defined:
                continue  # the text's own acronym, spelled out before it: "Emergency Use Authorization (EUA)"
        if keep and src.endswith(".") and not repl.endswith("."):
            rest = text[m.end():m.end() + 3].lstrip(" ")
            if not rest or rest[0] in "\r\n" or rest[0].isupper():
                repl += "."  # the abbreviation's period also ended the sentence
        yield m.start(), m.end(), src, repl


def _value(key):
    from ..langdata import value

    return value("substitution", key)


@lru_cache(maxsize=None)
def _domain_words(domain: str) -> frozenset[str]:
    from ..langdata import table

    words = table("en", "domains").get(domain) or ""
    return frozenset((words.split() if isinstance(words, str) else words))


def _article_domains(doc, ctx) -> dict[str, int]:
    """For each domain of rules/lang/en/domains.yaml, how many of its words the article holds."""
    key = ("substitution.domains", id(doc))
    if key not in ctx.cache:
        from ..langdata import table

        seen = {t.text.lower() for t in doc.tokens if t.is_word}
        ctx.cache[key] = {d: len(seen & _domain_words(d)) for d in table("en", "domains")}
    return ctx.cache[key]


_WORD = re.compile(r"[A-Za-z]+(?:[-'’][A-Za-z]+)*")


def _nearby_hits(doc, start: int, end: int, names, window: int, paragraph: bool = False) -> int:
    """The most words of one of the classes ``names`` (rules/lang/en/context-domains.yaml)
    within ``window`` characters of ``text[start:end]`` (outside it); ``paragraph``: not past
    the line it stands in (a line of a one-sentence-a-line file says nothing of the next)."""
    from ..langdata import words as _words

    text = doc.text
    lo, hi = max(0, start - window), min(len(text), end + window)
    if paragraph:
        lo = max(lo, text.rfind("\n", 0, start) + 1)
        nl = text.find("\n", end)
        hi = hi if nl < 0 else min(hi, nl)
    found = [w.lower() for w in _WORD.findall(text[lo:start] + " " + text[end:hi])]
    best = 0
    for name in names:
        cls = _words("en", "context-domains", name)
        best = max(best, sum(1 for w in found if w in cls))
    return best


def _names(v) -> list:
    return [v] if isinstance(v, str) else list(v)


def _pattern_findings(doc, ctx, rule):
    """The findings of a pattern substitution (see the module's docstring)."""
    p = rule.params
    if p.get("lang") and ctx.source_lang not in p["lang"]:
        return
    text = doc.text
    hay = text
    if p.get("sentence_start") == "fold":
        key = ("substitution.folded", id(doc))
        if key not in ctx.cache:
            from .contextcalques import folded

            ctx.cache[key] = folded(text)
        hay = ctx.cache[key]
    ic = "i" in str(p.get("flags", ""))
    if not may_match(p["pattern"], hay, ic):
        return  # none of the literals every match needs is here (repair/prefilter.py): not compiled
    # (the imports and the threshold after the filter: most rules stop there, once per pass)
    from ..rules import _compile as compile_pattern, gazetteer, match_case
    from .contextcalques import expand_forms, is_verb

    window = int(p.get("window", _value("window")))
    rx = compile_pattern(p["pattern"], str(p.get("flags", "")))
    spans = line_spans(p["pattern"], hay, ic)   # (only the lines that may hold a match: the same matches)
    for m in rx.finditer(hay) if spans is None else (m for a, b in spans for m in rx.finditer(hay, a, b)):
        if m.end() == m.start():
            continue
        # context conditions that veto the rule
        if "not_country" in p and m.group(int(p["not_country"])) in gazetteer():
            continue  # "the exit of Greece": a country leaves, a player departs
        if "verb" in p and not is_verb(m.group(int(p["verb"])) or ""):
            continue
        if p.get("reject_bigram"):
            a, b = (m.group(int(g)) or "" for g in p["reject_bigram"])
            if L.bigram(a.lower(), b.lower()) >= float(p.get("reject_min", _value("reject_bigram_min"))):
                continue
        if p.get("unless_nearby") and _nearby_hits(doc, m.start(), m.end(), _names(p["unless_nearby"]), window) > 0:
            continue
        # the replacement
        orig = text[m.start():m.end()]
        if "map" in p:
            g = m.group(1)
            rep = p["map"].get(g.lower())
            if rep is None:
                continue
            # the capitals of the text, not of the folded copy the pattern saw (sentence_start: fold)
            if rule.preserve_case and p.get("preserve_case", True):
                rep = match_case(text[m.start(1):m.end(1)], rep)
            if "\\" in rep:
                # a table entry may carry the match's other groups ('asked \\2 for '), as a replacement does
                rep = expand_forms(m, rep)
                if rep is None:
                    continue
            rest = "" if p.get("map_drop_rest") else text[m.end(1):m.end()]
            repl = text[m.start():m.start(1)] + rep + rest
        elif p.get("replacement") is not None:
            repl = expand_forms(m, p["replacement"])
            if repl is None:
                continue
            if rule.preserve_case and p.get("preserve_case", True):
                repl = match_case(orig, repl)
        else:
            repl = None
        if repl is not None and repl == orig:
            continue
        # the conditions that make the fix certain
        conf, note = None, ""
        if p.get("suggest_only"):
            conf = float(_value("suggest_confidence"))
        elif p.get("article_domain"):
            dom = p["article_domain"]
            need = int(_value("min_domain_words"))
            n = _article_domains(doc, ctx).get(dom, 0)
            if n < need:
                if p.get("outside") == "skip":
                    continue  # the English sense is the common one outside the domain
                conf = float(_value("suggest_confidence"))
                note = f" (a suggestion: {n} word(s) of {dom} copy here, {need} make the sense certain)"
            else:
                note = f" ({dom} copy: {n} words of the domain)"
        if p.get("nearby"):
            names = _names(p["nearby"])
            hits = _nearby_hits(doc, m.start(), m.end(), names, window)
            if hits < int(p.get("min_hits", 1)):
                if p.get("suggest") is None:
                    continue
                conf = float(p["suggest"])
                note = " (no domain words nearby: a suggestion)"
            else:
                note = f" ({hits} {'/'.join(names)} word(s) nearby)"
        yield ctx.finding(rule.id, m.start(), m.end(), repl, confidence=conf, message=rule.message + note)


def detect(doc, ctx):
    lang = ctx.source_lang
    for rule in ctx.rules:
        if rule.extends != TYPE or not ctx.enabled(rule.id):
            continue
        if "pattern" in rule.params:
            yield from _pattern_findings(doc, ctx, rule)
            continue
        table = swap_table(rule, lang, ctx.cache)
        if not table:
            continue
        find = _text_matches if rule.params.get("match") == "text" else _word_matches
        for s, e, src, repl in find(doc, ctx, rule, table):
            yield ctx.finding(rule.id, s, e, repl, message=_message(rule, src, repl, lang))
