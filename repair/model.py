"""The typed core: what detectors find, what the resolver decides, what a repair returns.

- :class:`Edit`: an input span and its replacement (``start == end``: an insertion).
- :class:`Candidate`: one proposed replacement with its confidence, its source (``rule``,
  ``model``, ``languagetool``) and its evidence.
- :class:`Finding`: a damaged fragment with one or more candidates and the decision about it
  (``applied``, ``suggested`` or ``rejected``, with the reason).
- :class:`Result`: input, output, findings and the applied :class:`Edit` s in INPUT offsets,
  sorted and never overlapping, such that ``apply_edits(input, edits) == output``.
- :class:`OffsetMap`: the one map between the offsets of a text and of the text some edits make
  of it (used by the passes, Markdown/HTML masking, LanguageTool and re-translation).
- :class:`Fragment`: a gold fragment of an annotated article (``eval`` and ``synth``).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field, replace
from typing import Iterable

APPLIED, SUGGESTED, REJECTED = "applied", "suggested", "rejected"
SOURCES = ("rule", "model", "languagetool")


def spans_overlap(a0: int, a1: int, b0: int, b1: int) -> bool:
    """Whether two edits of the same text conflict: two non-empty spans that share a character,
    an insertion strictly inside a span, or two insertions at the same point (their order would
    be undefined).  Spans that only touch do not conflict."""
    if a0 == a1 and b0 == b1:
        return a0 == b0
    if a0 == a1:
        return b0 < a0 < b1
    if b0 == b1:
        return a0 < b0 < a1
    return a0 < b1 and b0 < a1


@dataclass(frozen=True, order=True)
class Edit:
    """``text[start:end]`` replaced by ``replacement`` (code-point offsets)."""

    start: int
    end: int
    replacement: str
    rule: str = field(default="", compare=False)

    def overlaps(self, other) -> bool:
        return spans_overlap(self.start, self.end, other.start, other.end)

    def to_json(self) -> dict:
        return {"start": self.start, "end": self.end, "replacement": self.replacement, "rule": self.rule}


@dataclass(frozen=True)
class Candidate:
    """One proposed replacement of a finding's span."""

    replacement: str
    confidence: float
    source: str = "rule"
    evidence: str = ""

    def to_json(self) -> dict:
        return {"replacement": self.replacement, "confidence": round(self.confidence, 3),
                "source": self.source, "evidence": self.evidence}


@dataclass(frozen=True)
class Finding:
    """A damaged fragment and, optionally, the text that should replace it.

    ``start``/``end`` are code-point offsets into the text the detector was given (in a
    :class:`Result`: into the input).  ``replacement``/``confidence`` are the best candidate
    (``replacement is None``: a detection without a fix); ``alternatives`` holds further
    candidates.  ``applied`` and ``status``/``reason`` record the resolver's decision."""

    start: int
    end: int
    kind: str
    rule: str
    message: str
    replacement: str | None = None
    confidence: float = 0.5
    text: str = ""
    applied: bool = False
    # other edits that must be applied together with this one (all or none)
    group: str | None = field(default=None, compare=False)
    source: str = field(default="rule", compare=False)
    alternatives: tuple[Candidate, ...] = field(default=(), compare=False)
    status: str = field(default="", compare=False)   # "rejected" or "" (see ``decision``)
    # applied only where the document shows other MT damage (a rule's ``params.document_gate``)
    gated: bool = field(default=False, compare=False)
    reason: str = field(default="", compare=False)

    def with_(self, **kw) -> "Finding":
        return replace(self, **kw)

    def overlaps(self, other) -> bool:
        return spans_overlap(self.start, self.end, other.start, other.end)

    @property
    def decision(self) -> str:
        if self.applied:
            return APPLIED
        return REJECTED if self.status == REJECTED else SUGGESTED

    @property
    def candidates(self) -> tuple[Candidate, ...]:
        if self.replacement is None:
            return self.alternatives
        return (Candidate(self.replacement, self.confidence, self.source, self.message),) + self.alternatives

    @property
    def edit(self) -> Edit | None:
        return None if self.replacement is None else Edit(self.start, self.end, self.replacement, self.rule)

    def to_json(self) -> dict:
        d = {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "kind": self.kind,
            "rule": self.rule,
            "message": self.message,
            "replacement": self.replacement,
            "confidence": round(self.confidence, 3),
            "applied": self.applied,
        }
        d.update(decision=self.decision, reason=self.reason, source=self.source)
        if self.alternatives:
            d["candidates"] = [c.to_json() for c in self.candidates]
        return d


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """``text`` with the (non-overlapping) edits applied; they may come in any order."""
    out = []
    pos = 0
    for ed in sorted(edits, key=lambda x: (x.start, x.end)):
        out.append(text[pos:ed.start])
        out.append(ed.replacement)
        pos = ed.end
    out.append(text[pos:])
    return "".join(out)


