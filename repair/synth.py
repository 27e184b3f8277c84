"""Synthetic damaged dev set: clean news English damaged the way real MT and content-farm pages damage it.

README
------
``python -m repair.synth --seed 1 --n 40 [--src ../shared/corpora/newstest2012/newstest2012.en] [--out DIR]``

Reads the clean English side of newstest2012 at run time (lines 1-1500 only, the project's dev split; the text
is never copied into the project), cuts it into "articles" (a headline, then 10-20 consecutive sentences in
paragraphs of one to three), damages each in 4-8 places and writes ``NAME.txt`` + ``NAME.gold.yaml`` pairs (the
gold format of ``../shared/corpora/README.md``, with a ``shape`` per fragment) to ``--out``; score them with
``mt-repair eval DIR``.  Deterministic for a given ``--seed`` and source file.

Where the damage comes from
---------------------------
Not from the repair rules: from ``corpora/synth-patterns.yaml``, the table of edit patterns OBSERVED in real MT
(``python -m repair.synth_patterns`` rebuilds it: Apertium spa-eng output of newstest2012 dev aligned with its
reference, MLQE-PE neural MT against its post-edits, and a tally of studied content-farm pages).

* Which kind and shape: drawn with the table's weights.  Half of all damage (``phrase_share``, issue 9's figure
  for real copy) is phrase-level, split between shapes by how often each was observed in the MT sources; the
  other half is page-level (glue, boilerplate, quotes, names, punctuation), split by the page tally.
* What text: phrase-level shapes apply an observed pair (``ref`` → ``mt``: a preposition, a word, a source word
  left over, a deleted article or subject pronoun, an article before a weekday, date or name, a swapped word
  order) where its reference side occurs in the clean text, and only where the result is not English beside
  its neighbours (the English bigram counts, the same test the table was filtered with).
* Gold: the span is the damaged text, its ``accept`` the clean text (restoring every fragment gives the clean
  article back), ``kind`` one of the gold kinds, ``shape`` the table's shape, ``level`` ``must`` but for a
  lexical calque whose MT word is itself common English beside its neighbour (``should``: clumsy, readable).

Each gold span occurs exactly once in the damaged text: it is widened by whole tokens (within its paragraph, at
least one word on each side when there is one) until it is unique and its accepted text does not already occur
in the damaged article.  Fragments never overlap or touch: between two spans there is always an undamaged word.
"""

from __future__ import annotations

import argparse
import bisect
import functools
import os
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from .model import Fragment  # noqa: F401  (one Fragment class, shared with eval)

from . import langdata

TOKEN_RE = re.compile(r"\w+|[^\w\s]")
WORD_RE = re.compile(r"\w")

DEFAULT_SRC = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "newstest2012" / "newstest2012.en"
DEFAULT_OUT = Path(os.environ.get("TMPDIR", "/tmp")) / "mt-repair-synth"
PATTERNS = Path(__file__).resolve().parents[1] / "corpora" / "synth-patterns.yaml"
DEV_LINES = 1500  # newstest2012 lines 1..1500 are dev; 1501-3003 is the test split no generator may read

# English word classes and page furniture: data under rules/lang/en/ (synth.yaml, synth-boilerplate.yaml)
WEEKDAYS = langdata.wordlist("en", "synth", "weekdays")
MONTHS = langdata.wordlist("en", "synth", "months")
DETERMINERS = langdata.words("en", "synth", "no_article_after")
NOT_NAMES = langdata.words("en", "synth", "not_names") | set(WEEKDAYS) | set(MONTHS)
SUBJECT_AFTER = langdata.words("en", "synth", "subject_after")
AUX = langdata.wordlist("en", "synth", "auxiliaries")
ADVERBS = langdata.wordlist("en", "synth", "order_adverbs")
ADJ_SUFFIX = langdata.wordlist("en", "synth", "adjective_suffixes")
TITLE_WORDS = langdata.words("en", "synth", "title_words")
BOILERPLATE = {k: langdata.wordlist("en", "synth-boilerplate", k)
               for k in ("related-headline", "related-headlines-run-on", "inline-link-line", "caption")}
SITE_NAMES = langdata.wordlist("en", "synth-boilerplate", "site-names")


