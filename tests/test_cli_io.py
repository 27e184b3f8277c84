"""The command line against hostile input and faults: links, files changed or unwritable during a
run, Ctrl-C, FIFOs, several files, option validation, the stdin hint, the summary, help texts."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from repair.cli import build_parser, main

ROOT = Path(__file__).resolve().parent.parent
DAMAGED = "The minister saidthe talks would resume in March.\n"
REPAIRED = "The minister said the talks would resume in March.\n"
CLEAN = "The talks ended on Friday.\n"


def run(args, stdin=b"", cwd=ROOT, timeout=60):
    p = subprocess.run([sys.executable, "-m", "repair", *args], input=stdin, capture_output=True, cwd=cwd,
                       timeout=timeout)
    return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8")


def one_line(err: str) -> bool:
    return len(err.strip().splitlines()) == 1 and "Traceback" not in err


@pytest.fixture()
def folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("MT_REPAIR_LANGUAGETOOL", raising=False)
    return tmp_path


def temp_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob(".mt-repair-*"))


# --------------------------------------------------------------------------- -w


def test_write_through_a_symbolic_link_keeps_the_link(folder):
    real = folder / "real"
    real.mkdir()
    target = real / "a.txt"
    target.write_text(DAMAGED, encoding="utf-8")
    link = folder / "link.txt"
    link.symlink_to(target)
    assert main(["fix", "-w", str(link)]) == 0
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text(encoding="utf-8") == REPAIRED
    assert temp_files(folder) == []


def test_write_refuses_a_file_changed_since_it_was_read(folder, monkeypatch, capsys):
    import repair.jobs as jobs

    a, b = folder / "a.txt", folder / "b.txt"
    a.write_text(DAMAGED, encoding="utf-8")
    b.write_text(DAMAGED, encoding="utf-8")
    real = jobs.repair_inputs

    def and_meanwhile(*args, **kw):
        out = real(*args, **kw)
        with open(a, "a", encoding="utf-8") as f:  # another program appends a line during the run
            f.write("A line added meanwhile.\n")
        return out

    monkeypatch.setattr(jobs, "repair_inputs", and_meanwhile)
    assert main(["fix", "-w", "-q", str(a), str(b)]) == 2
    err = capsys.readouterr().err
    assert one_line(err) and str(a) in err and "changed since it was read" in err
    assert a.read_text(encoding="utf-8") == DAMAGED + "A line added meanwhile.\n"   # nothing lost
    assert b.read_text(encoding="utf-8") == REPAIRED                                # the others written
    assert temp_files(folder) == []


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="changing owners needs root")
def test_write_keeps_mode_and_owner(folder):
    a = folder / "a.txt"
    a.write_text(DAMAGED, encoding="utf-8")
    os.chmod(a, 0o640)
    os.chown(a, 12345, 54321)
    assert main(["fix", "-w", str(a)]) == 0
    st = os.stat(a)
    assert a.read_text(encoding="utf-8") == REPAIRED
    assert (st.st_mode & 0o7777, st.st_uid, st.st_gid) == (0o640, 12345, 54321)


def test_write_over_several_files_one_unwritable(folder, monkeypatch, capsys):
    ro = folder / "ro"
    ro.mkdir()
    files = [folder / "a.txt", ro / "b.txt", folder / "c.txt"]
    for f in files:
        f.write_text(DAMAGED, encoding="utf-8")
    real = tempfile.mkstemp

    def mkstemp(*a, **kw):  # a read-only folder (also for root, who may write anywhere)
        if os.path.realpath(kw.get("dir", "")) == os.path.realpath(ro):
            raise PermissionError(13, "Permission denied")
        return real(*a, **kw)

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    assert main(["fix", "-w", "-q", *map(str, files)]) == 2
    err = capsys.readouterr().err
    assert one_line(err) and str(files[1]) in err and "Permission denied" in err
    assert [f.read_text(encoding="utf-8") for f in files] == [REPAIRED, DAMAGED, REPAIRED]


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root writes into read-only folders")
def test_write_into_a_read_only_folder_as_a_user(folder):
    ro = folder / "ro"
    ro.mkdir()
    files = [folder / "a.txt", ro / "b.txt"]
    for f in files:
        f.write_text(DAMAGED, encoding="utf-8")
    os.chmod(ro, 0o555)
    try:
        code, out, err = run(["fix", "-w", "-q", *map(str, files)])
    finally:
        os.chmod(ro, 0o755)
    assert code == 2 and one_line(err) and str(files[1]) in err
    assert files[0].read_text(encoding="utf-8") == REPAIRED


def test_ctrl_c_during_write_leaves_no_temporary_file_and_lists_what_was_written(folder, monkeypatch, capsys):
    files = [folder / f"{n}.txt" for n in "abc"]
    for f in files:
        f.write_text(DAMAGED, encoding="utf-8")
    real = os.fsync
    calls = []

    def fsync(fd):
        calls.append(fd)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    assert main(["fix", "-w", "-q", *map(str, files)]) == 130
    err = capsys.readouterr().err
    assert "Traceback" not in err and "interrupted" in err and str(files[0]) in err
    assert str(files[1]) not in err.split("written", 1)[-1] or "not written" in err
    assert [f.read_text(encoding="utf-8") for f in files] == [REPAIRED, DAMAGED, DAMAGED]
    assert temp_files(folder) == []


def test_ctrl_c_during_start_up_is_one_line(folder, monkeypatch, capsys):
    import repair.jobs as jobs

    (folder / "a.txt").write_text(DAMAGED, encoding="utf-8")

    def interrupted(*a, **kw):
        raise KeyboardInterrupt

    monkeypatch.setattr(jobs, "make_jobs", interrupted)   # while configurations and rules load
    assert main(["fix", "a.txt"]) == 130
    err = capsys.readouterr().err
    assert one_line(err) and "interrupted" in err
    monkeypatch.setattr("repair.cli.build_parser", interrupted)
    assert main(["fix", "a.txt"]) == 130
    assert one_line(capsys.readouterr().err)



def _sigint_default():
    """In the child: Ctrl-C acts as in a terminal, even where the test runner was started with SIGINT
    ignored (a background job of a shell without job control), which the child would inherit."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_DFL)

