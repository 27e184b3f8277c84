"""A sentence-level score of machine-translation damage, for detection where no fix is safe.

Each sentence gets a few features, every one of them evidence an editor can check:

- ``unseen``: adjacent word pairs that English evidence does not know although both words
  are common (symspellpy's bigram list holds every English bigram seen 6.4 million times;
  when two words are frequent enough that chance alone would put their pair in that list
  and it is absent, English avoids the pair: "condemns to the", "refused today the"), and
  ``rare``: pairs of common words whose count is far below what chance predicts;
- ``foreign``: lowercase words unknown to English, ``source``: words of the source language
  (wordfreq Zipf in es/pt/fr/it well above English);
- ``order``: source-language word order and calques that no rule can fix safely (the
  patterns are data: ``params.patterns`` of rule K801 in ``rules/mtscore.yaml``).

They are combined by a logistic model whose weights, threshold and provenance live in
``rules/mtscore.yaml`` (``params``), fitted by ``python -m repair.mtscore_fit`` on
Apertium output (damaged) against professional English (clean).

A second, separate trigger is ``ngram`` (in ``features``, not in the logistic model): word
sequences typical of machine translation, learned from Apertium output against its
professional reference (``repair.mtngrams``, ``rules/learned/mt-ngrams-en.tsv``).  It is kept
apart because a model fitted on Apertium output leans on it and forgets the evidence that
carries over to other MT; its own threshold (``ngram_threshold``) is fitted on clean copy alone.
The detector (``repair/detectors/mtscore.py``) reports a sentence that either trigger flags
(:func:`flagged`) as a suggestion without a replacement: flagging is never applying.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache

from . import lexicon as L
from . import mtngrams

RULE_ID = "K801"
DAMAGED_RULE_ID = "K802"   # the same score at a lower threshold, in a text found damaged throughout
FLAG_RULES = (RULE_ID, DAMAGED_RULE_ID)
FEATURES = ("unseen_high", "unseen", "rare_high", "rare", "idiom", "foreign", "foreign_accented", "source", "order", "of_compound", "swapped", "of_chain", "pmi")
SOURCE_LANGS = ("es", "pt", "fr", "it")


@dataclass
class SentenceScore:
    start: int
    end: int
    words: int
    features: dict
    score: float                    # probability-like, 0..1
    evidence: list = field(default_factory=list)   # (start, end, why)


def _params() -> dict:
    from .rules import rule

    try:
        return rule(RULE_ID).params
    except KeyError:  # pragma: no cover - the rule pack is part of the package
        return {}


@lru_cache(maxsize=None)
def _compile(pattern: str):
    from . import fastregex

    return fastregex.compile(pattern, fastregex.VERSION1 | fastregex.UNICODE)


_PATTERN_CACHE: dict = {}


def _items(params: dict) -> tuple:
    hit = _PATTERN_CACHE.get(id(params))
    if hit is None or hit[0] is not params:
        hit = (params, _pattern_items(params))
        _PATTERN_CACHE[id(params)] = hit
    return hit[1]


def _patterns(params: dict, text: str | None = None) -> tuple:
    """(name, compiled pattern) of the order/calque patterns; with ``text``, only those that can
    match somewhere in it (``repair.prefilter``: the others are not compiled)."""
    from .prefilter import may_match

    return tuple((name, _compile(p)) for name, p in _items(params) if text is None or may_match(p, text))


def _pattern_items(params: dict) -> tuple:
    """The order/calque patterns, with ``{class}`` replaced by an alternation of the word
    class ``params.classes[class]`` (``{demonyms}``, ``{countries}``: rules/gazetteer.yaml)."""
    from .rules import gazetteer

    classes = {k: str(v).split() for k, v in (params.get("classes") or {}).items()}
    for g in ("demonyms", "countries"):
        classes.setdefault(g, sorted(gazetteer(g)))
    out = []
    for k, v in (params.get("patterns") or {}).items():
        v = str(v)
        for name, words in classes.items():
            if "{" + name + "}" in v:
                v = v.replace("{" + name + "}", "(?:" + "|".join(sorted(words, key=lambda x: (-len(x), x))) + ")")
        out.append((str(k), v))
    return tuple(sorted(out))


LOG_UNI = math.log10(541_808_760_578)   # total of symspellpy's unigram counts
LOG_BI = math.log10(12_404_830_571_200)  # total of its bigram counts
LOG_FLOOR = math.log10(6_400_000)       # the smallest count its bigram list holds


def chance(a: str, b: str) -> float:
    """log10 of the count the pair (a, b) would have if English put words side by side
    at random (unigram probabilities times the bigram total)."""
    ua, ub = L.unigram(a), L.unigram(b)
    if not ua or not ub:
        return -99.0
    return math.log10(ua) + math.log10(ub) - 2 * LOG_UNI + LOG_BI


@lru_cache(maxsize=None)
def _morph() -> tuple[frozenset, tuple]:
    """(letters of the source languages, English suffixes) from the rule's params."""
    p = _params()
    return frozenset(str(p.get("source_letters", ""))), tuple(str(p.get("english_suffixes", "")).split())


