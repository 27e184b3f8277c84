"""Learn a lexicon for the Spanish words rule-based MT leaves untranslated, from MT output aligned with references.

Apertium (``apertium -u spa-eng``) copies a Spanish word it does not know into its English output as it is
("un acuerdo desventajoso" → "an agreement desventajoso").  In the dev set built by ``python -m repair.mine_devset``
each such word stands in an MT line beside the professional reference; the reference's translation of it is
found two ways, and an entry is kept only where both agree often enough:

1. substitution: the token alignment of the MT line with its reference (difflib, as ``repair/mine.py``) replaces
   the Spanish word by one reference word;
2. the missing word: a reference word the MT line lacks (English words the MT has are translations of other
   source words), counted over every line where the Spanish word is left; Dice association of the Spanish word
   with that reference word over the lines.

A word is a leftover when it is lowercase letters, wordfreq knows it in Spanish (Zipf >= ``--min-es-zipf``), barely
in English (Zipf < ``--max-en-zipf``) and clean English (the English sides of ../shared/corpora/parallel) holds it at
most ``--max-english`` times.  Nothing here is copied from Apertium's dictionaries: the translations are the
references' words.

    python -m repair.mine_lexicon [--data build/apertium] [--out rules/learned/lexicon-es.yaml]

The test split (newstest2012 lines 1501-3003) and the held-out sets (WMT 2011, FLORES) are never read.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from difflib import SequenceMatcher
from pathlib import Path

from .learned import norm, tokenize
from .mine import ENGLISH_FILES, MINE_SETS, load_pairs, log


def is_leftover(w: str, min_es: float, max_en: float) -> bool:
    from wordfreq import zipf_frequency

    return (w.isalpha() and w.islower() and len(w) >= 3 and zipf_frequency(w, "en") < max_en
            and zipf_frequency(w, "es") >= min_es)


def content_word(w: str) -> bool:
    from wordfreq import zipf_frequency

    return w.isalpha() and len(w) >= 2 and zipf_frequency(w, "en") < 6.0 and zipf_frequency(w, "en") >= 1.5


def learn(pairs, min_es=2.0, max_en=1.5):
    """Per leftover word: lines (seen), substitutions by reference word, missing reference words per line."""
    seen: Counter = Counter()
    subst: dict[str, Counter] = defaultdict(Counter)
    missing: dict[str, Counter] = defaultdict(Counter)
    ref_df: Counter = Counter()
    left_cache: dict[str, bool] = {}
    for _name, _i, mt, ref in pairs:
        a = [norm(t) for _, _, t in tokenize(mt)]
        cand = set()
        for w in a:
            hit = left_cache.get(w)
            if hit is None:
                hit = left_cache[w] = is_leftover(w, min_es, max_en)
            if hit:
                cand.add(w)
        b_surface = [t for _, _, t in tokenize(ref)]
        b = [norm(t) for t in b_surface]
        bset = {w for w in b if content_word(w)}
        ref_df.update(bset)
        if not cand:
            continue
        aset = set(a)
        gone = bset - aset
        for w in cand:
            seen[w] += 1
            missing[w].update(gone)
        for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
            if tag == "replace" and i2 - i1 == 1 and j2 - j1 == 1 and a[i1] in cand and content_word(b[j1]):
                subst[a[i1]][b[j1]] += 1
    return seen, subst, missing, ref_df


NC_FILES = ("parallel/newscommentary-v11-part1.es-en", "parallel/newscommentary-v11-part2.es-en",
            "parallel/newscommentary-v11-part3.es-en")


def source_pairs(data: Path, corpora: Path, sets) -> list[tuple[str, str]]:
    """(Spanish, English reference) lines: the mining sets' sources and every News Commentary line."""
    out = []
    for name in sets:
        if name.startswith("newscommentary"):
            continue
        src, ref = data / f"{name}.src", data / f"{name}.ref"
        if src.exists():
            out.extend(zip(src.read_text(encoding="utf-8").splitlines(), ref.read_text(encoding="utf-8").splitlines()))
    for f in NC_FILES:
        es, en = corpora / (f + ".es"), corpora / (f + ".en")
        if es.exists():
            out.extend(zip(es.read_text(encoding="utf-8").splitlines(), en.read_text(encoding="utf-8").splitlines()))
    return out


