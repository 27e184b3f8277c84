"""Configuration files: ``[tool.mt-repair]`` in ``pyproject.toml`` or a ``.mt-repair.toml``.

The nearest file is found by walking up from each input file's folder (from the current folder
for stdin); in a folder that has both, ``.mt-repair.toml`` wins, and a ``pyproject.toml`` without a
``[tool.mt-repair]`` table is passed over.  Keys (``-`` and ``_`` are interchangeable)::

    [tool.mt-repair]
    select = ["K", "ES-"]            # rule ids or prefixes; empty = all
    ignore = ["C101"]
    extend-ignore = ["P"]            # added to ignore (handy in overrides)
    threshold = 0.8                  # confidence at which fixes are applied
    source-lang = "es"               # es|pt|fr|it
    protected = ["Lavróv", "EFE"]   # terms never touched
    rule-dirs = ["house-rules"]      # extra rule packs (relative to the config file)
    input-format = "markdown"        # text|markdown|html (default: by extension)

    [[tool.mt-repair.overrides]]     # per-glob settings, applied in order
    files = ["drafts/*.md"]          # globs relative to the config file's folder
    ignore = ["G"]

Precedence: built-in defaults < the file < matching overrides < command-line options.
A bad file or key raises :class:`ConfigError` naming the file and the key (the CLI exits 2).
"""

from __future__ import annotations

import fnmatch
import os
from dataclasses import replace
from functools import lru_cache

from .config import Config

NAMES = (".mt-repair.toml", "pyproject.toml")
LANGS = ("es", "pt", "fr", "it")
FORMATS = ("text", "markdown", "html")
KEYS = ("select", "ignore", "extend-ignore", "extend-select", "threshold", "source-lang", "protected",
        "rule-dirs", "input-format", "max-passes")


class ConfigError(ValueError):
    pass


def _load_toml(path: str) -> dict:
    try:
        with open(path, "rb") as f:
            raw = f.read()
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror}") from None
    from .datacache import cached

    # (what the parser made of these bytes before, from the parsed-data cache: importing tomllib
    # costs a cold start about 40M instructions, a fix in a checkout with a pyproject.toml paid it)
    return cached("toml-v1", raw, lambda: _parse_toml(path, raw))


def _parse_toml(path: str, raw: bytes) -> dict:
    import tomllib

    try:
        return tomllib.loads(raw.decode())   # (what tomllib.load does with the file's bytes)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not UTF-8 text (byte {exc.start})") from None


@lru_cache(maxsize=None)
def _find_in(folder: str) -> tuple[str, dict] | None:
    for name in NAMES:
        path = os.path.join(folder, name)
        if not os.path.isfile(path):
            continue
        data = _load_toml(path)
        if name == "pyproject.toml":
            tool = data.get("tool")
            if not isinstance(tool, dict) or "mt-repair" not in tool:
                continue
            table = tool["mt-repair"]
            prefix = "tool.mt-repair"
        elif isinstance(data.get("tool"), dict) and "mt-repair" in data["tool"]:
            table, prefix = data["tool"]["mt-repair"], "tool.mt-repair"
        else:  # .mt-repair.toml: the keys at the top level
            table, prefix = data, ""
        if not isinstance(table, dict):
            raise ConfigError(f"{path}: {prefix or 'the file'}: expected a table")
        return path, _validate(path, table, prefix)
    return None


def find_config(path: str | None) -> tuple[str, dict] | None:
    """The nearest configuration for an input file (``None`` or ``-``: the current folder):
    ``(config path, validated table)`` or ``None``."""
    start = os.getcwd() if path in (None, "-") else os.path.dirname(os.path.abspath(path))
    folder = os.path.abspath(start)
    while True:
        found = _find_in(folder)
        if found:
            return found
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def _norm(key: str) -> str:
    return key.replace("_", "-")


def _str_list(path, where, value) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [v for v in value.split(",")]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{path}: {where}: expected a list of strings, got {value!r}")
    return tuple(v.strip() for v in value if v.strip())


