"""Learned post-editing rules: the data format, the matcher and the applier (shared by the miner and the detector).

A learned rule rewrites a short phrase of MT output (``mt``) into ``fix`` where it stands between the tokens ``left``
and ``right`` (context, kept as it is).  Tokens are compared lowercased; in the context, the class ``<num>`` stands
for any number.  The rules are generated data under ``rules/learned/*.yaml`` (see ``repair/mine.py`` for how they
are mined and filtered, and each file's header for the command that rebuilds it).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache

TOKEN_RE = re.compile(r"\w+(?:['’]\w+)*|[^\w\s]", re.UNICODE)
NO_SPACE_BEFORE = set(",.;:!?%)]}»”")
NO_SPACE_AFTER = set("([{«“$")


def tokenize(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in TOKEN_RE.finditer(text)]


def norm(tok: str) -> str:
    """The matching form of a token: lowercase, curly apostrophe straight, a number as ``<num>``."""
    if tok[:1].isdigit() and any(c.isdigit() for c in tok):
        return "<num>"
    return tok.lower().replace("’", "'")


def detok(tokens: list[str] | tuple[str, ...]) -> str:
    out = ""
    for t in tokens:
        if out and t not in NO_SPACE_BEFORE and out[-1] not in NO_SPACE_AFTER:
            out += " "
        out += t
    return out


@dataclass(frozen=True)
class LearnedRule:
    id: str
    left: tuple[str, ...]
    mt: tuple[str, ...]
    right: tuple[str, ...]
    fix: tuple[str, ...]        # surface tokens of the replacement
    confidence: float = 0.8

    @property
    def lhs(self) -> tuple[str, ...]:
        return self.left + self.mt + self.right

    def describe(self) -> str:
        ctx = lambda t: detok(t) + " " if t else ""
        rctx = lambda t: " " + detok(t) if t else ""
        return f"{ctx(self.left)}[{detok(self.mt)}]{rctx(self.right)} → {ctx(self.left)}[{detok(self.fix)}]{rctx(self.right)}"


def _words(s: str) -> tuple[str, ...]:
    out: list[str] = []
    for k, piece in enumerate(re.split(r"(<num>)", s or "")):
        out.extend(["<num>"] if k % 2 else [t for _, _, t in tokenize(piece)])
    return tuple(out)


def rule_from_entry(e: dict) -> LearnedRule:
    return LearnedRule(
        id=str(e["id"]),
        left=tuple(norm(t) for t in _words(e.get("left", ""))),
        mt=tuple(norm(t) for t in _words(e.get("mt", ""))),
        right=tuple(norm(t) for t in _words(e.get("right", ""))),
        fix=_words(e.get("fix", "")),
        confidence=float(e.get("confidence", 0.8)),
    )


class Matcher:
    """All rules indexed by their matching token sequence (``left + mt + right``)."""

    def __init__(self, rules):
        self.rules = list(rules)
        self.by_lhs: dict[tuple[str, ...], list[LearnedRule]] = {}
        for r in self.rules:
            if r.lhs:
                self.by_lhs.setdefault(r.lhs, []).append(r)
        self.lengths = sorted({len(k) for k in self.by_lhs}, reverse=True)  # longest (most specific) first

    def matches(self, normed: list[str]):
        """(token index of the start of lhs, rule) for every rule that matches the normalised tokens."""
        n = len(normed)
        get = self.by_lhs.get
        for i in range(n):
            for k in self.lengths:
                if i + k <= n:
                    rs = get(tuple(normed[i:i + k]))
                    if rs:
                        for r in rs:
                            yield i, r


class PackedMatcher(Matcher):
    """A :class:`Matcher` read from its packed form (:func:`_pack`), as the parsed-data cache keeps it: an index of
    each rule's matching sequence (joined by spaces: tokens hold none) to its rules' places, the lengths of the
    sequences each first token starts, and each rule as one string, made a :class:`LearnedRule` when it matches (a
    process that builds 7,000 rules to match a dozen pays more for the rules than for the text).  ``rules`` and
    ``by_lhs`` are made when asked; :meth:`matches` yields what :class:`Matcher`'s would, in the same order."""

    def __init__(self, packed):
        self._index, self._firsts, self._recs = packed
        self._made: dict[int, LearnedRule] = {}

    def _rule(self, j: int) -> LearnedRule:
        r = self._made.get(j)
        if r is None:
            rid, left, mt, right, fix, conf = self._recs[j].split("\t")
            r = self._made[j] = LearnedRule(rid, _unjoin(left), _unjoin(mt), _unjoin(right), _unjoin(fix), float(conf))
        return r

    @property
    def rules(self) -> "_Rules":
        return _Rules(self)

    @property
    def by_lhs(self) -> dict[tuple[str, ...], list[LearnedRule]]:
        return {tuple(k.split(" ")): [self._rule(j) for j in ((v,) if isinstance(v, int) else v)]
                for k, v in self._index.items()}

    @property
    def lengths(self) -> list[int]:
        return sorted({k.count(" ") + 1 for k in self._index}, reverse=True)

    def matches(self, normed: list[str]):
        n = len(normed)
        get, firsts = self._index.get, self._firsts
        for i in range(n):
            ks = firsts.get(normed[i])
            if ks is None:
                continue
            for k in ks:
                if i + k <= n:
                    v = get(" ".join(normed[i:i + k]))
                    if v is not None:
                        for j in ((v,) if isinstance(v, int) else v):
                            yield i, self._rule(j)


