"""LanguageTool servers that misbehave: an answer that is not JSON is reported as such (not as
"not reachable"), and a server that trickles its answer a byte at a time cannot stall the run:
the requests of the step share a wall-clock budget, and the one warning line says what went
wrong.  The servers run on 127.0.0.1 only, in this process, and stop with the test."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from repair import languagetool as lt
from repair.cli import main
from repair.config import Config
from repair.pipeline import repair_text

TEXT = "The ministers stressed the need from resume the talks.\n"
CLEAN = {"software": {"name": "LanguageTool"}, "matches": []}


class Server:
    """A stand-in on 127.0.0.1: ``mode`` is ``json`` (a valid empty answer after ``delay`` s),
    ``garbage`` (HTTP 200 with text that is not JSON) or ``trickle`` (a valid status line and
    headers, then one byte every ``delay`` s of a long body)."""

    def __init__(self, mode, delay=0.0):
        self.requests = 0
        self.stop = threading.Event()
        srv = self

        class H(BaseHTTPRequestHandler):
            def do_POST(self):
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                srv.requests += 1
                if mode == "garbage":
                    body = b"<html><body>Welcome to nginx!</body></html>"
                else:
                    body = json.dumps(CLEAN).encode() + b" " * 200
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if mode == "trickle":
                    for b in body:
                        if srv.stop.wait(delay):
                            return
                        self.wfile.write(bytes([b]))
                        self.wfile.flush()
                    return
                if srv.stop.wait(delay):
                    return
                self.wfile.write(body)

            def log_message(self, *a):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), H)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(autouse=True)
def no_env(monkeypatch):
    monkeypatch.delenv(lt.ENV_VAR, raising=False)
    monkeypatch.delenv("MT_REPAIR_LANGUAGETOOL_BUDGET", raising=False)


def results(n):
    res = repair_text(TEXT, Config())
    return [(f"a{i}.txt", TEXT, res) for i in range(n)]


def test_an_answer_that_is_not_json_is_not_called_unreachable(tmp_path, capsys):
    f = tmp_path / "a.txt"
    f.write_text(TEXT, encoding="utf-8")
    with Server("garbage") as srv:
        assert main(["fix", "--languagetool", srv.url, str(f)]) == 0
    err = capsys.readouterr().err
    lines = err.splitlines()
    assert len(lines) == 1 and "not reachable" not in err and "not JSON" in err, err


def test_a_trickling_server_is_cut_off_by_the_budget_with_one_line():
    import io

    err = io.StringIO()
    with Server("trickle", delay=0.25) as srv:      # the whole answer would take over a minute
        t = time.monotonic()
        out = lt.run(srv.url, Config(), results(1), stderr=err, budget=1.0)
        took = time.monotonic() - t
    assert took < 15, took                          # not the minute the answer would take
    assert out == results(1) or len(out) == 1
    line = err.getvalue()
    assert len(line.splitlines()) == 1 and "too slow" in line and "budget" in line, line
    assert "0 of 1 files" in line


def test_the_budget_is_shared_by_the_requests_of_the_step(monkeypatch, capsys, tmp_path):
    import io

    err = io.StringIO()
    with Server("json", delay=0.4) as srv:           # each answer is fine but takes 0.4 s
        out = lt.run(srv.url, Config(), results(8), stderr=err, budget=1.0)
        asked = srv.requests
    assert len(out) == 8 and 1 <= asked < 8          # stopped asking once the budget was used
    line = err.getvalue()
    assert len(line.splitlines()) == 1 and "too slow" in line and f"of 8 files checked" in line, line
    # the budget from the environment, through the command line
    files = []
    for i in range(4):
        p = tmp_path / f"f{i}.txt"
        p.write_text(TEXT, encoding="utf-8")
        files.append(str(p))
    monkeypatch.setenv("MT_REPAIR_LANGUAGETOOL_BUDGET", "0.5")
    with Server("trickle", delay=0.25) as srv:
        assert main(["check", "-q", "--languagetool", srv.url, *files]) == 1
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and "too slow" in err and "0 of 4 files" in err, err
