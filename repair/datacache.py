"""Parsed data files kept beside the lexicon index, keyed by their content (a start-up cache).

Parsing the YAML of the rule packs, the language data and the learned rules takes a few
hundred milliseconds per process, which a command-line tool cannot pay on every run.  The
first process that parses a file keeps what it parsed as ``marshal`` data in
``<cache>/parsed-v1/`` (the folder of :func:`repair.lexicon.cache_dir`), named by a hash of
the file's text and the Python version; a later process with the same text reads that instead
of parsing.  A changed file has another hash, so it is parsed again: the cache never answers
for a text it was not made from.  Only what the parser returned without error is kept (a file
with YAML aliases is refused every time), and a value ``marshal`` cannot hold (a YAML date) is
simply not kept.  An unwritable or damaged cache is ignored.
"""

from __future__ import annotations

import marshal
import os
import sys
import zlib

FOLDER = "parsed-v1"
KEEP = 3000         # entries beyond this many (the oldest first) are removed when one is added


_FOLDERS: dict = {}


def _folder() -> str:
    # (lexicon.cache_dir of the same environment, worked out once per value of the variables it reads:
    # a cold start asks for a few hundred entries)
    env = os.environ
    key = (env.get("MT_REPAIR_CACHE"), env.get("XDG_CACHE_HOME"), env.get("HOME"))
    got = _FOLDERS.get(key)
    if got is None:
        from .lexicon import cache_dir

        got = _FOLDERS[key] = os.path.join(cache_dir(), FOLDER)
    return got


_HEADS: dict = {}


def _name(kind: str, text: str | bytes) -> str:
    """The entry's file name: the kind, the Python and marshal versions, and the content's length
    with its CRC-32 and Adler-32 (64 bits of checksum beside the length).  A cold ``fix`` names
    about 5 MB of data files this way: the two checksums take 2 ms of it, SHA-1 6 ms after the
    7 ms that importing ``hashlib`` (OpenSSL) costs, Python's own SHA-1 50 ms."""
    head = _HEADS.get(kind)
    if head is None:
        head = _HEADS[kind] = f"{kind}|{sys.version_info[:2]}|{marshal.version}|"
    data = text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass")
    sums = f"{len(data):x}-{zlib.crc32(data):08x}{zlib.adler32(data):08x}"
    return f"{zlib.crc32(head.encode()):08x}-{sums}.marshal"   # (the kind and versions: their CRC)


def cached(kind: str, text: str | bytes, parse):
    """``parse()`` for the data file whose content is ``text`` (``kind`` names the parser and
    what it makes of the file; the content as text or bytes), or what an earlier call with the
    same content kept."""
    path = os.path.join(_folder(), _name(kind, text))
    try:
        with open(path, "rb", buffering=0) as f:
            return marshal.loads(f.read())
    except (OSError, EOFError, ValueError, TypeError):
        pass
    data = parse()
    try:
        blob = marshal.dumps(data)
    except ValueError:  # a value marshal cannot hold: parse this file every time
        return data
    _store(path, blob)
    return data


def _store(path: str, blob: bytes) -> None:
    folder = os.path.dirname(path)
    tmp = f"{path}.{os.getpid()}.tmp"
    try:
        os.makedirs(folder, exist_ok=True)
        with open(tmp, "wb") as f:
            f.write(blob)
        os.replace(tmp, path)
    except OSError:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        return
    _prune(folder)


def _prune(folder: str) -> None:
    try:
        names = [n for n in os.listdir(folder) if n.endswith(".marshal")]
        if len(names) <= KEEP:
            return
        by_age = sorted(names, key=lambda n: os.stat(os.path.join(folder, n)).st_mtime)
        for n in by_age[: len(names) - KEEP]:
            os.unlink(os.path.join(folder, n))
    except OSError:
        pass


def known(kind: str, text: str | bytes) -> bool:
    """Whether :func:`remember` was called for this content (e.g. a rule pack whose patterns
    were all compiled and checked once)."""
    return os.path.exists(os.path.join(_folder(), _name(kind, text)))


def remember(kind: str, text: str | bytes) -> None:
    _store(os.path.join(_folder(), _name(kind, text)), marshal.dumps(True))
