"""document → detectors → candidate fixes → ranking → the one resolver → apply.

The pipeline runs in passes: each pass detects on the current text, resolves conflicts and
applies the confident fixes; the next pass sees the repaired text (so a rule about "from NATO"
also fires where a first pass turned "OTAN" into "NATO").  What an earlier pass wrote is final:
a later fix may touch it but never rewrite it, so every applied fix is one edit of the INPUT and
the applied edits never overlap (``Result.edits`` replays the output).

Every candidate fix — rules, re-translation, LanguageTool — goes through :func:`decide`.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from typing import Iterable, Sequence

from .config import Config
from .document import Document
from .model import (REJECTED, SUGGESTED, Edit, Finding, OffsetMap, Result, apply_edits,  # noqa: F401
                    compose, spans_overlap)


@dataclass(frozen=True)
class Block:
    """A span no fix may rewrite: what an earlier pass wrote (in the offsets of the text after
    it), or an edit already applied (in the offsets it was made in, ``insertion`` when it is
    one).  ``insertion``: the span was written where the old text had nothing, so an insertion
    at either of its ends would have no defined order.  Empty and not an insertion: the point
    where a deletion was (only a fix across it conflicts)."""

    start: int
    end: int
    insertion: bool = False
    rule: str = ""

    def conflicts(self, s: int, e: int) -> bool:
        if self.start == self.end and not self.insertion:  # a deletion point: only a fix across it rewrites it
            return s < self.start < e
        if spans_overlap(s, e, self.start, self.end):
            return True
        return self.insertion and s == e and s in (self.start, self.end)


class _Index:
    """Non-overlapping spans sorted by (start, end): their ends never decrease, so the spans
    that can conflict with [s, e) are the few found walking back from the last start <= e."""

    def __init__(self, items: Iterable = ()):
        self.items = sorted(items, key=lambda x: (x.start, x.end))
        self.keys = [(x.start, x.end) for x in self.items]

    def add(self, x) -> None:
        k = (x.start, x.end)
        i = bisect.bisect_right(self.keys, k)
        self.keys.insert(i, k)
        self.items.insert(i, x)

    def near(self, s: int, e: int):
        k = bisect.bisect_right(self.keys, (e, float("inf"))) - 1
        while k >= 0 and self.keys[k][1] >= s:
            yield self.items[k]
            k -= 1


def _key(unit: Sequence[Finding]):
    return (-min(f.confidence for f in unit), -sum(f.end - f.start for f in unit),
            min(f.start for f in unit), unit[0].rule)


def decide(findings: Iterable[Finding], threshold: float,
           blocks: Iterable[Block] = ()) -> tuple[list[Finding], dict[int, tuple[str, str]]]:
    """The one resolver.  Chooses the fixes to apply — highest confidence first, then the longer
    span, then the earlier one, then the rule id; a fix that overlaps a chosen one or a block is
    rejected; findings that share a ``group`` are applied all together or not at all — in
    O(n log n).  Returns the chosen findings (in no particular order) and, for every finding
    not chosen (by ``id``), its decision (``suggested`` or ``rejected``) and the reason."""
    reasons: dict[int, tuple[str, str]] = {}
    groups: dict[str, list[Finding]] = {}
    units: list[list[Finding]] = []
    for f in findings:
        if f.replacement is None:
            reasons[id(f)] = (SUGGESTED, "detection only (no replacement)")
            continue
        if f.confidence < threshold:
            reasons[id(f)] = (SUGGESTED, f"confidence {f.confidence:.2f} below the threshold {threshold:.2f}")
            continue
        if f.group:
            if f.group not in groups:
                groups[f.group] = []
                units.append(groups[f.group])
            groups[f.group].append(f)
        else:
            units.append([f])
    bidx = _Index(blocks)
    chosen = _Index()
    out: list[Finding] = []
    for unit in sorted(units, key=_key):
        why = None
        for f in unit:
            for b in bidx.near(f.start, f.end):
                if b.conflicts(f.start, f.end):
                    why = f"rewrites the output of {b.rule or 'an earlier fix'}"
                    break
            if why:
                break
            for c in chosen.near(f.start, f.end):
                if f.overlaps(c):
                    why = f"overlaps {c.rule} ({c.confidence:.2f}), applied"
                    break
            if why:
                break
        if why is None and len(unit) > 1:
            inner = _Index()
            for f in sorted(unit, key=lambda x: (x.start, x.end)):
                if any(f.overlaps(c) for c in inner.near(f.start, f.end)):
                    why = "its group overlaps itself"
                    break
                inner.add(f)
        if why is not None:
            if len(unit) > 1:
                why = f"all or nothing with its group {unit[0].group!r}: {why}"
            for f in unit:
                reasons[id(f)] = (REJECTED, why)
            continue
        for f in unit:
            chosen.add(f)
            out.append(f)
    return out, reasons


def resolve(findings: list[Finding], threshold: float, blocks: Iterable[Block] = ()) -> list[Finding]:
    """The fixes :func:`decide` chooses, in the order of ``findings``."""
    chosen, _ = decide(findings, threshold, blocks)
    ids = {id(f) for f in chosen}
    return [f for f in findings if id(f) in ids]


def decided(f: Finding, chosen_ids: set[int], reasons: dict[int, tuple[str, str]], **kw) -> Finding:
    """``f`` with the resolver's decision (and ``kw``, e.g. input offsets) recorded."""
    if id(f) in chosen_ids:
        return f.with_(applied=True, status="", reason="", **kw)
    status, why = reasons.get(id(f), (SUGGESTED, ""))
    return f.with_(applied=False, status=status if status == REJECTED else "", reason=why, **kw)


