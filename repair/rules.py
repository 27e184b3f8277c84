"""Rules as data.

Every YAML file under ``rules/`` (shipped as the package ``repair.rulepacks``) holds
``rules:``, a list of entries with a stable ``id``, ``kind``, ``message``,
``confidence`` and ``examples`` (``bad`` → ``good`` pairs and ``clean`` texts
that must be left alone; the test suite runs them all).  An entry either has
a ``pattern`` (a ``regex`` pattern whose whole match is replaced by
``replacement``, expanded with the match's groups) or names the Python
``detector`` that implements it.  Optional keys:

- ``lang``: source languages the rule is for (``es``, ``pt``, ``fr``, ``it``);
- ``flags``: ``i`` for case-insensitive matching;
- ``preserve_case``: capitalise the replacement when the match is (default true);
- ``checks``: names of evidence checks in ``repair.checks`` that must all pass;
- ``level``: ``must`` or ``should`` (documentation of the damage's weight).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any


class RuleError(ValueError):
    pass


@dataclass(frozen=True)
class Rule:
    id: str
    kind: str
    message: str
    confidence: float
    source: str
    pattern: str | None = None
    replacement: str | None = None
    detector: str | None = None
    lang: tuple[str, ...] = ()
    flags: str = ""
    preserve_case: bool = True
    checks: tuple[str, ...] = ()
    level: str = "must"
    examples: tuple[dict, ...] = ()
    clean: tuple[str, ...] = ()
    params: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def compiled(self):
        return _compile(self.pattern, self.flags)


@lru_cache(maxsize=None)
def _compile(pattern: str, flags: str):
    import regex

    f = regex.VERSION1 | regex.UNICODE
    if "i" in flags:
        f |= regex.IGNORECASE
    return regex.compile(pattern, f)


REQUIRED = ("id", "kind", "message")


def _rule_from(entry: dict[str, Any], source: str) -> Rule:
    from . import KINDS

    for k in REQUIRED:
        if k not in entry:
            raise RuleError(f"{source}: a rule lacks '{k}': {entry!r}"[:300])
    if entry["kind"] not in KINDS:
        raise RuleError(f"{source}: rule {entry['id']}: unknown kind {entry['kind']!r}")
    if ("pattern" in entry) == ("detector" in entry):
        raise RuleError(f"{source}: rule {entry['id']}: give either 'pattern' or 'detector'")
    if "pattern" in entry and "replacement" not in entry:
        raise RuleError(f"{source}: rule {entry['id']}: a pattern needs a 'replacement' (null for detection only)")
    lang = entry.get("lang") or ()
    if isinstance(lang, str):
        lang = (lang,)
    known = set(REQUIRED) | {
        "confidence", "pattern", "replacement", "detector", "lang", "flags", "preserve_case",
        "checks", "level", "examples", "clean", "params",
    }
    extra = set(entry) - known
    if extra:
        raise RuleError(f"{source}: rule {entry['id']}: unknown key(s) {sorted(extra)}")
    rule = Rule(
        id=str(entry["id"]),
        kind=entry["kind"],
        message=str(entry["message"]),
        confidence=float(entry.get("confidence", 0.8)),
        source=source,
        pattern=entry.get("pattern"),
        replacement=entry.get("replacement"),
        detector=entry.get("detector"),
        lang=tuple(lang),
        flags=entry.get("flags", ""),
        preserve_case=bool(entry.get("preserve_case", True)),
        checks=tuple(entry.get("checks") or ()),
        level=entry.get("level", "must"),
        examples=tuple(entry.get("examples") or ()),
        clean=tuple(entry.get("clean") or ()),
        params=dict(entry.get("params") or {}),
    )
    if rule.pattern is not None:
        try:
            rule.compiled
        except Exception as exc:
            raise RuleError(f"{source}: rule {rule.id}: bad pattern: {exc}") from None
    return rule


def load_file(path: str) -> list[Rule]:
    import yaml

    from .langdata import YAMLAliasError, load_yaml

    try:
        data = load_yaml(path) or {}
    except YAMLAliasError as exc:
        raise RuleError(f"{exc} (a rule pack must not use anchors and aliases)") from None
    except yaml.YAMLError as exc:
        raise RuleError(f"{path}: not valid YAML: {str(exc).splitlines()[0]}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(f"{path}: cannot read: {exc}") from None
    entries = data.get("rules") if isinstance(data, dict) else None
    if not isinstance(entries, list):  # (a file may also carry other data beside its rules)
        raise RuleError(f"{path}: expected a mapping with a 'rules' list")
    name = os.path.basename(path)
    return [_rule_from(e, name) for e in entries]


def builtin_dir() -> str:
    """The shipped rule packs: the top-level ``rules/`` folder, installed as the
    package ``repair.rulepacks``."""
    here = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "rules")
    if os.path.isfile(os.path.join(here, "core.yaml")):
        return here
    return str(resources.files("repair.rulepacks"))


@lru_cache(maxsize=None)
def load_rules(extra_dirs: tuple[str, ...] = ()) -> tuple[Rule, ...]:
    rules: list[Rule] = []
    for d in (builtin_dir(), *extra_dirs):
        for name in sorted(os.listdir(d)):
            if name.endswith((".yaml", ".yml")):
                rules.extend(load_file(os.path.join(d, name)))
    seen: dict[str, str] = {}
    for r in rules:
        if r.id in seen:
            raise RuleError(f"rule id {r.id} is defined twice ({seen[r.id]} and {r.source})")
        seen[r.id] = r.source
    return tuple(rules)


@lru_cache(maxsize=None)
def gazetteer(kind: str | None = None) -> frozenset[str]:
    """Proper nouns from rules/gazetteer.yaml: ``countries`` (with regions), ``demonyms``,
    or all of them."""
    from .langdata import load_yaml

    data = load_yaml(os.path.join(builtin_dir(), "gazetteer.yaml")) or {}
    out = set()
    for name, words in (data.get("names") or {}).items():
        if kind is None or name == kind:
            out.update(str(words).split())
    return frozenset(out)


def rules_by_detector() -> dict[str, list[Rule]]:
    out: dict[str, list[Rule]] = {}
    for r in load_rules():
        if r.detector:
            out.setdefault(r.detector, []).append(r)
    return out


def rule(rule_id: str) -> Rule:
    for r in load_rules():
        if r.id == rule_id:
            return r
    raise KeyError(rule_id)


def match_case(src: str, repl: str) -> str:
    """Give ``repl`` the capitalisation of ``src`` (Title or UPPER)."""
    if not repl or not src:
        return repl
    if src.isupper() and len(src) > 1 and repl.lower() != repl.upper():
        return repl.upper() if len(repl.split()) == 1 else repl
    if src[0].isupper() and repl[0].islower():
        return repl[0].upper() + repl[1:]
    if src[0].islower() and repl[0].isupper() and repl.split()[0].lower() == src.split()[0].lower():
        return repl[0].lower() + repl[1:]
    return repl
