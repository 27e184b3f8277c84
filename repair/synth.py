"""Synthetic damaged dev set: clean news English damaged the way content-farm MT damages it.

README
------
``python -m repair.synth --src ../shared/corpora/newstest2012/newstest2012.en --out /tmp/mt-repair-synth --n 40 --seed 1``

Reads the clean English side of newstest2012 at run time (the text is never copied into the
project), cuts it into "articles" of 10-20 consecutive sentences (one sentence a paragraph, blank
line between), damages each article in 4-8 places and writes ``NAME.txt`` + ``NAME.gold.yaml``
pairs (the gold format of ``../shared/corpora/README.md``) to ``--out``; score them with
``mt-repair eval DIR``.  Deterministic for a given ``--seed`` and source file.

Damage (annotated ``level: must``, but for ``in`` + Name → ``from`` + Name, which still reads as
English and is ``should``; ``accept`` = the clean text of the span):

* glue — two words run together (``reports the`` → ``reportsthe``), a capitalised name glued
  to the next word (``Sherman said`` → ``Shermansaid``), a stray letter prepended or appended
  (``defence`` → ``defencea``), a proper noun lowered and glued (``Spain new`` → ``spainnew``);
* quote — in sentences holding one or more pairs of straight double quotes (made curly on both the
  clean and the damaged side): closing quote of the wrong orientation, closing quote glued to the
  next word, the spaces on the wrong side of both quotes (``a” serious mistake “that``);
* case — a mid-sentence function word or ordinal capitalised (``the First meeting``, ``, Such as``);
* punct — a stray period mid-sentence (``Moscow. that``), a space before a closing quote or comma;
* boilerplate — an inserted line (``ALSO READ: …``, ``Disclaimer: …``, ``[ad_1]``, …); accept ``""``;
* filter — a profanity filter's ``ass`` → ``bad`` inside words (``ambassador`` → ``ambbadador``);
* residue — ``and`` → ``e``/``Y``, ``are`` → ``son`` after a plural, ``NATO`` → ``OTAN`` (and a few
  other acronyms), ``to`` + verb → ``a`` + verb;
* calque — ``to`` + verb → ``from`` + verb, ``of the`` → ``from the``, ``in`` + Name → ``from`` + Name,
  ``insisted that`` → ``insisted in which``;
* name — one occurrence of a name that occurs more than once spelled with an accent (``Lavróv``).

Each gold span occurs exactly once in the damaged text: it is widened by whole tokens (within its
paragraph, at least one word on each side when there is one) until it is unique and its accepted
text does not already occur in the damaged article.  Fragments never overlap or touch: between two
spans there is always at least one undamaged word.
"""

from __future__ import annotations

import argparse
import bisect
import os
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

TOKEN_RE = re.compile(r"\w+|[^\w\s]")
WORD_RE = re.compile(r"\w")

DEFAULT_SRC = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "newstest2012" / "newstest2012.en"
DEFAULT_OUT = Path(os.environ.get("TMPDIR", "/tmp")) / "mt-repair-synth"

FUNCTION_WORDS = ("the", "a", "an", "and", "or", "but", "of", "in", "on", "at", "for", "with", "such",
                  "first", "second", "third", "last", "next", "from", "by", "that", "which", "this", "these",
                  "as", "its", "their", "his", "her", "into", "about", "after", "before")
VERBS = ("be", "make", "take", "get", "go", "see", "pay", "help", "reach", "build", "keep", "find", "give",
         "provide", "reduce", "avoid", "do", "have", "become", "ensure", "allow", "support", "continue",
         "prevent", "create", "protect", "start", "stop", "leave", "buy", "sell", "win", "meet", "use",
         "improve", "increase", "show", "bring", "hold", "open", "close", "change", "work", "pass", "join",
         "accept", "invest", "resume", "explore", "raise", "cut", "face", "offer", "save", "return")
ACRONYMS = {"NATO": "OTAN", "EU": "UE", "UN": "ONU", "UNESCO": "Unesco", "AIDS": "SIDA", "DNA": "ADN",
            "IMF": "FMI", "WHO": "OMS"}
ACCENT = {"a": "á", "e": "é", "i": "í", "o": "ó", "u": "ú"}
NOT_NAMES = {"The", "This", "That", "These", "Those", "There", "They", "When", "What", "While", "But", "And",
             "For", "With", "After", "Before", "According", "However", "Monday", "Tuesday", "Wednesday",
             "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March", "April", "June",
             "July", "August", "September", "October", "November", "December", "Mr", "Mrs", "In", "On", "At"}

