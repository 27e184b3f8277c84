"""Finding and loading translation models: CTranslate2 + SentencePiece.

Two layouts are understood, and nothing is ever downloaded:

- an Argos Translate package: a folder with ``metadata.json``, ``model/`` (a CTranslate2
  model) and ``sentencepiece.model``; or the same zipped as a ``.argosmodel`` file (one
  top-level folder inside), which is extracted safely into a cache folder.  Installed
  packages are looked for where Argos Translate keeps them: ``$ARGOS_PACKAGES_DIR``, else
  ``$XDG_DATA_HOME/argos-translate/packages`` (``~/.local/share/argos-translate/packages``);
- a folder converted from OPUS-MT/Marian: the CTranslate2 files (``model.bin``,
  ``config.json``, vocabularies) with ``source.spm`` and ``target.spm``.

A model is chosen by ``--model`` (a path, or ``es-en`` for an installed package),
else ``$MT_REPAIR_MODEL``.  Any problem raises :class:`ModelError` with a one-line message.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
import zipfile
import zlib
from dataclasses import dataclass, field
from ..cachefiles import dead_temp, is_temp

ENV_MODEL = "MT_REPAIR_MODEL"
ENV_CACHE = "MT_REPAIR_CACHE"
MAX_ARCHIVE_BYTES = 4 * 1024 ** 3   # uncompressed size limit of a .argosmodel
MAX_ARCHIVE_FILES = 10_000
ENV_MAX_BYTES = "MT_REPAIR_MAX_MODEL_BYTES"
MAX_RATIO = 100                      # a member that claims to expand more than this is a zip bomb
MIN_RATIO_CHECK = 1 << 20            # ... when it is over 1 MiB (small files compress well)
SOURCE_FILE = ".source"              # in an extraction: the archive path it came from


class ModelError(Exception):
    """A missing, broken or unusable model (reported as one line, exit 2)."""


@dataclass
class ModelInfo:
    path: str                 # what the user gave (folder or archive)
    kind: str                 # "argos" | "opus-mt"
    ct2_dir: str
    src_spm: str
    tgt_spm: str
    src_lang: str | None = None
    tgt_lang: str | None = None
    name: str = ""
    extra: dict = field(default_factory=dict)

    def describe(self) -> str:
        pair = f"{self.src_lang or '?'}-{self.tgt_lang or '?'}"
        return f"{pair}\t{self.kind}\t{self.path}"


def argos_package_dirs() -> list[str]:
    dirs = []
    if os.environ.get("ARGOS_PACKAGES_DIR"):
        dirs.append(os.environ["ARGOS_PACKAGES_DIR"])
    data = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    dirs.append(os.path.join(data, "argos-translate", "packages"))
    # snap and system-wide installs
    dirs.append(os.path.join(os.path.expanduser("~"), "snap", "argos-translate", "common", "packages"))
    out = []
    for d in dirs:
        if d not in out:
            out.append(d)
    return out


def cache_dir() -> str:
    if os.environ.get(ENV_CACHE):
        return os.environ[ENV_CACHE]
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "mt-repair", "models")


def _is_ct2_dir(d: str) -> bool:
    return os.path.isfile(os.path.join(d, "model.bin"))


def _load_argos_dir(d: str, shown: str) -> ModelInfo:
    meta_path = os.path.join(d, "metadata.json")
    try:
        with open(meta_path, encoding="utf-8") as f:
            meta = json.load(f)
    except OSError:
        raise ModelError(f"{shown}: not an Argos Translate package (no metadata.json)") from None
    except ValueError as exc:
        raise ModelError(f"{shown}: metadata.json is not valid JSON ({exc.msg})") from None
    if not isinstance(meta, dict):
        raise ModelError(f"{shown}: metadata.json is not an object")
    ct2 = os.path.join(d, "model")
    if not _is_ct2_dir(ct2):
        raise ModelError(f"{shown}: no CTranslate2 model (model/model.bin missing)")
    spm = os.path.join(d, "sentencepiece.model")
    if not os.path.isfile(spm):
        raise ModelError(f"{shown}: no sentencepiece.model")
    return ModelInfo(path=shown, kind="argos", ct2_dir=ct2, src_spm=spm, tgt_spm=spm,
                     src_lang=meta.get("from_code"), tgt_lang=meta.get("to_code"),
                     name=os.path.basename(os.path.normpath(d)), extra=meta)


def _load_opus_dir(d: str, shown: str) -> ModelInfo:
    src = os.path.join(d, "source.spm")
    tgt = os.path.join(d, "target.spm")
    if not os.path.isfile(src) or not os.path.isfile(tgt):
        raise ModelError(f"{shown}: an OPUS-MT folder needs source.spm and target.spm")
    src_lang = tgt_lang = None
    name = os.path.basename(os.path.normpath(d))
    # opus-mt-es-en, ct2-opus-mt-es-en ...
    parts = name.split("-")
    if len(parts) >= 2 and len(parts[-1]) in (2, 3) and len(parts[-2]) in (2, 3):
        src_lang, tgt_lang = parts[-2], parts[-1]
    return ModelInfo(path=shown, kind="opus-mt", ct2_dir=d, src_spm=src, tgt_spm=tgt,
                     src_lang=src_lang, tgt_lang=tgt_lang, name=name)


def max_archive_bytes() -> int:
    """The uncompressed size limit of a model archive (``$MT_REPAIR_MAX_MODEL_BYTES`` lowers it)."""
    try:
        return int(os.environ.get(ENV_MAX_BYTES) or MAX_ARCHIVE_BYTES)
    except ValueError:
        return MAX_ARCHIVE_BYTES


def _zip_error(archive: str, exc: BaseException) -> ModelError:
    msg = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return ModelError(f"{archive}: broken zip archive ({msg})")


def _open_zip(archive: str) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(archive)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as exc:
        raise ModelError(f"{archive}: not a readable zip archive ({exc})") from None


def check_members(z: zipfile.ZipFile, archive: str, max_bytes: int | None = None,
                  max_files: int = MAX_ARCHIVE_FILES) -> list[zipfile.ZipInfo]:
    """Refuse an archive from its directory alone, before anything is written: too many
    members, unsafe paths (absolute, ``..``), links and special files, a declared total over
    ``max_bytes``, a member that claims to expand more than ``MAX_RATIO`` times (a zip bomb).
    Members without file-type bits (what ``zipfile.writestr`` and non-Unix tools write) are
    plain files, or folders where the name ends with ``/``."""
    max_bytes = max_archive_bytes() if max_bytes is None else max_bytes
    infos = z.infolist()
    if len(infos) > max_files:
        raise ModelError(f"{archive}: too many files in the archive ({len(infos)})")
    total = 0
    for info in infos:
        name = info.filename.replace("\\", "/")
        if name.startswith("/") or (len(name) > 1 and name[1] == ":") or ".." in name.split("/") \
                or "\0" in name:
            raise ModelError(f"{archive}: unsafe path in archive: {info.filename!r}")
        mode = info.external_attr >> 16 if info.create_system == 3 else 0
        ftype = stat.S_IFMT(mode)
        if ftype and ftype not in (stat.S_IFREG, stat.S_IFDIR):
            raise ModelError(f"{archive}: link or special file in archive: {info.filename!r}")
        total += info.file_size
        if info.file_size > MIN_RATIO_CHECK and info.file_size > MAX_RATIO * max(1, info.compress_size):
            raise ModelError(f"{archive}: {info.filename!r} would expand {info.file_size // max(1, info.compress_size)}"
                             f" times (a zip bomb, not a model)")
    if total > max_bytes:
        raise ModelError(f"{archive}: archive too large when extracted ({total} bytes; limit {max_bytes})")
    return infos


def _package_prefix(infos: list[zipfile.ZipInfo], archive: str) -> str:
    """The folder inside the archive that holds the Argos package ('' or 'name/'); the archive
    is refused before extraction when it holds no package."""
    names = {i.filename.replace("\\", "/") for i in infos}
    metas = sorted(n[: -len("metadata.json")] for n in names
                   if n == "metadata.json" or (n.endswith("/metadata.json") and n.count("/") == 1))
    if len(metas) != 1:
        raise ModelError(f"{archive}: not an Argos Translate package (no metadata.json inside)"
                         if not metas else f"{archive}: more than one package inside ({len(metas)})")
    pre = metas[0]
    if pre + "model/model.bin" not in names:
        raise ModelError(f"{archive}: no CTranslate2 model (model/model.bin missing)")
    if pre + "sentencepiece.model" not in names:
        raise ModelError(f"{archive}: no sentencepiece.model")
    return pre


def safe_extract(archive: str, target: str, max_bytes: int | None = None,
                 max_files: int = MAX_ARCHIVE_FILES) -> None:
    """Extract a zip into ``target``: the members are checked first (:func:`check_members`),
    then each is streamed with a running size limit (declared sizes can lie) and its CRC
    checked.  On any error what was written is left for the caller to remove."""
    max_bytes = max_archive_bytes() if max_bytes is None else max_bytes
    z = _open_zip(archive)
    root = os.path.realpath(target)
    with z:
        infos = check_members(z, archive, max_bytes, max_files)
        declared = sum(i.file_size for i in infos)
        os.makedirs(root, exist_ok=True)
        try:
            free = shutil.disk_usage(root).free
        except OSError:
            free = None
        if free is not None and declared > free:
            raise ModelError(f"{archive}: not enough disk space to extract ({declared} bytes needed, {free} free)")
        written = 0
        for info in infos:
            name = info.filename.replace("\\", "/")
            dest = os.path.realpath(os.path.join(root, name))
            if dest != root and not dest.startswith(root + os.sep):
                raise ModelError(f"{archive}: unsafe path in archive: {info.filename!r}")
            if info.is_dir() or name.endswith("/"):
                os.makedirs(dest, exist_ok=True)
                continue
            os.makedirs(os.path.dirname(dest), exist_ok=True)
            try:
                with z.open(info) as src, open(dest, "wb") as out:
                    while True:
                        chunk = src.read(1 << 20)
                        if not chunk:
                            break
                        written += len(chunk)
                        if written > max_bytes:
                            raise ModelError(f"{archive}: archive too large when extracted (limit {max_bytes} bytes)")
                        out.write(chunk)
            except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError) as exc:
                raise _zip_error(archive, exc) from None


def _content_key(path: str) -> str:
    """The cache key of an archive: a hash of its content (a new mtime is the same model)."""
    h = hashlib.sha256()
    try:
        with open(path, "rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                h.update(chunk)
    except OSError as exc:
        raise ModelError(f"{path}: cannot read: {exc.strerror or exc}") from None
    return h.hexdigest()[:24]


def _remove_stale(base: str, keep: str, source: str) -> None:
    """Remove earlier extractions of the same archive path (its content changed since) and
    temporary folders left by processes that no longer run."""
    try:
        names = os.listdir(base)
    except OSError:
        return
    for n in names:
        p = os.path.join(base, n)
        if p == keep or not os.path.isdir(p):
            continue
        if is_temp(n):
            if dead_temp(n):
                shutil.rmtree(p, ignore_errors=True)
            continue
        try:
            with open(os.path.join(p, SOURCE_FILE), encoding="utf-8") as f:
                if f.read() == source:
                    shutil.rmtree(p, ignore_errors=True)
        except OSError:
            continue


def _extract_argosmodel(path: str) -> str:
    z = _open_zip(path)
    with z:
        prefix = _package_prefix(check_members(z, path), path)
    base = cache_dir()
    dest = os.path.join(base, _content_key(path))
    done = os.path.join(dest, ".complete")
    pkg = os.path.join(dest, prefix) if prefix else dest
    if not os.path.exists(done):
        tmp = dest + f".tmp{os.getpid()}"
        shutil.rmtree(tmp, ignore_errors=True)
        try:
            safe_extract(path, tmp)
            # a package that will not load is not kept
            _load_argos_dir(os.path.join(tmp, prefix) if prefix else tmp, path)
            if os.path.exists(dest):
                shutil.rmtree(dest, ignore_errors=True)
            with open(os.path.join(tmp, SOURCE_FILE), "w", encoding="utf-8") as f:
                f.write(os.path.realpath(path))
            with open(os.path.join(tmp, ".complete"), "w"):
                pass
            os.replace(tmp, dest)
        except OSError as exc:
            shutil.rmtree(tmp, ignore_errors=True)
            raise ModelError(f"{path}: cannot extract: {exc.strerror or exc}") from None
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        _remove_stale(base, dest, os.path.realpath(path))
    return pkg.rstrip("/") if prefix else pkg


def inspect_archive(path: str) -> ModelInfo:
    """What a model archive holds, read from the archive itself (nothing is extracted): for
    listing.  Its members and every CRC are checked; ``ct2_dir`` and the SentencePiece paths
    are left empty."""
    z = _open_zip(path)
    with z:
        prefix = _package_prefix(check_members(z, path), path)
        try:
            bad = z.testzip()
            raw = z.read(prefix + "metadata.json")
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError, OSError) as exc:
            raise _zip_error(path, exc) from None
        if bad is not None:
            raise ModelError(f"{path}: broken zip archive (bad CRC-32 for {bad!r})")
    try:
        meta = json.loads(raw.decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise ModelError(f"{path}: metadata.json is not valid JSON ({exc})") from None
    if not isinstance(meta, dict):
        raise ModelError(f"{path}: metadata.json is not an object")
    return ModelInfo(path=path, kind="argos", ct2_dir="", src_spm="", tgt_spm="",
                     src_lang=meta.get("from_code"), tgt_lang=meta.get("to_code"),
                     name=prefix.rstrip("/") or os.path.splitext(os.path.basename(path))[0], extra=meta)


def _is_archive(path: str) -> bool:
    return path.endswith((".argosmodel", ".zip")) or zipfile.is_zipfile(path)


def inspect(path: str) -> ModelInfo:
    """What is at ``path``: an Argos package (folder or .argosmodel) or an OPUS-MT folder."""
    shown = path
    if not os.path.exists(path):
        raise ModelError(f"{path}: no such model (give a folder, a .argosmodel file or an installed pair like es-en)")
    if os.path.isfile(path):
        if _is_archive(path):
            return _load_argos_dir(_extract_argosmodel(path), shown)
        raise ModelError(f"{path}: not a model (expected a folder or a .argosmodel archive)")
    if os.path.isfile(os.path.join(path, "metadata.json")):
        return _load_argos_dir(path, shown)
    if _is_ct2_dir(path):
        return _load_opus_dir(path, shown)
    raise ModelError(f"{path}: not a model folder (no metadata.json, no model.bin)")


def installed() -> list[ModelInfo]:
    """Argos packages installed where Argos Translate keeps them (broken ones skipped)."""
    out = []
    for d in argos_package_dirs():
        if not os.path.isdir(d):
            continue
        for name in sorted(os.listdir(d)):
            p = os.path.join(d, name)
            if os.path.isdir(p) and os.path.isfile(os.path.join(p, "metadata.json")):
                try:
                    out.append(_load_argos_dir(p, p))
                except ModelError:
                    continue
    return out


def find_model(spec: str | None = None, src_lang: str | None = None, tgt_lang: str | None = "en") -> ModelInfo:
    """Resolve ``--model`` (or ``$MT_REPAIR_MODEL``): a path, or a pair ``xx-yy`` among
    the installed Argos packages."""
    spec = spec or os.environ.get(ENV_MODEL)
    if not spec:
        raise ModelError("no model given: use --model PATH or set MT_REPAIR_MODEL")
    spec = os.path.expanduser(spec)
    if os.path.exists(spec):
        return inspect(spec)
    if "-" in spec and "/" not in spec and len(spec) <= 12:
        a, b = spec.split("-", 1)
        for m in installed():
            if m.src_lang == a and m.tgt_lang == b:
                return m
        raise ModelError(f"no installed Argos Translate package for {spec} (looked in "
                         f"{', '.join(argos_package_dirs())})")
    return inspect(spec)


def scan_models(extra: list[str] = ()) -> tuple[list[ModelInfo], list[str]]:
    """Everything ``mt-repair models`` shows: installed Argos packages, $MT_REPAIR_MODEL,
    and any paths given (folders are searched one level down), with one line for each model
    that is broken.  Archives are read, never extracted: a listing writes nothing."""
    found: list[ModelInfo] = list(installed())
    problems: list[str] = []
    cands = list(extra)
    env = os.environ.get(ENV_MODEL)
    if env and os.path.exists(os.path.expanduser(env)):
        cands.append(os.path.expanduser(env))

    def one(p: str, named: bool) -> bool:
        """List ``p`` (or say why not); False where ``p`` is a folder that is no model."""
        if os.path.isfile(p):
            if not (p.endswith((".argosmodel", ".zip")) or (named and zipfile.is_zipfile(p))):
                if named:
                    problems.append(f"{p}: not a model (expected a folder or a .argosmodel archive)")
                return True
            try:
                found.append(inspect_archive(p))
            except ModelError as exc:
                problems.append(str(exc))
            return True
        if not (os.path.isfile(os.path.join(p, "metadata.json")) or _is_ct2_dir(p)):
            return False
        try:
            found.append(inspect(p))
        except ModelError as exc:
            problems.append(str(exc))
        return True

    for c in cands:
        if not os.path.exists(c):
            problems.append(f"{c}: no such model")
            continue
        if one(c, True):
            continue
        for name in sorted(os.listdir(c)):
            one(os.path.join(c, name), False)
    return found, problems


def list_models(extra: list[str] = ()) -> list[ModelInfo]:
    return scan_models(extra)[0]


def piece_offsets(pieces: list[str], text: str) -> list[tuple[str, int, int]]:
    """Locate SentencePiece pieces in the text they came from.  Pieces are matched in order;
    where normalisation changed the text (so a surface is not found nearby) the piece takes
    as many characters as its surface has."""
    out = []
    pos = 0
    n = len(text)
    for p in pieces:
        surf = p.replace("\u2581", " ").strip(" ")
        if p.startswith("<0x") and p.endswith(">"):
            surf = ""
        if p.startswith("\u2581"):
            while pos < n and text[pos].isspace():
                pos += 1
        if not surf:
            out.append((p, pos, pos))
            continue
        i = text.find(surf, pos, pos + len(surf) + 8)
        if i < 0:
            while pos < n and text[pos].isspace() and p.startswith("\u2581"):
                pos += 1
            i = pos
        end = min(n, i + len(surf))
        out.append((p, i, end))
        pos = end
    return out


class Model:
    """A loaded CTranslate2 translator with its SentencePiece processors."""

    def __init__(self, info: ModelInfo, device: str = "cpu", compute_type: str = "int8",
                 intra_threads: int = 0, inter_threads: int = 1):
        try:
            import ctranslate2
            import sentencepiece as spm
        except ImportError as exc:
            raise ModelError(f"re-translation needs ctranslate2 and sentencepiece (pip install "
                             f"'mt-repair[mt]'): {exc}") from None
        self.info = info
        try:
            self.src_sp = spm.SentencePieceProcessor(model_file=info.src_spm)
            self.tgt_sp = self.src_sp if info.tgt_spm == info.src_spm else \
                spm.SentencePieceProcessor(model_file=info.tgt_spm)
        except Exception as exc:  # sentencepiece raises OSError/RuntimeError
            raise ModelError(f"{info.path}: broken SentencePiece model ({str(exc).splitlines()[0] if str(exc) else exc})") from None
        try:
            self.translator = ctranslate2.Translator(info.ct2_dir, device=device, compute_type=compute_type,
                                                     intra_threads=intra_threads, inter_threads=inter_threads)
        except Exception as exc:
            msg = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise ModelError(f"{info.path}: broken CTranslate2 model ({msg})") from None

    # --- tokens ---
    def encode_src(self, text: str) -> list[str]:
        return self.src_sp.encode(text, out_type=str)

    def encode_tgt(self, text: str) -> list[str]:
        return self.tgt_sp.encode(text, out_type=str)

    def encode_tgt_offsets(self, text: str) -> list[tuple[str, int, int]]:
        """Target pieces with the code-point span of their surface in ``text`` (white space
        that a piece's ``▁`` stands for is not part of the span)."""
        return piece_offsets(self.tgt_sp.encode(text, out_type=str), text)

    def decode_tgt(self, pieces: list[str]) -> str:
        return self.tgt_sp.decode(pieces)

    # --- model ---
    def translate(self, sources: list[list[str]], prefixes: list[list[str]] | None = None,
                  beam_size: int = 4, max_batch_size: int = 32) -> list[list[str]]:
        if not sources:
            return []
        kw = dict(beam_size=beam_size, max_batch_size=max_batch_size,
                  max_decoding_length=max(16, 3 * max(len(s) for s in sources) + 10))
        if prefixes is not None:
            kw["target_prefix"] = [p or None for p in prefixes]
        res = self.translator.translate_batch(sources, **kw)
        return [r.hypotheses[0] for r in res]

    def score(self, sources: list[list[str]], targets: list[list[str]], max_batch_size: int = 32) -> list[list[float]]:
        """Per-token log-probabilities of each target (forced decoding); the last one is ``</s>``."""
        if not sources:
            return []
        res = self.translator.score_batch(sources, targets, max_batch_size=max_batch_size)
        return [list(r.log_probs) for r in res]


def load(spec: str | None = None, **kw) -> Model:
    return Model(find_model(spec), **kw)
