"""``sentence_start: fold`` of a word-table substitution (repair/detectors/substitution.py): a source
word capitalised only because it opens the sentence, alone before a comma or colon, is swapped too."""
from repair.config import Config
from repair.pipeline import repair_text


def _fix(text, lang="it"):
    return repair_text(text, Config(source_lang=lang)).output


def test_sentence_initial_residue_before_a_comma():
    out = _fix("The government met on Monday. Manovra, the government approves the text on Monday.")
    assert "Budget, the government approves" in out


def test_sentence_initial_source_word_as_a_modifier_is_left():
    text = "Gobierno sources said the deal was near, and the talks went on."
    assert _fix(text, lang="es") == text

