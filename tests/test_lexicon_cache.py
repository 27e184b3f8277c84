"""The evidence index in the cache folder: named by the data's content and the index format (a
new virtual environment with the same data files reuses it), stale ones removed, one line on
stderr while it builds, and the same tables as wordfreq's own frequency dict."""

from __future__ import annotations

import os
import shutil
import sqlite3
import time

from repair import lexicon as L


def test_the_index_is_keyed_by_content_and_stale_ones_are_removed(tmp_path, monkeypatch, capsys):
    cache = tmp_path / "cache"
    cache.mkdir()
    monkeypatch.setenv("MT_REPAIR_CACHE", str(cache))
    monkeypatch.setattr(L, "_CON", None)
    # what earlier versions and other environments left: an older format and what was derived
    # from it, a newer format (a newer install's), other data unused for 40 days, other data in
    # use (another install's), a dead build and a live one
    V = L.CACHE_VERSION
    old = time.time() - 40 * 86_400
    gone = [f"lexicon-v{V - 1}-4b23b99fbe50.sqlite", f"accents-v1-lexicon-v{V - 1}-4b23b99fbe50-200-es.sqlite",
            f"lexicon-v{V}-0123456789abcdef.sqlite", f"lexicon-v{V}-0123456789abcdef.sqlite.999999999.tmp"]
    kept = [f"lexicon-v{V + 1}-aaaaaaaaaaaaaaaa.sqlite", f"lexicon-v{V}-fedcba9876543210.sqlite",
            f"accents-v1-lexicon-v{V}-fedcba9876543210-200-es.sqlite",
            f"lexicon-v{V}-fedcba9876543210.sqlite.{os.getpid()}.tmp", "notes.txt"]
    for n in gone + kept:
        (cache / n).write_bytes(b"old")
    os.utime(cache / f"lexicon-v{V}-0123456789abcdef.sqlite", (old, old))

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
    assert first == sorted([os.path.basename(L.index_path(envs[0])), *kept])

    monkeypatch.setattr(L, "_CON", None)
    monkeypatch.setattr(L, "_sources", lambda: envs[1])
    L._db()
    assert capsys.readouterr().err == "" and len(built) == 1      # nothing rebuilt
    assert sorted(p.name for p in cache.iterdir()) == first
    L._CON.close()


def test_an_index_in_use_is_marked_once_a_day_and_the_folder_pruned_then(tmp_path, monkeypatch):
    """Stale files from other installs go on the first use of the day, not only when this install
    builds its own index (which may never happen again)."""
    cache = tmp_path / "cache"
    cache.mkdir()
    V = L.CACHE_VERSION
    mine = cache / f"lexicon-v{V}-1111111111111111.sqlite"
    stale = cache / f"lexicon-v{V - 1}-2222222222222222.sqlite"
    for p in (mine, stale):
        p.write_bytes(b"x")
    recent = time.time() - 3600
    os.utime(mine, (recent, recent))
    L._mark_used(str(mine), "lexicon-v", V)
    assert stale.exists() and abs(mine.stat().st_mtime - recent) < 1     # marked less than a day ago
    yesterday = time.time() - 2 * 86_400
    os.utime(mine, (yesterday, yesterday))
    L._mark_used(str(mine), "lexicon-v", V)
    assert not stale.exists() and time.time() - mine.stat().st_mtime < 60


def test_the_index_holds_what_wordfreq_gives():
    import wordfreq

    for lang, word in (("en", "the"), ("en", "negotiations"), ("es", "entonces"), ("it", "allora"),
                       ("de", "und")):
        assert round(L.zipf(word, lang), 2) == wordfreq.zipf_frequency(word, lang, wordlist="best", minimum=0)
    assert L.zipf("negotiations") > 4 and L.unigram("negotiations") > 0 and L.bigram("of", "the") > 0
