"""The gated tier of learned rules (ES-L002): applied only where the text plainly reads as MT (sentences written
for these tests)."""

import os

import pytest

from repair.config import Config
from repair.detectors.learned import Gate, gate_report
from repair.document import Document
from repair.learned import learned_dir, load_learned
from repair.pipeline import repair_text

# a sentence of Apertium-style output (several kinds of damage at once) and one of clean news
MT_SENTENCE = ("The Parliament has refused today the proposal of derogate the article in which it condemns to "
               "the leader of the opposition by the presumptive signature of an agreement desventajoso.")
CLEAN_SENTENCE = "The parliament rejected on Tuesday a proposal to repeal the article under which she was jailed."


PARAMS = {"gate": {"sentence_score": 0.8, "min_words": 6}}


def test_gate_opens_on_mt_and_stays_shut_on_clean_news():
    assert gate_report(MT_SENTENCE, params=PARAMS)["open"] == 1
    assert gate_report(CLEAN_SENTENCE, params=PARAMS)["open"] == 0


def test_document_gate_needs_a_share_of_mt_sentences():
    params = {"gate": {"sentence_score": 0.8, "min_words": 6, "document_share": 0.5, "document_min_sentences": 4}}
    mostly_mt = Document(" ".join([MT_SENTENCE] * 3 + [CLEAN_SENTENCE]))
    mostly_clean = Document(" ".join([MT_SENTENCE] + [CLEAN_SENTENCE] * 3))
    g = Gate(mostly_mt, "es", params)
    assert g.document_open() and g.opens(len(mostly_mt.text) - 5)  # the clean sentence of an MT document
    g2 = Gate(mostly_clean, "es", params)
    assert not g2.document_open() and not g2.opens(len(mostly_clean.text) - 5)


def test_tiers_load_from_their_own_files(tmp_path):
    (tmp_path / "a.yaml").write_text(
        'lang: [es]\nrules:\n  - {id: L1, left: "", mt: "the climatic", right: "", fix: "climate"}\n')
    (tmp_path / "b.yaml").write_text(
        'lang: [es]\ntier: gated\nrules:\n  - {id: LG1, left: "", mt: "in the actuality", right: "", fix: "today"}\n')
    strict = load_learned("es", str(tmp_path))
    gated = load_learned("es", str(tmp_path), tier="gated")
    assert [r.id for r in strict.rules] == ["L1"] and [r.id for r in gated.rules] == ["LG1"]


def _gated_files():
    d = learned_dir()
    out = []
    for name in sorted(os.listdir(d)):
        if name.endswith(".yaml") and "tier: gated" in open(os.path.join(d, name), encoding="utf-8").read(4000):
            out.append(name)
    return out


@pytest.mark.skipif(not _gated_files(), reason="no gated learned file is shipped")
def test_a_gated_rule_fires_only_where_the_gate_opens():
    m = load_learned("es", tier="gated")
    # a gated rule whose MT side is plain words (no number class), put in a clean sentence and in an MT one
    r = next(r for r in m.rules if r.mt and r.fix and "<num>" not in r.lhs and all(t.isalpha() for t in r.lhs))
    phrase = " ".join(r.lhs)
    clean = f"The minister said {phrase} was not on the agenda of the meeting this week."
    mt = f"{MT_SENTENCE[:-1]}, and said {phrase} was not of the agenda."
    cfg = Config(source_lang="es", select=("ES-L002",))
    assert repair_text(clean, cfg).output == clean
    got = repair_text(mt, cfg)
    assert any(f.rule == "ES-L002" and f.applied for f in got.findings), r.describe()
    assert repair_text(got.output, cfg).output == got.output  # idempotent


def test_miner_writes_a_gated_file_the_loader_reads_as_gated(tmp_path):
    from repair.learned import LearnedRule
    from repair.mine import write_yaml

    r = LearnedRule(id="?", left=("<num>", "years"), mt=("of",), right=("prison",), fix=("in",))
    x = dict(rule=r, count=4, seen=7, english=0, english_fix=11, fires=5, better=3, worse=1, gain=2)
    info = dict(pairs=10, mt_words=100, english_words=1000, candidates=3, calibration_words=50, calibration_fires=0)
    write_yaml(tmp_path / "g.yaml", [x], info, "python -m repair.mine --tier gated", {"folds": 5}, ["t"], tier="gated")
    text = (tmp_path / "g.yaml").read_text()
    assert "tier: gated" in text and "id: LG0001" in text and "python -m repair.mine --tier gated" in text
    assert [q.id for q in load_learned("es", str(tmp_path), tier="gated").rules] == ["LG0001"]
    assert not load_learned("es", str(tmp_path)).rules


