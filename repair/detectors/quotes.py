"""Detector: quotes (to be written)."""


def detect(doc, ctx):
    return ()
