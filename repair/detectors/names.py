"""Detector: names (to be written)."""


def detect(doc, ctx):
    return ()
