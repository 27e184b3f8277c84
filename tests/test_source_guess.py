"""guess_source_lang on real-style copy: every dev article in corpora/ gets the source language of
its gold file (French, Italian and Portuguese copy used to be called Spanish), and clean English
without residue falls back to Spanish."""

from pathlib import Path

import pytest
import yaml

from repair.detectors.residue import guess_source_lang
from repair.document import Document

ROOT = Path(__file__).resolve().parent.parent
GOLD = sorted((ROOT / "corpora").glob("*.gold.yaml"))


@pytest.mark.parametrize("gold", GOLD, ids=lambda g: g.name)
def test_dev_article_language(gold):
    data = yaml.safe_load(gold.read_text(encoding="utf-8"))
    text = gold.with_name(gold.name[: -len(".gold.yaml")] + ".txt").read_text(encoding="utf-8")
    assert guess_source_lang(Document(text)) == data["source_language"]


def test_names_and_institutions_vote():
    # no lowercase residue at all: the names of institutions carry the language
    fr = ("The Conseil constitutionnel examined the text on Tuesday. The Assemblée voted it in May, "
          "and the Sénat followed; the Préfecture said the Académie would publish the Règlement.")
    it = ("The Procura of Naples opened an inquiry. The Questura and the Comune confirmed it, and the "
          "Regione said the Tribunale would decide; the Giunta met the Prefettura on Monday.")
    assert guess_source_lang(Document(fr)) == "fr"
    assert guess_source_lang(Document(it)) == "it"


def test_plain_english_is_spanish_by_default():
    text = "The council approved the budget on Tuesday after a long debate about schools and roads."
    assert guess_source_lang(Document(text)) == "es"
