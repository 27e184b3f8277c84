"""The evidence index in the cache folder: named by the data's content and the index format (a
new virtual environment with the same data files reuses it), stale ones removed, one line on
stderr while it builds, and the same tables as wordfreq's own frequency dict."""

from __future__ import annotations

import os
import shutil
import sqlite3

from repair import lexicon as L


def test_the_index_is_keyed_by_content_and_stale_ones_are_removed(tmp_path, monkeypatch, capsys):
    cache = tmp_path / "cache"
    cache.mkdir()
    monkeypatch.setenv("MT_REPAIR_CACHE", str(cache))
    monkeypatch.setattr(L, "_CON", None)
    # what earlier versions and other environments left: another format, other data, a dead build
    stale = ["lexicon-v1-4b23b99fbe50.sqlite", f"lexicon-v{L.CACHE_VERSION}-0123456789abcdef.sqlite",
             f"lexicon-v{L.CACHE_VERSION}-0123456789abcdef.sqlite.999999999.tmp"]
    for n in stale:
        (cache / n).write_bytes(b"old")
    (cache / "notes.txt").write_text("not ours")

    # two "virtual environments": the same data files, copied (other paths, other mtimes)
    envs = []
    for i, name in enumerate(("venv-a", "venv-b")):
        d = tmp_path / name
        d.mkdir()
        copies = []
        for src in L._sources():
            dst = d / os.path.basename(src)
            shutil.copyfile(src, dst)
            os.utime(dst, (1_000_000 * (i + 1), 1_000_000 * (i + 1)))
            copies.append(str(dst))
        envs.append(copies)

    built = []

    def small_build(path, sources):       # the real build is bench/lexicon_build.py's business
        con = sqlite3.connect(path)
        con.execute("CREATE TABLE uni (w TEXT PRIMARY KEY, c INTEGER) WITHOUT ROWID")
        con.execute("INSERT INTO uni VALUES ('the', 23135851162)")
        con.commit()
        con.close()
        built.append(path)

    monkeypatch.setattr(L, "_build_index", small_build)
    monkeypatch.setattr(L, "_sources", lambda: envs[0])
    assert L._db().execute("SELECT c FROM uni WHERE w = 'the'").fetchone()[0] > 0
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "building" in err, err
    first = sorted(p.name for p in cache.iterdir())
    assert first == sorted([os.path.basename(L.index_path(envs[0])), "notes.txt"])

    monkeypatch.setattr(L, "_CON", None)
    monkeypatch.setattr(L, "_sources", lambda: envs[1])
    L._db()
    assert capsys.readouterr().err == "" and len(built) == 1      # nothing rebuilt
    assert sorted(p.name for p in cache.iterdir()) == first
    L._CON.close()


def test_the_index_holds_what_wordfreq_gives():
    import wordfreq

    for lang, word in (("en", "the"), ("en", "negotiations"), ("es", "entonces"), ("it", "allora"),
                       ("de", "und")):
        assert round(L.zipf(word, lang), 2) == wordfreq.zipf_frequency(word, lang, wordlist="best", minimum=0)
    assert L.zipf("negotiations") > 4 and L.unigram("negotiations") > 0 and L.bigram("of", "the") > 0
