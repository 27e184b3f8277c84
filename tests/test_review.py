"""``mt-repair review`` in a real pseudo-terminal (the stdlib ``pty`` module, expect-style)."""

import os
import signal
import re
import select
import sys
import time
from pathlib import Path

import pytest

from repair.pipeline import repair_text
from repair.review import apply_hunks, hunks

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "nato-russia.txt"
DAMAGED = "The ministers stressed the need from resume the talks y to meet again.\n"

pty = pytest.importorskip("pty")


class Pty:
    """A child process on a pseudo-terminal: ``expect(regex)`` and ``send(line)``."""

    def __init__(self, args, cwd, env=None):
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child
            try:
                os.chdir(cwd)
                e = dict(os.environ, **(env or {}))
                signal.signal(signal.SIGINT, signal.SIG_DFL)   # Ctrl-C as in a terminal, even if ignored here
                os.execve(sys.executable, [sys.executable, "-m", "repair", *args], e)
            finally:
                os._exit(127)
        self.buf = ""

    def expect(self, pattern, timeout=60):
        rx = re.compile(pattern)
        end = time.monotonic() + timeout
        while True:
            m = rx.search(self.buf)
            if m:
                self.buf = self.buf[m.end():]
                return m
            left = end - time.monotonic()
            if left <= 0:
                raise AssertionError(f"timeout waiting for {pattern!r}; got: {self.buf[-2000:]!r}")
            r, _, _ = select.select([self.fd], [], [], left)
            if r:
                try:
                    data = os.read(self.fd, 4096)
                except OSError:
                    data = b""
                if not data:
                    m = rx.search(self.buf)
                    if m:
                        self.buf = self.buf[m.end():]
                        return m
                    raise AssertionError(f"EOF waiting for {pattern!r}; got: {self.buf[-2000:]!r}")
                self.buf += data.decode("utf-8", "replace").replace("\r\n", "\n")

    def send(self, line):
        os.write(self.fd, (line + "\n").encode())

    def wait(self, timeout=60):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            try:  # drain the output so that the child never blocks on a full terminal
                r, _, _ = select.select([self.fd], [], [], 0.1)
                if r:
                    data = os.read(self.fd, 4096)
                    self.buf += data.decode("utf-8", "replace").replace("\r\n", "\n")
            except OSError:
                pass
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                os.close(self.fd)
                return os.waitstatus_to_exitcode(status)
        os.kill(self.pid, 9)
        raise AssertionError("the review did not finish")


def test_hunks_cover_the_repair_exactly():
    text = SEED.read_text(encoding="utf-8")
    res = repair_text(text)
    hs = hunks(res)
    applied = [h for h in hs if h.applied]
    assert applied and all(h.findings for h in applied)
    assert apply_hunks(text, applied) == res.output  # accepting every change = the repair
    assert apply_hunks(text, []) == text
    # the suggestions never meet a change
    for s in (h for h in hs if not h.applied):
        assert not any(a.start <= s.end and s.start <= a.end for a in applied)


