"""Every rule is proven on more than the sentence it came from: at least two `bad` examples
from different sentences, at least one of them not from the seed article (it shares no run of
five words with seeds/nato-russia.txt), and at least one `clean` text it must leave alone.
(tests/test_rule_examples.py runs all of them through the pipeline.)"""

import re
from pathlib import Path

import pytest

from repair.rules import load_rules

ROOT = Path(__file__).resolve().parent.parent
RULES = load_rules()


def _grams(text: str, n: int = 5) -> set[str]:
    w = re.findall(r"\w+", text.lower())
    return {" ".join(w[i:i + n]) for i in range(len(w) - n + 1)}


SEED = _grams((ROOT / "seeds" / "nato-russia.txt").read_text(encoding="utf-8"))


def from_seed(text: str) -> bool:
    return bool(_grams(text) & SEED)


def test_the_seed_test_can_tell():
    assert from_seed("“There are significant differences between the allies and Russia,” he said.")
    assert not from_seed("The bridge reopens in June and ferries will run until then.")


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule_is_proven_beyond_one_sentence(rule):
    bads = {ex["bad"].strip() for ex in rule.examples}
    assert len(bads) >= 2, f"{rule.id}: {len(bads)} distinct bad example(s); two from different sentences needed"
    assert any(not from_seed(b) for b in bads), f"{rule.id}: every bad example comes from the seed article"
    assert rule.clean, f"{rule.id}: no clean example"
