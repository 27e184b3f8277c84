"""Link glue (linkglue.py), straight quotes and guillemets (quotemarks.py), more boilerplate
(rules/boilerplate_inline.yaml, the title's site name)."""

from repair.config import Config
from repair.pipeline import repair_text


def fix(text, sel):
    return repair_text(text, Config(select=sel)).output


def test_link_glue_restores_punctuation():
    assert fix("Shares of PetrobrasThe index fell.", ("G2",)) == "Shares of Petrobras. The index fell."
    assert fix("We spoke to Ramírezwho denied it.", ("G2",)) == "We spoke to Ramírez, who denied it."
    assert fix("The decision, the ministerSaid, stands.", ("G2",)) == "The decision, the minister said, stands."


def test_brands_and_names_left_alone():
    clean = "LinkedIn, YouTube, PowerPoint, iPhone, eBay, McDonald, MacBook and JavaScript grew; Norwich lost."
    assert fix(clean, ("G2",)) == clean


def test_straight_quotes_by_parity():
    assert fix('He said"no" to it.', ("Q2",)) == 'He said "no" to it.'
    assert fix('He said "no"to it.', ("Q2",)) == 'He said "no" to it.'
    odd = 'He said"no to it.'
    assert fix(odd, ("Q2",)) == odd


def test_guillemet_closed_with_curly():
    assert fix("Il parle d'une « crise ”, dit-il.", ("Q2",)) == "Il parle d'une « crise », dit-il."


def test_boilerplate_lines_and_title():
    text = ("Derby ends level - CalcioNews24\n\nMILAN () - The match ended 1-1.\n\n"
            "LEIA TAMBÉM: Another headline here\n\nTags: Football Milan\n")
    out = repair_text(text).output
    assert out.startswith("Derby ends level\n\nMILAN - The match ended 1-1.")
    assert "LEIA" not in out and "Tags" not in out
    clean = "Obama meets Merkel - the talks go on\n\nThe leaders met (EFE)."
    assert repair_text(clean).output == clean


def test_idempotent():
    text = 'Shares of PetrobrasThe index fell, said"the trader" - MADRID ().'
    once = repair_text(text).output
    assert repair_text(once).output == once
