"""The document gate (params.document_gate, repair/pipeline.py): a fix of a form that clean copy also
writes ("350.000 euros" in a translated reference) is applied only where the document shows other MT
damage; elsewhere the rule reports nothing."""

from repair.api import repair
from repair.config import Config

CLEAN = "Officials said the farm exported 350.000 tonnes of soy, a record for the region."
DAMAGED = ("The Brazil exported more of 350.000 tonnes of soy in the last week, according to the Ministry "
           "of the Agriculture, that informed this Monday the data.")


def _p204(res):
    return [f for f in res.findings if f.rule == "P204"]


def test_gate_closed_on_clean_copy_says_nothing():
    res = repair(CLEAN, Config())
    assert res.output == CLEAN
    assert _p204(res) == []


def test_gate_open_in_damaged_copy_applies_the_fix():
    res = repair(DAMAGED, Config())
    assert "350,000 tonnes" in res.output
    assert any(f.applied for f in _p204(res))


def test_gate_decided_for_the_whole_document():
    # the clean sentence inside a damaged article: the gate is the document's, so it opens there too
    res = repair(DAMAGED + "\n\n" + CLEAN, Config())
    assert res.output.count("350,000") == 2


def test_gated_repair_is_idempotent():
    once = repair(DAMAGED, Config()).output
    assert repair(once, Config()).output == once


def test_gated_rules_keep_their_antipatterns_where_the_gate_is_open():
    # K156 (the union CGT -> the CGT union), K159 (spokesman of -> for), P204-P207: their exceptions
    # hold in a document whose other damage opens the gate
    text = DAMAGED + (" According to the newspaper Les Échos, the bank Bradford and Bingley lost 1.047 billion"
                      " euros, and the group A teams met on 3.064 points.")
    res = repair(text, Config())
    assert "350,000 tonnes" in res.output          # the gate is open
    for keep in ("the newspaper Les Échos", "the bank Bradford and Bingley", "1.047 billion", "the group A"):
        assert keep in res.output, keep
    assert "3,064 points" in res.output            # the index level is a thousands separator


def test_union_name_order_in_damaged_copy():
    res = repair(DAMAGED + " The strike was called by the union Cgil, said the spokesman of the ministry.", Config())
    assert "by the Cgil union" in res.output
    assert "the spokesman for the ministry" in res.output
