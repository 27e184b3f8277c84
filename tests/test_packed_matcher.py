"""The learned rules' matcher as the parsed-data cache keeps it (repair.learned.PackedMatcher) matches as the
plain Matcher of the same rules does: the same (place, rule) pairs in the same order."""

from pathlib import Path

from repair.learned import LearnedRule, Matcher, PackedMatcher, _pack, apply_rules, load_learned, norm, tokenize

ROOT = Path(__file__).resolve().parents[1]


def _lines():
    for p in sorted((ROOT / "corpora").glob("*.txt")) + sorted((ROOT / "seeds").glob("*.txt")):
        yield from p.read_text(encoding="utf-8").split("\n")


def test_packed_matches_as_the_plain_matcher():
    for tier in ("strict", "gated"):
        packed = load_learned("es", tier=tier)
        assert isinstance(packed, PackedMatcher)
        plain = Matcher(list(packed.rules))
        assert len(packed.rules) == len(plain.rules) > 100
        assert list(packed.rules) == plain.rules and packed.rules[-1] == plain.rules[-1]
        assert packed.by_lhs == plain.by_lhs and packed.lengths == plain.lengths
        n = 0
        for line in _lines():
            normed = [norm(t) for _, _, t in tokenize(line)]
            got = list(packed.matches(normed))
            assert got == list(plain.matches(normed)), line
            assert apply_rules(line, packed) == apply_rules(line, plain)
            n += len(got)
        assert n > 0


def test_rules_made_once_and_on_demand(tmp_path):
    (tmp_path / "a.yaml").write_text(
        "lang: [es]\nrules:\n"
        "  - {id: L1, mt: 'of the', fix: 'of', left: 'because', right: ''}\n"
        "  - {id: L2, mt: 'the the', fix: 'the'}\n"
        "  - {id: L3, mt: 'in <num> years', fix: 'in <num> years time', confidence: 0.75}\n", encoding="utf-8")
    m = load_learned("es", str(tmp_path))
    assert isinstance(m, PackedMatcher) and len(m.rules) == 3 and not m._made
    normed = [norm(t) for _, _, t in tokenize("because of the the cut in 12 years")]
    got = [(i, r.id) for i, r in m.matches(normed)]
    assert got == [(0, "L1"), (2, "L2"), (5, "L3")]
    assert m.rules[2].confidence == 0.75 and m.rules[2].mt == ("in", "<num>", "years")
    assert m.rules[1] is m.rules[-2]


def test_a_token_with_a_space_is_not_packed():
    r = LearnedRule("X", (), ("a b",), (), ("c",))
    assert _pack([r]) is None
    assert _pack([LearnedRule("Y", (), ("a",), (), ())]) is not None
