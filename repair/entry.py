"""The ``mt-repair`` command's entry point.

The console script that pip writes imports the module it names before calling anything, so a
Ctrl-C while ``repair.cli`` and its imports load would show a traceback.  This module imports
nothing at load time: the import happens inside ``main``, where the interrupt is caught and
reported in one line with exit code 130, as everywhere else in the command."""

import sys


def main(argv=None) -> int:
    try:
        from .cli import main as cli_main
    except KeyboardInterrupt:
        sys.stderr.write("mt-repair: interrupted\n")
        return 130
    return cli_main(argv)
