"""The optional LanguageTool checker: /v2/check responses (fixtures in the real response schema) to
findings, UTF-16 → code-point offsets, the HTTP path against a local replay server, and an
unusable LanguageTool as one warning line.  Nothing here needs a LanguageTool or the network."""

import json
import os
import stat
import sys
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from repair import languagetool as lt
from repair.cli import main
from repair.config import Config
from repair.model import Finding
from repair.pipeline import Result, repair_text

FIX = Path(__file__).resolve().parent / "fixtures" / "languagetool"


def load(name):
    text = (FIX / f"{name}.txt").read_bytes().decode("utf-8")
    data = json.loads((FIX / f"{name}.json").read_text(encoding="utf-8"))
    return text, data


class Replay:
    """A tiny LanguageTool stand-in on 127.0.0.1 that answers /v2/check with a recorded response."""

    def __init__(self, body, status=200, content_type="application/json"):
        self.requests = []
        replay = self

        class H(BaseHTTPRequestHandler):
            def do_POST(self):
                n = int(self.headers.get("Content-Length") or 0)
                replay.requests.append((self.path, urllib.parse.parse_qs(self.rfile.read(n).decode("utf-8"))))
                self._answer()

            def do_GET(self):
                replay.requests.append((self.path, None))
                self._answer()

            def _answer(self):
                data = body if isinstance(body, bytes) else json.dumps(body).encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *a):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), H)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


def closed_port_url():
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}"  # nothing listens there any more


@pytest.fixture(autouse=True)
def no_env(monkeypatch):
    monkeypatch.delenv(lt.ENV_VAR, raising=False)


# -- offsets and parsing -----------------------------------------------------------------------

def test_utf16_table():
    text = "a😀b🇪🇺c"
    table = lt.utf16_to_cp(text)
    assert len(table) == len(text.encode("utf-16-le")) // 2 + 1
    assert table[0] == 0 and table[1] == 1 and table[3] == 2  # 😀 is two code units
    assert table[-1] == len(text)


def test_fixture_offsets_are_utf16():
    """The fixture is consistent with what Java would report: offsets in UTF-16 code units."""
    text, data = load("emoji")
    units = text.encode("utf-16-le")
    for m in data["matches"]:
        covered = units[2 * m["offset"]:2 * (m["offset"] + m["length"])].decode("utf-16-le")
        ctx = m["context"]
        assert ctx["text"].encode("utf-16-le")[2 * ctx["offset"]:2 * (ctx["offset"] + ctx["length"])] \
            .decode("utf-16-le") == covered
    # and naive code-point slicing would be wrong for matches after the emoji
    m = data["matches"][0]
    assert text[m["offset"]:m["offset"] + m["length"]] != "Brusels"


def test_parse_matches_after_non_bmp_characters():
    text, data = load("emoji")
    found = lt.parse_response(text, data)
    got = [(f.rule, text[f.start:f.end], f.kind, f.replacement) for f in found]
    assert got == [
        ("LT:MORFOLOGIK_RULE_EN_US", "Brusels", "grammar", "Brussels"),
        ("LT:COMMA_PARENTHESIS_WHITESPACE", " .", "punct", "."),
        ("LT:UPPERCASE_SENTENCE_START", "the", "case", "The"),
        ("LT:ENGLISH_WORD_REPEAT_RULE", "the the", "grammar", "the"),
        ("LT:HE_VERB_AGR", "go", "grammar", "goes"),
        ("LT:EN_UNPAIRED_QUOTES", "“", "punct", None),
    ]
    for f in found:
        assert f.text == text[f.start:f.end]
        assert f.confidence == lt.LOW and f.confidence < Config().threshold
        assert not f.applied
        assert f.message and "\n" not in f.message
    assert found[4].message.startswith("The pronoun ‘He’")


def test_allow_list_raises_confidence_with_or_without_prefix():
    text, data = load("emoji")
    found = lt.parse_response(text, data, allow=("MORFOLOGIK_RULE_EN_US", "LT:HE_VERB_AGR"))
    conf = {f.rule: f.confidence for f in found}
    assert conf["LT:MORFOLOGIK_RULE_EN_US"] == lt.ALLOWED
    assert conf["LT:HE_VERB_AGR"] == lt.ALLOWED
    assert conf["LT:UPPERCASE_SENTENCE_START"] == lt.LOW


def test_response_about_another_text_is_ignored_not_a_crash():
    _, data = load("emoji")
    assert lt.parse_response("short", data) == []
    assert lt.parse_response("x", {"matches": [{"offset": "?", "length": 1}, {}]}) == []


def test_clean_response_has_no_findings():
    text, data = load("clean")
    assert lt.parse_response(text, data) == []


# -- the HTTP path -----------------------------------------------------------------------------