# detectors whose findings depend on the whole document, not only on the lines around them (one
# name spelled two ways, a capital the text writes nowhere else): in later passes they see the whole text, the others the changed lines
DOCUMENT_WIDE = ("names", "capitals")


# Detectors whose findings on a line are fixed by the text of that line and of at most
# LOCAL_CONTEXT tokens on either side of it (each token's whole run of non-space characters):
# they keep no state of the document, read no other line, and every finding lies in one line.
# A pass over the whole text takes their findings on a line whose text and surroundings an
# earlier whole-text pass of the same repair saw from that pass (:class:`LineMemo`), and runs
# them only around the other lines.  What each reads beyond its line:
#   mtscore  nothing (each sentence scored on its own tokens; sentences lie within a line);
#   tense    the two tokens before "has"/"have" ("”, has"), the one before "would";
#   romanceorder  the token before a comma before "that", or before a run of capitalised words;
#   patterns (only the rules whose pattern never matches a line break, prefilter.line_local) the
#            last non-space character and the run of non-space characters before a match (checks.py);
#   filter, pivotnames  nothing (each word on its own);
#   residue  up to three tokens either side of a word (a quote mark or two looked through, "the
#            Spain and Portugal grew"), sentences for the repeated "they".
#   func_order  the token before the determiner (M210) or the verb (M215), and two after the
#            adjective; each finding spans words one space apart.
#   func_prep  nothing: the head, its preposition and the word after it, each one space from the last;
#   substitution (only the pattern substitutions whose pattern never matches a line break,
#            prefilter.line_local, and whose parameters are all of _SUBSTITUTION_LINE_PARAMS: no
#            ``article_domain``, ``nearby`` or ``unless_nearby``; the others, and the word tables,
#            run on the whole text) nothing: the groups of the match, and with ``sentence_start:
#            fold`` the capitals the line's own text lowers (a line's first capital is lowered after
#            its line break).
# A detector that yields a finding across a line break or with a ``group`` is taken off the
# memo for the rest of that repair (``LineMemo.off``); tests/test_line_memo.py checks that the
# memo changes no repair.
LOCAL = ("mtscore", "tense", "romanceorder", "patterns", "filter", "pivotnames", "residue", "func_order",
         "substitution", "func_prep")
LOCAL_CONTEXT = 3
MEMO_MIN_CHARS = 20_000     # (code points) the memo serves texts this long
MEMO_MAX_SHARE = 4          # a detector runs on the whole text where 1/4 of its lines or more are new,
MEMO_WINDOW_LINES = 20      # or where its windows would be more than 1/20 of the lines (each has a cost of its own)


def _windows(missing, starts, keys) -> int:
    n, end = 0, -1
    for i in missing:
        a = starts[i] - keys[i][0]
        if a > end:
            n += 1
        end = max(end, a + len(keys[i][2]))
    return n


class LineMemo:
    """One repair's findings of the :data:`LOCAL` detectors per line and surroundings (a key is
    the text of the line and of its LOCAL_CONTEXT tokens either side, so only a line whose text
    and context are the same again is answered from here), for one configuration."""

    def __init__(self):
        self.config = None
        self.lines: dict[str, dict] = {}
        self.off: set[str] = set()    # detectors found to break the contract in this repair
        self.windows: tuple = (None, {})   # (a text, {(start, end): the Document of that window})

    def for_config(self, config) -> "LineMemo":
        if self.config != config:
            self.config, self.lines, self.off = config, {}, set()
        return self


