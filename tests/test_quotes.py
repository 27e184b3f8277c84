"""The quotes detector on real damaged copy (the seed article's paragraphs) and on clean copy."""

import pytest

from repair.config import Config
from repair.pipeline import repair_text

Q = Config(select=("Q",))


def fix(text, config=Q):
    return repair_text(text, config).output


SEED_CASES = [
    (
        "The NATO and Russia evidenced this Wednesday “significant differences“And they did not move.",
        "The NATO and Russia evidenced this Wednesday “significant differences” and they did not move.",
    ),
    (
        "Nevertheless, consideror one “positive sign“that they have”sitting around it table and "
        "boarded important issues”, Such as the military reinforcement.",
        "Nevertheless, consideror one “positive sign” that they have “sitting around it table and "
        "boarded important issues”, Such as the military reinforcement.",
    ),
    (
        "Stoltenberg noted that eThey are willing to talk “from good faith”But, at the same time, they must "
        "be prepared if Russiato “one more time choose by confrontation“: They made it clear that if it uses "
        "force again against Ukraine it would be a” serious strategic mistake “that would have” severe "
        "consequences “and” high cost “.",
        "Stoltenberg noted that eThey are willing to talk “from good faith” but, at the same time, they must "
        "be prepared if Russiato “one more time choose by confrontation”: They made it clear that if it uses "
        "force again against Ukraine it would be a “serious strategic mistake” that would have “severe "
        "consequences” and “high cost”.",
    ),
    (
        "“We assume that the attempts to build the security against and without Russia son counterproductive "
        "and they are doomed to fail “Grushkó told a press conference.",
        "“We assume that the attempts to build the security against and without Russia son counterproductive "
        "and they are doomed to fail” Grushkó told a press conference.",
    ),
    (
        "Grushkó indicated that “in a very frank and direct way” they had put on the table “that future "
        "degradation from situation it can have very serious consequences for European security. “",
        "Grushkó indicated that “in a very frank and direct way” they had put on the table “that future "
        "degradation from situation it can have very serious consequences for European security.”",
    ),
    (   # an odd paragraph whose first opening mark was lost: begins with a closing mark
        "She did not hear from russianew things in substance”And that“ what important is that, at end of "
        "the meeting, the Russians were unwilling, but they did not reject them either ”.",
        "She did not hear from russianew things in substance” and that “what important is that, at end of "
        "the meeting, the Russians were unwilling, but they did not reject them either”.",
    ),
    (   # a lone stray mark in an odd paragraph is dropped
        "Stoltenberg assured whats allies no illusions are made “ about the prospects for progress, but "
        "he recognized that, although the dialogue is “difficult”, it is “necessary”. EFE",
        "Stoltenberg assured whats allies no illusions are made about the prospects for progress, but "
        "he recognized that, although the dialogue is “difficult”, it is “necessary”. EFE",
    ),
]


@pytest.mark.parametrize("bad,good", SEED_CASES)
def test_seed_paragraphs(bad, good):
    assert fix(bad) == good
    assert fix(good) == good  # idempotent


CLEAN = [
    # consistent quotes, several per paragraph, nested single quotes
    "“There are significant differences between the allies and Russia on these matters,” he said.",
    "“If there is intimidation, there will be counterintimidation,” he replied, insisting that “it is "
    "imperative that (NATO) renounce the ‘open door’ policy and grant guarantees to the east.”",
    # news style: a quotation that runs on into the next paragraph is left open
    "“We will not give up,” she said. “This is about our jobs, our families and the future of the town.\n\n"
    "“We have been here for forty years and we will be here for forty more.”",
    # straight quotes are not this detector's business
    'He said "no" and then "yes", and the room laughed.',
    # a quote at the start of a paragraph, closing before a comma
    "“Dialogue is what we need,” said the Secretary General.",
    # single quotes as apostrophes
    "The allies’ position hasn’t changed, the ministers’ statement said.",
]


@pytest.mark.parametrize("text", CLEAN)
def test_clean_paragraphs_untouched(text):
    assert repair_text(text).output == text


def test_whole_seed_quotes_and_idempotence():
    text = open("seeds/nato-russia.txt", encoding="utf-8").read()
    out = fix(text)
    for good in [
        "“significant differences” and they",
        "“positive sign” that they have “sitting",
        "“from good faith” but, at",
        "choose by confrontation”:",
        "it would be a “serious strategic mistake” that would have “severe consequences” and “high cost”.",
        "for European security.”",
        "doomed to fail” Grushkó told",
        "substance” and that “what",
        "no illusions are made about",
    ]:
        assert good in out, good
    # paragraphs with consistent quotes come through byte for byte
    assert "“There are significant differences between the allies and Russia on these matters.” that “They" in out
    assert fix(out) == out
    full = repair_text(text).output
    assert repair_text(full).output == full


def test_low_evidence_is_only_suggested():
    # one mark alone at the end of a paragraph: reported, not applied
    text = "The minister said the country was approaching the end of the crisis. “"
    res = repair_text(text, Q)
    assert res.output == text
    assert any(f.rule.startswith("Q") and not f.applied for f in res.findings)
