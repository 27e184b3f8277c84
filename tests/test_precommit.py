"""The shipped pre-commit hooks, run for real by the pre-commit framework in a temporary git
repository.  pre-commit builds the hooks' virtualenv from a committed copy of this checkout
(pip installs the dependencies: about a minute the first time).  Skipped without pre-commit or git."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DAMAGED = "The ministers stressed the need from resume the talks y to meet again.\n"
CLEAN_TEXT = "The ministers stressed the need to resume the talks and to meet again.\n"
CLEAN_MD = "# Talks\n\nThe ministers met in Brussels on Wednesday and agreed to meet again.\n"
CODE = "x = 'the need from resume the talks y to meet'\n"  # not prose: never touched

PRE_COMMIT = shutil.which("pre-commit") or str(Path(sys.executable).with_name("pre-commit"))
pytestmark = pytest.mark.skipif(
    not os.path.exists(PRE_COMMIT) or not shutil.which("git"), reason="needs pre-commit and git")


def git(cwd, *args, check=True):
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.com",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.com")
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=check)


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory):
    """A committed copy of this checkout's files (tracked and new, not ignored)."""
    dst = tmp_path_factory.mktemp("hookrepo")
    files = git(ROOT, "ls-files", "-z", "--cached", "--others", "--exclude-standard").stdout.split("\0")
    for name in filter(None, files):
        src = ROOT / name
        if src.is_file() and not name.startswith(("corpora/", "bench/")):
            (dst / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dst / name)
    git(dst, "init", "-q")
    git(dst, "add", "-A")
    git(dst, "commit", "-q", "-m", "hooks under test")
    return dst, git(dst, "rev-parse", "HEAD").stdout.strip()


@pytest.fixture(scope="module")
def pc_env(tmp_path_factory):
    home = os.environ.get("MT_REPAIR_TEST_PRE_COMMIT_HOME") or str(tmp_path_factory.mktemp("pre-commit-home"))
    env = dict(os.environ, PRE_COMMIT_HOME=home, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.com",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.com")
    env.pop("VIRTUAL_ENV", None)
    return env


def readme_snippet() -> str:
    """The ``.pre-commit-config.yaml`` of the README, as written (its indented block after **pre-commit.**)."""
    lines = (ROOT / "README.md").read_text(encoding="utf-8").split("**pre-commit.**", 1)[1].splitlines()
    start = next(i for i, ln in enumerate(lines) if ln.strip() == "repos:")
    block = []
    for ln in lines[start:]:
        if ln.strip() and not ln.startswith("    "):
            break
        block.append(ln[4:])
    return "\n".join(block).strip("\n") + "\n"


def located(snippet: str, repo: str, rev: str) -> str:
    """The snippet with only the values of ``repo:`` and ``rev:`` replaced (comments kept)."""
    import re

    out, n = re.subn(r"(?m)^(\s*- repo: )\S+", lambda m: m.group(1) + repo, snippet)
    out, k = re.subn(r"(?m)^(\s*rev: )\S+", lambda m: m.group(1) + rev, out)
    assert n == k == 1, snippet
    return out


def make_repo(path, hook_repo, hook_ids, config=None):
    repo, rev = hook_repo
    path.mkdir()
    git(path, "init", "-q")
    hooks = "".join(f"      - id: {h}\n" for h in hook_ids)
    (path / ".pre-commit-config.yaml").write_text(
        config or f"repos:\n  - repo: {repo}\n    rev: {rev}\n    hooks:\n{hooks}", encoding="utf-8")
    (path / "damaged.txt").write_text(DAMAGED, encoding="utf-8")
    (path / "clean.txt").write_text(CLEAN_TEXT, encoding="utf-8")
    (path / "clean.md").write_text(CLEAN_MD, encoding="utf-8")
    (path / "code.py").write_text(CODE, encoding="utf-8")
    git(path, "add", "-A")
    return path


def commit(path, env, msg):
    p = subprocess.run(["git", "commit", "-m", msg], cwd=path, env=env, capture_output=True, text=True,
                       timeout=1200)
    return p.returncode, p.stdout + p.stderr


def test_the_readme_snippet_as_written():
    snippet = readme_snippet()
    assert "OWNER" not in snippet and "id: mt-repair " in snippet
    rev = next(ln.split()[1] for ln in snippet.splitlines() if ln.strip().startswith("rev:"))
    assert len(rev) == 40 and all(c in "0123456789abcdef" for c in rev)   # a commit sha: no tag to invent
    changed = [(a, b) for a, b in zip(snippet.splitlines(), located(snippet, "/r", "f" * 40).splitlines()) if a != b]
    assert len(changed) == 2


def test_fixer_hook_repairs_then_passes(tmp_path, hook_repo, pc_env):
    # the README's snippet as written, with only the repository's location and commit replaced
    repo = make_repo(tmp_path / "work", hook_repo, [], config=located(readme_snippet(), *map(str, hook_repo)))
    subprocess.run([PRE_COMMIT, "install"], cwd=repo, env=pc_env, check=True, capture_output=True)
    code, out = commit(repo, pc_env, "first")
    assert code != 0, out  # the damaged file makes the commit fail ...
    assert "mt-repair" in out and "Failed" in out, out
    assert (repo / "damaged.txt").read_text(encoding="utf-8") == CLEAN_TEXT  # ... and is repaired
    assert (repo / "clean.txt").read_text(encoding="utf-8") == CLEAN_TEXT  # clean files untouched
    assert (repo / "clean.md").read_text(encoding="utf-8") == CLEAN_MD
    assert (repo / "code.py").read_text(encoding="utf-8") == CODE  # not a prose file type
    git(repo, "add", "-A")
    code, out = commit(repo, pc_env, "second")
    assert code == 0, out  # the next run passes
    assert "Passed" in out, out
    assert git(repo, "status", "--porcelain").stdout == ""


def test_check_hook_fails_without_changing_files(tmp_path, hook_repo, pc_env):
    repo = make_repo(tmp_path / "work", hook_repo, ["mt-repair-check"])
    p = subprocess.run([PRE_COMMIT, "run", "--all-files"], cwd=repo, env=pc_env, capture_output=True,
                       text=True, timeout=1200)
    assert p.returncode == 1, p.stdout + p.stderr
    assert "damaged.txt:1:" in p.stdout and "K101" in p.stdout, p.stdout
    assert (repo / "damaged.txt").read_text(encoding="utf-8") == DAMAGED  # nothing changed
    p = subprocess.run([PRE_COMMIT, "run", "--files", "clean.txt", "clean.md", "code.py"], cwd=repo,
                       env=pc_env, capture_output=True, text=True, timeout=1200)
    assert p.returncode == 0, p.stdout + p.stderr
