"""The JSON ``edits`` replay the output, applied edits never overlap, repair is idempotent: on
generated damaged texts (hypothesis), on every file in corpora/ and on newstest2012 chunks; and
later passes that re-examine only the changed lines give the same repair as whole passes."""

import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from repair.model import Edit, apply_edits, check_edits
from repair.pipeline import repair_text
from repair.report import as_json

ROOT = Path(__file__).resolve().parent.parent
NEWSTEST = ROOT.parent / "shared" / "corpora" / "newstest2012" / "newstest2012.en"


def _lang(name: str) -> str:
    return name[:2] if name[:3] in ("es-", "pt-", "fr-", "it-") else "es"


def _sentences() -> dict[str, list[str]]:
    """Sentences of the dev articles, by source language (an article has one)."""
    out: dict[str, list[str]] = {}
    for p in sorted((ROOT / "corpora").glob("*.txt")):
        for ln in p.read_text(encoding="utf-8").splitlines():
            ln = ln.strip()
            if 20 <= len(ln) <= 220:
                out.setdefault(_lang(p.name), []).append(ln)
    return out


POOL = _sentences()
# kinds of damage seen in machine-translated copy (never words of one article)
SOURCE_WORDS = {"es": ["y", "de", "del", "la", "los", "que", "pero", "OTAN", "ONU", "EE.UU."],
                "pt": ["e", "do", "da", "os", "que", "mas", "EUA", "ONU"],
                "fr": ["et", "de", "la", "les", "que", "mais", "ONU"],
                "it": ["e", "di", "della", "che", "ma", "ONU"]}
GLUE_AFTER = ["from", "the", "to", "of", "and", "will", "said"]
BOILER = ["Read also: the latest news", "Follow us on social networks", "Subscribe to our newsletter"]


@st.composite
def damaged(draw):
    lang = draw(st.sampled_from(sorted(POOL)))
    sents = draw(st.lists(st.sampled_from(POOL[lang]), min_size=1, max_size=3))
    text = " ".join(sents)
    for _ in range(draw(st.integers(0, 4))):
        words = list(re.finditer(r"\w+", text))
        if not words:
            break
        w = draw(st.sampled_from(words))
        op = draw(st.integers(0, 9))
        if op == 0:    # a source-language word
            text = text[:w.end()] + " " + draw(st.sampled_from(SOURCE_WORDS[lang])) + text[w.end():]
        elif op == 1:  # two words glued
            j = text.find(" ", w.end())
            if j > 0:
                text = text[:j] + text[j + 1:]
        elif op == 2:  # a function word glued to the next one
            text = text[:w.start()] + draw(st.sampled_from(GLUE_AFTER)) + text[w.start():]
        elif op == 3:  # a space before punctuation
            text = text[:w.end()] + " " + draw(st.sampled_from(".,;:")) + text[w.end():]
        elif op == 4:  # straight or unbalanced quotes
            text = text[:w.start()] + draw(st.sampled_from(['"', "“", "”", "'"])) + text[w.start():]
        elif op == 5:  # a capital in mid-sentence, or a lost one
            t = w.group()
            text = text[:w.start()] + (t.lower() if t[:1].isupper() else t.capitalize()) + text[w.end():]
        elif op == 6:  # accents stripped or added
            text = text[:w.start()] + w.group().replace("e", draw(st.sampled_from(["é", "e", "è"]))) + text[w.end():]
        elif op == 7:  # a boilerplate line
            text = text + "\n\n" + draw(st.sampled_from(BOILER)) + "\n"
        elif op == 8:  # a doubled mark or a stray period
            text = text[:w.end()] + draw(st.sampled_from([",,", ". ", "..", " ."])) + text[w.end():]
        else:          # any character at all
            text = text[:w.end()] + draw(st.characters(blacklist_categories=("Cs",))) + text[w.end():]
    return text


def _check(text: str, idempotent: bool = True):
    res = repair_text(text)
    edits = check_edits(res.edits)  # raises on overlapping edits
    assert apply_edits(text, edits) == res.output
    obj = json.loads(as_json("t", res))
    replay = apply_edits(text, [Edit(e["start"], e["end"], e["replacement"]) for e in obj["edits"]])
    assert replay == obj["output"] == res.output
    for f in res.findings:
        assert text[f.start:f.end] == f.text
    if idempotent:
        again = repair_text(res.output)
        assert again.output == res.output, [(f.rule, f.text, f.replacement) for f in again.applied]
    return res


@settings(max_examples=2000, deadline=None, database=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(damaged())
def test_edits_replay_never_overlap_and_repair_is_idempotent(text):
    _check(text)


@pytest.mark.parametrize("path", sorted((ROOT / "corpora").glob("*.txt")) + [ROOT / "seeds" / "nato-russia.txt"],
                         ids=lambda p: p.name)
def test_every_corpus_file_replays_and_later_passes_see_only_what_changed(path):
    text = path.read_text(encoding="utf-8")
    res = _check(text)
    full = repair_text(text, incremental=False)
    assert full.output == res.output
    assert [(f.start, f.end, f.rule, f.applied) for f in full.findings] == \
           [(f.start, f.end, f.rule, f.applied) for f in res.findings]


@pytest.mark.skipif(not NEWSTEST.exists(), reason="../shared/corpora/newstest2012 not present")
def test_newstest_chunks_replay_and_match_whole_passes():
    lines = NEWSTEST.read_text(encoding="utf-8").splitlines()
    for i in range(0, len(lines), 30):
        text = "\n\n".join(lines[i:i + 30]) + "\n"
        res = _check(text, idempotent=False)
        full = repair_text(text, incremental=False)
        assert full.output == res.output and len(full.findings) == len(res.findings), i