def apertium_unknown(words: list[str], cache: Path) -> set[str]:
    """The words Apertium copies unchanged (it does not know them), one word a line through apertium -u spa-eng."""
    from .mine_devset import require_apertium, translate_lines

    require_apertium()
    got = translate_lines(words, cache, chunk=500)
    return {w for w, t in zip(words, got) if t.strip().lower() == w}


def source_dice(spairs, unknown: set[str], min_co=3, min_dice=0.3, margin=1.3):
    """Per Apertium-unknown Spanish word: the English reference word most associated with it over the lines
    (Dice), when clearly ahead of the next one."""
    df_s: Counter = Counter()
    df_e: Counter = Counter()
    co: dict[str, Counter] = defaultdict(Counter)
    cw: dict[str, bool] = {}
    for es, en in spairs:
        ws = {t.lower() for _, _, t in tokenize(es)} & unknown
        es_ = set()
        for _, _, t in tokenize(en):
            t = t.lower()
            ok = cw.get(t)
            if ok is None:
                ok = cw[t] = content_word(t)
            if ok:
                es_.add(t)
        df_e.update(es_)
        if not ws:
            continue
        df_s.update(ws)
        for w in ws:
            co[w].update(es_)
    out = {}
    for w, c in co.items():
        scored = sorted(((2 * k / (df_s[w] + df_e[e]), k, e) for e, k in c.items() if k >= min_co), reverse=True)
        if not scored:
            continue
        d, k, e = scored[0]
        if d < min_dice or (len(scored) > 1 and d < margin * scored[1][0]):
            continue
        out[w] = dict(en=e, lines=df_s[w], co=k, dice=round(d, 3))
    return out


def english_counts(corpora: Path, words: set[str]) -> Counter:
    c: Counter = Counter()
    for f in ENGLISH_FILES:
        p = corpora / f
        if not p.exists():
            continue
        for line in p.read_text(encoding="utf-8").splitlines():
            for _, _, t in tokenize(line):
                t = t.lower()
                if t in words:
                    c[t] += 1
    return c


def select(seen, subst, missing, ref_df, eng, min_seen=2, min_subst=2, min_share=0.3, min_dice=0.2,
           max_english=1, strong_dice=0.5):
    out = []
    for w, n in seen.items():
        if n < min_seen or eng.get(w, 0) > max_english:
            continue
        if subst.get(w):
            e, k = subst[w].most_common(1)[0]
        elif missing.get(w):
            (e, _), k = missing[w].most_common(1)[0], 0
        else:
            continue
        m = missing[w].get(e, 0)
        dice = 2 * m / (n + ref_df.get(e, 0))
        # the reference word must also be the one most often missing from the MT where the word is left
        top = missing[w].most_common(1)[0][1] if missing[w] else 0
        if m < top * 0.5 or m < min_seen:
            continue
        # aligned in its place often enough, or (seldom aligned) strongly associated with it
        if not ((k >= min_subst and k / n >= min_share and dice >= min_dice) or (dice >= strong_dice and k >= 1)
                or (dice >= strong_dice + 0.2 and m >= 3)):
            continue
        out.append(dict(es=w, en=e, seen=n, subst=k, missing=m, dice=round(dice, 3), english=eng.get(w, 0)))
    out.sort(key=lambda x: (-x["subst"], x["es"]))
    return out


_HEADER_TOP = """\
# GENERATED by repair/mine_lexicon.py: do not edit by hand (delete a line to drop an entry, or rebuild).
# Spanish words that rule-based MT (apertium -u spa-eng) leaves untranslated, with the English word the
# professional references put in their place. Rebuild:
#   python -m repair.mine_devset   (translates ../shared/corpora with Apertium into build/apertium)
"""
_HEADER_BOTTOM = """\
# Each entry: es -> en; seen: MT lines where the Spanish word was left; subst: lines where the reference
# aligned one word in its place, and this word that often; missing: lines where this word is in the
# reference and not in the MT; dice: 2*missing / (seen + reference lines holding the word); english:
# times the Spanish word occurs in clean English (the English sides of ../shared/corpora/parallel).
# Entries with lines/co instead (words Apertium leaves but the mined MT never showed): over the Spanish
# sources of the mined sets and of all News Commentary, the lines holding the word, the lines whose
# reference holds the English word too, and their Dice association (clearly ahead of the next word).
# Applied by rule ES-L003 (repair/detectors/learned.py) to words English does not know (a capital is kept).
"""


