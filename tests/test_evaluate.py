"""mt-repair eval: the scoring of ../shared/corpora/README.md, checked on a tiny hand-made article
with a fake pipeline (the detectors change under us; the scorer must not)."""

import json

import pytest

from repair import cli, evaluate, pipeline
from repair.model import Finding
from repair.pipeline import Result

TEXT = (
    "The minister saidthat the talks would resume.\n\n"
    "ALSO READ: Ten Things You Must Know Today\n\n"
    "She said it’s a  “good sign“for the region.\n\n"
    "Officials met from Brussels on Monday.\n"
)
GOLD = """\
article: tiny
source_language: es
fragments:
  - span: "saidthat the"
    accept: ["said that the"]
    kind: glue
    level: must
  - span: "ALSO READ: Ten Things You Must Know Today"
    accept: [""]
    kind: boilerplate
    level: must
  - span: "it’s a  “good sign“for"
    accept: ["it's a “good sign” for"]
    kind: quote
    level: must
  - span: "met from Brussels"
    accept: ["met in Brussels"]
    kind: calque
    level: should
"""
# the tool's output: glue fixed, boilerplate half deleted (5 of its 9 tokens survive as one run),
# quote fixed (straight apostrophe, single space: equal after folding), calque left alone, and
# two stray edits: talks → negotiations, Monday → Tuesday
OUT_A = (
    "The minister said that the negotiations would resume.\n\n"
    "ALSO READ: Ten Things\n\n"
    "She said it's a “good sign” for the region.\n\n"
    "Officials met from Brussels on Tuesday.\n"
)
# same, but only 4 tokens of the boilerplate survive: below half of 9 → deleted
OUT_B = OUT_A.replace("ALSO READ: Ten Things", "ALSO READ: Ten")


def _findings(text):
    def f(s, e, rule="X001"):
        return Finding(s, e, "glue", rule, "m", text[s:e], 0.9, text[s:e], True)

    i = text.index("saidthat")
    j = text.index("“good sign“for") + len("“good sign“for")
    k = text.index("talks")
    # a finding on the glue, an insertion at the border of the quote span, one on a clean word
    return [f(i, i + 8), f(j, j), f(k, k + 5)]


