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
from ..langdata import source_languages, value

WORD = re.compile(r"[^\W\d_]+\Z")


def _pairs(ctx) -> tuple[tuple[str, str], ...]:
    try:
        p = ctx.rule("F101").params.get("pairs")
    except KeyError:
        p = None
    return tuple((a, b) for a, b in p) if p else ()


@lru_cache(maxsize=50_000)
def restore(w: str, pairs: tuple[tuple[str, str], ...], langs: tuple[str, ...] = ()):
    """(restored word, zipf, pair) for an unknown lowercase ``w``, or None; for a capitalised token
    (``langs``: the source languages) the restored word may be a word of one of them, a name
    ("Badunção" of "Assunção"), its Zipf there less ``source_word_penalty``."""
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
                if zc < value("filter", "restored_zipf") and langs and not cand.isascii():
                    zc = max((L.zipf(cand, lg) for lg in langs), default=0.0) - value("filter", "source_word_penalty")
                if zc >= value("filter", "restored_zipf") and (best is None or zc > best[1]):
                    best = (cand, zc, (sub, orig))
    return best


MASK = re.compile(r"(?<![\w*])([^\W\d_]*)(\*{1,6})([^\W\d_]*)(?![\w*])")


def _fills(pre: str, n: int, post: str, masked: tuple[str, ...]):
    """(candidate, masked word) for each way a masked word covers the ``n`` asterisks, the letters
    it shares with the visible ones equal: "cl***ic" ("ass"), "Mich***e" ("hell": its "h" kept),
    "compet*tive" ("tit": its vowel masked), "s*xual" ("sex")."""
    w = pre + "*" * n + post
    a, b = len(pre), len(pre) + n
    for m in masked:
        for o in range(max(0, b - len(m)), a + 1):
            if o + len(m) > len(w):
                continue
            if all(w[o + i] == "*" or w[o + i] == c for i, c in enumerate(m)):
                yield w[:o] + m + w[o + len(m):], m


@lru_cache(maxsize=20_000)
def unmask(pre: str, n: int, post: str, masked: tuple[str, ...], suffixes: frozenset = frozenset(),
           langs: tuple[str, ...] = ()):
    """(restored word, zipf, masked word) for ``pre`` + ``n`` asterisks + ``post`` (lowercase), or None.
    The restored word is English (``restored_zipf``), or, for a capitalised token, a word of one of
    ``langs`` (the source languages: "***unção" of "Assunção")."""
    if len(pre) + len(post) < 2:
        return None
    def word(piece):
        return len(piece) >= 3 and L.zipf(piece) >= 3.0
    if (not pre or word(pre)) and (not post or word(post) or post in suffixes):
        return None  # "bull****", "***hole", "mother****er": a profanity its writer censored
    best = None
    for cand, m in _fills(pre, n, post, masked):
        if cand in masked:
            return None  # "f*ck", "s**t": the profanity itself fits, the writer's own asterisks
            #              (not "s**t" -> "sext")
        if any(cand == m + t for t in suffixes):
            continue  # "f*cking": a censored form; another fill may be the word ("p***ers" -> "passers")
        zc = L.zipf(cand)
        if zc < value("filter", "restored_zipf") and langs:
            zc = max((L.zipf(cand, lg) for lg in langs), default=0.0) - value("filter", "source_word_penalty")
        if zc >= value("filter", "restored_zipf") and (best is None or zc > best[1]):
            best = (cand, zc, m)
    return best


def _after_first_name(text: str, at: int) -> bool:
    """The token at ``at`` follows a capitalised word one space away ("Márcia ***unção")."""
    if at < 2 or text[at - 1] != " ":
        return False
    k = at - 1
    while k > 0 and text[k - 1].isalpha():
        k -= 1
    prev = text[k:at - 1]
    return len(prev) >= 2 and prev[0].isupper() and prev[1:].islower() and (k == 0 or text[k - 1] == " ")


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
            cap = (pre or post)[:1].isupper()
            langs = tuple(source_languages()) if cap else ()
            r = unmask(pre.lower(), len(stars), post.lower(), masked, suffixes, langs)
            if r is None and not pre and not cap and _after_first_name(doc.text, m.start()):
                # the mask took the name's first letter ("Márcia ***unção"): a source-language name
                r = unmask(pre.lower(), len(stars), post.lower(), masked, suffixes, tuple(source_languages()))
                cap = r is not None and L.zipf(r[0]) < value("filter", "restored_zipf")
                if not cap:
                    r = None
            if r is None:
                continue
            cand, zc, word = r
            if cap:
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
        r = restore(lw, pairs, tuple(source_languages()) if t[0].isupper() else ())
        if r is None:
            continue
        cand, zc, (sub, orig) = r
        if t[0].isupper():
            cand = cand[0].upper() + cand[1:]
        yield ctx.finding(
            "F101", tok.start, tok.end, cand,
            message=f"Word-filter damage: “{orig}” was replaced by “{sub}” inside a word; "
                    f"“{lw}” is unknown, “{cand.lower()}” has zipf {zc:.1f}")