def _line_keys(doc: Document) -> tuple[list[int], list[int], list[tuple]]:
    """The lines of ``doc`` (starts, ends without the line break) and each one's key: the text
    from the start of the run of non-space characters holding the LOCAL_CONTEXT-th token before
    the line (or the text's start) to the end of the one holding the LOCAL_CONTEXT-th token
    after it (or the text's end), with the line's place in it."""
    text, toks, tstarts = doc.text, doc.tokens, doc._starts
    n, k = len(text), LOCAL_CONTEXT
    starts, ends, keys = [], [], []
    pos = 0
    for line in text.split("\n"):
        a, b = pos, pos + len(line)
        pos = b + 1
        i = bisect.bisect_left(tstarts, a) - k
        if i < 0:
            pre = 0
        else:
            pre = toks[i].start
            while pre > 0 and not text[pre - 1].isspace():
                pre -= 1
        j = bisect.bisect_left(tstarts, b) + k - 1
        if j >= len(toks):
            post = n
        else:
            post = toks[j].end
            while post < n and not text[post].isspace():
                post += 1
        starts.append(a)
        ends.append(b)
        keys.append((a - pre, b - pre, text[pre:post]))
    return starts, ends, keys


def _by_line(found: list[Finding], starts: list[int], ends: list[int]) -> dict[int, list[Finding]] | None:
    """The findings of each line (None where one does not lie within a line)."""
    out: dict[int, list[Finding]] = {}
    for f in found:
        i = bisect.bisect_right(starts, f.start) - 1
        if i < 0 or f.end > ends[i] or f.group:
            return None
        out.setdefault(i, []).append(f)
    return out


# the parameters of a pattern substitution that read nothing beyond the match and its groups (the
# article's domain words, ``nearby`` and ``unless_nearby`` words within ``window`` characters do):
# a rule with any other parameter runs on the whole text, so a parameter added to the check type
# stays off the memo until it is shown to read only its line and named here
_SUBSTITUTION_LINE_PARAMS = frozenset((
    "pattern", "flags", "replacement", "map", "lang", "not_country", "verb", "reject_bigram", "reject_min",
    "suggest_only", "sentence_start", "preserve_case"))


def _local_rules(name: str, rules: tuple) -> tuple | None:
    """The rules a LOCAL detector runs under the memo (None: all of them)."""
    from .prefilter import line_local

    if name == "substitution":
        out = []
        for r in rules:
            p = r.params
            pat = p.get("pattern") if r.extends == "substitution" else None
            if (isinstance(pat, str) and _SUBSTITUTION_LINE_PARAMS.issuperset(p)
                    and line_local(pat, "i" in str(p.get("flags", "")))):
                out.append(r)
        return tuple(out)
    if name != "patterns":
        return None
    return tuple(r for r in rules if r.pattern is not None and line_local(r.pattern, "i" in r.flags))


