"""Word-filter damage (F101) and one name spelled two ways (N101, N102)."""

import os

import pytest

from repair.config import Config
from repair.pipeline import repair_text

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SEED = os.path.join(ROOT, "seeds", "nato-russia.txt")
FILTER = Config(select=("F",))
NAMES = Config(select=("N",))


@pytest.mark.parametrize("bad,good", [
    ("The ambbadador spoke.", "The ambassador spoke."),
    ("Every pbadenger was badured of a seat.", "Every passenger was assured of a seat."),
    ("The clbad visited the embbady.", "The class visited the embassy."),
    ("Ambbadador Smith arrived.", "Ambassador Smith arrived."),
    ("A clbutt of its own.", "A class of its own."),
])
def test_filter_damage_repaired(bad, good):
    res = repair_text(bad, FILTER)
    assert res.output == good
    assert all("zipf" in f.message for f in res.applied)
    assert repair_text(res.output, FILTER).output == res.output


@pytest.mark.parametrize("text", [
    "Haider al-Abadi wore a badge in Baden and played badminton.",
    "Sinbad, Badr and Abadan are names; a bad day is not badly spelt.",
    "The badass Badalona fans and the badger.",
    "Rebuttal: the buttons were on the butter.",
])
def test_filter_leaves_real_words(text):
    assert repair_text(text, FILTER).output == text


def test_seed_name_unified_on_introduction():
    with open(SEED, encoding="utf-8") as f:
        seed = f.read()
    res = repair_text(seed, NAMES)
    assert "Grushkó" not in res.output
    assert res.output.count("Grushko") == 3
    assert all(f.rule == "N101" for f in res.applied)
    assert "introduced in full" in res.applied[0].message
    assert repair_text(res.output, NAMES).output == res.output


def test_majority_without_diacritics():
    text = "Ivanov spoke first. Then Ivanov left, and Ivánov came back. Ivanov stayed."
    assert repair_text(text, NAMES).output == text.replace("Ivánov", "Ivanov")


@pytest.mark.parametrize("text", [
    # restoring diacritics is only a suggestion: English copy drops them
    "Prime Minister Lucas Papadémos met Papademos aides; Papademos left.",
    "José Pérez and Jose Perez are different men.",
    "The team flew from Peru to Lima, where the Universidad del Perú is.",
    "Pavel Dobrinsky said yes. Dobrinsky added more. Later Dobrimsky left.",
])
def test_names_conservative(text):
    res = repair_text(text, NAMES)
    assert res.output == text


@pytest.mark.parametrize("text,wrong,right", [
    # a tie: the spelling a dictionary knows wins over a stray accent
    ("Officers of the Sûreté searched the farm, and a spokesman for the Sûrèté confirmed the arrests.",
     "Sûrèté", "Sûreté"),
    # a tie, neither spelling known: the one with the diacritics wins (English copy drops them)
    ("The lawyer Jana Kubatová spoke first. Later Jana Kubatova answered the questions.",
     "Kubatova", "Kubatová"),
    # a tie with a spelling a dictionary knows and a stray accent nowhere attested
    ("Minister Sergei Lavrov arrived on Monday, and Sergei Lavróv left on Tuesday.", "Lavróv", "Lavrov"),
])
def test_tie_prefers_known_then_accented(text, wrong, right):
    res = repair_text(text, Config(select=("N101",)))
    fixes = [(text[f.start:f.end], f.replacement) for f in res.findings if f.rule == "N101"]
    assert fixes == [(wrong, right)], fixes
    assert not any(f.applied for f in res.findings if f.rule == "N101")  # a tie is only a suggestion
