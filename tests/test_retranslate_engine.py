"""Re-translation end to end with a hand-built copy ("identity translation") model."""

from __future__ import annotations

import pytest

from _retranslate_fixtures import REF, SEED, cache, rt  # noqa: F401


@pytest.fixture(scope="module")
def model(rt):
    from repair.retranslate.models import load

    return load(rt["argos"])


def test_copy_model_reproduces_its_input_and_continues_a_prefix(model):
    text = REF.read_text(encoding="utf-8").splitlines()[2]
    src = model.encode_src(text)
    assert model.decode_tgt(model.translate([src])[0]) == text
    pre = model.encode_tgt(text)[:6]
    out = model.translate([src, src], [pre, None], beam_size=2)
    assert [model.decode_tgt(h) for h in out] == [text, text]
    lp = model.score([src], [model.encode_tgt(text.replace("Wednesday", "Thursday"))])[0]
    assert min(lp) < -10 and max(lp) > -0.01


def test_identity_model_turns_the_damaged_seed_into_the_reference(model):
    from repair.retranslate.engine import repair_with_source

    dmg, ref = SEED.read_text(encoding="utf-8"), REF.read_text(encoding="utf-8")
    res = repair_with_source(dmg, ref, model)
    assert res.output == ref
    # only sentences with findings (or tokens the model finds very unlikely) were re-translated
    assert 0 < res.stats["retranslated"] < res.stats["linked"]
    # offsets in the report are offsets into the input
    for f in res.findings:
        assert dmg[f.start:f.end] == f.text
    assert any(f.rule == "MT101" and f.applied for f in res.findings)


def test_prefix_is_kept_and_only_the_damaged_span_is_regenerated(model):
    from repair.retranslate.engine import Options, repair_with_source

    src = "The allies insisted that Russia reduce the tension and respect the sovereignty and territorial integrity of its neighbors."
    tgt = "The allies insisted that Russia reduce the tension and respect the sovereignty e territorial integrity of its neighbors."
    res = repair_with_source(tgt, src, model, options=Options(scan=False))
    assert res.output == src
    d = res.decisions[0]
    assert d["chosen"] == "same"       # the rules' repair and the model's agree
    # the prefix ends right before the damaged word
    assert tgt[:d["prefix_end"]] == "The allies insisted that Russia reduce the tension and respect the sovereignty"
    assert d["model_text"] == src


def test_model_repair_beats_a_different_rule_repair_and_is_spliced(model):
    from repair.pipeline import repair_text
    from repair.retranslate.engine import Options, repair_with_source

    src = "It was recognized by the Allied Secretary General, Jens Stoltenberg, in Brussels."
    tgt = "It was recognized by the allied general secretary, Jens Stoltenberg, in Brussels."
    assert repair_text(tgt).output not in (tgt, src)
    res = repair_with_source(tgt, src, model, options=Options(scan=False))
    assert res.output == src
    assert res.decisions[0]["chosen"] == "model"
    mt = [f for f in res.findings if f.rule == "MT101"]
    assert mt and all(f.applied and tgt[f.start:f.end] == f.text for f in mt)
    assert all(not f.applied for f in res.findings if f.rule != "MT101")


def test_undamaged_sentences_are_not_retranslated(model):
    from repair.retranslate.engine import repair_with_source

    text = "The two sides went about reviewing their red lines without compromise.\n"
    res = repair_with_source(text, text, model)
    assert res.output == text and res.stats["retranslated"] == 0


def test_a_repair_whose_numbers_disagree_with_the_source_is_not_applied(model, monkeypatch):
    from repair.retranslate.engine import Options, repair_with_source

    src = "The 3 ministers met in Brussels on 12 May 2021."
    tgt = "The 3 ministers e met in Brussels on 12 May 2021."
    real = model.translate

    def wrong(sources, prefixes=None, **kw):
        return [model.encode_tgt("The 3 ministers met in Brussels on 15 May 2021.") for _ in sources]

    monkeypatch.setattr(model, "translate", wrong)
    res = repair_with_source(tgt, src, model, options=Options())
    monkeypatch.setattr(model, "translate", real)
    assert "15" not in res.output
    assert all(d["chosen"] != "model" for d in res.decisions)
    assert any("number" in d.get("rejected", "") for d in res.decisions)


def test_ranking_prefers_the_candidate_the_model_scores_higher(model, monkeypatch):
    from repair.retranslate.engine import Options, repair_with_source

    src = "Stoltenberg noted that they are willing to talk in good faith."
    tgt = "Stoltenberg noted that eThey are willing to talk in good faith."
    # the model's own continuation is made worse than the rules' repair: the rules must win
    monkeypatch.setattr(model, "translate",
                        lambda s, p=None, **kw: [model.encode_tgt("Stoltenberg noted that they are willing to walk in good faith.")])
    res = repair_with_source(tgt, src, model, options=Options(scan=False))
    d = res.decisions[0]
    assert d["rule_score"] > d["model_score"] and d["chosen"] in ("rules", "same")
    assert "walk" not in res.output


def test_round_trip_applies_only_when_findings_go_away(model):
    from repair.retranslate.engine import repair_round_trip

    text = "The two sides went about reviewing their red lines without compromise.\n"
    res = repair_round_trip(text, model, model)
    assert res.output == text and res.stats["retranslated"] == 0
    dmg = SEED.read_text(encoding="utf-8")
    res = repair_round_trip(dmg, model, model)
    # an identity round trip gives back the damaged sentence: nothing is gained, so the rules stand
    from repair.pipeline import repair_text
    assert res.output == repair_text(dmg).output
    assert res.stats["applied"] == 0 and res.stats["retranslated"] > 0
