"""Detector: glue (to be written)."""


def detect(doc, ctx):
    return ()