@lru_cache(maxsize=100_000)
def english_morphology(w: str) -> bool:
    """An unknown word that English word-building explains: a compound of two common words
    ("homewear", "tiltmeters") or a known word with an English suffix ("bunkerers")."""
    parts = L.split(w)
    if len(parts) == 2 and all(len(x) >= 3 and L.zipf(x) >= 3.5 for x in parts):
        return True
    for suf in _morph()[1]:
        if w.endswith(suf) and len(w) - len(suf) >= 4:
            stem = w[: -len(suf)]
            for cand in (stem, stem + "e", stem[:-1] + "y" if stem.endswith("i") else None):
                if cand and L.zipf(cand) >= 2.5:
                    return True
    return False


def _is_alpha_word(t) -> bool:
    return t.text[0].isalpha()


def score_sentences(doc, source_lang: str | None = None, params: dict | None = None) -> list[SentenceScore]:
    """Score every sentence of a :class:`repair.document.Document`."""
    p = _params() if params is None else params
    pats = _patterns(p, doc.text)
    # each pattern's required literals (repair.prefilter): a sentence without them is not searched
    from .prefilter import required

    wanted = {name for name, _ in pats}
    reqs = {name: _gates(required(v)) for name, v in _items(p) if name in wanted}
    gated = [(name, rx, reqs.get(name)) for name, rx in pats]
    memo = _memo(p)
    out = []
    text = doc.text
    sents = doc.sentences
    marks = None     # (a long text) the sentences each pattern's literals were found in
    for k, sent in enumerate(sents):
        key = _span_key(doc, sent.start, sent.end, source_lang)
        hit = memo.get(key)
        if hit is None:
            if marks is None and len(sents) >= WHOLE_TEXT_GATES:
                marks = _gate_marks(text, sents, gated) or False
            if marks:
                mine = [(name, rx) for (name, rx, req), m in zip(gated, marks) if m is None or k in m]
            else:
                low = text[sent.start:sent.end].casefold()
                mine = [(name, rx) for name, rx, req in gated if req is None or all(g(low) for g in req)]
            s = score_span(doc, sent.start, sent.end, source_lang, p, mine)
            memo[key] = hit = (s.end - s.start, s.words, dict(s.features), s.score,
                               tuple((a - s.start, b - s.start, why) for a, b, why in s.evidence))
        else:
            s = None
        out.append(s if s is not None else _from_memo(sent.start, hit))
    if len(memo) > MEMO_MAX:
        memo.clear()
    return out


_GATES: dict = {}


def _never(_low: str):
    return None


class _Gate:
    """One set of required literals: called on a case-folded text, whether one of them is in
    it; ``finditer`` finds them with a standard ``re`` alternation, compiled when first needed
    (on a short text the gates are only called)."""

    __slots__ = ("lits", "_rx")

    def __init__(self, lits):
        self.lits = tuple(sorted(lits))
        self._rx = None

    def __call__(self, low: str) -> bool:
        for x in self.lits:
            if x in low:
                return True
        return False

    def finditer(self, low: str):
        if self._rx is None:
            import re

            self._rx = re.compile("|".join(re.escape(x) for x in self.lits))
        return self._rx.finditer(low)