def check_edits(edits: Iterable[Edit]) -> list[Edit]:
    """The edits sorted; raises ``ValueError`` when two of them overlap."""
    out = sorted(edits, key=lambda x: (x.start, x.end))
    for a, b in zip(out, out[1:]):
        if a.overlaps(b) or b.start < a.end:
            raise ValueError(f"overlapping edits {a} and {b}")
    return out


class OffsetMap:
    """The edits (non-overlapping, offsets into an *old* text) that make a *new* text, and the
    maps between the offsets of the two.

    New → old (``to_old``, ``start``, ``end``): a position inside a replaced piece maps to the
    start of what it replaced (a start) or to its end (an end); where the old text lost a piece
    (a deletion), a start maps after it and an end before it.  Old → new (``to_new``): an
    insertion at the position lands before a start and after an end."""

    def __init__(self, edits: Iterable[Edit]):
        self.edits = sorted(edits, key=lambda x: (x.start, x.end))
        self._os: list[int] = []  # old start, old end, new start, new end of each edit
        self._oe: list[int] = []
        self._ns: list[int] = []
        self._ne: list[int] = []
        shift = 0
        for ed in self.edits:
            ns = ed.start + shift
            self._os.append(ed.start)
            self._oe.append(ed.end)
            self._ns.append(ns)
            self._ne.append(ns + len(ed.replacement))
            shift += len(ed.replacement) - (ed.end - ed.start)

    def __bool__(self) -> bool:
        return bool(self.edits)

    # new → old
    def start(self, pos: int) -> int:
        i = bisect.bisect_right(self._ns, pos) - 1
        if i < 0:
            return pos
        if pos < self._ne[i]:
            return self._os[i]
        return self._oe[i] + (pos - self._ne[i])

    def end(self, pos: int) -> int:
        i = bisect.bisect_left(self._ns, pos) - 1
        if i < 0:
            return pos
        if pos <= self._ne[i]:
            return self._oe[i]
        return self._oe[i] + (pos - self._ne[i])

    def to_old(self, s: int, e: int) -> tuple[int, int]:
        """A span of the new text in the old one (an insertion point: where it lands)."""
        if s == e:
            p = self.start(s)
            return p, p
        a, b = self.start(s), self.end(e)
        return a, max(a, b)

    # old → new
    def to_new(self, pos: int, end: bool = False) -> int:
        """A position of the old text in the new one (inside a replaced piece: the start of what
        replaced it, or its end for ``end``)."""
        k = bisect.bisect_right(self._oe, pos)
        if k < len(self.edits) and self._os[k] < pos:
            return self._ne[k] if end else self._ns[k]
        if end:
            while k > 0 and self._os[k - 1] == self._oe[k - 1] == pos:
                k -= 1
        if k == 0:
            return pos
        return self._ne[k - 1] + (pos - self._oe[k - 1])

    def new_span(self, s: int, e: int) -> tuple[int, int] | None:
        """The span of the new text that the old span [s, e) became, when no edit conflicts with
        it (edits that only touch it are fine); else ``None``."""
        i = bisect.bisect_left(self._oe, s)
        while i < len(self.edits) and self._os[i] <= e:
            if spans_overlap(s, e, self._os[i], self._oe[i]):
                return None
            i += 1
        if s == e:
            p = self.to_new(s)
            return p, p
        return self.to_new(s), self.to_new(e, end=True)

    def new_segments(self) -> list[tuple[int, int, bool]]:
        """(new start, new end, was an insertion) of each edit: the pieces of the new text that
        the edits wrote."""
        return [(ns, ne, ed.start == ed.end) for ns, ne, ed in zip(self._ns, self._ne, self.edits)]


