"""Sentence alignment of a source text and its translation.

Length-based (Gale & Church: the target length of a sentence is roughly the source
length times the document's ratio) with anchors that both sides share: numbers,
names and quotations.  Links are 1-1, 1-2, 2-1, and 0-1 / 1-0 for sentences with no
counterpart (a target line of page boilerplate has no source).  Paragraph breaks are
ignored: the two texts are aligned as sequences of sentences, so a translation that
joins or splits paragraphs differently still aligns.

``align(src_text, tgt_text)`` returns an :class:`Alignment`: the sentence spans of both
texts and the links; ``Alignment.to_json()`` is what ``--format json`` reports.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    """Every language's abbreviation list (``rules/lang/*/abbreviations.yaml``): the text
    split may be the English target or the source."""
    from ..langdata import abbreviations, languages

    out: set[str] = set()
    for lang in languages():
        try:
            out |= abbreviations(lang)
        except LookupError:
            pass
    return frozenset(out)


_END = re.compile(r"[.!?…]+[”’\"»)]*(?=\s+[“\"«‘(¿¡—–-]*\w)")
_NUM = re.compile(r"\d+(?:[.,  ]\d{3})*(?:[.,]\d+)?")
_WORD = re.compile(r"\w+(?:[-'’]\w+)*")
_QUOTE = re.compile(r"[“”\"«»]")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Link:
    src: tuple[int, ...]   # indices into Alignment.src
    tgt: tuple[int, ...]   # indices into Alignment.tgt
    cost: float


@dataclass
class Alignment:
    src: list[Sentence]
    tgt: list[Sentence]
    links: list[Link]

    def src_span(self, link: Link) -> tuple[int, int] | None:
        if not link.src:
            return None
        return self.src[link.src[0]].start, self.src[link.src[-1]].end

    def tgt_span(self, link: Link) -> tuple[int, int] | None:
        if not link.tgt:
            return None
        return self.tgt[link.tgt[0]].start, self.tgt[link.tgt[-1]].end

    def to_json(self) -> list[dict]:
        out = []
        for ln in self.links:
            s, t = self.src_span(ln), self.tgt_span(ln)
            out.append({"src": list(ln.src), "tgt": list(ln.tgt),
                        "src_span": list(s) if s else None, "tgt_span": list(t) if t else None,
                        "type": f"{len(ln.src)}-{len(ln.tgt)}", "cost": round(ln.cost, 3)})
        return out


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of every non-blank line (a line is at least one sentence)."""
    out = []
    abbrev = _abbreviations()
    for m in re.finditer(r"[^\r\n]+", text):
        ls, le = m.start(), m.end()
        while ls < le and text[ls].isspace():
            ls += 1
        while le > ls and text[le - 1].isspace():
            le -= 1
        if ls == le:
            continue
        s = ls
        seg = text[ls:le]
        for e in _END.finditer(seg):
            end = ls + e.end()
            nxt = text[end:le].lstrip()
            first = nxt.lstrip("“\"«‘(¿¡—–- ")[:1]
            if not first or not (first.isupper() or first.isdigit()):
                continue
            before = text[s:ls + e.start()].split()
            last = before[-1].lower().rstrip(".") if before else ""
            if last in abbrev or (len(last) == 1 and last.isalpha()):
                continue
            out.append(Sentence(s, end, text[s:end]))
            s = end
            while s < le and text[s].isspace():
                s += 1
        if s < le:
            out.append(Sentence(s, le, text[s:le]))
    return out