def test_ctrl_c_of_a_real_process_during_start_up(folder):
    import signal
    import time

    seed = ROOT / "seeds" / "nato-russia.txt"
    env = dict(os.environ, MT_REPAIR_CACHE=str(folder / "cache"))   # an empty cache: a long start-up
    p = subprocess.Popen([sys.executable, "-m", "repair", "fix", str(seed)], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, cwd=ROOT, env=env, preexec_fn=_sigint_default)
    time.sleep(1.5)
    p.send_signal(signal.SIGINT)
    out, err = p.communicate(timeout=60)
    err = err.decode()
    assert p.returncode == 130, err
    err = "".join(ln for ln in err.splitlines(True) if "building the word-frequency index" not in ln)  # a notice
    assert one_line(err) and "interrupted" in err


# --------------------------------------------------------------------------- several files, odd files


def test_several_files_without_write_are_separated_as_head_does(folder, capsys):
    (folder / "a.txt").write_text(DAMAGED, encoding="utf-8")
    (folder / "b.txt").write_text("No final newline saidthe end", encoding="utf-8")
    assert main(["fix", "-q", "a.txt", "b.txt"]) == 0
    assert capsys.readouterr().out == (f"==> a.txt <==\n{REPAIRED}\n==> b.txt <==\n"
                                       "No final newline said the end\n")
    assert main(["fix", "-q", "a.txt"]) == 0      # one file: the text as it is, no header
    assert capsys.readouterr().out == REPAIRED


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_refused_stdin_is_not(folder):
    fifo = folder / "pipe"
    os.mkfifo(fifo)
    code, out, err = run(["fix", str(fifo)], timeout=30)
    assert code == 2 and one_line(err) and "not a regular file" in err
    code, out, err = run(["eval", "--clean", str(fifo)], timeout=30)   # eval reads through repair.io too
    assert code == 2 and one_line(err) and "not a regular file" in err
    code, out, err = run(["fix", "-"], DAMAGED.encode())
    assert code == 0 and out == REPAIRED


