"""`mt-repair eval --mt MT --ref REF`: TER and BLEU (sacrebleu) before and after repair, on sentences we wrote."""

import json
import sys

import pytest

from repair.cli import main

pytest.importorskip("sacrebleu", reason="TER/BLEU need sacrebleu (in the test extra)")

# MT lines with damage the tool repairs, lines it must leave alone, and their references
MT = [
    "The minister insisted in which the plan was sound e the talks would go on.",
    "Police arrested two men on Tuesday near the harbour.",
    "The council voted to close the old library next spring.",
]
REF = [
    "The minister insisted that the plan was sound and the talks would go on.",
    "Police arrested two men on Tuesday near the harbour.",
    "The council voted to shut the old library next spring.",
]


def _files(tmp_path, mt=MT, ref=REF):
    m, r = tmp_path / "mt.txt", tmp_path / "ref.txt"
    m.write_text("\n".join(mt) + "\n", encoding="utf-8")
    r.write_text("\n".join(ref) + "\n", encoding="utf-8")
    return str(m), str(r)


def test_ter_down_bleu_up_after_repair(tmp_path, capsys):
    m, r = _files(tmp_path)
    assert main(["eval", "--mt", m, "--ref", r, "--source-lang", "es", "--json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["lines"] == 3 and d["changed"] == 1 and d["closer"] == 1 and d["further"] == 0
    assert d["ter_after"] < d["ter_before"]
    assert d["bleu_after"] > d["bleu_before"]


def test_text_report_names_both_metrics(tmp_path, capsys):
    m, r = _files(tmp_path)
    assert main(["eval", "--mt", m, "--ref", r, "--source-lang", "es", "-v"]) == 0
    out = capsys.readouterr().out
    assert "TER" in out and "BLEU" in out and "lines changed 1 of 3" in out
    assert "+ The minister insisted that the plan" in out


def test_scores_match_sacrebleu(tmp_path, capsys):
    from sacrebleu.metrics import BLEU, TER

    m, r = _files(tmp_path, mt=MT[1:], ref=REF[1:])  # nothing to repair: before == after
    assert main(["eval", "--mt", m, "--ref", r, "--json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["changed"] == 0
    assert d["ter_before"] == d["ter_after"] == round(TER().corpus_score(MT[1:], [REF[1:]]).score, 2)
    assert d["bleu_before"] == round(BLEU().corpus_score(MT[1:], [REF[1:]]).score, 2)


def test_mlqe_jsonl_against_post_edit_and_hter0_share(tmp_path, capsys):
    recs = [
        {"src": "x", "mt": MT[0], "pe_detok_auto": REF[0], "hter": 0.2},
        {"src": "y", "mt": MT[1], "pe_detok_auto": MT[1], "hter": 0.0},
        {"src": "z", "mt": MT[2], "pe_detok_auto": MT[2], "hter": 0.0},
    ]
    f = tmp_path / "set.jsonl"
    f.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    assert main(["eval", "--mt", str(f), "--source-lang", "es", "--json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["hter0"] == 2 and d["hter0_unchanged"] == 2 and d["hter0_unchanged_pct"] == 100.0
    assert d["ter_after"] < d["ter_before"]


def test_misaligned_files_are_a_usage_error(tmp_path, capsys):
    m, r = _files(tmp_path, ref=REF[:2])
    assert main(["eval", "--mt", m, "--ref", r]) == 2
    err = capsys.readouterr().err
    assert "line-aligned" in err and len(err.strip().splitlines()) == 1
    assert main(["eval", "--mt", m]) == 2  # a text file needs --ref
    assert main(["eval"]) == 2             # nothing to evaluate


def test_missing_sacrebleu_is_one_line_and_exit_2(tmp_path, capsys, monkeypatch):
    m, r = _files(tmp_path)
    monkeypatch.setitem(sys.modules, "sacrebleu", None)
    monkeypatch.setitem(sys.modules, "sacrebleu.metrics", None)
    assert main(["eval", "--mt", m, "--ref", r]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "sacrebleu" in err[0]
