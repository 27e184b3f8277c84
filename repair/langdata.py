"""Language knowledge as data: the one loader of ``rules/lang/**``.

Detectors hold algorithms; the words they reason with (closed word classes, function-word
tables, abbreviations, suffixes) and the numbers they compare against (named thresholds)
live in YAML files shipped with the rule packs::

    rules/lang/<lang>/<name>.yaml     one file per kind of knowledge, per language
    rules/lang/thresholds.yaml        named thresholds, one section per detector

A word file is a mapping of class names to words, written either as a YAML list or as one
string of space-separated words (the compact form for long closed classes)::

    # provenance: where the words come from and how to rebuild them
    determiners: the a an this that these those
    prepositions: [in, on, at]

A table file maps class names to mappings (``table()``), e.g. a source word to its
English counterpart.

Adding a source language means adding a folder ``rules/lang/<code>/`` holding the same
file names as the others; nothing in the code changes.

API (every file is read once and cached; results are immutable):

- ``words(lang, name, key=None) -> frozenset[str]``: the words of class ``key`` in
  ``rules/lang/<lang>/<name>.yaml``, or the union of all its classes when ``key`` is None;
- ``wordlist(lang, name, key) -> tuple[str, ...]``: the same in file order (for suffixes
  and other ordered lists);
- ``table(lang, name, key=None) -> dict``: a mapping (a copy: change it freely);
- ``value(section, key)``: a named threshold from ``rules/lang/thresholds.yaml``;
- ``languages() -> tuple[str, ...]``: the language folders present; ``source_languages()``:
  all but English;
- ``load_yaml(path)``: the YAML reader every rule and data file goes through (the C loader
  where available, aliases refused: a rule pack cannot expand into gigabytes).

A missing file or class raises ``LangDataError`` naming the file and the key.
"""

from __future__ import annotations

import os
from functools import lru_cache
from typing import Any


class LangDataError(LookupError):
    pass


class YAMLAliasError(ValueError):
    """A YAML file uses anchors and aliases (refused: see ``load_yaml``)."""


def _loader():
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(path: str, text: str | None = None) -> Any:
    """Parse one YAML file with the C safe loader when PyYAML has it.

    Aliases (``*name``) are refused before anything is built: an alias bomb ("billion
    laughs") expands to gigabytes from a few hundred bytes.  An alias needs an anchor
    (``&name``), so a file without ``&`` is parsed directly; one with ``&`` is first
    scanned event by event (cheap, nothing expanded).  Raises ``yaml.YAMLError`` on bad
    YAML and ``YAMLAliasError`` on an alias.  What was parsed is kept by content in the cache
    folder (``repair.datacache``), so a later process with the same file does not parse it."""
    if text is None:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    from .datacache import cached

    return cached("yaml", text, lambda: _parse_yaml(path, text))


def _parse_yaml(path: str, text: str) -> Any:
    import yaml

    loader = _loader()
    if "&" in text:
        for ev in yaml.parse(text, Loader=loader):
            if isinstance(ev, yaml.AliasEvent):
                mark = ev.start_mark
                line = f" (line {mark.line + 1})" if mark is not None else ""
                raise YAMLAliasError(f"{path}: YAML aliases are not allowed{line}")
    return yaml.load(text, Loader=loader)


def root() -> str:
    """The folder ``rules/lang`` of the shipped rule packs."""
    from .rules import builtin_dir

    return os.path.join(builtin_dir(), "lang")


@lru_cache(maxsize=None)
def _file(lang: str, name: str) -> dict:
    path = os.path.join(root(), lang, f"{name}.yaml")
    if not os.path.isfile(path):
        raise LangDataError(f"no language data file {lang}/{name}.yaml under {root()}")
    data = load_yaml(path) or {}
    if not isinstance(data, dict):
        raise LangDataError(f"{path}: expected a mapping of class names")
    return data


def _split(v) -> tuple[str, ...]:
    if v is None:
        return ()
    if isinstance(v, str):
        return tuple(v.split())
    if isinstance(v, (list, tuple)):
        out: list[str] = []
        for x in v:
            out.extend(_split(x) if isinstance(x, (list, tuple)) else (str(x),))
        return tuple(out)
    if isinstance(v, dict):
        return tuple(str(k) for k in v)
    return (str(v),)


@lru_cache(maxsize=None)
def wordlist(lang: str, name: str, key: str) -> tuple[str, ...]:
    data = _file(lang, name)
    if key not in data:
        raise LangDataError(f"{lang}/{name}.yaml has no class {key!r}")
    return _split(data[key])


@lru_cache(maxsize=None)
def words(lang: str, name: str, key: str | None = None) -> frozenset[str]:
    if key is not None:
        return frozenset(wordlist(lang, name, key))
    out: set[str] = set()
    for k in _file(lang, name):
        out.update(wordlist(lang, name, k))
    return frozenset(out)


def table(lang: str, name: str, key: str | None = None) -> dict:
    data = _file(lang, name)
    if key is None:
        return dict(data)
    if key not in data or not isinstance(data[key], dict):
        raise LangDataError(f"{lang}/{name}.yaml has no table {key!r}")
    return dict(data[key])


@lru_cache(maxsize=None)
def _thresholds() -> dict:
    path = os.path.join(root(), "thresholds.yaml")
    data = load_yaml(path) or {}
    if not isinstance(data, dict):
        raise LangDataError(f"{path}: expected a mapping of sections")
    return data


def value(section: str, key: str):
    """A named threshold: ``value("punct", "phrase_bigram")``."""
    sec = _thresholds().get(section)
    if not isinstance(sec, dict) or key not in sec:
        raise LangDataError(f"rules/lang/thresholds.yaml has no threshold {section}.{key}")
    return sec[key]


def languages() -> tuple[str, ...]:
    """The language folders: those named with a language code (``en``, ``es``); other
    folders (``romance/``) hold data shared by several languages.  (Listed again only when the
    folder changed: rule loading and the substitution checks ask often.)"""
    import re

    r = root()
    try:
        stamp = (r, os.stat(r).st_mtime_ns)
    except OSError:
        stamp = None
    if stamp is not None and _LANGS[0] == stamp:
        return _LANGS[1]
    out = tuple(sorted(d for d in os.listdir(r)
                       if re.fullmatch(r"[a-z]{2,3}", d) and os.path.isdir(os.path.join(r, d))))
    _LANGS[:] = [stamp, out]
    return out


_LANGS: list = [None, ()]   # (root, its mtime) and the languages listed there


TARGET = "en"


def source_languages() -> tuple[str, ...]:
    """The source languages: every language folder but the target's (English)."""
    return tuple(g for g in languages() if g != TARGET)


def abbreviations(lang: str = "en") -> frozenset[str]:
    """The one abbreviation list (lowercase, without the final period): every class of
    ``rules/lang/<lang>/abbreviations.yaml``."""
    return words(lang, "abbreviations")
