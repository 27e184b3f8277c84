"""Every `detector:` rule has a verdict (an algorithm, or a generic shape still to move onto a shared
check): scripts/detector_inventory.py exits 1 on a detector it does not know, so a new detector
rule cannot land without saying why its logic is code."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_detector_rule_has_a_verdict():
    p = subprocess.run([sys.executable, str(ROOT / "scripts" / "detector_inventory.py")], cwd=ROOT,
                       capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stdout[-2000:] + p.stderr[-2000:]
    assert "unclassified" not in p.stdout.split("rules that are not patterns")[-1], p.stdout[-1500:]


def test_the_inventory_counts_the_rules_it_classifies():
    p = subprocess.run([sys.executable, str(ROOT / "scripts" / "detector_inventory.py")], cwd=ROOT,
                       capture_output=True, text=True, timeout=300)
    counts = {}
    for line in p.stdout.splitlines():
        k, _, v = line.strip().partition(": ")
        if k in ("algorithm", "generic shape", "converted") and v.strip().isdigit():
            counts[k] = int(v)
    assert counts.get("algorithm", 0) > 40 and counts.get("converted", 0) > 80, p.stdout[-1500:]
