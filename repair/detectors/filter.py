"""Detector: filter (to be written)."""


def detect(doc, ctx):
    return ()