@dataclass
class Damage:
    """Replace clean[start:end] with ``repl``; the gold span covers repl[lo:hi] (widened later)."""

    start: int
    end: int
    repl: str
    kind: str
    lo: int = 0
    hi: int | None = None
    widen: bool = True
    level: str = "must"
    shape: str = ""

    @property
    def core_hi(self) -> int:
        return len(self.repl) if self.hi is None else self.hi


# --------------------------------------------------------------------------- the observed table

@functools.lru_cache(maxsize=4)
def load_patterns(path: str | Path = PATTERNS) -> dict:
    import yaml

    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    return data


def shape_weights(table: dict) -> dict[str, float]:
    """kind/shape → probability: ``phrase_share`` over the phrase-level shapes (by observed counts), the rest
    over the page-level shapes (by the page tally); shapes this generator cannot produce are left out."""
    phrase = {k: float(v) for k, v in table.get("phrase_weights", {}).items() if k in SHAPES}
    page = {k: float(v) for k, v in table.get("page_weights", {}).items() if k in SHAPES}
    share = float(table.get("phrase_share", 0.5))
    out: dict[str, float] = {}
    for part, w in ((phrase, share), (page, 1.0 - share)):
        total = sum(part.values())
        for k, v in part.items():
            out[k] = out.get(k, 0.0) + w * v / total if total else 0.0
    return out


def _bigram(a: str, b: str) -> int:
    try:
        from .lexicon import bigram

        return bigram(a, b)
    except Exception:  # noqa: BLE001 - no index: no evidence
        return -1


def not_english(left: str, new: str, old: str, right: str, rare: float = 0.01) -> bool:
    """Replacing ``old`` by ``new`` between ``left`` and ``right`` makes a bigram English rarely has."""
    nw, ow = new.split(), old.split()
    checks = []
    if left and left[-1:].isalnum():
        lw = left.split()[-1]
        checks.append((_bigram(lw, nw[0] if nw else right.split()[0] if right else ""),
                       _bigram(lw, ow[0] if ow else right.split()[0] if right else "")))
    if right and right[:1].isalnum():
        rw = right.split()[0]
        checks.append((_bigram(nw[-1] if nw else left.split()[-1] if left else "", rw),
                       _bigram(ow[-1] if ow else left.split()[-1] if left else "", rw)))
    if not checks or any(m < 0 or r < 0 for m, r in checks):
        return False
    return any(r > 0 and m < rare * r for m, r in checks)


def _around(s: str, a: int, b: int) -> tuple[str, str]:
    lm = re.search(r"(\S+)\s*$", s[:a])
    rm = re.match(r"\s*(\S+)", s[b:])
    strip = lambda w: re.sub(r"^\W+|\W+$", "", w)  # noqa: E731
    return (strip(lm.group(1)) if lm else ""), (strip(rm.group(1)) if rm else "")


def _real_word(w: str) -> bool:
    """Gluing must not make a real word ("any one" → "anyone", "track" + "s")."""
    try:
        from .lexicon import zipf

        return zipf(w) >= 1.0
    except Exception:  # wordfreq missing: be conservative with short results only
        return len(w) < 6


def _pick(rng, items):
    return rng.choice(items) if items else None


def _mid(s: str, i: int) -> bool:
    """Position i is mid-sentence: preceded by a lowercase letter/digit/comma and a space."""
    return i >= 2 and s[i - 1] == " " and (s[i - 2].islower() or s[i - 2].isdigit() or s[i - 2] in ",")


# --------------------------------------------------------------------------- phrase-level shapes
# Each takes (text of one paragraph, rng, ctx) and returns (start, end, replacement[, level]) local to it.

def _pairs(ctx, shape):
    return ctx["table"].get("patterns", {}).get(shape, [])


