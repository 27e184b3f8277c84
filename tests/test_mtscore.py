"""The sentence-level MT-damage score (repair/mtscore.py, rule K801): damaged sentences are
flagged, clean ones are not, a flag is a suggestion that is never applied, and the result
is idempotent.  The sentences here are written for these tests (none is a WMT line)."""

import shutil
import subprocess

import pytest
from _retranslate_fixtures import cache, rt  # noqa: F401  (the tiny copy model)

from repair import mtscore as MS
from repair.config import Config
from repair.document import Document
from repair.pipeline import repair_text
from repair.rules import rule

DAMAGED = [
    # adverb between verb and object, clitic + personal 'a', 'by' for 'por'
    "The mayor has inaugurated yesterday the new bridge, in which it thanks to the neighbours by their "
    "patience during the works.",
    # adjective of nationality after its noun, 'more' + plain adjective, article before a weekday
    "The coach of the team French said that the players more young still are not ready for the final of the Sunday.",
    # personal 'a', 'years of prison', adjective after its noun
    "The tribunal condemned to the former mayor to six years of prison by the crimes of corruption and "
    "embezzlement of funds publics.",
    # words left in the source language
    "The deputies rejected the proposal because the reform was desventajosa for the workers autónomos of the region.",
]
CLEAN = [
    "The city council approved on Tuesday a plan to cut unemployment among young people by next spring.",
    "The court sentenced the former mayor to six years in prison for corruption and embezzlement of public funds.",
    "The French coach said the younger players were still not ready for Sunday's final.",
    "Police arrested the suspect at his home after a two-hour chase through the old town.",
    "Shares in the carmaker fell 4 per cent after it cut its forecast for the second time this year.",
]


def k901(text, **kw):
    res = repair_text(text, Config(source_lang="es", **kw))
    return res, [f for f in res.findings if f.rule == "K801"]


@pytest.mark.parametrize("text", DAMAGED)
def test_damaged_sentence_is_flagged(text):
    res, flags = k901(text)
    assert len(flags) == 1
    f = flags[0]
    assert (f.start, f.end) == (0, len(text))     # the whole sentence
    assert f.kind == "calque" and f.replacement is None and not f.applied
    assert "reads like machine translation" in f.message


@pytest.mark.parametrize("text", CLEAN)
def test_clean_sentence_is_not_flagged(text):
    _res, flags = k901(text)
    assert flags == []


def test_a_flag_is_never_applied_and_idempotent():
    text = "\n\n".join(DAMAGED + CLEAN)
    res, flags = k901(text, select=("K801",))
    assert len(flags) == len(DAMAGED)
    assert res.output == text                       # flagging changes nothing
    # even with a threshold that would apply anything, a flag has no replacement to apply
    res0, flags0 = k901(text, select=("K801",), threshold=0.0)
    assert res0.output == text and not any(f.applied for f in flags0)
    # with all rules: repairing the repaired text changes nothing
    full = repair_text(text, Config(source_lang="es"))
    assert repair_text(full.output, Config(source_lang="es")).output == full.output


def test_only_the_damaged_sentence_of_a_paragraph_is_flagged():
    para = CLEAN[0] + " " + DAMAGED[1] + " " + CLEAN[2]
    _res, flags = k901(para)
    assert [(f.start, f.end) for f in flags] == [(len(CLEAN[0]) + 1, len(CLEAN[0]) + 1 + len(DAMAGED[1]))]


def test_the_flag_can_be_turned_off():
    _res, flags = k901(DAMAGED[0], ignore=("K801",))
    assert flags == []


def test_evidence_names_the_pairs_and_words():
    doc = Document(DAMAGED[3])
    (s,) = MS.score_sentences(doc, "es", rule("K801").params)
    assert s.features["foreign_accented"] + s.features["foreign"] >= 1
    assert any("desventajosa" in why for _a, _b, why in s.evidence)


def test_threshold_and_weights_are_data():
    params = dict(rule("K801").params)
    doc = Document(DAMAGED[0])
    high = MS.score_sentences(doc, "es", params)[0].score
    assert high >= params["threshold"]
    params["bias"] = params["bias"] - 20          # the same evidence under another bias
    assert MS.score_sentences(doc, "es", params)[0].score < params["threshold"]


