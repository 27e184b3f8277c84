"""Detector: contextcalques — false friends and verb-construction calques decided by the words
around them (the article-level false friends are repair/detectors/falsefriends.py).

Spanish, Portuguese, French and Italian words rendered by their English look-alike
("compromiso" → "compromise", "marcar un gol" → "marked a goal", "realizar una reunión" →
"realized a meeting") and source-language verb constructions rendered word for word
("debe de" → "must to", "depende de" → "depends of", "pensar en" → "think in").  The text
still reads like English, so each rule says what makes its sense certain:

- ``pattern``: a regular expression over the text (the construction);
- ``replacement``: its English, with ``\\1``-style groups and the forms ``{ing:N}`` (the gerund
  of group N: "to analyze" → "analyzing"), ``{ord:N}`` (the ordinal of a number: 23 → 23rd)
  and ``{form:N:TABLE}`` (group N's verb form carried over to a verb of a table in
  ``rules/lang/en/verb-forms.yaml``: "realized" → "held");
- ``domain``: word classes of ``rules/lang/en/context-domains.yaml`` (football, courts, politics,
  culture, health, economy); the rule applies only where at least ``min_hits`` words of one of
  them stand within ``window`` characters of the match (outside the match) and is otherwise a
  suggestion at ``suggest`` confidence (or nothing when ``suggest`` is absent);
- ``unless_domain``: word classes whose presence nearby vetoes the rule (another sport's
  words: a hockey game's "second part" is a period, not a half);
- ``verb``: a group that must be an English verb by the bigram evidence ("to" + the word is a
  large share of the word's uses: "to look", not "to schedule");
- ``construction``: instead of a pattern, an algorithm of this module (``personal_a``: the
  Spanish and Portuguese personal "a" before a direct object, "beat to the Sevilla");
- ``reject_bigram``: a pair of groups whose English bigram count at or above ``reject_min``
  means the words are an English collocation, and the rule stays silent.

The rules are data (rules/false-friends-context.yaml, rules/calque-verbs.yaml: ``detector:
contextcalques`` with ``params``); the word classes are data (rules/lang/en/context-domains.yaml,
rules/lang/en/verb-forms.yaml); thresholds live in rules/lang/thresholds.yaml
(``contextcalques``).  Unlike falsefriends.py (the article's domain as a whole), the domain here
is the words within ``window`` characters of the match: the clean news it must leave alone is a
mix of stories.
"""

from __future__ import annotations

import re

from .. import lexicon as L
from ..langdata import table as _table, value as _value, words as _words
from ..rules import match_case

_C = "contextcalques"
_FORM = re.compile(r"\{(ing|ord|form):(\d+)(?::(\w+))?\}")
_WORD = re.compile(r"[A-Za-z]+(?:[-'’][A-Za-z]+)*")


def _thr(key, default):
    try:
        return float(_value(_C, key))
    except Exception:
        return default


def _domain(name: str) -> frozenset[str]:
    return _words("en", "context-domains", name)


def gerund(verb: str) -> str:
    """The English -ing form of a base verb, chosen by word-frequency evidence among the
    spelling candidates (make → making, stop → stopping, analyze → analyzing, see → seeing)."""
    v = verb.lower()
    cands = [v + "ing"]
    if v.endswith("ie"):
        cands.append(v[:-2] + "ying")
    if v.endswith("e") and not v.endswith(("ee", "ye", "oe")):
        cands.append(v[:-1] + "ing")
    if len(v) >= 3 and v[-1] not in "aeiouwxy" and v[-2] in "aeiou" and v[-3] not in "aeiou":
        cands.append(v + v[-1] + "ing")
    best = max(cands, key=lambda c: L.zipf(c))
    return best if L.zipf(best) > 0 else v + "ing"


def ordinal(num: str) -> str:
    n = int(num)
    suf = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{num}{suf}"