def _local_findings(name: str, mod, doc: Document, ctx, memo: LineMemo, lines) -> list[Finding]:
    """``mod.detect(doc, ctx)`` (its enabled findings) for a LOCAL detector, with the findings of
    the lines the memo knows taken from it (in the order of the lines, which differs from the
    detector's own only where two findings share a rule and span: then it runs as usual)."""
    from .detectors import Context

    def run(d: Document, c) -> list[Finding]:
        return [f for f in mod.detect(d, c) if ctx.enabled(f.rule)]

    if name in memo.off:
        return run(doc, ctx)
    starts, ends, keys = lines
    seen = memo.lines.setdefault(name, {})
    text = doc.text
    missing = [i for i, key in enumerate(keys) if key not in seen]
    if len(missing) * MEMO_MAX_SHARE >= len(keys) or _windows(missing, starts, keys) * MEMO_WINDOW_LINES >= len(keys):
        # (a first pass, nothing to take; or most lines are new, as in copy the first pass
        # rewrote nearly everywhere, where the windows would cost more than the whole text)
        found = run(doc, ctx)
        per = _by_line(found, starts, ends)
        if per is None:
            memo.off.add(name)
            return found
        for i, key in enumerate(keys):
            seen[key] = tuple((f, starts[i]) for f in per.get(i, ()))
        return found
    # windows of text around the lines the memo lacks, each with the context its key holds
    wins: list[list[int]] = []
    for i in missing:
        a = starts[i] - keys[i][0]
        b = a + len(keys[i][2])
        if wins and a <= wins[-1][1]:
            wins[-1][1] = max(wins[-1][1], b)
            wins[-1][2].append(i)
        else:
            wins.append([a, b, [i]])
    fresh: dict[int, list[Finding]] = {}
    if memo.windows[0] is not text:
        memo.windows = (text, {})
    wdocs = memo.windows[1]      # (the LOCAL detectors of one pass mostly share their windows)
    for a, b, idx in wins:
        wdoc = wdocs.get((a, b))
        if wdoc is None:
            wdoc = wdocs[(a, b)] = Document(text[a:b])
        wctx = Context(config=ctx.config, doc=wdoc, rules=ctx.rules)
        wctx.__dict__["source_lang"] = ctx.source_lang   # (the whole text's, never the window's guess)
        got = [f.with_(start=f.start + a, end=f.end + a) for f in run(wdoc, wctx)]
        per = _by_line(got, starts, ends)
        if per is None:
            memo.off.add(name)
            return run(doc, ctx)
        for i in idx:   # (the lines of context: their findings are the memo's or their own window's)
            fresh[i] = per.get(i, [])
    out: list[Finding] = []
    for i, key in enumerate(keys):
        if i in fresh:
            fs = fresh[i]
            seen[key] = tuple((f, starts[i]) for f in fs)
            out.extend(fs)
            continue
        for f, at in seen[key]:
            d = starts[i] - at
            out.append(f if d == 0 else f.with_(start=f.start + d, end=f.end + d))
    if len({(f.rule, f.start, f.end) for f in out}) != len(out):
        return run(doc, ctx)   # (the order of two findings of one rule and span could matter)
    return out


def detect(doc: Document, config: Config, whole: Document | None = None,
           to_current=None, memo: LineMemo | None = None, wide: dict | None = None) -> list[Finding]:
    """Every detector's findings on ``doc``, in the detectors' order.  With ``whole`` (a later
    pass), ``doc`` holds only the changed lines: the findings there are mapped with
    ``to_current``, and the detectors of :data:`DOCUMENT_WIDE` run on ``whole``.  With ``memo``
    (a pass over the whole text), the :data:`LOCAL` detectors take what it knows of a line.
    ``wide`` (one dict per repair, emptied when the whole text changes): the findings of each
    :data:`DOCUMENT_WIDE` detector in a pass over the changed lines, taken again by the whole-text
    pass after it on the same document, configuration and rules (that pass follows one that
    changed nothing; they read nothing but the document, the configuration and the rules)."""
    import importlib

    from .detectors import ORDER, Context
    from .rules import load_rules

    rule_dirs = tuple(getattr(config, "rule_dirs", ()) or ())
    rules = load_rules(rule_dirs) if rule_dirs else load_rules()
    ctx = Context(config=config, doc=doc, rules=rules)
    wctx = Context(config=config, doc=whole, rules=rules) if whole is not None else None
    if memo is not None and whole is None:
        memo = memo.for_config(config)
        lines = _line_keys(doc)
    else:
        memo = None
    out: list[Finding] = []
    ctx.cache["earlier"] = (out, to_current)  # (the findings so far, for the gate of ES-L002: detectors/learned.py)
    for name in ORDER:
        mod = importlib.import_module(f"repair.detectors.{name}")
        if wide is not None and name in DOCUMENT_WIDE:
            if wctx is not None:
                # (a pass over the changed lines: kept for a whole-text pass on the same document)
                found = [f for f in mod.detect(whole, wctx) if wctx.enabled(f.rule)]
                wide[name] = (whole, rules, config, found)
                out.extend(found)
                continue
            hit = wide.pop(name, None)
            if hit is not None and hit[0] is doc and hit[1] is rules and hit[2] == config:
                found = hit[3]
            else:
                found = [f for f in mod.detect(doc, ctx) if ctx.enabled(f.rule)]
            out.extend(to_current(found) if to_current is not None else found)
            continue
        if wctx is not None and name in DOCUMENT_WIDE:
            out.extend(f for f in mod.detect(whole, wctx) if wctx.enabled(f.rule))
            continue
        if memo is not None and name in LOCAL:
            sub = _local_rules(name, rules)
            if sub is None:
                out.extend(_local_findings(name, mod, doc, ctx, memo, lines))
                continue
            # (patterns, substitution: the rules that can match across a line break, or that
            # read the article beyond the line, run on the whole text)
            ids = {r.id for r in sub}
            rest = tuple(r for r in rules if r.id not in ids)
            lctx = Context(config=config, doc=doc, rules=sub)
            lctx.__dict__["source_lang"] = ctx.source_lang
            found = _local_findings(name, mod, doc, lctx, memo, lines)
            rctx = Context(config=config, doc=doc, rules=rest)
            rctx.__dict__["source_lang"] = ctx.source_lang
            found += [f for f in mod.detect(doc, rctx) if ctx.enabled(f.rule)]
            out.extend(found)
            continue
        found = [f for f in mod.detect(doc, ctx) if ctx.enabled(f.rule)]
        out.extend(to_current(found) if to_current is not None else found)
    return out


