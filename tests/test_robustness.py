"""No input produces a traceback; repairing repaired text changes nothing; offsets stay valid."""

import json
import random
from pathlib import Path

import pytest

from repair.pipeline import repair_text

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpora"

ODD = [
    "", " ", "\n\n\n", "\r\n", "“", "”", "“”“", "\"", "'", ". . .", "a", "A.", "e", "Y", "from",
    "🙂 emoji 👍🏽 and ZWJ 👨‍👩‍👧 text.", "Zero\u200bwidth and\u00a0nbsp, soft\u00adhyphen.",
    "שלום עולם and مرحبا mixed with English.", "\t\tTabs\tinside\t.", "x" * 5000,
    "ALL CAPS HEADLINE WITH “QUOTES“ AND NO PERIOD", "1,000.5 % — 3/4 ½ ⅓ № §",
    "http://example.com/a.b?c=d&e=f#g. then lowercase", "e.g. this and i.e. that, etc. and so on",
    "“Unclosed quotation that goes on\n\n“and continues here.”",
    "Line one\rold Mac line\rend", "\ufeffBOM at the start.", "\x00\x01 control chars \x7f",
]


@pytest.mark.parametrize("text", ODD, ids=range(len(ODD)))
def test_odd_inputs(text):
    res = repair_text(text)
    for f in res.findings:
        assert 0 <= f.start <= f.end <= len(text) and text[f.start:f.end] == f.text
    assert repair_text(res.output).output == res.output


def test_random_text_from_damage_alphabet():
    rng = random.Random(7)
    alphabet = list("abcdeyY .,;:“”\"'()-\n") + ["the ", "from ", "son ", "OTAN ", "ALSO READ: ", "bad", "Such "]
    for _ in range(200):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 120)))
        res = repair_text(text)
        for f in res.findings:
            assert text[f.start:f.end] == f.text
        assert repair_text(res.output).output == res.output, text


@pytest.mark.skipif(not (SHARED / "mlqe-pe").exists(), reason="shared corpora not beside the checkout")
def test_mlqe_segments_judged_correct_are_left_unchanged():
    """MLQE-PE segments whose post-edit equals the MT (hter 0) must come out unchanged (>= 99 %)."""
    rows = []
    for name in ("ro-en.dev.jsonl", "ru-en.dev.jsonl"):
        with open(SHARED / "mlqe-pe" / name, encoding="utf-8") as f:
            rows += [json.loads(line) for line in f]
    clean = [r["mt"] for r in rows if r["hter"] == 0]
    assert len(clean) > 500
    changed = [t for t in clean if repair_text(t).output != t]
    assert len(changed) <= 0.01 * len(clean), changed[:5]