def test_english_word_building_is_not_foreign():
    assert MS.english_morphology("homewear")       # home + wear
    assert MS.english_morphology("bunkerers")      # bunker + -ers
    assert not MS.english_morphology("desventajoso")


def test_fit_recovers_a_separating_weight():
    np = pytest.importorskip("numpy")
    from repair.mtscore_fit import fit

    rng = np.random.default_rng(0)
    x = rng.normal(size=(400, 1))
    y = (x[:, 0] > 0).astype(int)
    beta = fit(x, y, l2=0.1)
    assert beta[0] > 2 and abs(beta[1]) < 1


@pytest.mark.skipif(not shutil.which("apertium"), reason="needs the Debian packages apertium and apertium-eng-spa")
def test_apertium_output_is_flagged_more_than_its_reference():
    spanish = [
        "El alcalde ha inaugurado hoy el nuevo puente y ha agradecido a los vecinos su paciencia durante las obras.",
        "El tribunal condenó al exalcalde a seis años de cárcel por los delitos de corrupción y malversación.",
        "Los investigadores detuvieron al sospechoso en su domicilio del barrio tras una persecución de dos horas.",
        "La selección francesa no ha conseguido todavía la clasificación para el torneo del próximo domingo.",
    ]
    out = subprocess.run(["apertium", "-u", "spa-eng"], input="\n".join(spanish) + "\n", capture_output=True,
                         text=True, check=True).stdout.strip().split("\n")
    p = rule("K801").params
    mt = [max(s.score for s in MS.score_sentences(Document(t), "es", p)) for t in out]
    ref = [max(s.score for s in MS.score_sentences(Document(t), "es", p)) for t in CLEAN[:4]]
    assert sum(mt) / len(mt) > sum(ref) / len(ref)


def test_a_flagged_sentence_is_selected_for_retranslation(rt):  # noqa: F811
    from repair.retranslate.engine import Options, repair_with_source
    from repair.retranslate.models import load

    model = load(rt["argos"])      # a copy model: "translates" English into the same English
    src = CLEAN[0] + " " + CLEAN[1]
    tgt = CLEAN[0] + " " + DAMAGED[0]
    # only the score: with the other rules on, K601 fixes the tense of DAMAGED[0], and a text where
    # nothing else fires keeps no sentence flag (pipeline.gate_sentence_flags); selected alone, it stands
    cfg = Config(source_lang="es", select=("K801",))
    rules = repair_text(tgt, cfg)
    assert {f.rule for f in rules.findings if f.start > len(CLEAN[0])} == {"K801"}   # only the score sees it
    res = repair_with_source(tgt, src, model, cfg, options=Options(scan=False))
    assert res.stats["retranslated"] == 1 and res.stats["selected_by_score"] == 1
    assert res.output == src       # regenerated whole from the source
    assert all(f.kind == "calque" for f in res.findings if f.rule == "MT101")


# a sentence the score flags that no other rule finds anything in (written for this test)
LONE = ("It paid back for the safety of the workers and the flexibility to acquire more modern and thus "
        "more reliable types of tools.")


def test_a_lone_flag_in_clean_copy_is_dropped():
    """The flags stand only where the other rules find damage too (pipeline.gate_sentence_flags):
    professional copy with one odd sentence keeps no flag; the same sentence in damaged copy does."""
    clean = " ".join(CLEAN + [LONE])
    _res, flags = k901(clean)
    assert flags == []
    _res, flags = k901(clean, select=("K801",))          # the score alone, as asked
    assert len(flags) == 1 and flags[0].start == clean.index(LONE)
    damaged = " ".join(DAMAGED + [LONE])
    _res, flags = k901(damaged)
    assert any(f.start == damaged.index(LONE) for f in flags)


def test_the_gate_is_data():
    gate = rule("K801").params["gate"]
    assert 0 < float(gate["other_per_1k"]) < 100


