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
