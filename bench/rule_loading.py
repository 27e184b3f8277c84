"""Rule loading: parsing the shipped rule packs with the C YAML loader (what repair.rules uses,
through repair.langdata.load_yaml) against PyYAML's pure-Python loader, as a ratio in one run.

    python bench/rule_loading.py
"""

from __future__ import annotations

import glob
import os
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)


def best_of(fn, n=5) -> float:
    best = float("inf")
    for _ in range(n):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def main() -> int:
    import yaml

    from repair.langdata import load_yaml

    paths = sorted(glob.glob(os.path.join(ROOT, "rules", "*.yaml")) + glob.glob(os.path.join(ROOT, "rules", "lang", "**", "*.yaml"), recursive=True))
    texts = [(p, open(p, encoding="utf-8").read()) for p in paths]
    py = best_of(lambda: [yaml.load(t, Loader=yaml.SafeLoader) for _, t in texts])
    c = best_of(lambda: [load_yaml(p, t) for p, t in texts])
    print(f"{len(texts)} YAML files: pure-Python loader {py * 1000:.1f} ms, repair.langdata.load_yaml "
          f"{c * 1000:.1f} ms ({'C loader' if hasattr(yaml, 'CSafeLoader') else 'no libyaml'}): {py / c:.1f}x faster")
    return 0


if __name__ == "__main__":
    sys.exit(main())
