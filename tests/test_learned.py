"""Learned post-editing rules: the applier, the miner's filters and the shipped data (sentences written by us)."""

import yaml

from repair.config import Config
from repair.learned import LearnedRule, Matcher, apply_rules, learned_dir, load_learned, rule_from_entry
from repair.mine import Filter, candidates, edits_of, levenshtein, mine
from repair.pipeline import repair_text


def R(left, mt, right, fix, rid="T1"):
    return rule_from_entry({"id": rid, "left": left, "mt": mt, "right": right, "fix": fix})


def fix(text, *rules):
    return apply_rules(text, Matcher(rules))[0]


# ---------------------------------------------------------------- the applier

def test_replacement_in_context_keeps_case_and_context():
    r = R("years", "of", "prison", "in")
    assert fix("He got five years of prison for fraud.", r) == "He got five years in prison for fraud."
    assert fix("Five Years Of Prison", r) == "Five Years In Prison"
    assert fix("He spent years of his life in prison.", r) == "He spent years of his life in prison."  # no context


def test_numbers_are_a_class_in_the_context():
    r = R("<num>", "millions", "", "million")
    assert fix("They lost 40 millions of dollars.", r) == "They lost 40 million of dollars."
    assert fix("Millions of people voted.", r) == "Millions of people voted."


def test_deletion_takes_one_space_and_recapitalises():
    r = R("", "the one", "who", "")
    assert fix("She is the one who called.", r) == "She is who called."
    assert fix("The one who called left.", r) == "Who called left."
    d = R("world", "- wide", "champion", "")
    assert fix("the world-wide champion won", d) == "the world champion won"


def test_insertion_between_anchors():
    r = R("according", "", "the", "to")
    assert fix("It rose, according the report.", r) == "It rose, according to the report."


def test_longest_rule_wins_and_matches_do_not_overlap():
    general = R("", "the climatic", "", "climate", "G")
    specific = R("", "the climatic", "change", "climate", "S")
    out, edits = apply_rules("They discussed the climatic change.", Matcher([general, specific]))
    assert out == "They discussed climate change." and [e[3].id for e in edits] == ["S"]


def test_multiword_fix_is_detokenised():
    r = R("", "it treats of", "", "this is")
    assert fix("Now it treats of a new law.", r) == "Now this is a new law."


# ---------------------------------------------------------------- the miner

def test_edits_carry_their_context_room():
    a = "he got five years of prison yesterday".split()
    b = "he got five years in prison yesterday".split()
    (i1, i2, j1, j2, lr, rr), = list(edits_of(a, b))
    assert (a[i1:i2], b[j1:j2], lr, rr) == (["of"], ["in"], 2, 2)


def test_levenshtein_on_tokens():
    assert levenshtein("a b c".split(), "a x c".split()) == 1
    assert levenshtein([], "a b".split()) == 2


def test_filter_keeps_non_english_mt_side_and_drops_style():
    f = Filter(min_count=3, min_precision=0.3, eng_ratio=20, eng_total=1_000_000, mt_total=100_000, eng_per_m=1.0)
    # "years of prison": 10 times in 100k MT words, never in a million words of English; the fix is English
    assert f.passes(6, 10, ("years", "of", "prison"), ("years", "in", "prison"), 0, 40)
    # "however ," -> "but ,": style; the MT side is ordinary English
    assert not f.passes(30, 50, ("however", ","), ("but", ","), 400, 900)
    # the fix must itself be attested English
    assert not f.passes(6, 10, ("years", "of", "prison"), ("years", "at", "prison"), 0, 0)
    # too rare to be a pattern
    assert not f.passes(2, 2, ("years", "of", "prison"), ("years", "in", "prison"), 0, 40)


# sentences written for this test: a calque the "references" always fix, and a style change they make as often
MT = ["The judge sentenced him to {} years of prison for the fraud.",
      "She was given {} years of prison after the trial.",
      "However, the court said that {} people had appealed.",
      "The mayor faces {} years of prison if found guilty."]
REF = ["The judge sentenced him to {} years in prison for the fraud.",
       "She was given {} years in prison after the trial.",
       "But the court said that {} people had appealed.",
       "The mayor faces {} years in prison if found guilty."]
ENGLISH = ["However, the council said it would appeal.", "However, nobody was hurt.",
           "He was sentenced to ten years in prison.", "She spent two years in prison."] * 30


