"""Issue 10: one long lowercase token must not cost the square of its length in the glue
detector.  A token over the limit (rules/lang/en/glue.yaml: limits.max_token_letters) is
never split; the work is measured as the number of evidence lookups, not as time."""

import random

from repair import lexicon as L
from repair.config import Config
from repair.detectors import glue
from repair.pipeline import repair_text

GLUE = Config(select=("G",))


def _count_lookups(monkeypatch):
    calls = {"n": 0}
    for name in ("zipf", "unigram", "bigram", "words_with_prefix"):
        real = getattr(L, name)

        def counted(*a, _real=real, **k):
            calls["n"] += 1
            return _real(*a, **k)

        monkeypatch.setattr(L, name, counted)
    for fn in (glue.known, glue.z, glue.best_split, glue.common_glue, glue.foreign, glue.completions,
               glue._near_word):
        fn.cache_clear()
    return calls


def test_long_random_token_costs_a_bounded_number_of_lookups(monkeypatch):
    random.seed(7)
    blob = "".join(random.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(60_000))
    calls = _count_lookups(monkeypatch)
    res = repair_text(f"The report said {blob} on Monday.", GLUE)
    assert res.output == f"The report said {blob} on Monday."
    assert not res.findings
    assert calls["n"] < 200, calls


def test_one_letter_line_is_left_alone(monkeypatch):
    calls = _count_lookups(monkeypatch)
    text = "a" * 200_000 + "\n"
    assert repair_text(text, GLUE).output == text
    assert calls["n"] < 50, calls


def test_tokens_up_to_the_limit_are_still_split():
    # 3 words of ordinary length stay well under the limit and are still repaired
    assert glue.MAX_TOKEN >= 30
    out = repair_text("He cited the reportsthe ministry published last week.", GLUE).output
    assert out == "He cited the reports the ministry published last week."
    long_word = "x" * (glue.MAX_TOKEN + 1)
    assert repair_text(f"He cited {long_word} today.", GLUE).output == f"He cited {long_word} today."
