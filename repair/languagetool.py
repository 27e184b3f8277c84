"""Optional LanguageTool checker.

Used only when the user points mt-repair at a LanguageTool server (``--languagetool URL`` or the
environment variable ``MT_REPAIR_LANGUAGETOOL``) or at an installed LanguageTool (a folder holding
``languagetool-server.jar``, or the jar itself).  Nothing is ever downloaded: a folder without the
jar is reported as absent.

The HTTP call is made with ``urllib`` against the ``/v2/check`` API (POST form ``text``,
``language``, optional ``enabledRules``/``disabledRules``).  For an installed LanguageTool the
server jar is started on a free port of 127.0.0.1 for the run and stopped at exit.

Every LanguageTool match becomes a :class:`~repair.model.Finding`:

- offsets converted from UTF-16 code units (Java) to code points (Python);
- rule id ``LT:`` + the LanguageTool rule id (``LT:MORFOLOGIK_RULE_EN_US``);
- kind ``case`` for the CASING category, ``punct`` for PUNCTUATION and TYPOGRAPHY, else ``grammar``;
- message = the match's message, replacement = the first suggestion (``None`` when there is none);
- confidence :data:`LOW` (below any sensible threshold, never applied) unless the rule id is
  allow-listed in ``Config.languagetool_apply`` (with or without the ``LT:`` prefix), then
  :data:`ALLOWED`.

:func:`add_findings` is the post-step after the rule engine: it checks the *input* text (so the
offsets are input offsets like every other finding), drops matches on text the engine already
rewrote, and applies the allow-listed ones that overlap no applied fix and no other applied match.
Allow-listed fixes are applied whatever ``--threshold`` says: the allow-list is the user's decision.
"""

from __future__ import annotations

import atexit
import json
import os
import shutil
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

from .model import Finding

ENV_VAR = "MT_REPAIR_LANGUAGETOOL"
PREFIX = "LT:"
LOW = 0.3
ALLOWED = 0.8
DEFAULT_TIMEOUT = 20.0     # one request, wall clock (headers and body together)
DEFAULT_BUDGET = 60.0      # all the requests of one run together, wall clock
ENV_BUDGET = "MT_REPAIR_LANGUAGETOOL_BUDGET"
SERVER_JAR = "languagetool-server.jar"

_KIND_BY_CATEGORY = {
    "CASING": "case",
    "PUNCTUATION": "punct",
    "TYPOGRAPHY": "punct",
}


class LanguageToolUnavailable(Exception):
    """The server cannot be reached, answered with an error, or the installation is absent.
    ``problem`` says which: ``unreachable``, ``error`` (an HTTP error status), ``answer`` (not a
    LanguageTool answer: not JSON, no matches), ``slow`` (over the time limit) or ``absent``."""

    def __init__(self, message: str, problem: str = "unreachable"):
        super().__init__(message)
        self.problem = problem


# -- offsets -----------------------------------------------------------------------------------

def utf16_to_cp(text: str) -> list[int]:
    """Table mapping each UTF-16 offset in ``text`` (0..len in code units) to a code-point offset.
    An offset inside a surrogate pair maps to the character that pair encodes."""
    table: list[int] = []
    for i, ch in enumerate(text):
        table.append(i)
        if ord(ch) > 0xFFFF:
            table.append(i)
    table.append(len(text))
    return table


# -- response → findings -----------------------------------------------------------------------

def allowed(rule: str, allow: tuple[str, ...] | list[str]) -> bool:
    bare = rule[len(PREFIX):] if rule.startswith(PREFIX) else rule
    return any(a in (rule, bare) for a in allow)


def kind_of(match: dict) -> str:
    cat = ((match.get("rule") or {}).get("category") or {}).get("id") or ""
    return _KIND_BY_CATEGORY.get(cat.upper(), "grammar")