def compose(first: Iterable[Edit], second: Iterable[Edit], middle: str) -> list[Edit]:
    """One list of edits of an old text equivalent to ``first`` (edits of the old text, which
    make ``middle``) followed by ``second`` (edits of ``middle``).  An edit of ``second`` that
    rewrites or touches what ``first`` wrote merges with it into one edit (rule ids joined with
    ``+``); the result is sorted and never overlaps.  O(n log n)."""
    m = OffsetMap(first)
    second = sorted(second, key=lambda x: (x.start, x.end))
    if not m.edits:
        return second
    if not second:
        return list(m.edits)
    # items in the middle text's offsets: (start, end, 0 = written by first / 1 = by second, edit)
    items = [(ns, ne, 0, ed) for (ns, ne, _), ed in zip(m.new_segments(), m.edits)]
    items += [(ed.start, ed.end, 1, ed) for ed in second]
    items.sort(key=lambda x: (x[0], x[1], x[2]))
    out: list[Edit] = []

    def flush(comp):
        if all(x[2] == 0 for x in comp) or all(x[2] == 1 for x in comp):
            for _s, _e, which, ed in comp:
                if which == 0:
                    out.append(ed)
                else:
                    a, b = m.to_old(ed.start, ed.end)
                    out.append(Edit(a, b, ed.replacement, ed.rule))
            return
        lo = min(x[0] for x in comp)
        hi = max(x[1] for x in comp)
        olds = [m.to_old(lo, hi)] + [(x[3].start, x[3].end) for x in comp if x[2] == 0]
        lo_old = min(a for a, _ in olds)
        hi_old = max(b for _, b in olds)
        inner = [Edit(x[3].start - lo, x[3].end - lo, x[3].replacement) for x in comp if x[2] == 1]
        rules: list[str] = []
        for x in sorted(comp, key=lambda x: x[2]):
            for r in x[3].rule.split("+"):
                if r and r not in rules:
                    rules.append(r)
        out.append(Edit(lo_old, hi_old, apply_edits(middle[lo:hi], inner), "+".join(rules)))

    comp: list = []
    hi = -1
    for x in items:
        if comp and x[0] > hi:
            flush(comp)
            comp = []
            hi = -1
        comp.append(x)
        hi = max(hi, x[1])
    if comp:
        flush(comp)
    return sorted(out, key=lambda x: (x.start, x.end))


def diff_edits(a: str, b: str, offset: int = 0, rule: str = "") -> list[Edit]:
    """Word-level edits that turn ``a`` into ``b``; offsets into ``a`` (plus ``offset``)."""
    import difflib
    import re

    tok = re.compile(r"\s+|\w+|[^\w\s]", re.UNICODE)
    ta, tb = tok.findall(a), tok.findall(b)
    pa = [0]
    for t in ta:
        pa.append(pa[-1] + len(t))
    sm = difflib.SequenceMatcher(None, ta, tb, autojunk=False)
    out = []
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            continue
        out.append(Edit(offset + pa[i1], offset + pa[i2], "".join(tb[j1:j2]), rule))
    return out


@dataclass
class Result:
    """A repair: ``edits`` are the applied edits in input offsets, sorted, never overlapping, and
    ``apply_edits(input, edits) == output``.  ``passes`` holds the edits of each pass in the
    offsets of the text that pass saw."""

    input: str
    output: str
    findings: list[Finding]
    edits: list[Edit] | None = None
    passes: list[list[Edit]] = field(default_factory=list, repr=False, compare=False)

    def __post_init__(self):
        if self.edits is None:
            self.edits = [] if self.input == self.output else diff_edits(self.input, self.output)
        else:
            self.edits = sorted(self.edits, key=lambda x: (x.start, x.end))

    @property
    def applied(self) -> list[Finding]:
        return [f for f in self.findings if f.applied]

    @property
    def changed(self) -> bool:
        return self.input != self.output


@dataclass
class Fragment:
    """A gold fragment: ``span`` (unique in the damaged article, at ``start``..``end``), the
    accepted corrections, its kind and level; ``eval`` fills in the scoring fields."""

    span: str
    accept: list[str]
    kind: str
    level: str = "must"
    start: int = -1
    end: int = -1
    shape: str = ""
    detected: bool = False
    corrected: bool = False
    excerpt: str = ""

    @property
    def deletion(self) -> bool:
        return all(a == "" for a in self.accept)
