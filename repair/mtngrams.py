"""Word sequences typical of machine translation: a learned n-gram feature of the MT-damage score.

Rule-based and literal MT leaves its trace less in any one word than in the sequences of
function words around them: "the Monday", "of the prison", "since 60 years", "to the
minister", "more of". ``rules/learned/mt-ngrams-en.tsv`` holds, for word bigrams and trigrams,
the log ratio of how often a sentence of Apertium spa-eng output holds them to how often a
sentence of the professional reference of the same text does (``python -m repair.mtngrams_fit``
rebuilds it; its header says from what).  A token is kept as itself only when it is one of the
reference side's most frequent lowercase words (the ``vocab`` line of the file) or a
punctuation mark; any other word becomes a class (``<C>`` a capitalised word inside the
sentence, ``<N>`` a number, ``<w>`` any other word), so the table speaks of the sentence's
frame, not of its names and topics.

``score(tokens)`` is the sum of the ratios of a sentence's n-grams over the square root of
their number (a naive-Bayes log-odds, normalised for length): ``repair.mtscore`` takes it as its
``ngram`` feature beside the n-gram evidence of clean English, residue and order patterns.
"""

from __future__ import annotations

import math
import os

FILE = os.path.join("learned", "mt-ngrams-en.tsv")
START, END, CAP, NUM, WORD = "<s>", "</s>", "<C>", "<N>", "<w>"

_TABLE: list = [None]


def parse(text: str) -> tuple[frozenset, dict]:
    """(vocabulary, {n-gram: log ratio}) of the file's text."""
    vocab: frozenset = frozenset()
    table: dict = {}
    for ln in text.splitlines():
        if not ln or ln.startswith("#"):
            continue
        cols = ln.split("\t")
        if cols[0] == "vocab":
            vocab = frozenset(cols[1].split())
        elif cols[0] == "gram":
            continue   # the column header
        else:
            table[cols[0]] = float(cols[1])
    return vocab, table


def path() -> str:
    from .rules import builtin_dir

    return os.path.join(builtin_dir(), FILE)


def table() -> tuple[frozenset, dict]:
    """The shipped table, parsed once per process (and kept by ``repair.datacache`` across
    processes); an absent file gives an empty table (the feature is then 0)."""
    if _TABLE[0] is None:
        try:
            with open(path(), encoding="utf-8") as f:
                text = f.read()
        except OSError:
            _TABLE[0] = (frozenset(), {})
        else:
            from .datacache import cached

            def build():
                vocab, tab = parse(text)
                return sorted(vocab), tab   # (marshal keeps lists and dicts)

            vocab, tab = cached("mt-ngrams-v1", text, build)
            _TABLE[0] = (frozenset(vocab), tab)
    return _TABLE[0]


def classes(words: list[str], vocab: frozenset) -> list[str]:
    """The token sequence the table speaks of (see the module's doc), without the boundaries."""
    out = []
    add = out.append
    inside = False      # (past the sentence's first token)
    for t in words:
        c = t[0]
        if not c.isalnum():
            add(t)
        elif t.isdigit():
            add(NUM)
        elif inside and c.isupper():
            add(CAP)
        else:
            low = t.lower()
            add(low if low in vocab else WORD)
        inside = True
    return out


def grams(seq: list[str]):
    """(i, j, gram) of every bigram and trigram of ``seq`` with its boundaries: tokens i..j-1 of
    ``seq`` (the boundaries are -1 and len(seq))."""
    m = [START] + seq + [END]
    n = len(m)
    for i in range(n - 1):
        yield i - 1, i + 1, m[i] + " " + m[i + 1]
        if i + 2 < n:
            yield i - 1, i + 2, m[i] + " " + m[i + 1] + " " + m[i + 2]


def score(words: list[str], tab: tuple | None = None) -> tuple[float, list]:
    """(score, [(log ratio, first token, last token + 1, gram), ...] of the grams that speak for
    MT, highest first) of a sentence given as its token texts."""
    vocab, t = table() if tab is None else tab
    if not t or not words:
        return 0.0, []
    # (the grams of :func:`grams`, in its order, without the generator: each bigram, then the
    # trigram that starts with it)
    m = [START]
    m += classes(words, vocab)
    m.append(END)
    n, last = len(m), len(words)
    get = t.get
    total, strong = 0.0, []
    for i in range(n - 1):
        g = m[i] + " " + m[i + 1]
        r = get(g)
        if r is not None:
            total += r
            if r > 0:
                strong.append((r, max(i - 1, 0), min(i + 1, last), g))
        if i + 2 < n:
            g = g + " " + m[i + 2]
            r = get(g)
            if r is not None:
                total += r
                if r > 0:
                    strong.append((r, max(i - 1, 0), min(i + 2, last), g))
    strong.sort(key=lambda x: (-x[0], x[1]))
    return total / math.sqrt(2 * n - 3), strong
