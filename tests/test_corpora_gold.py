"""Every dev article in corpora/ is well-formed gold (the format of ../shared/corpora/README.md):
each span occurs exactly once in its text, accept lists the corrected versions of the whole span,
kind is one of the gold kinds, level is must or should; the articles are of news-wire length."""

import re
from pathlib import Path

import pytest
import yaml

from repair.evaluate import KINDS

ROOT = Path(__file__).resolve().parent.parent
GOLD = sorted((ROOT / "corpora").glob("*.gold.yaml"))
DEV = [g for g in GOLD if g.name != "nato-russia.gold.yaml"]


def _load(g: Path):
    text = g.with_name(g.name[: -len(".gold.yaml")] + ".txt").read_text(encoding="utf-8")
    return text, yaml.safe_load(g.read_text(encoding="utf-8"))


@pytest.mark.parametrize("gold", GOLD, ids=lambda g: g.name)
def test_gold_well_formed(gold):
    text, data = _load(gold)
    assert data["article"] == gold.name[: -len(".gold.yaml")]
    assert data["source_language"] in ("es", "pt", "fr", "it")
    assert data["fragments"]
    for f in data["fragments"]:
        assert text.count(f["span"]) == 1, f["span"]
        assert isinstance(f["accept"], list) and f["accept"], f
        assert f["span"] not in f["accept"], f["span"]
        assert f["kind"] in KINDS, f
        assert f["level"] in ("must", "should"), f
        if f["accept"] == [""]:
            assert f["kind"] == "boilerplate", f


def test_dev_articles_per_language():
    """Issue 9: at least three articles written for the project per source language, beside the seed."""
    langs = [_load(g)[1]["source_language"] for g in DEV]
    for lang in ("es", "pt", "fr", "it"):
        assert langs.count(lang) >= 3, (lang, langs)


@pytest.mark.parametrize("gold", DEV, ids=lambda g: g.name)
def test_dev_article_length(gold):
    text, _ = _load(gold)
    assert 240 <= len(re.findall(r"\S+", text)) <= 460
