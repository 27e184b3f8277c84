"""Offline frequency evidence: wordfreq (unigram Zipf values for many languages) and the
English unigram and bigram counts that symspellpy ships, and wordninja's splitter.  The lookups below are the facade the
detectors use; they ask the current :class:`repair.evidence.Evidence` (this module's SQLite
index by default) and cache every answer in memory.

Everything loads lazily and once per process; a missing package is a
``MissingComponent`` that the CLI turns into one line and exit code 2.
"""

from __future__ import annotations

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


# --- the evidence as an on-disk index ---------------------------------------------------------
# Parsing wordfreq's msgpack lists and symspellpy's text files into dicts takes about a second
# per process, which a command-line tool cannot pay on every run.  The first run copies the
# tables into one SQLite file in the user's cache folder; every later lookup is an indexed query,
# cached in memory.  Nothing is downloaded: the index is built from the installed packages' own
# data.  The file is named by the index format and the content of the data files (their sizes
# and a hash of their first and last 64 KiB: fast, and the same for every virtual environment
# that installs the same data); repair/cachefiles.py decides which others may go.

CACHE_VERSION = 2          # the index format: bump when the tables or their contents change
LANGS = ("en", "es", "pt", "fr", "it", "de")
MIN_FOREIGN_ZIPF = 2.0  # other languages: keep the words this frequent and above
SAMPLE = 1 << 16