def test_review_in_a_pty_accept_reject_edit_all_quit(tmp_path):
    f = tmp_path / "a.txt"
    text = ("The allies insisted in which Russia respect the sovereignty e territorial integrity.\n\n"
            "The parties expressed the need from resume dialogue y to explore dates.\n\n"
            "They said from continue y to talk.\n")
    f.write_text(text, encoding="utf-8")
    res = repair_text(text)
    hs = [h for h in hunks(res) if h.applied]
    assert len(hs) >= 5, [(h.old, h.new, h.rules) for h in hs]
    p = Pty(["review", "--color", "never", "--no-config", str(f)], cwd=tmp_path, env={"COLUMNS": "200"})
    # 1: 'insisted in which' -> 'insisted that': accept
    p.expect(r"\[1/\d+\] .*a\.txt:1:\d+ change")
    p.expect(r"\[-in which-\]\{\+that\+\}")
    p.expect(r"Accept\? \[y,n,e,a\([^)]*\),q,\?\] ")
    p.send("y")
    # 2: 'e' -> 'and': reject
    p.expect(r"\[-e-\]\{\+and\+\}")
    p.expect(r"Accept\?")
    p.send("n")
    # 3: 'from' -> 'to': edit into 'so as to'
    p.expect(r"\[-from-\]\{\+to\+\}")
    p.expect(r"Accept\?")
    p.send("e")
    p.expect(r"Replace 'from' with")
    p.send("so as to")
    # 4: 'y' -> 'and' (R101): accept all of this rule (the later 'y' goes too)
    p.expect(r"\[-y-\]\{\+and\+\}")
    m = p.expect(r"Accept\? \[y,n,e,a\(([^)]*)\),q,\?\] ")
    assert m.group(1) == "R101"
    p.send("a")
    # 5: the second 'from': reject; 6: the second 'y' is accepted without a question
    p.expect(r"\[5/6\][\s\S]*?\[-from-\]\{\+to\+\}")
    p.expect(r"Accept\?")
    p.send("n")
    p.expect(r"\[6/6\] .* accepted \(R101\)")
    p.expect(r"a\.txt: 4 of 6 changes accepted, written")
    assert p.wait() == 0
    assert f.read_text(encoding="utf-8") == (
        "The allies insisted that Russia respect the sovereignty e territorial integrity.\n\n"
        "The parties expressed the need so as to resume dialogue and to explore dates.\n\n"
        "They said from continue and to talk.\n")
    assert [x.name for x in tmp_path.iterdir()] == ["a.txt"]  # atomic write, no temporary left


