"""Text surgery for re-translation: where the MT's undamaged prefix ends, how the
regenerated continuation is spliced back, the minimal edits between two versions of a
sentence, and the names/numbers agreement check."""

from __future__ import annotations

import difflib
import re

from ..model import Edit, diff_edits  # noqa: F401  (diff_edits: re-exported)
from ..model import apply_edits as _apply
from .align import fold, names, numbers

_WORDS = re.compile(r"\w+(?:[-'’]\w+)*")


def apply_edits(text: str, edits: list[Edit], offset: int = 0) -> str:
    """The pipeline's apply_edits, for edits whose offsets count from ``offset``."""
    return _apply(text, [Edit(e.start - offset, e.end - offset, e.replacement, e.rule) for e in edits])


def prefix_cut(pieces: list[tuple[str, int, int]], text: str, damage_at: int) -> int:
    """How many target pieces form the undamaged prefix: every piece ends before
    ``damage_at`` (a code-point offset into ``text``) and the prefix stops at a word
    boundary (the text after it starts with white space), so the model regenerates
    whole words."""
    k = 0
    for i, (_p, _s, e) in enumerate(pieces):
        if e > damage_at:
            break
        k = i + 1
    while k > 0:
        end = pieces[k - 1][2]
        nxt = text[end:end + 1]
        if nxt == "" or nxt.isspace():
            # the damage must not start inside the word that ends here
            if end <= damage_at:
                break
        k -= 1
    return k


def splice(text: str, prefix_end: int, prefix_decoded: str, hyp_decoded: str) -> str:
    """The sentence with everything after the kept prefix (``text[:prefix_end]``) replaced
    by the model's continuation."""
    if prefix_end == 0:
        return hyp_decoded
    if hyp_decoded.startswith(prefix_decoded):
        rest = hyp_decoded[len(prefix_decoded):]
    else:   # normalisation changed the prefix: keep the model's text after as many words
        n = len(_WORDS.findall(prefix_decoded))
        ms = list(_WORDS.finditer(hyp_decoded))
        rest = hyp_decoded[ms[n - 1].end():] if 0 < n <= len(ms) else hyp_decoded
    return text[:prefix_end] + rest


def _name_ok(n: str, pool: set[str]) -> bool:
    return any(n == p or n[:4] == p[:4] for p in pool)


def agrees(candidate: str, source: str, original: str) -> tuple[bool, str]:
    """Names and numbers of a repaired sentence must agree with the source: no number the
    source lacks, no number of the source (that the MT had) lost, no name that is in neither
    the source nor the MT, no name of both lost.  Returns (ok, reason)."""
    nc, ns, no = numbers(candidate), set(numbers(source)), set(numbers(original))
    extra = [n for n in nc if n not in ns and n not in no]
    if extra:
        return False, f"number {extra[0]} not in the source"
    lost = [n for n in ns & no if n not in set(nc)]
    if lost:
        return False, f"number {lost[0]} of the source lost"
    mc, ms, mo = names(candidate), names(source), names(original)
    src_words = {fold(w)[:5] for w in _WORDS.findall(source) if len(w) >= 3}
    for n in mc:
        if not (_name_ok(n, ms) or _name_ok(n, mo) or _name_ok(n, src_words)):
            return False, f"name {n!r} not in the source"
    cand_words = {fold(w)[:5] for w in _WORDS.findall(candidate) if len(w) >= 3}
    for n in mo:
        if _name_ok(n, ms) and not _name_ok(n, cand_words):
            return False, f"name {n!r} of the source lost"
    return True, ""
