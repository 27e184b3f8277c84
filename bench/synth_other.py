"""A held-out-style synthetic set made by a generator other than repair/synth.py.

repair/synth.py draws its damage from the edit patterns observed in MT output; this script instead
injects damage of the kinds a third-party generator of "content-farm" copy would, at random and at
fixed rates, into clean news (it knows nothing of the repair rules):

- case       a lowercase word capitalised in mid-sentence (after any word: "the Home team", "it Was");
- glue       two words run together ("reportedon"), a stripped link ("PetrobrasThe", "the ministerSaid");
- quote      curly quotes mismatched (“ … “, ” … ”, « … ”), a closing quote glued to the next word,
             a quote glued to a verb of saying before or after it, the closing mark spaced off (” .),
             the spaces on the wrong side of both marks (a” grave error “that);
- calque     Romance constructions word for word (an article before a weekday, "more of 20",
             "depends of", "since three years", "in the 2010");
- residue    a source-language word left in place (es/pt/fr/it function words and a few nouns);
- accent     accented letters dropped from a name ("Bartoov" for "Bartošová");
- filter     a profanity filter's damage inside words ("ambbadador", "clbad");
- boilerplate a page-furniture line or tail ("ALSO READ: ...", "| Follow us on Twitter");
- punct      a space before punctuation, a doubled period, a lost space after a period.

The clean base is newstest2012.en lines 1-1500 only (1501-3003 are the held-out test split), its
straight quotes made curly first, each article a run of ten consecutive lines (one story); nothing is
committed: the articles are written at run time to --out (a temporary folder by default) and scored
in-process, with a table by kind and by shape.

    python bench/synth_other.py [--seeds 7,8,9] [--articles 40] [--out DIR] [--keep] [-v]
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import sys
import tempfile
import unicodedata
from collections import defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BASE = ROOT.parent / "shared" / "corpora" / "newstest2012" / "newstest2012.en"
WORD = re.compile(r"[A-Za-z]+")

# --------------------------------------------------------------------------- the generator's data
# source-language words standing for English ones (es, pt, fr, it)
RESIDUE = {
    "of": ["de", "di", "do", "da"], "and": ["y", "e", "et"], "in": ["en", "em", "dans", "nel"],
    "with": ["con", "com", "avec"], "for": ["para", "pour", "per"], "the": ["el", "la", "le", "il", "os"],
    "but": ["pero", "mas", "mais", "ma"], "very": ["muy", "muito", "très", "molto"],
    "also": ["también", "também", "aussi", "anche"], "without": ["sin", "sem", "sans", "senza"],
    "government": ["gobierno", "governo", "gouvernement"], "president": ["presidente", "président"],
    "minister": ["ministro", "ministre"], "city": ["ciudad", "cidade", "ville", "città"],
    "country": ["país", "pays", "paese"], "year": ["año", "ano", "année", "anno"],
    "week": ["semana", "semaine", "settimana"], "company": ["empresa", "société", "azienda"],
}
FUNCTION_RESIDUE = ("of", "and", "in", "with", "for", "the", "but", "very", "also", "without")
WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
CALQUES = [  # (shape, pattern on clean English, replacement)
    ("weekday-article", r"\bon (%s)\b" % "|".join(WEEKDAYS), r"the \1"),
    ("weekday-this", r"\bon (%s)\b" % "|".join(WEEKDAYS), r"this \1"),
    ("more-of", r"\bmore than (\d)", r"more of \1"),
    ("less-of", r"\bless than (\d)", r"less of \1"),
    ("year-article", r"\bin (19\d\d|20\d\d)\b", r"in the \1"),
    ("depend-of", r"\bdepend(s|ed|ing)? on\b", r"depend\1 of"),
    ("since-years", r"\bfor (two|three|four|five|six|ten|\d+) years\b", r"since \1 years"),
    ("consist-in", r"\bconsist(s|ed)? of\b", r"consist\1 in"),
    ("married-with", r"\bmarried to\b", "married with"),
    ("think-in", r"\bthink(s|ing)? about\b", r"think\1 in"),
    ("agreement-with", r"\baccording to\b", "according with"),
    ("possessive-of", r"\b([A-Z][a-z]+)'s ([a-z]{4,})\b", r"the \2 of \1"),
    ("people-article", r"(?<=[a-z] )(people|women|children) (say|think|want|need)\b", r"the \1 \2"),
    ("interested-by", r"\binterested in\b", "interested by"),
    ("responsible-of", r"\bresponsible for\b", "responsible of"),
]
VERBS_OF_SAYING = "said says added told explained stated warned insisted declared noted".split()
BOILERPLATE_LINES = ["ALSO READ: {h}", "Related: {h}", "READ MORE: {h}", "See also: {h}",
                     "Follow us on Twitter and Facebook", "Subscribe to our newsletter",
                     "(Europa Press)", "Source: EFE", "Advertising", "Share this article:"]
BOILERPLATE_TAILS = [" | Follow us on Twitter", " - Also read: {h}", " (Photo: EFE)", " Click here to read more."]
FILTER = [("ass", "bad"), ("ass", "butt")]
KINDS = {"case": 0.22, "glue": 0.15, "calque": 0.13, "residue": 0.1, "quote": 0.1, "accent": 0.08,
         "filter": 0.05, "boilerplate": 0.07, "punct": 0.1}


def _zipf(w):
    from repair import lexicon as L
    return L.zipf(w)


def _mid(line, i):
    """i is a word start in mid-sentence (not the line start, not after . ! ? : or a quote)."""
    before = line[:i].rstrip()
    return i > 0 and line[i - 1] == " " and before and before[-1] not in ".!?:“\"(«—-"


# --------------------------------------------------------------------------- damage: (i, j, old, new, shape)

def dmg_case(line, rng):
    ms = [m for m in WORD.finditer(line) if _mid(line, m.start()) and m.group().islower()
          and len(m.group()) >= 2 and _zipf(m.group()) >= 3.5]
    if not ms:
        return None
    m = rng.choice(ms)
    w = m.group()
    prev = line[:m.start()].rstrip()
    pw = re.search(r"(\S+)$", prev).group(1)
    shape = ("after-punct" if not pw[-1].isalnum() else "after-det" if pw.lower() in
             ("the", "a", "an", "his", "her", "its", "their", "our", "my", "your", "this", "that", "these")
             else "after-prep" if pw.lower() in ("of", "in", "on", "at", "to", "for", "from", "by", "with")
             else "after-cap" if pw[0].isupper() else "after-word")
    return m.start(), m.end(), w, w[0].upper() + w[1:], shape


def dmg_glue(line, rng):
    r = rng.random()
    if r < 0.3:  # a stripped link at a sentence boundary: "PetrobrasThe"
        ms = list(re.finditer(r"([A-Za-z]{3,})\. ([A-Z][a-z]+)", line))
        if ms:
            m = rng.choice(ms)
            return m.start(), m.end(), m.group(), m.group(1) + m.group(2), "link-sentence"
    if r < 0.55:  # a stripped link inside a sentence, its tail capitalised: "the ministerSaid"
        ms = [m for m in re.finditer(r"(?<![\w-])([a-z]{3,}) ([a-z]{3,})(?![\w-])", line)]
        if ms:
            m = rng.choice(ms)
            return m.start(), m.end(), m.group(), m.group(1) + m.group(2).capitalize(), "link-capital"
    if r < 0.7:  # a name run into the next word: "Ramírezwho"
        ms = [m for m in re.finditer(r"(?<![\w-])([A-Z][a-z]{2,}) ([a-z]{2,})(?![\w-])", line)
              if _mid(line, m.start())]
        if ms:
            m = rng.choice(ms)
            return m.start(), m.end(), m.group(), m.group(1) + m.group(2), "name-word"
    ms = [m for m in re.finditer(r"(?<![\w-])([a-z]{2,}) ([a-z]{2,})(?![\w-])", line)]
    if not ms:
        return None
    m = rng.choice(ms)
    return m.start(), m.end(), m.group(), m.group(1) + m.group(2), "lower-lower"


def dmg_quote(line, rng):
    m = re.search(r"“([^“”]{3,160}?)”", line)
    if not m:
        return None
    body = m.group(1)
    shapes = ["open-open", "close-close", "guillemet-close", "glued-after", "spaced-close"]
    pre = line[:m.start()]
    if re.search(r"\b(%s) $" % "|".join(VERBS_OF_SAYING), pre):
        shapes.append("glued-to-verb")
    post = line[m.end():]
    if re.match(r" (%s)\b" % "|".join(VERBS_OF_SAYING), post):
        shapes.append("verb-glued-after")
    if m.start() > 0 and line[m.start() - 1] == " " and post[:1] == " ":
        shapes.append("swapped-spacing")
    shape = rng.choice(shapes)
    if shape == "verb-glued-after":  # “...,” said → “...,”said
        v = re.match(r" (\w+)", post)
        return m.start(), m.end() + v.end(), line[m.start():m.end() + v.end()], f"“{body}”{v.group(1)}", shape
    if shape == "swapped-spacing":  # a “grave error” that → a” grave error “that
        return m.start() - 1, m.end() + 1, line[m.start() - 1:m.end() + 1], f"” {body} “", shape
    if shape == "glued-after":
        n = re.match(r" (\w+)", line[m.end():])
        if not n:
            shape = "open-open"
        else:
            return m.start(), m.end() + n.end(), line[m.start():m.end() + n.end()], f"“{body}”{n.group(1)}", shape
    if shape == "glued-to-verb":
        return m.start() - 1, m.end(), line[m.start() - 1:m.end()], f"“{body}”", shape
    if shape == "spaced-close":
        n = re.match(r"[.,]", line[m.end():])
        if n:
            return m.start(), m.end() + 1, line[m.start():m.end() + 1], f"“{body} ” {n.group()}", shape
        return m.start(), m.end(), m.group(), f"“{body} ”", shape
    new = {"open-open": f"“{body}“", "close-close": f"”{body}”", "guillemet-close": f"«{body}”"}[shape]
    return m.start(), m.end(), m.group(), new, shape


def dmg_calque(line, rng):
    opts = []
    for shape, pat, rep in CALQUES:
        for m in re.finditer(pat, line):
            opts.append((shape, m, rep))
    if not opts:
        return None
    shape, m, rep = rng.choice(opts)
    return m.start(), m.end(), m.group(), m.expand(rep), shape


def dmg_residue(line, rng):
    ms = [m for m in re.finditer(r"(?<= )(%s)(?= [a-z])" % "|".join(FUNCTION_RESIDUE), line)]
    content = [m for m in re.finditer(r"(?<= )(%s)(?=[ ,.;])" % "|".join(
        w for w in RESIDUE if w not in FUNCTION_RESIDUE), line)]
    ms += content
    if not ms:
        return None
    m = rng.choice(content if content and rng.random() < 0.35 else ms)
    shape = "content-word" if m.group() not in FUNCTION_RESIDUE else "function-word"
    return m.start(), m.end(), m.group(), rng.choice(RESIDUE[m.group()]), shape


def _strip(w):
    return "".join(c for c in w if ord(c) < 128)


def dmg_accent(line, rng):
    ms = [m for m in re.finditer(r"\b\w*[^\W\d_\x00-\x7f]\w*\b", line) if len(_strip(m.group())) >= 3]
    if not ms:
        return None
    m = rng.choice(ms)
    w = m.group()
    if rng.random() < 0.7:
        return m.start(), m.end(), w, _strip(w), "dropped"
    folded = unicodedata.normalize("NFKD", w).encode("ascii", "ignore").decode()
    return (m.start(), m.end(), w, folded, "folded") if folded != w and folded else None


def dmg_filter(line, rng):
    ms = [m for m in re.finditer(r"\b[a-z]*ass[a-z]*\b", line)]
    if not ms:
        return None
    m = rng.choice(ms)
    src, dst = rng.choice(FILTER)
    return m.start(), m.end(), m.group(), m.group().replace(src, dst), "in-word"


def dmg_punct(line, rng):
    r = rng.random()
    if r < 0.45:
        ms = list(re.finditer(r"(\w)([,;:])(?= )", line))
        if ms:
            m = rng.choice(ms)
            return m.start(), m.end(), m.group(), m.group(1) + " " + m.group(2), "space-before"
    if r < 0.8:
        ms = list(re.finditer(r"([a-z]{3,})\. ([A-Z])", line))
        if ms:
            m = rng.choice(ms)
            return m.start(), m.end(), m.group(), m.group(1) + "." + m.group(2), "no-space-after"
    m = re.search(r"([a-z]{2,})\.$", line)
    if m:
        return m.start(), m.end(), m.group(), m.group(1) + "..", "double-period"
    return None


DAMAGE = {"case": dmg_case, "glue": dmg_glue, "quote": dmg_quote, "calque": dmg_calque,
          "residue": dmg_residue, "accent": dmg_accent, "filter": dmg_filter, "punct": dmg_punct}


def curly(line):
    """Straight double quotes made curly, alternating within the line (professional copy)."""
    out, k = [], 0
    for ch in line:
        if ch == '"':
            out.append("“" if k % 2 == 0 else "”")
            k += 1
        else:
            out.append(ch)
    return "".join(out) if k % 2 == 0 else line


def _window(text, a, b):
    """Widen [a, b) of the damaged text by whole words, within its line, until it is unique."""
    lo, hi = a, b
    for _ in range(6):
        if lo > 0 and text[lo - 1] == " ":
            k = lo - 1
            while k > 0 and not text[k - 1].isspace():
                k -= 1
            lo = k
        if hi < len(text) and text[hi] == " ":
            k = hi + 1
            while k < len(text) and not text[k].isspace():
                k += 1
            hi = k
        if hi > lo and text.count(text[lo:hi]) == 1:
            return lo, hi
    return None


def _headline(rng, pool):
    ws = rng.choice(pool).split()[:7]
    return " ".join(w.capitalize() if len(w) > 3 else w for w in ws).rstrip(",.;:")


def build(out: Path, seed: int, articles: int, per: int = 10) -> dict:
    rng = random.Random(seed)
    lines = BASE.read_text(encoding="utf-8").splitlines()[:1500]
    lines = [curly(ln) for ln in lines if 60 <= len(ln) <= 400]
    pool = list(lines)
    # articles are runs of consecutive lines (newstest keeps each story's sentences together), so a
    # name or a word recurs within an article as in real copy
    blocks = [lines[i:i + per] for i in range(0, len(lines) - per + 1, per)]
    rng.shuffle(blocks)
    counts = defaultdict(int)
    kinds, weights = list(KINDS), [KINDS[k] for k in KINDS]
    for k in range(articles):
        if k >= len(blocks):
            break
        chunk = blocks[k]
        pieces, damages = [], []  # damages: (kind, shape, start, end in the text, old, deletion)
        pos = 0
        pending = []  # kinds drawn at the article's rates, waiting for a line they fit
        for ln in chunk:
            if rng.random() < 0.65:
                pending.append(rng.choices(kinds, weights)[0])
                pending = pending[-3:]
            for name in list(pending):
                if name == "boilerplate":
                    pending.remove(name)
                    h = _headline(rng, pool)
                    if rng.random() < 0.6:  # a line of its own after this one
                        bl = rng.choice(BOILERPLATE_LINES).format(h=h)
                        pieces.append(ln)
                        pos += len(ln) + 2
                        damages.append(("boilerplate", "line", pos, pos + len(bl), "", True))
                        ln = bl
                    else:
                        tail = rng.choice(BOILERPLATE_TAILS).format(h=h)
                        damages.append(("boilerplate", "tail", pos + len(ln), pos + len(ln) + len(tail), "", True))
                        ln = ln + tail
                    break
                d = DAMAGE[name](ln, rng)
                if d is not None:
                    pending.remove(name)
                    i, j, old, new, shape = d
                    damages.append((name, shape, pos + i, pos + i + len(new), old, False))
                    ln = ln[:i] + new + ln[j:]
                    break
            pieces.append(ln)
            pos += len(ln) + 2
        text = "\n\n".join(pieces) + "\n"
        frags = []
        for name, shape, a, b, old, deletion in damages:
            if deletion:
                span = text[a:b].strip(" |-")
                if text.count(span) != 1:
                    continue
                frags.append({"span": span, "accept": [""], "kind": name, "shape": shape, "level": "must"})
            else:
                w = _window(text, a, b)
                if w is None:
                    continue
                lo, hi = w
                accept = [text[lo:a] + old + text[b:hi]]
                if shape == "guillemet-close":
                    accept.append(text[lo:a] + "«" + old[1:-1] + "»" + text[b:hi])
                frags.append({"span": text[lo:hi], "accept": accept, "kind": name, "shape": shape, "level": "must"})
            counts[name] += 1
        nm = f"other-{seed}-{k:03d}"
        (out / f"{nm}.txt").write_text(text, encoding="utf-8")
        (out / f"{nm}.gold.yaml").write_text(yaml.safe_dump(
            {"article": nm, "source_language": "es", "fragments": frags}, allow_unicode=True, sort_keys=False),
            encoding="utf-8")
    return dict(counts)


def score(out: Path, verbose: bool = False) -> dict:
    from repair import pipeline
    from repair.config import Config
    from repair.evaluate import load_gold, parse_fragments, score_article

    by = defaultdict(lambda: [0, 0, 0])  # fragments, detected, corrected
    stray = words = 0
    cfg = Config()
    for g in sorted(out.glob("*.gold.yaml")):
        t = g.with_name(g.name[:-len(".gold.yaml")] + ".txt")
        text = t.read_text(encoding="utf-8")
        data = load_gold(g)
        frags = parse_fragments(data, text, str(g))
        shapes = [str(f.get("shape", "")) for f in data["fragments"]]
        s = score_article(t.stem, text, frags, pipeline.repair_text(text, cfg), path=str(t))
        stray += len(s.stray)
        words += s.words
        for fr, sh in zip(s.fragments, shapes):
            for key in (fr.kind, f"{fr.kind}/{sh}", "(all)"):
                by[key][0] += 1
                by[key][1] += fr.detected
                by[key][2] += fr.corrected
            if verbose and not fr.corrected:
                print(f"  miss [{fr.kind}/{sh}] {fr.span!r} -> {fr.accept[0]!r}")
        if verbose:
            for ed in s.stray:
                print(f"  stray {t.stem}: {text[max(0, ed.start - 25):ed.start]!r} [{ed.old!r} -> {ed.new!r}]")
    return {"by": dict(by), "stray": stray, "words": words}


def report(res: dict, title: str) -> None:
    print(f"\n{title}\n  {'kind/shape':<28} {'frags':>5} {'detected':>9} {'corrected':>10}")
    by = res["by"]
    for key in sorted(by, key=lambda k: (k == "(all)", k.split("/")[0], "/" in k, k)):
        n, d, c = by[key]
        ind = "    " if "/" in key else "  "
        print(f"{ind}{key:<{30 - len(ind)}} {n:>5} {100 * d / n:>8.1f}% {100 * c / n:>9.1f}%")
    print(f"  stray edits: {res['stray']} in {res['words']} words = {1000 * res['stray'] / max(1, res['words']):.2f}"
          " per 1,000 words")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", default="7,8,9", help="comma-separated generator seeds")
    ap.add_argument("--seed", type=int, help="one seed (overrides --seeds)")
    ap.add_argument("--articles", type=int, default=40)
    ap.add_argument("--out")
    ap.add_argument("--keep", action="store_true")
    ap.add_argument("-v", "--verbose", action="store_true", help="list the missed fragments and stray edits")
    a = ap.parse_args(argv)
    if not BASE.exists():
        print(f"synth_other: {BASE} is missing", file=sys.stderr)
        return 2
    seeds = [a.seed] if a.seed is not None else [int(s) for s in a.seeds.split(",") if s.strip()]
    root = Path(a.out or tempfile.mkdtemp(prefix="synth_other."))
    total = {"by": defaultdict(lambda: [0, 0, 0]), "stray": 0, "words": 0}
    for seed in seeds:
        out = root / f"seed{seed}"
        out.mkdir(parents=True, exist_ok=True)
        counts = build(out, seed, a.articles)
        res = score(out, a.verbose)
        report(res, f"seed {seed}: {sum(counts.values())} fragments in {out}")
        for k, v in res["by"].items():
            total["by"][k] = [x + y for x, y in zip(total["by"][k], v)]
        total["stray"] += res["stray"]
        total["words"] += res["words"]
    if len(seeds) > 1:
        report(total, f"all seeds ({', '.join(map(str, seeds))})")
    if not a.keep and not a.out:
        shutil.rmtree(root)
    return 0


if __name__ == "__main__":
    sys.exit(main())
