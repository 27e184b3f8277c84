"""Speed and memory of mt-repair (a script, never a timed test).

    python bench/benchmark.py [--articles N] [--source synth|newstest] [--runs 5] [--json]
    python bench/benchmark.py --ratios [--runs 5] [--jobs-articles 200] [--json]

``--ratios`` measures, in one run, the figures of issue 8 as ratios (so the machine's speed cancels):
(r1) ``repair_text`` of newstest2012.en joined into one file, one core, against a bare Python
     tokenise-and-dictionary-lookup loop over the same text, the best of 5 runs (target >= 0.05;
     also as a ratio of CPU times, which the machine's load moves less);
(r2) the seed article repeated 200 times against that clean text, in words/s (target >= 0.4);
(r3) a cold ``mt-repair fix seeds/nato-russia.txt`` against a cold ``python -c pass`` (target <= 7),
     the package's modules byte-compiled first, as ``pip install`` does (an editable checkout
     where ``PYTHONDONTWRITEBYTECODE`` is set would compile every module from source on every
     run; ``--no-compile`` measures that case);
(r4) ``check --jobs 2`` against ``--jobs 1`` on 200 articles (target >= 1.5 when two cores are free).

(a) throughput: words per second of ``repair.pipeline.repair_text`` over many articles in this
    process, pinned to one core, after a warm-up article (which loads rules, lexicons, caches);
(b) cold start: wall time of ``mt-repair fix seeds/nato-russia.txt`` as a fresh subprocess,
    median of ``--runs`` runs;
(c) peak memory: ``ru_maxrss`` of this process after the batch, and of the largest cold CLI run.

Articles come from the synthetic damaged set (``repair.synth``, generated in memory from
../shared/corpora/newstest2012/newstest2012.en) or from plain newstest chunks of 30 sentences.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

WORD_RE = re.compile(r"\w+")


def articles(source: str, n: int, seed: int) -> list[str]:
    from repair import synth

    src = synth.DEFAULT_SRC
    if not src.exists():
        sys.exit(f"benchmark: {src} not found (../shared/corpora beside the checkout)")
    lines = [ln for ln in synth.read_sentences(src) if ln]
    out = []
    if source == "newstest":
        for i in range(0, len(lines), 30):
            out.append("\n\n".join(lines[i:i + 30]) + "\n")
            if len(out) >= n:
                break
        return out
    rng = random.Random(f"bench:{seed}")
    pos = 0
    for k in range(n):
        length = rng.randint(10, 20)
        if pos + length > len(lines):
            pos = 0
        _, damaged, _ = synth.make_article(lines[pos:pos + length], random.Random(f"bench:{seed}:{k}"), pool=lines)
        out.append(damaged)
        pos += length
    return out


def maxrss_mib(who=resource.RUSAGE_SELF) -> float:
    kb = resource.getrusage(who).ru_maxrss
    return round(kb / 1024 / (1024 if sys.platform == "darwin" else 1), 1)


def cold_cli(runs: int, env: dict | None = None) -> dict:
    exe = Path(sys.executable).with_name("mt-repair")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "repair"]
    cmd += ["fix", str(ROOT / "seeds" / "nato-russia.txt")]
    times, rss = [], []
    for _ in range(runs):
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT, env=env)
        _, status, ru = os.wait4(p.pid, 0)
        times.append(time.perf_counter() - t0)
        p.returncode = os.waitstatus_to_exitcode(status)
        err = p.stderr.read().decode(errors="replace") if p.stderr else ""
        if p.returncode != 0:
            sys.exit(f"benchmark: {' '.join(cmd)} exited {p.returncode}: {err.strip()[-500:]}")
        rss.append(ru.ru_maxrss / 1024)
    return {"command": "mt-repair fix seeds/nato-russia.txt", "runs": runs,
            "median_s": round(statistics.median(times), 3), "min_s": round(min(times), 3),
            "max_s": round(max(times), 3), "peak_rss_mib": round(max(rss), 1)}


def throughput(texts: list[str]) -> dict:
    from repair.pipeline import repair_text

    if hasattr(os, "sched_setaffinity"):
        try:
            os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
        except OSError:
            pass
    t0 = time.perf_counter()
    repair_text(texts[0])  # warm-up: loads rules and lexicons
    warm = time.perf_counter() - t0
    words = sum(len(WORD_RE.findall(t)) for t in texts[1:])
    changed = 0
    t0 = time.perf_counter()
    cpu0 = time.process_time()
    for t in texts[1:]:
        changed += repair_text(t).output != t
    wall = time.perf_counter() - t0
    cpu = time.process_time() - cpu0
    return {"articles": len(texts) - 1, "words": words, "wall_s": round(wall, 3), "cpu_s": round(cpu, 3),
            "words_per_s": round(words / wall) if wall else None,
            "ms_per_article": round(1000 * wall / max(1, len(texts) - 1), 1),
            "warmup_s": round(warm, 3), "changed_articles": changed, "peak_rss_mib": maxrss_mib()}


def _pin_one_core() -> None:
    if hasattr(os, "sched_setaffinity"):
        try:
            os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
        except OSError:
            pass


def _cold(cmd: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT, check=True)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def ratios(runs: int, jobs_articles: int, compile_first: bool = True) -> dict:
    from repair import synth

    src = synth.DEFAULT_SRC
    if not src.exists():
        sys.exit(f"benchmark: {src} not found (../shared/corpora beside the checkout)")
    exe = Path(sys.executable).with_name("mt-repair")
    cli = [str(exe)] if exe.exists() else [sys.executable, "-m", "repair"]
    out: dict = {}
    if compile_first:
        import compileall

        compileall.compile_dir(str(ROOT / "repair"), quiet=1)
    # (r3) cold start, before this process pins itself
    cold_fix = _cold([*cli, "fix", str(ROOT / "seeds" / "nato-russia.txt")], runs)
    cold_py = _cold([sys.executable, "-c", "pass"], runs)
    out["cold"] = {"fix_s": round(cold_fix, 3), "python_pass_s": round(cold_py, 3),
                   "ratio": round(cold_fix / cold_py, 2), "target": "<= 7", "bytecode": compile_first}
    # (r4) --jobs 2 against --jobs 1
    try:
        sys.path.insert(0, str(ROOT / "bench"))
        import jobs

        import contextlib
        import io

        buf = io.StringIO()
        with contextlib.redirect_stdout(buf):
            jobs.main(["--articles", str(jobs_articles), "--jobs", "1,2", "--json"])
        j = json.loads(buf.getvalue())
        w = {int(k): v for k, v in j["wall_s"].items()}
        out["jobs"] = {"articles": j["articles"], "jobs1_s": w[1], "jobs2_s": w[2],
                       "ratio": round(w[1] / w[2], 2), "cpus": os.cpu_count(), "target": ">= 1.5"}
    except SystemExit as exc:
        out["jobs"] = {"error": str(exc)}
    _pin_one_core()
    from repair.pipeline import repair_text

    news = src.read_text(encoding="utf-8")
    seed = (ROOT / "seeds" / "nato-russia.txt").read_text(encoding="utf-8")
    seed200 = "\n\n".join([seed] * 200)
    repair_text(seed)  # warm-up: rules, lexicon index
    # (r1) the bare loop: tokenise and look every word up in a dictionary
    vocab = {w: i for i, w in enumerate(set(WORD_RE.findall(news.lower())))}
    # (the best of 5: one 0.05 s run moves by half with what else the core does meanwhile)
    loop_s = loop_cpu = float("inf")
    for _ in range(5):
        t0, c0 = time.perf_counter(), time.process_time()
        hits = 0
        for w in WORD_RE.findall(news):
            hits += vocab.get(w.lower(), -1) >= 0
        loop_s, loop_cpu = min(loop_s, time.perf_counter() - t0), min(loop_cpu, time.process_time() - c0)
    news_words = len(WORD_RE.findall(news))
    t0, c0 = time.perf_counter(), time.process_time()
    repair_text(news)
    news_s, news_cpu = time.perf_counter() - t0, time.process_time() - c0
    # (the ratio of CPU times too: on a loaded machine the 0.05 s loop and the seconds-long fix
    # wait for the core unequally, so the wall-time ratio moves with the load)
    out["clean"] = {"words": news_words, "fix_s": round(news_s, 3), "fix_words_per_s": round(news_words / news_s),
                    "loop_s": round(loop_s, 4), "loop_words_per_s": round(news_words / loop_s),
                    "ratio": round(loop_s / news_s, 4), "target": ">= 0.05",
                    "fix_cpu_s": round(news_cpu, 3), "loop_cpu_s": round(loop_cpu, 4),
                    "cpu_ratio": round(loop_cpu / news_cpu, 4) if news_cpu and loop_cpu else None}
    # (r2) damaged copy: the seed 200 times
    seed_words = len(WORD_RE.findall(seed200))
    t0 = time.perf_counter()
    r = repair_text(seed200)
    seed_s = time.perf_counter() - t0
    out["seed200"] = {"words": seed_words, "findings": len(r.findings), "fix_s": round(seed_s, 3),
                      "words_per_s": round(seed_words / seed_s),
                      "ratio": round((seed_words / seed_s) / (news_words / news_s), 3), "target": ">= 0.4"}
    out["peak_rss_mib"] = maxrss_mib()
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=100, help="articles in the batch (default 100)")
    ap.add_argument("--source", choices=("synth", "newstest"), default="synth")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--runs", type=int, default=5, help="cold CLI runs (default 5)")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--ratios", action="store_true", help="the ratios of issue 8 (see the docstring)")
    ap.add_argument("--jobs-articles", type=int, default=200)
    ap.add_argument("--no-compile", action="store_true",
                    help="--ratios: leave the package's bytecode as it is before the cold runs")
    args = ap.parse_args(argv)
    if args.ratios:
        r = ratios(args.runs, args.jobs_articles, not args.no_compile)
        if args.json:
            print(json.dumps(r, indent=2))
            return 0
        c, s1, s2, j = r["clean"], r["seed200"], r["cold"], r["jobs"]
        print(f"mt-repair ratios (python {sys.version.split()[0]}, {os.cpu_count()} cpus; fix pinned to one core)")
        print(f"  clean newstest2012 in one file vs bare loop   {c['ratio']:.4f}  (target {c['target']}; "
              f"{c['fix_words_per_s']} vs {c['loop_words_per_s']} words/s, {c['words']} words)")
        print(f"    the same in CPU time                        {c['cpu_ratio']}  ({c['fix_cpu_s']} s vs "
              f"{c['loop_cpu_s']} s; load average {os.getloadavg()[0]:.1f})")
        print(f"  seed x200 vs clean, words/s                   {s1['ratio']:.3f}  (target {s1['target']}; "
              f"{s1['words_per_s']} words/s, {s1['findings']} findings)")
        print(f"  cold fix of the seed vs python -c pass        {s2['ratio']:.2f}  (target {s2['target']}; "
              f"{s2['fix_s']} s vs {s2['python_pass_s']} s; "
              f"{'bytecode compiled first' if s2['bytecode'] else 'bytecode as found'})")
        if "ratio" in j:
            print(f"  check --jobs 2 vs --jobs 1, {j['articles']} articles   {j['ratio']:.2f}  (target {j['target']}; "
                  f"{j['jobs1_s']} s vs {j['jobs2_s']} s; needs two free cores)")
        else:
            print(f"  check --jobs 2 vs --jobs 1: {j['error']}")
        print(f"  peak memory of this process                   {r['peak_rss_mib']} MiB")
        return 0

    import tempfile

    with tempfile.TemporaryDirectory() as empty:  # the very first run builds the evidence index
        first = cold_cli(1, env={**os.environ, "MT_REPAIR_CACHE": empty})
    cold = cold_cli(args.runs)  # first, before this process pins itself to one core
    cold["first_run_empty_cache_s"] = first["median_s"]
    texts = articles(args.source, args.articles + 1, args.seed)
    batch = throughput(texts)
    res = {"batch": {"source": args.source, **batch}, "cold_cli": cold,
           "python": sys.version.split()[0], "cpus": os.cpu_count()}
    if args.json:
        print(json.dumps(res, indent=2))
        return 0
    b, c = res["batch"], res["cold_cli"]
    print(f"mt-repair benchmark (python {res['python']}, {res['cpus']} cpus; batch pinned to one core)")
    print(f"  {'batch fix (' + b['source'] + ')':<34} {b['articles']} articles, {b['words']} words, "
          f"{b['wall_s']} s wall, {b['cpu_s']} s cpu")
    print(f"  {'  throughput':<34} {b['words_per_s']} words/s  ({b['ms_per_article']} ms/article; "
          f"warm-up {b['warmup_s']} s; {b['changed_articles']} articles changed)")
    print(f"  {'  peak memory (this process)':<34} {b['peak_rss_mib']} MiB maxrss")
    print(f"  {'cold CLI: ' + c['command']:<34} median {c['median_s']} s of {c['runs']} "
          f"(min {c['min_s']}, max {c['max_s']})")
    print(f"  {'  peak memory (cold CLI)':<34} {c['peak_rss_mib']} MiB maxrss")
    print(f"  {'  first run, empty cache':<34} {c['first_run_empty_cache_s']} s (builds the lexicon index once)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
