"""The parsed-data cache beside the lexicon index: a later process reads what an earlier one
parsed, only for the same text; a refused or changed file is parsed again."""

from __future__ import annotations

import pytest

from repair import datacache, langdata


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("MT_REPAIR_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache" / datacache.FOLDER


def test_a_parsed_file_is_read_back_only_for_the_same_text(tmp_path, cache, monkeypatch):
    f = tmp_path / "words.yaml"
    f.write_text("determiners: the a an\nlist: [1, 2.5, true, null]\n", encoding="utf-8")
    first = langdata.load_yaml(str(f))
    assert first == {"determiners": "the a an", "list": [1, 2.5, True, None]}
    assert len(list(cache.iterdir())) == 1

    def no_parse(path, text):
        raise AssertionError("parsed again")

    monkeypatch.setattr(langdata, "_parse_yaml", no_parse)
    again = langdata.load_yaml(str(f))
    assert again == first and again is not first
    again["list"].append(3)                       # each call gets its own objects
    assert langdata.load_yaml(str(f))["list"] == [1, 2.5, True, None]

    f.write_text("determiners: the\n", encoding="utf-8")  # another text: parsed, never answered from the cache
    with pytest.raises(AssertionError, match="parsed again"):
        langdata.load_yaml(str(f))


def test_a_refused_file_is_refused_every_time(tmp_path, cache):
    f = tmp_path / "bomb.yaml"
    f.write_text("a: &x [1, 2]\nb: *x\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(langdata.YAMLAliasError):
            langdata.load_yaml(str(f))
    assert not cache.exists() or not list(cache.iterdir())


def test_what_marshal_cannot_hold_is_parsed_each_time(tmp_path, cache):
    f = tmp_path / "dated.yaml"
    f.write_text("when: 2024-05-01\n", encoding="utf-8")
    assert str(langdata.load_yaml(str(f))["when"]) == "2024-05-01"
    assert str(langdata.load_yaml(str(f))["when"]) == "2024-05-01"
    assert not cache.exists() or not list(cache.iterdir())


def test_a_damaged_or_unwritable_cache_is_ignored(tmp_path, monkeypatch):
    f = tmp_path / "words.yaml"
    f.write_text("x: 1\n", encoding="utf-8")
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("")
    monkeypatch.setenv("MT_REPAIR_CACHE", str(blocked))        # cannot hold a folder
    assert langdata.load_yaml(str(f)) == {"x": 1}
    monkeypatch.setenv("MT_REPAIR_CACHE", str(tmp_path / "c"))
    assert langdata.load_yaml(str(f)) == {"x": 1}
    (entry,) = (tmp_path / "c" / datacache.FOLDER).iterdir()
    entry.write_bytes(b"\x00garbage")
    assert langdata.load_yaml(str(f)) == {"x": 1}
