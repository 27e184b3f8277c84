import sys

try:
    from .cli import main
except KeyboardInterrupt:  # Ctrl-C while Python imports the command: one line, no traceback
    sys.stderr.write("mt-repair: interrupted\n")
    sys.exit(130)

sys.exit(main())
