"""Detector: case (to be written)."""


def detect(doc, ctx):
    return ()
