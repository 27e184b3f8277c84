"""ES-L004: 'the' before a name English writes bare (names learned by repair/mine_articles.py; sentences written by us)."""

import yaml

from repair.config import Config
from repair.learned import ends_phrase, learned_dir, load_article_names
from repair.mine_articles import count, select
from repair.pipeline import repair_text


def fixed(text):
    return repair_text(text, Config()).output


def test_shipped_article_names_are_documented_data():
    import os

    path = os.path.join(learned_dir(), "article-names-en.yaml")
    head = open(path, encoding="utf-8").read(3000)
    assert "python -m repair.mine_articles" in head
    data = yaml.safe_load(open(path, encoding="utf-8"))
    assert data["tier"] == "article-names" and "newstest2012.test" in data["provenance"]["never_read"]
    for e in data["entries"]:
        assert e["the"] <= 0.05 * (e["bare"] + e["the"]) and e["mt"] >= 3 and e["ref"] <= 0.2 * e["mt"], e
    assert "japan" in load_article_names("es") and not load_article_names("xx")


def test_the_before_a_bare_name_is_dropped_where_the_name_ends_its_phrase():
    assert fixed("The talks with the Iran ended without an agreement.") == "The talks with Iran ended without an agreement."
    assert fixed("Officials said the NATO was ready to help.") == "Officials said NATO was ready to help."


def test_a_name_that_modifies_a_noun_or_owns_its_article_keeps_it():
    for t in ("The Iran deal was signed on a Tuesday.", "The court in The Hague heard the case.",
              "Shares of the Japan Tobacco group fell.", "The NATO and EU summits ended early."):
        assert fixed(t) == t


def test_counting_needs_the_name_bare_in_clean_english():
    lines = ["Talks with Ruritania ended.", "He flew to Ruritania, then home.", "They said Ruritania is far.",
             "They met in the Netherlands.", "He lives in the Netherlands.", "Trade with Ruritania grew."] * 5
    bare, the = count(lines)
    names = {x["name"] for x in select(bare, the, min_seen=10, max_the_share=0.05)}
    assert "ruritania" in names and "netherlands" not in names
    assert ends_phrase(None, 5.9) and ends_phrase(",", 5.9) and ends_phrase("is", 5.9)
    assert not ends_phrase("chairman", 5.9) and not ends_phrase("of", 5.9) and not ends_phrase("-", 5.9)
