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
from dataclasses import dataclass
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


def detect(doc: Document, config: Config) -> list[Finding]:
    from .detectors import run_detectors

    rule_dirs = tuple(getattr(config, "rule_dirs", ()) or ())
    if not rule_dirs:
        return run_detectors(doc, config)
    # extra rule packs (configuration ``rule-dirs``): the same loop with more rules
    import importlib

    from .detectors import ORDER, Context
    from .rules import load_rules

    ctx = Context(config=config, doc=doc, rules=load_rules(rule_dirs))
    out: list[Finding] = []
    for name in ORDER:
        mod = importlib.import_module(f"repair.detectors.{name}")
        out.extend(f for f in mod.detect(doc, ctx) if ctx.enabled(f.rule))
    return out


def repair_text(text: str, config: Config | None = None, guard=None, progress=None) -> Result:
    """Repair ``text``.  ``guard``, if given, is called in every pass as
    ``guard(findings, to_input, first_pass)`` and returns the findings that may be used
    (``repair.formats`` drops those that touch markup or protected text).  ``progress``, if
    given, is called as ``progress(done, total)`` (code points of the input)."""
    config = config or Config()
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
    for k in range(n_passes):
        doc = Document(current)
        found = [f for f in detect(doc, config) if config.rule_enabled(f.rule)]
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
            break
        m = OffsetMap(edits)
        applied = compose(applied, m.edits, current)
        maps.append(m)
        passes.append(m.edits)
        current = apply_edits(current, m.edits)
    if progress is not None:
        progress(len(text), len(text))
    findings = sorted(reported.values(), key=lambda f: (f.start, f.end, f.rule))
    return Result(text, current, findings, applied, passes)
