"""Observed MT edit patterns, the data the synthetic generator (``repair.synth``) draws its damage from.

    python -m repair.synth_patterns [--corpora ../shared/corpora] [--out corpora/synth-patterns.yaml]

Two sources of real machine translation are aligned with a human English version, word by word (difflib on
lower-cased tokens), and every difference of at most three tokens a side is classified into a kind and a shape:

* the Spanish of newstest2012, lines 1-1500 only (the project's dev split; 1501-3003 is the test split no rule,
  miner or generator may see), translated with Apertium (``apertium spa-eng``, its unknown-word marks kept so
  that words left in Spanish are told apart) against the professional reference;
* MLQE-PE ro-en and ru-en dev (CC0): neural MT against its professional post-edit.

The reference of newstest2012 is an independent translation, not a post-edit, so many differences are style
("However" / "But").  An observed edit counts as damage only where its MT side is not English in that context:
the English bigram of the MT word with its neighbour is rare (< 1 % of the reference word's, or absent) in the
project's English bigram counts.  Patterns seen at least twice are kept, with their counts per source, as short
phrase pairs (at most three tokens a side, never a sentence).

The page-level kinds (glue from stripped links, inline boilerplate, quotes, accents, names, punctuation) come
from ``corpora/synth-pages.yaml``: a hand tally of content-farm pages studied for issue 9 (addresses and counts,
no text), read as it is.  ``phrase_share`` (the part of all damage that is phrase-level calque, word order,
dropped subjects and words left in the source language) is issue 9's figure for real copy.

The output is plain YAML for an editor to read.  Needs the Debian packages ``apertium`` and ``apertium-eng-spa``
and wordfreq's bigram index (``repair.lexicon``); without Apertium it names the packages and exits 2.
"""

from __future__ import annotations

import argparse
import difflib
import hashlib
import json
import re
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

from . import langdata

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPORA = ROOT.parent / "shared" / "corpora"
DEFAULT_OUT = ROOT / "corpora" / "synth-patterns.yaml"
PAGES = ROOT / "corpora" / "synth-pages.yaml"
CACHE = ROOT / "build" / "synth"
DEV_LINES = 1500  # newstest2012 lines 1..1500: dev; the rest is the test split
MAX_SIDE = 3
MIN_COUNT = 2
MIN_COUNT_PAIR = 1  # a phrase pair of 1-3 tokens a side seen once, kept with its context
RARE = 0.01  # MT bigram below 1 % of the reference bigram: not English there
PHRASE_SHARE = 0.5

TOKEN_RE = re.compile(r"[*#@]?\w+(?:['’]\w+)*|[^\w\s]")
PREPS = langdata.words("en", "synth", "prepositions")
ARTICLES = langdata.words("en", "synth", "articles")
PRONOUNS = langdata.words("en", "synth", "pronouns")
FUNCTION = PREPS | ARTICLES | PRONOUNS | langdata.words("en", "synth", "function_words")
WEEKDAYS = {w.lower() for w in langdata.wordlist("en", "synth", "weekdays")}
MONTHS = {w.lower() for w in langdata.wordlist("en", "synth", "months")}


# --------------------------------------------------------------------------- sources

def require_apertium() -> None:
    from .mine_devset import require_apertium as need

    need()


def apertium_marked(lines: list[str], cache: Path = CACHE) -> list[str]:
    """Apertium spa-eng with its marks (``*`` unknown, ``#`` generation error, ``@`` untransferred), cached."""
    cache.mkdir(parents=True, exist_ok=True)
    text = "\n".join(ln.replace("\n", " ") for ln in lines) + "\n"
    key = cache / (hashlib.sha1(text.encode()).hexdigest() + ".marked.en")
    if key.exists():
        out = key.read_text(encoding="utf-8").split("\n")
    else:
        r = subprocess.run(["apertium", "spa-eng"], input=text, capture_output=True, text=True)
        if r.returncode != 0:
            raise RuntimeError(f"apertium exited {r.returncode}: {r.stderr.strip()[:200]}")
        key.write_text(r.stdout, encoding="utf-8")
        out = r.stdout.split("\n")
    out = out[: len(lines)]
    if len(out) != len(lines):
        raise RuntimeError("apertium returned a different number of lines")
    return out


def pairs_apertium(corpora: Path) -> list[tuple[str, str]]:
    es = (corpora / "newstest2012" / "newstest2012.es").read_text(encoding="utf-8").split("\n")[:DEV_LINES]
    en = (corpora / "newstest2012" / "newstest2012.en").read_text(encoding="utf-8").split("\n")[:DEV_LINES]
    return list(zip(apertium_marked(es), en))


