"""Detector: namevariants — one name spelled with a doubled and a single letter in one article
("Castellucci" / "Castelucci", "Carrisi" / "Carrissi"), a damage of real content-farm copy that
the names detector (same length, diacritics) does not see.

Capitalised name tokens (rare in English: Zipf below ``max_name_zipf``) are grouped by their
spelling with every doubled letter made single; a group with two spellings is one name.  The
authoritative spelling is the one written more often, else (a tie) the one introduced with a first
name or title ("Paolo Castellucci", names._introduced); the other is replaced (N301).  Where the
introduced spelling is the minority (a typo in the introduction: "Gabrielle Gifffords", then
"Giffords" nine times) or nothing breaks a tie, the finding is a suggestion; when both are
introduced in full, they are two people and nothing is reported.
Thresholds: rules/lang/thresholds.yaml, section namevariants.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from .. import lexicon as L
from ..langdata import value
from .names import _introduced, _is_name_token

_DOUBLE = re.compile(r"(\w)\1+")


def undouble(w: str) -> str:
    return _DOUBLE.sub(r"\1", w)


def detect(doc, ctx):
    if not ctx.enabled("N301"):
        return
    max_zipf = value("namevariants", "max_name_zipf")
    groups: dict[str, list] = defaultdict(list)
    for tok in doc.tokens:
        if tok.is_word and _is_name_token(tok.text) and len(tok.text) >= 5:
            groups[undouble(tok.text)].append(tok)
    for key, toks in groups.items():
        forms = Counter(t.text for t in toks)
        if len(forms) != 2:
            continue
        if any(L.zipf(f.lower()) >= max_zipf for f in forms):
            continue  # a real English word or a common name on either side: two words, not one name
        intro = Counter(t.text for t in toks if _introduced(doc, t))
        if len(intro) == 2:
            continue  # both introduced in full: two people ("Anna Bellini", "Marco Belini")
        (a, na), (b, nb) = forms.most_common(2)
        conf = None
        tie = value("namevariants", "tie_confidence")
        if na > nb:
            canon, why = a, f"“{a}” is the majority spelling ({na} against {nb})"
            if intro and canon not in intro:
                conf = tie  # the minority spelling is the introduced one: the editor decides
        elif len(intro) == 1:
            canon = next(iter(intro))
            why = f"“{canon}” is the spelling where the name is introduced in full"
        else:
            canon, why, conf = a, "the two spellings are written equally often", tie
        for t in toks:
            if t.text == canon:
                continue
            yield ctx.finding(
                "N301", t.start, t.end, canon, confidence=conf,
                message=f"One name spelled with a doubled and a single letter "
                        f"({', '.join(f'{f} ×{n}' for f, n in forms.items())}): {why}")
