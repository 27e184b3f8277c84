"""Reading inputs and writing repaired files (the library side of ``fix``, ``review`` and ``eval``).

- :func:`read_input` reads a file (or stdin for ``-``) as UTF-8 with its line endings kept, and
  remembers what was read (size, time, inode, a hash) so that a later write can check that the file
  did not change in between.  Anything that is not a regular file (a FIFO, a device, a folder) is
  refused, stdin aside.
- :func:`write_atomic` writes a repaired file: through a symbolic link to its target (the link
  stays), into a temporary file beside the target, with the target's mode (and owner, where
  permitted), renamed over the target only if the target is still what was read.

Every failure is an exception whose text is one line naming the file (the CLI prints it, exit 2).
"""

from __future__ import annotations

import os
import stat
import sys
from dataclasses import dataclass

TEMP_PREFIX = ".mt-repair-"


class UsageError(Exception):
    """A problem with what the user asked for or gave (one line; exit 2)."""


class WriteError(UsageError):
    """A repaired file could not be written (one line; the file is left as it was)."""


@dataclass(frozen=True)
class Input:
    path: str               # as given; "-" for stdin
    text: str
    size: int = -1          # what was read, for the check before a write (-1: stdin)
    mtime_ns: int = 0
    inode: tuple[int, int] = (0, 0)
    digest: str = ""

    @property
    def name(self) -> str:
        return "<stdin>" if self.path == "-" else self.path


def _digest(data: bytes) -> str:
    try:  # hashlib's own BLAKE2 (importing hashlib itself loads OpenSSL and every other hash)
        from _blake2 import blake2b
    except ImportError:  # pragma: no cover - a Python built without it
        from hashlib import blake2b
    return blake2b(data, digest_size=16).hexdigest()


def _decode(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8")  # line endings exactly as they are
    except UnicodeDecodeError as exc:
        raise UsageError(f"{name}: not UTF-8 text (byte {exc.start})") from None


def read_input(path: str) -> Input:
    """Read one input; ``-`` is stdin.  Raises :class:`UsageError` (one line) on failure."""
    if path == "-":
        return Input("-", _decode(sys.stdin.buffer.read(), "<stdin>"))
    try:
        st = os.stat(path)
    except OSError as exc:
        raise UsageError(f"{path}: cannot read: {exc.strerror}") from None
    if stat.S_ISDIR(st.st_mode):
        raise UsageError(f"{path}: is a directory")
    if not stat.S_ISREG(st.st_mode):
        what = "a FIFO" if stat.S_ISFIFO(st.st_mode) else "a socket" if stat.S_ISSOCK(st.st_mode) \
            else "a device" if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode) else "not a regular file"
        raise UsageError(f"{path}: {what}, not a regular file (use '-' to read stdin)")
    try:
        with open(path, "rb") as f:
            st = os.fstat(f.fileno())
            data = f.read()
    except OSError as exc:
        raise UsageError(f"{path}: cannot read: {exc.strerror}") from None
    return Input(path, _decode(data, path), len(data), st.st_mtime_ns, (st.st_dev, st.st_ino), _digest(data))


def read_text(path: str) -> str:
    return read_input(path).text


def _unchanged(target: str, read: Input) -> bool:
    try:
        st = os.stat(target)
    except OSError:
        return False
    if (st.st_dev, st.st_ino) != read.inode:
        return False
    if st.st_size == read.size and st.st_mtime_ns == read.mtime_ns:
        return True
    if st.st_size != read.size:
        return False
    try:  # same size, another time: compare the bytes
        with open(target, "rb") as f:
            return _digest(f.read()) == read.digest
    except OSError:
        return False


def write_atomic(path: str, text: str, read: Input | None = None) -> None:
    """Write ``text`` to ``path`` atomically (a symbolic link: to its target, the link kept).
    With ``read`` (the :class:`Input` the text came from), refuse to replace a file that changed
    since it was read.  Raises :class:`WriteError` (one line); no temporary file is left."""
    import tempfile

    target = os.path.realpath(path)
    folder = os.path.dirname(target)
    data = text.encode("utf-8")
    tmp = None
    try:
        try:
            st = os.stat(target)
        except FileNotFoundError:
            st = None
        fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX, dir=folder)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        if st is not None:
            os.chmod(tmp, stat.S_IMODE(st.st_mode))
            if hasattr(os, "chown") and (st.st_uid != os.getuid() or st.st_gid != os.getgid()):
                try:
                    os.chown(tmp, st.st_uid, st.st_gid)
                except OSError:
                    pass  # not permitted: the file now belongs to whoever ran the repair
        if read is not None and read.size >= 0 and not _unchanged(target, read):
            raise WriteError(f"{path}: changed since it was read; not written (run again)")
        os.replace(tmp, target)
        tmp = None
    except OSError as exc:
        raise WriteError(f"{path}: cannot write: {exc.strerror or exc}") from None
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def process_alive(pid: int) -> bool:
    """Whether process ``pid`` still runs (for removing what a dead build or extraction left)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True