def pairs_mlqe(corpora: Path) -> list[tuple[str, str]]:
    out = []
    for name in ("ro-en.dev.jsonl", "ru-en.dev.jsonl"):
        p = corpora / "mlqe-pe" / name
        if not p.exists():
            continue
        for ln in p.read_text(encoding="utf-8").splitlines():
            d = json.loads(ln)
            out.append((d["mt"], d.get("pe_detok_auto") or d["pe_tok"]))
    return out


# --------------------------------------------------------------------------- alignment and classes

def tokens(s: str) -> list[str]:
    return TOKEN_RE.findall(s)


def _plain(t: str) -> str:
    return t.lstrip("*#@")


def _marked(t: str) -> bool:
    return t[:1] in "*#@" and len(t) > 1


def _cls(t: str | None) -> str:
    """The class of the word after an article: weekday, date, name, word, other."""
    if t is None:
        return "end"
    lo = t.lower()
    if lo in WEEKDAYS:
        return "weekday"
    if lo in MONTHS or t.isdigit():
        return "date"
    if t[:1].isupper():
        return "name"
    if t[:1].isalpha():
        return "word"
    return "other"


def _bigram(a: str, b: str) -> int:
    from . import lexicon

    try:
        return lexicon.bigram(a, b)
    except Exception:  # noqa: BLE001 - no index: no evidence either way
        return -1


def not_english(left: str | None, mt: list[str], ref: list[str], right: str | None) -> bool | None:
    """The MT side reads as non-English beside its neighbour where the reference side reads as English."""
    checks = []
    if left and left[:1].isalnum():
        checks.append((_bigram(left, mt[0]) if mt else _bigram(left, right or ""),
                       _bigram(left, ref[0]) if ref else _bigram(left, right or "")))
    if right and right[:1].isalnum():
        checks.append((_bigram(mt[-1], right) if mt else _bigram(left or "", right),
                       _bigram(ref[-1], right) if ref else _bigram(left or "", right)))
    if not checks or any(m < 0 or r < 0 for m, r in checks):
        return None
    return any(r > 0 and m < RARE * r for m, r in checks)


def classify(mt: list[str], ref: list[str], nxt: str | None) -> tuple[str, str]:
    """(kind, shape) of one observed edit: MT side ``mt`` where the reference has ``ref``."""
    lm = [_plain(t).lower() for t in mt]
    lr = [t.lower() for t in ref]
    if any(t[:1] == "*" and t[1:2].islower() for t in mt):
        return "residue", "source-word"
    if not [t for t in lm + lr if t[:1].isalnum()]:
        return "other", "punctuation"
    if lm and lm[-1] == "the" and (not lr or lr[-1] in PREPS) and len(lm) <= 2:
        return "calque", "article-" + {"weekday": "weekday", "date": "date", "name": "name"}.get(_cls(nxt), "generic")
    if not lm and len(lr) == 1 and lr[0] in ARTICLES:
        return "calque", "missing-article"
    if not lm and len(lr) == 1 and lr[0] in PRONOUNS:
        return "grammar", "dropped-subject"
    if len(lm) == len(lr) == 1 and lm[0] in PREPS and lr[0] in PREPS:
        return "calque", "preposition"
    if len(lm) == len(lr) == 1 and lm[0].isalpha() and lr[0].isalpha() and lm[0] not in FUNCTION \
            and lr[0] not in FUNCTION:
        return "calque", "lexical"
    if lm and lr and len(lm) >= 2 and sorted(lm) == sorted(lr):
        return "grammar", "word-order"
    if lm and lr and (set(lm) | set(lr)) & (PREPS | ARTICLES):
        return "calque", "literal"
    return "other", "other"


