"""Keeping the cache folder small without two installs undoing each other's work.

The cache folder holds files derived from installed data: the evidence index
(``lexicon-v<format>-<key>.sqlite``), the accents index built from it
(``accents-v<format>-lexicon-v<format>-<key>-...sqlite``) and unpacked model archives.  Several
installs (virtual environments, two versions of mt-repair) may share the folder, so a file is
removed only when no install can still want it:

* a temporary file of a build whose process no longer runs;
* an index of an *older* format than this code's (a newer format belongs to a newer install:
  it is left alone, so two versions never take turns deleting and rebuilding each other's index);
* an index of this format built from other data (another wordfreq, say) that no process has used
  for ``IDLE_DAYS`` days: every process that opens an index marks it as used, at most once a day,
  and that mark is also when the folder is pruned;
* a file derived from an index that is gone (its name holds the index's name).
"""

from __future__ import annotations

import os
import re
import time

from .io import process_alive

IDLE_DAYS = 30
MARK_EVERY = 86_400     # seconds between two "used" marks of the same file
_TMP = re.compile(r"\.(\d+)\.tmp$|\.tmp(\d+)$")


def dead_temp(name: str) -> bool:
    """Whether ``name`` is a temporary file or folder (``NAME.<pid>.tmp`` or ``NAME.tmp<pid>``)
    of a process that no longer runs."""
    m = _TMP.search(name)
    if not m:
        return False
    return not process_alive(int(m.group(1) or m.group(2)))


def is_temp(name: str) -> bool:
    return _TMP.search(name) is not None


def mark_used(path: str, now: float | None = None) -> bool:
    """Record that ``path`` is in use (its mtime), at most once every ``MARK_EVERY`` seconds.
    Returns whether it marked (the caller may prune the folder then)."""
    now = time.time() if now is None else now
    try:
        if now - os.stat(path).st_mtime < MARK_EVERY:
            return False
        os.utime(path, (now, now))
    except OSError:
        return False
    return True


def _remove(path: str) -> bool:
    try:
        os.unlink(path)
    except OSError:
        return False
    return True


def prune(folder: str, keep: str, stem: str, version: int, *, idle_days: float = IDLE_DAYS,
          now: float | None = None) -> list[str]:
    """Remove from ``folder`` what the rules of this module say no install wants, among the files
    named ``<stem><version>-...sqlite`` (and their temporary files), with ``keep`` the one this
    process uses.  Files derived from a removed index go with it.  Returns the names removed."""
    now = time.time() if now is None else now
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    head = re.compile(re.escape(stem) + r"(\d+)-")
    keep_name = os.path.basename(keep)
    gone: list[str] = []
    for n in names:
        if n == keep_name or not n.startswith(stem):
            continue
        p = os.path.join(folder, n)
        if is_temp(n):
            if dead_temp(n) and _remove(p):
                gone.append(n)
            continue
        m = head.match(n)
        if not m or not n.endswith(".sqlite"):
            continue
        v = int(m.group(1))
        if v > version:
            continue                      # a newer install's index
        if v == version:
            try:
                idle = now - os.stat(p).st_mtime
            except OSError:
                continue
            if idle < idle_days * 86_400:
                continue                  # another install with other data uses it
        if _remove(p):
            gone.append(n)
    present = set(names) - set(gone)
    derived = re.compile("-(" + re.escape(stem) + r"\d+-[0-9a-f]+)-")
    for n in sorted(present):
        m = derived.search(n)
        if n != keep_name and m and n.endswith(".sqlite") and m.group(1) + ".sqlite" not in present:
            if _remove(os.path.join(folder, n)):
                gone.append(n)
    return gone


def used(path: str, stem: str, version: int) -> None:
    """Mark the index ``path`` as used; on the first use of the day, prune its folder."""
    if mark_used(path):
        prune(os.path.dirname(path), path, stem, version)