def _validate(path: str, table: dict, prefix: str, override: bool = False) -> dict:
    out: dict = {}
    for raw_key, value in table.items():
        key = _norm(raw_key)
        where = f"{prefix}.{raw_key}" if prefix else raw_key
        if key == "overrides" and not override:
            if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
                raise ConfigError(f"{path}: {where}: expected an array of tables ([[{prefix or ''}overrides]])")
            items = []
            for i, item in enumerate(value):
                w = f"{where}[{i}]"
                if "files" not in item:
                    raise ConfigError(f"{path}: {w}: an override needs 'files' (a glob or a list of globs)")
                globs = _str_list(path, f"{w}.files", item["files"])
                rest = {k: v for k, v in item.items() if k != "files"}
                items.append((globs, _validate(path, rest, w, override=True)))
            out["overrides"] = items
        elif key in ("select", "ignore", "extend-ignore", "extend-select", "protected"):
            out[key] = _str_list(path, where, value)
        elif key == "rule-dirs":
            base = os.path.dirname(os.path.abspath(path))
            dirs = tuple(os.path.normpath(os.path.join(base, d)) for d in _str_list(path, where, value))
            for d in dirs:
                if not os.path.isdir(d):
                    raise ConfigError(f"{path}: {where}: not a folder: {d}")
            out[key] = dirs
        elif key == "threshold":
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
                raise ConfigError(f"{path}: {where}: expected a number between 0 and 1, got {value!r}")
            out[key] = float(value)
        elif key == "max-passes":
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ConfigError(f"{path}: {where}: expected a positive integer, got {value!r}")
            out[key] = value
        elif key == "source-lang":
            if value not in LANGS:
                raise ConfigError(f"{path}: {where}: expected one of {', '.join(LANGS)}, got {value!r}")
            out[key] = value
        elif key == "input-format":
            if value not in FORMATS:
                raise ConfigError(f"{path}: {where}: expected one of {', '.join(FORMATS)}, got {value!r}")
            out[key] = value
        else:
            raise ConfigError(f"{path}: {where}: unknown key (known: {', '.join(KEYS + ('overrides',))})")
    return out


def _apply(config: Config, table: dict) -> Config:
    kw: dict = {}
    if "select" in table:
        kw["select"] = table["select"]
    if "ignore" in table:
        kw["ignore"] = table["ignore"]
    if "extend-select" in table:
        kw["select"] = tuple(kw.get("select", config.select)) + table["extend-select"]
    if "extend-ignore" in table:
        kw["ignore"] = tuple(kw.get("ignore", config.ignore)) + table["extend-ignore"]
    if "threshold" in table:
        kw["threshold"] = table["threshold"]
    if "source-lang" in table:
        kw["source_lang"] = table["source-lang"]
    if "protected" in table:
        kw["protected"] = tuple(dict.fromkeys(config.protected + table["protected"]))
    if "rule-dirs" in table:
        kw["rule_dirs"] = tuple(dict.fromkeys(config.rule_dirs + table["rule-dirs"]))
    if "input-format" in table:
        kw["input_format"] = table["input-format"]
    if "max-passes" in table:
        kw["max_passes"] = table["max-passes"]
    return replace(config, **kw) if kw else config


def _matches(rel: str, glob: str) -> bool:
    rel = rel.replace(os.sep, "/")
    if fnmatch.fnmatchcase(rel, glob):
        return True
    # a glob without a slash matches the file name in any folder
    return "/" not in glob and fnmatch.fnmatchcase(rel.rsplit("/", 1)[-1], glob)


def config_for(path: str | None, base: Config | None = None, cli: dict | None = None,
               use_files: bool = True) -> Config:
    """The configuration for one input: defaults, the nearest file, its matching overrides,
    then ``cli`` (Config field values given on the command line)."""
    config = base or Config()
    if use_files:
        found = find_config(path)
        if found:
            cfg_path, table = found
            config = _apply(config, table)
            if path not in (None, "-") and table.get("overrides"):
                rel = os.path.relpath(os.path.abspath(path), os.path.dirname(cfg_path))
                for globs, sub in table["overrides"]:
                    if any(_matches(rel, g) for g in globs):
                        config = _apply(config, sub)
    if cli:
        config = replace(config, **cli)
    return config
