"""What a plain ``fix`` leaves unimported (start-up time of the command: issue 8's cold-start
ratio), and that the shortcuts taken to avoid an import answer as the module would."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_wordfreq_zipf_is_wordfreqs_value():
    wordfreq = pytest.importorskip("wordfreq")
    from repair import lexicon as L

    con = L._db()
    rows = con.execute("SELECT w FROM zipf WHERE lang = 'en' ORDER BY w").fetchall()
    words = [w for (w,) in rows[::97]]
    # unlisted words, words wordfreq reads as more than one token, other scripts, other languages
    words += ["zzqxv", "qwertyuiopasdf", "well-known", "don't", "don’t", "café", "naïve", "x2",
              "1990s", "l'état", "über", "ñandú", "", "the", "of", "a"]
    for w in words:
        assert L.wordfreq_zipf(w) == wordfreq.zipf_frequency(w, "en"), w
    assert L.wordfreq_zipf("casa", "es") == wordfreq.zipf_frequency("casa", "es")


def test_plain_fix_of_the_seed_imports_no_wordfreq():
    code = ("import sys; from repair.cli import main; rc = main(['fix', '-q', sys.argv[1]]);"
            "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('wordfreq', 'ftfy', 'langcodes'));"
            "sys.stderr.write(repr(bad)); sys.exit(rc)")
    r = subprocess.run([sys.executable, "-c", code, str(ROOT / "seeds" / "nato-russia.txt")],
                       capture_output=True, cwd=ROOT, text=True)
    assert r.returncode == 0, r.stderr
    assert r.stderr.strip() == "[]"


def test_config_toml_from_the_parsed_data_cache(tmp_path, monkeypatch):
    import tomllib

    from repair.config_file import ConfigError, _load_toml

    monkeypatch.setenv("MT_REPAIR_CACHE", str(tmp_path / "cache"))
    good = tmp_path / "pyproject.toml"
    text = '[project]\nname = "x"\n[tool.mt-repair]\nthreshold = 0.85\nignore = ["C101"]\nwhen = 1979-05-27\n'
    good.write_text(text, encoding="utf-8")
    for _ in range(2):   # (parsed, then read back; a date marshal cannot keep: parsed each time)
        assert _load_toml(str(good)) == tomllib.loads(text)
    good.write_text(text.replace("when = 1979-05-27\n", ""), encoding="utf-8")
    for _ in range(2):
        assert _load_toml(str(good)) == tomllib.loads(text.replace("when = 1979-05-27\n", ""))
    bad = tmp_path / "bad.toml"
    bad.write_text("[tool.mt-repair\nthreshold = 0.8\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(ConfigError, match="not valid TOML"):
            _load_toml(str(bad))
    bad.write_bytes(b"x = '\xff'\n")
    with pytest.raises(ConfigError, match="not UTF-8 text"):
        _load_toml(str(bad))


_DATACLASS_CHECK = r"""
import dataclasses, sys
from repair import entry

def make():
    @dataclasses.dataclass(frozen=True)
    class P:
        '''a point'''
        x: int
        y: str = "a"
        z: tuple = dataclasses.field(default_factory=tuple)
    return P

def codes(cls):
    out = []
    for name in ("__init__", "__repr__", "__eq__", "__hash__", "__setattr__", "__delattr__"):
        c = cls.__dict__[name].__code__
        out.append((name, c.co_code, c.co_consts, c.co_names, c.co_varnames, c.co_filename, c.co_flags,
                    c.co_firstlineno, c.co_qualname))
    return out

plain = codes(make())
entry._compiled_dataclass_methods()
assert "exec" in vars(dataclasses)
first, again = make(), make()
assert codes(first) == plain and codes(again) == plain, (codes(first), plain)
p = again(1)
assert repr(p) == "make.<locals>.P(x=1, y='a', z=())" and p == again(1) and hash(p) == hash(again(1))
try:
    p.x = 2
except dataclasses.FrozenInstanceError:
    pass
else:
    raise AssertionError("not frozen")
print("ok")
"""


def test_dataclass_methods_from_the_cache_are_the_ones_exec_compiles(tmp_path):
    env = {**__import__("os").environ, "MT_REPAIR_CACHE": str(tmp_path / "cache")}
    for _ in range(2):   # (compiled and kept, then read back)
        r = subprocess.run([sys.executable, "-c", _DATACLASS_CHECK], capture_output=True, cwd=ROOT, text=True, env=env)
        assert r.returncode == 0 and r.stdout.strip() == "ok", r.stderr
    assert any(p.name.endswith(".marshal") for p in (tmp_path / "cache").rglob("*"))


def test_console_fix_with_the_cached_methods_as_without(tmp_path):
    env = {**__import__("os").environ, "MT_REPAIR_CACHE": str(tmp_path / "cache")}
    seed = str(ROOT / "seeds" / "nato-russia.txt")
    console = "import sys; from repair.entry import main; sys.argv = ['mt-repair', 'fix', sys.argv[1]]; sys.exit(main())"
    library = "import sys; from repair.cli import main; sys.exit(main(['fix', sys.argv[1]]))"
    outs = [subprocess.run([sys.executable, "-c", code, seed], capture_output=True, cwd=ROOT, text=True, env=env).stdout
            for code in (console, console, library)]
    assert outs[0] == outs[1] == outs[2] and "NATO" in outs[0]


def test_plain_fix_of_the_seed_imports_neither_regex_nor_hashlib():
    # (the second run: the first may fill the parsed-data cache, which needs regex's parser)
    code = ("import sys; from repair.cli import main; rc = main(['fix', '-q', sys.argv[1]]);"
            "bad = sorted(m for m in sys.modules if m in ('regex', 'regex._main', 'regex._regex_core', 'hashlib'));"
            "sys.stderr.write(repr(bad)); sys.exit(rc)")
    seed = str(ROOT / "seeds" / "nato-russia.txt")
    runs = [subprocess.run([sys.executable, "-c", code, seed], capture_output=True, cwd=ROOT, text=True)
            for _ in range(2)]
    assert all(r.returncode == 0 for r in runs), runs[-1].stderr
    assert runs[1].stderr.strip() == "[]"
    assert runs[0].stdout == runs[1].stdout


def test_regex_shortcuts_answer_as_regex_does():
    import regex

    from repair import fastregex

    assert fastregex.VERSION1 == int(regex.VERSION1)
    assert fastregex.UNICODE == int(regex.UNICODE)
    assert fastregex.IGNORECASE == int(regex.IGNORECASE)
    assert fastregex.version() == regex.__version__
    assert fastregex.engine() is sys.modules["regex._regex"]
    rx = fastregex.compile(r"(?P<verb>\w+) (to|of) (\w+)(?: (\w+))?", fastregex.VERSION1 | fastregex.UNICODE)
    m = rx.search("he insisted to resume the talks")
    for template in (r"\1 on \3", r"\g<verb> \g<3>", r"\g<1>\g<2>", r"\4 x", "plain", r"\1\3",
                     r"\n\1", r"a\\b", r"\g<0>"):
        assert fastregex.expand(m, template) == m.expand(template), template
    for template in (r"\12", r"\g<nothere>"):   # (no such group: the same error)
        with pytest.raises(IndexError):
            m.expand(template)
        with pytest.raises(IndexError):
            fastregex.expand(m, template)
    import re

    m2 = re.search(r"(a)(b)?", "ac")
    assert fastregex.expand(m2, r"[\1\2]") == m2.expand(r"[\1\2]") == "[a]"
