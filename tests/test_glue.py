"""Glue detector (repair/detectors/glue.py): run-together words, stray and lost letters."""

import os

import pytest

from repair.config import Config
from repair.pipeline import repair_text

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SEED = os.path.join(ROOT, "seeds", "nato-russia.txt")
CORPORA = os.path.join(os.path.dirname(ROOT), "shared", "corpora")
GLUE = Config(select=("G",))


def fix(text, config=GLUE):
    return repair_text(text, config).output


def applied(text, config=GLUE):
    return [(f.rule, f.text, f.replacement) for f in repair_text(text, config).applied]


@pytest.fixture(scope="module")
def seed():
    with open(SEED, encoding="utf-8") as f:
        return f.read()


def test_seed_glue_repaired(seed):
    out = fix(seed)
    for bad in ("eThey", "Russiato", "Europ ", "securitya", "cdoomed", "failurewarned",
                "statisticsthe", "russianew"):
        assert bad not in out, bad
    for good in ("that they are willing", "if Russia to", "the European security “against",
                 "are doomed to failure, warned the Russian", "from Russia new things",
                 "statistics the US"):
        assert good in out, good


def test_seed_full_pipeline_keeps_glue_fixes(seed):
    out = repair_text(seed).output
    assert "the European security" in out and "to failure, warned" in out
    assert "that they are willing" in out and "from Russia new things" in out


def test_findings_carry_evidence(seed):
    res = repair_text(seed, GLUE)
    msgs = {f.text: f.message for f in res.findings}
    assert "zipf" in msgs["statisticsthe"]
    assert "occurs as a word elsewhere" in msgs["Russiato"]
    assert "european" in msgs["Europ"]


def test_idempotent(seed):
    once = fix(seed)
    assert fix(once) == once
    full = repair_text(seed).output
    assert repair_text(full).output == full


@pytest.mark.parametrize("bad,good", [
    ("The talks endedwithout a deal.", "The talks ended without a deal."),
    ("It wouldnot help much.", "It would not help much."),
    ("At theend of the day they left.", "At the end of the day they left."),
    ("He blamed the governmentthe unions and the banks.", "He blamed the government the unions and the banks."),
    ("Most people live inthe north.", "Most people live in the north."),
    ("Exports from Canada rose. Canadato Mexico fell.", "Exports from Canada rose. Canada to Mexico fell."),
    ("Polls favour Massabecause of the economy.", "Polls favour Massa because of the economy."),
    ("Officials said that eThey are ready.", "Officials said that they are ready."),
    ("They are cdoomed to fail.", "They are doomed to fail."),
    ("The plan is bad for securitya in the region.", "The plan is bad for security in the region."),
    ("TheItalian banks met.", "The Italian banks met."),
])
def test_kinds_of_glue(bad, good):
    assert fix(bad) == good


def test_reporting_verb_gets_comma_only_before_a_subject():
    assert fix("The strike is a failurewarned the union leader.") == \
        "The strike is a failure, warned the union leader."
    # no subject follows: a plain split, no comma
    out = fix("The failurewarned investors about the risks of the plan and much more besides.")
    assert "failure, warned" not in out


@pytest.mark.parametrize("text", [
    "She sold it on eBay and bought an iPhone, an iPad and an iMac.",
    "Write to press@example.org or see www.example.com/newsroom and #followfriday.",
    "Los Blancos won, the fans said adiós and gracias, and todos celebrated.",
    "Rosenberg met Goldstein, Robertas, Pinedo and Iveto in Newcastle.",
    "Gazprom said Gazprombank would lend more.",
    "The boroughwide plan covers dishtowels, leopardskin coats and the gasduct.",
    "She writes for TheStreet and OnStar.",
    "A state-of-the-art, well-known co-operative in Baden-Württemberg.",
    "NASA, the FBI and UNESCO use X5 and B52 codes like get_value and 3rdparty.",
    "The minister presentor the budget.",  # a mangled source verb: left to residue rules
])
def test_clean_text_untouched(text):
    assert applied(text) == []


def test_compound_is_only_suggested():
    res = repair_text("The companyboardmeeting was long.", GLUE)
    assert [f.rule for f in res.findings] == ["G107"]
    assert not res.applied and res.output == res.input


def test_two_word_compound_is_clean():
    # two English content words no glue rule reads as glue: a compound of clean copy, no finding
    for text in ("The boroughwide plan was approved.", "The new teashop sells bodycare products.",
                 "The hotelkeeper spoke of lovesickness.", "Greentowers hired two quarterfinalists."):
        res = repair_text(text, GLUE)
        assert not [f for f in res.findings if f.rule == "G107"], res.findings


def test_repeated_compound_is_the_writers_word():
    # glue is an accident of one place; a compound the article writes again is its word
    for text in ("The citycouncilvote was delayed. Engineers awaited the citycouncilvote within a week.",
                 "A leaguewideban followed. The Leaguewideban rules were changed in May."):
        res = repair_text(text, GLUE)
        assert not [f for f in res.findings if f.rule == "G107"], res.findings
    res = repair_text("The citycouncilvote was delayed by the storm. Engineers rebuilt the line.", GLUE)
    assert [f.rule for f in res.findings] == ["G107"]


@pytest.mark.skipif(not os.path.isdir(CORPORA), reason="shared corpora not present")
def test_clean_news_has_almost_no_glue_edits():
    path = os.path.join(CORPORA, "newstest2012", "newstest2012.en")
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()[:1500]
    cfg = Config(select=("G", "F", "N"))
    edits = words = 0
    for i in range(0, len(lines), 30):
        chunk = "\n".join(lines[i:i + 30])
        words += len(chunk.split())
        edits += len(repair_text(chunk, cfg).applied)
    assert edits * 1000 / words <= 0.2