# sentences scoring between K802's threshold and K801's (written for these tests)
MIDDLING = [
    "The sector of the tourism registered in August a new record of visitors, with more of nine million arrivals.",
    "The minister of Health recognised that the hospitals of the region work with the half of their personnel.",
]


def flags_of(text, rule_id, **kw):
    res = repair_text(text, Config(source_lang="es", **kw))
    return [f for f in res.findings if f.rule == rule_id]


@pytest.mark.parametrize("text", MIDDLING)
def test_k802_scores_lie_between_the_two_thresholds(text):
    p = rule("K801").params
    (s,) = MS.score_sentences(Document(text), "es", p)
    assert float(rule("K802").params["threshold"]) <= s.score < float(p["threshold"])
    assert MS.has_damage_evidence(s, float(rule("K802").params["min_ngram"]))
    assert not MS.flagged(s, p)


def test_k802_flags_a_middling_sentence_only_in_copy_damaged_throughout():
    damaged = " ".join(DAMAGED[:2] + MIDDLING + DAMAGED[2:])
    flags = flags_of(damaged, "K802")
    starts = {f.start for f in flags}
    assert {damaged.index(m) for m in MIDDLING} <= starts
    assert all(f.replacement is None and not f.applied for f in flags)
    # professional copy around the same sentences: too few other findings, no flag of either rule
    clean = " ".join(CLEAN[:3] + MIDDLING[:1] + CLEAN[3:])
    assert flags_of(clean, "K802") == [] and flags_of(clean, "K801") == []
    # selected alone, nothing can corroborate the score: it stands, as asked
    assert len(flags_of(clean, "K802", select=("K802",))) == 1


def test_one_flag_a_sentence_and_k802_asks_more_of_the_text():
    damaged = "\n\n".join(DAMAGED + MIDDLING + CLEAN)
    res = repair_text(damaged, Config(source_lang="es"))
    strong = [f for f in res.findings if f.rule == "K801"]
    weak = [f for f in res.findings if f.rule == "K802"]
    assert strong and weak
    assert not any(w.overlaps(s) for w in weak for s in strong)
    assert float(rule("K802").params["gate"]["other_per_1k"]) > float(rule("K801").params["gate"]["other_per_1k"])


def test_k802_stands_only_if_the_repaired_sentence_still_reads_like_mt():
    from repair.model import Edit, Finding
    from repair.pipeline import gate_sentence_flags

    text = "The ministers stressed the need from resume the talks y to meet again."
    fixed = "The ministers stressed the need to resume the talks and to meet again."
    i, j = text.index("from"), text.index(" y ") + 1
    applied = [Edit(i, i + 4, "to", "K101"), Edit(j, j + 1, "and", "R101")]
    others = [Finding(e.start, e.end, "calque", e.rule, "m", e.replacement, 0.9, text[e.start:e.end], True)
              for e in applied]
    flag = Finding(0, len(text), "calque", "K802", "reads like machine translation", None, 0.3, text)
    cfg = Config(source_lang="es")
    p = rule("K801").params
    (after,) = MS.score_sentences(Document(fixed), "es", p)
    k802 = rule("K802").params
    # the repaired sentence: no evidence of damage, whatever its length alone makes of the score
    assert not (after.score >= float(k802["threshold"]) and MS.has_damage_evidence(after, float(k802["min_ngram"])))
    assert gate_sentence_flags(others + [flag], text, cfg, fixed, applied) == others
    # the same flag on a sentence no fix changed stands (the text is damaged throughout)
    assert flag in gate_sentence_flags(others + [flag], text, cfg, text, [])


def test_k802_asks_for_evidence_of_damage_not_length_alone():
    # a short clean sentence the length term alone lifts over K802's threshold (0.66 here)
    p, k802 = rule("K801").params, rule("K802").params
    (s,) = MS.score_sentences(Document("The minister said the talks would resume in March."), "es", p)
    assert s.score >= float(k802["threshold"]) and not MS.has_damage_evidence(s, float(k802["min_ngram"]))
    damaged = " ".join(DAMAGED) + " The minister said the talks would resume in March."
    assert not [f for f in flags_of(damaged, "K802") if f.start >= len(" ".join(DAMAGED))]
