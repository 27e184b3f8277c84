"""``mt-repair eval``: score the tool against gold annotations, or count false alarms on clean copy.

Scoring follows ``../shared/corpora/README.md`` (gold format ``NAME.gold.yaml`` beside ``NAME.txt``):

* **detected**: some finding (applied or not) overlaps the fragment's span (character offsets into
  the input; the span must occur exactly once in the input).  A finding that is an insertion
  counts when it sits inside the span or at its border.
* **corrected**: the repaired text contains one of the accepted strings and no longer contains the
  span; both sides are compared with whitespace runs folded to one space and ``’`` read as ``'``.
  For a span to be deleted (``accept: [""]``): no run of ``max(2, ceil(n/2))`` or more of its ``n``
  word tokens survives, a *run* being a contiguous sequence of the span's tokens that also occurs
  contiguously in the output's token sequence.  (A span of a single token falls back to "the span
  no longer occurs".)
* word tokens: runs of letters, digits and underscore, and single punctuation marks
  (``\\w+|[^\\w\\s]``); *words* (the per-1,000 denominator) are only the ``\\w+`` tokens.
* **harm**: the input and output token sequences are diffed (``difflib`` opcodes); each non-equal
  opcode is one word-level edit.  An edit *touches* a span when its input character range overlaps
  the span; an insertion touches a span when its position (the gap between the two input tokens)
  is inside the span or at its border.  Edits that touch no span are *stray*; harm = stray edits
  per 1,000 input words.

``--clean``: every edit is a false alarm.  Paths are plain ``.txt`` files, folders of them, or
MLQE-PE ``.jsonl`` files (the ``mt`` field of segments with ``hter == 0``, each its own text).
A long ``.txt`` file without blank lines (one sentence a line, e.g. newstest2012.en) is cut into
chunks of ``--chunk`` lines (default 30) joined with blank lines, so each chunk reads like an
article; ``--chunk 0`` keeps each file whole.
"""

from __future__ import annotations

import difflib
import json
import math
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from .io import UsageError
from .model import Fragment

TOKEN_RE = re.compile(r"\w+|[^\w\s]", re.UNICODE)
WS_RE = re.compile(r"\s+")
KINDS = ("glue", "residue", "calque", "quote", "case", "punct", "boilerplate", "name", "filter", "grammar")
LEVELS = ("must", "should")


# --------------------------------------------------------------------------- text helpers

def norm(s: str) -> str:
    """Whitespace runs folded to one space, curly apostrophe read as straight."""
    return WS_RE.sub(" ", s.replace("’", "'"))


def tokens(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in TOKEN_RE.finditer(text)]


def word_count(text: str) -> int:
    return sum(1 for m in TOKEN_RE.finditer(text) if m.group()[0].isalnum() or m.group()[0] == "_")


def _tok_key(t: str) -> str:
    return t.replace("’", "'")


@dataclass
class Edit:
    """One word-level edit: input tokens [i1, i2) replaced by output tokens [j1, j2)."""

    i1: int
    i2: int
    j1: int
    j2: int
    start: int  # input character range (for an insertion: the gap between two tokens)
    end: int
    old: str
    new: str

    @property
    def insertion(self) -> bool:
        return self.i1 == self.i2

    def touches(self, s: int, e: int) -> bool:
        if self.insertion:
            return self.start <= e and s <= self.end
        return self.start < e and s < self.end


@dataclass
class Diff:
    inp: str
    out: str
    a: list[tuple[int, int, str]]
    b: list[tuple[int, int, str]]
    opcodes: list[tuple[str, int, int, int, int]]
    edits: list[Edit]

    def out_pos(self, pos: int, end: bool = False) -> int:
        """Map an input character offset to the output (approximately, at token granularity)."""
        a, b = self.a, self.b
        # index of the first input token ending after pos (start) / starting at or after pos (end)
        if end:
            ti = next((k for k, t in enumerate(a) if t[0] >= pos), len(a))
        else:
            ti = next((k for k, t in enumerate(a) if t[1] > pos), len(a))
        for tag, i1, i2, j1, j2 in self.opcodes:
            if i1 <= ti < i2 or (ti == i2 == len(a) and tag != "equal"):
                if tag == "equal":
                    j = j1 + (ti - i1)
                else:
                    j = j2 if end else j1
                break
        else:
            j = len(b)
        if j >= len(b):
            return len(self.out)
        return b[j][0]


