"""Detector: contextcalques — the algorithms of the context calques.

The false friends and verb-construction calques decided by the words around them ("compromiso"
→ "compromise", "marcar un gol" → "marked a goal", "debe de" → "must to", "depende de" →
"depends of") are pattern substitutions: rules/false-friends-context.yaml and
rules/calque-verbs.yaml, ``extends: substitution`` with their conditions as ``params`` (see
repair/detectors/substitution.py).  This module keeps what is an algorithm:

- the English forms the replacement templates use (:func:`expand_forms`: ``{ing:N}`` the gerund
  of group N by word-frequency evidence, ``{ord:N}`` an ordinal, ``{form:N:TABLE}`` a verb form
  carried over to a verb of ``rules/lang/en/verb-forms.yaml``, ``{clock:N:M}`` the 24-hour time of
  groups N (hours) and M (minutes, optional) as "8:30 p.m."), :func:`is_verb` (bigram
  evidence that a word is an English verb) and :func:`folded` (sentence-initial capitals
  lowered for matching);
- the constructions that no pattern can state (``detector: contextcalques`` with
  ``params.construction``): ``personal_a``, the Spanish and Portuguese personal "a" before a
  direct object ("beat to the Sevilla", K377).

Thresholds: rules/lang/thresholds.yaml, section ``contextcalques``.
"""

from __future__ import annotations

import re

from .. import fastregex, lexicon as L
from ..langdata import table as _table, value as _value, words as _words

_C = "contextcalques"
_FORM = re.compile(r"\{(ing|ord|form|clock):(\d+)(?::(\w+))?\}")


def _thr(key, default):
    try:
        return float(_value(_C, key))
    except Exception:
        return default


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


def clock(hours: str, minutes: str = "") -> str | None:
    """A 24-hour time as English news writes it: "20" -> "8 p.m.", "16", "30" -> "4:30 p.m.",
    "12" -> "noon", "0" -> "midnight"; None for no hour of the day (or minutes past 59)."""
    h = int(hours)
    m = int(minutes) if minutes else 0
    if not 0 <= h <= 23 or not 0 <= m <= 59:
        return None
    if m == 0 and h in (0, 12):
        return "midnight" if h == 0 else "noon"
    half = "a.m." if h < 12 else "p.m."
    h12 = h % 12 or 12
    return f"{h12}:{m:02d} {half}" if m else f"{h12} {half}"


def _verb_form(word: str, tab: str) -> str | None:
    """Carry the form of ``word`` (a regular English verb: realize/realized/realizes/realizing)
    over to the verb of table ``tab`` (base, past, participle, third person, gerund)."""
    forms = _table("en", "verb-forms", tab)
    w = word.lower()
    for key, suffixes in (("ing", ("ing",)), ("past", ("ed", "d")), ("s", ("es", "s"))):
        for suf in suffixes:
            if w.endswith(suf) and len(w) > len(suf) + 2 and not (key == "s" and w.endswith("ss")):
                return forms.get(key)   # ("pass", "discuss": base forms, not third persons)
    return forms.get("base")