def parse_response(text: str, data: dict, allow: tuple[str, ...] = ()) -> list[Finding]:
    """Findings for the matches of a ``/v2/check`` response ``data`` about ``text``."""
    table = utf16_to_cp(text)
    last = len(table) - 1
    out: list[Finding] = []
    for m in data.get("matches") or ():
        try:
            off, length = int(m["offset"]), int(m["length"])
        except (KeyError, TypeError, ValueError):
            continue
        if off < 0 or length < 0 or off + length > last:
            continue  # a response about another text
        start, end = table[off], table[off + length]
        rid = PREFIX + str((m.get("rule") or {}).get("id") or "UNKNOWN")
        reps = m.get("replacements") or []
        replacement = None
        if reps and isinstance(reps[0], dict) and isinstance(reps[0].get("value"), str):
            replacement = reps[0]["value"]
        message = " ".join(str(m.get("message") or m.get("shortMessage") or "LanguageTool").split())
        out.append(Finding(
            start=start, end=end, kind=kind_of(m), rule=rid, message=message,
            replacement=replacement, confidence=ALLOWED if allowed(rid, allow) else LOW,
            text=text[start:end],
        ))
    return sorted(out, key=lambda f: (f.start, f.end, f.rule))


# -- the server --------------------------------------------------------------------------------

def check_url(url: str) -> str:
    """The ``/v2/check`` endpoint for a server URL given as ``http://host:port``,
    ``http://host:port/v2`` or the full endpoint."""
    u = url.rstrip("/")
    if u.endswith("/v2/check"):
        return u
    if u.endswith("/v2"):
        return u + "/check"
    return u + "/v2/check"


def _reason(exc: BaseException) -> str:
    if isinstance(exc, urllib.error.HTTPError):
        return f"HTTP {exc.code} {exc.reason}"
    if isinstance(exc, urllib.error.URLError):
        r = exc.reason
        return getattr(r, "strerror", None) or str(r)
    if isinstance(exc, (socket.timeout, TimeoutError)):
        return "timed out"
    return getattr(exc, "strerror", None) or str(exc) or exc.__class__.__name__


def query(text: str, url: str, language: str = "en-US", timeout: float = DEFAULT_TIMEOUT,
          enabled_rules=(), disabled_rules=()) -> dict:
    """POST ``text`` to the server's ``/v2/check``; the decoded JSON answer."""
    endpoint = check_url(url)
    if urllib.parse.urlsplit(endpoint).scheme not in ("http", "https"):
        raise LanguageToolUnavailable(f"not an http(s) URL: {url}")
    form = {"text": text, "language": language}
    if enabled_rules:
        form["enabledRules"] = ",".join(enabled_rules)
    if disabled_rules:
        form["disabledRules"] = ",".join(disabled_rules)
    req = urllib.request.Request(
        endpoint, data=urllib.parse.urlencode(form).encode("utf-8"), method="POST",
        headers={"Content-Type": "application/x-www-form-urlencoded; charset=utf-8",
                 "Accept": "application/json"})
    body = _fetch(req, timeout)
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise LanguageToolUnavailable("the answer is not JSON (is this a LanguageTool server?)", "answer") from None
    if not isinstance(data, dict) or not isinstance(data.get("matches"), list):
        raise LanguageToolUnavailable("the answer has no 'matches' (is this a LanguageTool server?)", "answer")
    return data


def _fetch(req: urllib.request.Request, timeout: float) -> bytes:
    """The body of the answer to ``req`` within ``timeout`` seconds of wall clock.  A socket
    timeout bounds each read only, and a server that sends a byte every few seconds never trips
    it: the request runs in a daemon thread that is given up on (and dies with its socket
    timeout or the process) when the time is over."""
    box: dict = {}

    def work():
        try:
            with urllib.request.urlopen(req, timeout=timeout) as resp:
                box["body"] = resp.read()
        except BaseException as exc:  # handed to the caller
            box["exc"] = exc

    t = threading.Thread(target=work, name="mt-repair-languagetool", daemon=True)
    t.start()
    t.join(timeout)
    if t.is_alive():
        raise LanguageToolUnavailable(f"no complete answer within {timeout:.3g} s", "slow")
    exc = box.get("exc")
    if exc is None:
        return box["body"]
    if isinstance(exc, urllib.error.HTTPError):
        raise LanguageToolUnavailable(_reason(exc), "error") from None
    if isinstance(exc, (socket.timeout, TimeoutError)) or \
            isinstance(getattr(exc, "reason", None), (socket.timeout, TimeoutError)):
        raise LanguageToolUnavailable(f"no answer within {timeout:.3g} s", "slow") from None
    if isinstance(exc, (urllib.error.URLError, OSError, ValueError)):
        raise LanguageToolUnavailable(_reason(exc)) from None
    raise LanguageToolUnavailable(f"{type(exc).__name__}: {exc}", "answer") from None


