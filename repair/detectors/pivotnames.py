"""Detector: pivotnames — foreign names that reached English through a Romance pivot language
and kept its transliteration ("Zelenski", "Jruschov", "Serguéi", "Chostakovitch", "Prigojine").

A capitalised word that English has never seen (wordfreq Zipf below ``max_original_zipf``, after
folding accents) is rewritten with the transliteration rules of the source languages
(rules/lang/romance/pivot.yaml: Spanish "j" = English "kh", "-ski" = "-sky", French "ch" = "sh",
"-itch" = "-ich" ...), up to ``max_rewrites`` at a time; the spelling English uses is the rewrite
that English knows (Zipf at least ``min_english_zipf``), and only when exactly one rewrite
stands out.  A spelling English has seen at all needs a wider margin (``min_margin_seen``), and
a name beside a native French name ("Thierry Douine") is that person's own spelling.

- N204  a name in a pivot language's transliteration, replaced by the English spelling.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .. import fastregex, lexicon as L
from ..langdata import table as _table, value as _value, wordlist as _wordlist

NAME = re.compile(r"[A-ZÀ-Þ][a-zß-ÿ]{3,}\Z")


def _v(key):
    return _value("pivotnames", key)


def fold(w: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", w) if not unicodedata.combining(c))


@lru_cache(maxsize=None)
def _rewrites() -> tuple[tuple[re.Pattern, str], ...]:
    rows = _table("romance", "pivot", "rewrites")
    return tuple((re.compile(k), str(v)) for k, v in rows.items())


@lru_cache(maxsize=50_000)
def english_spelling(word: str) -> tuple[str, float] | None:
    """(English spelling, its Zipf) of a capitalised pivot-language transliteration, or None."""
    plain = fold(word).lower()
    if not plain.isascii() or max(L.zipf(plain), L.zipf(word.lower())) >= float(_v("max_original_zipf")):
        return None
    seen = {plain}
    frontier = [plain]
    found: dict[str, float] = {}
    for _ in range(int(_v("max_rewrites"))):
        nxt = []
        for w in frontier:
            for rx, rep in _rewrites():
                for m in rx.finditer(w):
                    cand = w[:m.start()] + fastregex.expand(m, rep) + w[m.end():]
                    if cand in seen or len(seen) > int(_v("max_candidates")):
                        continue
                    seen.add(cand)
                    nxt.append(cand)
                    z = L.zipf(cand)
                    if z >= float(_v("min_english_zipf")):
                        found[cand] = z
        frontier = nxt
    if not found:
        return None
    ranked = sorted(found.items(), key=lambda kv: -kv[1])
    if len(ranked) > 1 and ranked[0][1] - ranked[1][1] < float(_v("min_margin")):
        return None
    cand, z = ranked[0]
    zo = max(L.zipf(plain), L.zipf(word.lower()))
    # a spelling English has seen at all is a variant English also prints ("Youk", "Silvain"):
    # replacing it takes a far more common rewrite ("Siria" -> "Syria")
    if z - zo < float(_v("min_margin_seen" if zo > 0 else "min_margin")):
        return None
    return cand[0].upper() + cand[1:], z


def native_name(word: str) -> bool:
    """A name English knows that is clearly a native name of a language whose own names the
    pivot rules would misread (French "Thierry", "Simard"): the person it names is no
    transliteration, nor is the name beside it."""
    w = word.lower()
    ze = L.zipf(w)
    if ze < float(_v("native_min_english_zipf")):
        return False
    return any(L.zipf(w, lang) - ze >= float(_v("native_margin"))
               for lang in _wordlist("romance", "pivot", "native_name_langs"))


def _beside(doc, tok):
    """The capitalised words right before and after ``tok`` on its line (one space apart)."""
    toks, text = doc.tokens, doc.text
    for j in (tok.i - 1, tok.i + 1):
        if 0 <= j < len(toks):
            o = toks[j]
            gap = text[o.end:tok.start] if j < tok.i else text[tok.end:o.start]
            if gap == " " and o.is_word and o.text[:1].isupper():
                yield o.text


def detect(doc, ctx):
    if not ctx.enabled("N204"):
        return []
    out = []
    for tok in doc.tokens:
        t = tok.text
        if not tok.is_word or not NAME.match(t) or len(t) > 30:
            continue
        r = english_spelling(t)
        if r is None:
            continue
        eng, z = r
        if eng == t or any(native_name(o) for o in _beside(doc, tok)):
            continue
        out.append(ctx.finding("N204", tok.start, tok.end, eng,
                               message=f"A name in a pivot language's transliteration: “{t}” is unknown in "
                                       f"English; “{eng}” zipf {z:.1f}"))
    return out
