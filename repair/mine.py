"""Mine post-editing rules from MT output aligned with its reference, filtered for precision.

Statistical post-editing of rule-based MT (Simard et al. 2007; Dugast, Senellart and Koehn 2007) learns what a
post-editor does to the output of a rule-based system.  Here the "post-edits" are the professional references of
the Apertium dev set (``python -m repair.mine_devset``), which are independent translations, not post-edits: most
of their differences from the MT are style or reordering.  So an edit is kept only when

1. it recurs: the same phrase-level edit (``left [mt] right`` → ``left [fix] right``, at most 3 tokens changed,
   0-2 tokens of context on each side, numbers as the class ``<num>``) is made by the references at least
   ``--min-count`` times, and at least ``--min-precision`` of the MT occurrences of ``left mt right`` get it;
2. its MT side is not English: ``left mt right`` is rare or absent in clean English (the English sides of
   ``parallel/`` and newstest2012 lines 1-1500, and symspellpy's bigram counts), while ``left fix right`` is
   attested there;
3. it lowers the edit distance to the reference on sentences the miner did not see: the mining lines are cut in
   ``--folds`` folds; for each fold the rules are re-derived from the other folds' counts and applied, one at a
   time, to that fold's MT; a rule survives only if, summed over the folds, it brought more sentences closer to
   the reference than further and lowered the total token edit distance.

    python -m repair.mine [--data build/apertium] [--corpora ../shared/corpora] [--out rules/learned/apertium-es.yaml]

The test split (newstest2012 lines 1501-3003) and the held-out sets (WMT 2011, FLORES) are never read.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import zlib
from collections import Counter, defaultdict
from difflib import SequenceMatcher
from functools import lru_cache
from pathlib import Path

from .learned import LearnedRule, Matcher, _words, apply_rules, detok, norm, tokenize
from .mine_devset import specs as _devset_specs

#: the sets python -m repair.mine_devset builds that may be mined (roles dev and mine): newstest2012 lines 1-1500,
#: WMT 2008-2010, NTREX, TICO and News Commentary parts 1-3
MINE_SETS = tuple(s.name for s in _devset_specs(1) if s.role in ("dev", "mine"))
NEVER = ("newstest2012.test", "wmt2011", "flores")
ENGLISH_FILES = (
    "parallel/wmt-newstest2008.es-en.en", "parallel/wmt-newstest2009.es-en.en", "parallel/wmt-newssyscomb2009.es-en.en",
    "parallel/wmt-newstest2010.es-en.en", "parallel/ntrex128.es-en.en", "parallel/tico19.es-en.en",
    "parallel/newscommentary-v11-part1.es-en.en", "parallel/newscommentary-v11-part2.es-en.en",
    "parallel/newscommentary-v11-part3.es-en.en",
)
MAX_CHANGE = 3
MAX_CTX = 2


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- data

def load_pairs(data: Path, sets) -> list[tuple[str, int, str, str]]:
    out = []
    for name in sets:
        if name in NEVER:
            raise SystemExit(f"mine: {name} is held out and may not be mined")
        mt, ref = data / f"{name}.mt", data / f"{name}.ref"
        if not mt.exists():
            raise SystemExit(f"mine: {mt} is missing (build it with python -m repair.mine_devset --sets {name})")
        a = mt.read_text(encoding="utf-8").splitlines()
        b = ref.read_text(encoding="utf-8").splitlines()
        if len(a) != len(b):
            raise SystemExit(f"mine: {name}: MT and reference differ in line count")
        out.extend((name, i, x, y) for i, (x, y) in enumerate(zip(a, b)))
    return out


def fold_of(name: str, i: int, folds: int) -> int:
    return zlib.crc32(f"{name}:{i}".encode()) % folds


def english_lines(corpora: Path) -> tuple[list[str], list[str], list[str]]:
    """Clean English: (evidence = the English sides of parallel/ and newstest2012 lines 1-750; those newstest
    lines alone; newstest2012 lines 751-1500, the calibration half, used only to measure the whole rule set)."""
    lines = []
    for f in ENGLISH_FILES:
        p = corpora / f
        if p.exists():
            lines.extend(p.read_text(encoding="utf-8").splitlines())
    nt = (corpora / "newstest2012" / "newstest2012.en").read_text(encoding="utf-8").splitlines()
    news, calib = nt[:750], nt[750:1500]  # the dev half only; lines 1501-3003 are never read
    return lines + news, news, calib


# --------------------------------------------------------------------------- candidates

def edits_of(a: list[str], b: list[str]):
    """Phrase edits (i1, i2, j1, j2, left-context room, right-context room) between token lists a (MT) and b."""
    ops = SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    for k, (tag, i1, i2, j1, j2) in enumerate(ops):
        if tag == "equal":
            continue
        if i2 - i1 > MAX_CHANGE or j2 - j1 > MAX_CHANGE:
            continue
        lroom = ops[k - 1][2] - ops[k - 1][1] if k > 0 and ops[k - 1][0] == "equal" else 0
        rroom = ops[k + 1][2] - ops[k + 1][1] if k + 1 < len(ops) and ops[k + 1][0] == "equal" else 0
        yield i1, i2, j1, j2, min(lroom, MAX_CTX), min(rroom, MAX_CTX)


def usable(mid: tuple[str, ...], fix: tuple[str, ...]) -> bool:
    if "<num>" in mid or "<num>" in fix:
        return False
    if not any(t[0].isalpha() for t in mid + fix):  # punctuation-only edits are the other detectors' job
        return False
    return True


def content(t: str) -> bool:
    """A content word: alphabetic and not among the most frequent English words (Zipf < 6: not the, of, and, ...)."""
    from .lexicon import zipf

    return t.isalpha() and zipf(t) < 6.0


def moved(mid, a, b, i1, i2, j1, j2) -> bool:
    """The MT words of an edit that the reference has elsewhere (more often than the MT outside the edit):
    the edit is a reordering, not a correction."""
    for t in set(mid):
        if content(t):
            outside_b = b[:j1].count(t) + b[j2:].count(t)
            outside_a = a[:i1].count(t) + a[i2:].count(t)
            if outside_b > outside_a:
                return True
    return False


def candidates(pairs, folds: int, min_count: int):
    """Count edits per fold: key (left, mt, right, fix_norm) → [count per fold]; plus surface forms of fixes."""
    tok = []
    for name, i, mt, ref in pairs:
        ta = [t for _, _, t in tokenize(mt)]
        tb = [t for _, _, t in tokenize(ref)]
        tok.append((fold_of(name, i, folds), [norm(t) for t in ta], [norm(t) for t in tb], tb))
    core = Counter()
    found = []
    for f, a, b, tb in tok:
        for i1, i2, j1, j2, lr, rr in edits_of(a, b):
            mid, fix = tuple(a[i1:i2]), tuple(b[j1:j2])
            if not usable(mid, fix):
                continue
            if moved(mid, a, b, i1, i2, j1, j2):
                continue  # a reordering read as a deletion: the words stand elsewhere in the reference
            core[(mid, fix)] += 1
            found.append((f, a, b, tb, i1, i2, j1, j2, lr, rr))
    keep = {k for k, c in core.items() if c >= min_count}
    counts: dict[tuple, list[int]] = defaultdict(lambda: [0] * folds)
    surface: dict[tuple, Counter] = defaultdict(Counter)
    for f, a, b, tb, i1, i2, j1, j2, lr, rr in found:
        mid, fix = tuple(a[i1:i2]), tuple(b[j1:j2])
        if (mid, fix) not in keep:
            continue
        sf = tuple(tb[j1:j2])
        if j1 == 0 and sf and sf[0][:1].isupper() and not sf[0].isupper():  # sentence-initial capital
            sf = (sf[0][:1].lower() + sf[0][1:],) + sf[1:]
        for kl in range(lr + 1):
            for kr in range(rr + 1):
                if not mid and kl + kr == 0:
                    continue  # an insertion needs an anchor
                if not fix and kl + kr == 0:
                    continue  # so does a deletion
                key = (tuple(a[i1 - kl:i1]), mid, tuple(a[i2:i2 + kr]), fix)
                counts[key][f] += 1
                surface[key][sf] += 1
    return tok, counts, surface


def ngram_counts(seqs, wanted: set[tuple[str, ...]], folds_of=None, folds: int = 1):
    """Occurrences of the wanted n-grams in token sequences (per fold when folds_of is given)."""
    by_len = defaultdict(set)
    for w in wanted:
        by_len[len(w)].add(w)
    out: dict[tuple, list[int]] = defaultdict(lambda: [0] * folds)
    for k, seq in enumerate(seqs):
        f = folds_of[k] if folds_of is not None else 0
        n = len(seq)
        for L, ws in by_len.items():
            for i in range(n - L + 1):
                g = tuple(seq[i:i + L])
                if g in ws:
                    out[g][f] += 1
    return out


# --------------------------------------------------------------------------- filtering

def levenshtein(a: list[str], b: list[str]) -> int:
    """Token edit distance (unit costs); rapidfuzz's C implementation where installed (the same numbers, some
    hundred times faster: the fold validation computes millions), else the plain dynamic programme."""
    fast = _fast()
    return fast(a, b) if fast is not None else _levenshtein(a, b)


@lru_cache(maxsize=None)
def _fast():
    try:
        from rapidfuzz.distance import Levenshtein
    except ImportError:
        return None
    return Levenshtein.distance


def _levenshtein(a: list[str], b: list[str]) -> int:
    if len(a) < len(b):
        a, b = b, a
    prev = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        cur = [i]
        for j, y in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x != y)))
        prev = cur
    return prev[-1]


class Filter:
    def __init__(self, min_count, min_precision, eng_ratio, eng_total, mt_total, bigram=None, eng_per_m=1.0):
        self.min_count, self.min_precision = min_count, min_precision
        self.eng_max = eng_per_m * eng_total / 1e6
        self.eng_ratio, self.eng_total, self.mt_total = eng_ratio, eng_total, mt_total
        self.bigram = bigram

    def english_ok(self, lhs, new, seen, e_lhs, e_new) -> bool:
        """The MT side is not English (rare in clean English relative to the MT) and the fix is."""
        if e_new < 1 or e_new <= e_lhs:
            return False
        rate_mt = seen / self.mt_total
        rate_en = e_lhs / self.eng_total
        if e_lhs and rate_mt < self.eng_ratio * rate_en:
            return False
        if e_lhs > self.eng_max:  # however common in MT, a phrase this common in clean English is English
            return False
        if self.bigram is not None:
            pairs = [(x, y) for x, y in zip(lhs, lhs[1:]) if x.isalpha() and y.isalpha()]
            if pairs and len(pairs) == len(lhs) - 1 and all(self.bigram(x, y) > 0 for x, y in pairs):
                return False  # every word pair common enough for symspellpy's bigram list: English
        return True

    def passes(self, count, seen, lhs, new, e_lhs, e_new) -> bool:
        return (count >= self.min_count and seen > 0 and count / seen >= self.min_precision
                and self.english_ok(lhs, new, seen, e_lhs, e_new))


def evidence(pairs, english: list[str], news: list[str], calib: list[str], folds: int, min_count: int,
             cache: Path | None = None):
    """The counts the filters need (the slow part), cached in `cache` when given."""
    import hashlib
    import pickle

    t0 = time.time()
    key = hashlib.sha1(repr((len(pairs), pairs[:3], pairs[-3:], len(english), len(news), len(calib), folds,
                             min_count, MAX_CHANGE, MAX_CTX, 4)).encode()).hexdigest()[:16]
    if cache is not None:
        f = cache / f"mine-evidence-{key}.pkl"
        if f.exists():
            with open(f, "rb") as fh:
                return pickle.load(fh)
    tok, counts, surface = candidates(pairs, folds, min_count)
    log(f"mine: {len(pairs)} pairs, {len(counts)} candidate edits with context ({time.time() - t0:.0f} s)")
    cand = {k: v for k, v in counts.items() if sum(v) >= min_count}
    lhs_set = {k[0] + k[1] + k[2] for k in cand}
    new_set = {k[0] + k[3] + k[2] for k in cand}
    seqs = [a for _, a, _, _ in tok]
    seen = dict(ngram_counts(seqs, lhs_set, [f for f, _, _, _ in tok], folds))
    log(f"mine: {len(cand)} candidates, MT occurrences counted ({time.time() - t0:.0f} s)")
    eng = {k: v[0] for k, v in ngram_counts(([norm(t) for _, _, t in tokenize(s)] for s in english),
                                            lhs_set | new_set).items()}
    in_news = {k: v[0] for k, v in ngram_counts(([norm(t) for _, _, t in tokenize(s)] for s in news), lhs_set).items()}
    in_cal = {k: v[0] for k, v in ngram_counts(([norm(t) for _, _, t in tokenize(s)] for s in calib), lhs_set).items()}
    totals = dict(eng_total=sum(len(s.split()) for s in english), mt_total=sum(len(a) for a in seqs),
                  calib_total=sum(len(s.split()) for s in calib), key=key)
    log(f"mine: English evidence counted ({totals['eng_total']} words; {time.time() - t0:.0f} s)")
    out = dict(tok=tok, cand=cand, surface={k: surface[k] for k in cand}, seen=seen, eng=eng, news=in_news,
               calib=in_cal, **totals)
    if cache is not None:
        cache.mkdir(parents=True, exist_ok=True)
        tmp = f.with_suffix(".tmp")
        with open(tmp, "wb") as fh:
            pickle.dump(out, fh, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(f)
    return out


def validate(ev, folds: int, min_count: int, min_precision: float, cache: Path | None = None):
    """Per candidate: (fires, better, worse, gain) on the folds it was not derived from (applied alone)."""
    import hashlib
    import pickle

    key = hashlib.sha1(repr((ev["key"], folds, min_count, min_precision, 3)).encode()).hexdigest()[:16]
    if cache is not None:
        f = cache / f"mine-valid-{key}.pkl"
        if f.exists():
            with open(f, "rb") as fh:
                return pickle.load(fh)
    t0 = time.time()
    tok, cand, seen, eng = ev["tok"], ev["cand"], ev["seen"], ev["eng"]
    zero = [0] * folds
    by_fold = defaultdict(list)
    for f_, a, b, tb in tok:
        by_fold[f_].append((a, b))
    stats: dict[tuple, list[int]] = {}
    for f_ in range(folds):
        rules = []
        for k, v in cand.items():
            lhs, new = k[0] + k[1] + k[2], k[0] + k[3] + k[2]
            c = sum(v) - v[f_]
            sn = sum(seen.get(lhs, zero)) - seen.get(lhs, zero)[f_]
            # loose here; the strict filters are applied when selecting
            if c >= min_count and sn and c / sn >= min_precision and eng.get(new, 0) > eng.get(lhs, 0):
                rules.append((k, rule_for(ev, k)))
        m = Matcher(r for _, r in rules)
        key_of = {id(r): k for k, r in rules}
        for a, b in by_fold[f_]:
            hits = list(m.matches(a))
            if not hits:
                continue
            d0 = levenshtein(a, b)
            for i, r in dict.fromkeys(hits):
                j = i + len(r.left)
                d1 = levenshtein(a[:j] + [norm(t) for t in r.fix] + a[j + len(r.mt):], b)
                st = stats.setdefault(key_of[id(r)], [0, 0, 0, 0])
                st[0] += 1
                st[1] += d1 < d0
                st[2] += d1 > d0
                st[3] += d0 - d1
        log(f"mine: fold {f_ + 1}/{folds}: {len(rules)} rules validated ({time.time() - t0:.0f} s)")
    if cache is not None:
        tmp = f.with_suffix(".tmp")
        with open(tmp, "wb") as fh:
            pickle.dump(stats, fh, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(f)
    return stats


def rule_for(ev, k, rid="?"):
    sf = ev["surface"][k].most_common(1)[0][0] if ev["surface"].get(k) else k[3]
    return LearnedRule(id=rid, left=k[0], mt=k[1], right=k[2], fix=tuple(sf))


def select(ev, stats, min_count=3, min_precision=0.3, eng_ratio=20.0, eng_per_m=1.0, use_bigrams=True,
           min_gain=3, min_benefit=0.0, max_rules=None, quiet=False, veto=frozenset(), readable=False):
    """The rules that pass every filter (see the module docstring), without redundant ones, best first.
    min_benefit: the rule's validated gain per MT word must be at least this many times its rate in clean English
    (smoothed: (english + 0.5) per English word), so a rule that is rare in English but saves little is dropped.
    readable: drop what lowers the edit distance without being an editor's fix (``readable_edit``), and edits
    whose MT side in context holds no content word."""
    cand, seen, eng, news = ev["cand"], ev["seen"], ev["eng"], ev["news"]
    eng_total, mt_total = ev["eng_total"], ev["mt_total"]
    zero = [0] * len(next(iter(cand.values()))) if cand else []
    bigram = None
    if use_bigrams:
        from .lexicon import bigram as bigram
    flt = Filter(min_count, min_precision, eng_ratio, eng_total, mt_total, bigram, eng_per_m)
    kept = []
    for k, v in cand.items():
        lhs, new = k[0] + k[1] + k[2], k[0] + k[3] + k[2]
        if news.get(lhs):  # occurs in clean news of the kind the tool must leave alone
            continue
        c, sn = sum(v), sum(seen.get(lhs, zero))
        e_l, e_n = eng.get(lhs, 0), eng.get(new, 0)
        if not flt.passes(c, sn, lhs, new, e_l, e_n):
            continue
        if " ".join(k[1]) in veto or "|".join(" ".join(x) for x in k[:3]) in veto:
            continue
        if readable and not (readable_edit(k[1], k[3]) and any(content(t) for t in lhs)):
            continue  # (a context of function words and numbers alone reads as English too: "is of 10", "may of 2022")
        fires, better, worse, gain = stats.get(k, (0, 0, 0, 0))
        if better < 2 * worse or better < 1:
            continue
        if not foreign(k[1]):  # a phrase of English words: it must save enough to outweigh its risk on clean copy
            if gain < min_gain:
                continue
            if min_benefit and (gain / mt_total) < min_benefit * (e_l + 0.5) / eng_total:
                continue
        elif gain < 1:
            continue
        kept.append(dict(key=k, count=c, seen=sn, english=e_l, english_fix=e_n,
                         fires=fires, better=better, worse=worse, gain=gain, rule=rule_for(ev, k)))
    # a rule whose more general form (less context, same edit) is kept adds nothing
    general = defaultdict(list)
    for x in kept:
        general[(x["key"][1], x["key"][3])].append(x)
    out = []
    for x in kept:
        L, M, R, F = x["key"]
        redundant = any(y is not x and L[len(L) - len(y["key"][0]):] == y["key"][0] and R[:len(y["key"][2])] == y["key"][2]
                        and len(y["key"][0]) + len(y["key"][2]) < len(L) + len(R)
                        for y in general[(M, F)])
        if not redundant:
            out.append(x)
    # one fix per MT side: the one that saved most
    best: dict[tuple, dict] = {}
    for x in out:
        lhs = x["key"][0] + x["key"][1] + x["key"][2]
        if lhs not in best or x["gain"] > best[lhs]["gain"]:
            best[lhs] = x
    out = sorted(best.values(), key=lambda x: (-x["gain"], -x["count"], x["key"]))
    if max_rules:
        out = out[:max_rules]
    if not quiet:
        log(f"mine: {len(kept)} rules pass every filter, {len(out)} after dropping redundant ones")
    return out


def readable_edit(mid, fix) -> bool:
    """An edit an editor would make, not one that only lowers the edit distance: a deletion removes no content
    word (deleting "of the prices" or "of his country" matches a reference that moved the words elsewhere, and
    loses them on copy), and neither side holds a hyphen (detokenised, "sub - Saharan" would read wrong)."""
    if not fix and any(content(t) for t in mid):
        return False
    if spelling_variant(" ".join(t for t in mid if t != "the"), " ".join(t.lower() for t in fix)):
        return False
    return "-" not in mid and "-" not in fix


#: British -> American spellings: a reference's house style, not damage ("civilisation" is English)
_SPELLING = (("isation", "ization"), ("ise", "ize"), ("ised", "ized"), ("ising", "izing"), ("yse", "yze"),
             ("our", "or"), ("tre", "ter"), ("oe", "e"), ("ae", "e"), ("nnes", "ns"), ("nt", "ned"), ("lt", "led"), ("ll", "l"))


def spelling_variant(a: str, b: str) -> bool:
    """``b`` is ``a`` in another spelling of English (one British/American substitution)."""
    if not a or not b or a == b or " " in a or " " in b:
        return False
    for x, y in _SPELLING:
        for u, v in ((x, y), (y, x)):
            i = a.find(u)
            while i >= 0:
                if a[:i] + v + a[i + len(u):] == b:
                    return True
                i = a.find(u, i + 1)
    return False


def foreign(mid) -> bool:
    """The MT side holds a word that is not English (Apertium leaves unknown Spanish words as they are):
    such a rule cannot fire on clean English copy."""
    from .lexicon import is_word

    return any(t.isalpha() and not is_word(t, 2.0) for t in mid)


def load_veto(path: Path, tier: str | None = None) -> frozenset[str]:
    """MT sides an editor ruled to be correct English (rules/learned/veto.yaml: `veto: [{mt: ..., why: ...}]`):
    every rule with that MT side is left out; an entry with `left` and/or `right` vetoes only the rule with that
    exact context (`{left: "", mt: "the climatic", right: ""}`: the context-free rule, not "of [the climatic]");
    an entry with `tier: strict` keeps the rule out of the strict tier only (it may be gated)."""
    import yaml

    if not path or not path.exists():
        return frozenset()
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}

    def words(s) -> str:
        return " ".join(norm(t) for t in _words(str(s or "")))

    out = set()
    for e in data.get("veto") or ():
        if e.get("tier") and tier is not None and e["tier"] != tier:
            continue
        if "left" in e or "right" in e:
            out.add("|".join((words(e.get("left")), words(e["mt"]), words(e.get("right")))))
        else:
            out.add(words(e["mt"]))
    return frozenset(out)


def calibration_fires(ev, rules) -> int:
    """Occurrences of the rules' MT sides in the calibration half of the clean news (never used per rule)."""
    cal = ev["calib"]
    return sum(cal.get(x["key"][0] + x["key"][1] + x["key"][2], 0) for x in rules)


