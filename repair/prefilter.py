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


_ANSWERS: dict[int, tuple[str, dict]] = {}


def may_match(pattern: str, text: str, ignorecase: bool = False) -> bool:
    """False only where ``pattern`` certainly has no match in ``text``.  (The answers are kept
    for the last few texts asked about: a detector may ask about one text once per sentence.)"""
    hit = _ANSWERS.get(id(text))
    if hit is None or hit[0] is not text:
        if len(_ANSWERS) >= 8:
            _ANSWERS.clear()
        hit = _ANSWERS[id(text)] = (text, {})
    answers = hit[1]
    key = (pattern, ignorecase)
    got = answers.get(key)
    if got is None:
        req = required(pattern, ignorecase)
        if req is None:
            got = True
        else:
            # (each literal is searched for once per text: many patterns share one)
            low, found = None, answers.setdefault(None, {})
            got = True
            for c in req:
                for lit in c:
                    f = found.get(lit)
                    if f is None:
                        if low is None:
                            low = folded(text)
                        f = found[lit] = lit in low
                    if f:
                        break
                else:
                    got = False
                    break
        answers[key] = got
    return got


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
    if req is None:
        return True
    for c in req:   # (loops, not generators: called for every line against every pattern)
        for s in c:
            if s in low:
                break
        else:
            return False
    return True


# --- line gating: a pattern whose matches cannot hold a line break, run line by line ---------

_SET_OPS = ("--", "&&", "||", "~~")   # regex's version-1 set operations (the standard parser reads them as text)


def _can_match_newline(items, dotall: bool, depth: int = 0) -> bool | None:
    """Whether some consumer of the parsed ``items`` can match "\\n" (None: unknown syntax,
    or an anchor other than \\b and \\B)."""
    from re import _constants as C

    if depth > 50:
        return None
    nl = 10
    for op, av in items:
        if op is C.LITERAL:
            if av == nl:
                return True
        elif op is C.NOT_LITERAL:
            if av != nl:
                return True
        elif op is C.ANY:
            if dotall:
                return True
        elif op is C.IN:
            neg = bool(av) and av[0][0] is C.NEGATE
            has = False
            for mop, mav in av[1:] if neg else av:
                if mop is C.LITERAL:
                    has = has or mav == nl
                elif mop is C.RANGE:
                    has = has or mav[0] <= nl <= mav[1]
                elif mop is C.CATEGORY:
                    if mav in (C.CATEGORY_SPACE, C.CATEGORY_NOT_WORD, C.CATEGORY_NOT_DIGIT, C.CATEGORY_LINEBREAK):
                        has = True
                    elif mav not in (C.CATEGORY_NOT_SPACE, C.CATEGORY_WORD, C.CATEGORY_DIGIT,
                                     C.CATEGORY_NOT_LINEBREAK):
                        return None
                else:
                    return None
            if has != neg:
                return True
        elif op is C.AT:
            if av not in (C.AT_BOUNDARY, C.AT_NON_BOUNDARY):
                return None
        elif op is C.SUBPATTERN:
            add, _del = av[1], av[2]
            r = _can_match_newline(av[3].data, dotall or bool(add & C.SRE_FLAG_DOTALL), depth + 1)
            if r is not False:
                return r
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            r = _can_match_newline(av[2].data, dotall, depth + 1)
            if r is not False:
                return r
        elif op is C.ATOMIC_GROUP:
            r = _can_match_newline(av.data, dotall, depth + 1)
            if r is not False:
                return r
        elif op is C.BRANCH:
            for alt in av[1]:
                r = _can_match_newline(alt.data, dotall, depth + 1)
                if r is not False:
                    return r
        elif op in (C.ASSERT, C.ASSERT_NOT):
            r = _can_match_newline(av[1].data, dotall, depth + 1)
            if r is not False:
                return r
        elif op is C.GROUPREF:
            pass   # what its group matched: no line break if the group cannot match one
        elif op is C.GROUPREF_EXISTS:
            for sub in av[1:]:
                if sub is not None:
                    r = _can_match_newline(sub.data, dotall, depth + 1)
                    if r is not False:
                        return r
        else:
            return None
    return False


_LOCAL_KNOWN: dict | None = None


