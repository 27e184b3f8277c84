"""repair.casing_fit learns the always-capitalised forms and the sentence openers from counts, and
the two rules it feeds act on real shapes and leave clean text alone."""

from repair import casing_fit
from repair.config import Config
from repair.pipeline import repair_text


def test_counts_pick_names_and_openers(tmp_path):
    lines = []
    for i in range(200):
        lines.append(f"She said the talks would resume in October after the vote number {i} was counted.")
        lines.append("According to the report, the troops left in October and the may deadline passed.")
        lines.append("The report may change, and prices rose in may, she said.")
    lines.append("the minister spoke about the october plan and left.")  # one lowercase place in 401
    p = tmp_path / "en.txt"
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    always, openers = casing_fit.pick(*casing_fit.count([p]))
    assert "October" in always           # lowercase once in 401 mid-sentence places (0.3 % allows 1.2)
    assert "May" not in always and "may" not in always   # 'may' is a word
    assert "according" in openers and "she" in openers
    assert "report" not in openers       # never opens a sentence


def test_lowercased_month_and_sentence_start_are_restored():
    text = ("The protests that started in october grew every week. she said the police were ready.\n"
            "Coalition and afghan troops moved into the valley on friday.\n")
    out = repair_text(text, Config()).output
    assert "in October grew" in out and ". She said" in out
    assert "Coalition and Afghan troops" in out and "on Friday." in out
    assert repair_text(out, Config()).output == out   # idempotent


def test_lowercase_words_and_addresses_stay():
    text = ("The may deadline passed and in march the bush fires spread.\n"
            "Write to october@example.com or follow #october for tickets, the festival said.\n")
    assert repair_text(text, Config()).output == text