class _Rules:
    """A packed matcher's rules as a sequence, each made when it is read (``not m.rules`` makes none)."""

    def __init__(self, m: PackedMatcher):
        self._m = m

    def __len__(self) -> int:
        return len(self._m._recs)

    def __getitem__(self, j):
        if isinstance(j, slice):
            return [self._m._rule(i) for i in range(len(self))[j]]
        if j < 0:
            j += len(self)
        if not 0 <= j < len(self):
            raise IndexError(j)
        return self._m._rule(j)

    def __iter__(self):
        return (self._m._rule(j) for j in range(len(self)))


def _unjoin(s: str) -> tuple[str, ...]:
    return tuple(s.split(" ")) if s else ()


def _pack(rules: list[LearnedRule]):
    """The packed form of a :class:`Matcher` of ``rules`` (:class:`PackedMatcher`), or None where a token holds a
    space or a tab (none does: tokens are runs without spaces)."""
    index: dict[str, list[int]] = {}
    recs = []
    for j, r in enumerate(rules):
        parts = (r.id, *(" ".join(t) for t in (r.left, r.mt, r.right, r.fix)), repr(float(r.confidence)))
        toks = (*r.left, *r.mt, *r.right, *r.fix)
        if "\t" in r.id or any(not t or " " in t or "\t" in t for t in toks):
            return None
        recs.append("\t".join(parts))
        if r.lhs:
            index.setdefault(" ".join(r.lhs), []).append(j)
    firsts: dict[str, set[int]] = {}
    for k in index:
        toks = k.split(" ")
        firsts.setdefault(toks[0], set()).add(len(toks))
    return ({k: v[0] if len(v) == 1 else tuple(v) for k, v in index.items()},
            {t: tuple(sorted(ks, reverse=True)) for t, ks in firsts.items()}, recs)


def _case_like(fix: tuple[str, ...], first_old: str | None) -> list[str]:
    out = list(fix)
    if out and first_old and first_old[:1].isupper() and out[0][:1].islower():
        out[0] = out[0][:1].upper() + out[0][1:]
    return out


def _opens_sentence(toks: list[tuple[int, int, str]], a: int) -> bool:
    """Token ``a`` opens the text, a sentence or a quotation."""
    return a == 0 or toks[a - 1][2] in ".!?:\"“«"


def edit_for(text: str, toks: list[tuple[int, int, str]], i: int, r: LearnedRule) -> tuple[int, int, str]:
    """The character edit (start, end, replacement) that applies rule `r` matched at token `i`."""
    a = i + len(r.left)
    b = a + len(r.mt)
    if r.mt:
        s, e = toks[a][0], toks[b - 1][1]
        first = toks[a][2]
        if r.fix:
            # the rewritten phrase starts a sentence or stands in a title-case run: keep its capital (not
            # after a lowercase word: "in Occident" is a name there, and "the West" keeps the fix's own case)
            starts = _opens_sentence(toks, a) or toks[a - 1][2][:1].isupper()
            return s, e, detok(_case_like(r.fix, first) if starts else list(r.fix))
        # a deletion takes one space with it, never the only space between two words
        before = s > 0 and text[s - 1] == " "
        after = e < len(text) and text[e] == " "
        starts = _opens_sentence(toks, a)
        if first[:1].isupper() and starts and b < len(toks) and toks[b][2][:1].islower():
            nxt = toks[b]  # the next word now starts the sentence
            return s, nxt[1], nxt[2][:1].upper() + nxt[2][1:]
        if before and after:
            return s, e + 1, ""
        if before and not after:
            return s - 1, e, ""
        return s, e, ""
    # insertion between left and right
    if r.left:
        pos = toks[a - 1][1]
        sep = "" if r.fix[0] in NO_SPACE_BEFORE else " "
        return pos, pos, sep + detok(r.fix)
    pos = toks[a][0]
    starts = _opens_sentence(toks, a)
    return pos, pos, detok(_case_like(r.fix, toks[a][2]) if starts else r.fix) + " "


