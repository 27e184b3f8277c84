"""Model loaders (Argos folder, .argosmodel, OPUS-MT folder, installed packages), safe
extraction, the CLI (`fix --source --model`, `models`, errors), and batching with a random model."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import zipfile

import pytest

from _retranslate_fixtures import REF, ROOT, SEED, cache, rt  # noqa: F401


def test_argos_folder_argosmodel_and_opus_folder_load(rt, cache):
    from repair.retranslate.models import inspect, load

    text = "Hello world. Second sentence here!"
    for key, kind in (("argos", "argos"), ("argosmodel", "argos"), ("opus", "opus-mt")):
        info = inspect(rt[key])
        assert info.kind == kind
        m = load(rt[key])
        assert m.decode_tgt(m.translate([m.encode_src(text)])[0]) == text
    assert inspect(rt["argos"]).src_lang == "en"
    assert inspect(rt["opus"]).src_lang == "en" and inspect(rt["opus"]).tgt_lang == "en"
    # the archive was extracted once into the cache, inside it
    assert any(os.path.isfile(os.path.join(r, "metadata.json")) for r, _d, _f in os.walk(cache))


def test_installed_packages_are_found_where_argos_keeps_them(rt, cache, tmp_path, monkeypatch):
    from repair.retranslate.models import find_model, installed

    pkgs = tmp_path / "xdg" / "argos-translate" / "packages"
    pkgs.mkdir(parents=True)
    shutil.copytree(rt["argos"], pkgs / "translate-en_en-1_0")
    (pkgs / "broken").mkdir()
    (pkgs / "broken" / "metadata.json").write_text("{")
    assert [m.name for m in installed()] == ["translate-en_en-1_0"]
    assert find_model("en-en").kind == "argos"
    monkeypatch.setenv("MT_REPAIR_MODEL", "en-en")
    assert find_model(None).src_lang == "en"


def _zip(path, members):
    with zipfile.ZipFile(path, "w") as z:
        for name, data, mode in members:
            info = zipfile.ZipInfo(name)
            if mode:
                info.external_attr = mode << 16
            z.writestr(info, data)
    return str(path)


def test_unsafe_archives_are_refused(tmp_path, cache):
    from repair.retranslate.models import ModelError, inspect, safe_extract

    bad = {
        "dotdot": [("pkg/../../evil.txt", b"x", 0)],
        "absolute": [("/tmp/evil.txt", b"x", 0)],
        "symlink": [("pkg/link", b"/etc/passwd", 0o120777)],
    }
    for name, members in bad.items():
        z = _zip(tmp_path / f"{name}.argosmodel", members)
        with pytest.raises(ModelError, match="unsafe|link"):
            inspect(z)
    assert not (tmp_path / "evil.txt").exists() and not os.path.exists("/tmp/evil.txt")
    big = _zip(tmp_path / "big.argosmodel", [("pkg/a.bin", b"\0" * 5000, 0)])
    with pytest.raises(ModelError, match="too large"):
        safe_extract(big, str(tmp_path / "out"), max_bytes=1000)
    (tmp_path / "notzip.argosmodel").write_bytes(b"not a zip")
    with pytest.raises(ModelError):
        inspect(str(tmp_path / "notzip.argosmodel"))


def test_broken_models_are_one_clear_error(rt, tmp_path, cache):
    from repair.retranslate.models import ModelError, find_model, load

    with pytest.raises(ModelError, match="no model given"):
        find_model(None)
    with pytest.raises(ModelError, match="no such model"):
        find_model(str(tmp_path / "nope"))
    broken = tmp_path / "broken"
    shutil.copytree(rt["argos"], broken)
    (broken / "model" / "model.bin").write_bytes(b"garbage")
    with pytest.raises(ModelError, match="broken CTranslate2 model") as e:
        load(str(broken))
    assert "\n" not in str(e.value)
    (broken / "sentencepiece.model").write_bytes(b"garbage")
    with pytest.raises(ModelError, match="SentencePiece"):
        load(str(broken))
    os.remove(broken / "sentencepiece.model")
    with pytest.raises(ModelError, match="sentencepiece.model"):
        load(str(broken))


def test_random_model_batches_sentences_of_different_lengths(rt):
    from repair.retranslate.models import load

    m = load(rt["random"])
    srcs = [m.encode_src(t) for t in ["Hola.", "El tratado de Lisboa entró en vigor en 2009.", "Tengo 15 años.",
                                      "A", "¿qué? ¡sí!"]]
    out = m.translate(srcs, beam_size=2, max_batch_size=2)
    assert len(out) == 5 and all(isinstance(h, list) for h in out)
    lp = m.score(srcs, [m.encode_tgt("Hello there.")] * 5)
    assert len(lp) == 5 and all(len(x) == len(m.encode_tgt("Hello there.")) + 1 for x in lp)


def run(args, env_extra=None, stdin=b""):
    env = dict(os.environ, **(env_extra or {}))
    p = subprocess.run([sys.executable, "-m", "repair.cli", *args], input=stdin, capture_output=True, cwd=ROOT,
                       env=env, timeout=300)
    return p.returncode, p.stdout.decode(), p.stderr.decode()


def test_cli_fix_with_source_and_model(rt, cache, tmp_path):
    env = {"MT_REPAIR_CACHE": str(cache)}
    code, out, err = run(["fix", str(SEED), "--source", str(REF), "--model", rt["argosmodel"]], env)
    assert code == 0, err
    assert out == REF.read_text(encoding="utf-8")
    code, out, err = run(["fix", "--format", "json", str(SEED), "--source", str(REF)],
                         dict(env, MT_REPAIR_MODEL=rt["argos"]))
    obj = json.loads(out)
    assert obj["output"] == REF.read_text(encoding="utf-8")
    kinds = {a["type"] for a in obj["alignment"]}
    assert "1-1" in kinds and "0-1" in kinds      # the boilerplate lines have no source
    assert obj["retranslation"]["stats"]["retranslated"] > 0
    # a bilingual TSV without a model: the rules repair the targets, the sources stay
    tsv = tmp_path / "a.tsv"
    tsv.write_text("Hola.\tStoltenberg noted that eThey are willing.\n", encoding="utf-8")
    code, out, err = run(["fix", str(tsv)], env)
    assert code == 0 and out == "Hola.\tStoltenberg noted that they are willing.\n", err


def test_cli_model_errors_are_one_line_exit_2(rt, cache, tmp_path):
    env = {"MT_REPAIR_CACHE": str(cache), "MT_REPAIR_MODEL": ""}
    for args in (["fix", str(SEED), "--source", str(REF)],
                 ["fix", str(SEED), "--source", str(REF), "--model", str(tmp_path / "missing")]):
        code, out, err = run(args, env)
        assert code == 2 and out == "" and len(err.strip().splitlines()) == 1 and "Traceback" not in err, err


def test_cli_models_lists_what_it_finds(rt, cache, tmp_path):
    pkgs = tmp_path / "argos"
    pkgs.mkdir()
    shutil.copytree(rt["argos"], pkgs / "translate-en_en-1_0")
    code, out, err = run(["models", str(rt["base"])], {"ARGOS_PACKAGES_DIR": str(pkgs),
                                                       "MT_REPAIR_CACHE": str(cache)})
    assert code == 0, err
    assert "translate-en_en-1_0" in out and "opus-mt" in out and "en-en\targos" in out