def test_readable_filter_keeps_editors_edits_only():
    from repair.mine import readable_edit, spelling_variant

    # a deletion of content words matches a reference that moved them; on copy it loses them
    assert not readable_edit(("of", "the", "prices"), ())
    assert readable_edit(("the",), ())  # an article Spanish puts before an abstract noun
    assert readable_edit(("lamentably",), ("unfortunately",))
    # a hyphen detokenises wrongly ("sub - Saharan")
    assert not readable_edit(("the",), ("sub", "-", "Saharan"))
    # British and American spellings are both English: house style, not damage
    assert spelling_variant("civilisation", "civilization") and spelling_variant("tonnes", "tons")
    assert spelling_variant("learnt", "learned") and spelling_variant("diarrhoea", "diarrhea")
    assert not spelling_variant("millions", "million") and not spelling_variant("sida", "aids")
    assert not readable_edit(("the", "modernisation"), ("modernization",))


def test_shipped_gated_file_has_provenance_and_no_strict_duplicates():
    import yaml

    path = os.path.join(learned_dir(), "apertium-es-gated.yaml")
    text = open(path, encoding="utf-8").read()
    data = yaml.safe_load(text)
    assert data["tier"] == "gated" and "python -m repair.mine " in text and "--tier gated" in text
    assert set(data["provenance"]["never_read"]) >= {"newstest2012.test", "wmt2011", "flores"}
    strict = {r.lhs for r in load_learned("es").rules}
    gated = load_learned("es", tier="gated").rules
    assert len(gated) > 500 and not any(r.lhs in strict for r in gated)
    for e in data["rules"]:
        assert e["valid"]["better"] >= 2 * e["valid"]["worse"] and e["count"] >= 3, e["id"]


def test_no_learned_edit_inside_a_web_address():
    # MLQE-PE ru-en (CC0): the gated rule for the Spanish acronym "RU" (Reino Unido) once turned "clck.ru" into
    # "clck.UK"; a domain, a path or an address is no text of the sentence
    from repair.detectors.learned import _in_url

    text = "https: / / clck.ru / Jzjxe. Let's play?"
    k = text.index("ru /")
    assert _in_url(text, k, k + 2)
    assert not _in_url("The RU and Spain signed it.", 4, 6)
    mt = f"{MT_SENTENCE[:-1]}, see clck.ru and www.example.org/the-climatic-change for it."
    out = repair_text(mt, Config(source_lang="es")).output
    assert "clck.ru" in out and "www.example.org/the-climatic-change" in out


def test_gated_matches_open_their_sentence_when_params_say_so():
    # a sentence that the MT score leaves shut opens where `gated_opens` distinct gated edits match in it
    doc = Document(CLEAN_SENTENCE)
    p = {"gate": {"sentence_score": 9.0, "min_words": 6, "gated_opens": 2}}
    a, b = (("during",), ("for",)), (("the",), ())
    shut = Gate(doc, "es", p, (), [(4, a)])
    assert not shut.opens(4)  # one match: the score decides, and it is out of reach
    assert Gate(doc, "es", p, (), [(4, a), (30, b)]).opens(4)
    assert not Gate(doc, "es", p, (), [(4, a), (30, a)]).opens(4)  # one edit twice: one piece of evidence
    off = Gate(doc, "es", {"gate": {"sentence_score": 9.0, "min_words": 6}}, (), [(4, a), (30, b)])
    assert not off.opens(4)  # the default: matches open nothing
    short = Document("The Monday the Brazil won.")
    assert not Gate(short, "es", {"gate": {"sentence_score": 9.0, "gated_opens": 2}}, (), [(0, a), (11, b)]).opens(0)


def test_a_gated_match_another_fix_takes_does_not_open_the_gate():
    # 'insisted in which': ES-K110 rewrites it, so the gated deletion of 'in' there is no evidence of its own and
    # the one gated match left ('the reform.') does not open the sentence: its article stays
    out = repair_text("The unions insisted in which the government withdraw the reform.", Config(source_lang="es"))
    assert out.output == "The unions insisted that the government withdraw the reform."


def test_a_gated_article_deletion_before_a_name_needs_the_name_alone():
    from repair.detectors.learned import _article_ok

    doc = Document("The Japan Times and the Brazil coach met the Brazil, and the Japan said no.")
    t = doc.text
    assert not _article_ok(doc, 0, 9, "Japan", 1)           # 'The Japan Times': a longer name, a title
    i = t.index("the Brazil coach")
    assert not _article_ok(doc, i, i + 4, "", 1)            # 'the Brazil coach': the article is the noun's
    i = t.index("the Brazil,")
    assert _article_ok(doc, i, i + 4, "", 1)
    assert not _article_ok(doc, i, i + 4, "", 0)            # the rule saw no name after its 'the'
    i = t.index("the Japan said")
    assert _article_ok(doc, i, i + 4, "", 1)
    i = t.index("met")
    assert _article_ok(doc, i, i + 3, "saw")                # no article deleted


def test_a_veto_with_context_leaves_the_rules_with_more_context(tmp_path):
    from repair.mine import load_veto

    (tmp_path / "v.yaml").write_text(
        'veto:\n  - {left: "", mt: "the climatic", right: "", why: "t"}\n  - {mt: "in effect", why: "t"}\n'
        '  - {left: "may", mt: "of", right: "<num>", why: "t"}\n')
    v = load_veto(tmp_path / "v.yaml")
    assert "|the climatic|" in v and "in effect" in v and "may|of|<num>" in v
    assert "of|the climatic|" not in v