BOILERPLATE = (
    "ALSO READ: {h}",
    "Also Read: {h}",
    "READ ALSO: {h}",
    "RELATED: {h}",
    "Read more: {h}",
    "Disclaimer: If you need to update/edit/remove this news or article then please contact our support team",
    "Disclaimer: This story is auto-generated from a syndicated feed and has not been edited by our staff.",
    "Disclaimer: The views expressed in this article do not necessarily reflect those of this website.",
    "Follow us on Facebook and Twitter for the latest news updates",
    "Click here to subscribe to our newsletter",
    "[ad_1]",
    "[ad_2]",
    "Source link",
)
KINDS = ("glue", "quote", "case", "punct", "boilerplate", "filter", "residue", "calque", "name")
WEIGHTS = (4, 4, 2, 2, 1, 1, 3, 3, 1)


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

    @property
    def core_hi(self) -> int:
        return len(self.repl) if self.hi is None else self.hi


@dataclass
class Fragment:
    span: str
    accept: list[str]
    kind: str
    level: str = "must"
    start: int = 0  # in the damaged text
    end: int = 0


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


def read_sentences(src: str | Path) -> list[str]:
    with open(src, encoding="utf-8") as f:
        return [ln.strip() for ln in f.read().splitlines()]


# --------------------------------------------------------------------------- damage functions
# Each takes (sentence, rng, ctx) and returns (start, end, replacement[, lo, hi]) local to the
# sentence, or None.  Regions cover whole tokens.

def _pick(rng, items):
    return rng.choice(items) if items else None


def _mid(s: str, m) -> bool:
    """The match is mid-sentence: preceded by a lowercase letter/digit/comma and a space."""
    return m.start() >= 2 and s[m.start() - 1] == " " and (s[m.start() - 2].islower() or s[m.start() - 2] in ",")


def _real_word(w: str) -> bool:
    """Gluing must not make a real word ("any one" → "anyone", "track" + "s")."""
    try:
        from .lexicon import zipf

        return zipf(w) >= 1.0
    except Exception:  # wordfreq missing: be conservative with short results only
        return len(w) < 6


def dmg_glue(s, rng, ctx):
    sub = rng.choice(("words", "name", "letter", "lowername"))
    if sub in ("words", "name", "lowername"):
        pat = r"\b([a-z]{2,}) ([a-z]{2,})\b" if sub == "words" else r"\b([A-Z][a-z]{2,}) ([a-z]{2,})\b"
        ms = [m for m in re.finditer(pat, s)
              if (sub == "words" or (_mid(s, m) and m.group(1) not in NOT_NAMES))
              and not _real_word(m.group(1) + m.group(2))]
        m = _pick(rng, ms)
        if not m:
            return None
        first = m.group(1).lower() if sub == "lowername" else m.group(1)
        return (m.start(), m.end(), first + m.group(2))
    ms = [m for m in re.finditer(r"\b[A-Za-z][a-z]{3,}\b", s)]
    m = _pick(rng, ms)
    if not m:
        return None
    w = m.group()
    for _ in range(4):
        # prepend a letter that cannot read as an article ("a track"), or append one
        new = rng.choice("ecdt") + w if rng.random() < 0.4 else w + rng.choice("aeost")
        if not _real_word(new):
            return (m.start(), m.end(), new)
    return None


def dmg_quote(s, rng, ctx):
    pairs = list(re.finditer(r"“([^“”]+)”", s))
    m = _pick(rng, pairs)
    if not m:
        return None
    q0, q1 = m.start(), m.end() - 1  # opening and closing quote positions
    after = re.match(r" (\w+)", s[q1 + 1:])
    subs = ["wrong", "open"]
    if after:
        subs += ["glue", "glue", "sides"]
    sub = rng.choice(subs)
    if sub == "glue":
        # “x” word → “x“word / “x”word
        close = "“" if rng.random() < 0.5 else "”"
        return (q1, q1 + 2 + len(after.group(1)), close + after.group(1))
    if sub == "sides" and q0 >= 1 and s[q0 - 1] == " " and len(m.group(1).split()) <= 8:
        # a “x” y → a” x “y
        inner = m.group(1)
        return (q0 - 1, q1 + 2 + len(after.group(1)), "” " + inner + " “" + after.group(1))
    if sub == "open" and q0 >= 1 and s[q0 - 1] == " ":
        # have “sat → have”sat
        return (q0 - 1, q0 + 1, "”")
    # wrong orientation of the closing quote
    return (q1, q1 + 1, "“")


