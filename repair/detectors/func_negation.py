"""Detector: a doubled negation with 'did not' (Romance 'nadie quiso / nessuno ha voluto / ninguém
apresentou' rendered 'nobody did not want'), issue 9, the "func" part.

- M214  "nobody in the Government did not want to listen" → "nobody in the Government wanted to
        listen", "nothing did not change" → "nothing changed".  The subject is a negative pronoun
        (rules/lang/en/func-order.yaml negative_subjects), at most a short prepositional phrase between it
        and "did not" (a preposition, an optional article, one word); the verb after "not" is a bare
        English verb whose regular past (-ed, -d, -ied, a doubled consonant) is a frequent English word
        (wordfreq Zipf, rules/lang/thresholds.yaml func_negation); an irregular verb ("did not take") is
        left alone, as is "did not do" (emphatic English keeps "did").
"""

from __future__ import annotations

from .. import lexicon as L
from ..langdata import value as _value, words as _words


def _w(key):
    return _words("en", "func-order", key)


def _past(v: str) -> str | None:
    """The regular past of a bare verb, if English knows it as a word."""
    cands = []
    if v.endswith("e"):
        cands.append(v + "d")
    elif v.endswith("y") and len(v) > 2 and v[-2] not in "aeiou":
        cands.append(v[:-1] + "ied")
    else:
        cands.append(v + "ed")
        if len(v) >= 3 and v[-1] not in "aeiouwxy" and v[-2] in "aeiou" and v[-3] not in "aeiou":
            cands.append(v + v[-1] + "ed")
    best = max(cands, key=L.zipf)
    return best if L.zipf(best) >= float(_value("func_negation", "past_min_zipf")) else None


def detect(doc, ctx):
    if not ctx.enabled("M214"):
        return
    subjects = _w("negative_subjects")
    preps = _w("negative_subject_prepositions")
    toks = doc.tokens
    for i, tok in enumerate(toks):
        if tok.text != "did":
            continue
        nt = doc.next(tok)
        if nt is None or nt.text != "not" or doc.gap(tok, nt) != " ":
            continue
        verb = doc.next(nt)
        if verb is None or not verb.is_word or not verb.text.islower() or doc.gap(nt, verb) != " ":
            continue
        if verb.lower in _w("negation_keep_verbs"):
            continue
        # the subject: "nobody" right before "did", or "nobody in (the) X" before it
        j, subj = i - 1, None
        p = toks[j] if j >= 0 else None
        if p is not None and p.is_word and p.lower in subjects:
            subj = p
        elif p is not None and p.is_word and j >= 2:
            q = toks[j - 1]
            if q.is_word and q.lower in ("the", "a", "an") and j >= 3:
                q, j = toks[j - 2], j - 1
            if q.is_word and q.lower in preps and j >= 2 and toks[j - 2].is_word and toks[j - 2].lower in subjects:
                subj = toks[j - 2]
        if subj is None:
            continue
        past = _past(verb.lower)
        if past is None:
            continue
        yield ctx.finding("M214", tok.start, verb.end, past,
                          message=f"a doubled negation after “{subj.text}”: “did not {verb.text}” is “{past}”")