def expand_forms(m, template: str) -> str | None:
    out = []
    pos = 0
    for f in _FORM.finditer(template):
        out.append(fastregex.expand(m, template[pos:f.start()]) if template[pos:f.start()] else "")
        kind, n, tab = f.group(1), int(f.group(2)), f.group(3)
        g = m.group(n) or ""
        if kind == "ing":
            out.append(gerund(g))
        elif kind == "ord":
            out.append(ordinal(g) if g else "")  # a group of another alternative: nothing
        elif kind == "clock":
            c = clock(g, (m.group(int(tab)) or "") if tab else "")
            if c is None:
                return None
            out.append(c)
        else:
            v = _verb_form(g, tab)
            if v is None:
                return None
            out.append(v)
        pos = f.end()
    rest = template[pos:]
    out.append(fastregex.expand(m, rest) if rest else "")
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
    "to (the|his|her|their)" or "to" and a quantity ("detained to three people") and a person: a
    capitalised name (not a demonym, not a country) or a noun of the class ``persons``."""
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
        gap = _gap_before_to(doc, toks, i)
        vi = gap[0] if gap else i - 1
        v = toks[vi]
        if not v.is_word or doc.gap(v, toks[vi + 1]) != " " or v.lower in dative or not v.text.islower():
            continue
        if not (v.lower.endswith(("s", "ed")) or v.lower in _words("en", "context-domains", "irregular_past")) \
                or v.lower.endswith("ss"):
            continue  # a finite verb: "beats", "condemned", "beat" (not "redress")
        pv = toks[vi - 1] if vi > 0 else None
        if pv is not None and pv.is_word and pv.lower in _words("en", "context-domains", "passive_auxiliaries"):
            continue  # a passive participle: "are denied to the people"
        if v.lower.endswith("s") and (L.bigram("the", v.lower) > L.bigram("he", v.lower)
                                      or L.bigram("he", v.lower) + L.bigram("it", v.lower) == 0):
            continue  # a plural noun ("the attacks to the ..."), not a verb; nor an adverb ("perhaps")
        det = toks[i + 1]
        oi = i + 2
        if gap and gap[1] and det.is_word and det.text[0].isupper() and det.lower not in ("the", "his", "her",
                                                                                          "their", "its"):
            oi = i + 1  # "beat 3-1 to Barcelona" (the article gone already): a score says it is a result
        elif not det.is_word or doc.gap(tok, det) != " " or det.lower not in (
                "the", "his", "her", "their", "its", "a", "an") and not (
                det.lower in _words("en", "context-domains", "person_quantities") or det.text.isdigit()):
            continue
        obj = toks[oi]
        if not obj.is_word or doc.gap(toks[oi - 1], obj) != " ":
            continue
        r = _ratio(v.text)
        if r is None and v.lower in _words("en", "context-domains", "personal_a_verbs"):
            # a verb that takes a person as its object, which the bigram counts do not know: a noun of
            # a person only (the ratio between the two bounds), never a name, which may be a place
            # the verb's own "to" leads to ("extradited to the United States")
            r = (names_max + noun_max) / 2
        if r is None:
            continue
        j = oi
        if obj.text[0].isupper():
            if r >= names_max or obj.text in places:
                continue
            # the name runs over capitalised words; what follows must not be a noun it modifies
            while j + 1 < len(toks) and toks[j + 1].is_word and toks[j + 1].text[0].isupper() \
                    and doc.gap(toks[j], toks[j + 1]) == " ":
                j += 1
            if any(toks[k].text in places for k in range(oi, j + 1)):
                continue
            n = toks[j + 1] if j + 1 < len(toks) else None
            if n is not None and n.is_word and n.text.islower() and n.lower not in _words("en", "calques", "after_day"):
                continue
            keep_det = det.lower != "the" and oi == i + 2
        else:
            if oi != i + 2:
                continue
            k = i + 2
            if obj.lower == "former" and k + 1 < len(toks):
                k += 1
            if toks[k].lower not in persons or r >= noun_max:
                continue
            keep_det = True
        note = f" (bigram “{v.lower} to” / “{v.lower} the”: {r:.2f})"
        if gap:
            # the score and the time go after the object: "beat this Sunday by 2-0 to the Sevilla" ->
            # "beat Sevilla 2-0 this Sunday"
            _, score, time = gap
            obj_text = doc.text[(det.start if keep_det else obj.start):toks[j].end]
            after = " ".join(x for x in (score, time) if x)
            yield ctx.finding(rule.id, toks[vi + 1].start, toks[j].end, f"{obj_text} {after}",
                              message=rule.message + note)
            continue
        end = det.start if keep_det else obj.start
        yield ctx.finding(rule.id, tok.start, end, "", message=rule.message + note)


_SCORE = re.compile(r"\d{1,2}-\d{1,2}")


def _gap_before_to(doc, toks, i):
    """A score and a time phrase between a verb and its personal 'a' ("beat 3-1 to the Barcelona",
    "beat this Sunday by 2-0 to the Sevilla"): (index of the verb, the score, the time phrase), or
    None where the word before "to" is no part of such a gap."""
    days = _words("en", "calques", "weekdays")
    openers = _words("en", "calques", "personal_a_day_openers")
    adverbs = _words("en", "calques", "personal_a_time_adverbs")
    by = _words("en", "calques", "personal_a_score_openers")
    k, score, time = i - 1, None, []
    while k > 0 and i - k <= 4:
        t = toks[k]
        if not t.is_word or doc.gap(t, toks[k + 1]) != " ":
            return None
        if score is None and _SCORE.fullmatch(t.text):
            score = t.text
            if toks[k - 1].lower in by:
                k -= 1
        elif not time and t.lower in days and t.text[0].isupper() and toks[k - 1].lower in openers:
            time = [toks[k - 1].text, t.text]
            k -= 1
        elif not time and t.lower in adverbs:
            time = [t.text]
        else:
            break
        k -= 1
    if k == i - 1 or not (score or time):
        return None
    return k, score, " ".join(time)


CONSTRUCTIONS = {"personal_a": _personal_a}


def detect(doc, ctx):
    for rule in (r for r in ctx.rules if r.detector == _C):
        if not ctx.enabled(rule.id):
            continue
        p = rule.params
        if p.get("lang") and ctx.source_lang not in p["lang"]:
            continue
        if "construction" in p:
            yield from CONSTRUCTIONS[p["construction"]](doc, ctx, rule)
