"""The ``mt-repair`` command's entry point.

The console script that pip writes imports the module it names before calling anything, so a
Ctrl-C while ``repair.cli`` and its imports load would show a traceback.  This module imports
nothing at load time: the import happens inside ``main``, where the interrupt is caught and
reported in one line with exit code 130, as everywhere else in the command."""

import sys


def main(argv=None) -> int:
    if argv is None:
        # a command-line run (not a caller's process): the cyclic garbage collector waits for
        # more new objects than its default 700 before each young collection (start-up builds
        # tens of thousands of long-lived rule and data objects, which it would walk again and
        # again), and what is alive at the end is frozen, so the collection at exit skips it
        import gc

        gc.set_threshold(50_000, 50, 50)
        _compiled_dataclass_methods()
    try:
        from .cli import main as cli_main
    except KeyboardInterrupt:
        sys.stderr.write("mt-repair: interrupted\n")
        return 130
    code = cli_main(argv)
    if argv is None:
        gc.freeze()
    return code


def _compiled_dataclass_methods() -> None:
    """The console command's start-up (not a library caller's process): the methods
    ``dataclasses`` writes for each class (``__init__``, ``__repr__``, ``__eq__``, ...) are
    compiled once per source text and Python bytecode version and kept in the parsed-data cache
    (``repair.datacache``), instead of being compiled from source in every process: the 21
    dataclasses a fix defines cost it about 90M instructions, a sixth of its start-up.  The code
    objects are those ``exec`` of the same text compiles (no flags inherited: ``dataclasses``
    imports no ``__future__`` feature, checked here), run with the same namespaces."""
    try:
        import __future__
        import dataclasses
        from importlib.util import MAGIC_NUMBER

        from . import datacache

        flags = dataclasses._create_fn.__code__.co_flags
        if any(flags & getattr(__future__, n).compiler_flag for n in __future__.all_feature_names):
            return
    except Exception:  # (another Python's dataclasses: compiled as it does)
        return
    kind = f"dataclass-code|{MAGIC_NUMBER.hex()}"
    builtin_exec = exec

    def _exec(source, globals=None, locals=None, /):
        if type(source) is str and globals is not None:
            text = source
            source = datacache.cached(kind, text, lambda: compile(text, "<string>", "exec", dont_inherit=True))
        return builtin_exec(source, globals, locals)

    dataclasses.exec = _exec
