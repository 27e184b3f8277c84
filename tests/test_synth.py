"""The synthetic damaged dev set: well-formed gold, deterministic, reversible, and damage drawn from the
observed pattern table (corpora/synth-patterns.yaml), not from the repair rules."""

import random
import re
import shutil
from pathlib import Path

import pytest
import yaml

from repair import synth, synth_patterns

# a few plain sentences of our own (newstest text is not copied into the project)
SENTENCES = [
    "The council met on Tuesday to discuss the budget and the new school.",
    "Officials said the plan would cost more than expected.",
    "Mayor Lindqvist told reporters that the class sizes are too large.",
    "\"We need to act now,\" said Lindqvist, who has led the city since 2009.",
    "The first meeting of the new committee is planned for March.",
    "Critics argue that the ambassador should have been consulted.",
    "Residents of the northern districts are worried about traffic and noise in Brazil.",
    "The regional government in Oslo has promised to help with the cost.",
    "Lindqvist said on 12 March that Brazil is still the largest partner of the region.",
    "Lindqvist insisted that the project would go ahead as planned, and he will present it in Malmö.",
    "Several teachers said the changes are long overdue.",
    "A final decision is expected at the end of the year.",
]
SRC = synth.DEFAULT_SRC
TABLE = synth.load_patterns()


def _restore(damaged: str, frags) -> str:
    out = damaged
    for f in sorted(frags, key=lambda f: f.start, reverse=True):
        assert out[f.start:f.end] == f.span
        out = out[:f.start] + f.accept[0] + out[f.end:]
    return out


def _body(text: str) -> str:
    """The article without its headline, paragraphs joined (the sentences in order)."""
    paras = [ln for ln in text.split("\n") if ln.strip()]
    return " ".join(paras[1:])


@pytest.mark.parametrize("seed", range(12))
def test_make_article(seed):
    clean, damaged, frags = synth.make_article(SENTENCES, random.Random(seed))
    assert 1 <= len(frags) <= 8
    weights = synth.shape_weights(TABLE)
    for f in frags:
        assert damaged.count(f.span) == 1, f.span
        assert f.accept and f.accept[0] != f.span
        assert f.kind in synth.KINDS
        assert f"{f.kind}/{f.shape}" in weights, f  # every shape is one the table observed
        assert f.level == "must" or (f.kind, f.shape) == ("calque", "lexical"), f
    ordered = sorted(frags, key=lambda f: f.start)
    for a, b in zip(ordered, ordered[1:]):
        assert a.end < b.start and any(c.isalnum() for c in damaged[a.end:b.start])
    # every fragment replaced by its accept → the clean article (quotes made curly)
    # (a deleted boilerplate line leaves its blank line behind, as the scorer's whitespace folding allows)
    assert re.sub(r"\n{3,}", "\n\n", _restore(damaged, frags)) == clean
    assert _body(clean) == " ".join(synth.curly_quotes(s) for s in SENTENCES)


def test_deterministic():
    a = synth.make_article(SENTENCES, random.Random(7))
    b = synth.make_article(SENTENCES, random.Random(7))
    assert a[1] == b[1] and [(f.span, f.accept) for f in a[2]] == [(f.span, f.accept) for f in b[2]]


def test_curly_quotes():
    assert synth.curly_quotes('He said "no" and "yes".') == "He said “no” and “yes”."
    assert synth.curly_quotes('odd "one.') == 'odd "one.'


def test_table_is_observed_data_with_provenance():
    head = synth.PATTERNS.read_text(encoding="utf-8").split("\n", 12)
    assert any("python -m repair.synth_patterns" in ln for ln in head)
    assert TABLE["phrase_share"] == 0.5
    for shape in ("preposition", "lexical", "source-word", "dropped-subject", "missing-article"):
        assert TABLE["patterns"][shape], shape
        for p in TABLE["patterns"][shape]:
            assert p["n"] >= 1 and p["sources"] and set(p["sources"]) <= {"apertium", "mlqe-pe"}
    w = synth.shape_weights(TABLE)
    assert abs(sum(w.values()) - 1.0) < 1e-9
    phrase = sum(v for k, v in w.items() if k.split("/")[0] in ("calque", "grammar", "residue"))
    assert abs(phrase - 0.5) < 1e-9
    # the page tally it was built from names its pages and counts, no page text
    pages = yaml.safe_load(synth_patterns.PAGES.read_text(encoding="utf-8"))["pages"]
    assert len(pages) >= 10 and all(p["url"].startswith("http") and p["counts"] for p in pages)


def test_phrase_shapes_apply_observed_pairs_only_where_not_english():
    # a preposition pair of the table changes "on" only where the result is rare English beside its neighbours
    if synth._bigram("depends", "on") <= 0:
        pytest.skip("no English bigram counts")
    table = {"patterns": {"preposition": [{"ref": "on", "mt": "of", "n": 5, "sources": {"apertium": 5}}]}}
    ctx = {"table": table, "names": set(), "countries": frozenset()}
    s = "The outcome depends on the vote."
    a, b, r = synth.dmg_pair("preposition")(s, random.Random(1), ctx)[:3]
    assert (s[a:b], r) == ("on", "of")
    # "of" after "talks" is English: "talks on trade" is left alone
    assert synth.dmg_pair("preposition")("The talks on trade resumed.", random.Random(1), ctx) is None


