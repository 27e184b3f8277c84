"""Runs the regex rules of the rule packs (``pattern`` entries in ``rules/*.yaml``)."""

from __future__ import annotations

from .. import fastregex
from ..checks import CHECKS
from ..prefilter import line_spans, may_match
from ..rules import match_case


def detect(doc, ctx):
    lang = ctx.source_lang
    for rule in ctx.rules:
        if rule.pattern is None or not ctx.config.rule_enabled(rule.id):
            continue
        if rule.lang and lang not in rule.lang:
            continue
        if not may_match(rule.pattern, doc.text, "i" in rule.flags):
            continue  # none of the words every match needs is in the text: not compiled, not run
        spans = line_spans(rule.pattern, doc.text, "i" in rule.flags)
        rx = rule.compiled
        # (a pattern whose matches never hold a line break runs only on the lines that hold its
        # literals: the same matches, in the same order; repair/prefilter.py)
        for m in rx.finditer(doc.text) if spans is None else (m for a, b in spans for m in rx.finditer(doc.text, a, b)):
            if m.end() == m.start() and rule.replacement in (None, ""):
                continue
            ok = True
            notes = []
            for name in rule.checks:
                res = CHECKS[name](doc, m, rule)
                if not res:
                    ok = False
                    break
                if isinstance(res, str):
                    notes.append(res)
            if not ok:
                continue
            repl = None
            if rule.replacement is not None:
                repl = fastregex.expand(m, rule.replacement)
                if rule.preserve_case:
                    repl = match_case(m.group(), repl)
            msg = rule.message + (f" ({'; '.join(notes)})" if notes else "")
            yield ctx.finding(rule.id, m.start(), m.end(), repl, message=msg)
