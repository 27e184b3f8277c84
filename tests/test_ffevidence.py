"""K604 (repair/detectors/ffevidence.py): the article before a replaced false friend agrees with the
word the source meant."""
from repair.config import Config
from repair.pipeline import repair_text


def _fix(text, threshold=0.5):
    return repair_text(text, Config(source_lang="es", threshold=threshold)).output


def test_article_agrees_with_the_meant_word():
    # 'lesion' is a suggestion (medical English has it): applied here at a lower threshold
    out = _fix("The striker suffered a lesion in the knee and will miss the derby.")
    assert "an injury in the knee" in out
    assert "a injury" not in out


def test_article_kept_where_it_agrees():
    out = _fix("The minister opened a polemic about the new law.", threshold=0.7)
    assert "opened a controversy about the new law" in out


def test_english_sense_left_alone():
    text = "A temperature inversion kept the smog over the valley for a week."
    assert _fix(text, threshold=0.7) == text
