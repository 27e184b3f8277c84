"""Detector: boilerplate (to be written)."""


def detect(doc, ctx):
    return ()