def dmg_case(s, rng, ctx):
    ms = [m for m in re.finditer(r"\b(%s)\b" % "|".join(FUNCTION_WORDS), s) if _mid(s, m)]
    m = _pick(rng, ms)
    return m and (m.start(), m.end(), m.group()[0].upper() + m.group()[1:])


def dmg_punct(s, rng, ctx):
    sub = rng.choice(("period", "period", "space"))
    if sub == "space":
        ms = [m for m in re.finditer(r"(\w)([”,])", s)]
        m = _pick(rng, ms)
        if m:
            return (m.start(), m.end(), m.group(1) + " " + m.group(2))
    ms = [m for m in re.finditer(r"\b(\w{3,}) ([a-z]{2,})\b", s) if m.start() > 0]
    m = _pick(rng, ms)
    return m and (m.start(), m.end(), m.group(1) + ". " + m.group(2))


def dmg_filter(s, rng, ctx):
    ms = [m for m in re.finditer(r"\b\w*ass\w*\b", s, re.I) if "ass" in m.group()]
    m = _pick(rng, ms)
    return m and (m.start(), m.end(), m.group().replace("ass", "bad"))


def dmg_residue(s, rng, ctx):
    opts = []
    for m in re.finditer(r"\b([a-z]+) and ([a-z]+)\b", s):
        opts.append((m.start(), m.end(), f"{m.group(1)} {rng.choice(('e', 'Y', 'y'))} {m.group(2)}"))
    for m in re.finditer(r"\b([a-z]{3,}s) are\b", s):
        opts.append((m.start(), m.end(), f"{m.group(1)} son"))
    for m in re.finditer(r"\b(%s)\b" % "|".join(ACRONYMS), s):
        opts.append((m.start(), m.end(), ACRONYMS[m.group()]))
    for m in re.finditer(r"\b([a-z]+) to (%s)\b" % "|".join(VERBS), s):
        opts.append((m.start(), m.end(), f"{m.group(1)} a {m.group(2)}"))
    return _pick(rng, opts)


def dmg_calque(s, rng, ctx):
    opts = []
    for m in re.finditer(r"\b([a-z]+) to (%s)\b" % "|".join(VERBS), s):
        opts.append((m.start(), m.end(), f"{m.group(1)} from {m.group(2)}"))
    for m in re.finditer(r"\b([a-z]+) of the\b", s):
        opts.append((m.start(), m.end(), f"{m.group(1)} from the"))
    for m in re.finditer(r"\b([a-z]+) in ([A-Z][a-z]+)\b", s):
        # "a house from Tempelhof" still reads as English: clumsy or wrong, not visibly broken
        opts.append((m.start(), m.end(), f"{m.group(1)} from {m.group(2)}", "should"))
    for m in re.finditer(r"\b(insisted|insist|insists|insisting) that\b", s):
        opts.append((m.start(), m.end(), f"{m.group(1)} in which"))
    return _pick(rng, opts)


def dmg_name(s, rng, ctx):
    names = ctx["names"]
    ms = [m for m in re.finditer(r"\b[A-Z][a-z]{3,}\b", s) if m.group() in names and _mid(s, m)]
    m = _pick(rng, ms)
    if not m:
        return None
    w = m.group()
    vowels = [i for i, c in enumerate(w) if c in ACCENT]
    if not vowels:
        return None
    i = vowels[-1] if rng.random() < 0.7 else rng.choice(vowels)
    return (m.start(), m.end(), w[:i] + ACCENT[w[i]] + w[i + 1:])


DAMAGE = {"glue": dmg_glue, "quote": dmg_quote, "case": dmg_case, "punct": dmg_punct, "filter": dmg_filter,
          "residue": dmg_residue, "calque": dmg_calque, "name": dmg_name}


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
        return Fragment(span, [""], d.kind, level=d.level, start=s, end=e) if _unique(damaged, span) else None
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
            return Fragment(span, [acc], d.kind, level=d.level, start=lo, end=hi)
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


