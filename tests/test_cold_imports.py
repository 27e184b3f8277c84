"""What a plain ``fix`` leaves unimported (start-up time of the command: issue 8's cold-start
ratio), and that the shortcuts taken to avoid an import answer as the module would."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_wordfreq_zipf_is_wordfreqs_value():
    wordfreq = pytest.importorskip("wordfreq")
    from repair import lexicon as L

    con = L._db()
    rows = con.execute("SELECT w FROM zipf WHERE lang = 'en' ORDER BY w").fetchall()
    words = [w for (w,) in rows[::97]]
    # unlisted words, words wordfreq reads as more than one token, other scripts, other languages
    words += ["zzqxv", "qwertyuiopasdf", "well-known", "don't", "don’t", "café", "naïve", "x2",
              "1990s", "l'état", "über", "ñandú", "", "the", "of", "a"]
    for w in words:
        assert L.wordfreq_zipf(w) == wordfreq.zipf_frequency(w, "en"), w
    assert L.wordfreq_zipf("casa", "es") == wordfreq.zipf_frequency("casa", "es")


def test_plain_fix_of_the_seed_imports_no_wordfreq():
    code = ("import sys; from repair.cli import main; rc = main(['fix', '-q', sys.argv[1]]);"
            "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('wordfreq', 'ftfy', 'langcodes'));"
            "sys.stderr.write(repr(bad)); sys.exit(rc)")
    r = subprocess.run([sys.executable, "-c", code, str(ROOT / "seeds" / "nato-russia.txt")],
                       capture_output=True, cwd=ROOT, text=True)
    assert r.returncode == 0, r.stderr
    assert r.stderr.strip() == "[]"