def write(path: Path, entries, info: dict, command: str) -> None:
    lines = [
        *_HEADER_TOP.splitlines(),
        f"#   {command}",
        *_HEADER_BOTTOM.splitlines(),
        "lang: [es]",
        "tier: lexicon",
        "provenance:",
        f"  mined_sets: [{', '.join(info['sets'])}]",
        "  never_read: [newstest2012.test, wmt2011, flores]",
        f"  pairs: {info['pairs']}",
        f"  leftover_words: {info['leftovers']}",
        "  params: {" + ", ".join(f"{k}: {v}" for k, v in info["params"].items()) + "}",
        "entries:",
    ]
    for x in entries:
        if x.get("lines"):
            lines.append(f"  - {{es: {x['es']}, en: {x['en']}, lines: {x['lines']}, co: {x['missing']}, "
                         f"dice: {x['dice']}, english: {x['english']}}}")
            continue
        lines.append(f"  - {{es: {x['es']}, en: {x['en']}, seen: {x['seen']}, subst: {x['subst']}, "
                     f"missing: {x['missing']}, dice: {x['dice']}, english: {x['english']}}}")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m repair.mine_lexicon", description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", default="build/apertium")
    ap.add_argument("--corpora", default="../shared/corpora")
    ap.add_argument("--sets", default=",".join(MINE_SETS))
    ap.add_argument("--out", default="rules/learned/lexicon-es.yaml")
    ap.add_argument("--min-es-zipf", type=float, default=2.0)
    ap.add_argument("--max-en-zipf", type=float, default=1.5)
    ap.add_argument("--min-seen", type=int, default=2)
    ap.add_argument("--min-subst", type=int, default=2)
    ap.add_argument("--min-share", type=float, default=0.3)
    ap.add_argument("--min-dice", type=float, default=0.2)
    ap.add_argument("--max-english", type=int, default=1)
    ap.add_argument("--no-source-dice", dest="source_dice", action="store_false",
                    help="only the words left in the mined MT (no association over the Spanish sources)")
    ap.add_argument("--min-co", type=int, default=3, help="source association: lines a pair must share")
    ap.add_argument("--min-source-dice", type=float, default=0.3)
    a = ap.parse_args(argv)
    sets = [s for s in a.sets.split(",") if s]
    pairs = load_pairs(Path(a.data), sets)
    seen, subst, missing, ref_df = learn(pairs, a.min_es_zipf, a.max_en_zipf)
    log(f"mine_lexicon: {len(pairs)} pairs, {len(seen)} leftover words")
    eng = english_counts(Path(a.corpora), set(seen))
    entries = select(seen, subst, missing, ref_df, eng, a.min_seen, a.min_subst, a.min_share, a.min_dice,
                     a.max_english)
    params = dict(min_es_zipf=a.min_es_zipf, max_en_zipf=a.max_en_zipf, min_seen=a.min_seen, min_subst=a.min_subst,
                  min_share=a.min_share, min_dice=a.min_dice, max_english=a.max_english)
    if a.source_dice:
        spairs = source_pairs(Path(a.data), Path(a.corpora), sets)
        df: Counter = Counter()
        for es, _ in spairs:
            df.update({t.lower() for _, _, t in tokenize(es)})
        vocab = sorted(w for w, n in df.items() if n >= a.min_co and is_leftover(w, a.min_es_zipf, a.max_en_zipf))
        log(f"mine_lexicon: {len(spairs)} source lines, {len(vocab)} candidate Spanish words; asking Apertium which "
            "it leaves")
        unknown = apertium_unknown(vocab, Path(a.data) / "cache")
        eng2 = english_counts(Path(a.corpora), unknown - set(eng))
        eng.update(eng2)
        have = {x["es"] for x in entries}
        dice = source_dice(spairs, unknown - have, a.min_co, a.min_source_dice)
        for w, d in sorted(dice.items()):
            if eng.get(w, 0) > a.max_english:
                continue
            entries.append(dict(es=w, en=d["en"], seen=0, subst=0, missing=d["co"], dice=d["dice"],
                                english=eng.get(w, 0), lines=d["lines"]))
        params.update(source_dice=True, min_co=a.min_co, min_source_dice=a.min_source_dice)
        log(f"mine_lexicon: {len(unknown)} words Apertium leaves, {len(dice)} with a clear translation")
    info = dict(sets=sets, pairs=len(pairs), leftovers=len(seen), params=params)
    cmd = "python -m repair.mine_lexicon " + " ".join(argv if argv is not None else sys.argv[1:])
    write(Path(a.out), entries, info, cmd.strip())
    log(f"mine_lexicon: wrote {len(entries)} entries to {a.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
