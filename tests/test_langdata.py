"""repair.langdata: the one loader of rules/lang/**."""

import os
import subprocess
import sys

import pytest
import yaml

from repair import langdata
from repair.document import Document


def test_words_and_values():
    assert "mr" in langdata.abbreviations("en") and "u.s" in langdata.abbreviations("en")
    assert "srta" in langdata.abbreviations("es") and "srta" not in langdata.abbreviations("en")
    assert "that" in langdata.words("en", "function-words", "continuations")
    assert langdata.value("punct", "phrase_bigram") == 1e7
    assert {"en", "es"} <= set(langdata.languages())


def test_each_file_is_read_once(monkeypatch):
    langdata._file.cache_clear()
    langdata.words.cache_clear()
    langdata.wordlist.cache_clear()
    calls = []
    real = langdata.load_yaml
    monkeypatch.setattr(langdata, "load_yaml", lambda *a, **k: calls.append(a) or real(*a, **k))
    for _ in range(3):
        langdata.words("en", "abbreviations")
        langdata.words("en", "abbreviations", "titles")
    assert len(calls) == 1


def test_missing_data_names_the_file_and_key():
    with pytest.raises(langdata.LangDataError, match="en/nope.yaml"):
        langdata.words("en", "nope")
    with pytest.raises(langdata.LangDataError, match="no class 'nope'"):
        langdata.words("en", "abbreviations", "nope")
    with pytest.raises(langdata.LangDataError, match="punct.nope"):
        langdata.value("punct", "nope")


def test_one_abbreviation_list_for_sentences():
    # "km." is on the one list: no sentence break after it; "art." is Spanish only
    doc = Document("He ran 5 km. He stopped. She loves art. Then she left.")
    assert len(doc.sentences) == 3


def test_aliases_are_refused(tmp_path):
    p = tmp_path / "bomb.yaml"
    p.write_text('a: &a ["x", "x"]\nb: &b [*a, *a]\nc: [*b, *b]\n')
    with pytest.raises(langdata.YAMLAliasError, match="aliases are not allowed"):
        langdata.load_yaml(str(p))
    q = tmp_path / "amp.yaml"
    q.write_text('a: "Procter & Gamble"\n')
    assert langdata.load_yaml(str(q)) == {"a": "Procter & Gamble"}


def test_every_data_file_is_a_mapping_of_classes():
    root = langdata.root()
    for lang in langdata.languages():
        for name in os.listdir(os.path.join(root, lang)):
            assert name.endswith(".yaml"), name
            data = langdata.load_yaml(os.path.join(root, lang, name))
            assert isinstance(data, dict) and data, f"{lang}/{name}"


def test_language_data_is_installed(tmp_path):
    """A non-editable install ships rules/lang/** (package data)."""
    src = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    target = tmp_path / "site"
    r = subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target), src],
                       capture_output=True, text=True)
    if r.returncode != 0:
        pytest.skip(f"pip cannot build here: {r.stderr.strip().splitlines()[-1:]}")
    pack = target / "repair" / "rulepacks"
    assert (pack / "lang" / "en" / "abbreviations.yaml").is_file()
    assert (pack / "lang" / "es" / "abbreviations.yaml").is_file()
    assert (pack / "lang" / "thresholds.yaml").is_file()
    code = ("import sys; sys.path.insert(0, sys.argv[1]); from repair import langdata; "
            "assert langdata.root().startswith(sys.argv[1]), langdata.root(); print(len(langdata.abbreviations()))")
    out = subprocess.run([sys.executable, "-c", code, str(target)], capture_output=True, text=True, cwd=str(tmp_path))
    assert out.returncode == 0, out.stderr
    assert int(out.stdout) > 50


def test_source_languages_are_the_language_folders_but_english():
    src = langdata.source_languages()
    assert {"es", "pt", "fr", "it"} <= set(src) and "en" not in src
    assert all(len(g) in (2, 3) for g in src)  # a shared folder (rules/lang/romance/) is no language
