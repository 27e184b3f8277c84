"""Generic check types (``extends:`` in a rule), configured from YAML only."""

import pytest
import yaml

from repair.config import Config
from repair.pipeline import repair_text
from repair.rules import RuleError, load_file


def _pack(tmp_path, *entries):
    d = tmp_path / "house"
    d.mkdir(exist_ok=True)
    (d / "house.yaml").write_text(yaml.safe_dump({"rules": list(entries)}, allow_unicode=True), encoding="utf-8")
    return d


SWAP = {"id": "H201", "kind": "residue", "message": "a house-style swap", "extends": "substitution",
        "confidence": 0.9,
        "params": {"swap": {"circa": "about"}, "context": ["between_english_words"],
                   "exceptions": [r"circa 1\d\d\d"]},
        "examples": [{"bad": "The bridge cost circa twenty million pounds.",
                      "good": "The bridge cost about twenty million pounds."}],
        "clean": ["Circa 1900 the bridge was built."]}


def test_substitution_from_yaml_alone(tmp_path):
    cfg = Config(rule_dirs=(str(_pack(tmp_path, SWAP)),))
    assert repair_text("The bridge cost circa twenty million pounds.", cfg).output == \
        "The bridge cost about twenty million pounds."
    # the context: between two lowercase English words one space away
    assert repair_text("The bridge cost circa, they said.", cfg).output == "The bridge cost circa, they said."
    # an exception (a regex tried at the match)
    assert repair_text("The bridge built circa 1890 stands.", cfg).output == "The bridge built circa 1890 stands."


def test_substitution_tables_by_source_language_are_data():
    # R106 reads rules/lang/<lang>/function-words.yaml: the Portuguese table for pt copy only
    assert repair_text("Analysts said the measures são insufficient to stop it.", Config(source_lang="pt")).output \
        == "Analysts said the measures are insufficient to stop it."
    assert repair_text("The talks were useful et the two sides will meet.", Config(source_lang="fr")).output \
        == "The talks were useful and the two sides will meet."
    assert repair_text("Smith et al said it.", Config(source_lang="fr")).output == "Smith et al said it."


@pytest.mark.parametrize("over,key", [
    ({"extends": "nope"}, "extends"),
    ({"params": {}}, "params"),
])
def test_a_bad_generic_rule_names_the_key(tmp_path, over, key):
    entry = dict(SWAP, **over)
    d = _pack(tmp_path, entry)
    with pytest.raises(RuleError, match=f"rule H201: key '{key}'"):
        load_file(str(d / "house.yaml"))


def test_extends_excludes_pattern_and_detector(tmp_path):
    d = _pack(tmp_path, dict(SWAP, detector="residue"))
    with pytest.raises(RuleError, match="one of the keys 'pattern', 'detector' or 'extends'"):
        load_file(str(d / "house.yaml"))


CONSISTENT = {"id": "H202", "kind": "calque", "message": "one term translated two ways", "extends": "consistency",
              "confidence": 0.8, "params": {"either": [["secretary general", "general secretary"]]},
              "examples": [{"bad": "x", "good": "x"}], "clean": ["x"]}


def test_consistency_from_yaml_alone(tmp_path):
    cfg = Config(rule_dirs=(str(_pack(tmp_path, CONSISTENT)),))
    text = ("The Secretary General arrived. The general secretary spoke. "
            "Later the secretary general left.")
    res = repair_text(text, cfg)
    assert res.output == ("The Secretary General arrived. The secretary general spoke. "
                          "Later the secretary general left.")
    # one form alone is consistent
    assert repair_text("The general secretary spoke twice; the general secretary left.", cfg).output == \
        "The general secretary spoke twice; the general secretary left."


def test_capitalisation_and_existence_rules_are_parameters():
    from repair.rules import load_rules

    by = {r.id: r for r in load_rules()}
    assert by["C101"].extends == "capitalisation" and by["C101"].params["words"]
    assert all(by[f"B10{i}"].extends == "existence" for i in range(1, 8))
    assert by["R103"].extends == by["R106"].extends == "substitution"
    assert all(by[f"B20{i}"].extends == "existence" for i in range(1, 6))
    # the false friends and context calques are pattern substitutions; K377 stays an algorithm
    assert all(by[f"K{n}"].extends == "substitution" for n in range(301, 377) if f"K{n}" in by)
    assert by["K377"].detector == "contextcalques" and by["K377"].extends is None
    assert by["P103"].extends == "substitution" and by["P103"].params["pattern"]


PATTERN = {"id": "H203", "kind": "calque", "message": "'la plantilla' is the squad", "extends": "substitution",
           "confidence": 0.85,
           "params": {"pattern": r"\b(the|its|their) (template)\b(?! of (?:Spain|France))",
                      "replacement": r"\1 squad", "article_domain": "sport", "outside": "skip"},
           "examples": [{"bad": "x", "good": "x"}], "clean": ["x"]}


def test_pattern_substitution_from_yaml_alone(tmp_path):
    cfg = Config(rule_dirs=(str(_pack(tmp_path, PATTERN)),), select=("H203",))
    sport = "The coach named the template for the match; the club and the league agreed, the striker said."
    assert repair_text(sport, cfg).output == sport.replace("the template", "the squad")
    # outside the article's domain: nothing (outside: skip)
    office = "The clerk filled in the template for the report."
    res = repair_text(office, cfg)
    assert res.output == office and not res.findings


def test_pattern_substitution_conditions_are_data(tmp_path):
    import copy

    hint = dict(copy.deepcopy(PATTERN), id="H204", params={"pattern": r"\b(the) (template)\b", "replacement": r"\1 squad",
                                             "suggest_only": True})
    near = dict(copy.deepcopy(PATTERN), id="H205", params={"pattern": r"\b(the) (roster)\b", "replacement": r"\1 squad",
                                             "nearby": ["football"], "sentence_start": "fold"})
    cfg = Config(rule_dirs=(str(_pack(tmp_path, hint, near)),), select=("H204", "H205"))
    sport = "The coach named the template for the match; the club and the league agreed, the striker said."
    res = repair_text(sport, cfg)
    # a hint only: a suggestion wherever it stands
    assert res.output == sport and [f.rule for f in res.findings] == ["H204"] and not res.findings[0].applied
    # nearby football words make it certain; the capital that opens the sentence is folded for the match
    text = "The roster was named before the match; the goalkeeper and the striker both start."
    assert repair_text(text, cfg).output == text.replace("The roster", "The squad")
    assert not repair_text("The roster of the committee was published.", cfg).findings
