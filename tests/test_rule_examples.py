"""Every rule carries examples (damaged → fixed, and clean text it must leave alone);
this runs them all through the whole pipeline."""

import pytest

from repair.config import Config
from repair.pipeline import repair_text
from repair.rules import load_rules

RULES = load_rules()
EXAMPLES = [(r.id, i, ex) for r in RULES for i, ex in enumerate(r.examples)]
CLEAN = [(r.id, i, c) for r in RULES for i, c in enumerate(r.clean)]


def test_every_rule_has_examples():
    missing = [r.id for r in RULES if not r.examples]
    assert not missing, f"rules without damaged examples: {missing}"
    missing = [r.id for r in RULES if not r.clean]
    assert not missing, f"rules without a clean example: {missing}"


@pytest.mark.parametrize("rule_id,i,ex", EXAMPLES, ids=[f"{r}-{i}" for r, i, _ in EXAMPLES])
def test_example_is_repaired(rule_id, i, ex):
    # an example may name the source language (else it is guessed from the text, as in a real run)
    config = Config(source_lang=ex.get("lang"))
    res = repair_text(ex["bad"], config)
    fired = [f for f in res.findings if f.rule == rule_id]
    assert fired, f"{rule_id} did not fire on {ex['bad']!r}; findings: {[f.rule for f in res.findings]}"
    if "good" in ex:
        assert res.output == ex["good"], [f"{f.rule} {f.text!r}->{f.replacement!r} {f.confidence}" for f in res.findings]
        # idempotence: the repaired text is left alone
        assert repair_text(res.output, config).output == res.output
    else:  # a detection-only example
        assert not any(f.applied for f in fired)


@pytest.mark.parametrize("rule_id,i,text", CLEAN, ids=[f"{r}-clean{i}" for r, i, _ in CLEAN])
def test_clean_example_is_untouched(rule_id, i, text):
    res = repair_text(text)
    assert res.output == text, [f"{f.rule} {f.text!r}->{f.replacement!r}" for f in res.findings if f.applied]