def test_mine_learns_the_calque_not_the_style():
    pairs = [("t", n * 4 + k, m.format(n + 2), r.format(n + 2)) for n in range(10) for k, (m, r) in enumerate(zip(MT, REF))]
    rules, info, _, _ = mine(pairs, ENGLISH, folds=5, min_count=3, min_precision=0.3, use_bigrams=False)
    got = {(r["rule"].mt, r["rule"].fix) for r in rules}
    assert (("of",), ("in",)) in got
    assert not any(m == ("however",) or "however" in m for m, _ in got)
    for r in rules:
        assert r["better"] > 0 and r["gain"] > 0 and r["english"] == 0


# ---------------------------------------------------------------- the shipped data and the detector

def test_shipped_learned_files_are_documented_data():
    import os
    from pathlib import Path

    from repair.mine import load_veto

    vetoed = load_veto(Path(learned_dir()) / "veto.yaml")
    assert "thousand million" in vetoed and "|the climatic|" in vetoed
    files = [f for f in os.listdir(learned_dir()) if f.endswith(".yaml") and f != "veto.yaml"
             and "tier: lexicon" not in open(os.path.join(learned_dir(), f), encoding="utf-8").read(4000)
             and "tier: article-names" not in open(os.path.join(learned_dir(), f), encoding="utf-8").read(4000)]
    assert files
    for name in files:
        path = os.path.join(learned_dir(), name)
        head = open(path, encoding="utf-8").read(3000)
        assert "python -m repair.mine" in head  # the command that rebuilds it
        data = yaml.safe_load(open(path, encoding="utf-8"))
        assert data["provenance"]["never_read"] and "newstest2012.test" in data["provenance"]["never_read"]
        tier_veto = load_veto(Path(learned_dir()) / "veto.yaml", data.get("tier") or "strict")
        for e in data["rules"]:
            key = "|".join((e["left"], e["mt"], e["right"])).lower()
            assert e["mt"] not in tier_veto and key not in tier_veto, e["id"]
            assert e["count"] >= 3 and e["valid"]["gain"] > 0 and e["valid"]["better"] >= 2 * e["valid"]["worse"]
            r = rule_from_entry(e)
            assert r.mt or r.fix
    assert load_learned("es").rules
    assert not load_learned("xx").rules


def test_detector_is_off_for_other_source_languages():
    m = load_learned("es")
    r = m.rules[0]
    bad = " ".join(("so", *r.left, *r.mt, *r.right, "again")).replace("<num>", "12")
    res_es = repair_text(bad, Config(source_lang="es", select=("ES-L",)))
    res_fr = repair_text(bad, Config(source_lang="fr", select=("ES-L",)))
    assert any(f.rule == "ES-L001" for f in res_es.findings)
    assert not res_fr.findings and res_fr.output == bad


def test_a_reordering_is_not_read_as_a_deletion():
    from repair.mine import moved

    a = "the countries of the union signed".split()
    b = "the union countries signed".split()
    # "of the union" deleted after "countries", but "union" stands earlier in the reference: a move
    assert moved(("of", "the", "union"), a, b, 2, 5, 3, 3)
    # "the" deleted before a name: nothing moved
    a2 = "he met the ubs bankers".split()
    b2 = "he met ubs bankers".split()
    assert not moved(("the",), a2, b2, 2, 3, 2, 2)


def test_repairing_twice_changes_nothing():
    text = ("The summit discussed the effects of the climatic change and the rising seas.\n\n"
            "That is to say, the talks went on in the decade of 1990 and beyond.")
    cfg = Config(source_lang="es")
    once = repair_text(text, cfg).output
    assert once != text
    assert repair_text(once, cfg).output == once


def test_a_name_or_a_shouted_word_is_not_the_phrase_a_rule_learned():
    r = R("", "leal", "", "loyal")
    assert fix("He stayed leal to the party.", r) == "He stayed loyal to the party."
    assert fix("Leal to the end, he stayed.", r) == "Loyal to the end, he stayed."
    assert fix("Minister Leal said no.", r) == "Minister Leal said no."  # a surname
    assert fix("LEAL TO THE PARTY", r) == "LEAL TO THE PARTY"  # a headline in capitals
    n = R("", "low countries", "", "Netherlands")
    assert fix("trade with the Low Countries grew", n) == "trade with the Netherlands grew"


def test_a_capitalised_word_inside_a_sentence_takes_the_fix_in_its_own_case():
    r = R("in", "occident", "", "the West")
    assert fix("Doubts have arisen even in Occident about the trial.", r) == \
        "Doubts have arisen even in the West about the trial."
    r2 = R("", "occident", ".", "the West")
    assert fix("Occident. The debate goes on.", r2) == "The West. The debate goes on."
    r3 = R("", "exprimer", "", "former")
    assert fix("Talks with the exprimer minister failed.", r3) == "Talks with the former minister failed."
    assert fix("Exprimer minister freed.", r3) == "Former minister freed."
