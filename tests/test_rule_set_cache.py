"""The rule-set cache of ``repair.rules.load_rules``: a process that meets the same packs again
gets the same rules, field for field, without building them; a changed or faulty house pack is
read, validated and refused as before."""

from __future__ import annotations

import pytest

from repair import rules as R


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("MT_REPAIR_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache"


PACK = """rules:
  - id: H900
    kind: grammar
    message: house rule
    pattern: '\\bteh\\b'
    replacement: the
    examples: [{bad: "teh cat", good: "the cat"}]
    params: {note: [1, 2.5, true, null]}
"""


def test_the_cached_rule_set_is_the_built_one(tmp_path, cache, monkeypatch):
    house = tmp_path / "house"
    house.mkdir()
    (house / "h.yaml").write_text(PACK, encoding="utf-8")
    built = R._load_rules((str(house),))
    first = R.load_rules.__wrapped__((str(house),))     # builds and keeps the set
    calls = []
    real = R._load_rules
    monkeypatch.setattr(R, "_load_rules", lambda dirs: calls.append(dirs) or real(dirs))
    again = R.load_rules.__wrapped__((str(house),))     # read back
    assert calls == []
    for a, b, c in zip(built, first, again):
        assert [getattr(a, f) for f in R._FIELDS] == [getattr(b, f) for f in R._FIELDS] == \
            [getattr(c, f) for f in R._FIELDS]
        assert repr(a) == repr(c) and a.params == c.params
    assert len(built) == len(again) and again[-1].id == "H900"
    # a changed pack is built again
    (house / "h.yaml").write_text(PACK.replace("house rule", "house rule, changed"), encoding="utf-8")
    changed = R.load_rules.__wrapped__((str(house),))
    assert calls == [(str(house),)] and changed[-1].message == "house rule, changed"


def test_a_faulty_pack_is_refused_every_time(tmp_path, cache):
    house = tmp_path / "house"
    house.mkdir()
    (house / "h.yaml").write_text(PACK.replace("kind: grammar", "kind: nonsense"), encoding="utf-8")
    for _ in range(2):
        with pytest.raises(R.RuleError, match="unknown kind"):
            R.load_rules.__wrapped__((str(house),))
