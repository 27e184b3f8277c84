"""The Apertium dev-set builder: it installs nothing, exits 2 without Apertium, keeps lines aligned and caches."""

import shutil

import pytest

from repair import mine_devset as md

HAVE_APERTIUM = shutil.which("apertium") is not None
needs_apertium = pytest.mark.skipif(not HAVE_APERTIUM, reason="needs the Debian packages apertium and "
                                    "apertium-eng-spa (not installed; mt-repair itself never needs them)")


def test_split_is_fixed_and_test_lines_are_never_mined():
    by = {s.name: s for s in md.specs(100)}
    dev, test = by["newstest2012.dev"], by["newstest2012.test"]
    assert (dev.start, dev.stop, dev.role) == (0, 1500, "dev")
    assert (test.start, test.stop, test.role) == (1500, None, "test")
    assert by["wmt2011"].role == "heldout"  # one WMT year the miner never reads
    assert by["newscommentary"].stop == 100
    assert "newscommentary" not in {s.name for s in md.specs(0)}


def test_without_apertium_names_the_packages_and_exits_2(monkeypatch, capsys):
    monkeypatch.setattr(md.shutil, "which", lambda name: None)
    with pytest.raises(SystemExit) as e:
        md.require_apertium()
    assert e.value.code == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "apertium-eng-spa" in err[0] and "installs nothing" in err[0]


def test_unknown_set_is_exit_2(capsys):
    assert md.main(["--sets", "nosuchset", "--list"]) == 2


def test_generation_marks_are_dropped_unless_the_source_has_them():
    assert md.clean_line("they have to darse#  cuenta", "tienen que darse cuenta") == "they have to darse cuenta"
    assert md.clean_line("the #1 hit", "el #1 éxito") == "the #1 hit"


def test_chunks_are_cached_and_realigned(tmp_path, monkeypatch):
    calls = []

    def fake(text):
        calls.append(text)
        lines = text.split("\n")[:-1]
        if len(lines) > 1:  # a chunk that comes back with one line fewer is redone line by line
            return "\n".join(x.upper() for x in lines[:-1]) + "\n"
        return lines[0].upper() + "\n"

    monkeypatch.setattr(md, "_apertium", fake)
    src = ["uno dos", "tres", "cuatro cinco"]
    got = md.translate_lines(src, tmp_path, chunk=2)
    assert got == ["UNO DOS", "TRES", "CUATRO CINCO"]
    n = len(calls)
    assert md.translate_lines(src, tmp_path, chunk=2) == got
    assert len(calls) == n  # second run: all from the cache


@needs_apertium
def test_real_apertium_keeps_line_alignment(tmp_path):
    md.require_apertium()
    src = ["El alcalde dijo que el presupuesto crecerá el año próximo.", "Hoy llueve.",
           "La policía detuvo a dos hombres el martes."]
    got = md.translate_lines(src, tmp_path, chunk=10)
    assert len(got) == 3
    assert "mayor" in got[0].lower() and "police" in got[2].lower()
