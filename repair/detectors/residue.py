"""Detector: source-language residue (to be written)."""


def guess_source_lang(doc) -> str:
    return "es"


def detect(doc, ctx):
    return ()