def test_mlqe_pe_jsonl_is_accepted_by_fix(folder, capsys):
    rows = [{"id": 0, "src": "Pe 17 iunie, ministrul a spus că discuțiile vor continua.",
             "mt": "On 17 June, the minister saidthe talks would continue.", "pe": "x", "hter": 0.1},
            {"id": 1, "src": "Totul e bine.", "mt": "All is well.", "pe": "All is well.", "hter": 0.0}]
    p = folder / "ro-en.dev.jsonl"
    p.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    assert main(["fix", str(p)]) == 0
    out = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert out[0]["mt"] == "On 17 June, the minister said the talks would continue." and out[0]["pe"] == "x"
    assert out[1] == rows[1]
    # other field names: --fields
    q = folder / "other.jsonl"
    q.write_text(json.dumps({"orig": "x", "hyp": "He saidthe words."}) + "\n", encoding="utf-8")
    assert main(["fix", str(q)]) == 2
    assert "--fields" in capsys.readouterr().err
    assert main(["fix", "--fields", "orig,hyp", str(q)]) == 0
    assert json.loads(capsys.readouterr().out)["hyp"] == "He said the words."


def test_the_real_mlqe_pe_files_go_through_fix(folder):
    shared = ROOT.parent / "shared" / "corpora" / "mlqe-pe" / "ro-en.dev.jsonl"
    if not shared.exists():
        pytest.skip("shared corpora not beside the checkout")
    head = "".join(shared.read_text(encoding="utf-8").splitlines(keepends=True)[:40])
    (folder / "ro-en.dev.jsonl").write_text(head, encoding="utf-8")
    code, out, err = run(["check", "-q", str(folder / "ro-en.dev.jsonl")])
    assert code in (0, 1) and "needs" not in err and "Traceback" not in err, err


# --------------------------------------------------------------------------- options


@pytest.mark.parametrize("value", ["nan", "-1", "2", "inf", "x"])
@pytest.mark.parametrize("cmd", ["fix", "check", "eval"])
def test_bad_threshold_is_a_usage_error(folder, capsys, cmd, value):
    (folder / "a.txt").write_text(CLEAN, encoding="utf-8")
    assert main([cmd, f"--threshold={value}", "a.txt"]) == 2
    assert "threshold" in capsys.readouterr().err


def test_select_or_ignore_of_no_rule_is_a_usage_error(folder, capsys):
    (folder / "a.txt").write_text(DAMAGED, encoding="utf-8")
    assert main(["fix", "--select", "ZZZ", "a.txt"]) == 2
    err = capsys.readouterr().err
    assert one_line(err) and "ZZZ" in err
    assert main(["check", "--ignore", "G101,QQ9", "a.txt"]) == 2
    assert "QQ9" in capsys.readouterr().err
    assert main(["fix", "--select", "G,K101", "a.txt"]) == 0      # a prefix and an id
    assert capsys.readouterr().out == REPAIRED
    assert main(["fix", "--select", "LT:", "a.txt"]) == 0         # LanguageTool ids cannot be known in advance
    assert capsys.readouterr().out == DAMAGED


def test_every_option_has_help_text():
    parser = build_parser()
    sub = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    missing = []
    for name, sp in sub.choices.items():
        for a in sp._actions:
            if a.option_strings and not a.help:
                missing.append(f"{name} {a.option_strings[0]}")
    assert not missing, missing
    helps = {n: sp.format_help() for n, sp in sub.choices.items()}
    assert "json" in helps["fix"].rsplit("--format", 1)[1][:300]
    assert "confidence" in helps["eval"].rsplit("--threshold", 1)[1][:300]