def word_diff(inp: str, out: str) -> Diff:
    a, b = tokens(inp), tokens(out)
    # exact token comparison: an apostrophe or quote style change is an edit too
    sm = difflib.SequenceMatcher(None, [t[2] for t in a], [t[2] for t in b], autojunk=False)
    ops = sm.get_opcodes()
    edits = []
    for tag, i1, i2, j1, j2 in ops:
        if tag == "equal":
            continue
        if i1 < i2:
            s, e = a[i1][0], a[i2 - 1][1]
        else:
            s = a[i1 - 1][1] if i1 > 0 else 0
            e = a[i1][0] if i1 < len(a) else len(inp)
        old = inp[s:e] if i1 < i2 else ""
        new = out[b[j1][0]:b[j2 - 1][1]] if j1 < j2 else ""
        edits.append(Edit(i1, i2, j1, j2, s, e, old, new))
    return Diff(inp, out, a, b, ops, edits)


def longest_run(span_toks: list[str], out_toks: list[str]) -> int:
    """Length of the longest contiguous run of ``span_toks`` that occurs contiguously in ``out_toks``."""
    n = len(span_toks)
    if not n or not out_toks:
        return 0
    best = 0
    prev = [0] * (n + 1)
    wanted = set(span_toks)
    for t in out_toks:
        cur = [0] * (n + 1)
        if t in wanted:
            for i in range(n):
                if span_toks[i] == t:
                    cur[i + 1] = prev[i] + 1
                    if cur[i + 1] > best:
                        best = cur[i + 1]
        prev = cur
    return best


def deletion_threshold(n: int) -> int:
    return max(2, math.ceil(n / 2))


# --------------------------------------------------------------------------- gold scoring

@dataclass
class ArticleScore:
    name: str
    path: str
    words: int
    fragments: list[Fragment]
    stray: list[Edit]
    edits: int
    changed: bool
    input: str = ""

    @property
    def n(self) -> int:
        return len(self.fragments)

    @property
    def n_detected(self) -> int:
        return sum(f.detected for f in self.fragments)

    @property
    def n_corrected(self) -> int:
        return sum(f.corrected for f in self.fragments)