def prefetch(doc: Document, langs=("en",), pairs: bool = True, guessing: bool = False,
             seen: dict | None = None) -> None:
    """Ask the evidence in bulk for what the detectors are about to look up one by one: every
    word of ``doc`` (counts and Zipf values in ``langs``) and every pair of words one space
    apart, each way round (``repair.lexicon.prefetch``; the answers are the same, in a few
    queries instead of tens of thousands).  ``seen`` (one dict per repair): the lines already
    warmed with the same arguments are skipped (words and pairs never cross a line break), so
    a later pass asks only about the lines the fixes wrote."""
    from . import lexicon as L

    # (a cache warm-up only: the keys are found by two scans of the lowercased text, a near
    # superset of what the tokens give; a key missed here is looked up when it is asked for)
    text = doc.text
    if seen is not None:
        done = seen.setdefault((tuple(langs), pairs, guessing), set())
        if done:
            lines = set(text.split("\n"))
            new = lines - done
            done |= new
            text = "\n".join(new)
            if not text.strip():
                return
        else:
            done.update(text.split("\n"))
    low = text.lower()
    words = set(_WORDS.findall(low))
    if not pairs:
        L.prefetch(words, (), langs, lowered=True)
        return
    if guessing:
        # the source-language guess asks every source language about the words English lacks
        from .langdata import source_languages

        L.prefetch(words, (), (), lowered=True)
        L.prefetch([w for w in words if L._U.get(w) == 0], (), source_languages(), lowered=True)
    found = set(_PAIRS.findall(low))
    L.prefetch(words, found, langs, lowered=True)
    # the pairs English does not know are looked up the other way round ("moments difficult")
    known = L._B
    L.prefetch(pairs=[(b, a) for a, b in found if known.get((a, b)) == 0], lowered=True)


_WORDS = __import__("re").compile(r"\w+(?:[-'’]\w+)*")
_PAIRS = __import__("re").compile(r"(?<![\w'’-])(?=([^\W\d_][\w'’-]*) ([^\W\d_][\w'’-]*))")


@dataclass(frozen=True)
class _Piece:
    sub: int     # start in the sub-document
    cur: int     # start in the current text
    length: int


