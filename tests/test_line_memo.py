"""The whole-text passes take the findings of the line-local detectors (``pipeline.LOCAL``) on a
line whose text and surroundings an earlier whole-text pass saw from that pass
(``pipeline.LineMemo``): the repair must be the one the detectors give when they run on every
line each time, on corpora/ and on newstest2012 chunks; a detector that breaks the contract is
taken off the memo."""

from pathlib import Path

import pytest

import repair.pipeline as P
from repair.config import Config
from repair.document import Document
from repair.pipeline import repair_text

ROOT = Path(__file__).resolve().parent.parent
NEWSTEST = ROOT.parent / "shared" / "corpora" / "newstest2012" / "newstest2012.en"


def _texts():
    out = [(p.name, p.read_text(encoding="utf-8")) for p in sorted((ROOT / "corpora").glob("*.txt"))]
    out.append(("seed", (ROOT / "seeds" / "nato-russia.txt").read_text(encoding="utf-8")))
    if NEWSTEST.exists():
        lines = NEWSTEST.read_text(encoding="utf-8").split("\n")
        out += [(f"newstest:{i}", "\n".join(lines[i:i + 80])) for i in range(0, 800, 160)]
    return out


def _print(r):
    return (r.output,
            [(f.start, f.end, f.rule, f.replacement, f.confidence, f.applied, f.status, f.reason, f.message,
              f.text, f.group) for f in r.findings],
            [(e.start, e.end, e.replacement, e.rule) for e in r.edits],
            [[(e.start, e.end, e.replacement, e.rule) for e in p] for p in r.passes])


@pytest.fixture(autouse=True)
def _memo_on_every_text(monkeypatch):
    monkeypatch.setattr(P, "MEMO_MIN_CHARS", 0)


@pytest.mark.parametrize("name,text", _texts(), ids=[n for n, _ in _texts()])
def test_memo_changes_no_repair(name, text, monkeypatch):
    with_memo = _print(repair_text(text))
    monkeypatch.setattr(P, "LOCAL", ())
    assert _print(repair_text(text)) == with_memo


def test_the_last_pass_runs_the_local_detectors_only_around_changed_lines(monkeypatch):
    import repair.detectors.tense as tense

    seen = []
    real = tense.detect

    def spy(doc, ctx):
        seen.append(len(doc.text))
        return real(doc, ctx)

    monkeypatch.setattr(tense, "detect", spy)
    clean = "The board met on Monday.\nIt approved the budget for next year.\n" * 40
    text = clean + "The talks endedsaid the minister.\n"
    r = repair_text(text)
    assert r.output != text and len(r.passes) >= 1
    whole = [n for n in seen if n >= len(clean)]
    # the first pass reads the whole text; the later whole-text pass only a window round the fix
    assert len(whole) == 1, seen
    assert len(seen) >= 2 and min(seen) < 200


def test_a_short_text_has_no_memo(monkeypatch):
    monkeypatch.setattr(P, "MEMO_MIN_CHARS", 20_000)
    made = []
    real = P.LineMemo.__init__

    def spy(self):
        made.append(self)
        real(self)

    monkeypatch.setattr(P.LineMemo, "__init__", spy)
    repair_text("The talks endedsaid the minister.\n")
    assert made == []
    repair_text("The board met on Monday.\n" * 1000)
    assert len(made) == 1


def test_a_finding_across_lines_takes_the_detector_off_the_memo(monkeypatch):
    import repair.detectors.filter as filt

    def across(doc, ctx):
        i = doc.text.find("\n")
        if i > 0:
            yield ctx.finding("F101", i - 2, i + 2, None, message="across")

    monkeypatch.setattr(filt, "detect", across)
    memo = P.LineMemo()
    doc = Document("one line here\nand another\n")
    P.detect(doc, Config(source_lang="es"), memo=memo)
    assert "filter" in memo.off
    # and the next whole-text pass runs it on the whole text again
    found = P.detect(Document("one line here\nand another one\n"), Config(source_lang="es"), memo=memo)
    assert [f.message for f in found if f.rule == "F101"] == ["across"]


def test_line_keys_hold_the_context():
    doc = Document("a b c d\ne f\n\ng h i j k")
    starts, ends, keys = P._line_keys(doc)
    assert [doc.text[a:b] for a, b in zip(starts, ends)] == ["a b c d", "e f", "", "g h i j k"]
    pre, post, ctx = keys[1]
    assert ctx[pre:post] == "e f" and ctx.startswith("b c d") and ctx.endswith("g h i")
