"""Offline frequency evidence: wordfreq (unigram Zipf values for many languages), the
English unigram and bigram counts that symspellpy ships, and wordninja's splitter.

Everything loads lazily and once per process; a missing package is a
``MissingComponent`` that the CLI turns into one line and exit code 2.
"""

from __future__ import annotations

import math
import os
from functools import lru_cache


class MissingComponent(RuntimeError):
    pass


def _need(modname: str):
    import importlib

    try:
        return importlib.import_module(modname)
    except ImportError as exc:  # pragma: no cover - depends on environment
        raise MissingComponent(
            f"the Python package '{modname}' is not installed (pip install {modname})"
        ) from exc


@lru_cache(maxsize=None)
def _freq_dict(lang: str) -> dict[str, float]:
    wf = _need("wordfreq")
    return wf.get_frequency_dict(lang, wordlist="best")


def zipf(word: str, lang: str = "en") -> float:
    """Zipf frequency (0..8) of a lowercased word; 0 for unknown words."""
    f = _freq_dict(lang).get(word.lower().replace("’", "'"))
    if not f:
        return 0.0
    return round(math.log10(f) + 9, 2)


def _symspell_dir() -> str:
    mod = _need("symspellpy")
    return os.path.dirname(mod.__file__)


@lru_cache(maxsize=None)
def _unigrams() -> dict[str, int]:
    d: dict[str, int] = {}
    with open(os.path.join(_symspell_dir(), "frequency_dictionary_en_82_765.txt"), encoding="utf-8") as f:
        for line in f:
            w, _, c = line.rstrip().partition(" ")
            if c:
                d[w] = int(c)
    return d


@lru_cache(maxsize=None)
def _bigrams() -> dict[str, int]:
    d: dict[str, int] = {}
    with open(os.path.join(_symspell_dir(), "frequency_bigramdictionary_en_243_342.txt"), encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) == 3:
                d[parts[0] + " " + parts[1]] = int(parts[2])
    return d


def unigram(word: str) -> int:
    return _unigrams().get(word.lower(), 0)


def bigram(a: str, b: str) -> int:
    return _bigrams().get(a.lower() + " " + b.lower(), 0)


def is_word(word: str, min_zipf: float = 2.5) -> bool:
    """A known English word (wordfreq Zipf >= min_zipf, or in symspell's dictionary)."""
    w = word.lower()
    return zipf(w) >= min_zipf or unigram(w) > 0 and zipf(w) >= 1.5


def is_source_word(word: str, lang: str, min_zipf: float = 3.0) -> bool:
    return zipf(word, lang) >= min_zipf


@lru_cache(maxsize=4096)
def split(word: str) -> list[str]:
    """Best split of a run-together lowercase string into English words (wordninja)."""
    wn = _need("wordninja")
    return wn.split(word)
