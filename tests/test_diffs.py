"""Diffs (inline, side by side, unified for patch, --explain), colour options, many files
(--jobs, progress bar, summary table, --quiet)."""

import json
import os
import re
import select
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from repair.cli import main
from repair.diffs import unified
from repair.pipeline import repair_text

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "nato-russia.txt"
DAMAGED = "The ministers stressed the need from resume the talks y to meet again.\n"
CLEAN = "The ministers stressed the need to resume the talks and to meet again.\n"
ESC = "\x1b["


def run_in_pty(args, env=None, cwd=ROOT, timeout=120):
    """Run ``python -m repair ARGS`` with stdout and stderr on a pseudo-terminal; return its output."""
    import pty

    pid, fd = pty.fork()
    if pid == 0:
        try:
            os.chdir(cwd)
            os.execve(sys.executable, [sys.executable, "-m", "repair", *args], dict(os.environ, **(env or {})))
        finally:
            os._exit(127)
    out = b""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        r, _, _ = select.select([fd], [], [], 0.2)
        if r:
            try:
                data = os.read(fd, 65536)
            except OSError:
                data = b""
            if not data:
                break
            out += data
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    return os.waitstatus_to_exitcode(status), out.decode("utf-8", "replace")


@pytest.mark.skipif(not shutil.which("patch"), reason="needs patch")
@pytest.mark.parametrize("text", [SEED.read_text(encoding="utf-8"), DAMAGED.replace("\n", "\r\n") * 3,
                                  "Intro.\n\n" + DAMAGED.rstrip("\n")])
def test_unified_diff_applies_with_patch(tmp_path, text):
    f = tmp_path / "a.txt"
    f.write_bytes(text.encode("utf-8"))
    res = repair_text(text)
    diff = unified("a.txt", res, explain=True)
    assert diff.startswith("# a.txt:")  # explanations first: patch skips them
    (tmp_path / "d.patch").write_bytes(diff.encode("utf-8"))
    p = subprocess.run(["patch", "-p0", "-i", "d.patch"], cwd=tmp_path, capture_output=True, text=True)
    assert p.returncode == 0, p.stdout + p.stderr
    assert f.read_bytes().decode("utf-8") == res.output


def test_unified_is_the_default_when_piped_and_nothing_for_clean(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(DAMAGED)
    p = subprocess.run([sys.executable, "-m", "repair", "fix", "--diff", str(f)], capture_output=True, text=True)
    assert p.stdout.splitlines()[:2] == [f"--- {f}", f"+++ {f}"]
    assert f"-{DAMAGED}+{CLEAN}" in p.stdout
    g = tmp_path / "b.txt"
    g.write_text(CLEAN)
    p = subprocess.run([sys.executable, "-m", "repair", "fix", "--diff", "unified", str(g)], capture_output=True,
                       text=True)
    assert p.returncode == 0 and p.stdout == ""


def test_inline_explain(tmp_path, capsys):
    f = tmp_path / "a.txt"
    f.write_text(DAMAGED)
    assert main(["fix", "--diff", "inline", "--explain", "--color", "never", str(f)]) == 0
    out = capsys.readouterr().out
    assert "[-from-]{+to+}" in out
    assert re.search(r"K101 +calque +0\.\d\d applied 'from' → 'to': ", out), out
    assert re.search(r"R101 +residue +0\.\d\d applied 'y' → 'and'", out), out


def test_side_by_side(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "160")
    f = tmp_path / "a.txt"
    f.write_text(DAMAGED)
    assert main(["fix", "--diff", "side", "--color", "never", str(f)]) == 0
    out = capsys.readouterr().out
    assert "before" in out and "after" in out
    row = next(line for line in out.splitlines() if "ministers" in line)
    left, right = row.split("│")[2:4]
    assert "need [-from-] resume" in left and "talks [-y-] to" in left
    assert "need {+to+} resume" in right and "talks {+and+} to" in right


def test_inline_is_the_default_in_a_terminal_and_colour_options(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(DAMAGED)
    code, out = run_in_pty(["fix", "--diff", str(f)], env={"NO_COLOR": ""})
    assert code == 0 and ESC in out and "+++" not in out and "resume" in out
    code, out = run_in_pty(["fix", "--diff", str(f)], env={"NO_COLOR": "1"})
    assert code == 0 and ESC not in out and "[-from-]{+to+}" in out
    code, out = run_in_pty(["fix", "--diff", "--color", "never", str(f)])
    assert ESC not in out and "[-from-]{+to+}" in out
    p = subprocess.run([sys.executable, "-m", "repair", "fix", "--diff", "inline", "--color", "always", str(f)],
                       capture_output=True, text=True)
    assert ESC in p.stdout


def test_many_files_jobs_summary_and_quiet(tmp_path):
    files = []
    for i in range(6):
        f = tmp_path / f"a{i}.txt"
        f.write_text(DAMAGED if i % 2 else CLEAN)
        files.append(str(f))
    p1 = subprocess.run([sys.executable, "-m", "repair", "fix", "--format", "json", "--jobs", "1", *files],
                        capture_output=True, text=True)
    p2 = subprocess.run([sys.executable, "-m", "repair", "fix", "--format", "json", "--jobs", "2", *files],
                        capture_output=True, text=True)
    assert p1.returncode == p2.returncode == 0, p2.stderr
    assert p1.stdout == p2.stdout  # same results, same order
    assert [json.loads(x)["path"] for x in p2.stdout.splitlines()] == files
    # the summary table on stderr: files, findings by kind, applied, suggested
    err = p2.stderr
    assert "6 files, 3 would change" in err and "applied" in err and "suggested" in err, err  # nothing written
    assert re.search(r"calque\s*│\s*3\s*│\s*3\s*│\s*0", err), err
    assert re.search(r"residue\s*│\s*3\s*│\s*3\s*│\s*0", err), err
    q = subprocess.run([sys.executable, "-m", "repair", "fix", "-q", "-w", "--jobs", "2", *files],
                       capture_output=True, text=True)
    assert q.returncode == 0 and q.stderr == "" and q.stdout == ""
    assert all(Path(f).read_text() == CLEAN for f in files)


def test_progress_bar_only_on_a_terminal(tmp_path):
    files = []
    for i in range(3):
        f = tmp_path / f"a{i}.txt"
        f.write_text(DAMAGED)
        files.append(str(f))
    code, out = run_in_pty(["check", "--jobs", "2", *files], env={"COLUMNS": "120"})
    assert code == 1 and "repairing" in out and "3/3" in out, out
    code, out = run_in_pty(["check", "-q", *files], env={"COLUMNS": "120"})
    assert "repairing" not in out and "files" not in out
    p = subprocess.run([sys.executable, "-m", "repair", "check", *files], capture_output=True, text=True)
    assert "repairing" not in p.stderr and "3 files" in p.stderr
