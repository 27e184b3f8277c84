"""The Portuguese lexicon learned from parallel text (PT-L003, repair/mine_lexicon_parallel.py; sentences
written for these tests)."""

import os

import yaml

from repair.config import Config
from repair.learned import learned_dir, load_lexicon
from repair.mine_lexicon_parallel import drop_phrase_parts, surface_forms
from repair.mine_lexicon import source_dice
from repair.pipeline import repair_text

PT = Config(source_lang="pt", select=("PT-L003",))


def test_shipped_lexicon_is_documented_data():
    path = os.path.join(learned_dir(), "lexicon-pt.yaml")
    head = open(path, encoding="utf-8").read(2000)
    assert "python -m repair.mine_lexicon_parallel" in head
    data = yaml.safe_load(open(path, encoding="utf-8"))
    assert data["lang"] == ["pt"] and data["provenance"]["pairs"] > 10_000
    for e in data["entries"]:
        assert e["dice"] >= 0.6 and e["co"] >= 3 and e["src"] != e["en"].lower()
    lex = load_lexicon("pt")
    assert len(lex) > 500 and lex["terremoto"] == "earthquake"
    assert "grã" not in lex and "bretanha" not in lex   # the pieces of "Grã-Bretanha" are no words alone


def test_a_left_portuguese_word_is_translated_only_in_copy_from_portuguese():
    text = "Rescue teams searched the ruins after the terremoto, and Terremoto victims were housed in tents."
    got = repair_text(text, PT)
    assert got.output == "Rescue teams searched the ruins after the earthquake, and Terremoto victims were housed in tents."
    assert repair_text(got.output, PT).output == got.output
    assert repair_text(text, Config(source_lang="es", select=("PT-L003",))).output == text


def test_english_words_are_left_alone():
    text = "The firm sold its cars in March and its boats in May."
    assert repair_text(text, PT).output == text


def test_miner_keeps_clear_words_drops_phrase_pieces_and_keeps_english_capitals():
    pairs = ([("x", "o terremoto destruiu a cidade", "the earthquake destroyed the city")]
             + [("x", "o terremoto assustou todos", "the earthquake scared everyone")]
             + [("x", "houve um terremoto ontem", "there was an earthquake yesterday")] * 2
             + [("x", "a cidade da Grã Bretanha", "the city of Britain")] * 4
             + [("x", "o inglês chegou", "the English arrived")] * 4
             + [("x", "ele falou", "he spoke English")])
    got = source_dice([(s, e) for _, s, e in pairs], {"terremoto", "grã", "bretanha", "inglês"}, 3, 0.6)
    assert got["terremoto"]["en"] == "earthquake"
    kept = drop_phrase_parts(pairs, got)
    assert "terremoto" in kept and "grã" not in kept and "bretanha" not in kept
    assert surface_forms(pairs, {"english", "earthquake"}) == {"english": "English", "earthquake": "earthquake"}