def edits(mt_line: str, ref_line: str):
    """Yield (mt tokens, ref tokens, left ref token, right ref token, next mt token) per difference."""
    mt, ref = tokens(mt_line), tokens(ref_line)
    a = [_plain(t).lower() for t in mt]
    b = [t.lower() for t in ref]
    ops = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    # a token deleted on one side and inserted within three tokens on the other: one reordering
    dels = [(k, op) for k, op in enumerate(ops) if op[0] == "delete" and op[2] - op[1] == 1]
    ins = [(k, op) for k, op in enumerate(ops) if op[0] == "insert" and op[4] - op[3] == 1]
    moved = set()
    for kd, d in dels:
        for ki, i in ins:
            if ki not in moved and kd not in moved and abs(kd - ki) <= 2 and a[d[1]] == b[i[3]]:
                moved |= {kd, ki}
                lo, hi = min(d[1], i[1]), max(d[2], i[2])
                rlo, rhi = min(d[3], i[3]), max(d[4], i[4])
                if hi - lo <= MAX_SIDE and rhi - rlo <= MAX_SIDE and a[d[1]][:1].isalnum():
                    yield mt[lo:hi], ref[rlo:rhi], "moved", None, None
                break
    for k, (tag, i1, i2, j1, j2) in enumerate(ops):
        if tag == "equal" or k in moved:
            continue
        if i2 - i1 > MAX_SIDE or j2 - j1 > MAX_SIDE:
            yield mt[i1:i2], ref[j1:j2], "long", None, None
            continue
        left = ref[j1 - 1] if j1 > 0 else None
        right = ref[j2] if j2 < len(ref) else None
        nxt = _plain(mt[i2]) if i2 < len(mt) else None
        yield mt[i1:i2], ref[j1:j2], left, right, nxt


def observe(pairs: list[tuple[str, str]], source: str, table: dict, ctx: dict, shapes: Counter,
            filt: Counter) -> None:
    for mt_line, ref_line in pairs:
        for mt, ref, left, right, nxt in edits(mt_line, ref_line):
            if left == "long":
                shapes[("other", "long")] += 1
                continue
            if left == "moved":
                kind, shape = "grammar", "word-order"
                left = right = None
            else:
                kind, shape = classify(mt, ref, nxt)
            shapes[(kind, shape)] += 1
            if kind == "other":
                continue
            mts = " ".join(_plain(t) for t in mt)
            refs = " ".join(ref)
            if kind == "residue":
                ok = True
            elif shape.startswith("article-") or shape in ("missing-article", "dropped-subject", "word-order"):
                ok = True if shape != "article-generic" else not_english(left, [_plain(t) for t in mt], ref, right)
            else:
                ok = not_english(left, [_plain(t) for t in mt], ref, right)
            if ok is False:
                filt[(kind, shape, "english")] += 1
                continue
            filt[(kind, shape, "kept")] += 1
            key = (kind, shape, refs if kind == "residue" else refs.lower(), mts)
            table[key][source] += 1
            ctx[key][((left or "").lower(), (right or "").lower())] += 1


# --------------------------------------------------------------------------- the table

def build(corpora: Path, log=print) -> dict:
    require_apertium()
    table: dict = defaultdict(Counter)
    ctx: dict = defaultdict(Counter)
    shapes = {"apertium": Counter(), "mlqe-pe": Counter()}
    filt = {"apertium": Counter(), "mlqe-pe": Counter()}
    ap = pairs_apertium(corpora)
    log(f"synth_patterns: {len(ap)} Apertium sentences")
    observe(ap, "apertium", table, ctx, shapes["apertium"], filt["apertium"])
    ml = pairs_mlqe(corpora)
    log(f"synth_patterns: {len(ml)} MLQE-PE segments")
    observe(ml, "mlqe-pe", table, ctx, shapes["mlqe-pe"], filt["mlqe-pe"])

    patterns: dict[str, list] = defaultdict(list)
    for key, by in table.items():
        kind, shape, ref, mt = key
        n = sum(by.values())
        if kind == "residue":
            # one source word left for one English word: a word, not text (seen once is enough)
            if len(ref.split()) != 1 or len(mt.split()) != 1 or not ref.isalpha() or not mt.isalpha() \
                    or ref.lower() in FUNCTION or len(ref) < 4:
                continue
        elif n < (MIN_COUNT_PAIR if shape in ("lexical", "preposition", "word-order") or _short_literal(shape, ref, mt)
                  else MIN_COUNT) or not (ref.strip() or mt.strip()):
            continue
        if shape == "lexical" and not _english_word(mt, ref):
            continue
        entry = {"ref": ref, "mt": mt, "n": n, "sources": dict(sorted(by.items()))}
        seen = [(l, r, c) for (l, r), c in ctx[key].most_common(4)]
        if seen and shape not in ("word-order",):
            entry["contexts"] = [{"left": l, "right": r, "n": c} for l, r, c in seen]
        patterns[shape].append(entry)
    for shape in patterns:
        patterns[shape].sort(key=lambda p: (-p["n"], p["ref"], p["mt"]))

    observed: dict[str, dict] = {}
    for src in shapes:
        observed[src] = {
            "edits_by_shape": {f"{k}/{s}": n for (k, s), n in sorted(shapes[src].items(), key=lambda x: -x[1])},
            "kept_as_damage": {f"{k}/{s}": n for (k, s, what), n in sorted(filt[src].items(), key=lambda x: -x[1])
                               if what == "kept"},
            "dropped_as_english": {f"{k}/{s}": n for (k, s, what), n in sorted(filt[src].items(),
                                                                               key=lambda x: -x[1])
                                   if what == "english"},
        }
    # phrase-level weights: how often the kept patterns of each shape were seen (both sources)
    phrase = Counter()
    kinds = {s: k for (k, s, _r, _m) in table}
    for shape, ps in patterns.items():
        phrase[f"{kinds[shape]}/{shape}"] += sum(p["n"] for p in ps)
    return {"observed": observed, "phrase_weights": dict(phrase.most_common()), "patterns": dict(patterns)}


