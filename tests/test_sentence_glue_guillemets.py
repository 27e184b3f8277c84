"""A sentence run into the next where a link was stripped (G205, linkglue.py) and a « quotation
closed with ” before a lowercase word (Q202, quotemarks.py: made “…” in English copy, «…» where the
copy writes guillemets): repaired, the look-alikes kept,
and a repaired text stays as it is."""

from __future__ import annotations

import pytest

from repair.pipeline import repair_text


@pytest.mark.parametrize("bad,good", [
    ("Europe is haunted by a long-dead spectreThere has been talk of war again.",
     "Europe is haunted by a long-dead spectre. There has been talk of war again."),
    ("Prices rose sharply in the capitalThey expect more increases next year.",
     "Prices rose sharply in the capital. They expect more increases next year."),
    ("The resolution «congratulates the people for their courage” and calls for unity.",
     "The resolution “congratulates the people for their courage” and calls for unity."),
    ("«We would not be able to save the bank a second time,” says the economist.",
     "“We would not be able to save the bank a second time,” says the economist."),
    # the copy writes «…» elsewhere: the pair is closed in its own style
    ("He called it «a victory», and «a day of celebration for everyone” for the city.",
     "He called it «a victory», and «a day of celebration for everyone» for the city."),
])
def test_repaired(bad, good):
    out = repair_text(bad).output
    assert out == good
    assert repair_text(out).output == out


@pytest.mark.parametrize("bad,good", [
    # a verb and its object: joined, no sentence break
    ("He did not miss the chance to makeThis clear to the voters.",
     "He did not miss the chance to make this clear to the voters."),
    ("The power cut hit the electricity systemAccording to the operator.",
     "The power cut hit the electricity system according to the operator."),
])
def test_joined_not_split(bad, good):
    assert repair_text(bad).output == good


@pytest.mark.parametrize("clean", [
    "He said « the “red line” was crossed » and left.",           # a nested English quotation
    "She bought an iPhone on eBay and a MacBook in the spring.",
])
def test_kept(clean):
    assert repair_text(clean).output == clean