def check(text: str, url: str, language: str = "en-US", timeout: float = DEFAULT_TIMEOUT,
          allow: tuple[str, ...] = (), enabled_rules=(), disabled_rules=()) -> list[Finding]:
    """LanguageTool's matches for ``text`` as findings (code-point offsets into ``text``).
    Raises :class:`LanguageToolUnavailable` when the server cannot be used."""
    if not text.strip():
        return []
    data = query(text, url, language, timeout, enabled_rules, disabled_rules)
    return parse_response(text, data, allow)


# -- an installed LanguageTool -----------------------------------------------------------------

_started: dict[str, tuple[str, subprocess.Popen]] = {}


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def find_server_jar(path: str) -> str:
    """The server jar of a LanguageTool folder (or the jar itself); never downloads anything."""
    if os.path.isfile(path):
        return path
    if os.path.isdir(path):
        jar = os.path.join(path, SERVER_JAR)
        if os.path.isfile(jar):
            return jar
        raise LanguageToolUnavailable(f"no {SERVER_JAR} in {path}", "absent")
    raise LanguageToolUnavailable("no such file or folder", "absent")


def start_local(path: str, java: str | None = None, startup_timeout: float = 60.0) -> str:
    """Start the server jar of an installed LanguageTool on a free port of 127.0.0.1 (once per
    process; stopped at exit) and return its URL."""
    key = os.path.abspath(path)
    if key in _started and _started[key][1].poll() is None:
        return _started[key][0]
    jar = find_server_jar(path)
    java = java or os.environ.get("JAVA") or shutil.which("java")
    if not java:
        raise LanguageToolUnavailable("java not found (needed to run the installed LanguageTool)")
    port = _free_port()
    cmd = [java, "-cp", jar, "org.languagetool.server.HTTPServer", "--port", str(port)]
    try:
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, cwd=os.path.dirname(os.path.abspath(jar)))
    except OSError as exc:
        raise LanguageToolUnavailable(f"cannot start {jar}: {_reason(exc)}") from None
    atexit.register(_stop, proc)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + startup_timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise LanguageToolUnavailable(f"{jar} exited with code {proc.returncode}")
        try:
            with urllib.request.urlopen(url + "/v2/languages", timeout=2) as resp:
                if resp.status == 200:
                    _started[key] = (url, proc)
                    return url
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.2)
    _stop(proc)
    raise LanguageToolUnavailable(f"{jar} did not answer within {startup_timeout:.0f} s")


def stop_local() -> None:
    """Stop every LanguageTool server this process started."""
    while _started:
        _stop(_started.popitem()[1][1])


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()


def is_url(target: str) -> bool:
    return urllib.parse.urlsplit(target).scheme in ("http", "https")


def server_url(target: str) -> str:
    """A URL to query for ``target``: the URL itself, or a local server started from an installed
    LanguageTool folder or jar."""
    if is_url(target):
        return target
    return start_local(os.path.expanduser(target))


def target_from(option: str | None) -> str | None:
    """The LanguageTool the user chose: the option, else the environment variable, else none."""
    t = option if option is not None else os.environ.get(ENV_VAR)
    return t.strip() or None if t else None


# -- the post-step -----------------------------------------------------------------------------

