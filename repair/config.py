"""Immutable run configuration."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Config:
    threshold: float = 0.7          # fixes at or above this confidence are applied
    source_lang: str | None = None  # es|pt|fr|it; None = guess, else es
    select: tuple[str, ...] = ()    # rule ids or prefixes; empty = all
    ignore: tuple[str, ...] = ()
    max_passes: int = 8              # passes until nothing changes (later ones see only the changed lines)
    protected: tuple[str, ...] = field(default_factory=tuple)  # terms never touched (whole words)
    rule_dirs: tuple[str, ...] = ()  # extra folders of rules/*.yaml packs
    input_format: str | None = None  # text|markdown|html; None = by file extension
    # LanguageTool rule ids (with or without "LT:") whose first suggestion is applied; others are suggestions
    languagetool_apply: tuple[str, ...] = ()

    def rule_enabled(self, rule_id: str) -> bool:
        if self.select and not any(rule_id == s or rule_id.startswith(s) for s in self.select):
            return False
        if any(rule_id == s or rule_id.startswith(s) for s in self.ignore):
            return False
        return True