def dmg_pair(shape):
    """An observed pair ref → mt applied where ref occurs and the result is not English beside its neighbours."""

    def f(s, rng, ctx):
        pats = _pairs(ctx, shape)
        if not pats:
            return None
        weights = [p["n"] for p in pats]
        for _ in range(12):
            p = rng.choices(pats, weights)[0]
            ref, mt = str(p["ref"]), str(p["mt"])
            if not ref or not mt or mt.lower() == ref.lower():
                continue
            ms = [m for m in re.finditer(r"(?<![\w-])%s(?![\w-])" % re.escape(ref), s, re.I)]
            rng.shuffle(ms)
            for m in ms:
                left, right = _around(s, m.start(), m.end())
                new = mt
                if m.group()[:1].isupper() and m.start() == 0:
                    new = mt[:1].upper() + mt[1:]
                elif m.group()[:1].islower():
                    new = mt[:1].lower() + mt[1:] if mt[:1].isupper() and not mt[1:2].isupper() else mt
                if shape == "source-word" or not_english(left, new, m.group(), right):
                    level = "must"
                    if shape == "lexical" and _bigram(left, new.split()[0]) > 0 and _bigram(new.split()[-1], right) > 0:
                        level = "should"
                    return (m.start(), m.end(), new, level)
        return None

    return f


def dmg_missing_article(s, rng, ctx):
    ms = [m for m in re.finditer(r"\b([a-z]+) (the|a|an) ([a-z]{3,})\b", s) if m.group(1) not in DETERMINERS]
    rng.shuffle(ms)
    for m in ms:
        if not_english(m.group(1), "", m.group(2), m.group(3)):
            return (m.start(), m.end(), f"{m.group(1)} {m.group(3)}")
    return None


def dmg_dropped_subject(s, rng, ctx):
    ms = [m for m in re.finditer(r"(\b(?:%s)|,) (he|she|it|they|we) (%s|[a-z]{3,}(?:ed|s))\b"
                                 % ("|".join(sorted(SUBJECT_AFTER)), "|".join(AUX)), s)]
    m = _pick(rng, ms)
    if not m:
        return None
    return (m.start(), m.end(), f"{m.group(1)} {m.group(3)}")


def dmg_article_weekday(s, rng, ctx):
    ms = list(re.finditer(r"\b([Oo]n )?(%s)\b" % "|".join(WEEKDAYS), s))
    ms = [m for m in ms if m.group(1) or _mid(s, m.start())]
    m = _pick(rng, ms)
    if not m:
        return None
    the = "The" if m.group(1) and m.group(1)[0] == "O" else "the"
    return (m.start(), m.end(), f"{the} {m.group(2)}")


def dmg_article_date(s, rng, ctx):
    mon = "|".join(MONTHS)
    ms = list(re.finditer(r"\b([Oo]n |[Ii]n )?((?:\d{1,2} (?:%s))|(?:(?:%s) \d{1,2}(?:st|nd|rd|th)?\b)|(?:(?:%s) \d{4}))"
                          % (mon, mon, mon), s))
    m = _pick(rng, ms)
    if not m:
        return None
    pre = m.group(1) or ""
    if pre.lower().startswith("in"):
        return (m.start(), m.end(), f"{pre}the {m.group(2)}")
    the = "The" if pre[:1] == "O" else "the"
    return (m.start(), m.end(), f"{the} {m.group(2)}")


def dmg_article_name(s, rng, ctx):
    names = ctx["names"] | ctx["countries"]
    ms = [m for m in re.finditer(r"\b[A-Z][a-z]{2,}\b", s)
          if m.group() in names and m.group() not in NOT_NAMES and _mid(s, m.start())
          and s[:m.start()].split()[-1].lower() not in TITLE_WORDS
          and s[:m.start()].split()[-1][:1].islower() and not re.match(r" [A-Za-z]*[a-z]{3,}(?<!s) ", s[m.end():])]
    m = _pick(rng, ms)
    return m and (m.start(), m.end(), "the " + m.group())


def dmg_word_order(s, rng, ctx):
    opts = []
    for m in re.finditer(r"\b(%s) (%s)\b" % ("|".join(AUX), "|".join(ADVERBS)), s):
        opts.append((m.start(), m.end(), f"{m.group(2)} {m.group(1)}"))
    for m in re.finditer(r"\b(the|a|an|its|their|his|her) ([a-z]{4,}) ([a-z]{4,})\b", s):
        if m.group(2).endswith(ADJ_SUFFIX) and not m.group(3).endswith(ADJ_SUFFIX + ("ly",)):
            det = m.group(1)
            if det in ("a", "an"):
                det = "an" if m.group(3)[0] in "aeiou" else "a"
            opts.append((m.start(), m.end(), f"{det} {m.group(3)} {m.group(2)}"))
    return _pick(rng, opts)


