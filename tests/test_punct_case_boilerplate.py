"""punct, case and boilerplate detectors on real damaged copy and on clean copy."""

import pytest

from repair.config import Config
from repair.pipeline import repair_text


def fix(text, prefix):
    return repair_text(text, Config(select=(prefix,))).output


SEED = open("seeds/nato-russia.txt", encoding="utf-8").read()


# --- punct ------------------------------------------------------------------

def test_stray_period_before_lowercase():
    bad = ("“Dialogue is what we need, in different formats,” said the Secretary General of the "
           "discussions with Moscow. that take place this week in different settings.")
    good = bad.replace("Moscow. that", "Moscow that")
    assert fix(bad, "P") == good
    assert fix(good, "P") == good


@pytest.mark.parametrize("text", [
    "The U.S. economy grew, the Fed said at 10 a.m. on Tuesday.",
    "Acme Inc. said sales rose; Smith et al. disagree with the figures.",
    "He met J. R. Smith in the lobby.",
    "Prices rose 3.5 per cent. in March they fell again.",  # a lost capital, not a stray period
    "She bought the phone. iPhone sales have been rising since then.",
])
def test_period_clean(text):
    assert fix(text, "P") == text


def test_stray_period_before_a_word_that_rarely_opens_a_sentence_is_applied():
    # "stressed" does not open a sentence: the period, not a lost capital, is the damage
    text = "The spokesman for the commissioner, Olli Rehn. stressed that the plan was ready."
    res = repair_text(text, Config(select=("P",)))
    assert res.output == text.replace("Rehn.", "Rehn")


def test_stray_period_before_a_sentence_opener_is_only_suggested():
    # "in" often opens a sentence: the capital may have been lost instead
    text = "The spokesman for the commissioner, Olli Rehn. in the plan there is no money."
    res = repair_text(text, Config(select=("P",)))
    assert res.output == text
    assert any(f.rule == "P101" and not f.applied for f in res.findings)


def test_space_before_closing_quote():
    bad = ("Instead, the allies said that “they will not renounce their ability to protect each "
           "other”, even “in the presence of troops in the eastern part of the Alliance ”.")
    good = bad.replace("Alliance ”.", "Alliance”.")
    assert fix(bad, "P") == good
    assert fix(good, "P") == good


def test_nested_quote_space_kept():
    text = "“He told me ‘never again’ ”, she said."
    assert repair_text(text).output == text


def test_space_before_punct_and_doubled():
    assert fix("The plan was approved , but the vote was close .", "P") == "The plan was approved, but the vote was close."
    assert fix("The plan was approved,, but barely.", "P") == "The plan was approved, but barely."
    for text in ["The meeting starts at 10 : 30.", "He paused... and went on.", "Ah.. guys, we lost."]:
        assert fix(text, "P") == text


# --- case -------------------------------------------------------------------

def test_case_seed_fragments():
    out = fix(SEED, "C")
    assert "on the first meeting that" in out
    assert "important issues”, such as the military" in out
    assert fix(out, "C") == out


@pytest.mark.parametrize("text", [
    "The ruling cited the First Amendment and the Second World War.",
    "Such Is Life was a hit, the critic wrote.",
    "He said: The plan is ready.",
    "Fans Of The Band Gather In The Capital",
    "“The vote is over.” The count begins at eight.",
    "(AP) The storm hit the coast on Monday.",
    "The group The Who played and The Who played again.",
])
def test_case_clean(text):
    assert fix(text, "C") == text


# --- boilerplate ------------------------------------------------------------

def test_boilerplate_seed_lines():
    out = fix(SEED, "B")
    assert "ALSO READ" not in out and "Disclaimer" not in out
    assert "in Europe.\n\nThe two sides went about" in out   # one blank line left, not three
    assert out.endswith("it is “necessary”. EFE")
    assert fix(out, "B") == out


def test_boilerplate_share_block_and_markers():
    bad = ("[ad_1]\nThe court will rule next week (19459003) on the appeal.\n\n"
           "Share this:\nClick to share on Twitter (Opens in new window)\nClick to share on Facebook "
           "(Opens in new window)\n\nThe hearing lasted two days.\n\nSource link\n")
    good = "The court will rule next week on the appeal.\n\nThe hearing lasted two days.\n"
    assert fix(bad, "B") == good
    assert fix(good, "B") == good


@pytest.mark.parametrize("text", [
    "Read more about the plan in our explainer, the editor said.\n\nThe talks ended late.",
    "“Read more books,” she told the students.",
    "The company added a disclaimer: it would not be responsible for losses.",
    "Share prices fell on Monday.\n\nSource: Reuters",
])
def test_boilerplate_clean(text):
    assert fix(text, "B") == text
