"""The synthetic damaged dev set: well-formed gold, deterministic, and reversible."""

import random
from pathlib import Path

import pytest
import yaml

from repair import synth

# a few plain sentences of our own (newstest text is not copied into the project)
SENTENCES = [
    "The council met on Tuesday to discuss the budget and the new school.",
    "Officials said the plan would cost more than expected.",
    "Mayor Lindqvist told reporters that the class sizes are too large.",
    "\"We need to act now,\" said Lindqvist, who has led the city since 2009.",
    "The first meeting of the new committee is planned for March.",
    "Critics argue that the ambassador should have been consulted.",
    "Residents of the northern districts are worried about traffic and noise.",
    "The regional government in Oslo has promised to help with the cost.",
    "NATO officials were not available for comment on the proposal.",
    "Lindqvist insisted that the project would go ahead as planned.",
    "Several teachers said the changes are long overdue.",
    "A final decision is expected at the end of the year.",
]
SRC = synth.DEFAULT_SRC


def _restore(damaged: str, frags) -> str:
    out = damaged
    for f in sorted(frags, key=lambda f: f.start, reverse=True):
        assert out[f.start:f.end] == f.span
        out = out[:f.start] + f.accept[0] + out[f.end:]
    return out


def _paras(text: str) -> list[str]:
    return [ln for ln in text.split("\n") if ln.strip()]


@pytest.mark.parametrize("seed", range(12))
def test_make_article(seed):
    clean, damaged, frags = synth.make_article(SENTENCES, random.Random(seed))
    assert 1 <= len(frags) <= 8
    for f in frags:
        assert damaged.count(f.span) == 1, f.span
        assert f.accept and f.accept[0] != f.span
        assert f.kind in synth.KINDS
        # only a place name after "from" instead of "in" still reads as English: should
        assert f.level == "must" or (f.kind == "calque" and " from " in f.span and " in " in f.accept[0]), f
    ordered = sorted(frags, key=lambda f: f.start)
    for a, b in zip(ordered, ordered[1:]):
        assert a.end < b.start and any(c.isalnum() for c in damaged[a.end:b.start])
    # every fragment replaced by its accept → the clean sentences (quotes made curly)
    assert _paras(_restore(damaged, frags)) == [synth.curly_quotes(s) for s in SENTENCES]
    assert _paras(clean) == [synth.curly_quotes(s) for s in SENTENCES]


def test_deterministic():
    a = synth.make_article(SENTENCES, random.Random(7))
    b = synth.make_article(SENTENCES, random.Random(7))
    assert a[1] == b[1] and [(f.span, f.accept) for f in a[2]] == [(f.span, f.accept) for f in b[2]]


def test_curly_quotes():
    assert synth.curly_quotes('He said "no" and "yes".') == "He said “no” and “yes”."
    assert synth.curly_quotes('odd "one.') == 'odd "one.'


@pytest.mark.skipif(not SRC.exists(), reason="needs ../shared/corpora/newstest2012")
def test_generate_from_newstest(tmp_path):
    files = synth.generate(SRC, tmp_path / "a", n=6, seed=3)
    again = synth.generate(SRC, tmp_path / "b", n=6, seed=3)
    assert [f.name for f in files] == [f.name for f in again]
    lines = set(synth.read_sentences(SRC))
    lines |= {synth.curly_quotes(s) for s in lines}
    for f, g in zip(files, again):
        assert f.read_text() == g.read_text()
        gold = f.with_name(f.name[:-4] + ".gold.yaml")
        assert gold.read_text() == g.with_name(g.name[:-4] + ".gold.yaml").read_text()
        text = f.read_text(encoding="utf-8")
        data = yaml.safe_load(gold.read_text(encoding="utf-8"))
        assert 4 <= len(data["fragments"]) <= 8
        frags = []
        for fr in data["fragments"]:
            assert text.count(fr["span"]) == 1
            assert fr["accept"][0] != fr["span"]
            frags.append(synth.Fragment(fr["span"], fr["accept"], fr["kind"], start=text.index(fr["span"]),
                                        end=text.index(fr["span"]) + len(fr["span"])))
        restored = _paras(_restore(text, frags))
        assert 10 <= len(restored) <= 20
        assert all(p in lines for p in restored)
    # a different seed gives different articles
    other = synth.generate(SRC, tmp_path / "c", n=2, seed=4)
    assert other[0].read_text() != files[0].read_text()