def _name_like(toks, i: int, r: LearnedRule) -> bool:
    """The rule's MT side stands in the text as a name or a shouted word, not as the phrase the rule was learned
    from: a token of it in capitals ("LEAL", an acronym or a headline), or capitalised inside a sentence where the
    fix is all lowercase and the words round it are not title case too ("Mr Leal said" is a surname, not the word
    the rule rewrites)."""
    a = i + len(r.left)
    lower_fix = bool(r.fix) and not any(t[:1].isupper() for t in r.fix)
    for j in range(a, a + len(r.mt)):
        t = toks[j][2]
        if len(t) > 1 and t.isupper() and t.isalpha():
            return True
        if lower_fix and t[:1].isupper() and j > 0 and toks[j - 1][2] not in ".!?:\"“«(—-":
            # a capital inside a title-case run ("Five Years Of Prison") is a headline's, not a name's
            nxt = toks[j + 1][2] if j + 1 < len(toks) else ""
            if not (toks[j - 1][2][:1].isupper() and nxt[:1].isupper()):
                return True
    return False


_TOKENS: dict[str, tuple] = {}


def _tokens_of(text: str) -> tuple[list, list]:
    """The tokens of ``text`` and their matching forms, kept for the last few hundred texts (the
    detector matches each paragraph against the strict rules, then against the gated ones; the
    lists are only read)."""
    got = _TOKENS.get(text)
    if got is None:
        toks = tokenize(text)
        if len(_TOKENS) >= 512:
            _TOKENS.clear()
        got = _TOKENS[text] = (toks, [norm(t) for _, _, t in toks])
    return got


def apply_rules(text: str, matcher: Matcher, only=None) -> tuple[str, list[tuple[int, int, str, LearnedRule]]]:
    """Apply non-overlapping matches left to right (the longest rule at each place wins); returns the new text
    and the edits.  `only`: apply just this rule."""
    toks, normed = _tokens_of(text)
    edits = []
    last_end = -1
    for i, r in matcher.matches(normed):
        if only is not None and r is not only:
            continue
        if i <= last_end:
            continue
        if _name_like(toks, i, r):
            continue
        s, e, rep = edit_for(text, toks, i, r)
        edits.append((s, e, rep, r))
        last_end = i + len(r.lhs) - 1
    out = text
    for s, e, rep, _ in sorted(edits, key=lambda x: -x[0]):
        out = out[:s] + rep + out[e:]
    return out, edits


def learned_dir() -> str:
    from .rules import builtin_dir

    return os.path.join(builtin_dir(), "learned")


#: the tiers of learned rules: ``strict`` rules apply anywhere; ``gated`` rules (a looser selection, a file with
#: ``tier: gated``) apply only in text that plainly reads as MT (the gate of rule ES-L002, repair/detectors/learned.py)
TIERS = ("strict", "gated")


@lru_cache(maxsize=None)
def load_learned(lang: str = "es", folder: str | None = None, tier: str = "strict") -> Matcher:
    """The learned rules of `tier` for source language `lang` from every ``rules/learned/*.yaml`` whose ``lang``
    matches (a file without ``tier`` is strict)."""
    d = folder or learned_dir()
    if not os.path.isdir(d):
        return Matcher([])
    names = [n for n in sorted(os.listdir(d)) if n.endswith((".yaml", ".yml"))]
    # (the parsed-data cache keeps the packed matcher, keyed by every file's name and bytes and by this module's
    # text: building it from the rules costs a cold start more than the rest of the learned detector)
    from .datacache import cached

    key = [f"{lang}|{tier}|".encode()]
    for name in (*names, None):
        path = __file__ if name is None else os.path.join(d, name)
        with open(path, "rb") as f:
            key += [str(name).encode(), b"\0", f.read(), b"\0"]

    def build():
        rules = []
        for name in names:
            rules.extend(_rules_of(os.path.join(d, name), lang, tier))
        return _pack(rules) or rules

    got = cached("learned-matcher-v1", b"".join(key), build)
    return PackedMatcher(got) if isinstance(got, tuple) else Matcher(got)   # (a list: rules marshal cannot keep)


