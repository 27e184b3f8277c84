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
from dataclasses import dataclass, field

ENV_MODEL = "MT_REPAIR_MODEL"
ENV_CACHE = "MT_REPAIR_CACHE"
MAX_ARCHIVE_BYTES = 4 * 1024 ** 3   # uncompressed size limit of a .argosmodel
MAX_ARCHIVE_FILES = 10_000


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


def safe_extract(archive: str, target: str, max_bytes: int = MAX_ARCHIVE_BYTES,
                 max_files: int = MAX_ARCHIVE_FILES) -> None:
    """Extract a zip into ``target``: no absolute paths, no ``..``, no links, no devices,
    at most ``max_files`` members and ``max_bytes`` uncompressed (checked while writing,
    not only from the declared sizes)."""
    try:
        z = zipfile.ZipFile(archive)
    except (zipfile.BadZipFile, OSError) as exc:
        raise ModelError(f"{archive}: not a readable zip archive ({exc})") from None
    root = os.path.realpath(target)
    with z:
        infos = z.infolist()
        if len(infos) > max_files:
            raise ModelError(f"{archive}: too many files in the archive ({len(infos)})")
        if sum(i.file_size for i in infos) > max_bytes:
            raise ModelError(f"{archive}: archive too large when extracted (limit {max_bytes} bytes)")
        os.makedirs(root, exist_ok=True)
        written = 0
        for info in infos:
            name = info.filename.replace("\\", "/")
            mode = info.external_attr >> 16
            if name.startswith("/") or (len(name) > 1 and name[1] == ":") or ".." in name.split("/"):
                raise ModelError(f"{archive}: unsafe path in archive: {info.filename!r}")
            if mode and (stat.S_ISLNK(mode) or not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))):
                raise ModelError(f"{archive}: link or special file in archive: {info.filename!r}")
            dest = os.path.realpath(os.path.join(root, name))
            if dest != root and not dest.startswith(root + os.sep):
                raise ModelError(f"{archive}: unsafe path in archive: {info.filename!r}")
            if info.is_dir():
                os.makedirs(dest, exist_ok=True)
                continue
            os.makedirs(os.path.dirname(dest), exist_ok=True)
            with z.open(info) as src, open(dest, "wb") as out:
                while True:
                    chunk = src.read(1 << 20)
                    if not chunk:
                        break
                    written += len(chunk)
                    if written > max_bytes:
                        raise ModelError(f"{archive}: archive too large when extracted (limit {max_bytes} bytes)")
                    out.write(chunk)


def _extract_argosmodel(path: str) -> str:
    st = os.stat(path)
    key = hashlib.sha256(f"{os.path.realpath(path)}|{st.st_size}|{st.st_mtime_ns}".encode()).hexdigest()[:16]
    dest = os.path.join(cache_dir(), key)
    done = os.path.join(dest, ".complete")
    if not os.path.exists(done):
        tmp = dest + f".tmp{os.getpid()}"
        shutil.rmtree(tmp, ignore_errors=True)
        try:
            safe_extract(path, tmp)
            if os.path.exists(dest):
                shutil.rmtree(dest, ignore_errors=True)
            os.replace(tmp, dest)
        except OSError as exc:
            shutil.rmtree(tmp, ignore_errors=True)
            raise ModelError(f"{path}: cannot extract: {exc.strerror or exc}") from None
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        with open(done, "w"):
            pass
    # the package is the folder holding metadata.json: at the top or one level down
    if os.path.isfile(os.path.join(dest, "metadata.json")):
        return dest
    subs = [os.path.join(dest, n) for n in sorted(os.listdir(dest))
            if os.path.isfile(os.path.join(dest, n, "metadata.json"))]
    if len(subs) != 1:
        raise ModelError(f"{path}: not an Argos Translate package (no metadata.json inside)")
    return subs[0]


def inspect(path: str) -> ModelInfo:
    """What is at ``path``: an Argos package (folder or .argosmodel) or an OPUS-MT folder."""
    shown = path
    if not os.path.exists(path):
        raise ModelError(f"{path}: no such model (give a folder, a .argosmodel file or an installed pair like es-en)")
    if os.path.isfile(path):
        if path.endswith((".argosmodel", ".zip")) or zipfile.is_zipfile(path):
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


def list_models(extra: list[str] = ()) -> list[ModelInfo]:
    """Everything ``mt-repair models`` shows: installed Argos packages, $MT_REPAIR_MODEL,
    and any paths given (folders are searched one level down)."""
    found: list[ModelInfo] = list(installed())
    cands = list(extra)
    if os.environ.get(ENV_MODEL):
        cands.append(os.environ[ENV_MODEL])
    for c in cands:
        try:
            found.append(inspect(c))
            continue
        except ModelError:
            pass
        if os.path.isdir(c):
            for name in sorted(os.listdir(c)):
                try:
                    found.append(inspect(os.path.join(c, name)))
                except ModelError:
                    pass
    return found


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
