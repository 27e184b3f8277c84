"""The one finding/edit type that every detector and rule produces."""

from __future__ import annotations

from dataclasses import dataclass, field, replace


@dataclass(frozen=True)
class Finding:
    """A damaged fragment and, optionally, the text that should replace it.

    ``start``/``end`` are code-point offsets into the text the detector was
    given.  ``replacement`` is ``None`` for a detection without a fix.  A
    finding whose ``start == end`` is an insertion.
    """

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

    def with_(self, **kw) -> "Finding":
        return replace(self, **kw)

    def overlaps(self, other: "Finding") -> bool:
        a0, a1, b0, b1 = self.start, self.end, other.start, other.end
        if a0 == a1 and b0 == b1:
            return a0 == b0
        if a0 == a1:
            return b0 < a0 < b1
        if b0 == b1:
            return a0 < b0 < a1
        return a0 < b1 and b0 < a1

    def to_json(self) -> dict:
        return {
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
