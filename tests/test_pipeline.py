"""Pipeline mechanics: offsets, conflict resolution, passes, idempotence, untouched bytes."""

from pathlib import Path

from repair.model import Edit, Finding
from repair.pipeline import OffsetMap, apply_edits, repair_text, resolve

ROOT = Path(__file__).resolve().parent.parent
SEED = (ROOT / "seeds" / "nato-russia.txt").read_text(encoding="utf-8")


def F(s, e, repl, conf=0.9, rule="X", group=None):
    return Finding(s, e, "grammar", rule, "m", repl, conf, group=group)


def test_offset_map_round_trip():
    text = "aaa bbb ccc ddd"
    edits = [Edit(4, 7, "BBBBB"), Edit(8, 8, "new "), Edit(12, 15, "")]
    new = apply_edits(text, edits)
    assert new == "aaa BBBBB new ccc "
    m = OffsetMap(edits)
    assert (m.start(0), m.end(3)) == (0, 3)          # before any edit
    assert (m.start(4), m.end(9)) == (4, 7)          # the replaced word
    assert (m.start(14), m.end(17)) == (8, 11)       # "ccc" after an insertion
    assert m.start(new.index("new")) == 8


def test_resolve_prefers_confidence_then_length_and_respects_groups():
    a, b = F(0, 5, "x", 0.9), F(3, 8, "y", 0.8)
    assert resolve([b, a], 0.7) == [a]
    low = F(10, 12, "z", 0.5)
    assert resolve([low], 0.7) == []
    g1, g2 = F(20, 21, "q", 0.9, group="p"), F(30, 31, "r", 0.9, group="p")
    blocker = F(29, 32, "s", 0.95)
    assert resolve([g1, g2, blocker], 0.7) == [blocker]  # a group is all or nothing
    assert resolve([g1, g2], 0.7) == [g1, g2]
    ins1, ins2 = F(5, 5, "a "), F(5, 5, "b ")
    assert len(resolve([ins1, ins2], 0.7)) == 1


def test_later_pass_sees_earlier_repairs_and_offsets_map_to_input():
    text = "Its efforts from OTAN from expand east angered Moscow."
    res = repair_text(text)
    assert res.output == "The efforts of NATO to expand east angered Moscow."
    for f in res.findings:
        assert text[f.start:f.end] == f.text
    rules = {f.rule for f in res.applied}
    assert {"R103", "K101", "ES-M106"} <= rules


def test_untouched_text_is_byte_identical():
    text = "Prices rose 3.5 % in Q3 —  see https://example.com/a?b=c .\r\n\r\n“Fine,” she said.\tEnd"
    assert repair_text(text).output == text


def test_seed_is_repaired_and_idempotent():
    res = repair_text(SEED)
    assert res.changed and len(res.applied) >= 30
    again = repair_text(res.output)
    assert again.output == res.output, [(f.rule, f.text, f.replacement) for f in again.applied]
    # the headline and the paragraph structure survive
    assert res.output.startswith("NATO and Russia do not yield their positions")
    assert "\n\n\n\n" not in res.output


def test_threshold_controls_what_is_applied():
    text = "The ministers stressed the need from resume the talks."
    assert repair_text(text).changed
    from repair.config import Config

    res = repair_text(text, Config(threshold=0.99))
    assert not res.changed and res.findings and not any(f.applied for f in res.findings)


def test_select_and_ignore():
    from repair.config import Config

    text = "The ministers stressed the need from resume the talks y to meet."
    only = repair_text(text, Config(select=("R101",)))
    assert only.output == "The ministers stressed the need from resume the talks and to meet."
    skip = repair_text(text, Config(ignore=("R1",)))
    assert "need to resume" in skip.output and " y " in skip.output