def cache_dir() -> str:
    return os.environ.get("MT_REPAIR_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "mt-repair")


def _pkg_dir(modname: str) -> str:
    import importlib.util

    spec = importlib.util.find_spec(modname)
    if spec is None or not spec.origin:
        raise MissingComponent(f"the Python package '{modname}' is not installed (pip install {modname})")
    return os.path.dirname(spec.origin)


def _wordfreq_file(lang: str) -> str:
    d = os.path.join(_pkg_dir("wordfreq"), "data")
    for size in ("large", "small"):
        p = os.path.join(d, f"{size}_{lang}.msgpack.gz")
        if os.path.exists(p):
            return p
    raise MissingComponent(f"wordfreq has no word list for '{lang}'")


def _sources() -> list[str]:
    sym = _pkg_dir("symspellpy")
    return [os.path.join(sym, "frequency_dictionary_en_82_765.txt"),
            os.path.join(sym, "frequency_bigramdictionary_en_243_342.txt"),
            *(_wordfreq_file(lang) for lang in LANGS)]


def index_key(sources: list[str]) -> str:
    """What the index is built from, by content: each file's size and a checksum (CRC-32 and
    Adler-32, see ``datacache._name``) of its first and last 64 KiB (never its path or mtime), with
    the languages and the foreign-word floor."""
    import zlib

    head = f"{LANGS}|{MIN_FOREIGN_ZIPF}".encode()
    crc, adler = zlib.crc32(head), zlib.adler32(head)
    for src in sources:
        with open(src, "rb") as f:
            size = os.fstat(f.fileno()).st_size
            parts = [f"{os.path.basename(src)}|{size}|".encode(), f.read(SAMPLE)]
            if size > 2 * SAMPLE:
                f.seek(size - SAMPLE)
                parts.append(f.read(SAMPLE))
        for part in parts:
            crc = zlib.crc32(part, crc)
            adler = zlib.adler32(part, adler)
    return f"{crc:08x}{adler:08x}"


def _zipf_rows(lang: str):
    """(lang, word, Zipf x 100) from wordfreq's own cBpack file: bucket ``i`` holds the words of
    frequency 10^(-i/100), Zipf 9 - i/100 (what ``get_frequency_dict`` computes, without the
    float round trip; a word listed twice keeps its last bucket, as there)."""
    wf = _need("wordfreq")
    words: dict[str, int] = {}
    for i, bucket in enumerate(wf.read_cBpack(_wordfreq_file(lang))):
        words.update(dict.fromkeys(bucket, 900 - i))
    floor = 0 if lang == "en" else int(MIN_FOREIGN_ZIPF * 100)
    return ((lang, w, z) for w, z in words.items() if z >= floor)


def _build_index(path: str, sources: list[str]) -> None:
    import sqlite3

    tmp = f"{path}.{os.getpid()}.tmp"
    if os.path.exists(tmp):
        os.unlink(tmp)
    con = sqlite3.connect(tmp)
    try:
        for pragma in ("journal_mode=OFF", "synchronous=OFF", "locking_mode=EXCLUSIVE", "cache_size=-200000"):
            con.execute(f"PRAGMA {pragma}")
        con.execute("CREATE TABLE uni (w TEXT PRIMARY KEY, c INTEGER) WITHOUT ROWID")
        con.execute("CREATE TABLE bi (k TEXT PRIMARY KEY, c INTEGER) WITHOUT ROWID")
        con.execute("CREATE TABLE zipf (lang TEXT, w TEXT, z INTEGER, PRIMARY KEY (lang, w)) WITHOUT ROWID")
        with open(sources[0], encoding="utf-8") as f:
            rows = (line.split() for line in f)
            con.executemany("INSERT OR REPLACE INTO uni VALUES (?, ?)",
                            ((r[0], int(r[1])) for r in rows if len(r) == 2))
        with open(sources[1], encoding="utf-8") as f:
            rows = (line.split() for line in f)
            con.executemany("INSERT OR REPLACE INTO bi VALUES (?, ?)",
                            ((r[0] + " " + r[1], int(r[2])) for r in rows if len(r) == 3))
        for lang in LANGS:
            con.executemany("INSERT OR REPLACE INTO zipf VALUES (?, ?, ?)", _zipf_rows(lang))
        con.commit()
    except BaseException:
        con.close()
        os.unlink(tmp)
        raise
    con.close()
    os.replace(tmp, path)


def _build_announced(path: str, sources: list[str]) -> None:
    import sys

    print(f"mt-repair: building the word-frequency index {path} (once for these data files; "
          f"a few seconds)", file=sys.stderr, flush=True)
    _build_index(path, sources)
    from .cachefiles import prune

    prune(os.path.dirname(path), path, "lexicon-v", CACHE_VERSION)


_CON = None


def _mark_used(path: str, stem: str, version: int) -> None:
    """Tell other installs sharing the cache folder that this index is in use (repair/cachefiles.py);
    one stat per process, the rest once a day."""
    import time

    try:
        if time.time() - os.stat(path).st_mtime < 86_400:
            return
    except OSError:
        return
    from .cachefiles import used

    used(path, stem, version)


def index_path(sources: list[str] | None = None) -> str:
    sources = _sources() if sources is None else sources
    return os.path.join(cache_dir(), f"lexicon-v{CACHE_VERSION}-{index_key(sources)}.sqlite")


def _db():
    """The read-only connection to the evidence index (built on first use)."""
    global _CON
    if _CON is None:
        import sqlite3

        sources = _sources()
        path = index_path(sources)
        if not os.path.exists(path):
            try:
                os.makedirs(cache_dir(), exist_ok=True)
                _build_announced(path, sources)
            except OSError:  # no writable cache folder: a private one for this user
                import tempfile

                path = os.path.join(tempfile.gettempdir(), f"mt-repair-{os.getuid()}-{os.path.basename(path)}")
                if not os.path.exists(path):
                    _build_announced(path, sources)
        _CON = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        _mark_used(path, "lexicon-v", CACHE_VERSION)
    return _CON


_EV = None  # the current repair.evidence.Evidence (set by evidence.set_evidence; None: the default)


def _ev():
    global _EV
    if _EV is None:
        from .evidence import current

        _EV = current()
    return _EV


# every answer is kept in memory (a dict per table, emptied when it reaches CACHE_MAX entries);
# :func:`prefetch` fills them for many keys in a few queries
CACHE_MAX = 500_000
_Z: dict = {}    # (word, lang) -> Zipf
_U: dict = {}    # word as asked -> count
_B: dict = {}    # (a, b) lowercase -> count


def _zipf(word: str, lang: str) -> float:
    k = (word, lang)
    v = _Z.get(k)
    if v is None:
        if len(_Z) >= CACHE_MAX:
            _Z.clear()
        v = _Z[k] = _ev().zipf(word, lang)
    return v


def zipf(word: str, lang: str = "en") -> float:
    """Zipf frequency (0..8) of a lowercased word; 0 for unknown words (for languages
    other than English, also for words rarer than MIN_FOREIGN_ZIPF)."""
    return _zipf(word.lower().replace("’", "'"), lang)


_WF: dict = {}    # word -> wordfreq's English Zipf (wordfreq_zipf)
_LOWER_ASCII = __import__("re").compile("[a-z]+")


def wordfreq_zipf(word: str, lang: str = "en") -> float:
    """``wordfreq.zipf_frequency(word, lang)`` itself, whatever the current evidence (a caller
    that asks wordfreq, not the facade), without importing wordfreq (langcodes, ftfy: ~70 ms of
    a cold start) where ``word`` is English lowercase ASCII letters: wordfreq reads such a word
    as one token, and the index holds its Zipf from the same installed list (all 289,023 such
    words of the English list give the same value; an unlisted one is 0 in both).  Any other
    word or language is asked of wordfreq."""
    if lang != "en" or not _LOWER_ASCII.fullmatch(word):
        from wordfreq import zipf_frequency

        return zipf_frequency(word, lang)
    v = _WF.get(word)
    if v is None:
        row = _db().execute("SELECT z FROM zipf WHERE lang = 'en' AND w = ?", (word,)).fetchone()
        v = _WF[word] = row[0] / 100 if row else 0.0
    return v


def unigram(word: str) -> int:
    v = _U.get(word)
    if v is None:
        if len(_U) >= CACHE_MAX:
            _U.clear()
        v = _U[word] = _ev().unigram(word.lower())
    return v


def _bigram(a: str, b: str) -> int:
    k = (a, b)
    v = _B.get(k)
    if v is None:
        if len(_B) >= CACHE_MAX:
            _B.clear()
        v = _B[k] = _ev().bigram(a, b)
    return v


def bigram(a: str, b: str) -> int:
    """Count of the English bigram (a, b) in symspellpy's list (0 if absent; the list
    holds only bigrams seen at least 6.4 million times)."""
    return _bigram(a.lower(), b.lower())


def prefetch(words=(), pairs=(), langs=("en",), lowered: bool = False) -> None:
    """Fill the memory caches for many keys at once (what a document is about to ask:
    ``words`` for ``unigram`` and ``zipf`` in ``langs``, ``pairs`` for ``bigram``), where the
    evidence answers in bulk (the SQLite index: one query per few hundred keys instead of one
    per key).  The answers are those the single lookups give; nothing else changes.
    ``lowered``: the caller's words and pairs are lowercase already (not lowercased again)."""
    ev = _ev()
    if not hasattr(ev, "many"):
        return
    words = words if isinstance(words, (set, frozenset)) else set(words)
    new = [w for w in words if w not in _U]
    if new and len(_U) + len(new) < CACHE_MAX:
        if lowered:
            got = ev.many("unigram", new)
            for w in new:
                _U[w] = got.get(w, 0)
        else:
            got = ev.many("unigram", [w.lower() for w in new])
            for w in new:
                _U[w] = got.get(w.lower(), 0)
    if not langs:
        keys = ()
    elif lowered:
        keys = {w.replace("’", "'") for w in words} if any("’" in w for w in words) else words
    else:
        keys = {w.lower().replace("’", "'") for w in words}
    for lang in langs:
        new = [w for w in keys if (w, lang) not in _Z]
        if new and len(_Z) + len(new) < CACHE_MAX:
            got = ev.many("zipf:" + lang, new)
            for w in new:
                _Z[(w, lang)] = got.get(w, 0.0)
    keys = (pairs if isinstance(pairs, (set, frozenset)) else set(pairs)) if lowered else \
        {(a.lower(), b.lower()) for a, b in pairs}
    new = [k for k in keys if k not in _B]
    if new and len(_B) + len(new) < CACHE_MAX:
        got = ev.many("bigram", new)
        for k in new:
            _B[k] = got.get(k, 0)


@lru_cache(maxsize=50_000)
def words_with_prefix(prefix: str) -> tuple[str, ...]:
    """symspellpy's dictionary words that start with ``prefix`` (lowercase)."""
    return _ev().words_with_prefix(prefix)


def is_word(word: str, min_zipf: float = 2.5) -> bool:
    """A known English word (wordfreq Zipf >= min_zipf, or in symspell's dictionary)."""
    w = word.lower()
    return zipf(w) >= min_zipf or unigram(w) > 0 and zipf(w) >= 1.5


@lru_cache(maxsize=4096)
def split(word: str) -> list[str]:
    """Best split of a run-together lowercase string into English words (wordninja's model and
    algorithm).  ``import wordninja`` builds a dict of its 126,000 words on import (a third of
    a second); here the words are read once, sorted, from the parsed-data cache
    (``repair.datacache``) and looked up by bisection, with the same costs and the same
    dynamic programme, so the splits are wordninja's own."""
    words, costs, maxword = _ninja()
    out: list[str] = []
    for chunk in _NINJA_SPLIT.split(word):
        out.extend(_ninja_split(chunk, words, costs, maxword))
    return out


_NINJA = None
_NINJA_RANGES = None
_NINJA_SPLIT = __import__("re").compile("[^a-zA-Z0-9']+")   # wordninja's _SPLIT_RE


def _ninja():
    """(the words of wordninja's model, sorted; the cost of each; the longest word's length)."""
    global _NINJA, _NINJA_RANGES
    if _NINJA is None:
        path = os.path.join(_pkg_dir("wordninja"), "wordninja", "wordninja_words.txt.gz")
        try:
            with open(path, "rb") as f:
                raw = f.read()
        except OSError as exc:
            raise MissingComponent(f"wordninja's word list cannot be read: {exc}") from None
        from .datacache import cached

        blob, offs, costs, maxword, ranges = cached("wordninja-blob-v2", raw, lambda: _ninja_blob(*_ninja_model(raw)))
        from array import array

        o, c = array("I"), array("d")
        o.frombytes(offs)
        c.frombytes(costs)
        _NINJA_RANGES = ranges
        _NINJA = (_Words(blob, o), c, maxword)
    return _NINJA


class _Words:
    """The model's sorted words as one string and the offset of each (a sequence for
    ``bisect``): reading 126,000 strings into a tuple costs more than the few lookups a run makes."""

    __slots__ = ("blob", "offs", "n")

    def __init__(self, blob: str, offs):
        self.blob, self.offs, self.n = blob, offs, len(offs) - 1

    def __len__(self) -> int:
        return self.n

    def __getitem__(self, j: int) -> str:
        if not 0 <= j < self.n:
            raise IndexError(j)
        o = self.offs
        return self.blob[o[j]:o[j + 1] - 1]


def _ninja_blob(words: list, costs: list, maxword: int) -> tuple[str, bytes, bytes, int, dict]:
    """The model as marshal-fast data: the words joined (each followed by a line break), the
    offset of each word and the end (``array('I')`` bytes), the costs (``array('d')``, the same
    doubles), and the range of the sorted words that start with each first two characters (the
    whole word where it has fewer: contiguous in sorted order), where a lookup bisects."""
    from array import array

    offs, pos = array("I"), 0
    ranges: dict = {}
    for j, w in enumerate(words):
        offs.append(pos)
        pos += len(w) + 1
        lo, _hi = ranges.get(w[:2], (j, j))
        ranges[w[:2]] = (lo, j + 1)
    offs.append(pos)
    if any(words[j] >= words[j + 1] for j in range(len(words) - 1)) or \
            sum(hi - lo for lo, hi in ranges.values()) != len(words):
        ranges = None   # (not sorted and unique: every lookup bisects the whole list)
    return "".join(w + "\n" for w in words), offs.tobytes(), array("d", costs).tobytes(), maxword, ranges


def _ninja_model(raw: bytes) -> tuple[list, list, int]:
    """wordninja's LanguageModel: cost = log((rank + 1) * log(N)) by Zipf's law (a word listed
    twice keeps its last rank, as in its dict)."""
    import gzip
    from math import log

    words = gzip.decompress(raw).decode().split()
    cost = {k: log((i + 1) * log(len(words))) for i, k in enumerate(words)}
    keys = sorted(cost)
    return keys, [cost[k] for k in keys], max(len(x) for x in words)


def _ninja_split(s: str, words: tuple, costs: tuple, maxword: int):
    """wordninja's ``LanguageModel._split`` (MIT licence; from http://stackoverflow.com/a/11642687
    with Genesys's changes for apostrophes and digits), with the dict lookup as a bisection."""
    from bisect import bisect_left

    n = len(words)
    ranges = _NINJA_RANGES if _NINJA is not None and words is _NINJA[0] else None
    memo: dict = {}

    def wordcost(w: str) -> float:
        # (the bisection within the words that start as ``w`` does, found in the sorted list's
        # ranges of each first two characters: the same answer as over the whole list)
        c = memo.get(w)
        if c is None:
            r = ranges.get(w[:2]) if ranges is not None else (0, n)
            if r is None:
                c = 9e999
            else:
                j = bisect_left(words, w, r[0], r[1])
                c = costs[j] if j < r[1] and words[j] == w else 9e999
            memo[w] = c
        return c

    def best_match(i):
        candidates = enumerate(reversed(cost[max(0, i - maxword):i]))
        return min((c + wordcost(s[i - k - 1:i].lower()), k + 1) for k, c in candidates)

    cost = [0]
    for i in range(1, len(s) + 1):
        c, k = best_match(i)
        cost.append(c)
    out: list[str] = []
    i = len(s)
    while i > 0:
        c, k = best_match(i)
        assert c == cost[i]
        new_token = True
        if not s[i - k:i] == "'":  # ignore a lone apostrophe
            if len(out) > 0:
                # re-attach split 's and split digits
                if out[-1] == "'s" or (s[i - 1].isdigit() and out[-1][0].isdigit()):
                    out[-1] = s[i - k:i] + out[-1]
                    new_token = False
        if new_token:
            out.append(s[i - k:i])
        i -= k
    return reversed(out)


def clear_caches() -> None:
    """Forget every cached answer (when the evidence changes: ``repair.evidence.set_evidence``)."""
    for d in (_Z, _U, _B):
        d.clear()
    words_with_prefix.cache_clear()
