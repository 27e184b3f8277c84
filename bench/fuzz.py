"""A long fuzz campaign (a script, never a timed test): crashes, offsets, idempotence, replay.

    nice python bench/fuzz.py [--n 20000] [--seed 1] [--jobs 1] [--time-limit 600] [--json]

Generates ``--n`` inputs, a quarter of each kind of ``bench/fuzzgen.py`` (random Unicode,
damaged news sentences, Markdown, HTML), from the clean newstest2012 sentences when
``../shared/corpora`` is beside the checkout (read at run time, never copied), else from the
seed's reference, and checks for each: ``repair.api.repair`` raises nothing, every finding's
offsets point into the input, repairing the output changes nothing (idempotence), and, where
the JSON report carries the applied ``edits``, that they replay the output.  Prints the figures
per kind and the first failing inputs (``--show``).  ``--time-limit`` stops early and says so:
the figures are then those of the inputs that ran.  Exit 1 when anything failed.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import fuzzgen  # noqa: E402

NEWSTEST = ROOT.parent / "shared" / "corpora" / "newstest2012" / "newstest2012.en"


def base_sentences(limit: int = 3000) -> tuple[list[str], str]:
    if NEWSTEST.exists():
        lines = [ln.strip() for ln in NEWSTEST.read_text(encoding="utf-8").splitlines() if len(ln.split()) >= 5]
        return lines[:limit], str(NEWSTEST)
    ref = ROOT / "seeds" / "nato-russia.ref.txt"
    return [ln.strip() for ln in ref.read_text(encoding="utf-8").splitlines() if len(ln.split()) >= 5], str(ref)


def work(job):
    """Run inputs ``start..stop`` of the campaign (each from its own seeded generator)."""
    seed, start, stop, deadline, replay = job
    from repair.api import repair
    from repair.config import Config

    cfg = Config()
    base, _ = base_sentences()

    def run(text, fmt):
        return repair(text, cfg, fmt=fmt)

    stats = collections.Counter()
    fails = []
    for i in range(start, stop):
        if time.time() > deadline:
            stats["stopped"] += 1
            break
        kind = fuzzgen.KINDS[i % len(fuzzgen.KINDS)]
        rng = random.Random(f"{seed}:{i}")
        text, fmt = fuzzgen.generate(rng, kind, base)
        problem = fuzzgen.check(text, fmt, run, replay=replay)
        stats[(kind, "n")] += 1
        stats[(kind, "chars")] += len(text)
        if problem:
            what = problem.split(":", 1)[0]
            stats[(kind, what)] += 1
            fails.append((i, kind, problem, text))
    return stats, fails


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--time-limit", type=float, default=600.0, help="seconds; stop early and say so")
    ap.add_argument("--show", type=int, default=5, help="failing inputs to print")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    from repair import report
    from repair.api import repair
    from repair.config import Config

    probe = repair("The need from resume y the talks.", Config())
    replay = "edits" in json.loads(report.as_json("probe", probe))
    t0 = time.time()
    deadline = t0 + args.time_limit
    chunk = 250
    jobs = [(args.seed, s, min(s + chunk, args.n), deadline, replay) for s in range(0, args.n, chunk)]
    stats = collections.Counter()
    fails = []
    if args.jobs > 1:
        import multiprocessing as mp

        with mp.get_context("fork").Pool(args.jobs) as pool:
            for st, fl in pool.imap_unordered(work, jobs):
                stats.update(st)
                fails += fl
    else:
        for job in jobs:
            st, fl = work(job)
            stats.update(st)
            fails += fl
    took = time.time() - t0
    kinds = fuzzgen.KINDS
    n = sum(stats[(k, "n")] for k in kinds)
    figures = {
        "inputs": n, "asked": args.n, "seconds": round(took, 1), "seed": args.seed,
        "stopped_early": n < args.n, "base": base_sentences()[1], "replay_checked": replay,
        "load": round(os.getloadavg()[0], 1),
        "per_kind": {k: {"inputs": stats[(k, "n")], "mean_chars": round(stats[(k, "chars")] / max(1, stats[(k, "n")])),
                         "crash": stats[(k, "crash")] + stats[(k, "crash on the output")],
                         "offsets": stats[(k, "offsets")], "idempotence": stats[(k, "idempotence")],
                         "replay": stats[(k, "replay")] + stats[(k, "report")]} for k in kinds},
    }
    total = {w: sum(v[w] for v in figures["per_kind"].values()) for w in ("crash", "offsets", "idempotence", "replay")}
    figures["failures"] = total
    if args.json:
        print(json.dumps(figures, indent=1))
    else:
        print(f"fuzz: {n} inputs of {args.n} in {took:.0f} s (seed {args.seed}, load {figures['load']}; "
              f"sentences from {figures['base']}){'  STOPPED AT THE TIME LIMIT' if n < args.n else ''}")
        print(f"  {'kind':<10}{'inputs':>8}{'chars':>7}{'crash':>7}{'offsets':>9}{'idempot.':>10}{'replay':>8}")
        for k in kinds:
            v = figures["per_kind"][k]
            print(f"  {k:<10}{v['inputs']:>8}{v['mean_chars']:>7}{v['crash']:>7}{v['offsets']:>9}"
                  f"{v['idempotence']:>10}{v['replay'] if replay else '-':>8}")
        print(f"  failures: {total['crash']} crashes, {total['offsets']} offset errors, {total['idempotence']} "
              f"idempotence failures, " + (f"{total['replay']} replay failures" if replay else
                                            "replay not checked (the JSON report has no 'edits')"))
    for i, kind, problem, text in sorted(fails)[: args.show]:
        print(f"\n#{i} {kind}: {problem}\n{text!r}", file=sys.stderr)
    return 1 if any(total.values()) else 0


if __name__ == "__main__":
    raise SystemExit(main())
