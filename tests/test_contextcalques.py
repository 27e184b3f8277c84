"""repair/detectors/contextcalques.py: false friends and verb-construction calques decided by the
words around them (rules/false-friends-context.yaml, rules/calque-verbs.yaml)."""

from repair.config import Config
from repair.detectors.contextcalques import folded, gerund, is_verb, ordinal
from repair.pipeline import repair_text


def _fix(text):
    return repair_text(text, Config())


def test_gerund_by_frequency_evidence():
    assert gerund("analyze") == "analyzing"
    assert gerund("lose") == "losing"
    assert gerund("stop") == "stopping"
    assert gerund("look") == "looking"
    assert gerund("see") == "seeing"


def test_ordinals():
    assert [ordinal(n) for n in ("1", "2", "3", "11", "12", "13", "21", "23", "58", "111")] == \
        ["1st", "2nd", "3rd", "11th", "12th", "13th", "21st", "23rd", "58th", "111th"]


def test_verb_evidence_separates_verbs_from_nouns():
    for w in ("look", "lose", "grow", "explain", "analyze"):
        assert is_verb(w), w
    for w in ("schedule", "himself", "the", "health", "economy", "minimum"):
        assert not is_verb(w), w


def test_folded_lowers_sentence_starts_only():
    t = 'The exit. "The coach" and Madrid; In the end'
    f = folded(t)
    assert len(f) == len(t)
    assert f.startswith("the exit. \"the coach\" and Madrid; in the end")


def test_domain_decides_apply_or_suggest():
    # football words around: Italian "al 18'" is the 18th minute
    res = _fix("The hosts took the lead at the 18', with a header of the striker from a cross.")
    assert "in the 18th minute, with a header" in res.output
    # no football words: the same shape is only a suggestion
    res = _fix("The boat left at the 18' mark of the river.")
    assert res.output == "The boat left at the 18' mark of the river."
    k = [f for f in res.findings if f.rule == "K360"]
    assert k and not k[0].applied


def test_word_order_needs_football_context():
    foot = "The striker beat the defense visiting after a cross from the left and scored."
    assert "the visiting defense after" in _fix(foot).output
    plain = "The mayor thanked the club local for the new park."
    res = _fix(plain)
    # K374 (the football word-order rule) keeps to football copy; outside it K627 (romanceorder)
    # swaps the pair on English bigram evidence alone ("local club" frequent, "club local" unseen)
    assert not any(f.rule == "K374" and f.applied for f in res.findings)
    assert res.output == "The mayor thanked the local club for the new park."


def test_real_shapes_from_a_content_farm_style_match_report():
    t = ("The visitors had the best chance in the minute 23, when a shot hit the post. "
         "\"Now we must to think in the next match\", said the coach after the goal, "
         "which depends of the referee.")
    out = _fix(t).output
    assert "best chance in the 23rd minute" in out
    assert "we must think about the next match" in out
    assert "depends on the referee" in out


def test_idempotent():
    t = ("The trial was realized in October. The club dreams with the title. "
         "The club keeps to look elsewhere and risks to lose the derby after to analyze the video.")
    once = _fix(t).output
    assert once != t
    assert _fix(once).output == once


def test_personal_a_by_bigram_evidence():
    out = _fix("The court has condemned to the former mayor. The weekend remembered to the victims.").output
    assert "has condemned the former mayor" in out
    assert "remembered the victims" in out
    # verbs whose "to" is their own, and a country after "to", are left alone
    clean = "The minister spoke to the mayor, returned to the Congress and sent a letter to the President."
    assert _fix(clean).output == clean


def test_clock_writes_24_hour_times_as_news_does():
    from repair.detectors.contextcalques import clock

    assert clock("20") == "8 p.m."
    assert clock("16", "30") == "4:30 p.m."
    assert clock("9", "05") == "9:05 a.m."
    assert clock("0") == "midnight" and clock("12") == "noon"
    assert clock("12", "15") == "12:15 p.m." and clock("0", "40") == "12:40 a.m."
    assert clock("24") is None and clock("10", "75") is None


def test_clock_time_and_score_in_running_text_are_idempotent():
    from repair.pipeline import repair_text

    text = "Benfica tied for 2 to 2 with Porto at 21h30, and the next game starts at 16h on Sunday.\n"
    out = repair_text(text).output
    assert out == "Benfica tied 2-2 with Porto at 9:30 p.m., and the next game starts at 4 p.m. on Sunday.\n"
    assert repair_text(out).output == out
