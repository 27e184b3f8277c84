"""The typed core: edits that replay the output, one resolver, one offset map, composed passes."""

import json
import random
import subprocess
import sys

from repair.model import Edit, Finding, OffsetMap, Result, apply_edits, check_edits, compose, spans_overlap
from repair.pipeline import Block, decide, repair_text, resolve


def F(s, e, repl, conf=0.9, rule="X", group=None):
    return Finding(s, e, "grammar", rule, "m", repl, conf, group=group)


def _fix_json(text: str) -> dict:
    p = subprocess.run([sys.executable, "-m", "repair", "fix", "--format", "json", "-"], input=text,
                       capture_output=True, text=True, check=True)
    return json.loads(p.stdout)


def _replay(text: str, edits: list[dict]) -> str:
    return apply_edits(text, [Edit(e["start"], e["end"], e["replacement"], e["rule"]) for e in edits])


def _no_overlap(spans) -> bool:
    spans = sorted(spans)
    return all(not spans_overlap(a0, a1, b0, b1) for i, (a0, a1) in enumerate(spans)
               for (b0, b1) in spans[i + 1:i + 3])


def test_a_later_fix_of_a_glue_split_is_one_edit_and_the_output_is_english():
    text = "the court willfrom hear the appeal."
    obj = _fix_json(text)
    assert obj["schema_version"] == 2
    # a modal takes a bare infinitive: 'from' (Spanish 'de') goes, it does not become 'to'
    assert obj["output"] == "the court will hear the appeal."
    assert _replay(text, obj["edits"]) == obj["output"]
    assert _no_overlap([(e["start"], e["end"]) for e in obj["edits"]])
    assert [e["rule"] for e in obj["edits"]] == ["G101+K101"]
    k = next(f for f in obj["findings"] if f["rule"] == "K101")
    assert k["applied"] and "G101" in k["reason"]


def test_a_period_found_after_a_space_was_removed_is_not_inside_that_fix():
    text = "The talks ended . work"
    obj = _fix_json(text)
    spans = {f["rule"]: (f["start"], f["end"]) for f in obj["findings"] if f["applied"]}
    assert spans == {"P103": (15, 16), "P101": (16, 17)}
    assert _replay(text, obj["edits"]) == obj["output"] == "The talks ended work"


def test_offset_map_both_ways():
    text = "aaa bbb ccc ddd"
    edits = [Edit(4, 7, "BBBBB"), Edit(8, 8, "new "), Edit(12, 15, "")]
    new = apply_edits(text, edits)
    m = OffsetMap(edits)
    assert new == "aaa BBBBB new ccc "
    assert m.to_old(4, 9) == (4, 7) and m.to_old(14, 17) == (8, 11)
    assert m.to_new(8) == 14 and m.to_new(8, end=True) == 10     # an insertion: before a start, after an end
    assert m.new_span(8, 11) == (14, 17) and m.new_span(5, 6) is None
    # after a deletion a start maps past the deleted text, an end before it
    d = OffsetMap([Edit(3, 5, "")])
    assert d.to_old(3, 4) == (5, 6) and d.to_old(1, 3) == (1, 3)


def test_compose_merges_a_rewrite_of_an_earlier_fix_and_replays():
    old = "the court willfrom hear it"
    first = [Edit(10, 18, "will from", "G101")]
    mid = apply_edits(old, first)
    second = [Edit(15, 19, "to", "K101"), Edit(0, 3, "The", "C1")]
    both = compose(first, second, mid)
    assert apply_edits(old, both) == apply_edits(mid, second)
    assert [(e.start, e.end, e.replacement, e.rule) for e in both] == [
        (0, 3, "The", "C1"), (10, 18, "will to", "G101+K101")]


def test_compose_random_edits_replay_and_never_overlap():
    rnd = random.Random(7)
    for _ in range(400):
        text = "".join(rnd.choice("ab .") for _ in range(rnd.randint(0, 30)))
        cur, total = text, []
        for _pass in range(3):
            eds, pos = [], 0
            while pos <= len(cur) and rnd.random() < 0.7:
                s = rnd.randint(pos, len(cur))
                e = min(len(cur), s + rnd.choice((0, 0, 1, 2, 3)))
                eds.append(Edit(s, e, "".join(rnd.choice("xy ") for _ in range(rnd.randint(0 if e > s else 1, 3)))))
                pos = e + 1
            total = compose(total, eds, cur)
            cur = apply_edits(cur, eds)
            assert apply_edits(text, check_edits(total)) == cur


def test_resolver_agrees_with_the_quadratic_rule():
    rnd = random.Random(3)

    def quadratic(fs):
        chosen = []
        for f in sorted(fs, key=lambda f: (-f.confidence, -(f.end - f.start), f.start, f.rule)):
            if not any(f.overlaps(c) for c in chosen):
                chosen.append(f)
        return chosen

    for _ in range(300):
        fs = []
        for i in range(rnd.randint(0, 25)):
            s = rnd.randint(0, 40)
            fs.append(F(s, s + rnd.choice((0, 1, 2, 5)), "r", rnd.choice((0.7, 0.8, 0.9)), rule=f"R{i:03}"))
        assert {id(f) for f in resolve(fs, 0.7)} == {id(f) for f in quadratic(fs)}


def test_resolver_records_decisions_and_blocks():
    a, b, low, bare = F(0, 5, "x", 0.9, "A"), F(3, 8, "y", 0.8, "B"), F(10, 12, "z", 0.5), F(20, 22, None)
    chosen, why = decide([a, b, low, bare], 0.7)
    assert chosen == [a]
    assert why[id(b)][0] == "rejected" and "A" in why[id(b)][1]
    assert why[id(low)][0] == "suggested" and "threshold" in why[id(low)][1]
    assert why[id(bare)][0] == "suggested"
    # an insertion at either end of an earlier insertion has no defined order: blocked
    assert decide([F(5, 5, "q")], 0.7, [Block(5, 9, insertion=True)])[0] == []
    assert decide([F(9, 9, "q")], 0.7, [Block(5, 9, insertion=False)])[0] != []
    assert decide([F(3, 7, "q")], 0.7, [Block(5, 5)])[0] == []  # across a deletion point


def test_result_edits_replay_on_the_seed_and_findings_carry_decisions():
    from pathlib import Path

    seed = (Path(__file__).resolve().parent.parent / "seeds" / "nato-russia.txt").read_text(encoding="utf-8")
    res = repair_text(seed)
    assert apply_edits(seed, check_edits(res.edits)) == res.output
    assert all(f.decision in ("applied", "suggested", "rejected") for f in res.findings)
    assert any(f.decision == "rejected" and f.reason for f in res.findings)
    assert Result("ab", "ab", []).edits == []


def test_the_evidence_interface_and_its_in_memory_fake():
    from repair import evidence
    from repair import lexicon as L

    assert isinstance(evidence.current(), evidence.Evidence)
    fake = evidence.MemoryEvidence(zipf={"en": {"talks": 5.1}, "es": {"charlas": 3.0}},
                                   unigrams={"talks": 900, "talked": 40}, bigrams={("the", "talks"): 12})
    with evidence.using(fake):
        assert L.zipf("Talks") == 5.1 and L.zipf("charlas", "es") == 3.0 and L.zipf("nope") == 0
        assert L.unigram("talks") == 900 and L.bigram("The", "talks") == 12 and L.bigram("a", "b") == 0
        assert L.words_with_prefix("talk") == ("talked", "talks")
        assert L.is_word("talks") and not L.is_word("nope")
    assert evidence.current() is not fake
    assert L.zipf("talks") > 3  # the real index again, not the fake's cached answers
