"""``regex.compile`` without its parser on a warm cache: a start-up cache of compiled patterns.

``regex`` compiles a pattern in two steps: a parser and optimiser written in Python turn the
pattern into a list of opcodes (most of the time of a compile), and the C engine builds the
pattern object from that list (``_regex.compile``).  The first time a pattern is compiled, the
arguments of that C call are noted in the parsed-data cache (``repair.datacache``, keyed by the
pattern, its flags and the versions of ``regex`` and Python); later processes hand the same
arguments to the same C call and get the same pattern object without parsing.  A pattern whose
arguments cannot be noted (named lists, anything unexpected) is compiled the ordinary way.
"""

from __future__ import annotations

import sys


def compile(pattern: str, flags: int):  # noqa: A001 - the name says what it stands for
    import regex

    try:
        from . import datacache

        key = f"{regex.__version__}|{sys.version_info[:2]}|{int(flags)}|"
        recipe = datacache.cached("regex-recipe", key + pattern, lambda: _recipe(pattern, flags))
        if recipe is not None:
            from regex import _regex

            return _regex.compile(*recipe)
    except Exception:
        pass
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