def _shipped_local() -> dict:
    """:func:`line_local` of every shipped pattern, worked out once and kept in the parsed-data
    cache, keyed by the patterns and the text of this module (reading the patterns with the
    standard parser costs a tenth of a second in each process that repairs a long text)."""
    global _LOCAL_KNOWN
    if _LOCAL_KNOWN is None:
        _LOCAL_KNOWN = {}
        try:
            from . import datacache

            items = sorted(set(shipped_patterns()))
            with open(__file__, encoding="utf-8") as f:
                code = f.read()
            key = code + "\x00" + "\n".join(f"{int(ic)}{p}" for p, ic in items)
            flags = datacache.cached("prefilter-line-local", key, lambda: [_line_local(p, ic) for p, ic in items])
            _LOCAL_KNOWN = {k: bool(v) for k, v in zip(items, flags)}
        except Exception:  # the rule packs themselves failed to load: their error comes elsewhere
            _LOCAL_KNOWN = {}
    return _LOCAL_KNOWN


@lru_cache(maxsize=None)
def line_local(pattern: str, ignorecase: bool = False) -> bool:
    """:func:`_line_local`, answered for the shipped patterns from :func:`_shipped_local`."""
    hit = _shipped_local().get((pattern, ignorecase))
    return _line_local(pattern, ignorecase) if hit is None else hit


def _line_local(pattern: str, ignorecase: bool = False) -> bool:
    """True when every match of ``pattern`` lies within one line and is found alike when the
    pattern runs on that line alone (``finditer(text, line_start, line_end)``): no consumer,
    lookarounds included, can match a line break (so a lookaround cannot see past the line's
    ends, where the text has "\\n" and the line alone has its edge, which no consumer matches
    either); no anchor but \\b and \\B (at a line's edge both see a non-word character); no empty
    match (the scan of the whole text and of each line step alike).  Read with the standard
    parser as :func:`required`; anything it may read otherwise than ``regex`` is not line-local."""
    if _unsafe(pattern) or any(op in pattern for op in _SET_OPS):
        return False
    parsed = _parse(pattern, ignorecase)
    if parsed is None:
        return False
    from re import _constants as C

    try:
        if parsed.getwidth()[0] < 1:
            return False
    except Exception:
        return False
    return _can_match_newline(parsed.data, bool(parsed.state.flags & C.SRE_FLAG_DOTALL)) is False


_LINES: dict[int, tuple] = {}


def _lines(text: str) -> tuple:
    """(the start of each line of ``text``, the end of each, the case-folded lines, the offsets
    of the line breaks in the case-folded text), kept for the last few texts asked about."""
    hit = _LINES.get(id(text))
    if hit is not None and hit[0] is text:
        return hit[1]
    low = folded(text)
    starts, ends, pos = [], [], 0
    for line in text.split("\n"):
        starts.append(pos)
        ends.append(pos + len(line))
        pos += len(line) + 1
    low_lines = low.split("\n")
    breaks = [m.start() for m in re.finditer("\n", low)]
    if len(low_lines) != len(starts):   # (casefold keeps every line break; a guard all the same)
        return None
    out = (starts, ends, low_lines, breaks)
    if len(_LINES) >= 8:
        _LINES.clear()
    _LINES[id(text)] = (text, out)
    return out


def line_spans(pattern: str, text: str, ignorecase: bool = False, visits: int = 200,
               min_chars: int = 20_000):
    """For a :func:`line_local` pattern, the (start, end) of each line of ``text`` that holds a
    literal of every required set (:func:`required`): every match of the pattern in ``text`` is
    one of its matches in these lines, ``finditer(text, start, end)`` in order.  The lines are
    found by ``str.find`` of the longest literal that is a set on its own (at least 4
    characters).  None when the whole text is to be searched: the pattern is not line-local or
    has no such literal, the text is short (under ``min_chars``), or more than ``visits`` lines
    hold that literal (one search of the whole text is cheaper then)."""
    if len(text) < min_chars:
        return None
    req = required(pattern, ignorecase)
    if req is None:
        return None
    single = [next(iter(c)) for c in req if len(c) == 1]
    single = [x for x in single if len(x) >= 4]
    if not single or not line_local(pattern, ignorecase):
        return None
    lit = max(single, key=lambda x: (len(x), x))
    info = _lines(text)
    if info is None:
        return None
    starts, ends, low_lines, breaks = info
    import bisect

    low = folded(text)
    find = low.find
    cand = []
    pos, seen = 0, 0
    while True:
        j = find(lit, pos)
        if j < 0:
            break
        i = bisect.bisect_left(breaks, j)            # the line holding the literal
        seen += 1
        if seen > visits:
            return None
        line = low_lines[i]
        if all(any(x in line for x in c) for c in req):
            cand.append(i)
        if i >= len(breaks):
            break
        pos = breaks[i] + 1                          # on to the next line
    return [(starts[i], ends[i]) for i in cand]