def _verb_form(word: str, tab: str) -> str | None:
    """Carry the form of ``word`` (a regular English verb: realize/realized/realizes/realizing)
    over to the verb of table ``tab`` (base, past, participle, third person, gerund)."""
    forms = _table("en", "verb-forms", tab)
    w = word.lower()
    for key, suffixes in (("ing", ("ing",)), ("past", ("ed", "d")), ("s", ("es", "s"))):
        for suf in suffixes:
            if w.endswith(suf) and len(w) > len(suf) + 2:
                return forms.get(key)
    return forms.get("base")


def _expand(m, template: str) -> str | None:
    out = []
    pos = 0
    for f in _FORM.finditer(template):
        out.append(m.expand(template[pos:f.start()]) if template[pos:f.start()] else "")
        kind, n, tab = f.group(1), int(f.group(2)), f.group(3)
        g = m.group(n) or ""
        if kind == "ing":
            out.append(gerund(g))
        elif kind == "ord":
            out.append(ordinal(g))
        else:
            v = _verb_form(g, tab)
            if v is None:
                return None
            out.append(v)
        pos = f.end()
    rest = template[pos:]
    out.append(m.expand(rest) if rest else "")
    return "".join(out)


def is_verb(word: str) -> bool:
    """English evidence that ``word`` is used as a verb: "to WORD" is a large enough share of
    the word's uses (symspellpy counts)."""
    w = word.lower()
    if not w.isalpha():
        return False
    uni = L.unigram(w)
    if uni <= 0 and w.endswith(("ize", "yze")):  # American spellings the counts may lack
        w = w[:-2] + "se"
        uni = L.unigram(w)
    if uni <= 0:
        return False
    return L.bigram("to", w) / uni >= _thr("verb_to_share", 4.0)


def _context_hits(doc, m, names, window: int) -> int:
    text = doc.text
    left = text[max(0, m.start() - window):m.start()]
    right = text[m.end():m.end() + window]
    words = [w.lower() for w in _WORD.findall(left + " " + right)]
    best = 0
    for name in names:
        cls = _domain(name)
        best = max(best, sum(1 for w in words if w in cls))
    return best


def _compiled(rule):
    key = ("_ff_re", rule.id)
    cache = _compiled.cache
    if key not in cache:
        import regex

        p = rule.params
        flags = regex.VERSION1 | regex.UNICODE
        if "i" in str(p.get("flags", "")):
            flags |= regex.IGNORECASE
        cache[key] = regex.compile(p["pattern"], flags)
    return cache[key]


_compiled.cache = {}

_START = re.compile(r"(?:\A|[.!?:;]\s+|\n\s*|[.!?:]?[\"“«(]\s*)([A-Z])(?=[a-z])")


def folded(text: str) -> str:
    """The text with a capital that opens a sentence (or a quotation, or a line) lowered, the
    same length, so a pattern written for running text matches there too ("The exit of the
    coach" as "the exit of"); the replacement gets the original capital back."""
    chars = list(text)
    for m in _START.finditer(text):
        chars[m.start(1)] = chars[m.start(1)].lower()
    return "".join(chars)


def _ratio(verb: str) -> float | None:
    """bigram(verb, "to") / bigram(verb, "the"): below 1 the verb mostly takes a direct object
    in English; None when the counts know neither."""
    v = verb.lower()
    to, the = L.bigram(v, "to"), L.bigram(v, "the")
    if the <= 0:
        return None
    return to / the


