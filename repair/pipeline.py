"""document → detectors → candidate fixes → ranking → conflict resolution → apply.

The pipeline runs in passes: each pass detects on the current text, resolves
conflicts and applies the confident fixes; the next pass sees the repaired
text (so a rule about "from NATO" also fires where a first pass turned "OTAN"
into "NATO").  Offsets of every finding are mapped back to the input.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from .config import Config
from .document import Document
from .model import Finding


@dataclass
class Result:
    input: str
    output: str
    findings: list[Finding]
    # the edits each pass applied, in the coordinates of the text that pass saw
    edits: list = field(default_factory=list, repr=False, compare=False)

    @property
    def applied(self) -> list[Finding]:
        return [f for f in self.findings if f.applied]

    @property
    def changed(self) -> bool:
        return self.input != self.output


class OffsetMap:
    """Maps offsets in an edited text back to the text before the edits."""

    def __init__(self, edits: list[tuple[int, int, str]]):
        # segments of the new text that were replaced: (new_start, new_end, old_start, old_end)
        self.segs: list[tuple[int, int, int, int]] = []
        shift = 0
        for s, e, r in sorted(edits):
            ns = s + shift
            self.segs.append((ns, ns + len(r), s, e))
            shift += len(r) - (e - s)
        self._starts = [g[0] for g in self.segs]

    def _seg(self, pos: int):
        i = bisect.bisect_right(self._starts, pos) - 1
        return i

    def start(self, pos: int) -> int:
        i = self._seg(pos)
        if i < 0:
            return pos
        ns, ne, os_, oe = self.segs[i]
        if pos < ne or (pos == ns):
            return os_
        return oe + (pos - ne)

    def end(self, pos: int) -> int:
        i = bisect.bisect_left(self._starts, pos) - 1
        # an end offset at the start of a replaced segment belongs before it
        if i < 0:
            return pos
        ns, ne, os_, oe = self.segs[i]
        if pos <= ne:
            return oe if pos > ns else os_
        return oe + (pos - ne)


def resolve(findings: list[Finding], threshold: float) -> list[Finding]:
    """Choose the fixes to apply: highest confidence first, then the longer span,
    then the earlier one, then the rule id; a fix that overlaps a chosen one is dropped.
    Findings that share a ``group`` are applied all together or not at all."""
    groups: dict[str, list[Finding]] = {}
    units: list[list[Finding]] = []
    for f in findings:
        if f.replacement is None or f.confidence < threshold:
            continue
        if f.group:
            if f.group not in groups:
                groups[f.group] = []
                units.append(groups[f.group])
            groups[f.group].append(f)
        else:
            units.append([f])

    def key(u):
        return (-min(f.confidence for f in u), -sum(f.end - f.start for f in u),
                min(f.start for f in u), u[0].rule)

    chosen: list[Finding] = []
    for unit in sorted(units, key=key):
        if any(f.overlaps(c) for f in unit for c in chosen):
            continue
        if any(a is not b and a.overlaps(b) for a in unit for b in unit):
            continue
        chosen.extend(unit)
    return chosen


def apply_edits(text: str, edits: list[tuple[int, int, str]]) -> str:
    out = []
    pos = 0
    for s, e, r in sorted(edits):
        out.append(text[pos:s])
        out.append(r)
        pos = e
    out.append(text[pos:])
    return "".join(out)


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


def repair_text(text: str, config: Config | None = None, guard=None) -> Result:
    """Repair ``text``.  ``guard``, if given, is called in every pass as
    ``guard(findings, to_input, first_pass)`` and returns the findings that may be used
    (``repair.formats`` drops those that touch markup or protected text)."""
    config = config or Config()
    passes: list[list[tuple[int, int, str]]] = []
    maps: list[OffsetMap] = []
    current = text
    reported: dict[tuple, Finding] = {}

    def to_input(s: int, e: int) -> tuple[int, int]:
        for m in reversed(maps):
            s, e = m.start(s), m.end(e)
        return s, e

    for _ in range(max(1, config.max_passes)):
        doc = Document(current)
        found = [f for f in detect(doc, config) if config.rule_enabled(f.rule)]
        if guard is not None:
            found = guard(found, to_input, not maps)
        chosen = resolve(found, config.threshold)
        chosen_ids = {id(f) for f in chosen}
        for f in found:
            s, e = to_input(f.start, f.end)
            applied = id(f) in chosen_ids
            g = f.with_(start=s, end=e, text=text[s:e], applied=applied)
            k = (f.rule, s, e)
            if k in reported and (reported[k].applied or not applied):
                continue
            reported[k] = g
        if not chosen:
            break
        edits = [(f.start, f.end, f.replacement) for f in chosen]
        new = apply_edits(current, edits)
        if new == current:
            break
        maps.append(OffsetMap(edits))
        passes.append(sorted(edits))
        current = new
    findings = sorted(reported.values(), key=lambda f: (f.start, f.end, f.rule))
    # a suggestion at exactly the span of an applied fix of the same rule is noise
    return Result(text, current, findings, passes)