# --------------------------------------------------------------------------- page-level shapes

def dmg_link_glue(s, rng, ctx):
    opts = []
    # "Ramírez, who" → "Ramírezwho" (a link around the name, the comma lost with it)
    for m in re.finditer(r"\b([A-Z][\w’']+), (who|which|whose|where)\b", s):
        opts.append((m.start(), m.end(), m.group(1) + m.group(2)))
    # "reported on" → "reportedon": a link or italics ends on a word
    for m in re.finditer(r"\b([a-z]{3,}) (that|on|in|the|of|to|and|for|with|from|by)\b", s):
        if not _real_word(m.group(1) + m.group(2)):
            opts.append((m.start(), m.end(), m.group(1) + m.group(2)))
    # "Petrobras. The" → "PetrobrasThe": a link at the end of a sentence, the full stop lost
    for m in re.finditer(r"\b([A-Za-z][\w’']{2,})\. ([A-Z][a-z]+)\b", s):
        if not _real_word(m.group(1) + m.group(2).lower()):
            opts.append((m.start(), m.end(), m.group(1) + m.group(2)))
    return _pick(rng, opts)


def _strip_accent_letter(w: str) -> str:
    return "".join(c for c in w if ord(c) < 128)


def dmg_accent_stripped(s, rng, ctx):
    ms = [m for m in re.finditer(r"\b\w*[^\W\d_a-zA-Z]\w*\b", s) if m.group()[:1].isupper()]
    ms = [m for m in ms if len(_strip_accent_letter(m.group())) >= 2]
    m = _pick(rng, ms)
    return m and (m.start(), m.end(), _strip_accent_letter(m.group()))


def dmg_stray_period(s, rng, ctx):
    ms = [m for m in re.finditer(r"\b(\w{3,}) ([a-z]{2,})\b", s) if m.start() > 0]
    m = _pick(rng, ms)
    return m and (m.start(), m.end(), m.group(1) + ". " + m.group(2))


def dmg_space_before_punct(s, rng, ctx):
    ms = list(re.finditer(r"(\w)([,:;.])(?=\s|$)", s))
    m = _pick(rng, ms)
    return m and (m.start(), m.end(), m.group(1) + " " + m.group(2))


def dmg_double_period(s, rng, ctx):
    ms = list(re.finditer(r"(\w)\.(?=\s|$)", s))
    m = _pick(rng, ms)
    return m and (m.start(), m.end(), m.group(1) + "..")


def dmg_quote(shape):
    def f(s, rng, ctx):
        pairs = list(re.finditer(r"“([^“”]+)”", s))
        m = _pick(rng, pairs)
        if not m:
            return None
        q0, q1 = m.start(), m.end() - 1
        after = re.match(r" (\w+)", s[q1 + 1:])
        if shape == "quote-glued":
            if after:  # “x” said → “x”said / “x“said
                close = "“" if rng.random() < 0.5 else "”"
                return (q1, q1 + 2 + len(after.group(1)), close + after.group(1))
            if q0 >= 1 and s[q0 - 1] == " ":  # said “x → said”x
                return (q0 - 1, q0 + 1, "”")
            return None
        # unbalanced: closing of the wrong orientation, or « … ” mixed
        if rng.random() < 0.5:
            return (q1, q1 + 1, "“")
        return (q0, q0 + 1, "«")
    return f


SHAPES = {
    "calque/lexical": ("calque", dmg_pair("lexical")),
    "calque/preposition": ("calque", dmg_pair("preposition")),
    "calque/literal": ("calque", dmg_pair("literal")),
    "calque/missing-article": ("calque", dmg_missing_article),
    "calque/article-name": ("calque", dmg_article_name),
    "calque/article-weekday": ("calque", dmg_article_weekday),
    "calque/article-date": ("calque", dmg_article_date),
    "grammar/dropped-subject": ("grammar", dmg_dropped_subject),
    "grammar/word-order": ("grammar", dmg_word_order),
    "residue/source-word": ("residue", dmg_pair("source-word")),
    "glue/link-glue": ("glue", dmg_link_glue),
    "name/accent-stripped": ("name", dmg_accent_stripped),
    "punct/stray-period": ("punct", dmg_stray_period),
    "punct/space-before-punct": ("punct", dmg_space_before_punct),
    "punct/double-period": ("punct", dmg_double_period),
    "quote/unbalanced": ("quote", dmg_quote("unbalanced")),
    "quote/quote-glued": ("quote", dmg_quote("quote-glued")),
    "boilerplate/related-headline": ("boilerplate", None),
    "boilerplate/related-headlines-run-on": ("boilerplate", None),
    "boilerplate/inline-link-line": ("boilerplate", None),
    "boilerplate/caption": ("boilerplate", None),
    "boilerplate/site-name-in-title": ("boilerplate", None),
}
KINDS = tuple(sorted({kind for kind, _ in SHAPES.values()}))