def test_review_help_and_quit(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(DAMAGED, encoding="utf-8")
    p = Pty(["review", "--color", "never", "--no-config", str(f)], cwd=tmp_path)
    p.expect(r"\[1/2\]")
    p.expect(r"Accept\?")
    p.send("?")
    p.expect(r"y accept")
    p.expect(r"Accept\?")
    p.send("y")
    p.expect(r"\[2/2\]")
    p.expect(r"Accept\?")
    p.send("q")  # quit: what was accepted is written, the rest is not
    p.expect(r"1 of 2 changes accepted, written")
    assert p.wait() == 0
    assert f.read_text(encoding="utf-8") == DAMAGED.replace("need from", "need to")


def test_review_end_of_input_writes_nothing_unaccepted(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(DAMAGED, encoding="utf-8")
    p = Pty(["review", "--color", "never", "--no-config", str(f)], cwd=tmp_path)
    p.expect(r"Accept\?")
    p.send("n")
    p.expect(r"Accept\?")
    os.write(p.fd, b"\x04")  # ^D: end of input = quit
    p.expect(r"0 of 2 changes accepted, unchanged")
    assert p.wait() == 0
    assert f.read_text(encoding="utf-8") == DAMAGED


def test_review_stdin_asks_on_the_terminal(tmp_path):
    """``review -``: the text comes from stdin, the questions from /dev/tty, the result goes to stdout."""
    src = tmp_path / "in.txt"
    src.write_text(DAMAGED, encoding="utf-8")
    out = tmp_path / "out.txt"
    # the shell redirects stdin/stdout; the pty stays the controlling terminal
    pid, fd = pty.fork()
    if pid == 0:
        try:
            os.chdir(tmp_path)
            os.execv("/bin/sh", ["sh", "-c", f"'{sys.executable}' -m repair review --color never "
                                 f"--no-config - < in.txt > out.txt"])
        finally:
            os._exit(127)
    p = Pty.__new__(Pty)
    p.pid, p.fd, p.buf = pid, fd, ""
    for _ in range(20):
        m = p.expect(r"Accept\?|changes accepted|error.*", timeout=60)
        if m.group() != "Accept?":
            break
        p.send("y")
    assert "error" not in m.group(), m.group()
    assert p.wait() == 0
    assert out.read_text(encoding="utf-8") == repair_text(DAMAGED).output


# -- what an editor notices (issue 10) --------------------------------------------------------

THREE = ("The parties expressed the need from resume dialogue y to explore dates.\n"
         "They said from continue y to talk.\n")


def test_the_context_shows_the_changes_already_accepted(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(THREE, encoding="utf-8")
    p = Pty(["review", "--color", "never", "--no-config", str(f)], cwd=tmp_path, env={"COLUMNS": "200"})
    p.expect(r"\[-from-\]\{\+to\+\}")
    p.expect(r"Accept\?")
    p.send("y")
    # the next change is shown in a line that already reads 'need to resume'
    m = p.expect(r"\n(.*)\[-y-\]\{\+and\+\}")
    assert "need to resume dialogue" in m.group(1) and "need from" not in m.group(1), m.group(1)
    p.expect(r"Accept\?")
    p.send("q")
    assert p.wait() == 0


def test_ctrl_c_asks_before_throwing_decisions_away(tmp_path):
    for answer, want in (("y", THREE.replace("need from", "need to")), ("n", THREE)):
        f = tmp_path / "a.txt"
        f.write_text(THREE, encoding="utf-8")
        p = Pty(["review", "--color", "never", "--no-config", str(f)], cwd=tmp_path)
        p.expect(r"Accept\?")
        p.send("y")
        p.expect(r"Accept\?")
        os.write(p.fd, b"\x03")                     # Ctrl-C at the second question
        p.expect(r"Interrupted: write the 1 change accepted so far to .*a\.txt\? \[y,N\] ")
        p.send(answer)
        p.expect(r"1 of \d+ changes accepted, written" if answer == "y"
                 else r"0 of \d+ changes accepted, interrupted, nothing written")
        assert p.wait() == 130
        assert f.read_text(encoding="utf-8") == want


def test_review_says_why_it_shows_fewer_items_than_check_and_where_check_does(tmp_path):
    from repair.report import line_col
    from repair.review import coverage, position

    text = SEED.read_text(encoding="utf-8")
    res = repair_text(text)
    hs = hunks(res)
    line = coverage(res, hs)
    assert line.startswith(f"{len(hs)} to review (") and f"for {len(res.findings)} findings" in line
    # every finding is accounted for: shown, sharing a change, or counted as not shown
    import re as _re

    counted = sum(int(n) for n in _re.findall(r"(\d+) (?:share|without|suggestions at|fixes that|suggestions on)", line))
    assert len(hs) - sum(1 for h in hs if not h.findings) + counted == len(res.findings), line
    # a change is reported where `check` reports its first finding (insertions included)
    at = {(f.rule, line_col(text, f.start)) for f in res.findings}
    for h in hs:
        assert (h.findings[0].rule, line_col(text, position(h))) in at or \
            any((f.rule, line_col(text, position(h))) in at for f in h.findings)
    f = tmp_path / "seed.txt"
    f.write_text(text, encoding="utf-8")
    p = Pty(["review", "--color", "never", "--no-config", str(f)], cwd=tmp_path, env={"COLUMNS": "300"})
    p.expect(_re.escape(f"{f}: {line}"))
    p.expect(r"Accept\?")
    p.send("q")
    assert p.wait() == 0


def test_an_insertion_is_shown_at_the_column_check_gives(tmp_path):
    from repair.report import as_lines

    text = "The allies insisted in which Russia respect the sovereignty e territorial integrity his neighbors.\n"
    f = tmp_path / "a.txt"
    f.write_text(text, encoding="utf-8")
    res = repair_text(text)
    assert any(not h.old for h in hunks(res)), [(h.old, h.new) for h in hunks(res)]   # an insertion
    want = [":".join(line.split(":")[1:3]) for line in as_lines(str(f), res)]
    p = Pty(["review", "--color", "never", "--no-config", str(f)], cwd=tmp_path, env={"COLUMNS": "200"})
    got = []
    while True:
        m = p.expect(r"\[\d+/\d+\] .*a\.txt:(\d+:\d+) |changes accepted")
        if m.group().startswith("changes"):
            break
        got.append(m.group(1))
        p.expect(r"Accept\?")
        p.send("n")
    assert p.wait() == 0
    assert got and all(g in want for g in got), (got, want)
