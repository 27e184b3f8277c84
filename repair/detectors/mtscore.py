"""Whole sentences that read like machine translation where no fix is safe (rule K801).

The score is ``repair.mtscore`` (n-gram evidence, source-language order, residue, calques
without a certain fix, and word sequences learned from MT output), its weights and thresholds are data (``params`` of K801 in
``rules/mtscore.yaml``).  A flag spans the sentence, carries no replacement and is never
applied: it is a suggestion for the editor, and with ``--source``/``--model`` it selects the
sentence for re-translation (``repair/retranslate/engine.py``).
"""

from __future__ import annotations

from .. import mtscore as MS


def detect(doc, ctx):
    if not ctx.enabled(MS.RULE_ID):
        return
    params = ctx.rule(MS.RULE_ID).params
    shown = int(params.get("evidence_shown", 3))
    for s in MS.score_sentences(doc, ctx.source_lang, params):
        if not MS.flagged(s, params):
            continue
        why = "; ".join(e[2] for e in s.evidence[:shown]) or "its words and their order"
        more = len(s.evidence) - shown
        if more > 0:
            why += f" (+{more} more)"
        yield ctx.finding(MS.RULE_ID, s.start, s.end, None,
                          message=f"reads like machine translation (score {s.score:.2f}): {why}")