def _changed_lines(text: str, m: OffsetMap, also: list[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """The lines of ``text`` (the text after the edits of ``m``) that the edits touched, and those
    of the spans ``also`` (in ``text``'s offsets), merged: (start, end) without the line break."""
    segs = sorted([(ns, ne) for ns, ne, _ins in m.new_segments()] + list(also))
    spans: list[tuple[int, int]] = []
    for ns, ne in segs:
        a = text.rfind("\n", 0, ns) + 1
        b = text.find("\n", ne)
        b = len(text) if b < 0 else b
        if spans and a <= spans[-1][1] + 1:
            spans[-1] = (spans[-1][0], max(spans[-1][1], b))
        else:
            spans.append((a, b))
    return spans


def _sub_document(text: str, spans: list[tuple[int, int]]) -> tuple[str, list[_Piece]]:
    """The changed lines as a document of their own (one paragraph break between them)."""
    parts, pieces, pos = [], [], 0
    for a, b in spans:
        if parts:
            parts.append("\n\n")
            pos += 2
        parts.append(text[a:b])
        pieces.append(_Piece(pos, a, b - a))
        pos += b - a
    return "".join(parts), pieces


def _to_current(found: list[Finding], pieces: list[_Piece], text: str) -> list[Finding]:
    """Findings on a sub-document in the offsets of the whole text (one that crosses the break
    between two pieces is dropped)."""
    starts = [p.sub for p in pieces]
    out = []
    for f in found:
        i = bisect.bisect_right(starts, f.start) - 1
        if i < 0:
            continue
        p = pieces[i]
        if f.end > p.sub + p.length:
            continue
        d = p.cur - p.sub
        out.append(f.with_(start=f.start + d, end=f.end + d, text=text[f.start + d:f.end + d]))
    return out


# a text longer than this (code points) is repaired in blocks of whole lines of about this size,
# so memory stays a small multiple of the input and time linear (each block is a document)
BLOCK_CHARS = 1_000_000


def _blocks(text: str, size: int) -> list[tuple[int, int]]:
    out, pos = [], 0
    while len(text) - pos > size:
        cut = text.rfind("\n", pos + size // 2, pos + size)
        if cut < 0:
            cut = text.find("\n", pos + size)
        if cut < 0:
            break
        out.append((pos, cut + 1))
        pos = cut + 1
    out.append((pos, len(text)))
    return out


def repair_text(text: str, config: Config | None = None, guard=None, progress=None,
                incremental: bool = True) -> Result:
    """Repair ``text``.  ``guard``, if given, is called in every pass as
    ``guard(findings, to_input, first_pass)`` and returns the findings that may be used
    (``repair.formats`` drops those that touch markup or protected text).  ``progress``, if
    given, is called as ``progress(done, total)`` (code points of the input).  ``incremental``:
    later passes re-examine only the lines the previous pass changed (``False``: the whole text,
    as a check that both give the same repair).  A text over :data:`BLOCK_CHARS` is repaired in
    blocks of whole lines (the source language guessed once, on the first)."""
    config = config or Config()
    if guard is not None or len(text) <= BLOCK_CHARS:
        return _repair(text, config, guard, progress, incremental)
    blocks = _blocks(text, BLOCK_CHARS)
    if len(blocks) == 1:
        return _repair(text, config, guard, progress, incremental)
    if not config.source_lang:
        from .detectors.residue import guess_source_lang

        a, b = blocks[0]
        config = replace(config, source_lang=guess_source_lang(Document(text[a:b])))
    outputs: list[str] = []
    findings: list[Finding] = []
    edits: list[Edit] = []
    results = []
    for a, b in blocks:
        def sub_progress(done, _total, a=a):
            if progress is not None:
                progress(a + done, len(text))

        r = _repair(text[a:b], config, None, sub_progress, incremental)
        outputs.append(r.output)
        findings.extend(f.with_(start=f.start + a, end=f.end + a) for f in r.findings)
        edits.extend(Edit(e.start + a, e.end + a, e.replacement, e.rule) for e in r.edits)
        results.append((b - a, r.passes))       # the block's length, not a copy of its text
        del r
    # each pass's edits over the whole text, in the offsets of the text that pass saw
    passes: list[list[Edit]] = []
    lengths = [n for n, _ in results]
    for k in range(max(len(p) for _, p in results)):
        pk, off = [], 0
        for i, (_inp, ps) in enumerate(results):
            before = lengths[i]
            if k < len(ps):
                pk.extend(Edit(e.start + off, e.end + off, e.replacement, e.rule) for e in ps[k])
                lengths[i] += sum(len(e.replacement) - (e.end - e.start) for e in ps[k])
            off += before
        passes.append(pk)
    return Result(text, "".join(outputs), findings, edits, passes)


def _repair(text: str, config: Config, guard, progress, incremental: bool) -> Result:
    maps: list[OffsetMap] = []
    passes: list[list[Edit]] = []
    current = text
    reported: dict[tuple, Finding] = {}
    applied: list[Edit] = []     # in input offsets, composed over the passes

    def to_input(s: int, e: int) -> tuple[int, int]:
        for m in reversed(maps):
            s, e = m.to_old(s, e)
        return s, e

    n_passes = max(1, config.max_passes)
    changed: list[tuple[int, int]] | None = None   # lines the previous pass changed
    guess = not config.source_lang
    base = config
    warmed: dict = {}       # the lines the evidence warm-up has seen (prefetch)
    # the LOCAL detectors' findings per line, for the whole-text passes (none where every pass
    # is to re-read everything, or on a short text, where it would not pay for what it asks of
    # the patterns: prefilter.line_local)
    memo = LineMemo() if incremental and len(text) >= MEMO_MIN_CHARS else None
    wide: dict = {}         # the DOCUMENT_WIDE detectors' findings of a changed-lines pass (detect)
    whole, whole_of, guessed = None, None, None
    doc_gate = None         # whether the document gate is open, decided on the first pass
    for k in range(n_passes):
        if whole_of is not current:
            # (a pass after one that changed nothing sees the same text: the same document)
            wide.clear()
            whole, whole_of, guessed = Document(current), current, None
        prefetch(whole, ("en",) if guess or not base.source_lang else ("en", base.source_lang), guessing=guess,
                 seen=warmed)
        if guess:
            # the source language is guessed on the whole text each pass sees
            from .detectors.residue import guess_source_lang

            if guessed is None:
                guessed = guess_source_lang(whole)
            config = replace(base, source_lang=guessed)
            prefetch(whole, (config.source_lang,), pairs=False, seen=warmed)
        if changed is None:
            found = detect(whole, config, memo=memo, wide=wide)
        else:
            # a later pass re-examines only the lines the previous pass changed
            sub, pieces = _sub_document(current, changed)
            cur = current
            found = detect(Document(sub), config, whole=whole,
                           to_current=lambda fs: _to_current(fs, pieces, cur), wide=wide)
        found = [f for f in found if config.rule_enabled(f.rule)]
        if doc_gate is None:
            doc_gate = _document_damaged(found, current, config.threshold)
        if not doc_gate:
            # closed: the gated rules say nothing (not even a suggestion, which would count as damage
            # towards the sentence flags' own gate on clean copy)
            found = [f for f in found if not f.gated]
        if guard is not None:
            found = guard(found, to_input, not maps)
        chosen, reasons = decide(found, config.threshold)
        chosen_ids = {id(f) for f in chosen}
        written = _Index(Block(ns, ne, ins, ed.rule) for (ns, ne, ins), ed
                         in zip(OffsetMap(applied).new_segments(), applied)) if maps else None
        for f in found:
            s, e = to_input(f.start, f.end)
            g = decided(f, chosen_ids, reasons, start=s, end=e, text=text[s:e])
            if g.applied and written is not None:
                on = [b.rule for b in written.near(f.start, f.end) if b.conflicts(f.start, f.end)]
                if on:
                    g = g.with_(reason=f"applied to the output of {'+'.join(on)}: one edit with it")
            key = (f.rule, s, e)
            if key in reported and (reported[key].applied or not g.applied):
                continue
            reported[key] = g
        edits = [Edit(f.start, f.end, f.replacement, f.rule) for f in chosen
                 if f.replacement != current[f.start:f.end]]
        if progress is not None:
            progress(int(len(text) * (k + 1) / n_passes), len(text))
        if not edits:
            if changed is not None and k + 1 < n_passes:
                # the changed lines are settled; one more pass over the whole text, since the
                # document-wide evidence (source language, names, capitals) moved with the fixes
                changed = None
                continue
            break
        m = OffsetMap(edits)
        applied = compose(applied, m.edits, current)
        maps.append(m)
        passes.append(m.edits)
        current = apply_edits(current, m.edits)
        if incremental:
            # and the lines of fixes this pass rejected for a conflict: the next pass may take them
            lost = [(m.to_new(f.start), m.to_new(f.end, end=True)) for f in found
                    if reasons.get(id(f), ("",))[0] == REJECTED]
            changed = _changed_lines(current, m, [(a, max(a, b)) for a, b in lost])
    if progress is not None:
        progress(len(text), len(text))
    findings = sorted(reported.values(), key=lambda f: (f.start, f.end, f.rule))
    return Result(text, current, gate_sentence_flags(findings, text, config, current, applied), applied, passes)


_WORDS = re.compile(r"\w+")


def _document_damaged(found: list[Finding], text: str, threshold: float) -> bool:
    """Whether the document shows enough other MT damage for the findings of rules with
    ``params.document_gate`` (forms that clean copy also writes now and then, such as "350.000 euros"
    in a translated reference) to stand: at least ``min_fixes`` distinct spans that other rules would
    fix and ``min_per_1k`` of them per 1,000 words (rules/lang/thresholds.yaml, ``document_gate``).
    Where it is closed, those rules report nothing."""
    from .langdata import value

    spans = {(f.start, f.end) for f in found
             if not f.gated and f.replacement is not None and f.confidence >= threshold}
    words = max(1, len(_WORDS.findall(text)))
    need, rate = int(value("document_gate", "min_fixes")), float(value("document_gate", "min_per_1k"))
    n = len(spans)
    return n >= need and 1000 * n / words >= rate


def _still_damaged(findings: list[Finding], text: str, applied: Sequence[Edit], output: str, config: Config,
                   p: dict, weak: dict) -> list[Finding]:
    """``findings`` less the K802 flags whose sentence, as the applied edits left it in the output,
    no longer reaches K802 (``weak``: its params; ``p``: K801's; see :func:`gate_sentence_flags`)."""
    from . import mtscore as MS

    m = OffsetMap(applied)
    out = []
    for f in findings:
        if f.rule == MS.DAMAGED_RULE_ID:
            a, b = m.to_new(f.start), m.to_new(f.end, end=True)
            if output[a:b] != text[f.start:f.end] and not any(
                    MS.flagged_in_damaged_text(s, p, weak)
                    for s in MS.score_sentences(Document(output[a:b]), config.source_lang, p)):
                continue
        out.append(f)
    return out


def _one_flag_a_sentence(findings: list[Finding]) -> list[Finding]:
    """``findings`` less the K802 flags that overlap a K801 flag (a later pass may score a repaired
    sentence again); the flags span sentences, so K801's do not overlap one another: a bisection over
    their ends finds the first that a K802 flag could overlap."""
    from . import mtscore as MS

    strong = sorted((f.start, f.end) for f in findings if f.rule == MS.RULE_ID)
    if not strong or not any(f.rule == MS.DAMAGED_RULE_ID for f in findings):
        return findings
    ends = [e for _s, e in strong]
    out = []
    for f in findings:
        if f.rule == MS.DAMAGED_RULE_ID:
            i = bisect.bisect_right(ends, f.start)
            hit = False
            while i < len(strong) and strong[i][0] < max(f.end, f.start + 1) and not hit:
                hit = spans_overlap(f.start, f.end, *strong[i])
                i += 1
            if hit:
                continue
        out.append(f)
    return out


def gate_sentence_flags(findings: list[Finding], text: str, config: Config, output: str | None = None,
                        applied: Sequence[Edit] = ()) -> list[Finding]:
    """The sentence-level MT-damage flags (K801 and K802, never applied) stand only in a text the
    other rules find damaged too: at least ``params.gate.other_per_1k`` of their findings per 1,000
    words of the text (at least one), each flag rule with its own rate (K802, the lower threshold,
    asks for more).  Machine translation damages a whole article, so its copy carries fixes and
    suggestions of many kinds besides the sentence score; on professional copy the score alone
    flags an odd sentence or two in every few thousand words and little else fires (the 36
    damaged articles of corpora/ hold 22 to 119 other findings per 1,000 words, 30-line chunks of
    WMT 2009-2011 and newstest2012 English at most 13).  With every other rule turned off
    (``--select K801``) nothing can corroborate the score, and it stands alone, as asked.

    A flagged sentence that the applied fixes changed is scored again as it reads in the
    ``output``: the flag stands only if the repaired sentence still reaches the rule's threshold
    (the flags are for damage no fix repaired)."""
    from . import mtscore as MS
    from .rules import load_rules

    flag_rules = MS.FLAG_RULES
    if not any(f.rule in flag_rules for f in findings):
        return findings
    rule_dirs = tuple(getattr(config, "rule_dirs", ()) or ())
    rules = load_rules(rule_dirs) if rule_dirs else load_rules()
    if not any(r.id not in flag_rules and config.rule_enabled(r.id) for r in rules):
        return findings
    other = len({(f.start, f.end, f.rule) for f in findings if f.rule not in flag_rules})
    words = len(text.split())
    dropped = set()
    for r in rules:
        if r.id in flag_rules:
            rate = float((r.params.get("gate") or {}).get("other_per_1k", 0.0))
            if rate > 0 and other < max(1.0, rate * words / 1000.0):
                dropped.add(r.id)
    kept = [f for f in findings if f.rule not in dropped] if dropped else findings
    if output is not None and applied and any(f.rule == MS.DAMAGED_RULE_ID for f in kept):
        by_id = {r.id: r.params for r in rules if r.id in flag_rules}
        kept = _still_damaged(kept, text, applied, output, config, by_id.get(MS.RULE_ID, {}),
                              by_id.get(MS.DAMAGED_RULE_ID, {}))
    return _one_flag_a_sentence(kept)
