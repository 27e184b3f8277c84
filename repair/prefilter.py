"""A cheap test that a regular expression cannot match a text, so it need not be compiled or run.

Compiling the rule packs' patterns (``regex``, version 1) takes most of a cold start.  Most
patterns need a word that most articles lack ("of prison", "annual base"), so each pattern's
*required literals* are derived from it, automatically: a set of strings of which every match
contains at least one (a fixed run of characters in the pattern, or one per branch of an
alternation).  Where none of them occurs in the text, the pattern finds nothing there and is
neither compiled nor run; where one does, it runs as before.  Nothing is declared by hand.

The test compares case-folded strings (``str.casefold`` maps each character on its own, so a
literal in the text is a folded literal in the folded text, and the case-insensitive matches of
``regex``, full case folding included, fold alike).  The derivation reads the pattern with the
standard library's parser; a pattern that parser reads otherwise than ``regex`` might (nested
character sets, fuzzy ``{e<=1}`` constraints, ``\\p{...}``, version-1 syntax it does not know)
gets no literals and always runs.  ``tests/test_prefilter.py`` checks on every shipped pattern
and every example text that a pattern with a match is never filtered out.
"""

from __future__ import annotations

import re
from functools import lru_cache

MIN_LEN = 2        # an ASCII literal shorter than this filters too little to be worth the test
MAX_ALTERNATIVES = 64

# a '{' that is not a quantifier ({3}, {2,}, {,4}, {1,3}) may be a fuzzy constraint of regex
_BRACE = re.compile(r"\{(?!\d*,?\d*\})")


def _unsafe(pattern: str) -> bool:
    """Syntax the standard parser would read otherwise than ``regex`` (version 1): an unescaped
    '[' inside a character set (a nested set), or a '{' that is not a quantifier."""
    i, n, in_set, set_start = 0, len(pattern), False, False
    while i < n:
        c = pattern[i]
        if c == "\\":
            i += 2
            set_start = False
            continue
        if in_set:
            if c == "[":
                return True
            if c == "]" and not set_start:
                in_set = False
            set_start = False
            if c == "^" and pattern[i - 1] == "[":
                set_start = True   # "[^]...]": the ']' right after '^' is a member
        elif c == "[":
            in_set, set_start = True, True
        elif c == "{" and _BRACE.match(pattern, i):
            return True
        i += 1
    return False


def _parse(pattern: str, ignorecase: bool):
    from re import _parser

    flags = re.IGNORECASE if ignorecase else 0
    try:
        return _parser.parse(pattern, flags)
    except (re.error, ValueError, TypeError, OverflowError, RecursionError):
        return None


def _small_set(av) -> list[str] | None:
    """The characters of a character set of plain literals ([Oo], [’']), or None."""
    from re import _constants as C

    out = []
    for op, a in av:
        if op is not C.LITERAL:
            return None
        out.append(chr(a))
    return out if 0 < len(out) <= 4 else None


def _best(cands: list[frozenset]) -> frozenset | None:
    """The most selective candidate: the one whose shortest literal is longest."""
    good = [c for c in cands if c and len(c) <= MAX_ALTERNATIVES and min(map(len, c)) >= 1]
    if not good:
        return None
    return max(good, key=lambda c: (min(map(len, c)), -len(c)))


def _seq(items, depth: int = 0) -> list[frozenset]:
    """Candidate sets for a sequence of parsed items: each is a set of strings of which every
    match of the sequence contains one."""
    from re import _constants as C

    if depth > 50:
        return []
    cands: list[frozenset] = []
    run: list[str] = [""]      # the fixed run being read (alternatives where a small set was met)

    def flush():
        nonlocal run
        if any(run):
            cands.append(frozenset(run))
        run = [""]

    for op, av in items:
        if op is C.LITERAL:
            run = [r + chr(av) for r in run]
            continue
        if op is C.IN:
            chars = _small_set(av)
            if chars is not None and len(run) * len(chars) <= MAX_ALTERNATIVES:
                run = [r + ch for r in run for ch in chars]
                continue
            flush()
            continue
        flush()
        # a part every match goes through: all its own candidates hold
        if op is C.SUBPATTERN:
            cands.extend(_seq(av[3].data, depth + 1))
        elif op is C.ATOMIC_GROUP:
            cands.extend(_seq(av.data, depth + 1))
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            lo, _hi, body = av
            if lo >= 1:
                cands.extend(_seq(body.data, depth + 1))
        elif op is C.BRANCH:  # one of the alternatives: the union of one candidate of each
            alts = [_best(_seq(alt.data, depth + 1)) for alt in av[1]]
            if alts and all(a is not None for a in alts):
                cands.append(frozenset().union(*alts))
        elif op is C.ASSERT:  # a positive lookaround: its text is in the text too
            cands.extend(_seq(av[1].data, depth + 1))
    flush()
    return cands