def test_check_posts_to_v2_check_and_converts_offsets():
    text, data = load("emoji")
    with Replay(data) as srv:
        found = lt.check(text, srv.url, enabled_rules=("A", "B"), disabled_rules=("C",))
    (path, form), = srv.requests
    assert path == "/v2/check"
    assert form["text"] == [text] and form["language"] == ["en-US"]
    assert form["enabledRules"] == ["A,B"] and form["disabledRules"] == ["C"]
    assert [text[f.start:f.end] for f in found][:2] == ["Brusels", " ."]


@pytest.mark.parametrize("suffix", ["", "/", "/v2", "/v2/", "/v2/check"])
def test_server_url_forms(suffix):
    text, data = load("clean")
    with Replay(data) as srv:
        assert lt.check(text, srv.url + suffix) == []
    assert srv.requests[0][0] == "/v2/check"


def test_unreachable_server_raises_a_clear_error():
    with pytest.raises(lt.LanguageToolUnavailable) as e:
        lt.check("Some text.", closed_port_url(), timeout=5)
    assert "refused" in str(e.value).lower() or str(e.value)


@pytest.mark.parametrize("body,status", [(b"<html>nope</html>", 200), (b'{"x": 1}', 200),
                                         (b"Error: language code 'xx' not supported", 400),
                                         (b"internal error", 500)])
def test_bad_answers_raise_a_clear_error(body, status):
    with Replay(body, status=status, content_type="text/plain") as srv:
        with pytest.raises(lt.LanguageToolUnavailable):
            lt.check("Some text.", srv.url)


def test_not_a_url():
    with pytest.raises(lt.LanguageToolUnavailable):
        lt.check("Some text.", "ftp://example.invalid/")


# -- merging with the engine's result ----------------------------------------------------------

def test_merge_drops_matches_on_rewritten_text_and_applies_only_allow_listed():
    text = "Ministers met in Brusels and the the envoys agreed."
    engine = Finding(29, 36, "grammar", "M999", "repeated word", "the", 0.9, "the the", applied=True)
    res = Result(text, text[:29] + "the" + text[36:], [engine])
    b = text.index("Brusels")
    ltf = [
        Finding(b, b + 7, "grammar", "LT:MORFOLOGIK_RULE_EN_US", "Possible spelling mistake found.",
                "Brussels", lt.LOW, "Brusels"),
        Finding(29, 36, "grammar", "LT:ENGLISH_WORD_REPEAT_RULE", "Possible typo: you repeated a word.",
                "the", lt.LOW, "the the"),
    ]
    merged = lt.merge(res, ltf, Config())
    assert merged.output == res.output  # nothing allow-listed: nothing applied
    assert [f.rule for f in merged.findings] == ["LT:MORFOLOGIK_RULE_EN_US", "M999"]
    merged = lt.merge(res, ltf, Config(languagetool_apply=("MORFOLOGIK_RULE_EN_US",)))
    assert merged.output == "Ministers met in Brussels and the envoys agreed."
    assert [f.applied for f in merged.findings] == [True, True]
    # --ignore works on LT ids as on any other
    assert lt.merge(res, ltf, Config(ignore=("LT:",))).findings == [engine]


def test_merge_applies_allow_listed_fixes_after_engine_edits_and_never_two_overlapping():
    text, data = load("emoji")
    res = repair_text(text, Config())
    allow = ("UPPERCASE_SENTENCE_START", "ENGLISH_WORD_REPEAT_RULE", "MORFOLOGIK_RULE_EN_US")
    found = lt.parse_response(text, data, allow=allow)
    merged = lt.merge(res, found, Config(languagetool_apply=allow))
    applied = [f.rule for f in merged.findings if f.applied and f.rule.startswith("LT:")]
    # "the the" (longer) wins over "the" at the same place; both are never applied together
    assert "LT:ENGLISH_WORD_REPEAT_RULE" in applied and "LT:UPPERCASE_SENTENCE_START" not in applied
    assert "Brussels" in merged.output and "the the" not in merged.output
    assert "goes" not in merged.output  # not allow-listed
    assert merged.input == text


# -- the command line --------------------------------------------------------------------------

def test_cli_unreachable_is_one_warning_line_and_the_run_goes_on(tmp_path, capsys):
    f = tmp_path / "a.txt"
    f.write_text("The ministers stressed the need from resume the talks.\n", encoding="utf-8")
    assert main(["fix", str(f)]) == 0
    plain = capsys.readouterr()
    url = closed_port_url()
    assert main(["fix", "--languagetool", url, str(f)]) == 0
    got = capsys.readouterr()
    assert got.out == plain.out
    lines = got.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"mt-repair: warning: LanguageTool at {url} not reachable: ")
    assert "Traceback" not in got.err


def test_cli_absent_installation_is_one_warning_line(tmp_path, capsys):
    f = tmp_path / "a.txt"
    f.write_text("Fine text.\n", encoding="utf-8")
    assert main(["check", "--languagetool", str(tmp_path), str(f)]) == 0
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and "not usable: no languagetool-server.jar in" in err[0]


