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


def _k604(text, lang="es"):
    res = repair_text(text, Config(source_lang=lang))
    return res.output, [f for f in res.findings if f.rule == "K604"]


def test_domain_pair_applied_with_its_domain_nearby():
    # 'sounding' is a suggest-only pair with domain politics: vote, party and election make it a poll
    out, fs = _k604("A sounding published on Sunday gives the party 30 percent of the vote in the election.")
    assert out.startswith("A poll published on Sunday")
    assert any(f.applied and "politics word(s) nearby" in f.message for f in fs)


def test_domain_pair_only_offered_without_its_domain():
    text = "A sounding published on Sunday surprised the readers of the weekly magazine."
    out, fs = _k604(text)
    assert out == text
    assert fs and not any(f.applied for f in fs)


def test_domain_words_of_another_paragraph_do_not_count():
    # one sentence a line: the politics words of the next line say nothing of this one
    text = ("A sounding published on Sunday surprised the readers of the weekly magazine.\n"
            "The party won the vote in the election and the parliament met.")
    out, _ = _k604(text)
    assert out.startswith("A sounding published on Sunday")


def test_domain_pair_keeps_its_english_sense_by_the_evidence():
    # 'the disputed penalty' is English: the bigram evidence stops K604 whatever the domain words say
    text = "The referee gave the disputed penalty in the last minute of the match, and the striker scored the goal."
    out, _ = _k604(text)
    assert "disputed penalty" in out
