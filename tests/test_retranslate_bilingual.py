"""Bilingual files: TSV, JSONL, XLIFF 1.2 and 2.0 — targets repaired, every other byte kept."""

from __future__ import annotations

import json

import pytest

from repair.retranslate import bilingual as B
from _retranslate_fixtures import cache, rt  # noqa: F401

SRC = "Stoltenberg noted that they are willing to talk in good faith."
TGT = "Stoltenberg noted that eThey are willing to talk in good faith."
GOOD = "Stoltenberg noted that they are willing to talk in good faith."

XLIFF12 = f"""<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file source-language="en" target-language="en" datatype="plaintext" original="a.txt">
    <body>
      <trans-unit id="1" approved="no">
        <source>{SRC}</source>
        <target state="translated">{TGT}</target>
      </trans-unit>
      <trans-unit id="2">
        <source>Tom &amp; Jerry &lt;3</source>
        <target>Tom &amp; Jerry &lt;3</target>
      </trans-unit>
      <trans-unit id="3">
        <source>With <g id="1">markup</g></source>
        <target>With <g id="1">markup</g> e</target>
      </trans-unit>
    </body>
  </file>
</xliff>
"""

XLIFF20 = f"""<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="en">
 <file id="f1">
  <unit id="u1">
   <segment state="translated">
    <source>{SRC}</source>
    <target>{TGT}</target>
   </segment>
  </unit>
  <unit id="u2"><segment><source>Hello world.</source><target/></segment></unit>
 </file>
</xliff>
"""


def _roundtrip(raw, fmt, new):
    segs = B.read_bilingual(raw, fmt)
    return segs, B.write_back(raw, segs, new(segs))


def test_tsv_reads_and_writes_only_targets():
    raw = f"{SRC}\t{TGT}\r\nA b.\tA b.\n\nno tab line\n"
    segs, out = _roundtrip(raw, "tsv", lambda ss: [s.tgt.replace("eThey", "they") for s in ss])
    assert [(s.src, s.tgt) for s in segs] == [(SRC, TGT), ("A b.", "A b.")]
    assert out == raw.replace(TGT, GOOD)
    assert B.write_back(raw, segs, [s.tgt for s in segs]) == raw


def test_jsonl_keeps_other_fields_and_escapes():
    lines = [json.dumps({"id": 1, "src": SRC, "tgt": TGT, "note": "x"}, ensure_ascii=False),
             json.dumps({"tgt": "Caf\u00e9 e", "src": "Caf\u00e9 y", "n": [1, {"tgt": "inner"}]}, ensure_ascii=True)]
    raw = "\n".join(lines) + "\n"
    segs, out = _roundtrip(raw, "jsonl", lambda ss: [ss[0].tgt.replace("eThey", "they"), "Caf\u00e9 and"])
    assert [s.tgt for s in segs] == [TGT, "Caf\u00e9 e"]
    a, b = out.splitlines()
    assert json.loads(a) == {"id": 1, "src": SRC, "tgt": GOOD, "note": "x"}
    assert json.loads(b)["tgt"] == "Caf\u00e9 and" and "\\u00e9 and" in b and '"inner"' in b
    with pytest.raises(ValueError):
        B.read_bilingual('{"src": 1}\n', "jsonl")


@pytest.mark.parametrize("raw", [XLIFF12, XLIFF20])
def test_xliff_targets_only(raw):
    assert B.guess_format("x.xlf", raw) == "xliff" and B.guess_format("x.txt", raw) == "xliff"
    segs = B.read_bilingual(raw, "xliff")
    assert segs[0].src == SRC and segs[0].tgt == TGT
    new = [s.tgt.replace("eThey", "they") + (" & <b>" if i == 1 else "") for i, s in enumerate(segs)]
    out = B.write_back(raw, segs, new)
    expected = raw.replace(f">{TGT}</target>", f">{GOOD}</target>").replace(
        "<target>Tom &amp; Jerry &lt;3</target>", "<target>Tom &amp; Jerry &lt;3 &amp; &lt;b&gt;</target>")
    assert out == expected
    if "trans-unit" in raw:
        assert segs[1].tgt == "Tom & Jerry <3" and segs[2].span is None   # inline markup: left alone


def test_repair_segments_rules_only_and_with_copy_model(rt, cache):
    from repair.retranslate.engine import repair_segments
    from repair.retranslate.models import load

    pairs = [(SRC, TGT), ("The two sides met.", "The two sides met."),
             ("It was recognized by the Allied Secretary General, Jens Stoltenberg, in Brussels.",
              "It was recognized by the allied general secretary, Jens Stoltenberg, in Brussels.")]
    rules_only, _ = repair_segments(pairs)
    assert rules_only[0] == GOOD and rules_only[1] == pairs[1][1]
    new, res = repair_segments(pairs, load(rt["argos"]))
    assert new == [p[0] for p in pairs]
    assert res.stats["retranslated"] == 2
