"""The seed article against its gold annotations, through `mt-repair eval --json`: the figures
the engine issue sets (a regression guard, measured exactly as the eval command measures)."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_seed_gold_figures():
    # the seed's gold only: the other dev articles in corpora/ are measured, not held to the seed's figures
    p = subprocess.run([sys.executable, "-m", "repair", "eval", "--json", str(ROOT / "corpora" / "nato-russia.gold.yaml")],
                       capture_output=True, cwd=ROOT)
    assert p.returncode == 0, p.stderr.decode()
    s = json.loads(p.stdout)
    must = s["by_level"]["must"]
    assert must["fragments"] >= 35
    assert must["detected_pct"] >= 95.0, must
    assert must["corrected_pct"] >= 90.0, must
    assert s["harm_per_1000"] <= 1.0, s["harm_per_1000"]
    assert s["by_level"]["should"]["corrected_pct"] >= 60.0
