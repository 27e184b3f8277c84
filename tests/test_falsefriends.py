"""False friends by domain (repair/detectors/falsefriends.py, rules/false-friends.yaml)."""

from repair.config import Config
from repair.pipeline import repair_text

K3 = Config(select=("K3",))


def test_domain_makes_the_fix_certain():
    sport = "The club beat the league leaders; the striker marked two goals and the coach praised the fans."
    assert "scored two goals" in repair_text(sport, K3).output
    text = "The technician Luis Mendes praised the players after the match; the club won the league."
    assert repair_text(text, K3).output.startswith("Coach Luis Mendes praised")


def test_outside_the_domain_a_suggestion_only():
    text = "The technician Luis Mendes repaired the machine on Monday."
    res = repair_text(text, K3)
    assert res.output == text
    assert [f.rule for f in res.findings] == ["K305"] and not res.findings[0].applied


def test_english_senses_left_alone():
    clean = ("They reached a compromise with the unions. It was a sensible decision. He assisted the doctor. "
             "She realized the study was flawed. The actual cost was higher. He lost his spectacles.")
    res = repair_text(clean, K3)
    assert res.output == clean and not res.findings


def test_idempotent():
    text = ("The actual coach assisted to the match; the club signed the steering wheel of the rival for "
            "the league and the striker marked a goal. The sentence still is not firm.")
    once = repair_text(text).output
    assert once != text and repair_text(once).output == once
