"""Word classes and thresholds of the kinds detectors, read from ``rules/lang/<lang>/<name>.yaml``
(each file loaded once).  A file holds ``words:`` (name → space-separated words or a list)
and optionally ``limits:`` / ``params:`` (name → number or mapping)."""

from __future__ import annotations

import os
from functools import lru_cache


@lru_cache(maxsize=None)
def load(lang: str, name: str) -> dict:
    import yaml

    from ..rules import builtin_dir

    path = os.path.join(builtin_dir(), "lang", lang, f"{name}.yaml")
    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(f) or {}


def _as_list(v) -> list[str]:
    if v is None:
        return []
    if isinstance(v, str):
        return v.split()
    return [str(x) for x in v]


@lru_cache(maxsize=None)
def words(lang: str, name: str, key: str) -> frozenset[str]:
    return frozenset(_as_list(load(lang, name).get("words", {}).get(key)))


@lru_cache(maxsize=None)
def ordered(lang: str, name: str, key: str) -> tuple[str, ...]:
    return tuple(_as_list(load(lang, name).get("words", {}).get(key)))


def limit(lang: str, name: str, key: str, default=None):
    return (load(lang, name).get("limits") or {}).get(key, default)


def section(lang: str, name: str, key: str) -> dict:
    return load(lang, name).get(key) or {}
