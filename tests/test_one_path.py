"""One path: every input kind (text, Markdown, HTML, bilingual files, --source/--model, LanguageTool)
goes through the one library entry and the one job loop, with the same configuration, masking,
output formats and exit codes."""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from repair.cli import main

ROOT = Path(__file__).resolve().parent.parent
SRC = "El ministro dijo que las conversaciones se reanudarían en marzo."
DAMAGED = "The minister saidthe talks would resume in March."
REPAIRED = "The minister said the talks would resume in March."


@pytest.fixture()
def folder(tmp_path, monkeypatch):
    from repair import config_file

    config_file._find_in.cache_clear()  # configuration files are written between in-process runs here
    monkeypatch.setattr(config_file, "_find_in", config_file._find_in.__wrapped__)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("MT_REPAIR_LANGUAGETOOL", raising=False)
    monkeypatch.delenv("MT_REPAIR_MODEL", raising=False)
    return tmp_path


def test_config_file_applies_to_bilingual_files_as_to_text(folder, capsys):
    (folder / "b.txt").write_text(DAMAGED + "\n", encoding="utf-8")
    (folder / "a.tsv").write_text(f"{SRC}\t{DAMAGED}\n", encoding="utf-8")
    assert main(["fix", "b.txt", "a.tsv"]) == 0
    out = capsys.readouterr().out
    assert out.count("said the") == 2          # without a configuration both are split
    (folder / ".mt-repair.toml").write_text('ignore = ["G"]\n', encoding="utf-8")
    assert main(["fix", "b.txt"]) == 0
    assert capsys.readouterr().out == DAMAGED + "\n"
    assert main(["fix", "a.tsv"]) == 0
    assert capsys.readouterr().out == f"{SRC}\t{DAMAGED}\n"
    # and a per-glob override reaches a bilingual file too
    (folder / ".mt-repair.toml").write_text('[[overrides]]\nfiles = ["*.tsv"]\nignore = ["G"]\n', encoding="utf-8")
    assert main(["fix", "a.tsv"]) == 0
    assert capsys.readouterr().out == f"{SRC}\t{DAMAGED}\n"


