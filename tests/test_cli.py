"""The command line: outputs, exit codes, atomic writes, errors without tracebacks."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from repair.cli import main

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "nato-russia.txt"
DAMAGED = "The ministers stressed the need from resume the talks y to meet again.\n"
CLEAN = "The ministers stressed the need to resume the talks and to meet again.\n"


def run(args, stdin=None):
    p = subprocess.run([sys.executable, "-m", "repair", *args], input=stdin, capture_output=True, cwd=ROOT)
    return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8")


def test_fix_stdin_to_stdout():
    code, out, err = run(["fix", "-"], DAMAGED.encode())
    assert code == 0, err
    assert out == CLEAN


def test_fix_file_and_exit_non_zero_on_fix(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(DAMAGED, encoding="utf-8")
    assert main(["fix", str(f)]) == 0
    assert main(["fix", "--exit-non-zero-on-fix", str(f)]) == 1
    g = tmp_path / "b.txt"
    g.write_text(CLEAN, encoding="utf-8")
    assert main(["fix", "--exit-non-zero-on-fix", str(g)]) == 0


def test_write_in_place_keeps_mode_and_untouched_bytes(tmp_path):
    f = tmp_path / "a.txt"
    text = "Line one stays  exactly\r\n\r\n" + DAMAGED.replace("\n", "\r\n")
    f.write_bytes(text.encode("utf-8"))
    os.chmod(f, 0o640)
    assert main(["fix", "-w", str(f)]) == 0
    data = f.read_bytes().decode("utf-8")
    assert data == "Line one stays  exactly\r\n\r\n" + CLEAN.replace("\n", "\r\n")
    assert (f.stat().st_mode & 0o777) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]  # no temporary file left


def test_check_exit_codes_and_line_format(tmp_path, capsys):
    f = tmp_path / "a.txt"
    f.write_text(DAMAGED, encoding="utf-8")
    assert main(["check", "--format", "line", str(f)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert any(line.startswith(f"{f}:1:") and " K101 " in line and "-> 'to'" in line for line in out), out
    assert f.read_text(encoding="utf-8") == DAMAGED  # check changes nothing
    g = tmp_path / "b.txt"
    g.write_text(CLEAN, encoding="utf-8")
    assert main(["check", str(g)]) == 0


def test_json_schema_and_offsets(tmp_path, capsys):
    f = tmp_path / "a.txt"
    f.write_text(DAMAGED, encoding="utf-8")
    g = tmp_path / "b.txt"
    g.write_text(CLEAN, encoding="utf-8")
    assert main(["fix", "--format", "json", str(f), str(g)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2  # JSON Lines, one object per file
    obj = json.loads(lines[0])
    assert obj["schema_version"] == 2 and obj["path"] == str(f) and obj["output"] == CLEAN
    keys = {"start", "end", "text", "kind", "rule", "message", "replacement", "confidence", "applied",
            "decision", "reason", "source"}
    assert obj["findings"] and all(set(x) == keys for x in obj["findings"])
    for x in obj["findings"]:
        assert DAMAGED[x["start"]:x["end"]] == x["text"]
        assert x["decision"] == ("applied" if x["applied"] else x["decision"])
    # the edits (input offsets) replay the output
    out, pos = [], 0
    for e in obj["edits"]:
        assert set(e) == {"start", "end", "replacement", "rule"} and e["start"] >= pos
        out += [DAMAGED[pos:e["start"]], e["replacement"]]
        pos = e["end"]
    assert "".join(out) + DAMAGED[pos:] == CLEAN
    kinds = {x["kind"] for x in obj["findings"]}
    assert {"calque", "residue"} <= kinds
    assert json.loads(lines[1])["findings"] == []


def test_diff_marks_changes_without_colour(tmp_path, capsys):
    f = tmp_path / "a.txt"
    f.write_text(DAMAGED, encoding="utf-8")
    assert main(["fix", "--diff", "inline", "--color", "never", str(f)]) == 0
    out = capsys.readouterr().out
    assert "[-from-]{+to+}" in out and "[-y-]{+and+}" in out
    # --diff alone when stdout is not a terminal: a unified diff
    assert main(["fix", "--diff", str(f)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"--- {f}\n+++ {f}\n@@ ") and "\n+" + CLEAN in out


@pytest.mark.parametrize("setup,expect", [
    (lambda d: d / "missing.txt", "cannot read"),
    (lambda d: d, "is a directory"),
    (lambda d: (d / "latin1.txt").write_bytes("café".encode("latin-1")) and d / "latin1.txt", "not UTF-8"),
])
def test_errors_are_one_line_exit_2(tmp_path, setup, expect):
    path = setup(tmp_path)
    code, out, err = run(["fix", str(path)])
    assert code == 2
    assert expect in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_usage_error_exit_2():
    code, _, err = run(["fix", "--no-such-option"])
    assert code == 2 and "Traceback" not in err
    code, _, err = run(["fix", "-w"], b"x")
    assert code == 2 and "stdin" in err


def test_fix_does_not_import_heavy_libraries():
    code = ("import sys; from repair.cli import main; import io; sys.stdin = io.TextIOWrapper(io.BytesIO(b'Hello.'));"
            "main(['fix', '-']); bad = [m for m in ('ctranslate2', 'sentencepiece', 'rich', 'language_tool_python')"
            " if m in sys.modules]; assert not bad, bad")
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, cwd=ROOT)
    assert p.returncode == 0, p.stderr.decode()
