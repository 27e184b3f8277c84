"""repair.calques_fit: the counts behind K402 (names English writes bare) and K403 (nouns English
writes bare after a preposition), on a small corpus written here."""

from repair import calques_fit as F
from repair.langdata import words


def _corpus(tmp_path):
    p = tmp_path / "en.txt"
    p.write_text(
        "Officials said Japan announced a plan.\n"
        "Exports went to Japan, and the Netherlands said so.\n"
        "He met the Netherlands, and a Frenchman, and the Frenchman said so.\n"
        "The fight against terrorism is long; funds for terrorism, talk of terrorism.\n"
        "Spending on terrorism, laws about terrorism. The history of the company.\n",
        encoding="utf-8")
    return [p]


def test_names_alone_with_and_without_article(tmp_path):
    after = words("en", "calques", "after_day") | words("en", "calques", "name_verbs_after")
    dets = words("en", "function-words", "noun_determiners") - {"the"}
    alone, with_the, lower, cap = F.count(_corpus(tmp_path), after, dets)
    assert alone["Japan"] == 2 and with_the["Japan"] == 0
    assert alone["Netherlands"] == 2 and with_the["Netherlands"] == 2
    assert with_the["Frenchman"] == 1 and alone["Frenchman"] == 1   # "a Frenchman," is neither


def test_nouns_after_prepositions(tmp_path):
    preps = words("en", "calques", "noun_prepositions")
    ends = words("en", "calques", "noun_phrase_end")
    bare, the, spread = F.count_nouns(_corpus(tmp_path), preps, ends)
    assert bare["terrorism"] == 5 and the["terrorism"] == 0
    assert spread["terrorism"] == 0          # each preposition once: not twice after any
    assert the["company"] == 1 and bare["company"] == 0
