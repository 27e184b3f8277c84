"""Model archives (.argosmodel / .zip) as hostile input: zip bombs, size limits, bad CRCs,
members without file-type bits, the extraction cache (keyed by content, rejected extractions
removed) and a listing that extracts nothing.  The archives are built here, small."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from repair.retranslate.models import ModelError, inspect, scan_models

ROOT = Path(__file__).resolve().parent.parent
META = json.dumps({"from_code": "es", "to_code": "en", "package_version": "1.0"}).encode()


@pytest.fixture()
def cache(tmp_path, monkeypatch):
    d = tmp_path / "cache"
    monkeypatch.setenv("MT_REPAIR_CACHE", str(d))
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "no-argos"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("MT_REPAIR_MODEL", raising=False)
    monkeypatch.delenv("MT_REPAIR_MAX_MODEL_BYTES", raising=False)
    return d


def package(path, extra=(), meta=META, compression=zipfile.ZIP_DEFLATED, top="translate-es_en-1_0/"):
    """A fake Argos package (the files inspect() needs; nothing here loads a real model)."""
    with zipfile.ZipFile(path, "w", compression) as z:
        z.writestr(top + "metadata.json", meta)
        z.writestr(top + "model/model.bin", b"model weights " * 40)
        z.writestr(top + "sentencepiece.model", b"pieces " * 40)
        for name, data in extra:
            z.writestr(top + name, data)
    return str(path)


def extractions(cache):
    return sorted(p.name for p in cache.iterdir()) if cache.exists() else []


def cli(*args, env=None):
    p = subprocess.run([sys.executable, "-m", "repair.cli", *args], capture_output=True, text=True, cwd=ROOT,
                       env=dict(os.environ, **(env or {})), timeout=120)
    return p.returncode, p.stdout, p.stderr


def test_members_written_by_writestr_without_file_type_bits_are_accepted(tmp_path, cache):
    # zipfile.writestr with a name gives mode 0o600 and no S_IFREG bit: a plain file all the same
    z = package(tmp_path / "m.argosmodel")
    assert all(stat_bits == 0 for stat_bits in (((i.external_attr >> 16) & 0o170000)
                                                for i in zipfile.ZipFile(z).infolist()))
    info = inspect(z)
    assert (info.kind, info.src_lang, info.tgt_lang) == ("argos", "es", "en")
    assert os.path.isfile(info.ct2_dir + "/model.bin")


def test_a_zip_bomb_is_refused_before_anything_is_written(tmp_path, cache):
    bomb = package(tmp_path / "bomb.argosmodel", extra=[("model/pad.bin", b"\0" * (4 << 20))])
    assert os.path.getsize(bomb) < 64 * 1024          # 4 MiB of zeros in a few kB
    with pytest.raises(ModelError, match="zip bomb") as e:
        inspect(bomb)
    assert "\n" not in str(e.value)
    assert extractions(cache) == []


def test_the_size_limit_can_be_lowered_and_nothing_is_kept(tmp_path, cache, monkeypatch):
    z = package(tmp_path / "m.argosmodel", extra=[("model/vocab.txt", os.urandom(6000))])
    monkeypatch.setenv("MT_REPAIR_MAX_MODEL_BYTES", "4000")
    with pytest.raises(ModelError, match="too large"):
        inspect(z)
    assert extractions(cache) == []
    monkeypatch.delenv("MT_REPAIR_MAX_MODEL_BYTES")
    assert inspect(z).src_lang == "es"


def test_a_rejected_extraction_is_removed(tmp_path, cache):
    z = package(tmp_path / "badmeta.argosmodel", meta=b"{not json")
    with pytest.raises(ModelError, match="metadata.json"):
        inspect(z)
    assert extractions(cache) == []
    # and an archive without a package is refused from its directory, before extracting
    with zipfile.ZipFile(tmp_path / "other.zip", "w") as zf:
        zf.writestr("pkg/readme.txt", "hello")
    with pytest.raises(ModelError, match="not an Argos Translate package"):
        inspect(str(tmp_path / "other.zip"))
    assert extractions(cache) == []


def test_the_cache_is_keyed_by_content_and_stale_copies_go(tmp_path, cache):
    z = package(tmp_path / "m.argosmodel")
    first = inspect(z).ct2_dir
    for t in (1_000_000, 2_000_000):                 # a new mtime: the same extraction
        os.utime(z, (t, t))
        assert inspect(z).ct2_dir == first
    assert len(extractions(cache)) == 1
    package(z, extra=[("model/vocab.txt", b"a b c")])  # new content at the same path
    second = inspect(z).ct2_dir
    assert second != first and os.path.isdir(second) and not os.path.exists(first)
    assert len(extractions(cache)) == 1
    # a copy elsewhere with the same content shares it
    other = tmp_path / "copy.argosmodel"
    other.write_bytes(Path(z).read_bytes())
    assert inspect(str(other)).ct2_dir == second


def test_listing_reads_archives_and_extracts_nothing(tmp_path, cache):
    d = tmp_path / "models"
    d.mkdir()
    package(d / "translate-es_en-1_0.argosmodel")
    (d / "notes.txt").write_text("not a model")
    found, problems = scan_models([str(d)])
    assert problems == [] and [(m.src_lang, m.tgt_lang) for m in found] == [("es", "en")]
    assert extractions(cache) == []
    code, out, err = cli("models", str(d), env={"MT_REPAIR_CACHE": str(cache),
                                               "ARGOS_PACKAGES_DIR": str(tmp_path / "none")})
    assert code == 0 and "es-en\targos" in out, err
    assert extractions(cache) == []


def _bad_crc(path):
    """A stored (uncompressed) package with one byte of model.bin changed: the CRC fails."""
    package(path, compression=zipfile.ZIP_STORED)
    data = bytearray(Path(path).read_bytes())
    i = data.index(b"model weights")
    data[i] ^= 0x20
    Path(path).write_bytes(bytes(data))
    return str(path)


def test_a_bad_crc_is_one_line_and_exit_2(tmp_path, cache):
    d = tmp_path / "models"
    d.mkdir()
    bad = _bad_crc(d / "broken.argosmodel")
    with pytest.raises(ModelError, match="CRC"):
        inspect(bad)
    assert extractions(cache) == []
    env = {"MT_REPAIR_CACHE": str(cache), "ARGOS_PACKAGES_DIR": str(tmp_path / "none")}
    code, out, err = cli("models", str(d), env=env)
    assert code == 2 and "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    assert "broken.argosmodel" in err and "CRC" in err
    code, out, err = cli("fix", str(ROOT / "seeds" / "nato-russia.txt"), "--source",
                         str(ROOT / "seeds" / "nato-russia.ref.txt"), "--model", bad, env=env)
    assert code == 2 and out == "" and "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    assert extractions(cache) == []
