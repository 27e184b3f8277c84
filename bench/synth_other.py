"""A held-out-style synthetic set made by a generator other than repair/synth.py.

repair/synth.py draws its damage from the edit patterns observed in MT output; this script instead
inserts damage the way a different generator would, at random into clean news: a common word
capitalised in mid-sentence, two words glued, a quote pair made mismatched (“ … “, ” … ”, « … ”) or a
closing quote glued to the next word, a lone source-language function word.  The clean base is
newstest2012.en lines 1-1500 only (1501-3003 are the held-out test split); nothing is committed:
the articles are written at run time to --out (a temporary folder by default) and scored with
``mt-repair eval``.

    python bench/synth_other.py [--seed 7] [--articles 40] [--out DIR] [--keep]
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
BASE = ROOT.parent / "shared" / "corpora" / "newstest2012" / "newstest2012.en"
WORD = re.compile(r"[A-Za-z]+")
# source-language function words standing for English ones (a lone leftover word)
RESIDUE = {"of": ["de", "di"], "and": ["y", "e"], "in": ["en", "em"], "with": ["con", "avec"],
           "for": ["para", "pour"], "the": ["el", "la"]}
QUOTE_SHAPES = ("open-open", "close-close", "guillemet-close", "glued")


def _zipf(w):
    from repair import lexicon as L
    return L.zipf(w)


def dmg_case(line, rng):
    ms = [m for m in WORD.finditer(line) if m.start() > 0 and line[m.start() - 1] == " "
          and m.group().islower() and len(m.group()) >= 3 and _zipf(m.group()) >= 4.0]
    if not ms:
        return None
    m = rng.choice(ms)
    w = m.group()
    return m.start(), m.end(), w, w[0].upper() + w[1:]


def dmg_glue(line, rng):
    ms = [m for m in re.finditer(r"(?<![\w-])([a-z]{2,}) ([a-z]{2,})(?![\w-])", line)]
    if not ms:
        return None
    m = rng.choice(ms)
    return m.start(), m.end(), m.group(), m.group(1) + m.group(2)


def dmg_quote(line, rng):
    m = re.search(r"([\"“])([^\"“”]{3,120}?)([\"”])", line)
    if not m:
        return None
    body = m.group(2)
    shape = rng.choice(QUOTE_SHAPES)
    if shape == "glued":
        n = re.match(r" (\w+)", line[m.end():])
        if not n:
            return None
        old = line[m.start():m.end() + n.end()]
        return m.start(), m.end() + n.end(), old, f"“{body}”{n.group(1)}"
    new = {"open-open": f"“{body}“", "close-close": f"”{body}”", "guillemet-close": f"«{body}”"}[shape]
    return m.start(), m.end(), m.group(), new


def dmg_residue(line, rng):
    ms = [m for m in re.finditer(r"(?<= )(of|and|in|with|for|the)(?= [a-z])", line)]
    if not ms:
        return None
    m = rng.choice(ms)
    return m.start(), m.end(), m.group(), rng.choice(RESIDUE[m.group()])


KINDS = {"case": (dmg_case, 0.45), "glue": (dmg_glue, 0.2), "quote": (dmg_quote, 0.15), "residue": (dmg_residue, 0.2)}


def _window(text, a, b, clean_piece_len, new_len):
    """Widen [a, b) of the damaged text by whole words until it is unique."""
    lo, hi = a, b
    for _ in range(6):
        lo2 = text.rfind(" ", 0, max(lo - 1, 0)) + 1 if lo > 0 and text[lo - 1] == " " else lo
        hi2 = text.find(" ", hi + 1) if hi < len(text) and text[hi] == " " else hi
        lo, hi = lo2, (len(text) if hi2 < 0 else hi2)
        if "\n" in text[lo:hi]:
            return None
        if text.count(text[lo:hi]) == 1:
            return lo, hi
    return None


def build(out: Path, seed: int, articles: int, per: int = 10) -> dict:
    rng = random.Random(seed)
    lines = BASE.read_text(encoding="utf-8").splitlines()[:1500]
    lines = [ln for ln in lines if 60 <= len(ln) <= 400]
    rng.shuffle(lines)
    counts = {}
    for k in range(articles):
        chunk = lines[k * per:(k + 1) * per]
        if len(chunk) < per:
            break
        pieces, damages = [], []
        pos = 0
        for ln in chunk:
            d = None
            if rng.random() < 0.6:
                kinds = list(KINDS)
                rng.shuffle(kinds)
                kinds.sort(key=lambda n: -KINDS[n][1] * rng.random())
                for name in kinds:
                    d = KINDS[name][0](ln, rng)
                    if d is not None:
                        break
            if d is None:
                pieces.append(ln)
            else:
                i, j, old, new = d
                dam = ln[:i] + new + ln[j:]
                damages.append((name, pos + i, pos + i + len(new), ln, i, j, old, new))
                pieces.append(dam)
            pos += len(pieces[-1]) + 2
        text = "\n\n".join(pieces) + "\n"
        frags = []
        for name, a, b, ln, i, j, old, new in damages:
            w = _window(text, a, b, len(old), len(new))
            if w is None:
                continue
            lo, hi = w
            span = text[lo:hi]
            left, right = text[lo:a], text[b:hi]
            accept = [left + old + right]
            if name == "quote":
                accept.append(left + old.replace('"', "“", 1).replace('"', "”", 1) + right)
                accept.append(left + old.replace('"', "“", 1).replace('"', "”", 1).replace("” ", "”", 0) + right)
            frags.append({"span": span, "accept": sorted(set(accept)), "kind": name if name != "residue" else "residue",
                          "level": "must"})
            counts[name] = counts.get(name, 0) + 1
        nm = f"other-{seed}-{k:03d}"
        (out / f"{nm}.txt").write_text(text, encoding="utf-8")
        (out / f"{nm}.gold.yaml").write_text(yaml.safe_dump(
            {"article": nm, "source_language": "es", "fragments": frags}, allow_unicode=True, sort_keys=False),
            encoding="utf-8")
    return counts


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--articles", type=int, default=40)
    ap.add_argument("--out")
    ap.add_argument("--keep", action="store_true")
    a = ap.parse_args(argv)
    if not BASE.exists():
        print(f"synth_other: {BASE} is missing", file=sys.stderr)
        return 2
    out = Path(a.out or tempfile.mkdtemp(prefix="synth_other."))
    out.mkdir(parents=True, exist_ok=True)
    counts = build(out, a.seed, a.articles)
    print("fragments by kind:", counts, "in", out)
    rc = subprocess.call([sys.executable, "-m", "repair", "eval", str(out)])
    if not a.keep and not a.out:
        shutil.rmtree(out)
    return rc


if __name__ == "__main__":
    sys.exit(main())
