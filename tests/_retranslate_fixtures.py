"""Tiny models for the re-translation tests: nothing downloaded, built in-process."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "nato-russia.txt"
REF = ROOT / "seeds" / "nato-russia.ref.txt"
CORPORA = ROOT.parent / "shared" / "corpora"

EXTRA = ["Tengo 15 años y vivo en Madrid con María.", "The 3 ministers met in Brussels on 12 May 2021.",
         "El tratado de Lisboa entró en vigor en 2009.", "Hello world. Second sentence here! A third?",
         "<seg>Tab\there & ‘quotes’ «comillas» ¿qué? ¡sí! 1.500 1,500 3.5 — – …</seg>"]


@pytest.fixture(scope="session")
def rt(tmp_path_factory):
    pytest.importorskip("ctranslate2")
    pytest.importorskip("sentencepiece")
    from repair.retranslate import synthetic as S

    base = tmp_path_factory.mktemp("rt")
    lines = [l for l in SEED.read_text(encoding="utf-8").splitlines() + REF.read_text(encoding="utf-8").splitlines()
             + EXTRA if l.strip()]
    spm = S.train_sentencepiece(lines, 400)
    vocab = S.vocab_from_sp(spm)
    copy = S.copy_model_spec(vocab)
    argos = S.package_argos(copy, spm, str(base / "translate-en_en-1_0"), "en", "en")
    argosmodel = S.package_argosmodel(argos, str(base / "translate-en_en-1_0.argosmodel"))
    opus = S.package_opus_mt(S.copy_model_spec(vocab), spm, str(base / "opus-mt-en-en"), quantization="int8")
    rnd = S.package_opus_mt(S.random_model_spec(vocab, layers=2, d=32, heads=2), spm, str(base / "opus-mt-es-fr"))
    return {"base": base, "spm": spm, "vocab": vocab, "argos": argos, "argosmodel": argosmodel, "opus": opus,
            "random": rnd}


@pytest.fixture()
def cache(tmp_path, monkeypatch):
    d = tmp_path / "cache"
    monkeypatch.setenv("MT_REPAIR_CACHE", str(d))
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "no-argos"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("MT_REPAIR_MODEL", raising=False)
    return d
