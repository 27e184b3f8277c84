"""Detectors are plug-ins: each module has ``detect(doc, ctx)`` yielding
:class:`repair.model.Finding` objects, and each rule id it emits is declared in
a YAML file under ``rules/`` with ``detector: <module name>`` (message,
confidence and examples live there), or with ``extends: <check type>`` for a generic check
whose parameters are all data (``repair.rules.CHECK_TYPES`` names the module of each type).
They run in the fixed order below."""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from functools import cached_property

from ..config import Config
from ..document import Document
from ..model import Finding
from ..rules import Rule, load_rules

ORDER = (
    "boilerplate",
    "quotes",
    "punct",
    "case",
    "capitals",  # content words capitalised mid-sentence (C201): repair/detectors/capitals.py
    "lowercased",  # a word news always capitalises written lowercase (C150): repair/detectors/lowercased.py
    "glue",
    "filter",
    "names",
    "namevariants",  # a doubled and a single letter in one name (N301): repair/detectors/namevariants.py
    "accents",
    "namewords",  # given names and surname particles translated (N401, N402): repair/detectors/namewords.py
    "calques",
    "ffevidence",  # false friends decided by English bigram evidence (K604): repair/detectors/ffevidence.py
    "func_order",  # Romance noun-phrase order by word classes (M210): repair/detectors/func_order.py
    "func_prep",  # a Romance preposition after a word that governs another (K401): repair/detectors/func_prep.py
    "func_negation",  # a doubled negation with "did not" (M214): repair/detectors/func_negation.py
    "romanceorder",  # Romance word order: postposed adjectives, ", that" relatives (K627, K628)
    "tense",  # Romance present perfect and conditional of report (K601-K603): repair/detectors/tense.py
    "contextcalques",
    "linkglue",
    "quotemarks",
    "pivotnames",
    "residue",
    "substitution",
    "consistency",
    "patterns",
    "learned",
    "mtscore",  # sentence-level MT-damage flags (suggestions only): repair/detectors/mtscore.py
)


@dataclass
class Context:
    config: Config
    doc: Document
    rules: tuple[Rule, ...]
    cache: dict = field(default_factory=dict)

    @cached_property
    def by_id(self) -> dict[str, Rule]:
        return {r.id: r for r in self.rules}

    def rule(self, rule_id: str) -> Rule:
        return self.by_id[rule_id]

    def enabled(self, rule_id: str) -> bool:
        return rule_id in self.by_id and self.config.rule_enabled(rule_id)

    @cached_property
    def source_lang(self) -> str:
        if self.config.source_lang:
            return self.config.source_lang
        from .residue import guess_source_lang

        return guess_source_lang(self.doc)

    def finding(self, rule_id: str, start: int, end: int, replacement: str | None,
                confidence: float | None = None, message: str | None = None,
                group: str | None = None) -> Finding:
        r = self.by_id.get(rule_id)
        if r is None:  # an undeclared rule id: dropped by run_detectors (not enabled)
            return Finding(start=start, end=end, kind="grammar", rule=rule_id, message=message or rule_id,
                           replacement=replacement, confidence=confidence or 0.0,
                           text=self.doc.text[start:end], group=group)
        return Finding(
            start=start, end=end, kind=r.kind, rule=r.id,
            message=message or r.message, replacement=replacement,
            confidence=r.confidence if confidence is None else confidence,
            text=self.doc.text[start:end], group=group,
            gated=bool(r.params.get("document_gate")) if r.params else False,
        )


def run_detectors(doc: Document, config: Config) -> list[Finding]:
    ctx = Context(config=config, doc=doc, rules=load_rules())
    out: list[Finding] = []
    for name in ORDER:
        mod = importlib.import_module(f"{__name__}.{name}")
        for f in mod.detect(doc, ctx):
            if ctx.enabled(f.rule):
                out.append(f)
    return out
