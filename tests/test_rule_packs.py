"""Rule packs from `rule-dirs` are validated before anything is built: every fault is one line
naming the file, the rule and the key, exit code 2, never a traceback."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

BOMB = """\
a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
rules:
  - id: X101
    kind: glue
    message: *h
    pattern: "zzz"
    replacement: "z"
"""


def run_with_pack(tmp_path, pack: str, timeout=60):
    house = tmp_path / "house"
    house.mkdir(exist_ok=True)
    (house / "pack.yaml").write_text(pack, encoding="utf-8")
    (tmp_path / ".mt-repair.toml").write_text('rule-dirs = ["house"]\n')
    (tmp_path / "a.txt").write_text("The talks ended.\n")
    env_path = str(ROOT)
    p = subprocess.run([sys.executable, "-c", f"import sys; sys.path.insert(0, {env_path!r}); "
                        "from repair.cli import main; sys.exit(main(sys.argv[1:]))", "fix", "a.txt"],
                       capture_output=True, cwd=tmp_path, timeout=timeout)
    return p.returncode, p.stdout.decode(), p.stderr.decode()


def test_alias_bomb_is_refused(tmp_path):
    # 9**8 = 43 million strings if expanded: it must be refused while parsing
    code, _, err = run_with_pack(tmp_path, BOMB, timeout=30)
    assert code == 2, err
    assert "pack.yaml" in err and "alias" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def pack(**over) -> str:
    """A rule pack of one valid pattern rule, with keys replaced (None: the key removed)."""
    import yaml

    entry = {"id": "H101", "kind": "calque", "message": "a house style word",
             "pattern": r"\b(utilise)\b", "replacement": "use", "confidence": 0.8,
             "examples": [{"bad": "We utilise it.", "good": "We use it."}], "clean": ["We use it."]}
    for k, v in over.items():
        if v is None:
            entry.pop(k, None)
        else:
            entry[k] = v
    return yaml.safe_dump({"rules": [entry]}, allow_unicode=True)


def test_a_valid_pack_runs(tmp_path):
    code, out, err = run_with_pack(tmp_path, pack().replace("The talks", "We utilise"))
    assert err == "" and code in (0, 1)


BAD = [
    ({"confidence": "high"}, "H101", "confidence"),
    ({"confidence": 5}, "H101", "confidence"),
    ({"confidence": True}, "H101", "confidence"),
    ({"replacement": "\\9"}, "H101", "replacement"),
    ({"replacement": "\\g<nope>"}, "H101", "replacement"),
    ({"replacement": 5}, "H101", "replacement"),
    ({"checks": ["nonexistent"]}, "H101", "checks"),
    ({"checks": "not_sentence_start"}, "H101", "checks"),
    ({"lang": 5}, "H101", "lang"),
    ({"lang": "xx"}, "H101", "lang"),
    ({"examples": 5}, "H101", "examples"),
    ({"examples": [{"good": "x"}]}, "H101", "examples"),
    ({"clean": "We use it."}, "H101", "clean"),
    ({"id": 12}, "#1", "id"),
    ({"id": "H 101"}, "H 101", "id"),
    ({"pattern": None, "replacement": None, "detector": "nope"}, "H101", "detector"),
    ({"pattern": ""}, "H101", "pattern"),
    ({"pattern": "(unclosed"}, "H101", "pattern"),
    ({"pattern": 7}, "H101", "pattern"),
    ({"level": "could"}, "H101", "level"),
    ({"flags": "x"}, "H101", "flags"),
    ({"preserve_case": "yes"}, "H101", "preserve_case"),
    ({"params": [1, 2]}, "H101", "params"),
    ({"message": ""}, "H101", "message"),
    ({"kind": "spelling"}, "H101", "kind"),
]


@pytest.mark.parametrize("over,rule,key", BAD, ids=[f"{k}={v!r}"[:40] for (d, _, k) in BAD for v in [list(d.values())[0]]])
def test_a_bad_rule_is_one_line_naming_file_rule_and_key(tmp_path, over, rule, key, capsys, monkeypatch):
    from repair.cli import main

    house = tmp_path / "house"
    house.mkdir()
    (house / "pack.yaml").write_text(pack(**over), encoding="utf-8")
    (tmp_path / ".mt-repair.toml").write_text('rule-dirs = ["house"]\n')
    (tmp_path / "a.txt").write_text("We utilise it.\n")
    monkeypatch.chdir(tmp_path)
    code = main(["fix", "a.txt"])
    err = capsys.readouterr().err
    assert code == 2, err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err, err
    assert "pack.yaml" in err and f"rule {rule}" in err and f"'{key}'" in err, err


def test_a_bad_pack_fails_fast_in_a_fresh_process(tmp_path):
    code, _, err = run_with_pack(tmp_path, pack(pattern=""))
    assert code == 2 and "key 'pattern'" in err and "Traceback" not in err


DONE_WORDS = ("removed", "added", "lowercased", "uppercased", "deleted", "inserted", "fixed", "corrected",
              "restored", "joined", "repaired")


def test_rule_messages_describe_the_problem_not_a_done_change():
    """`check` changes nothing: a message names the damage and the fix in the present
    ("add the missing space"), never a change as done ("space added")."""
    import regex

    from repair.rules import load_rules

    done = regex.compile(r"\b(?:" + "|".join(DONE_WORDS) + r")\b", regex.I)
    bad = [f"{r.id}: {r.message}" for r in load_rules() if done.search(r.message)]
    assert not bad, bad


def test_detector_messages_describe_the_problem_not_a_done_change():
    import ast
    import glob

    import regex

    done = regex.compile(r"\b(?:" + "|".join(DONE_WORDS) + r")\b", regex.I)
    bad = []
    for path in sorted(glob.glob(str(ROOT / "repair" / "detectors" / "*.py"))):
        tree = ast.parse(Path(path).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.keyword) and node.arg == "message":
                parts = [c.value for c in ast.walk(node.value) if isinstance(c, ast.Constant) and isinstance(c.value, str)]
                if any(done.search(p) for p in parts):
                    bad.append(f"{Path(path).name}:{node.value.lineno}")
    assert not bad, bad
