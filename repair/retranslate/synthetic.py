"""Tiny CTranslate2 models built from numpy weights, for tests and benchmarks.

Nothing here is downloaded: a SentencePiece model is trained in-process on a few
lines of text, and the translation model's weights are set by hand.

- :func:`copy_model_spec` builds a 1-layer Transformer whose output reproduces its
  input token for token (an "identity translation"): the encoder and decoder layers
  are zeroed except the decoder's cross-attention, whose queries and keys see only
  a position code and whose values carry only the token, so decoder step *t*
  attends to source position *t* and emits that token.  The source gets ``</s>``
  appended (``add_source_eos``), which the decoder copies last, and stops.
- :func:`random_model_spec` builds a Transformer of any size with random weights
  (for shapes, batching and speed).
- :func:`package_argos`, :func:`package_argosmodel`, :func:`package_opus_mt` lay a
  model out the way Argos Translate and an OPUS-MT conversion do.
"""

from __future__ import annotations

import io
import json
import os
import zipfile

import numpy as np


def train_sentencepiece(lines, vocab_size: int = 300, identity: bool = True) -> bytes:
    """A unigram SentencePiece model trained in memory; returns the serialized model.
    ``identity``: no normalization, so decoding gives back the exact input text."""
    import sentencepiece as spm

    buf = io.BytesIO()
    kw = dict(sentence_iterator=iter(list(lines)), model_writer=buf, vocab_size=vocab_size,
              model_type="unigram", character_coverage=1.0, hard_vocab_limit=False,
              minloglevel=2, num_threads=1, bos_id=1, eos_id=2, unk_id=0, pad_id=-1)
    if identity:
        kw.update(normalization_rule_name="identity", remove_extra_whitespaces=False)
    spm.SentencePieceTrainer.train(**kw)
    return buf.getvalue()


def vocab_from_sp(model_bytes: bytes) -> list[str]:
    import sentencepiece as spm

    sp = spm.SentencePieceProcessor(model_proto=model_bytes)
    return [sp.id_to_piece(i) for i in range(sp.get_piece_size())]


def _ln(spec, d):
    spec.gamma = np.ones(d, np.float32)
    spec.beta = np.zeros(d, np.float32)


def _lin(spec, out_dim, in_dim, weight=None, rng=None, scale=0.02):
    if weight is None:
        weight = (rng.standard_normal((out_dim, in_dim)) * scale).astype(np.float32) if rng is not None \
            else np.zeros((out_dim, in_dim), np.float32)
    spec.weight = weight.astype(np.float32)
    spec.bias = np.zeros(out_dim, np.float32)


def _fill_layers(spec, d: int, ffn: int, rng=None) -> None:
    """Set every layer of an encoder/decoder spec: zeros (rng None) or random."""
    for layer in spec.layer:
        _ln(layer.self_attention.layer_norm, d)
        _lin(layer.self_attention.linear[0], 3 * d, d, rng=rng)
        _lin(layer.self_attention.linear[1], d, d, rng=rng)
        att = getattr(layer, "attention", None)
        if att is not None:
            _ln(att.layer_norm, d)
            _lin(att.linear[0], d, d, rng=rng)
            _lin(att.linear[1], 2 * d, d, rng=rng)
            _lin(att.linear[2], d, d, rng=rng)
        _ln(layer.ffn.layer_norm, d)
        _lin(layer.ffn.linear_0, ffn, d, rng=rng)
        _lin(layer.ffn.linear_1, d, ffn, rng=rng)
    _ln(spec.layer_norm, d)


