"""Rules as data.

Every YAML file under ``rules/`` (shipped as the package ``repair.rulepacks``) holds
``rules:``, a list of entries with a stable ``id``, ``kind``, ``message``,
``confidence`` and ``examples`` (``bad`` → ``good`` pairs and ``clean`` texts
that must be left alone; the test suite runs them all).  An entry either has
a ``pattern`` (a ``regex`` pattern whose whole match is replaced by
``replacement``, expanded with the match's groups), or names the Python
``detector`` that implements it, or ``extends`` a generic check type whose parameters
(``params``) are all data, in the manner of Vale's ``extends:`` (``CHECK_TYPES``:
``substitution`` — a swap table, or a pattern, with context, evidence and exceptions, see
``repair/detectors/substitution.py``; ``existence`` — whole lines or inline markers to remove,
``repair/detectors/boilerplate.py``; ``capitalisation`` — words to lowercase in mid-sentence,
``repair/detectors/case.py``; ``consistency`` — pairs of forms of which an article should use one,
``repair/detectors/consistency.py``).  Every key is validated when the pack is read: a fault is one
line naming the file, the rule and the key.  YAML anchors and aliases are refused.
Optional keys:

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
    extends: str | None = None
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
    from . import fastregex

    f = fastregex.VERSION1 | fastregex.UNICODE
    if "i" in flags:
        f |= fastregex.IGNORECASE
    return fastregex.compile(pattern, f)


REQUIRED = ("id", "kind", "message")
KEYS = frozenset(REQUIRED) | {
    "confidence", "pattern", "replacement", "detector", "lang", "flags", "preserve_case",
    "checks", "level", "examples", "clean", "params", "extends",
}
# generic check types (``extends:``), in the manner of Vale's: the module that implements each
# one, and the keys of ``params`` it needs (a tuple: one of them)
CHECK_TYPES = {
    "substitution": ("substitution", (("swap", "pattern"),)),
    "existence": ("boilerplate", ()),
    "capitalisation": ("case", ("words",)),
    "consistency": ("consistency", ("either",)),
}
LEVELS = ("must", "should")
FLAGS = frozenset("i")
ID_RE = r"[A-Za-z0-9]+(?:[-_][A-Za-z0-9]+)*\Z"


def _languages() -> frozenset[str]:
    from .langdata import languages

    return frozenset(("es", "pt", "fr", "it", *languages()))


def _detectors() -> frozenset[str]:
    from .detectors import ORDER

    return frozenset(ORDER) - {"patterns"}


def _check_names() -> frozenset[str]:
    from .checks import CHECKS

    return frozenset(CHECKS)


def _template_error(compiled, template: str) -> str | None:
    """Why ``template`` cannot be expanded with matches of ``compiled`` (None: it can)."""
    import regex

    i = 0
    while i < len(template):
        c = template[i]
        if c != "\\":
            i += 1
            continue
        if i + 1 >= len(template):
            return "ends with a lone backslash"
        n = template[i + 1]
        if n.isdigit():
            m = regex.match(r"\d{1,2}", template[i + 1:])
            num = int(m.group())
            if num > compiled.groups:
                return f"refers to group {num} but the pattern has {compiled.groups}"
            i += 1 + len(m.group())
            continue
        if n == "g":
            m = regex.match(r"g<([^>]*)>", template[i + 1:])
            if not m:
                return "has a malformed \\g<...> group reference"
            ref = m.group(1)
            if ref.isdigit():
                if int(ref) > compiled.groups:
                    return f"refers to group {ref} but the pattern has {compiled.groups}"
            elif ref not in compiled.groupindex:
                return f"refers to the group <{ref}>, which the pattern does not define"
            i += 1 + len(m.group())
            continue
        i += 2
    return None


def _rule_from(entry: Any, source: str, index: int = 0, path: str | None = None,
               compile_check: bool = True) -> Rule:
    """Validate one entry and build its Rule.  Every fault is a RuleError of one line naming
    the file, the rule and the key.  ``compile_check=False``: the pattern is not compiled here
    (the pack's text was checked whole before: see :func:`load_rules`)."""
    import regex

    from . import KINDS

    label = path or source
    if not isinstance(entry, dict):
        raise RuleError(f"{label}: rule #{index + 1}: expected a mapping of keys, not {type(entry).__name__}")
    rid = entry.get("id")
    where = f"{label}: rule {rid}" if isinstance(rid, str) and rid else f"{label}: rule #{index + 1}"

    def bad(key: str, why: str):
        raise RuleError(f"{where}: key '{key}': {why}")

    def shown(v) -> str:
        return repr(v)[:60]

    for k in REQUIRED:
        if k not in entry:
            raise RuleError(f"{where}: lacks the key '{k}'")
    if not isinstance(rid, str) or not regex.match(ID_RE, rid):
        bad("id", f"must be a string of letters, digits and dashes (like G101 or ES-R102), not {shown(rid)}")
    extra = set(entry) - KEYS
    if extra:
        raise RuleError(f"{where}: unknown key(s) {sorted(map(str, extra))}")
    if entry["kind"] not in KINDS:
        bad("kind", f"unknown kind {shown(entry['kind'])} (one of {', '.join(KINDS)})")
    msg = entry["message"]
    if not isinstance(msg, str) or not msg.strip():
        bad("message", f"must be a non-empty string, not {shown(msg)}")
    if sum(k in entry for k in ("pattern", "detector", "extends")) != 1:
        raise RuleError(f"{where}: give one of the keys 'pattern', 'detector' or 'extends'")
    conf = entry.get("confidence", 0.8)
    if isinstance(conf, bool) or not isinstance(conf, (int, float)) or not 0.0 <= float(conf) <= 1.0:
        bad("confidence", f"must be a number from 0 to 1, not {shown(conf)}")
    det = entry.get("detector")
    if "detector" in entry and det not in _detectors():
        bad("detector", f"no detector named {shown(det)} (one of {', '.join(sorted(_detectors()))})")
    ext = entry.get("extends")
    if "extends" in entry:
        if ext not in CHECK_TYPES:
            bad("extends", f"no check type named {shown(ext)} (one of {', '.join(sorted(CHECK_TYPES))})")
        det = CHECK_TYPES[ext][0]
        params = entry.get("params") or {}
        for need in CHECK_TYPES[ext][1]:
            need = (need,) if isinstance(need, str) else need
            if not isinstance(params, dict) or not any(k in params for k in need):
                bad("params", f"a {ext} check needs params.{' or params.'.join(need)}")
    pattern = entry.get("pattern")
    if "pattern" in entry:
        if not isinstance(pattern, str) or not pattern:
            bad("pattern", f"must be a non-empty regular expression, not {shown(pattern)}")
        if "replacement" not in entry:
            bad("replacement", "a pattern needs a replacement (null for detection only)")
    repl = entry.get("replacement")
    if repl is not None and not isinstance(repl, str):
        bad("replacement", f"must be a string or null, not {shown(repl)}")
    if "replacement" in entry and "pattern" not in entry:
        bad("replacement", "only a pattern rule has a replacement")
    lang = entry.get("lang") or ()
    if isinstance(lang, str):
        lang = (lang,)
    if not isinstance(lang, (list, tuple)) or not all(isinstance(x, str) for x in lang):
        bad("lang", f"must be a language code or a list of them, not {shown(entry.get('lang'))}")
    unknown = [x for x in lang if x not in _languages()]
    if unknown:
        bad("lang", f"unknown language {unknown[0]!r} (one of {', '.join(sorted(_languages()))})")
    flags = entry.get("flags", "")
    if not isinstance(flags, str) or set(flags) - FLAGS:
        bad("flags", f"must be a string of flag letters ({''.join(sorted(FLAGS))}), not {shown(flags)}")
    pc = entry.get("preserve_case", True)
    if not isinstance(pc, bool):
        bad("preserve_case", f"must be true or false, not {shown(pc)}")
    checks = entry.get("checks") or ()
    if isinstance(checks, str) or not isinstance(checks, (list, tuple)):
        bad("checks", f"must be a list of check names, not {shown(checks)}")
    for c in checks:
        if c not in _check_names():
            bad("checks", f"no check named {shown(c)} (one of {', '.join(sorted(_check_names()))})")
    if checks and "pattern" not in entry:
        bad("checks", "only a pattern rule has checks")
    level = entry.get("level", "must")
    if level not in LEVELS:
        bad("level", f"must be one of {', '.join(LEVELS)}, not {shown(level)}")
    examples = entry.get("examples") or ()
    if not isinstance(examples, (list, tuple)):
        bad("examples", f"must be a list of {{bad, good}} mappings, not {shown(examples)}")
    for j, ex in enumerate(examples):
        if not isinstance(ex, dict) or not isinstance(ex.get("bad"), str):
            bad("examples", f"example {j + 1} must be a mapping with a 'bad' text, not {shown(ex)}")
        if set(ex) - {"bad", "good", "lang"}:
            bad("examples", f"example {j + 1}: unknown key(s) {sorted(map(str, set(ex) - {'bad', 'good', 'lang'}))}")
        if "good" in ex and not isinstance(ex["good"], str):
            bad("examples", f"example {j + 1}: 'good' must be a text, not {shown(ex['good'])}")
        if "lang" in ex and ex["lang"] not in _languages():
            bad("examples", f"example {j + 1}: unknown language {shown(ex['lang'])}")
    clean = entry.get("clean") or ()
    if not isinstance(clean, (list, tuple)) or not all(isinstance(c, str) for c in clean):
        bad("clean", f"must be a list of texts, not {shown(clean)}")
    params = entry.get("params") or {}
    if not isinstance(params, dict):
        bad("params", f"must be a mapping, not {shown(params)}")
    rule = Rule(
        id=rid,
        kind=entry["kind"],
        message=msg,
        confidence=float(conf),
        source=source,
        pattern=pattern,
        replacement=repl,
        detector=det,
        extends=ext,
        lang=tuple(lang),
        flags=flags,
        preserve_case=pc,
        checks=tuple(checks),
        level=level,
        examples=tuple(examples),
        clean=tuple(clean),
        params=dict(params),
    )
    if rule.pattern is not None and compile_check:
        try:
            compiled = rule.compiled
        except Exception as exc:
            bad("pattern", f"not a valid regular expression: {str(exc).splitlines()[0]}")
        if repl:
            why = _template_error(compiled, repl)
            if why:
                bad("replacement", why)
    return rule


def _read_pack(path: str) -> list:
    """The entries of one rule file, parsed and nothing built (aliases refused while parsing)."""
    from .langdata import YAMLAliasError, load_yaml

    try:
        data = load_yaml(path) or {}
    except YAMLAliasError as exc:
        raise RuleError(f"{exc} (a rule pack must not use anchors and aliases)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(f"{path}: cannot read: {exc}") from None
    except Exception as exc:
        import yaml   # (imported only here: a pack read from the parsed-data cache needs no parser)

        if isinstance(exc, yaml.YAMLError):
            raise RuleError(f"{path}: not valid YAML: {str(exc).splitlines()[0]}") from None
        raise
    entries = data.get("rules") if isinstance(data, dict) else None
    if not isinstance(entries, list):  # (a file may also carry other data beside its rules)
        raise RuleError(f"{path}: expected a mapping with a 'rules' list")
    return entries


def _build(path: str, entries: list, compile_check: bool = True) -> list[Rule]:
    name = os.path.basename(path)
    return [_rule_from(e, name, i, path, compile_check) for i, e in enumerate(entries)]


def _checked_key(path: str) -> str | None:
    """What a pack's pattern check depends on: the regex version and the pack's text."""
    from .fastregex import version

    try:
        with open(path, encoding="utf-8") as f:
            return f"{version()}|{f.read()}"
    except (OSError, UnicodeDecodeError):
        return None


def _build_checked(path: str, entries: list) -> list[Rule]:
    """:func:`_build`; the patterns are compiled (and their replacement templates checked) only
    the first time a process meets this pack's text: compiling them all takes most of a cold
    start, and a text that passed once passes again (``repair.datacache`` keeps the note).
    Later, each pattern is compiled when a text may hold a match (``repair.prefilter``)."""
    from . import datacache

    key = _checked_key(path)
    if key is not None and datacache.known("patterns-checked", key):
        return _build(path, entries, compile_check=False)
    rules = _build(path, entries)
    if key is not None:
        datacache.remember("patterns-checked", key)
    return rules


def load_file(path: str) -> list[Rule]:
    return _build(path, _read_pack(path))


@lru_cache(maxsize=None)
def builtin_dir() -> str:
    """The shipped rule packs: the top-level ``rules/`` folder, installed as the
    package ``repair.rulepacks``.  (Found once per process: it is asked a hundred times.)"""
    here = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "rules")
    if os.path.isfile(os.path.join(here, "core.yaml")):
        return here
    from importlib import resources   # (an installed package; importlib.resources loads tempfile, shutil)

    return str(resources.files("repair.rulepacks"))


# the fields of a Rule, in the order its constructor takes them (the rule-set cache keeps these)
_FIELDS = tuple(Rule.__dataclass_fields__)


def _set_key(extra_dirs: tuple[str, ...]) -> str | None:
    """What the whole rule set depends on: the text of every pack (shipped or not, in the order
    they are read), the version of ``regex`` (the patterns were compiled and checked with it),
    the names the validation accepts (kinds, detectors, languages, evidence checks) and the
    text of this module (the validation itself).  None where a file cannot be read."""
    from . import KINDS
    from .fastregex import version

    parts = [version(), " ".join(KINDS), " ".join(sorted(_detectors())), " ".join(sorted(_languages())),
             " ".join(sorted(_check_names()))]
    try:
        with open(__file__, encoding="utf-8") as f:
            parts.append(f.read())
        for d in (*extra_dirs, builtin_dir()):
            for name in sorted(os.listdir(d)):
                if name.endswith((".yaml", ".yml")):
                    path = os.path.join(d, name)
                    with open(path, encoding="utf-8") as f:
                        parts.append(f"{int(d == builtin_dir())}|{path}|{f.read()}")
    except (OSError, UnicodeDecodeError):
        return None
    return "\x00".join(parts)


@lru_cache(maxsize=None)
def load_rules(extra_dirs: tuple[str, ...] = ()) -> tuple[Rule, ...]:
    """Every rule: the shipped packs' first, then those of ``extra_dirs``.  A process meeting a
    rule set it has met before (the same files, see :func:`_set_key`) reads the built rules'
    fields from the parsed-data cache (``repair.datacache``) instead of parsing and validating
    each pack again; a set that fails to load is never kept."""
    from . import datacache

    key = _set_key(extra_dirs)
    if key is None:
        return _load_rules(extra_dirs)
    rules: list = []

    def build():
        rules.extend(_load_rules(extra_dirs))
        return [tuple(getattr(r, f) for f in _FIELDS) for r in rules]

    fields = datacache.cached("rule-set-v1", key, build)
    if rules:
        return tuple(rules)
    return tuple(Rule(*f) for f in fields)


def _load_rules(extra_dirs: tuple[str, ...]) -> tuple[Rule, ...]:
    # every file is parsed (and refused if it must be) before any rule is built: a bad house
    # pack fails fast, before the shipped patterns are compiled
    packs = []
    for d in (*extra_dirs, builtin_dir()):
        for name in sorted(os.listdir(d)):
            if name.endswith((".yaml", ".yml")):
                path = os.path.join(d, name)
                packs.append((d, path, _read_pack(path)))
    # house packs are validated first too; the shipped rules still come first in the result
    built = [(d == builtin_dir(), _build_checked(path, entries)) for d, path, entries in packs]
    rules: list[Rule] = [r for shipped, rs in built if shipped for r in rs]
    rules += [r for shipped, rs in built if not shipped for r in rs]
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