def _gates(req):
    """For the required literals of a pattern (sets of strings, one of each set in every match):
    one test per set (it finds one iff one is in the text)."""
    if req is None:
        return None
    hit = _GATES.get(req)
    if hit is None:
        hit = _GATES[req] = tuple(_Gate(c) if c else _never for c in req)   # (an empty set: never)
    return hit


# from this many sentences on, each gate searches the whole case-folded text once instead of
# every sentence
WHOLE_TEXT_GATES = 200


def _gate_marks(text: str, sents, gated) -> list | None:
    """For each (name, pattern, gates) of ``gated``: None (no gate), or the indices of the
    sentences that a match of every gate overlaps, a superset of the sentences whose own
    case-folded text every gate finds something in (a string found inside a sentence is either
    found by the scan of the whole text or overlapped by a match found instead, which then
    overlaps that sentence too).  None where case-folding changes the text's length (the
    offsets of the folded text would not be those of the text)."""
    import bisect

    from .prefilter import folded

    low = folded(text)
    if len(low) != len(text):
        return None
    starts = [s.start for s in sents]
    ends = [s.end for s in sents]
    n = len(sents)
    right = bisect.bisect_right
    seen: dict = {}
    out = []
    for _name, _rx, req in gated:
        if req is None:
            out.append(None)
            continue
        common = None
        for g in req:
            got = seen.get(g)
            if got is None:
                got = seen[g] = set()
                if g is not _never:
                    add = got.add
                    for m in g.finditer(low):
                        a, b = m.span()
                        i = right(starts, a) - 1
                        if i < 0:
                            i = 0
                        while i < n and starts[i] < b:
                            if ends[i] > a:
                                add(i)
                            i += 1
            common = got if common is None else common & got
        out.append(common)
    return out


# A sentence's score depends only on its own text and tokens, the source language, the params
# and the evidence: the passes of one repair (and the articles of one batch) score most
# sentences more than once, so each score is kept, in offsets relative to the sentence.
MEMO_MAX = 200_000
_MEMO: list = [None, None, {}]   # [the params as text, evidence, {key: score}]


def _memo(p: dict) -> dict:
    ev = L._ev()
    shown = repr(p)   # the params' content (a caller may change the dict it passed)
    if _MEMO[0] != shown or _MEMO[1] is not ev:
        _MEMO[:] = [shown, ev, {}]
    return _MEMO[2]


def _span_key(doc, start: int, end: int, source_lang) -> tuple:
    toks = doc.tokens_in(start, end)
    stop = max(end, toks[-1].end) if toks else end
    offs = []
    for t in toks:
        offs += (t.start - start, t.end - start)
    return (source_lang, doc.text[start:stop], end - start, tuple(offs))


def _from_memo(start: int, hit: tuple) -> SentenceScore:
    length, words, feats, prob, ev = hit
    return SentenceScore(start, start + length, words, dict(feats), prob,
                         [(start + a, start + b, why) for a, b, why in ev])


DAMAGE_FEATURES = tuple(k for k in FEATURES if k not in ("pmi", "idiom"))


def has_damage_evidence(s: SentenceScore, min_ngram: float) -> bool:
    """Whether the score of ``s`` rests on some evidence of damage: a feature that counts a damaged
    piece (an unseen or rare pair, a foreign word, source order, an 'of' chain...) or word sequences
    typical of MT (``ngram`` at least ``min_ngram``), not only on its length and word association."""
    f = s.features
    return any(f.get(k, 0.0) > 0 for k in DAMAGE_FEATURES) or f.get("ngram", 0.0) >= min_ngram


def flagged_in_damaged_text(s: SentenceScore, p: dict, weak: dict) -> bool:
    """Whether a scored sentence reaches K802 (``weak``: its params; ``p``: K801's): long enough,
    at K802's lower threshold, and with some evidence of damage behind the score."""
    return (s.words >= int(p.get("min_words", 6)) and s.score >= float(weak.get("threshold", 2.0))
            and has_damage_evidence(s, float(weak.get("min_ngram", 99.0))))