def mine(pairs, english: list[str], folds: int = 5, min_count: int = 3, min_precision: float = 0.3,
         eng_ratio: float = 20.0, use_bigrams: bool = True, max_rules: int | None = None, eng_per_m: float = 1.0,
         news: list[str] = (), calib: list[str] = (), min_gain: int = 1, min_benefit: float = 0.0,
         cache: Path | None = None, veto=frozenset(), readable: bool = False):
    ev = evidence(pairs, english, list(news), list(calib), folds, min_count, cache)
    stats = validate(ev, folds, min_count, min_precision, cache)
    out = select(ev, stats, min_count, min_precision, eng_ratio, eng_per_m, use_bigrams, min_gain, min_benefit,
                 max_rules, veto=veto, readable=readable)
    info = dict(pairs=len(pairs), mt_words=ev["mt_total"], english_words=ev["eng_total"], candidates=len(ev["cand"]),
                calibration_words=ev["calib_total"], calibration_fires=calibration_fires(ev, out))
    return out, info, ev, stats


# --------------------------------------------------------------------------- output

def _q(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)


_HEADER_TOP = """\
# GENERATED by repair/mine.py: do not edit by hand (delete a line to drop a rule, or rebuild).
# Post-editing rules learned from Apertium spa-eng output aligned with professional references.
# Rebuild:
"""


