"""Re-translation benchmark (a script, not a timed test).

- target tokens/s of re-translation with a Marian-base-sized random model (6+6 layers,
  d=512, 8 heads, FFN 2048, 32k vocabulary), int8 on CPU, 2 threads;
- the share of the seed's sentences that are re-translated (copy model, reference as source);
- peak memory (max RSS) of the process.

    python bench/retranslate.py [--threads 2] [--sentences 64]
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
sys.path.insert(0, ROOT)


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--sentences", type=int, default=64)
    ap.add_argument("--beam-size", type=int, default=4)
    a = ap.parse_args(argv)
    import ctranslate2

    from repair.retranslate import synthetic as S
    from repair.retranslate.engine import repair_with_source
    from repair.retranslate.models import Model, inspect

    seed = open(os.path.join(ROOT, "seeds", "nato-russia.txt"), encoding="utf-8").read()
    ref = open(os.path.join(ROOT, "seeds", "nato-russia.ref.txt"), encoding="utf-8").read()
    with tempfile.TemporaryDirectory() as tmp:
        # 1. share of sentences re-translated on the seed (identity model)
        lines = [l for l in (seed + "\n" + ref).splitlines() if l.strip()]
        spm = S.train_sentencepiece(lines, 400)
        vocab = S.vocab_from_sp(spm)
        S.package_argos(S.copy_model_spec(vocab), spm, os.path.join(tmp, "copy"), "en", "en")
        m = Model(inspect(os.path.join(tmp, "copy")), intra_threads=a.threads)
        t = time.perf_counter()
        res = repair_with_source(seed, ref, m)
        seed_s = time.perf_counter() - t
        print(f"seed: {res.stats}  equal to the reference: {res.output == ref}  ({seed_s:.2f} s with rules)")

        # 2. Marian-base-sized random model, int8, 2 threads
        base_vocab = vocab + [f"▁tok{i}" for i in range(32000 - len(vocab))]
        t = time.perf_counter()
        spec = S.random_model_spec(base_vocab, layers=6, d=512, heads=8, ffn=2048, seed=1)
        out = os.path.join(tmp, "base")
        S.package_opus_mt(spec, spm, out, quantization="int8")
        del spec
        print(f"built a 6+6-layer d=512 32k-vocabulary model in {time.perf_counter() - t:.1f} s")
        tr = ctranslate2.Translator(out, device="cpu", compute_type="int8", intra_threads=a.threads)
        sents = [l for l in ref.splitlines() if l.strip()]
        src = [m.encode_src(s) for s in (sents * 10)[:a.sentences]]
        # prefixes: the first third of each sentence, as when the damage is in the middle
        pre = [s[:len(s) // 3] for s in src]
        tr.translate_batch(src[:2], max_decoding_length=8)   # warm-up
        n_src = sum(len(s) for s in src)
        for beam in (1, a.beam_size):
            t = time.perf_counter()
            res = tr.translate_batch(src, target_prefix=pre, beam_size=beam, max_batch_size=32,
                                     max_decoding_length=int(1.3 * max(len(s) for s in src)))
            dt = time.perf_counter() - t
            n_tgt = sum(len(r.hypotheses[0]) for r in res)
            gen = n_tgt - sum(len(p) for p in pre)
            print(f"beam {beam}: {len(src)} sentences, {n_src} source tokens, {n_tgt} target tokens "
                  f"({gen} generated) in {dt:.2f} s: {n_tgt / dt:.0f} target tokens/s, {gen / dt:.0f} generated/s")
        t = time.perf_counter()
        sc = tr.score_batch(src, src, max_batch_size=32)
        dt = time.perf_counter() - t
        print(f"score_batch: {sum(len(s) for s in src) / dt:.0f} target tokens/s")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (max RSS): {peak:.0f} MB")


if __name__ == "__main__":
    main()
