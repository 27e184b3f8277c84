"""The frequency evidence behind one interface.

Detectors read the evidence through the :mod:`repair.lexicon` functions (``zipf``, ``unigram``,
``bigram``, ``is_word``, ``words_with_prefix``), which cache every answer in memory and ask the
current :class:`Evidence`:

- :class:`SQLiteEvidence` (the default): the index in the user cache that ``repair.lexicon``
  builds from the installed wordfreq and symspellpy data;
- :class:`MemoryEvidence`: a few words in dicts, for unit tests (no index, no packages).

    with evidence.using(MemoryEvidence(zipf={"en": {"talks": 5.0}}, bigrams={("the", "talks"): 10**8})):
        ...   # every lexicon lookup answers from the dicts

Keys are normalised by the facade: words lowercased, ``’`` read as ``'`` for Zipf.
"""

from __future__ import annotations

import contextlib
from typing import Iterator, Mapping, Protocol, runtime_checkable


@runtime_checkable
class Evidence(Protocol):
    def zipf(self, word: str, lang: str) -> float:
        """Zipf frequency (0..8) of a lowercase word in a language; 0 when unknown."""

    def unigram(self, word: str) -> int:
        """Count of a lowercase English word; 0 when unknown."""

    def bigram(self, a: str, b: str) -> int:
        """Count of the lowercase English bigram (a, b); 0 when unknown."""

    def words_with_prefix(self, prefix: str) -> tuple[str, ...]:
        """The English dictionary's words that start with ``prefix``, sorted."""


class SQLiteEvidence:
    """The SQLite index of ``repair.lexicon`` (built on first use from the installed packages)."""

    _con = None

    def _q(self, sql: str, args: tuple):
        con = self._con
        if con is None:
            from .lexicon import _db

            con = self._con = _db()
        return con.execute(sql, args)

    def zipf(self, word: str, lang: str) -> float:
        row = self._q("SELECT z FROM zipf WHERE lang = ? AND w = ?", (lang, word)).fetchone()
        return row[0] / 100 if row else 0.0

    def unigram(self, word: str) -> int:
        row = self._q("SELECT c FROM uni WHERE w = ?", (word,)).fetchone()
        return row[0] if row else 0

    def bigram(self, a: str, b: str) -> int:
        row = self._q("SELECT c FROM bi WHERE k = ?", (a + " " + b,)).fetchone()
        return row[0] if row else 0

    def words_with_prefix(self, prefix: str) -> tuple[str, ...]:
        if not prefix:
            return ()
        hi = prefix[:-1] + chr(ord(prefix[-1]) + 1)
        return tuple(r[0] for r in self._q("SELECT w FROM uni WHERE w >= ? AND w < ? ORDER BY w", (prefix, hi)))

    CHUNK = 500   # keys per query (SQLite allows 999 parameters in its oldest builds)

    def many(self, what: str, keys) -> dict:
        """The answers for many keys, by the table's primary key, a few hundred per query:
        ``what`` is ``unigram``, ``bigram`` (keys (a, b)) or ``zipf:LANG``; a key that is not
        in the index is left out (its answer is 0).  Values as the single lookups give them."""
        keys = list(keys)
        out: dict = {}
        for i in range(0, len(keys), self.CHUNK):
            part = keys[i:i + self.CHUNK]
            marks = ",".join("?" * len(part))
            if what == "unigram":
                for w, c in self._q(f"SELECT w, c FROM uni WHERE w IN ({marks})", tuple(part)):
                    out[w] = c
            elif what == "bigram":
                want = {a + " " + b: (a, b) for a, b in part}
                marks = ",".join("?" * len(want))
                for k, c in self._q(f"SELECT k, c FROM bi WHERE k IN ({marks})", tuple(want)):
                    out[want[k]] = c
            elif what.startswith("zipf:"):
                rows = self._q(f"SELECT w, z FROM zipf WHERE lang = ? AND w IN ({marks})", (what[5:], *part))
                for w, z in rows:
                    out[w] = z / 100
            else:
                raise ValueError(what)
        return out


class MemoryEvidence:
    """Evidence from dicts: ``zipf`` {lang: {word: z}}, ``unigrams`` {word: n},
    ``bigrams`` {(a, b): n}.  Unknown words are 0, as in the index."""

    def __init__(self, zipf: Mapping[str, Mapping[str, float]] | None = None,
                 unigrams: Mapping[str, int] | None = None,
                 bigrams: Mapping[tuple[str, str], int] | None = None):
        self._zipf = {lang: {w.lower(): z for w, z in d.items()} for lang, d in (zipf or {}).items()}
        self._uni = {w.lower(): n for w, n in (unigrams or {}).items()}
        self._bi = {(a.lower(), b.lower()): n for (a, b), n in (bigrams or {}).items()}
        self._sorted = sorted(self._uni)

    def zipf(self, word: str, lang: str) -> float:
        return float(self._zipf.get(lang, {}).get(word, 0.0))

    def unigram(self, word: str) -> int:
        return int(self._uni.get(word, 0))

    def bigram(self, a: str, b: str) -> int:
        return int(self._bi.get((a, b), 0))

    def words_with_prefix(self, prefix: str) -> tuple[str, ...]:
        return tuple(w for w in self._sorted if w.startswith(prefix)) if prefix else ()


_current: Evidence = SQLiteEvidence()
# (lexicon._EV is set on the first set_evidence; until then the lexicon asks current())


def current() -> Evidence:
    return _current


def set_evidence(ev: Evidence) -> Evidence:
    """Make ``ev`` the evidence every lookup asks (the lexicon's memory caches are emptied);
    returns the one it replaces."""
    global _current
    if not isinstance(ev, Evidence):
        raise TypeError(f"not an Evidence: {ev!r}")
    old, _current = _current, ev
    from . import lexicon

    lexicon._EV = ev
    lexicon.clear_caches()
    return old


@contextlib.contextmanager
def using(ev: Evidence) -> Iterator[Evidence]:
    old = set_evidence(ev)
    try:
        yield ev
    finally:
        set_evidence(old)