def fold(w: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", w.lower()) if not unicodedata.combining(c))


def numbers(text: str) -> list[str]:
    """Numbers with their group separators removed ("1.500" and "1,500" are one number)."""
    out = []
    for m in _NUM.finditer(text):
        v = m.group()
        if re.search(r"[.,][0-9]{1,2}$", v):         # a decimal part: keep it, unify the mark
            head, tail = v[:-len(re.search(r"[0-9]+$", v).group()) - 1], re.search(r"[0-9]+$", v).group()
            out.append(re.sub(r"[.,  ]", "", head) + "." + tail)
        else:
            out.append(re.sub(r"[.,  ]", "", v))
    return out


def names(text: str) -> set[str]:
    """Capitalised words that do not open the sentence (folded, first five letters),
    and all-capital acronyms."""
    out = set()
    words = list(_WORD.finditer(text))
    for i, m in enumerate(words):
        w = m.group()
        if not w[:1].isupper() or len(w) < 3 or w.isdigit():
            continue
        if i == 0 and not (w.isupper() and len(w) > 1):
            continue
        prev = text[:m.start()].rstrip()[-1:]
        if prev in ".!?¿¡“\"«:" and not w.isupper():
            continue
        out.add(fold(w)[:5])
    return out


@dataclass
class _Feat:
    n: int
    nums: frozenset
    names: frozenset
    quote: bool
    cog: frozenset     # folded 4-letter prefixes of the longer words (cognates share them)


def _feat(s: Sentence) -> _Feat:
    cog = frozenset(fold(w)[:4] for w in _WORD.findall(s.text) if len(w) >= 5 and not w.isdigit())
    return _Feat(len(s.text), frozenset(numbers(s.text)), frozenset(names(s.text)), bool(_QUOTE.search(s.text)), cog)


def _anchors(a: _Feat, b_nums: frozenset, b_names: frozenset, b_cog: frozenset) -> int:
    return len(a.nums & b_nums) + len(a.names & b_names) + len(a.cog & b_cog)


def _norm_sf(x: float) -> float:
    return 0.5 * math.erfc(x / math.sqrt(2))


PRIOR = {(1, 1): -math.log(0.89), (1, 2): -math.log(0.0445), (2, 1): -math.log(0.0445),
         (0, 1): -math.log(0.008), (1, 0): -math.log(0.008)}
MOVES = [(1, 1), (1, 2), (2, 1), (0, 1), (1, 0)]


class _Coster:
    def __init__(self, src: list[_Feat], tgt: list[_Feat], ratio: float, s2: float = 6.8,
                 null_tgt: frozenset = frozenset()):
        self.src, self.tgt, self.c, self.s2 = src, tgt, ratio, s2
        self.null_tgt = null_tgt

    def __call__(self, i0: int, i1: int, j0: int, j1: int) -> float:
        di, dj = i1 - i0, j1 - j0
        cost = PRIOR[(di, dj)]
        if di == 0:
            # a target sentence known (or looking) to be page furniture costs less unlinked
            return cost - (2.5 if j0 in self.null_tgt else 0.0)
        if dj == 0:
            return cost
        S = self.src[i0:i1]
        T = self.tgt[j0:j1]
        ls = sum(f.n for f in S) + (di - 1)
        lt = sum(f.n for f in T) + (dj - 1)
        mean = (ls + lt / self.c) / 2
        delta = (lt - ls * self.c) / math.sqrt(self.s2 * max(mean, 1.0))
        p = 2 * _norm_sf(abs(delta))
        cost += -math.log(max(p, 1e-12))
        ns = frozenset().union(*(f.nums for f in S))
        nt = frozenset().union(*(f.nums for f in T))
        if ns or nt:
            cost += -2.0 * len(ns & nt) + 1.5 * len(ns ^ nt)
        ms = frozenset().union(*(f.names for f in S))
        mt = frozenset().union(*(f.names for f in T))
        cost += -0.8 * len(ms & mt)
        cs = frozenset().union(*(f.cog for f in S))
        ct = frozenset().union(*(f.cog for f in T))
        if cs and ct:
            cost -= 3.0 * len(cs & ct) / min(len(cs), len(ct))
        if not (ns & nt) and not (ms & mt) and not (cs & ct) and (cs or ms) and (ct or mt):
            cost += 2.0      # nothing at all in common
        qs, qt = any(f.quote for f in S), any(f.quote for f in T)
        if qs != qt:
            cost += 0.7
        # in a 2-1 or 1-2 link, each of the two sentences must share something with the other side
        if di == 2 or dj == 2:
            for f in (S if di == 2 else T):
                other = (nt, mt, ct) if di == 2 else (ns, ms, cs)
                if f.n > 0 and _anchors(f, *other) == 0:
                    cost += 1.0
            if dj == 2 and any(j in self.null_tgt for j in range(j0, j1)):
                cost += 3.0
        return cost


def align_sentences(src: list[Sentence], tgt: list[Sentence], band: int = 40,
                    null_tgt: frozenset = frozenset()) -> list[Link]:
    """Links between two sentence lists; ``null_tgt``: target sentences known to be
    boilerplate (they are cheaper to leave unlinked)."""
    n, m = len(src), len(tgt)
    if n == 0 or m == 0:
        return [Link((i,), (), PRIOR[(1, 0)]) for i in range(n)] + [Link((), (j,), PRIOR[(0, 1)]) for j in range(m)]
    fs, ft = [_feat(s) for s in src], [_feat(t) for t in tgt]
    ratio = max(sum(f.n for f in ft), 1) / max(sum(f.n for f in fs), 1)
    ratio = min(max(ratio, 0.5), 2.0)
    coster = _Coster(fs, ft, ratio, null_tgt=frozenset(null_tgt))
    # band around the diagonal given by cumulative lengths
    full = n * m <= 250_000
    if not full:
        cs = [0]
        for f in fs:
            cs.append(cs[-1] + f.n)
        ct = [0]
        for f in ft:
            ct.append(ct[-1] + f.n)
        import bisect

        centre = [min(m, bisect.bisect_left(ct, cs[i] * (ct[-1] / max(cs[-1], 1)))) for i in range(n + 1)]
    INF = float("inf")
    best: dict[tuple[int, int], tuple[float, tuple[int, int] | None]] = {(0, 0): (0.0, None)}
    for i in range(n + 1):
        if full:
            jr = range(m + 1)
        else:
            c = centre[i]
            jr = range(max(0, c - band), min(m, c + band) + 1)
        for j in jr:
            if i == 0 and j == 0:
                continue
            b = INF
            arg = None
            for di, dj in MOVES:
                pi, pj = i - di, j - dj
                if pi < 0 or pj < 0:
                    continue
                prev = best.get((pi, pj))
                if prev is None:
                    continue
                c = prev[0] + coster(pi, i, pj, j)
                if c < b:
                    b, arg = c, (pi, pj)
            if arg is not None:
                best[(i, j)] = (b, arg)
    if (n, m) not in best:   # band too narrow: fall back to a full alignment
        if not full:
            return align_sentences(src, tgt, band=max(n, m), null_tgt=null_tgt)
    links = []
    cur = (n, m)
    while cur != (0, 0):
        cost, prev = best[cur]
        links.append(Link(tuple(range(prev[0], cur[0])), tuple(range(prev[1], cur[1])), cost - best[prev][0]))
        cur = prev
    links.reverse()
    return links


def align(src_text: str, tgt_text: str, tgt_sentences: list[Sentence] | None = None,
          null_tgt=frozenset()) -> Alignment:
    src = split_sentences(src_text)
    tgt = tgt_sentences if tgt_sentences is not None else split_sentences(tgt_text)
    null = set(null_tgt) | furniture(tgt_text, tgt)
    return Alignment(src, tgt, align_sentences(src, tgt, null_tgt=frozenset(null)))


def furniture(text: str, sents: list[Sentence]) -> set[int]:
    """Short whole lines without final punctuation and without numbers ("Advertisement",
    "Photo: Reuters"): likely page furniture, so cheaper to leave without a source."""
    out = set()
    for j, s in enumerate(sents):
        ls = text.rfind("\n", 0, s.start) + 1
        le = text.find("\n", s.end)
        le = len(text) if le < 0 else le
        if text[ls:s.start].strip() or text[s.end:le].strip():
            continue
        t = s.text.rstrip()
        if t[-1:] in ".!?…\"”»)'’" or any(c.isdigit() for c in t) or len(t.split()) > 6:
            continue
        out.add(j)
    return out


def boilerplate_sentences(tgt: list[Sentence], findings) -> frozenset:
    """Indices of target sentences that boilerplate findings (kind ``boilerplate``) cover."""
    spans = [(f.start, f.end) for f in findings if f.kind == "boilerplate"]
    out = set()
    for j, s in enumerate(tgt):
        if any(a <= s.start and s.end <= b + 1 for a, b in spans):
            out.add(j)
    return frozenset(out)


def boilerplate_hint(tgt_text: str, tgt: list[Sentence]) -> frozenset:
    """Run the boilerplate rules alone on the target and return the sentences they cover."""
    from ..config import Config
    from ..pipeline import repair_text

    res = repair_text(tgt_text, Config(select=("B",), max_passes=1))
    return boilerplate_sentences(tgt, res.findings)
