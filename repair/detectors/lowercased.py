"""Detector: lowercased — a word English news always capitalises, written lowercase in running
text ("in october", "coalition and afghan troops", "the gdp figures"): a name, a month or weekday,
a demonym or an acronym that lost its case in the MT pipeline.

The forms are learned from clean English by ``python -m repair.casing_fit``
(``always_capitalised`` of rules/lang/en/casing.yaml: seen >= 40 times after a lowercase word in
mid-sentence and lowercase there in at most 0.3 % of them, so "may", "march", "turkey", "bush" and
"internet" are not among them).

- C150  the lowercase word, replaced by the form news writes (``October``, ``Afghan``, ``GDP``).
        Not at a sentence start (C151's business), not in a line without any capital letter (a
        deliberately lowercase line), not inside an address, a hashtag or a file name, and not where
        the article writes the same lowercase word three times or more (the writer's own choice).
"""

from __future__ import annotations

from functools import lru_cache

from ..langdata import wordlist


@lru_cache(maxsize=None)
def forms() -> dict[str, str]:
    return {f.lower(): f for f in wordlist("en", "casing", "always_capitalised")}


def detect(doc, ctx):
    if not ctx.enabled("C150"):
        return []
    table = forms()
    text = doc.text
    hits = [t for t in doc.tokens if t.is_word and t.text in table]
    if not hits:
        return []
    counts: dict[str, int] = {}
    for t in hits:
        counts[t.text] = counts.get(t.text, 0) + 1
    out = []
    for tok in hits:
        if counts[tok.text] >= 3 or doc.is_sentence_start(tok):
            continue
        before = text[tok.start - 1:tok.start] if tok.start else ""
        after = text[tok.end:tok.end + 1]
        if before and before not in " \t\n(“\"‘'" or after in ("@", "/", "_") or after == "." and \
                text[tok.end + 1:tok.end + 2].isalnum():
            continue  # #hashtags, e-mail and web addresses, file names
        ls = text.rfind("\n", 0, tok.start) + 1
        le = text.find("\n", tok.end)
        line = text[ls:le if le >= 0 else len(text)]
        if not any(c.isupper() for c in line):
            continue
        form = table[tok.text]
        out.append(ctx.finding("C150", tok.start, tok.end, form,
                               message=f"“{tok.text}” is written “{form}” in English news (learned from "
                                       f"clean English: lowercase in at most 0.3 % of its places)"))
    return out