def test_cli_json_and_lines_with_a_replayed_server(tmp_path, capsys):
    text, data = load("emoji")
    f = tmp_path / "a.txt"
    f.write_bytes(text.encode("utf-8"))
    with Replay(data) as srv:
        assert main(["check", "--format", "json", "--languagetool", srv.url, str(f)]) == 1
        obj = json.loads(capsys.readouterr().out)
        ltf = [x for x in obj["findings"] if x["rule"].startswith("LT:")]
        assert {x["text"] for x in ltf} >= {"Brusels", " .", "the the", "go", "“"}
        assert all(text[x["start"]:x["end"]] == x["text"] for x in ltf)
        assert not any(x["applied"] for x in ltf)

        assert main(["fix", "--languagetool", srv.url, str(f)]) == 0
        out = capsys.readouterr().out
        assert "Brusels" in out  # a suggestion only

        assert main(["fix", "--languagetool", srv.url, "--languagetool-apply", "MORFOLOGIK_RULE_EN_US", str(f)]) == 0
        out = capsys.readouterr().out
        assert "Brussels" in out and "Brusels" not in out

        assert main(["check", "--format", "line", "--languagetool", srv.url, str(f)]) == 1
        lines = capsys.readouterr().out.splitlines()
        assert f"{f}:1:38: LT:MORFOLOGIK_RULE_EN_US Possible spelling mistake found: 'Brusels' -> 'Brussels' [suggestion]" in lines, lines


def test_cli_environment_variable(tmp_path, capsys, monkeypatch):
    text, data = load("emoji")
    f = tmp_path / "a.txt"
    f.write_bytes(text.encode("utf-8"))
    with Replay(data) as srv:
        monkeypatch.setenv(lt.ENV_VAR, srv.url)
        assert main(["check", "--format", "json", str(f)]) == 1
        assert any(x["rule"] == "LT:HE_VERB_AGR" for x in json.loads(capsys.readouterr().out)["findings"])
        # an explicit empty option turns it off
        n = len(srv.requests)
        main(["check", "--format", "json", "--languagetool", "", str(f)])
        capsys.readouterr()
        assert len(srv.requests) == n


def test_no_languagetool_unless_asked(tmp_path, capsys, monkeypatch):
    def boom(*a, **k):
        raise AssertionError("LanguageTool queried without being asked")

    monkeypatch.setattr(lt, "query", boom)
    f = tmp_path / "a.txt"
    f.write_text("Fine text.\n", encoding="utf-8")
    assert main(["check", str(f)]) == 0


# -- an installed LanguageTool -----------------------------------------------------------------

FAKE_JAVA = r'''#!{python}
# stands in for `java -cp languagetool-server.jar org.languagetool.server.HTTPServer --port N`
import json, sys
from http.server import BaseHTTPRequestHandler, HTTPServer
port = int(sys.argv[sys.argv.index("--port") + 1])
assert sys.argv[2].endswith("languagetool-server.jar") and "org.languagetool.server.HTTPServer" in sys.argv
body = open({fixture!r}, "rb").read()
class H(BaseHTTPRequestHandler):
    def _ok(self, data):
        self.send_response(200); self.send_header("Content-Length", str(len(data))); self.end_headers()
        self.wfile.write(data)
    def do_GET(self):
        self._ok(b'[{{"name": "English (US)", "code": "en", "longCode": "en-US"}}]')
    def do_POST(self):
        self.rfile.read(int(self.headers["Content-Length"])); self._ok(body)
    def log_message(self, *a): pass
HTTPServer(("127.0.0.1", port), H).serve_forever()
'''


def test_installed_languagetool_folder_is_started_locally(tmp_path):
    folder = tmp_path / "LanguageTool-6.4"
    folder.mkdir()
    (folder / "languagetool-server.jar").write_bytes(b"PK")  # never run: the fake java serves
    java = tmp_path / "java"
    java.write_text(FAKE_JAVA.format(python=sys.executable, fixture=str(FIX / "emoji.json")), encoding="utf-8")
    java.chmod(java.stat().st_mode | stat.S_IXUSR)
    text, _ = load("emoji")
    try:
        url = lt.start_local(str(folder), java=str(java), startup_timeout=20)
        assert url.startswith("http://127.0.0.1:")
        assert lt.start_local(str(folder), java=str(java)) == url  # once per run
        found = lt.check(text, url)
        assert [text[f.start:f.end] for f in found][0] == "Brusels"
    finally:
        lt.stop_local()


def test_installed_languagetool_that_exits_is_reported(tmp_path):
    folder = tmp_path / "lt"
    folder.mkdir()
    (folder / "languagetool-server.jar").write_bytes(b"PK")
    java = tmp_path / "java"
    java.write_text("#!/bin/sh\nexit 3\n", encoding="utf-8")
    java.chmod(0o755)
    with pytest.raises(lt.LanguageToolUnavailable, match="exited with code 3"):
        lt.start_local(str(folder), java=str(java), startup_timeout=20)