def load_gold(gold_path: Path) -> dict:
    import yaml

    try:
        data = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise UsageError(f"{gold_path}: cannot read gold file: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("fragments"), list):
        raise UsageError(f"{gold_path}: not a gold file (no 'fragments' list)")
    return data


def parse_fragments(data: dict, text: str, where: str) -> list[Fragment]:
    frags = []
    for k, raw in enumerate(data["fragments"], 1):
        if not isinstance(raw, dict) or not isinstance(raw.get("span"), str) or not raw.get("span"):
            raise UsageError(f"{where}: fragment {k} has no span")
        accept = raw.get("accept")
        if isinstance(accept, str):
            accept = [accept]
        if not isinstance(accept, list) or not accept or not all(isinstance(a, str) for a in accept):
            raise UsageError(f"{where}: fragment {k} ({raw['span']!r}) has no accept list")
        span = raw["span"]
        pos = text.find(span)
        if pos < 0:
            raise UsageError(f"{where}: fragment {k} span not found in the article: {span!r}")
        if text.find(span, pos + 1) >= 0:
            raise UsageError(f"{where}: fragment {k} span occurs more than once in the article: {span!r}")
        frags.append(Fragment(span=span, accept=accept, kind=str(raw.get("kind", "?")),
                              level=str(raw.get("level", "must")), start=pos, end=pos + len(span)))
    return frags


def _finding_hits(f, s: int, e: int) -> bool:
    if f.start == f.end:
        return s <= f.start <= e
    return f.start < e and s < f.end


def _oneline(s: str, limit: int = 160) -> str:
    s = WS_RE.sub(" ", s).strip()
    return s if len(s) <= limit else s[: limit - 1] + "…"


def score_article(name: str, text: str, frags: list[Fragment], result, path: str = "") -> ArticleScore:
    """Score one article given the pipeline result (``result.output``, ``result.findings``)."""
    out = result.output
    nout = norm(out)
    diff = word_diff(text, out)
    out_toks = [_tok_key(t[2]) for t in diff.b]
    for fr in frags:
        fr.detected = any(_finding_hits(f, fr.start, fr.end) for f in result.findings)
        if fr.deletion:
            stoks = [_tok_key(t) for t in TOKEN_RE.findall(fr.span)]
            if len(stoks) >= 2:
                fr.corrected = longest_run(stoks, out_toks) < deletion_threshold(len(stoks))
            else:
                fr.corrected = norm(fr.span) not in nout
        else:
            fr.corrected = norm(fr.span) not in nout and any(norm(a) in nout for a in fr.accept)
        os_, oe = diff.out_pos(fr.start), diff.out_pos(fr.end, end=True)
        os_ = max(0, min(os_, len(out)))
        oe = max(os_, min(oe, len(out)))
        fr.excerpt = out[max(0, os_ - 25):oe + 25]
    stray = [ed for ed in diff.edits if not any(ed.touches(fr.start, fr.end) for fr in frags)]
    return ArticleScore(name, path, word_count(text), frags, stray, len(diff.edits), out != text, text)


def _pct(a: int, n: int) -> float | None:
    return round(100.0 * a / n, 1) if n else None


def _per1k(a: int, words: int) -> float:
    return round(1000.0 * a / words, 2) if words else 0.0


def _bucket(frags: list[Fragment]) -> dict:
    n = len(frags)
    d = sum(f.detected for f in frags)
    c = sum(f.corrected for f in frags)
    return {"fragments": n, "detected": d, "corrected": c, "detected_pct": _pct(d, n), "corrected_pct": _pct(c, n)}


def summarize(scores: list[ArticleScore]) -> dict:
    allf = [f for s in scores for f in s.fragments]
    words = sum(s.words for s in scores)
    stray = sum(len(s.stray) for s in scores)
    by_level = {lv: _bucket([f for f in allf if f.level == lv]) for lv in sorted({f.level for f in allf}, key=_lvkey)}
    by_kind = {k: _bucket([f for f in allf if f.kind == k]) for k in sorted({f.kind for f in allf}, key=_kkey)}
    by_level_kind = {}
    for lv in by_level:
        by_level_kind[lv] = {k: _bucket([f for f in allf if f.level == lv and f.kind == k])
                             for k in sorted({f.kind for f in allf if f.level == lv}, key=_kkey)}
    return {
        "mode": "gold",
        "articles": [{
            "article": s.name, "path": s.path, "words": s.words, **_bucket(s.fragments),
            "stray_edits": len(s.stray), "harm_per_1000": _per1k(len(s.stray), s.words), "edits": s.edits,
        } for s in scores],
        "overall": _bucket(allf),
        "by_level": by_level,
        "by_kind": by_kind,
        "by_level_kind": by_level_kind,
        "words": words,
        "stray_edits": stray,
        "harm_per_1000": _per1k(stray, words),
    }


def _lvkey(lv: str):
    return (LEVELS.index(lv) if lv in LEVELS else len(LEVELS), lv)


def _kkey(k: str):
    return (KINDS.index(k) if k in KINDS else len(KINDS), k)


def _fmt_pct(v) -> str:
    return "   -  " if v is None else f"{v:5.1f}%"


def print_gold_report(summary: dict, scores: list[ArticleScore], verbose: bool, out=None) -> None:
    w = (out or sys.stdout).write
    if len(scores) > 1:
        w(f"{'article':<28} {'frags':>5} {'det':>7} {'corr':>7} {'words':>6} {'stray':>5} {'/1k':>6}\n")
        for a in summary["articles"]:
            w(f"{a['article'][:28]:<28} {a['fragments']:>5} {_fmt_pct(a['detected_pct']):>7} "
              f"{_fmt_pct(a['corrected_pct']):>7} {a['words']:>6} {a['stray_edits']:>5} {a['harm_per_1000']:>6.2f}\n")
        w("\n")
    title = scores[0].name if len(scores) == 1 else f"totals over {len(scores)} articles (micro-averaged over fragments)"
    w(f"{title}\n")
    w(f"  {'level':<7} {'kind':<12} {'frags':>5} {'detected':>9} {'corrected':>10}\n")
    for lv, kinds in summary["by_level_kind"].items():
        for k, b in kinds.items():
            w(f"  {lv:<7} {k:<12} {b['fragments']:>5} {_fmt_pct(b['detected_pct']):>9} {_fmt_pct(b['corrected_pct']):>10}\n")
        b = summary["by_level"][lv]
        w(f"  {lv:<7} {'(all)':<12} {b['fragments']:>5} {_fmt_pct(b['detected_pct']):>9} {_fmt_pct(b['corrected_pct']):>10}\n")
    b = summary["overall"]
    w(f"  {'overall':<20} {b['fragments']:>5} {_fmt_pct(b['detected_pct']):>9} {_fmt_pct(b['corrected_pct']):>10}"
      f"   ({b['detected']} detected, {b['corrected']} corrected)\n")
    w(f"  stray edits: {summary['stray_edits']} in {summary['words']} words = "
      f"{summary['harm_per_1000']:.2f} per 1,000 words\n")
    if verbose:
        for s in scores:
            missed = [f for f in s.fragments if not (f.detected and f.corrected)]
            if not missed and not s.stray:
                continue
            w(f"\n{s.path or s.name}:\n")
            for f in missed:
                what = "missed" if not f.detected else "uncorrected"
                if not f.corrected and f.detected:
                    what = "detected, uncorrected"
                elif f.corrected and not f.detected:
                    what = "corrected, not detected"
                w(f"  [{f.level}/{f.kind}] {what}: {_oneline(f.span, 90)!r} → …{_oneline(f.excerpt, 110)}…\n")
            for ed in s.stray:
                ctx_a = _oneline(s.input[max(0, ed.start - 30):ed.start], 30)
                w(f"  stray edit: …{ctx_a} [{_oneline(ed.old, 60)!r} → {_oneline(ed.new, 60)!r}]\n")


# --------------------------------------------------------------------------- path resolution

def gold_pairs(paths: list[str]) -> list[tuple[Path, Path]]:
    pairs: list[tuple[Path, Path]] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            golds = sorted(path.rglob("*.gold.yaml"))
            if not golds:
                raise UsageError(f"{p}: no *.gold.yaml files in this folder")
            for g in golds:
                pairs.append((g, _text_for(g)))
        elif p.endswith(".gold.yaml"):
            if not path.exists():
                raise UsageError(f"{p}: no such gold file")
            pairs.append((path, _text_for(path)))
        elif path.suffix == ".txt":
            if not path.exists():
                raise UsageError(f"{p}: no such file")
            g = path.with_name(path.name[:-4] + ".gold.yaml")
            if not g.exists():
                raise UsageError(f"{p}: no gold file beside it ({g.name}); use --clean for clean copy")
            pairs.append((g, path))
        elif not path.exists():
            raise UsageError(f"{p}: no such file or folder")
        else:
            raise UsageError(f"{p}: expected NAME.gold.yaml, NAME.txt or a folder")
    seen, uniq = set(), []
    for g, t in pairs:
        key = g.resolve()
        if key not in seen:
            seen.add(key)
            uniq.append((g, t))
    return uniq


def _text_for(gold: Path) -> Path:
    t = gold.with_name(gold.name[: -len(".gold.yaml")] + ".txt")
    if not t.exists():
        raise UsageError(f"{gold}: the article {t.name} is missing beside it")
    return t


def read_text(path: Path) -> str:
    """The article as ``fix`` reads it (:func:`repair.io.read_text`: UTF-8, line endings kept,
    anything but a regular file refused)."""
    from .io import read_text as read

    return read(str(path))


def run_gold(args, config) -> int:
    from . import pipeline

    pairs = gold_pairs(args.paths)
    loaded = []
    for g, t in pairs:  # read and validate everything first
        data = load_gold(g)
        text = read_text(t)
        frags = parse_fragments(data, text, str(g))
        name = str(data.get("article") or t.name[:-4])
        loaded.append((name, str(t), text, frags))
    scores = []
    for name, tpath, text, frags in loaded:
        res = pipeline.repair_text(text, config)
        scores.append(score_article(name, text, frags, res, path=tpath))
    summary = summarize(scores)
    if args.json:
        if args.verbose:
            for a, s in zip(summary["articles"], scores):
                a["missed"] = [{"span": f.span, "kind": f.kind, "level": f.level, "detected": f.detected,
                                "corrected": f.corrected, "output_excerpt": f.excerpt}
                               for f in s.fragments if not (f.detected and f.corrected)]
                a["stray"] = [{"start": e.start, "end": e.end, "old": e.old, "new": e.new} for e in s.stray]
        print(json.dumps(summary, ensure_ascii=False, indent=2))
    else:
        print_gold_report(summary, scores, args.verbose)
    return 0


# --------------------------------------------------------------------------- clean copy

@dataclass
class CleanUnit:
    """One input path in --clean mode: a list of texts scored separately."""

    path: str
    texts: list[str]
    note: str
    words: int = 0
    edits: int = 0
    changed: int = 0
    examples: list[tuple[int, Edit]] = field(default_factory=list)


def clean_units(paths: list[str], chunk: int) -> list[CleanUnit]:
    units = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            files = sorted(f for f in path.rglob("*") if f.suffix in (".txt", ".jsonl") and f.is_file())
            if not files:
                raise UsageError(f"{p}: no .txt or .jsonl files in this folder")
            for f in files:
                units.append(_clean_unit(f, chunk))
        elif not path.exists():
            raise UsageError(f"{p}: no such file or folder")
        else:
            units.append(_clean_unit(path, chunk))
    return units


def _clean_unit(path: Path, chunk: int) -> CleanUnit:
    if path.suffix == ".jsonl":
        texts, total = [], 0
        for ln, line in enumerate(read_text(path).splitlines(), 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError:
                raise UsageError(f"{path}:{ln}: not a JSON line") from None
            if "mt" not in rec or "hter" not in rec:
                raise UsageError(f"{path}:{ln}: expected MLQE-PE records with 'mt' and 'hter' fields")
            total += 1
            if float(rec["hter"]) == 0:
                texts.append(rec["mt"])
        return CleanUnit(str(path), texts, f"{len(texts)} of {total} segments with hter 0, each its own text")
    text = read_text(path)
    lines = text.splitlines()
    has_blank = any(not ln.strip() for ln in lines)
    if chunk > 0 and not has_blank and len(lines) > 2 * chunk:
        texts = ["\n\n".join(lines[i:i + chunk]) for i in range(0, len(lines), chunk)]
        return CleanUnit(str(path), texts,
                         f"{len(lines)} lines in {len(texts)} chunks of {chunk} lines, one sentence a paragraph")
    return CleanUnit(str(path), [text], "whole file")


def run_clean(args, config) -> int:
    from . import pipeline

    units = clean_units(args.paths, getattr(args, "chunk", 30))
    for u in units:
        for k, t in enumerate(u.texts):
            res = pipeline.repair_text(t, config)
            u.words += word_count(t)
            if res.output != t:
                u.changed += 1
                d = word_diff(t, res.output)
                u.edits += len(d.edits)
                if args.verbose:
                    u.examples.extend((k, e) for e in d.edits)
    words = sum(u.words for u in units)
    edits = sum(u.edits for u in units)
    ntexts = sum(len(u.texts) for u in units)
    changed = sum(u.changed for u in units)
    summary = {
        "mode": "clean",
        "files": [{
            "path": u.path, "texts": len(u.texts), "how": u.note, "words": u.words, "edits": u.edits,
            "edits_per_1000": _per1k(u.edits, u.words), "changed_texts": u.changed,
            "unchanged_pct": _pct(len(u.texts) - u.changed, len(u.texts)),
        } for u in units],
        "texts": ntexts, "words": words, "edits": edits, "edits_per_1000": _per1k(edits, words),
        "changed_texts": changed, "unchanged_pct": _pct(ntexts - changed, ntexts),
    }
    if args.json:
        if args.verbose:
            for f, u in zip(summary["files"], units):
                f["edit_list"] = [{"text": k, "old": e.old, "new": e.new} for k, e in u.examples]
        print(json.dumps(summary, ensure_ascii=False, indent=2))
        return 0
    w = sys.stdout.write
    w("clean copy: every applied edit is a false alarm\n")
    w(f"{'file':<40} {'texts':>5} {'words':>7} {'edits':>5} {'/1k':>6} {'changed':>7} {'unchanged':>9}\n")
    for f in summary["files"]:
        w(f"{_short(f['path'], 40):<40} {f['texts']:>5} {f['words']:>7} {f['edits']:>5} {f['edits_per_1000']:>6.2f} "
          f"{f['changed_texts']:>7} {_fmt_pct(f['unchanged_pct']):>9}\n")
        w(f"    ({f['how']})\n")
    if len(units) > 1:
        w(f"{'total':<40} {ntexts:>5} {words:>7} {edits:>5} {summary['edits_per_1000']:>6.2f} "
          f"{changed:>7} {_fmt_pct(summary['unchanged_pct']):>9}\n")
    if args.verbose:
        for u in units:
            for k, e in u.examples:
                w(f"  {_short(u.path, 30)} text {k + 1}: {_oneline(e.old, 60)!r} → {_oneline(e.new, 60)!r}\n")
    return 0


def _short(p: str, n: int) -> str:
    return p if len(p) <= n else "…" + p[-(n - 1):]


def main(args) -> int:
    from .config import Config
    from .jobs import config_fields

    config = Config(**config_fields(args))
    if getattr(args, "mt", None):
        from .mteval import run
        return run(args, config)
    if not args.paths:
        raise UsageError("eval needs gold files, articles or folders (or --mt FILE --ref FILE)")
    if args.clean:
        return run_clean(args, config)
    return run_gold(args, config)