def devset_command(data: Path, sets) -> str:
    """The ``mine_devset`` command that builds the mined sets as they are in ``data`` (News Commentary: as many
    lines as were mined)."""
    nc = 0
    for name in sets:
        if name.startswith("newscommentary"):
            p = Path(data) / f"{name}.mt"
            if p.exists():
                with open(p, encoding="utf-8") as fh:
                    nc = max(nc, sum(1 for _ in fh))
    out = "" if str(data) == "build/apertium" else f" --out {data}"
    lines = f" --nc-lines {nc}" if nc and nc != 20000 else ""
    return f"python -m repair.mine_devset{out}{lines}   (translates ../shared/corpora with Apertium into {data})"
_HEADER_BOTTOM = """\
# Each rule: in MT text, `left mt right` becomes `left fix right` (tokens compared lowercased; <num> = any
# number). count: times the references made this edit; seen: times `left mt right` occurs in the mined MT;
# english / english_fix: occurrences of `left mt right` / `left fix right` in clean English
# (the English sides of ../shared/corpora/parallel and newstest2012 lines 1-750; a rule whose MT side occurs
# in those newstest lines at all is dropped);
# valid: on folds of the mining data the rule was not derived from, sentences where applying it alone
# brought the MT closer to / further from the reference, and the net token edit distance saved.
"""


