"""Whole sentences that read like machine translation where no fix is safe (rule K801).

The score is ``repair.mtscore`` (n-gram evidence, source-language order, residue, calques
without a certain fix, and word sequences learned from MT output), its weights and thresholds are data (``params`` of K801 in
``rules/mtscore.yaml``).  A flag spans the sentence, carries no replacement and is never
applied: it is a suggestion for the editor, and with ``--source``/``--model`` it selects the
sentence for re-translation (``repair/retranslate/engine.py``).

Rule K802 is the same score at a lower threshold (``params.threshold`` of K802): a sentence below
K801's threshold but above K802's is flagged only in a text that the other rules find damaged
throughout (``params.gate.other_per_1k`` of K802, higher than K801's; ``repair.pipeline.gate_sentence_flags``).
In machine-translated articles nearly every sentence is damaged somewhere (on the 36 articles of
corpora/, 97 % of the sentences K801 and K802 flag hold a gold fragment), while professional copy never
reaches that density of other findings.
"""

from __future__ import annotations

from .. import mtscore as MS


def detect(doc, ctx):
    main, damaged = ctx.enabled(MS.RULE_ID), ctx.enabled(MS.DAMAGED_RULE_ID)
    if not (main or damaged):
        return
    params = ctx.rule(MS.RULE_ID).params
    weak = ctx.rule(MS.DAMAGED_RULE_ID).params if damaged else {}
    shown = int(params.get("evidence_shown", 3))
    for s in MS.score_sentences(doc, ctx.source_lang, params):
        if main and MS.flagged(s, params):
            rule_id = MS.RULE_ID
        elif damaged and MS.flagged_in_damaged_text(s, params, weak):
            rule_id = MS.DAMAGED_RULE_ID
        else:
            continue
        why = "; ".join(e[2] for e in s.evidence[:shown]) or "its words and their order"
        more = len(s.evidence) - shown
        if more > 0:
            why += f" (+{more} more)"
        yield ctx.finding(rule_id, s.start, s.end, None,
                          message=f"reads like machine translation (score {s.score:.2f}): {why}")
