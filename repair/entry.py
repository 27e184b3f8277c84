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
    try:
        from .cli import main as cli_main
    except KeyboardInterrupt:
        sys.stderr.write("mt-repair: interrupted\n")
        return 130
    code = cli_main(argv)
    if argv is None:
        gc.freeze()
    return code
