"""The learned n-gram trigger of the MT-damage score (repair/mtngrams.py, rules/learned/mt-ngrams-en.tsv,
rule K801) and the script that rebuilds its table (repair/mtngrams_fit.py).  The sentences are written
for these tests in the manner of literal Spanish/Portuguese MT; none is a corpus line."""

import pytest

from repair import mtngrams, mtngrams_fit
from repair import mtscore as MS
from repair.config import Config
from repair.document import TOKEN_RE, Document
from repair.pipeline import repair_text
from repair.rules import rule

# the logistic model alone leaves each of these below its threshold; their frames are MT's
NGRAM_ONLY = [
    "In matter of security, the government keeps on being worried by the increase of the thefts in the capital.",
    "The minister assured that the taxes of interest will go up again the next year, like result of the inflation.",
    "The company announced that the one of the factories will close the doors in the month of March.",
]
CLEAN = [
    "The city council approved on Tuesday a plan to cut unemployment among young people by next spring.",
    "Shares in the carmaker fell 4 per cent after it cut its forecast for the second time this year.",
    "Police arrested the suspect at his home after a two-hour chase through the old town.",
    "The central bank raised interest rates again on Thursday, saying inflation was still too high.",
]


def _score(text):
    p = rule("K801").params
    (s,) = MS.score_sentences(Document(text), "es", p)
    return s, p


def test_the_shipped_table_has_its_vocabulary_and_both_signs():
    vocab, table = mtngrams.table()
    assert len(vocab) == 1000 and {"the", "of", "said"} <= vocab
    assert table["no only"] > 3 and table["the own"] > 3          # MT's frames
    assert any(r < -3 for r in table.values())                     # and professional English's


def test_classes_keep_frequent_words_and_hide_names_and_numbers():
    vocab, _t = mtngrams.table()
    seq = mtngrams.classes(TOKEN_RE.findall("The visit of Ramírez lasted 3 days , said Xqzt ."), vocab)
    assert seq == ["the", "<w>", "of", "<C>", "<w>", "<N>", "days", ",", "said", "<C>", "."]


@pytest.mark.parametrize("text", NGRAM_ONLY)
def test_mt_frames_are_flagged_by_the_ngram_trigger_alone(text):
    s, p = _score(text)
    assert s.score < float(p["threshold"])                          # not by the model
    assert s.features["ngram"] >= float(p["ngram_threshold"])
    assert MS.flagged(s, p)
    # the score alone (in a text where no other rule fires, the flag needs their corroboration:
    # pipeline.gate_sentence_flags, tests/test_mtscore.py)
    res = repair_text(text, Config(source_lang="es", select=("K801",)))
    flags = [f for f in res.findings if f.rule == "K801"]
    assert len(flags) == 1 and not flags[0].applied and flags[0].replacement is None
    assert "reads like MT" in flags[0].message


@pytest.mark.parametrize("text", CLEAN)
def test_clean_news_stays_below_the_ngram_threshold(text):
    s, p = _score(text)
    assert s.features["ngram"] < float(p["ngram_threshold"]) and not MS.flagged(s, p)


def test_repairing_flagged_text_twice_changes_nothing():
    text = "\n\n".join(NGRAM_ONLY + CLEAN) + "\n"
    once = repair_text(text, Config(source_lang="es")).output
    assert repair_text(once, Config(source_lang="es")).output == once


def test_fit_builds_a_readable_table_from_aligned_files(tmp_path):
    mt = ["the one of the taxes of interest is no only high", "he said it keeps on being the own problem"] * 40
    ref = ["one of the interest rates is not only high", "he said it is still their own problem"] * 40
    (tmp_path / "toy.mt").write_text("\n".join(mt) + "\n", encoding="utf-8")
    (tmp_path / "toy.ref").write_text("\n".join(ref) + "\n", encoding="utf-8")
    out = tmp_path / "ngrams.tsv"
    rc = mtngrams_fit.main(["--data", str(tmp_path), "--sets", "toy", "--vocab", "30", "--min-count", "20",
                            "--out", str(out)])
    assert rc == 0
    text = out.read_text(encoding="utf-8")
    assert "python -m repair.mtngrams_fit" in text.splitlines()[1]           # the command that rebuilds it
    vocab, table = mtngrams.parse(text)
    assert "interest" in vocab
    assert table["the own"] > 0 and table["their own"] < 0
    assert table["<w> only"] > 0          # "no" is no word of the references: a class
    assert all(ln not in text for ln in mt[:2] + ref[:2])                  # no line of the corpora is kept


def test_fit_without_the_built_files_says_how_and_exits_2(tmp_path, capsys):
    assert mtngrams_fit.main(["--data", str(tmp_path), "--sets", "missing"]) == 2
    assert "mine_devset" in capsys.readouterr().err