def _derive(pattern: str, ignorecase: bool) -> list[list[str]]:
    """Every set of required literals of ``pattern`` (case-folded, each set sorted), the most
    selective first; [] when none is known."""
    if _unsafe(pattern):
        return []
    parsed = _parse(pattern, ignorecase)
    if parsed is None:
        return []
    sets = {frozenset(s.casefold() for s in c) for c in _seq(parsed.data)
            if c and len(c) <= MAX_ALTERNATIVES}
    sets = [c for c in sets if all(len(s) >= MIN_LEN or not s.isascii() for s in c)]
    sets.sort(key=lambda c: (-min(map(len, c)), len(c), sorted(c)))
    return [sorted(c) for c in sets]


VERSION = 3        # of the derivation: the cached literals of an older one are not used
_KNOWN: dict | None = None


def _shipped() -> dict:
    """The literals of every shipped pattern, derived once for the rule packs' patterns and kept
    in the parsed-data cache (reading the patterns with the standard parser costs more than
    the filter saves on a short article)."""
    global _KNOWN
    if _KNOWN is None:
        _KNOWN = {}
        try:
            from . import datacache

            items = sorted(set(shipped_patterns()))
            key = f"{VERSION}\n" + "\n".join(f"{int(ic)}{p}" for p, ic in items)
            derived = datacache.cached("prefilter", key, lambda: [_derive(p, ic) for p, ic in items])
            _KNOWN = {(p, ic): d for (p, ic), d in zip(items, derived)}
        except Exception:  # the rule packs themselves failed to load: their error comes elsewhere
            _KNOWN = {}
    return _KNOWN


def shipped_patterns() -> list[tuple[str, bool]]:
    """(pattern, ignorecase) of every pattern of the shipped rule packs that detectors filter:
    regex rules, ``params.pattern``, boilerplate ``params.lines`` and ``params.inline``, and
    the order patterns of K801."""
    from . import mtscore
    from .rules import load_rules

    out = []
    for r in load_rules():
        p = r.params
        if r.pattern:
            out.append((r.pattern, "i" in r.flags))
        if isinstance(p.get("pattern"), str):
            out.append((p["pattern"], "i" in str(p.get("flags", ""))))
        for x in (p.get("lines") or ()), (p.get("inline") or ()):
            out.extend((s, False) for s in x if isinstance(s, str))
    out.extend((v, False) for _name, v in mtscore._pattern_items(mtscore._params()))
    return out


@lru_cache(maxsize=None)
def required(pattern: str, ignorecase: bool = False) -> tuple[frozenset[str], ...] | None:
    """Sets of strings (case-folded): every match of ``pattern`` contains a string of each set.
    None when no such set is known (the pattern must always run)."""
    sets = _shipped().get((pattern, ignorecase))
    if sets is None:
        sets = _derive(pattern, ignorecase)
    return tuple(frozenset(c) for c in sets) or None


_FOLDED: dict[int, tuple[str, str]] = {}


def folded(text: str) -> str:
    """``text.casefold()``, kept for the last few texts asked about."""
    hit = _FOLDED.get(id(text))
    if hit is not None and hit[0] is text:
        return hit[1]
    if len(_FOLDED) >= 8:
        _FOLDED.clear()
    f = text.casefold()
    _FOLDED[id(text)] = (text, f)
    return f


def may_match(pattern: str, text: str, ignorecase: bool = False) -> bool:
    """False only where ``pattern`` certainly has no match in ``text``."""
    req = required(pattern, ignorecase)
    if req is None:
        return True
    low = folded(text)
    return all(any(s in low for s in c) for c in req)


def line_gate(patterns, ignorecase: bool = False):
    """(gate, always): ``gate`` is one standard ``re`` pattern that finds, in a case-folded
    text, a literal of each of ``patterns`` that has literals (of its most selective set): a text
    it does not find can match none of them; ``always``: the patterns without literals, to be
    tried on every text."""
    lits: set[str] = set()
    always = set()
    for p in patterns:
        req = required(p, ignorecase)
        if req is None:
            always.add(p)
        else:
            lits.update(req[0])
    return _gate(frozenset(lits)), frozenset(always)


@lru_cache(maxsize=256)
def _gate(lits: frozenset):
    return re.compile("|".join(re.escape(s) for s in sorted(lits, key=lambda s: (-len(s), s)))) if lits else \
        re.compile(r"(?!)")


def literals_in(pattern: str, low: str, ignorecase: bool = False) -> bool:
    """:func:`may_match` for a text already case-folded (``low = text.casefold()``): for many
    short texts (lines) against one pattern."""
    req = required(pattern, ignorecase)
    return req is None or all(any(s in low for s in c) for c in req)