# --------------------------------------------------------------------------- sentences

def curly_quotes(s: str) -> str:
    """Straight double quotes → curly, when they pair up; else the sentence is left as it is."""
    if '"' not in s or s.count('"') % 2:
        return s
    out = []
    for i, ch in enumerate(s):
        if ch == '"':
            prev = s[i - 1] if i else " "
            out.append("“" if (prev.isspace() or prev in "([—-") else "”")
        else:
            out.append(ch)
    q = [c for c in out if c in "“”"]
    if q != ["“", "”"] * (len(q) // 2):
        return s
    return "".join(out)


def read_sentences(src: str | Path, limit: int | None = DEV_LINES) -> list[str]:
    with open(src, encoding="utf-8") as f:
        lines = [ln.strip() for ln in f.read().splitlines()]
    return lines[:limit] if limit else lines


# --------------------------------------------------------------------------- assembling an article

def apply(clean: str, damages: list[Damage]) -> tuple[str, list[tuple[int, int]]]:
    """The damaged text and, per damage (in the given order), its core region in it."""
    order = sorted(range(len(damages)), key=lambda k: damages[k].start)
    out, pos, shift = [], 0, 0
    regions: list[tuple[int, int]] = [(0, 0)] * len(damages)
    for k in order:
        d = damages[k]
        out.append(clean[pos:d.start])
        base = d.start + shift
        regions[k] = (base + d.lo, base + d.core_hi)
        out.append(d.repl)
        shift += len(d.repl) - (d.end - d.start)
        pos = d.end
    out.append(clean[pos:])
    return "".join(out), regions


def _unique(text: str, s: str) -> bool:
    i = text.find(s)
    return i >= 0 and text.find(s, i + 1) < 0


def _para_bounds(text: str, pos: int) -> tuple[int, int]:
    lo = text.rfind("\n", 0, pos) + 1
    hi = text.find("\n", pos)
    return lo, (len(text) if hi < 0 else hi)


def widen(damaged: str, clean: str, d: Damage, region: tuple[int, int], shift_at: int) -> Fragment | None:
    """Grow the core region by whole tokens until the span is unique and its accept is new.
    ``shift_at``: damaged offset minus clean offset just before this damage."""
    s, e = region
    if not d.widen:
        span = damaged[s:e]
        return Fragment(span, [""], d.kind, level=d.level, start=s, end=e, shape=d.shape) if _unique(damaged, span) else None
    plo, phi = _para_bounds(damaged, s)
    toks = [(m.start() + plo, m.end() + plo) for m in TOKEN_RE.finditer(damaged[plo:phi])]
    starts = [t[0] for t in toks]
    ends = [t[1] for t in toks]
    # the damaged region in damaged coordinates is [d_s, d_e); its clean twin is [d.start, d.end)
    d_s = d.start + shift_at
    d_e = d_s + len(d.repl)

    def clean_of(lo: int, hi: int) -> str:
        return clean[d.start - (d_s - lo):d.end + (hi - d_e)]

    def left(lo):  # start of the last token that ends at or before lo
        i = bisect.bisect_right(ends, lo) - 1
        return toks[i][0] if i >= 0 else None

    def right(hi):  # end of the first token that starts at or after hi
        i = bisect.bisect_left(starts, hi)
        return toks[i][1] if i < len(toks) else None

    lo, hi = s, e
    # at least one word of context on each side (when the paragraph has one)
    while (r := right(hi)) is not None:
        word = WORD_RE.search(damaged[hi:r])
        hi = r
        if word:
            break
    while (nl := left(lo)) is not None:
        word = WORD_RE.search(damaged[nl:lo])
        lo = nl
        if word:
            break
    turn = 0
    while True:
        span, acc = damaged[lo:hi], clean_of(lo, hi)
        if span != acc and _unique(damaged, span) and acc not in damaged:
            return Fragment(span, [acc], d.kind, level=d.level, start=lo, end=hi, shape=d.shape)
        r, l_ = right(hi), left(lo)
        if r is None and l_ is None:
            return None
        if (turn % 2 == 0 and r is not None) or l_ is None:
            hi = r
        else:
            lo = l_
        turn += 1


def fragments_for(clean: str, damages: list[Damage]) -> tuple[str, list[Fragment]] | None:
    damaged, regions = apply(clean, damages)
    frags = []
    for k, d in enumerate(damages):
        shift = sum(len(o.repl) - (o.end - o.start) for o in damages if o.start < d.start)
        f = widen(damaged, clean, d, regions[k], shift)
        if f is None:
            return None
        frags.append(f)
    # no overlap, no touching: an undamaged word between any two spans
    ordered = sorted(frags, key=lambda f: f.start)
    for a, b in zip(ordered, ordered[1:]):
        if b.start < a.end or not WORD_RE.search(damaged[a.end:b.start]):
            return None
    return damaged, frags


def headline(rng: random.Random, pool: list[str]) -> str:
    for _ in range(20):
        words = re.sub(r"[\"“”()\[\]]", "", rng.choice(pool)).rstrip(".!?").split()
        if len(words) >= 5:
            words = words[: rng.randint(5, min(10, len(words)))]
            return " ".join(w[:1].upper() + w[1:] for w in words).rstrip(",;:")
    return "Officials Say Talks Will Continue Next Week"


@functools.lru_cache(maxsize=1)
def countries() -> frozenset:
    import yaml

    p = Path(__file__).resolve().parents[1] / "rules" / "gazetteer.yaml"
    try:
        names = yaml.safe_load(p.read_text(encoding="utf-8")).get("names", {})
        return frozenset(str(names.get("countries", "")).split())
    except (OSError, AttributeError):
        return frozenset()


def _boilerplate_line(shape: str, rng: random.Random, pool: list[str]) -> str:
    tmpl = rng.choice(BOILERPLATE[shape])
    return tmpl.format(h=headline(rng, pool), h2=headline(rng, pool))


def make_article(sentences: list[str], rng: random.Random, pool: list[str] | None = None,
                 n_damage: int | None = None, table: dict | None = None) -> tuple[str, str, list[Fragment]]:
    """Damage one article (a headline, then the sentences in paragraphs of one to three).
    Returns (clean text, damaged text, fragments)."""
    table = load_patterns() if table is None else table
    weights = shape_weights(table)
    shapes, ws = list(weights), [weights[k] for k in weights]
    sents = [curly_quotes(s) for s in sentences if s.strip()]
    pool = pool or sents
    paras, i = [headline(rng, pool)], 0
    while i < len(sents):
        k = rng.choice((1, 2, 2, 3))
        paras.append(" ".join(sents[i:i + k]))
        i += k
    clean = "\n\n".join(paras) + "\n"
    starts, pos = [], 0
    for p in paras:
        starts.append(pos)
        pos += len(p) + 2
    words = re.findall(r"\b[A-Z][a-z]{2,}\b", clean)
    names = {w for w in set(words) if words.count(w) >= 2 and w not in NOT_NAMES}
    ctx = {"names": names, "countries": countries(), "table": table}
    target = n_damage if n_damage is not None else rng.randint(4, 8)
    damages: list[Damage] = []
    result = (clean, [])
    used_lines = 0
    for _ in range(target * 30):
        if len(damages) >= target:
            break
        shape = rng.choices(shapes, ws)[0]
        kind, fn = SHAPES[shape]
        sub = shape.split("/", 1)[1]
        if kind == "boilerplate":
            if sub == "site-name-in-title":
                at = len(paras[0])
                d = Damage(at, at, rng.choice((" - ", " | ")) + rng.choice(SITE_NAMES), kind, shape=sub)
                if any(o.shape == sub for o in damages):
                    continue
            else:
                if len(paras) < 4 or used_lines >= 2:
                    continue
                j = rng.randrange(1, len(paras) - 1)
                at = starts[j] + len(paras[j])
                d = Damage(at, at, "\n\n" + _boilerplate_line(sub, rng, pool), kind, lo=2, widen=False, shape=sub)
        else:
            # try the drawn shape in every paragraph before drawing another: a shape whose pattern is rare in
            # clean text must not lose its share to the shapes that apply anywhere
            d = None
            order = list(range(1, len(paras)))
            rng.shuffle(order)
            for j in order:
                got = fn(paras[j], rng, ctx)
                if not got or got[2] == paras[j][got[0]:got[1]]:
                    continue
                a, b, r = got[:3]
                cand = Damage(starts[j] + a, starts[j] + b, r, kind, level=got[3] if len(got) > 3 else "must",
                              shape=sub)
                if any(cand.start <= o.end + 1 and o.start <= cand.end + 1 for o in damages):
                    continue
                d = cand
                break
            if d is None:
                continue
        # regions in the clean text must keep a gap from each other
        if any(d.start <= o.end + 1 and o.start <= d.end + 1 for o in damages):
            continue
        trial = fragments_for(clean, damages + [d])
        if trial is None:
            continue
        damages.append(d)
        if kind == "boilerplate" and d.widen is False:
            used_lines += 1
        result = trial
    damaged, frags = result
    return clean, damaged, sorted(frags, key=lambda f: f.start)


def gold_yaml(name: str, frags: list[Fragment], note: str) -> str:
    import yaml

    body = {
        "article": name,
        "source_language": "es",
        "fragments": [{"span": f.span, "accept": f.accept, "kind": f.kind, "shape": f.shape, "level": f.level}
                      for f in frags],
    }
    return f"# {note}\n" + yaml.safe_dump(body, allow_unicode=True, sort_keys=False, width=1000)


def generate(src: str | Path, out: str | Path, n: int = 40, seed: int = 1,
             min_len: int = 10, max_len: int = 20, patterns: str | Path = PATTERNS) -> list[Path]:
    lines = read_sentences(src)
    if len(lines) < max_len:
        raise SystemExit(f"{src}: too few lines")
    table = load_patterns(str(patterns))
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(f"mt-repair-synth:{seed}")
    pos = rng.randrange(0, 50)
    written = []
    for k in range(1, n + 1):
        length = rng.randint(min_len, max_len)
        if pos + length > len(lines):
            pos = rng.randrange(0, 50)
        chunk = [s for s in lines[pos:pos + length] if s]
        arng = random.Random(f"mt-repair-synth:{seed}:{k}")
        _, damaged, frags = make_article(chunk, arng, pool=lines, table=table)
        name = f"synth-{seed}-{k:03d}"
        (out / f"{name}.txt").write_text(damaged, encoding="utf-8")
        note = (f"generated by repair.synth (seed {seed}) from {Path(src).name} lines {pos + 1}-{pos + length}, "
                f"damage drawn from {Path(patterns).name}; {len(frags)} fragments")
        (out / f"{name}.gold.yaml").write_text(gold_yaml(name, frags, note), encoding="utf-8")
        written.append(out / f"{name}.txt")
        pos += length + rng.randint(0, 30)
    return written


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m repair.synth", description=__doc__.split("\n\n")[0])
    p.add_argument("--src", default=str(DEFAULT_SRC), help="clean English, one sentence a line (newstest2012.en; "
                   f"only lines 1-{DEV_LINES} are read)")
    p.add_argument("--out", default=str(DEFAULT_OUT), help=f"output folder (default {DEFAULT_OUT})")
    p.add_argument("--n", type=int, default=40, help="number of articles")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--patterns", default=str(PATTERNS), help="observed pattern table (python -m repair.synth_patterns)")
    args = p.parse_args(argv)
    for path in (args.src, args.patterns):
        if not os.path.exists(path):
            print(f"repair.synth: error: {path}: no such file", file=sys.stderr)
            return 2
    files = generate(args.src, args.out, args.n, args.seed, patterns=args.patterns)
    nfr = sum(len(__import__("yaml").safe_load(f.with_name(f.name[:-4] + ".gold.yaml").read_text())["fragments"])
              for f in files)
    print(f"wrote {len(files)} articles ({nfr} fragments) to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