def copy_model_spec(vocab: list[str], max_len: int = 512, pos_dim: int = 64, seed: int = 0):
    """A Transformer that copies its source: output == input, token for token."""
    from ctranslate2.specs import transformer_spec

    V = len(vocab)
    P = pos_dim
    d = P + V
    d += d % 2
    rng = np.random.default_rng(seed)
    u = rng.standard_normal((max_len, P))
    u -= u.mean(axis=1, keepdims=True)
    u /= np.linalg.norm(u, axis=1, keepdims=True)
    pos = np.zeros((max_len, d), np.float32)
    pos[:, :P] = u
    tok = np.zeros((V, d), np.float32)
    tok[np.arange(V), P + np.arange(V)] = 1.0

    spec = transformer_spec.TransformerSpec.from_config(1, 1)
    enc, dec = spec.encoder, spec.decoder
    enc.scale_embeddings = False
    dec.scale_embeddings = False
    enc.embeddings[0].weight = tok
    enc.position_encodings.encodings = pos
    dec.embeddings.weight = np.zeros((V, d), np.float32)
    dec.position_encodings.encodings = pos
    _fill_layers(enc, d, 4)
    _fill_layers(dec, d, 4)
    att = dec.layer[0].attention
    q = np.zeros((d, d), np.float32)
    q[np.arange(P), np.arange(P)] = 20.0          # sharp attention on the matching position
    kv = np.zeros((2 * d, d), np.float32)
    kv[np.arange(P), np.arange(P)] = 1.0          # keys: the position code
    kv[d + P + np.arange(V), P + np.arange(V)] = 1.0  # values: the token
    o = np.zeros((d, d), np.float32)
    o[P + np.arange(V), P + np.arange(V)] = 1.0
    _lin(att.linear[0], d, d, weight=q)
    _lin(att.linear[1], 2 * d, d, weight=kv)
    _lin(att.linear[2], d, d, weight=o)
    proj = np.zeros((V, d), np.float32)
    proj[np.arange(V), P + np.arange(V)] = 5.0
    _lin(dec.projection, V, d, weight=proj)
    spec.config.add_source_eos = True
    spec.register_source_vocabulary(vocab)
    spec.register_target_vocabulary(vocab)
    return spec


def random_model_spec(vocab: list[str], layers: int = 1, d: int = 32, heads: int = 2, ffn: int | None = None,
                      seed: int = 0):
    """A Transformer with random weights (sinusoidal positions), any size."""
    from ctranslate2.specs import transformer_spec

    rng = np.random.default_rng(seed)
    V = len(vocab)
    ffn = ffn or 4 * d
    spec = transformer_spec.TransformerSpec.from_config(layers, heads)
    spec.encoder.embeddings[0].weight = (rng.standard_normal((V, d)) * 0.1).astype(np.float32)
    spec.decoder.embeddings.weight = (rng.standard_normal((V, d)) * 0.1).astype(np.float32)
    _fill_layers(spec.encoder, d, ffn, rng)
    _fill_layers(spec.decoder, d, ffn, rng)
    _lin(spec.decoder.projection, V, d, rng=rng, scale=0.1)
    spec.register_source_vocabulary(vocab)
    spec.register_target_vocabulary(vocab)
    return spec


def save_spec(spec, out_dir: str, quantization: str | None = None) -> str:
    spec.validate()
    spec.optimize(quantization=quantization)
    os.makedirs(out_dir, exist_ok=True)
    spec.save(out_dir)
    return out_dir


def package_argos(spec, sp_model: bytes, out_dir: str, from_code: str = "es", to_code: str = "en",
                  quantization: str | None = None) -> str:
    """An installed Argos Translate package folder: metadata.json, model/, sentencepiece.model."""
    os.makedirs(out_dir, exist_ok=True)
    save_spec(spec, os.path.join(out_dir, "model"), quantization)
    with open(os.path.join(out_dir, "sentencepiece.model"), "wb") as f:
        f.write(sp_model)
    meta = {"package_version": "1.0", "argos_version": "1.0", "from_code": from_code, "to_code": to_code,
            "from_name": from_code, "to_name": to_code, "type": "translate"}
    with open(os.path.join(out_dir, "metadata.json"), "w", encoding="utf-8") as f:
        json.dump(meta, f)
    return out_dir


def package_argosmodel(folder: str, out_path: str) -> str:
    """Zip an Argos package folder as a ``.argosmodel`` (one top-level folder inside)."""
    top = os.path.basename(os.path.normpath(folder))
    with zipfile.ZipFile(out_path, "w", zipfile.ZIP_DEFLATED) as z:
        for root, _dirs, files in os.walk(folder):
            for name in files:
                full = os.path.join(root, name)
                z.write(full, os.path.join(top, os.path.relpath(full, folder)))
    return out_path


def package_opus_mt(spec, sp_model: bytes, out_dir: str, tgt_sp_model: bytes | None = None,
                    quantization: str | None = None) -> str:
    """A folder as converted from OPUS-MT/Marian: the CTranslate2 files, source.spm, target.spm."""
    save_spec(spec, out_dir, quantization)
    with open(os.path.join(out_dir, "source.spm"), "wb") as f:
        f.write(sp_model)
    with open(os.path.join(out_dir, "target.spm"), "wb") as f:
        f.write(tgt_sp_model or sp_model)
    return out_dir