def flagged(s: SentenceScore, p: dict) -> bool:
    """Whether a scored sentence is flagged: long enough, and above the logistic model's
    threshold or the n-gram trigger's."""
    if s.words < int(p.get("min_words", 6)):
        return False
    return s.score >= float(p.get("threshold", 0.95)) or s.features.get("ngram", 0.0) >= float(
        p.get("ngram_threshold", 99.0))


def score_span(doc, start: int, end: int, source_lang: str | None, p: dict, patterns=None) -> SentenceScore:
    toks = doc.tokens_in(start, end)
    words = [t for t in toks if t.is_word]
    feats = dict.fromkeys(FEATURES, 0.0)
    evidence: list = []
    floor = float(p.get("unseen_margin", 0.0))       # log10 units above the list's floor
    high = float(p.get("unseen_high", 1.0))
    rare_lo = float(p.get("rare_below", -1.0))        # log10 units relative to chance
    rare_hi = float(p.get("rare_high", -2.0))
    idiom = float(p.get("idiom_above", 2.0))
    swap = float(p.get("swapped_above", 1.0))
    min_zipf_src = float(p.get("source_min_zipf", 3.5))
    max_zipf_en = float(p.get("source_max_en", 3.0))
    src_lead = float(p.get("source_lead", 2.0))
    langs = (source_lang,) if source_lang in SOURCE_LANGS else SOURCE_LANGS

    pmis: list[float] = []
    text = doc.text
    # (the lexicon's memory caches asked directly; a key they lack is looked up as before)
    U, B = L._U, L._B
    log10 = math.log10
    # n-gram evidence: adjacent word pairs one space apart, neither of them a name
    first = words[0] if words else None
    for a, b in zip(toks, toks[1:]):
        at, bt = a.text, b.text
        if not (at[0].isalpha() and bt[0].isalpha()):
            continue
        if b.start - a.end != 1 or text[a.end] != " ":
            gap = text[a.end:b.start]
            if not gap or "\n" in gap or gap.strip():
                continue
        # a capital that is not the sentence's first word says nothing about English order
        if bt[0].isupper() or (at[0].isupper() and a is not first) or at.isupper():
            continue
        al, bl = a.lower, b.lower
        # chance(al, bl), inline
        ua = U.get(al)
        if ua is None:
            ua = L.unigram(al)
        if not ua:
            continue
        ub = U.get(bl)
        if ub is None:
            ub = L.unigram(bl)
        if not ub:
            continue
        ch = log10(ua) + log10(ub) - 2 * LOG_UNI + LOG_BI
        if ch < 0:
            continue
        c = B.get((al, bl))
        if c is None:
            c = L.bigram(al, bl)
        if c or ch >= LOG_FLOOR + floor:
            pmis.append(max(-3.0, min(3.0, (math.log10(c) if c else LOG_FLOOR - 0.5) - ch)))
        if c == 0:
            cr = L.bigram(bl, al)
            if cr and math.log10(cr) - chance(bl, al) >= swap:
                feats["swapped"] += 1
                evidence.append((a.start, b.end, f"English says “{bl} {al}” ({cr:,} times), not “{al} {bl}”"))
                continue
            over = ch - LOG_FLOOR
            if over >= high:
                feats["unseen_high"] += 1
            elif over >= floor:
                feats["unseen"] += 1
            else:
                continue
            evidence.append((a.start, b.end, f"“{al} {bl}” unseen in English, though chance alone "
                                             f"predicts 10^{ch:.1f}"))
            continue
        ratio = math.log10(c) - ch
        # the source's order: English knows the pair the other way round ("moments difficult")
        if ratio < rare_lo:
            cr = L.bigram(bl, al)
            if cr and math.log10(cr) - chance(bl, al) >= swap:
                feats["swapped"] += 1
                evidence.append((a.start, b.end, f"English says “{bl} {al}” ({cr:,} times), not “{al} {bl}”"))
                continue
        if ratio >= idiom:
            feats["idiom"] += 1
        elif ratio < rare_hi:
            feats["rare_high"] += 1
            evidence.append((a.start, b.end, f"“{al} {bl}” {c:,} times, 10^{-ratio:.1f} below chance"))
        elif ratio < rare_lo:
            feats["rare"] += 1

    # English: "a crisis plan", the source: "a plan of crisis" (the compound is far above chance)
    comp = float(p.get("compound_above", 2.0))
    for i, t in enumerate(toks):
        if t.text != "of" or i == 0 or i + 1 >= len(toks):
            continue
        x, j = toks[i - 1], i + 1
        if toks[j].text == "the" and j + 1 < len(toks):
            j += 1
        y = toks[j]
        if not (x.text.isalpha() and x.text.islower() and y.text.isalpha() and y.text.islower()):
            continue
        if len(x.text) < 3 or len(y.text) < 3:
            continue
        c = L.bigram(y.text, x.text)
        if c and math.log10(c) - chance(y.text, x.text) >= comp:
            feats["of_compound"] += 1
            evidence.append((x.start, y.end, f"English says “{y.text} {x.text}” ({c:,} times), not “{x.text} of "
                                             f"{y.text}”"))
    # the source's "de" everywhere: "the fall of the prices of the oil"
    ofs = [i for i, t in enumerate(toks) if t.lower == "of"]
    feats["of_chain"] = float(sum(1 for i, j in zip(ofs, ofs[1:]) if j - i <= int(p.get("of_chain_gap", 4))))

    # the mean association of the pairs, drawn towards that of clean news when pairs are few
    prior, k = float(p.get("pmi_prior", 0.9)), float(p.get("pmi_prior_weight", 2.0))
    feats["pmi"] = (sum(pmis) + k * prior) / (len(pmis) + k)

    # residue: words English does not know, words of the source language
    Z = L._Z
    for t in words[1:]:
        w = t.text
        if not w.isalpha() or not w.islower() or len(w) < 3:
            continue
        # (L.zipf(w), its memory cache asked directly: an alphabetic word holds no "’")
        ze = Z.get((t.lower, "en"))
        if ze is None:
            ze = L.zipf(w)
        if ze < 1.0 and L.unigram(w) == 0:
            if english_morphology(w) or (not w.isascii() and not set(w) & _morph()[0]):
                continue   # English word-building, or letters of no source language here
            key = "foreign" if w.isascii() else "foreign_accented"
            feats[key] += 1
            evidence.append((t.start, t.end, f"'{w}' is no English word"))
            continue
        if ze > max_zipf_en:
            continue   # (a common English word: the source languages are not asked)
        zs = max(L.zipf(w, g) for g in langs)
        if zs >= min_zipf_src and zs >= ze + src_lead:
            feats["source"] += 1
            evidence.append((t.start, t.end, f"'{w}': Zipf {zs:.1f} in the source language, {ze:.1f} in English"))

    # word order and calques without a certain fix
    seg = doc.text[start:end]
    for name, rx in (_patterns(p, doc.text) if patterns is None else patterns):
        for m in rx.finditer(seg):
            feats["order"] += 1
            evidence.append((start + m.start(), start + m.end(), f"{name}: “{m.group()}”"))

    # word sequences typical of MT (learned; the second trigger, see the module's doc)
    ng, strong = mtngrams.score([t.text for t in toks])
    feats["ngram"] = ng
    if ng >= float(p.get("ngram_threshold", 99.0)):
        for r, i, j, g in strong[:int(p.get("ngram_shown", 2))]:
            if r < float(p.get("ngram_evidence_above", 2.0)):
                break   # (a weak sequence says little to an editor)
            evidence.append((toks[i].start, toks[j - 1].end,
                             f"“{text[toks[i].start:toks[j - 1].end]}” reads like MT ({g}: {math.exp(r):.0f} times "
                             f"as often in MT as in professional English)"))

    n = max(len(words), 1)
    z = float(p.get("bias", -4.0))
    w = p.get("weights") or {}
    cap = float(p.get("count_cap", 3))
    for k in FEATURES:
        z += float(w.get(k, 0.0)) * min(feats[k], cap)
    z += float(p.get("length_weight", 0.0)) * math.log(n)
    prob = 1.0 / (1.0 + math.exp(-z))
    evidence.sort()
    return SentenceScore(start, end, len(words), feats, prob, evidence)
