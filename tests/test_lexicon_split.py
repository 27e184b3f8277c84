"""lexicon.split gives wordninja's own splits (its model and algorithm, read without building
wordninja's dict on import)."""

from __future__ import annotations

import gzip
import random

from repair import lexicon as L


def test_split_is_wordninjas_split():
    import wordninja

    words = gzip.decompress(open(L._pkg_dir("wordninja") + "/wordninja/wordninja_words.txt.gz", "rb").read()
                            ).decode().split()
    rng = random.Random(8)
    texts = ["homewear", "tiltmeters", "bunkerers", "saidthe", "win32intel", "it'sgood", "", "'", "a'b",
             "ABCdefGhi", "x--y z", "12345abc678", "don'tstop'", "wasthe1990s", "élan"]
    for _ in range(1500):
        t = "".join(rng.choice(words) for _ in range(rng.randint(1, 4)))
        if rng.random() < 0.3:
            i = rng.randint(0, len(t))
            t = t[:i] + rng.choice("'1- Xé") + t[i:]
        texts.append(t)
    assert [L.split.__wrapped__(t) for t in texts] == [wordninja.split(t) for t in texts]


def test_the_model_is_read_once_per_process():
    L.split("homewear")
    model = L._ninja()
    L.split.cache_clear()
    assert L.split("tiltmeters") == ["tilt", "meters"] and L._ninja() is model