_HEADER_GATED = """\
# tier: gated -- a looser selection (MT sides up to the --english-per-million below in clean English, above the
# strict file's bound; smaller validated gains): applied only in sentences and documents that plainly read as MT (the gate of rule ES-L002,
# params.gate in rules/learned.yaml; `python -m repair.learned_gate FILE` reports how often it opens).
# Rules of the strict files are not repeated here.
"""


def write_yaml(path: Path, rules, info: dict, command: str, params: dict, sets, tier: str = "strict",
               devset: str = "python -m repair.mine_devset   (translates ../shared/corpora with Apertium into "
                             "build/apertium)") -> None:
    lines = [
        *_HEADER_TOP.splitlines(),
        f"#   {devset}",
        f"#   {command}",
        *_HEADER_BOTTOM.splitlines(),
        *(_HEADER_GATED.splitlines() if tier == "gated" else ()),
        "lang: [es]",
        *(["tier: gated"] if tier == "gated" else ()),
        "engine: apertium -u spa-eng",
        "provenance:",
        f"  mined_sets: [{', '.join(sets)}]",
        f"  never_read: [{', '.join(NEVER)}]",
        f"  pairs: {info['pairs']}",
        f"  mt_words: {info['mt_words']}",
        f"  english_words: {info['english_words']}",
        f"  candidates: {info['candidates']}",
        f"  calibration: {{words: {info['calibration_words']}, fires: {info['calibration_fires']}}}"
        "  # newstest2012 lines 751-1500 (clean): occurrences of the rules' MT sides",
        "  params: {" + ", ".join(f"{k}: {v}" for k, v in params.items()) + "}",
        "rules:",
    ]
    for n, x in enumerate(rules, 1):
        r = x["rule"]
        lines.append(
            f"  - {{id: {'LG' if tier == 'gated' else 'L'}{n:04d}, left: {_q(detok(r.left))}, mt: {_q(detok(r.mt))}, right: {_q(detok(r.right))}, "
            f"fix: {_q(detok(r.fix))}, count: {x['count']}, seen: {x['seen']}, english: {x['english']}, "
            f"english_fix: {x['english_fix']}, valid: {{fires: {x['fires']}, better: {x['better']}, "
            f"worse: {x['worse']}, gain: {x['gain']}}}}}")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m repair.mine", description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", default="build/apertium", help="the dev set built by python -m repair.mine_devset")
    ap.add_argument("--corpora", default="../shared/corpora")
    ap.add_argument("--sets", default=",".join(MINE_SETS))
    ap.add_argument("--out", default="rules/learned/apertium-es.yaml")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--min-count", type=int, default=3)
    ap.add_argument("--min-precision", type=float, default=0.3)
    ap.add_argument("--english-ratio", type=float, default=20.0,
                    help="the MT side must be this many times more frequent in MT than in clean English")
    ap.add_argument("--english-per-million", type=float, default=1.0,
                    help="and at most this often (per million words) in clean English")
    ap.add_argument("--no-bigrams", action="store_true", help="don't use symspellpy's bigram counts")
    ap.add_argument("--max-rules", type=int, default=0)
    ap.add_argument("--min-benefit", type=float, default=0.0,
                    help="validated gain per MT word over the smoothed rate in clean English, at least")
    ap.add_argument("--veto", default="rules/learned/veto.yaml", help="MT sides an editor ruled to be English")
    ap.add_argument("--tier", choices=("strict", "gated"), default="strict",
                    help="gated: a looser set applied only where the text reads as MT (rule ES-L002)")
    ap.add_argument("--readable", action="store_true",
                    help="keep only editors' edits: no deletion of a content word, no hyphen (for the gated tier)")
    ap.add_argument("--exclude", default="", help="a learned file whose rules (same MT side in context) are left out")
    ap.add_argument("--calibrate", action="store_true",
                    help="print the total validated gain and the calibration fires for a grid of settings")
    ap.add_argument("--min-gain", type=int, default=3, help="net edit distance a rule must save on held-out folds")
    ap.add_argument("--cache", default="build/mine-cache", help="where the counts are cached ('' = nowhere)")
    a = ap.parse_args(argv)
    sets = [s for s in a.sets.split(",") if s]
    pairs = load_pairs(Path(a.data), sets)
    english, news, calib = english_lines(Path(a.corpora))
    params = dict(folds=a.folds, min_count=a.min_count, min_precision=a.min_precision, english_ratio=a.english_ratio,
                  english_per_million=a.english_per_million,
                  min_gain=a.min_gain, min_benefit=a.min_benefit, bigrams=not a.no_bigrams,
                  **({"readable": True} if a.readable else {}))
    rules, info, ev, stats = mine(pairs, english, folds=a.folds, min_count=a.min_count, min_precision=a.min_precision,
                                  eng_ratio=a.english_ratio, use_bigrams=not a.no_bigrams,
                                  max_rules=a.max_rules or None, eng_per_m=a.english_per_million, news=news,
                                  calib=calib, min_gain=a.min_gain, min_benefit=a.min_benefit,
                                  cache=Path(a.cache) if a.cache else None, veto=load_veto(Path(a.veto), a.tier),
                                  readable=a.readable)
    if a.calibrate:
        print(f"calibration: newstest2012 lines 751-1500, {ev['calib_total']} words")
        print(f"{'min_gain':>8} {'benefit':>8} {'eng/M':>6} {'rules':>6} {'gain':>7} {'cal.fires':>9} {'/1k':>6}")
        for mg in (3, 5, 8):
            for mb in (0, 1, 3, 10, 30, 100):
                for epm in (0.25, 1.0):
                    rs = select(ev, stats, a.min_count, a.min_precision, a.english_ratio, epm, not a.no_bigrams,
                                mg, mb, quiet=True, veto=load_veto(Path(a.veto), a.tier))
                    cf = calibration_fires(ev, rs)
                    print(f"{mg:>8} {mb:>8} {epm:>6} {len(rs):>6} {sum(x['gain'] for x in rs):>7} {cf:>9} "
                          f"{1000 * cf / ev['calib_total']:>6.2f}")
        return 0
    if a.exclude:
        from .learned import load_learned

        have = {r.lhs for r in load_learned("es", str(Path(a.exclude).parent), tier="strict").rules
                if Path(a.exclude).exists()}
        rules = [x for x in rules if x["key"][0] + x["key"][1] + x["key"][2] not in have]
        info["calibration_fires"] = calibration_fires(ev, rules)
    cmd = "python -m repair.mine " + " ".join(argv if argv is not None else sys.argv[1:])
    write_yaml(Path(a.out), rules, info, cmd.strip(), params, sets, tier=a.tier, devset=devset_command(Path(a.data), sets))
    log(f"mine: wrote {len(rules)} rules to {a.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
