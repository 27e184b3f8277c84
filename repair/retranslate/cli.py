"""``mt-repair models``.  (``fix --source/--model`` and bilingual files go through the one job
loop, :mod:`repair.jobs`.)  Imported by ``repair.cli`` only for ``models``."""

from __future__ import annotations

import sys


def cmd_models(args) -> int:
    from .models import argos_package_dirs, scan_models

    found, problems = scan_models(getattr(args, "paths", None) or [])
    for line in problems:          # a broken model: one line each, exit 2 after the listing
        print(line, file=sys.stderr)
    if problems:
        for m in found:
            print(m.describe())
        return 2
    if not found:
        print("no models found (looked in " + ", ".join(argos_package_dirs())
              + "; give a folder or .argosmodel with --model or MT_REPAIR_MODEL)", file=sys.stderr)
        return 1
    for m in found:
        print(m.describe())
    return 0
