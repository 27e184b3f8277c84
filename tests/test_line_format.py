"""The ``line`` format shows the changed words in context (``'on situation' -> 'on the
situation'``), not the fragment a fix replaces (``-> 'the '``, ``-> 'f'``)."""

from __future__ import annotations

import re
from pathlib import Path

from repair.pipeline import repair_text
from repair.report import as_lines, change_in_context

SEED = Path(__file__).resolve().parent.parent / "seeds" / "nato-russia.txt"


def test_changed_words_in_context():
    t = "They said they willfrom hear it. The allies discussed on situation.\nALSO READ: More\nNext"
    i = t.index("from")
    assert change_in_context(t, i, i + 5, " ") == ("willfrom hear", "will hear")
    assert change_in_context(t, i, i + 4, " ") == ("willfrom hear", "will  hear")
    j = t.index("situation")
    assert change_in_context(t, j, j, "the ") == ("on situation.", "on the situation.")
    k = t.index("The ")
    assert change_in_context(t, k, k + 1, "t") == ("The", "the")
    line = t.index("ALSO")
    assert change_in_context(t, line, t.index("Next"), "") == ("ALSO READ: More\n", "")   # not into 'Next'


def test_the_seeds_lines_show_words_not_fragments():
    text = SEED.read_text(encoding="utf-8")
    res = repair_text(text)
    lines = as_lines("seed.txt", res)
    assert len(lines) == len(res.findings)
    shown = 0
    for f, ln in zip(res.findings, lines):
        if f.replacement is None:
            continue
        old, new = change_in_context(text, f.start, f.end, f.replacement)
        assert f"{old!r}" in ln or old.strip() != old or len(old) > 80, ln
        # whole tokens: a fragment such as 'f' or 'the ' is never all that is shown
        assert old.strip() and (not new or new.strip() == new or "\n" in old), (ln, old, new)
        assert len(new) > 1 or len(old) == len(new) == 1 or not new, ln
        assert text.find(old) >= 0 and old.startswith(text[f.start:f.end][:0])
        shown += 1
    assert shown > 40
    assert any(": 'First' -> 'first'" in ln for ln in lines), lines
    assert any(": 'on situation' -> 'on the situation'" in ln for ln in lines), lines
    assert any(ln.endswith("-> (delete)") and "'ALSO READ: " in ln for ln in lines)