def test_non_utf8_pyproject_is_one_line_exit_2(folder):
    (folder / "pyproject.toml").write_bytes(b"[tool.mt-repair]\nignore = [\"G\xff\"]\n")
    (folder / "a.txt").write_text(DAMAGED, encoding="utf-8")
    code, out, err = run(["fix", "a.txt"], cwd=folder)
    assert code == 2 and one_line(err) and "pyproject.toml" in err and "UTF-8" in err


# --------------------------------------------------------------------------- what an editor notices


def test_summary_says_changed_only_when_written(folder):
    for n in "ab":
        (folder / f"{n}.txt").write_text(DAMAGED, encoding="utf-8")
    code, out, err = run(["fix", "a.txt", "b.txt"], cwd=folder)
    assert code == 0 and "2 files" in err and "would change" in err and "2 changed" not in err
    code, out, err = run(["fix", "-w", "a.txt", "b.txt"], cwd=folder)
    assert code == 0 and "2 rewritten" in err
    code, out, err = run(["check", "a.txt", "b.txt"], cwd=folder)
    assert code == 0 and "0 to change" in err


def test_no_file_and_a_terminal_on_stdin_prints_a_hint():
    pty = pytest.importorskip("pty")
    master, slave = pty.openpty()
    try:
        p = subprocess.Popen([sys.executable, "-m", "repair", "fix"], stdin=slave, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, cwd=ROOT)
        os.close(slave)
        slave = None
        import select

        ready, _, _ = select.select([p.stderr], [], [], 30)
        assert ready, "no hint on stderr"
        hint = os.read(p.stderr.fileno(), 4096).decode()
        os.write(master, DAMAGED.encode() + b"\x04")
        out, err = p.communicate(timeout=60)
    finally:
        if slave is not None:
            os.close(slave)
        os.close(master)
    assert "stdin" in hint and ("Ctrl-D" in hint or "EOF" in hint)
    assert p.returncode == 0 and out.decode().replace("\r\n", "\n") == REPAIRED


def test_ctrl_c_with_worker_processes_stops_them_and_is_one_line(folder):
    """Ctrl-C while --jobs workers repair: the workers are stopped (not left to finish the batch), one
    line, exit 130.  (The timeout is a hang guard, far above the time it takes: the whole batch
    would take minutes.)"""
    import signal
    import time

    text = (ROOT / "seeds" / "nato-russia.txt").read_text(encoding="utf-8") * 3
    files = []
    for i in range(300):
        f = folder / f"a{i}.txt"
        f.write_text(text, encoding="utf-8")
        files.append(str(f))
    p = subprocess.Popen([sys.executable, "-m", "repair", "fix", "-q", "-w", "--jobs", "2", *files],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT, preexec_fn=_sigint_default)
    time.sleep(5)
    p.send_signal(signal.SIGINT)
    out, err = p.communicate(timeout=60)
    err = err.decode()
    assert p.returncode == 130 and one_line(err) and "interrupted" in err, err
    assert all(Path(f).read_text(encoding="utf-8") == text for f in files)   # nothing half-done


def test_ctrl_c_while_the_console_script_imports_the_command_is_one_line(monkeypatch, capsys):
    """The console script pip writes imports the module named in pyproject.toml before it calls
    anything: a Ctrl-C while ``repair.cli`` loads must still be one line and exit 130."""
    import importlib
    import tomllib

    target = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]["mt-repair"]
    modname, func = target.split(":")

    class Interrupting:
        def find_spec(self, name, path=None, target=None):
            if name == "repair.cli":
                raise KeyboardInterrupt
            return None

    monkeypatch.delitem(sys.modules, "repair.cli")
    monkeypatch.delitem(sys.modules, modname, raising=False)
    monkeypatch.setattr(sys, "meta_path", [Interrupting(), *sys.meta_path])
    try:
        entry = importlib.import_module(modname)        # what the console script does first
        code = getattr(entry, func)(["fix", "-"])
    except KeyboardInterrupt:
        pytest.fail(f"{target}: a Ctrl-C while it imports escapes as a traceback")
    assert code == 130
    err = capsys.readouterr().err
    assert one_line(err) and "interrupted" in err
