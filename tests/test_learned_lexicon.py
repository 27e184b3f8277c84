"""The learned lexicon of Spanish words rule-based MT leaves untranslated (ES-L003; sentences written for these
tests)."""

import yaml

from repair.config import Config
from repair.learned import learned_dir, load_lexicon
from repair.mine_lexicon import select, source_dice
from repair.pipeline import repair_text

CFG = Config(source_lang="es", select=("ES-L003",))


def test_shipped_lexicon_is_documented_data():
    import os

    path = os.path.join(learned_dir(), "lexicon-es.yaml")
    head = open(path, encoding="utf-8").read(3000)
    assert "python -m repair.mine_lexicon" in head and "python -m repair.mine_devset" in head
    data = yaml.safe_load(open(path, encoding="utf-8"))
    assert "newstest2012.test" in data["provenance"]["never_read"]
    for e in data["entries"]:
        assert e["english"] <= 1 and e["dice"] > 0 and e["es"] != e["en"]
    lex = load_lexicon("es")
    assert len(lex) > 500 and not load_lexicon("xx")


def test_a_left_word_is_translated_with_its_capital_and_only_once():
    got = repair_text("Agravios of the past and new agravios divide the two valleys.", CFG)
    assert got.output == "Grievances of the past and new grievances divide the two valleys."
    assert repair_text(got.output, CFG).output == got.output


def test_english_words_acronyms_and_name_parts_are_left_alone():
    for text in ("The villagers fled before the army arrived.",   # English already
                 "AGRAVIOS, the play, opens in May.",              # capitals: a title or an acronym
                 "The ships crossed the ocean Índico last week."):  # the translation stands beside it: a name
        assert repair_text(text, CFG).output == text


def test_selection_needs_agreeing_evidence():
    from collections import Counter

    seen = Counter({"agravios": 10, "ruido": 10})
    subst = {"agravios": Counter({"grievances": 6}), "ruido": Counter({"noise": 1, "sound": 1})}
    missing = {"agravios": Counter({"grievances": 8, "past": 2}), "ruido": Counter({"loud": 5, "noise": 2})}
    ref_df = Counter({"grievances": 9, "noise": 40, "loud": 30, "past": 500})
    got = select(seen, subst, missing, ref_df, Counter())
    assert [(x["es"], x["en"]) for x in got] == [("agravios", "grievances")]


def test_source_association_picks_the_clear_translation():
    pairs = [("los aldeanos huyeron", "the villagers fled")] * 4 + [("los soldados huyeron", "the soldiers fled")] * 4
    got = source_dice(pairs, {"aldeanos"}, min_co=3, min_dice=0.3)
    assert got["aldeanos"]["en"] == "villagers"