@pytest.fixture
def article(tmp_path):
    (tmp_path / "tiny.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "tiny.gold.yaml").write_text(GOLD, encoding="utf-8")
    return tmp_path


def _fake(monkeypatch, output):
    def fake_repair(text, config=None):
        return Result(text, output if text == TEXT else text, _findings(text) if text == TEXT else [])

    monkeypatch.setattr(pipeline, "repair_text", fake_repair)


def _run_json(capsys, argv):
    rc = cli.main(argv)
    out = capsys.readouterr().out
    return rc, json.loads(out)


def test_word_count_and_tokens():
    # it’s → it ’ s: two words, one punctuation token
    assert evaluate.word_count("it’s a  “good sign“for") == 6
    assert [t[2] for t in evaluate.tokens("sign“for.")] == ["sign", "“", "for", "."]


def test_scores_by_hand(article, monkeypatch, capsys):
    _fake(monkeypatch, OUT_A)
    rc, js = _run_json(capsys, ["eval", str(article / "tiny.gold.yaml"), "--json"])
    assert rc == 0
    ov = js["overall"]
    assert (ov["fragments"], ov["detected"], ov["corrected"]) == (4, 2, 2)
    assert ov["detected_pct"] == 50.0 and ov["corrected_pct"] == 50.0
    assert js["by_level"]["must"] == {"fragments": 3, "detected": 2, "corrected": 2,
                                      "detected_pct": 66.7, "corrected_pct": 66.7}
    assert js["by_level"]["should"]["corrected"] == 0
    assert js["by_kind"]["boilerplate"]["corrected"] == 0   # a 5-token run survives (>= ceil(9/2))
    assert js["by_kind"]["quote"]["corrected"] == 1         # ’ = ', double space folded
    assert js["by_kind"]["quote"]["detected"] == 1          # insertion at the span's border
    # 7 + 8 + 10 + 6 words; stray edits: talks→negotiations, Monday→Tuesday
    assert js["words"] == 31
    assert js["stray_edits"] == 2
    assert js["harm_per_1000"] == round(2000 / 31, 2)


def test_deletion_run_below_half_is_corrected(article, monkeypatch, capsys):
    _fake(monkeypatch, OUT_B)
    rc, js = _run_json(capsys, ["eval", str(article), "--json"])
    assert rc == 0
    assert js["by_kind"]["boilerplate"]["corrected"] == 1
    assert js["overall"]["corrected"] == 3
    assert js["stray_edits"] == 2


def test_longest_run_is_contiguous_in_both():
    span = "a b c d e f".split()
    assert evaluate.longest_run(span, "x a b y c d e z".split()) == 3
    assert evaluate.longest_run(span, "a c e".split()) == 1    # not contiguous in the span
    assert evaluate.longest_run(span, "f e d".split()) == 1    # order matters
    assert evaluate.deletion_threshold(9) == 5 and evaluate.deletion_threshold(3) == 2


def test_insertions_touch_at_the_border_only():
    text = "one two three four five"
    s, e = text.index("two"), text.index("three") + 5  # span "two three"
    d = evaluate.word_diff(text, "one , two three , four five !")
    kinds = [(ed.insertion, ed.touches(s, e)) for ed in d.edits]
    # insert "," before the span (border), "," after it (border), "!" at the end (stray)
    assert kinds == [(True, True), (True, True), (True, False)]
    d = evaluate.word_diff(text, "one two three FOUR five")
    assert [ed.touches(s, e) for ed in d.edits] == [False]


def test_clean_text_output_table(article, monkeypatch, capsys):
    _fake(monkeypatch, OUT_A)
    assert cli.main(["eval", str(article), "-v"]) == 0
    out = capsys.readouterr().out
    assert "stray edits: 2 in 31 words" in out
    assert "'talks' → 'negotiations'" in out
    assert "met from Brussels" in out  # listed as missed


def test_span_not_found_is_a_usage_error(article, monkeypatch, capsys):
    _fake(monkeypatch, OUT_A)
    (article / "tiny.gold.yaml").write_text(GOLD.replace("met from Brussels", "met at Brussels"), encoding="utf-8")
    assert cli.main(["eval", str(article / "tiny.txt")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "span not found" in err[0] and "met at Brussels" in err[0]


def test_missing_gold_is_a_usage_error(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("Hello.\n", encoding="utf-8")
    assert cli.main(["eval", str(tmp_path / "a.txt")]) == 2
    assert "no gold file" in capsys.readouterr().err


def test_clean_jsonl_and_chunks(tmp_path, monkeypatch, capsys):
    recs = [
        {"mt": "The cat sat on the mat.", "hter": 0.0},
        {"mt": "A dog barked at night.", "hter": 0},
        {"mt": "Not judged correct.", "hter": 0.3},
    ]
    (tmp_path / "x.jsonl").write_text("\n".join(json.dumps(r) for r in recs) + "\n", encoding="utf-8")

    def fake_repair(text, config=None):
        return Result(text, text.replace("cat sat", "cat sits"), [])

    monkeypatch.setattr(pipeline, "repair_text", fake_repair)
    rc, js = _run_json(capsys, ["eval", "--clean", "--json", str(tmp_path / "x.jsonl")])
    assert rc == 0
    f = js["files"][0]
    assert (f["texts"], f["words"], f["edits"], f["changed_texts"]) == (2, 11, 1, 1)
    assert f["unchanged_pct"] == 50.0
    assert f["edits_per_1000"] == round(1000 / 11, 2)
    # a one-sentence-a-line file is cut into chunks
    (tmp_path / "lines.en").write_text("".join(f"Sentence {i} is here.\n" for i in range(70)), encoding="utf-8")
    rc, js = _run_json(capsys, ["eval", "--clean", "--json", "--chunk", "30", str(tmp_path / "lines.en")])
    assert js["files"][0]["texts"] == 3 and "chunks of 30 lines" in js["files"][0]["how"]
    assert js["edits"] == 0 and js["unchanged_pct"] == 100.0
