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


def test_names_of_clean_copy_stay():
    # a Czech surname is no evidence for a Romance first name that lost its letter ("Dana" is no "Dança")
    clean = "Child psychologist Dana Bočková said the children had adapted well."
    assert fix(clean) == clean
    # a capital at a sentence start is no name: only the copy's own languages restore it ("Tne" is no "Töne")
    clean = "Tne council said the road would reopen on Monday."
    assert fix(clean) == clean
    # the article writes the folded name: a typo of it, not a name of a far language that lost a letter
    clean = "Alexandre Martin was questioned; Alexande Martin denies it, his lawyer said."
    assert fix(clean) == clean
    # and the damage itself is still restored
    assert fix("Minister Jos Lpez said so.") == "Minister José López said so."


def test_rare_english_word_is_not_restored_in_french_copy():
    # "perturb" (80,820 English unigrams) is no "perturbé" with its accent dropped; K604 reads it
    from repair.config import Config
    from repair.pipeline import repair_text

    text = "The strike of the controllers will perturb the departures of trains and flights this weekend at the airport."
    res = repair_text(text, Config(source_lang="fr"))
    assert "perturbé" not in res.output
    assert "will disrupt the departures" in res.output