def _rules_of(path: str, lang: str, tier: str = "strict") -> list[LearnedRule]:
    """The rules of one file for ``lang``, built once per file text (``repair.datacache`` keeps
    their fields: tokenising 600 entries costs more than reading them back)."""
    from .datacache import cached
    from .langdata import load_yaml

    with open(path, encoding="utf-8") as f:
        text = f.read()

    def build():
        data = load_yaml(path, text) or {}
        if lang not in (data.get("lang") or ()) or str(data.get("tier") or "strict") != tier:
            return []
        return [(r.id, r.left, r.mt, r.right, r.fix, r.confidence)
                for r in (rule_from_entry(e) for e in data.get("rules") or ())]

    return [LearnedRule(*fields) for fields in cached(f"learned-rules:{lang}:{tier}", text, build)]


@lru_cache(maxsize=None)
def load_lexicon(lang: str = "es", folder: str | None = None) -> dict[str, str]:
    """Source-language word → English word, from every ``rules/learned/*.yaml`` with ``tier: lexicon`` for `lang`
    (``repair/mine_lexicon.py``: the words rule-based MT leaves untranslated, with the references' word)."""
    out: dict[str, str] = {}
    for data in _tier_files("lexicon", lang, folder):
        for e in data.get("entries") or ():
            out.setdefault(str(e.get("src", e.get("es"))).lower(), str(e["en"]))   # (src: a parallel-text lexicon)
    return out


def _tier_files(tier: str, lang: str, folder: str | None):
    """The parsed ``rules/learned/*.yaml`` files (or those of ``folder``) of ``tier`` for source
    language ``lang``, in name order (a file is parsed only where its head names the tier)."""
    from .langdata import load_yaml

    d = folder or learned_dir()
    if not os.path.isdir(d):
        return
    for name in sorted(os.listdir(d)):
        if not name.endswith((".yaml", ".yml")):
            continue
        path = os.path.join(d, name)
        with open(path, encoding="utf-8") as f:
            text = f.read(4000)  # (the head names the tier: the other tiers' megabytes are not read)
            if f"tier: {tier}" not in text:
                continue
            text += f.read()
        data = load_yaml(path, text) or {}
        if lang in (data.get("lang") or ()) and data.get("tier") == tier:
            yield data


def is_cap(t: str) -> bool:
    """A capitalised word token (a name's token)."""
    return t[:1].isupper() and t[:1].isalpha()


def ends_phrase(next_tok: str | None, min_next_zipf: float) -> bool:
    """The token after a name ends the name's phrase: none, punctuation (not a hyphen or a slash, which join the
    name to more), or a very frequent lowercase word other than 'of' ('is', 'and', 'said'; never the noun a name
    modifies, 'the UBS chairman', nor 'the Brazil of today')."""
    from .lexicon import wordfreq_zipf as zipf_frequency  # (wordfreq's value, without importing it)

    if next_tok is None:
        return True
    t = next_tok
    if not t[:1].isalnum():
        return t in ".,;:!?)"  # not a hyphen, slash, bracket or quote that joins the name to more
    if t in ("of", "and", "or") or not t.islower():
        return False  # 'the Brazil of today'; 'the Portugal and Juventus forward': modifiers coordinated
    return zipf_frequency(t, "en") >= min_next_zipf


@lru_cache(maxsize=None)
def load_article_names(lang: str = "es", folder: str | None = None) -> frozenset[str]:
    """Names English writes without 'the' where they end a phrase (``rules/learned/article-names-en.yaml``, files
    with ``tier: article-names``; ``repair/mine_articles.py``), lowercased, for source language `lang`."""
    out: set[str] = set()
    for data in _tier_files("article-names", lang, folder):
        out.update(str(e["name"]).lower() for e in data.get("entries") or ())
    return frozenset(out)