def _personal_a(doc, ctx, rule):
    """Spanish/Portuguese personal "a" ("venció al Sevilla", "condenó al exalcalde") rendered
    "beat to the Sevilla": a verb that English uses with a direct object (the bigram evidence:
    "VERB the" far more frequent than "VERB to"), not a verb of giving, saying or motion, then
    "to (the|his|her|their)" and a person: a capitalised name (not a demonym, not a country)
    or a noun of the class ``persons``."""
    p = rule.params
    persons = _words("en", "context-domains", "persons")
    dative = _words("en", "context-domains", "to_verbs")
    names_max = _thr("personal_a_ratio_name", 0.3)
    noun_max = _thr("personal_a_ratio_noun", 1.0)
    from ..rules import gazetteer

    places = gazetteer()
    toks = doc.tokens
    for i, tok in enumerate(toks):
        if tok.lower != "to" or i == 0 or i + 2 >= len(toks):
            continue
        v = toks[i - 1]
        if not v.is_word or doc.gap(v, tok) != " " or v.lower in dative or not v.text.islower():
            continue
        if not (v.lower.endswith(("s", "ed")) or v.lower in _words("en", "context-domains", "irregular_past")):
            continue  # a finite verb: "beats", "condemned", "beat"
        if v.lower.endswith("s") and L.bigram("the", v.lower) > L.bigram("he", v.lower):
            continue  # a plural noun ("the attacks to the ..."), not a verb
        det = toks[i + 1]
        if not det.is_word or det.lower not in ("the", "his", "her", "their", "its") or doc.gap(tok, det) != " ":
            continue
        obj = toks[i + 2]
        if not obj.is_word or doc.gap(det, obj) != " ":
            continue
        r = _ratio(v.text)
        if r is None:
            continue
        j = i + 2
        if obj.text[0].isupper():
            if r >= names_max or obj.text in places:
                continue
            # the name runs over capitalised words; what follows must not be a noun it modifies
            while j + 1 < len(toks) and toks[j + 1].is_word and toks[j + 1].text[0].isupper() \
                    and doc.gap(toks[j], toks[j + 1]) == " ":
                j += 1
            if any(toks[k].text in places for k in range(i + 2, j + 1)):
                continue
            n = toks[j + 1] if j + 1 < len(toks) else None
            if n is not None and n.is_word and n.text.islower() and n.lower not in _words("en", "calques", "after_day"):
                continue
            keep_det = det.lower != "the"
        else:
            k = i + 2
            if obj.lower == "former" and k + 1 < len(toks):
                k += 1
            if toks[k].lower not in persons or r >= noun_max:
                continue
            keep_det = True
        note = f" (bigram “{v.lower} to” / “{v.lower} the”: {r:.2f})"
        end = det.start if keep_det else obj.start
        yield ctx.finding(rule.id, tok.start, end, "", message=rule.message + note)


CONSTRUCTIONS = {"personal_a": _personal_a}


def detect(doc, ctx):
    text = doc.text
    low = folded(text)
    for rule in (r for r in ctx.rules if r.detector == _C):
        if not ctx.enabled(rule.id):
            continue
        p = rule.params
        if p.get("lang") and ctx.source_lang not in p["lang"]:
            continue
        if "construction" in p:
            yield from CONSTRUCTIONS[p["construction"]](doc, ctx, rule)
            continue
        rx = _compiled(rule)
        for m in rx.finditer(low):
            if m.end() == m.start():
                continue
            vg = p.get("verb")
            if vg is not None and not is_verb(m.group(int(vg)) or ""):
                continue
            rb = p.get("reject_bigram")
            if rb:
                a, b = (m.group(int(g)) or "" for g in rb)
                if L.bigram(a.lower(), b.lower()) >= float(p.get("reject_min", _thr("reject_bigram_min", 500))):
                    continue
            conf = None
            note = ""
            names = p.get("domain")
            if names:
                if isinstance(names, str):
                    names = [names]
                hits = _context_hits(doc, m, names, int(p.get("window", _thr("window", 400))))
                if hits < int(p.get("min_hits", 1)):
                    if p.get("suggest") is None:
                        continue
                    conf = float(p["suggest"])
                    note = " (no domain words nearby: a suggestion)"
                else:
                    note = f" ({hits} {'/'.join(names)} word(s) nearby)"
            ex = p.get("unless_domain")
            if ex and _context_hits(doc, m, [ex] if isinstance(ex, str) else ex,
                                    int(p.get("window", _thr("window", 400)))) > 0:
                continue
            repl = p.get("replacement")
            if repl is not None:
                repl = _expand(m, repl)
                if repl is None:
                    continue
                orig = text[m.start():m.end()]
                if p.get("preserve_case", True):
                    repl = match_case(orig, repl)
                if repl == orig:
                    continue
            yield ctx.finding(rule.id, m.start(), m.end(), repl, confidence=conf,
                              message=rule.message + note)
