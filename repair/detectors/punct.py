"""Detector: punct (to be written)."""


def detect(doc, ctx):
    return ()
