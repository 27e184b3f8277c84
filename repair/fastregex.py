"""``regex.compile`` without its parser on a warm cache: a start-up cache of compiled patterns.

``regex`` compiles a pattern in two steps: a parser and optimiser written in Python turn the
pattern into a list of opcodes (most of the time of a compile), and the C engine builds the
pattern object from that list (``_regex.compile``).  The first time a pattern is compiled, the
arguments of that C call are noted in the parsed-data cache (``repair.datacache``, keyed by the
pattern, its flags and the versions of ``regex`` and Python); later processes hand the same
arguments to the same C call and get the same pattern object without parsing.  A pattern whose
arguments cannot be noted (named lists, anything unexpected) is compiled the ordinary way.

On that warm path the ``regex`` package itself is not imported either: ``import regex`` runs its
Python parser's modules (about 15 ms of a cold ``fix`` of 0.27 s), so the C engine is loaded on its
own from the package's folder (``engine()``), and the package's version is read from its files
(``version()``) rather than from the imported module.  The flags the project uses are the
package's values (``VERSION1``, ``UNICODE``, ``IGNORECASE``; a test compares them).  Anything that
needs the parser (a pattern not in the cache, a replacement template) imports ``regex`` as usual,
and it finds the same engine module.
"""

from __future__ import annotations

import os
import sys

VERSION1 = 0x100
UNICODE = 0x20
IGNORECASE = 0x2

_ENGINE = None
_VERSION = None


def _package_dir() -> str | None:
    import importlib.util

    spec = importlib.util.find_spec("regex")   # finds the package without running it
    locs = spec.submodule_search_locations if spec is not None else None
    return list(locs)[0] if locs else None


def version() -> str:
    """The installed ``regex``'s version, from ``_main.py``'s ``__version__`` line (no import)."""
    global _VERSION
    if _VERSION is None:
        found = None
        if "regex" not in sys.modules:
            try:
                folder = _package_dir()
                with open(os.path.join(folder, "_main.py"), encoding="utf-8") as f:
                    for line in f:
                        if line.startswith("__version__"):
                            found = line.split("=", 1)[1].strip().strip("\"'")
                            break
            except Exception:
                found = None
        if not found:
            import regex

            found = regex.__version__
        _VERSION = found
    return _VERSION


def engine():
    """``regex``'s C module (``_regex``), loaded without the package's Python modules."""
    global _ENGINE
    if _ENGINE is not None:
        return _ENGINE
    mod = sys.modules.get("regex._regex")
    if mod is None and "regex" not in sys.modules:
        try:
            import importlib.machinery
            import importlib.util

            folder = _package_dir()
            for suffix in importlib.machinery.EXTENSION_SUFFIXES:
                path = os.path.join(folder, "_regex" + suffix)
                if os.path.exists(path):
                    loader = importlib.machinery.ExtensionFileLoader("regex._regex", path)
                    spec = importlib.util.spec_from_file_location("regex._regex", path, loader=loader)
                    mod = importlib.util.module_from_spec(spec)
                    sys.modules["regex._regex"] = mod
                    loader.exec_module(mod)
                    break
        except Exception:
            sys.modules.pop("regex._regex", None)
            mod = None
    if mod is None:
        from regex import _regex as mod
    _ENGINE = mod
    return mod


def compile(pattern: str, flags: int):  # noqa: A001 - the name says what it stands for
    try:
        from . import datacache

        key = f"{version()}|{sys.version_info[:2]}|{int(flags)}|"
        recipe = datacache.cached("regex-recipe", key + pattern, lambda: _recipe(pattern, flags))
        if recipe is not None:
            return engine().compile(*recipe)
    except Exception:
        pass
    import regex

    return regex.compile(pattern, flags)


def _recipe(pattern: str, flags: int):
    """The arguments ``regex`` gives ``_regex.compile`` for this pattern (None: not notable)."""
    import regex
    import regex._main as main

    real = main._regex
    seen: list = []

    class _Spy:
        def __getattr__(self, name):
            return getattr(real, name)

        @staticmethod
        def compile(*args):
            seen.append(args)
            return real.compile(*args)

    main._regex = _Spy()
    try:
        regex.compile(pattern, flags, cache_pattern=False)
    finally:
        main._regex = real
    if len(seen) != 1:
        return None
    args = seen[0]
    # (pattern, flags, code, group_index, index_group, named_lists, named_list_indexes,
    #  req_offset, req_chars, req_flags, group_count): no named lists, plain data only
    if len(args) != 11 or args[0] != pattern or args[5] or args[6]:
        return None
    args = list(args)
    args[1] = int(args[1])   # the flags: a RegexFlag, an int to the engine
    args[9] = int(args[9])
    return tuple(args)


_TEMPLATES: dict = {}


def _template_parts(template: str):
    """``template`` as literal strings and group references (1-tuples of an int or a name); None where it holds
    an escape other than ``\\N`` and ``\\g<...>`` (those go to ``regex``'s own parser)."""
    parts: list = []
    lit: list[str] = []
    i, n = 0, len(template)
    while i < n:
        c = template[i]
        if c != "\\":
            lit.append(c)
            i += 1
            continue
        nxt = template[i + 1] if i + 1 < n else ""
        if nxt.isdigit() and nxt != "0":
            j = i + 2 if not (i + 2 < n and template[i + 2].isdigit()) else i + 3
            ref: int | str = int(template[i + 1:j])
            i = j
        elif nxt == "g" and i + 2 < n and template[i + 2] == "<":
            end = template.find(">", i + 3)
            if end < 0:
                return None
            name = template[i + 3:end]
            if not name:
                return None
            ref = int(name) if name.isdigit() else name
            i = end + 1
        else:
            return None
        if lit:
            parts.append("".join(lit))
            lit = []
        parts.append((ref,))   # (a group reference: a 1-tuple, a literal: a str)
    if lit:
        parts.append("".join(lit))
    return tuple(parts)


def expand(m, template: str) -> str:
    """``m.expand(template)`` for group references and literal text without ``regex``'s Python
    template parser (which ``Match.expand`` imports); other templates go to ``m.expand``."""
    if "\\" not in template:
        return template
    parts = _TEMPLATES.get(template, False)
    if parts is False:
        parts = _TEMPLATES[template] = _template_parts(template)
    if parts is None:
        return m.expand(template)
    out = []
    try:
        for p in parts:
            if p.__class__ is str:
                out.append(p)
            else:
                out.append(m.group(p[0]) or "")
    except IndexError:   # (no such group: regex's own answer, whatever it is)
        return m.expand(template)
    return "".join(out)