def make_article(sentences: list[str], rng: random.Random, pool: list[str] | None = None,
                 n_damage: int | None = None) -> tuple[str, str, list[Fragment]]:
    """Damage one article.  Returns (clean text, damaged text, fragments)."""
    sents = [curly_quotes(s) for s in sentences]
    clean = "\n\n".join(sents) + "\n"
    para_starts, pos = [], 0
    for s in sents:
        para_starts.append(pos)
        pos += len(s) + 2
    words = re.findall(r"\b[A-Z][a-z]{3,}\b", clean)
    names = {w for w in set(words) if words.count(w) >= 2 and w not in NOT_NAMES}
    ctx = {"names": names}
    target = n_damage if n_damage is not None else rng.randint(4, 8)
    damages: list[Damage] = []
    result = (clean, [])
    used_boiler = set()
    for _ in range(target * 25):
        if len(damages) >= target:
            break
        kind = rng.choices(KINDS, WEIGHTS)[0]
        if kind == "boilerplate":
            if len(sents) < 3:
                continue
            i = rng.randrange(1, len(sents) - 1)
            tmpl = rng.choice(BOILERPLATE)
            if tmpl in used_boiler or len(used_boiler) >= 2:
                continue
            line = tmpl.format(h=headline(rng, pool or sents))
            at = para_starts[i] + len(sents[i])
            d = Damage(at, at, "\n\n" + line, "boilerplate", lo=2, widen=False)
        else:
            i = rng.randrange(len(sents))
            got = DAMAGE[kind](sents[i], rng, ctx)
            if not got:
                continue
            a, b, r = got[:3]
            d = Damage(para_starts[i] + a, para_starts[i] + b, r, kind, level=got[3] if len(got) > 3 else "must")
            if r == sents[i][a:b]:
                continue
        # regions in the clean text must keep a gap from each other
        if any(d.start <= o.end + 1 and o.start <= d.end + 1 for o in damages):
            continue
        trial = fragments_for(clean, damages + [d])
        if trial is None:
            continue
        damages.append(d)
        if kind == "boilerplate":
            used_boiler.add(tmpl)
        result = trial
    damaged, frags = result
    return clean, damaged, sorted(frags, key=lambda f: f.start)


def gold_yaml(name: str, frags: list[Fragment], note: str) -> str:
    import yaml

    body = {
        "article": name,
        "source_language": "es",
        "fragments": [{"span": f.span, "accept": f.accept, "kind": f.kind, "level": f.level} for f in frags],
    }
    return f"# {note}\n" + yaml.safe_dump(body, allow_unicode=True, sort_keys=False, width=1000)


def generate(src: str | Path, out: str | Path, n: int = 40, seed: int = 1,
             min_len: int = 10, max_len: int = 20) -> list[Path]:
    lines = read_sentences(src)
    if len(lines) < max_len:
        raise SystemExit(f"{src}: too few lines")
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
        _, damaged, frags = make_article(chunk, arng, pool=lines)
        name = f"synth-{seed}-{k:03d}"
        (out / f"{name}.txt").write_text(damaged, encoding="utf-8")
        note = (f"generated by repair.synth (seed {seed}) from {Path(src).name} lines {pos + 1}-{pos + length}; "
                f"{len(frags)} fragments")
        (out / f"{name}.gold.yaml").write_text(gold_yaml(name, frags, note), encoding="utf-8")
        written.append(out / f"{name}.txt")
        pos += length + rng.randint(0, 30)
    return written


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m repair.synth", description=__doc__.split("\n\n")[0])
    p.add_argument("--src", default=str(DEFAULT_SRC), help="clean English, one sentence a line (newstest2012.en)")
    p.add_argument("--out", default=str(DEFAULT_OUT), help=f"output folder (default {DEFAULT_OUT})")
    p.add_argument("--n", type=int, default=40, help="number of articles")
    p.add_argument("--seed", type=int, default=1)
    args = p.parse_args(argv)
    if not os.path.exists(args.src):
        print(f"repair.synth: error: {args.src}: no such file", file=sys.stderr)
        return 2
    files = generate(args.src, args.out, args.n, args.seed)
    nfr = sum(len(__import__("yaml").safe_load(f.with_name(f.name[:-4] + ".gold.yaml").read_text())["fragments"])
              for f in files)
    print(f"wrote {len(files)} articles ({nfr} fragments) to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