def _short_literal(shape: str, ref: str, mt: str) -> bool:
    """Literal calques need two sightings (kept as a hook should a larger dev set allow singletons)."""
    r, m = ref.lower().split(), mt.lower().split()
    return False  # seen once, a literal calque of the reference is indistinguishable from alignment noise


def _english_word(mt: str, ref: str) -> bool:
    """The MT word of a lexical calque (false friend, wrong sense) is an English word (not a word left in the source language, that is
    residue) and not a spelling variant of the reference word (civilisation / civilization)."""
    from . import lexicon

    try:
        if not lexicon.is_word(mt.lower()):
            return False
    except Exception:  # noqa: BLE001
        return False
    return difflib.SequenceMatcher(None, mt.lower(), ref.lower()).ratio() < 0.75


def page_weights(pages: dict) -> Counter:
    c = Counter()
    for p in pages.get("pages", []):
        for shape, n in (p.get("counts") or {}).items():
            c[shape] += int(n)
    return c


def render(data: dict, pages: dict, corpora: Path) -> str:
    import yaml

    pw = page_weights(pages)
    page_level = {k: n for k, n in pw.items() if not k.startswith(("calque/", "grammar/", "residue/"))}
    head = (
        "# Observed MT edit patterns: what repair.synth draws its damage from (generated; do not edit by hand).\n"
        "# Rebuild: python -m repair.synth_patterns   (needs apertium + apertium-eng-spa, ../shared/corpora and\n"
        "#          wordfreq's bigram index; reads corpora/synth-pages.yaml, the hand tally of studied pages)\n"
        "# Sources: Apertium spa-eng on newstest2012.es lines 1-1500 aligned with newstest2012.en (dev split only;\n"
        "#   short phrase pairs, never sentences); MLQE-PE ro-en/ru-en dev, MT vs post-edit (CC0); page tally.\n"
        "# A pattern is kept when seen at least twice with its MT side not English beside its neighbour\n"
        f"#   (English bigram below {RARE:.0%} of the reference's).  ref: clean English side; mt: the MT side;\n"
        "#   left/right: the neighbouring reference word the pattern was seen with (the generator requires it).\n"
    )
    body = {
        "phrase_share": PHRASE_SHARE,
        "phrase_share_source": "issue 9: half of the damage in real content-farm copy is phrase-level calque",
        "phrase_weights": data["phrase_weights"],
        "page_weights": dict(sorted(page_level.items(), key=lambda x: -x[1])),
        "page_weights_source": f"corpora/synth-pages.yaml ({len(pages.get('pages', []))} pages)",
        "observed": data["observed"],
        "patterns": data["patterns"],
    }
    return head + yaml.safe_dump(body, allow_unicode=True, sort_keys=False, width=120)


def main(argv: list[str] | None = None) -> int:
    import yaml

    ap = argparse.ArgumentParser(prog="python -m repair.synth_patterns", description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpora", default=str(DEFAULT_CORPORA))
    ap.add_argument("--out", default=str(DEFAULT_OUT))
    args = ap.parse_args(argv)
    corpora = Path(args.corpora)
    if not (corpora / "newstest2012" / "newstest2012.es").exists():
        print(f"synth_patterns: error: {corpora}/newstest2012: not found", file=sys.stderr)
        return 2
    pages = yaml.safe_load(PAGES.read_text(encoding="utf-8")) if PAGES.exists() else {}
    data = build(corpora, log=lambda m: print(m, file=sys.stderr))
    Path(args.out).write_text(render(data, pages, corpora), encoding="utf-8")
    n = sum(len(v) for v in data["patterns"].values())
    print(f"wrote {args.out}: {n} patterns in {len(data['patterns'])} shapes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
