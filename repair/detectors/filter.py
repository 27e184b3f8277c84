"""Detector: filter — damage left by a profanity filter that replaced a
"bad word" inside longer words ("ass" → "bad": "clbad" for "class",
"pbadenger" for "passenger").

Evidence: the token is not a known word, contains the substitute, and putting
the original back (in one or more places) gives a frequent English word.  The
substitution pairs are data (``params: pairs`` of rule F101).
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache

from .. import lexicon as L
from ..langdata import value

WORD = re.compile(r"[A-Za-z]+\Z")


def _pairs(ctx) -> tuple[tuple[str, str], ...]:
    try:
        p = ctx.rule("F101").params.get("pairs")
    except KeyError:
        p = None
    return tuple((a, b) for a, b in p) if p else ()


@lru_cache(maxsize=50_000)
def restore(w: str, pairs: tuple[tuple[str, str], ...]):
    """(restored word, zipf, pair) for an unknown lowercase ``w``, or None."""
    if L.unigram(w) > 0 or L.zipf(w) >= value("filter", "known_word_zipf"):
        return None
    best = None
    for sub, orig in pairs:
        pos = [m.start() for m in re.finditer(re.escape(sub), w)]
        if not pos or len(pos) > value("filter", "max_substitutes"):
            continue
        for k in range(len(pos), 0, -1):
            for chosen in itertools.combinations(pos, k):
                out, last = [], 0
                for p in chosen:
                    out.append(w[last:p])
                    out.append(orig)
                    last = p + len(sub)
                out.append(w[last:])
                cand = "".join(out)
                zc = L.zipf(cand)
                if zc >= value("filter", "restored_zipf") and (best is None or zc > best[1]):
                    best = (cand, zc, (sub, orig))
    return best


MASK = re.compile(r"(?<![\w*])([A-Za-z]*)(\*{2,6})([A-Za-z]*)(?![\w*])")


@lru_cache(maxsize=20_000)
def unmask(pre: str, n: int, post: str, masked: tuple[str, ...], suffixes: frozenset = frozenset()):
    """(restored word, zipf, masked word) for ``pre`` + ``n`` asterisks + ``post`` (lowercase), or None."""
    if len(pre) + len(post) < 2:
        return None
    def word(piece):
        return len(piece) >= 3 and L.zipf(piece) >= 3.0
    if (not pre or word(pre)) and (not post or word(post) or post in suffixes):
        return None  # "bull****", "***hole", "mother****er": a profanity its writer censored
    best = None
    for m in masked:
        if len(m) != n:
            continue
        cand = pre + m + post
        zc = L.zipf(cand)
        if zc >= value("filter", "restored_zipf") and (best is None or zc > best[1]):
            best = (cand, zc, m)
    return best


def detect(doc, ctx):
    try:
        params = ctx.rule("F101").params
    except KeyError:
        params = {}
    masked = tuple(params.get("masked") or ())
    suffixes = frozenset(params.get("profane_tails") or ())
    if masked and "*" in doc.text:
        for m in MASK.finditer(doc.text):
            pre, stars, post = m.groups()
            r = unmask(pre.lower(), len(stars), post.lower(), masked, suffixes)
            if r is None:
                continue
            cand, zc, word = r
            if (pre or post)[:1].isupper():
                cand = cand[0].upper() + cand[1:]
            yield ctx.finding(
                "F101", m.start(), m.end(), cand,
                message=f"Word-filter damage: “{word}” was masked with asterisks inside a word; "
                        f"“{cand.lower()}” has zipf {zc:.1f}")
    pairs = _pairs(ctx)
    subs = tuple(s for s, _ in pairs)
    for tok in doc.tokens:
        t = tok.text
        lw = t.lower()
        if len(t) < 4 or not any(s in lw for s in subs) or not WORD.match(t):
            continue
        if t.isupper() and len(t) > 1:
            continue
        r = restore(lw, pairs)
        if r is None:
            continue
        cand, zc, (sub, orig) = r
        if t[0].isupper():
            cand = cand[0].upper() + cand[1:]
        yield ctx.finding(
            "F101", tok.start, tok.end, cand,
            message=f"Word-filter damage: “{orig}” was replaced by “{sub}” inside a word; "
                    f"“{lw}” is unknown, “{cand.lower()}” has zipf {zc:.1f}")
