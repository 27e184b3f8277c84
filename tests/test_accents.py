"""Accent-stripped words (repair/detectors/accents.py): dropped accented letters restored
from the source-language word lists."""

from repair.config import Config
from repair.detectors import accents
from repair.pipeline import repair_text

ACC = Config(select=("N2",))


def fix(text):
    return repair_text(text, ACC).output


def test_index_finds_the_accented_words():
    words = {w for w, _, _ in accents.candidates("gonzlez")}
    assert "gonzález" in words
    assert accents.candidates("house") == ()


def test_names_and_words_restored():
    text = "Coach Jorge Gonzlez left Bogot for Espaa, where the socit welcomed him."
    out = fix(text)
    assert "González" in out and "Bogotá" in out and "España" in out and "société" in out


def test_english_spelling_where_english_prefers_it():
    assert fix("He flew to Mxico and Per.") == "He flew to Mexico and Per."
    assert fix("The prsident spoke.") == "The president spoke."


def test_english_words_and_known_names_left_alone():
    clean = ("The mayor of Jos met Ren Zhengfei in Paris; Per Mertesacker and Len Deighton "
             "read the Gonzalez report on Zzap and xkcd.")
    assert fix(clean) == clean


def test_upper_case_kept():
    assert fix("RODRGUEZ SCORES AGAIN") == "RODRÍGUEZ SCORES AGAIN"


def test_idempotent():
    text = "The governor of So Paulo met Luis Rodrguez in Mxico."
    once = repair_text(text).output
    assert once == "The governor of São Paulo met Luis Rodríguez in Mexico."
    assert repair_text(once).output == once