def merge(result, findings: list[Finding], config):
    """A new Result with LanguageTool ``findings`` (input offsets) joined to ``result``'s:
    matches overlapping an applied fix are dropped (the engine already rewrote that text); the
    allow-listed ones with a replacement go through the pipeline's resolver (whatever the
    threshold: the allow-list is the user's decision), blocked by the edits already applied, and
    the chosen ones join the result's edits."""
    from .model import Edit, Result, apply_edits
    from .pipeline import Block, decide, decided

    applied = [f for f in result.findings if f.applied]
    kept: list[Finding] = []
    for f in findings:
        if not config.rule_enabled(f.rule):
            continue
        if any(f.overlaps(a) for a in applied):
            continue
        kept.append(f.with_(source="languagetool"))

    allow = tuple(getattr(config, "languagetool_apply", ()) or ())
    cands = [f for f in kept if f.replacement is not None and allowed(f.rule, allow)]
    blocks = [Block(e.start, e.end, e.start == e.end, e.rule) for e in result.edits]
    chosen, reasons = decide(cands, 0.0, blocks)
    ids = {id(f) for f in chosen}
    kept = [decided(f, ids, reasons) if id(f) in ids or id(f) in reasons else f for f in kept]
    edits = list(result.edits) + [Edit(f.start, f.end, f.replacement, f.rule) for f in chosen]
    output = apply_edits(result.input, edits) if chosen else result.output
    merged = sorted(list(result.findings) + kept, key=lambda f: (f.start, f.end, f.rule))
    return Result(result.input, output, merged, edits)


def add_findings(result, config, url: str, language: str = "en-US",
                 timeout: float = DEFAULT_TIMEOUT):
    """Check ``result.input`` with the LanguageTool server at ``url`` and merge the matches
    (see :func:`merge`).  Raises :class:`LanguageToolUnavailable`."""
    allow = tuple(getattr(config, "languagetool_apply", ()) or ())
    found = check(result.input, url, language=language, timeout=timeout, allow=allow)
    return merge(result, found, config)


def budget_from_env() -> float:
    """The time budget of the LanguageTool step: ``$MT_REPAIR_LANGUAGETOOL_BUDGET`` seconds,
    else :data:`DEFAULT_BUDGET`."""
    try:
        b = float(os.environ.get(ENV_BUDGET) or DEFAULT_BUDGET)
    except ValueError:
        return DEFAULT_BUDGET
    return b if b > 0 and b == b else DEFAULT_BUDGET


def run(option: str | None, config, results: list, stderr=None, budget: float | None = None) -> list:
    """The job loop's post-step: ``results`` is a list of ``(path, text, Result)`` (or
    ``(path, text, Result, Config)``: that file's configuration); when the user chose
    a LanguageTool (``option`` or ``MT_REPAIR_LANGUAGETOOL``), each Result gets its matches.
    The requests share a wall-clock ``budget`` (default :func:`budget_from_env`), each at most
    :data:`DEFAULT_TIMEOUT`.  If the LanguageTool cannot be used, one warning line saying what
    went wrong goes to ``stderr`` and the results are returned as they were from that file on."""
    import sys

    target = target_from(option)
    if not target:
        return results
    stderr = stderr or sys.stderr
    budget = budget_from_env() if budget is None else budget
    out: list = []
    try:
        url = server_url(target)
        deadline = time.monotonic() + budget
        for item in results:  # (path, text, Result) or (path, text, Result, that file's Config)
            path, text, res = item[:3]
            cfg = item[3] if len(item) > 3 else config
            left = deadline - time.monotonic()
            if left <= 0:
                raise LanguageToolUnavailable("the step's time budget is used up", "slow")
            try:
                found = add_findings(res, cfg, url, timeout=min(DEFAULT_TIMEOUT, left))
            except LanguageToolUnavailable as exc:
                if exc.problem == "slow" and left < DEFAULT_TIMEOUT:
                    exc.args = (f"{exc}: the step's time budget is used up",)
                raise
            out.append((path, text, found) + tuple(item[3:]))
    except LanguageToolUnavailable as exc:
        what = {"unreachable": "not reachable" if is_url(target) else "not usable",
                "absent": "not usable", "error": "answered with an error",
                "answer": "gave an answer that is not LanguageTool's",
                "slow": "too slow"}.get(exc.problem, "not usable")
        tail = ""
        if len(results) > 1 or exc.problem == "slow":
            tail = f"; {len(out)} of {len(results)} files checked with it"
        if exc.problem == "slow":
            tail += f" (budget {budget:g} s for the step, {DEFAULT_TIMEOUT:g} s a request; ${ENV_BUDGET})"
        print(f"mt-repair: warning: LanguageTool at {target} {what}: {exc}{tail}", file=stderr)
        out.extend(results[len(out):])
    return out
