"""Every substitution rule with a ``map`` has the group 1 the table replaces, and every ``\\N`` in a table
entry names a group of its pattern (a rule without one would stop the whole run, not just itself)."""
import re

import pytest
import regex

from repair.rules import load_rules

MAPPED = [r for r in load_rules() if r.extends == "substitution" and "map" in (r.params or {})]


def test_there_are_mapped_rules():
    assert len(MAPPED) > 50


@pytest.mark.parametrize("rule", MAPPED, ids=lambda r: r.id)
def test_map_groups_exist(rule):
    rx = regex.compile(rule.params["pattern"], regex.VERSION1)
    assert rx.groups >= 1, f"{rule.id}: a map replaces group 1, and the pattern has none"
    for value in rule.params["map"].values():
        for n in re.findall(r"\\(\d)", str(value)):
            assert int(n) <= rx.groups, f"{rule.id}: map entry {value!r} names group {n}"