def test_diff_of_a_bilingual_file_is_a_diff(folder, capsys):
    (folder / "a.tsv").write_text(f"{SRC}\t{DAMAGED}\n", encoding="utf-8")
    assert main(["fix", "--diff", "unified", "a.tsv"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("--- a.tsv\n+++ a.tsv\n@@ ")
    assert f"-{SRC}\t{DAMAGED}\n" in out and f"+{SRC}\t{REPAIRED}\n" in out


def test_bilingual_findings_are_in_the_files_lines_and_columns(folder, capsys):
    (folder / "a.tsv").write_text(f"{SRC}\tThe talks went on.\n{SRC}\t{DAMAGED}\n", encoding="utf-8")
    assert main(["check", "a.tsv"]) == 1
    line = capsys.readouterr().out.strip()
    col = len(SRC) + 1 + DAMAGED.index("saidthe") + 1
    assert line.startswith(f"a.tsv:2:{col}: G101 ")
    assert main(["fix", "--format", "json", "a.tsv"]) == 0
    obj = json.loads(capsys.readouterr().out)
    raw = (folder / "a.tsv").read_text(encoding="utf-8")
    f = obj["findings"][0]
    assert raw[f["start"]:f["end"]] == "saidthe" == f["text"]
    assert obj["output"] == raw.replace("saidthe", "said the")


def test_jsonl_escapes_are_kept_and_only_the_damage_rewritten(folder, capsys):
    line = json.dumps({"src": SRC, "mt": "Caf\u00e9 talks: " + DAMAGED, "pe": "x"}, ensure_ascii=True)
    (folder / "a.jsonl").write_text(line + "\n", encoding="utf-8")
    assert main(["fix", "a.jsonl"]) == 0
    out = capsys.readouterr().out
    assert out == line.replace("saidthe", "said the") + "\n"    # the \u00e9 escape stays as it was


class CopyModel:
    """An English-to-English stand-in for a translation model: it 'translates' a source into
    itself and finds a target more likely the more of its words the source has."""

    def encode_src(self, text):
        return text.split()

    encode_tgt = encode_src

    def encode_tgt_offsets(self, text):
        return [(m.group(), m.start(), m.end()) for m in re.finditer(r"\S+", text)]

    def decode_tgt(self, toks):
        return " ".join(toks)

    def score(self, srcs, tgts, max_batch_size=32):
        return [[0.0 if t in set(s) else -5.0 for t in tg] + [0.0] for s, tg in zip(srcs, tgts)]

    def translate(self, srcs, prefixes=None, beam_size=4, max_batch_size=32):
        return [list(s) for s in srcs]


@pytest.fixture()
def copy_model(monkeypatch):
    import repair.retranslate.models as models

    monkeypatch.setattr(models, "load", lambda spec=None, **kw: CopyModel())


def test_source_runs_keep_markdown_and_protected_terms(folder, capsys, copy_model):
    (folder / "src.txt").write_text(REPAIRED + "\n", encoding="utf-8")
    doc = "The minister saidthe talks would resume in `saidthe` March.\n"
    (folder / "doc.md").write_text(doc, encoding="utf-8")
    assert main(["fix", "doc.md", "--source", "src.txt", "--model", "copy"]) == 0
    # the code span is markup: neither the rules nor the re-translation (which drops it) may touch it
    assert capsys.readouterr().out == "The minister said the talks would resume in `saidthe` March.\n"
    (folder / ".mt-repair.toml").write_text('protected = ["saidthe"]\n', encoding="utf-8")
    (folder / "doc.txt").write_text(DAMAGED + "\n", encoding="utf-8")
    assert main(["fix", "doc.txt", "--source", "src.txt", "--model", "copy"]) == 0
    assert capsys.readouterr().out == DAMAGED + "\n"
    # without a lock the model's re-translation is taken (the engine runs at all)
    (folder / ".mt-repair.toml").unlink()
    (folder / "doc2.txt").write_text("The minister saidthe talks would resume on March.\n", encoding="utf-8")
    assert main(["fix", "doc2.txt", "--source", "src.txt", "--model", "copy", "--format", "json"]) == 0
    obj = json.loads(capsys.readouterr().out)
    assert obj["output"] == REPAIRED + "\n" and obj["retranslation"]["stats"]["applied"] == 1


def test_source_run_diff_line_format_and_exit_codes(folder, capsys, copy_model):
    (folder / "src.txt").write_text(REPAIRED + "\n", encoding="utf-8")
    (folder / "doc.txt").write_text(DAMAGED + "\n", encoding="utf-8")
    assert main(["fix", "--diff", "unified", "doc.txt", "--source", "src.txt", "--model", "copy"]) == 0
    assert f"+{REPAIRED}" in capsys.readouterr().out
    assert main(["fix", "--exit-non-zero-on-fix", "doc.txt", "--source", "src.txt", "--model", "copy"]) == 1
    assert capsys.readouterr().out == REPAIRED + "\n"
    assert main(["fix", "--format", "line", "doc.txt", "--source", "src.txt", "--model", "copy"]) == 0
    assert capsys.readouterr().out.startswith("doc.txt:1:14: ")


def test_languagetool_step_gets_the_merged_config(folder, capsys, monkeypatch):
    import repair.languagetool as lt

    seen = []

    def fake_add(result, config, url, *a, **kw):
        seen.append(config)
        return result

    monkeypatch.setattr(lt, "add_findings", fake_add)
    monkeypatch.setattr(lt, "server_url", lambda target: "http://127.0.0.1:9")
    (folder / ".mt-repair.toml").write_text('ignore = ["G"]\nprotected = ["Lavróv"]\n'
                                           '[[overrides]]\nfiles = ["b.txt"]\nthreshold = 0.9\n', encoding="utf-8")
    (folder / "a.txt").write_text(DAMAGED + "\n", encoding="utf-8")
    (folder / "b.txt").write_text(DAMAGED + "\n", encoding="utf-8")
    assert main(["fix", "-q", "a.txt", "b.txt", "--languagetool", "http://127.0.0.1:9",
                 "--languagetool-apply", "X_RULE"]) == 0
    assert [c.ignore for c in seen] == [("G",), ("G",)]
    assert [c.protected for c in seen] == [("Lavróv",), ("Lavróv",)]
    assert [c.threshold for c in seen] == [0.7, 0.9]
    assert all(c.languagetool_apply == ("X_RULE",) for c in seen)


def test_python_api_every_format():
    from repair.api import repair
    from repair.config import Config

    assert repair(DAMAGED).output == REPAIRED
    assert repair(DAMAGED, Config(ignore=("G",))).output == DAMAGED
    md = repair(f"# Talks\n\n{DAMAGED} See `saidthe`.\n", fmt="markdown")
    assert md.output == f"# Talks\n\n{REPAIRED} See `saidthe`.\n"
    assert repair(f"<p>{DAMAGED}</p>", fmt="html").output == f"<p>{REPAIRED}</p>"
    res = repair(f"{SRC}\t{DAMAGED}\n", fmt="tsv")
    assert res.output == f"{SRC}\t{REPAIRED}\n" and res.input[res.findings[0].start:].startswith("saidthe")
    x = repair(json.dumps({"source": SRC, "target": DAMAGED}) + "\n", fmt="jsonl")
    assert json.loads(x.output)["target"] == REPAIRED
    with pytest.raises(ValueError):
        repair(DAMAGED, source=SRC)          # a source needs a model


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    pkg = ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = pkg.split(".")
                parts = parts[:len(parts) - node.level + 1]
                base = ".".join(parts + ([base] if base else []))
            out.add(base)
            out.update(f"{base}.{a.name}" for a in node.names)
    return out


def test_no_library_module_imports_the_cli():
    cli_modules = {"repair.cli", "repair.__main__", "repair.entry"}   # the command and its entry points
    offenders = []
    for path in sorted((ROOT / "repair").rglob("*.py")):
        mod = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        if mod in cli_modules or mod == "repair.retranslate.cli":
            continue
        bad = {m for m in _imports(path) if m == "repair.cli" or m.startswith("repair.cli.")}
        if bad:
            offenders.append((mod, sorted(bad)))
    assert not offenders, offenders
    # the scan sees relative imports (it would have caught the old ones)
    assert "repair.cli" in _imports(ROOT / "repair" / "entry.py") or "repair.cli.main" in _imports(
        ROOT / "repair" / "entry.py")


@pytest.mark.parametrize("name,expect_rt", [("a.txt", False), ("a.md", False), ("a.tsv", False)])
def test_plain_fix_imports_nothing_of_retranslate(tmp_path, name, expect_rt):
    p = tmp_path / name
    p.write_text(f"{SRC}\t{DAMAGED}\n" if name.endswith(".tsv") else DAMAGED + "\n", encoding="utf-8")
    code = ("import sys; from repair.cli import main; rc = main(['fix', '-q', sys.argv[1]]);"
            "bad = sorted(m for m in sys.modules if m.startswith('repair.retranslate'));"
            "sys.stderr.write(repr(bad)); sys.exit(rc)")
    r = subprocess.run([sys.executable, "-c", code, str(p)], capture_output=True, cwd=ROOT, text=True)
    assert r.returncode == 0, r.stderr
    assert r.stderr.strip() == "[]"
    assert "said the" in r.stdout