def test_shape_functions_on_real_shapes():
    rng = random.Random(3)
    ctx = {"table": TABLE, "names": {"Brazil"}, "countries": frozenset({"Brazil"})}
    s = "The minister said on Monday that Brazil is still the main partner."
    a, b, r = synth.dmg_article_weekday(s, rng, ctx)
    assert (s[a:b], r) == ("on Monday", "the Monday")
    a, b, r = synth.dmg_article_name(s, rng, ctx)
    assert (s[a:b], r) == ("Brazil", "the Brazil")
    a, b, r = synth.dmg_word_order(s, rng, ctx)
    assert (s[a:b], r) == ("is still", "still is")
    s2 = "He said that it will present the appeal."
    a, b, r = synth.dmg_dropped_subject(s2, rng, ctx)
    assert (s2[a:b], r) == ("that it will", "that will")
    s3 = "The ruling, said José Gómez, was final."
    a, b, r = synth.dmg_accent_stripped(s3, random.Random(0), ctx)
    assert r in ("Jos", "Gmez") and s3[a:b] in ("José", "Gómez")


def test_classify_observed_edits():
    c = synth_patterns.classify
    assert c(["the"], ["on"], "Monday") == ("calque", "article-weekday")
    assert c(["the"], [], "Brazil") == ("calque", "article-name")
    assert c(["of"], ["than"], "400") == ("calque", "preposition")
    assert c(["*descontroladas"], ["uncontrolled"], None) == ("residue", "source-word")
    assert c([], ["it"], "will") == ("grammar", "dropped-subject")
    assert c([], ["a"], "contract") == ("calque", "missing-article")
    assert c(["edifice"], ["building"], None) == ("calque", "lexical")
    assert c(['"', "."], [".", '"'], None) == ("other", "punctuation")


def test_reads_dev_lines_only(tmp_path):
    src = tmp_path / "src.en"
    src.write_text("".join(f"Line number {i} of the clean file.\n" for i in range(1, 2001)), encoding="utf-8")
    lines = synth.read_sentences(src)
    assert len(lines) == synth.DEV_LINES and lines[-1].startswith("Line number 1500 ")


def test_synth_patterns_needs_apertium(monkeypatch, capsys):
    import repair.mine_devset as md

    monkeypatch.setattr(md.shutil, "which", lambda name: None)
    with pytest.raises(SystemExit) as e:
        synth_patterns.require_apertium()
    assert e.value.code == 2
    assert "apertium-eng-spa" in capsys.readouterr().err


@pytest.mark.skipif(not SRC.exists(), reason="needs ../shared/corpora/newstest2012")
def test_generate_from_newstest(tmp_path):
    files = synth.generate(SRC, tmp_path / "a", n=6, seed=3)
    again = synth.generate(SRC, tmp_path / "b", n=6, seed=3)
    assert [f.name for f in files] == [f.name for f in again]
    lines = synth.read_sentences(SRC, limit=None)
    for f, g in zip(files, again):
        assert f.read_text() == g.read_text()
        gold = f.with_name(f.name[:-4] + ".gold.yaml")
        raw = gold.read_text(encoding="utf-8")
        assert raw == g.with_name(g.name[:-4] + ".gold.yaml").read_text()
        lo, hi = map(int, re.search(r"lines (\d+)-(\d+)", raw.split("\n", 1)[0]).groups())
        assert hi <= synth.DEV_LINES
        text = f.read_text(encoding="utf-8")
        data = yaml.safe_load(raw)
        assert 4 <= len(data["fragments"]) <= 8
        frags = []
        for fr in data["fragments"]:
            assert text.count(fr["span"]) == 1
            assert fr["accept"][0] != fr["span"] and fr["shape"]
            frags.append(synth.Fragment(fr["span"], fr["accept"], fr["kind"], start=text.index(fr["span"]),
                                        end=text.index(fr["span"]) + len(fr["span"])))
        body = _body(_restore(text, frags))
        assert body == " ".join(synth.curly_quotes(s) for s in lines[lo - 1:hi] if s)
    # a different seed gives different articles
    other = synth.generate(SRC, tmp_path / "c", n=2, seed=4)
    assert other[0].read_text() != files[0].read_text()


@pytest.mark.skipif(shutil.which("apertium") is None or not SRC.exists(),
                    reason="rebuilding the table needs apertium + apertium-eng-spa and ../shared/corpora")
def test_table_rebuilds_as_committed(tmp_path):
    """The committed table is what its rebuild command writes (provenance that can be checked)."""
    out = tmp_path / "p.yaml"
    assert synth_patterns.main(["--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == synth.PATTERNS.read_text(encoding="utf-8"), (
        "corpora/synth-patterns.yaml is stale (the bigram evidence or a source changed): "
        "rebuild it with python -m repair.synth_patterns and commit it")
