"""Applies the post-editing rules learned from data (``rules/learned/*.yaml``, mined by ``repair/mine.py``).

Each learned rule rewrites a short phrase between fixed context tokens; the rules were kept only where their MT
side is rare in clean English and where they lowered the edit distance to the reference on held-out lines.  The
finding names the learned rule and its edit; the detector's rule id is declared in ``rules/learned.yaml``."""

from __future__ import annotations

from ..learned import apply_rules, load_learned

RULE_ID = "ES-L001"


def detect(doc, ctx):
    if not ctx.enabled(RULE_ID):
        return
    r0 = ctx.rule(RULE_ID)
    lang = ctx.source_lang
    if r0.lang and lang not in r0.lang:
        return
    matcher = load_learned(lang)
    if not matcher.rules:
        return
    for p in doc.paragraphs:
        text = doc.text[p.start:p.end]
        _, edits = apply_rules(text, matcher)
        for s, e, rep, r in edits:
            yield ctx.finding(RULE_ID, p.start + s, p.start + e, rep, confidence=min(r0.confidence, r.confidence),
                              message=f"{r0.message}: {r.describe()} (learned rule {r.id})")
