"""Configuration files (pyproject.toml [tool.mt-repair], .mt-repair.toml), found by walking up from
each file; overrides per glob; protected terms; extra rule folders; inline suppression; bad config."""

import subprocess
import sys
from pathlib import Path

import pytest

from repair.cli import main
from repair.config import Config
from repair.config_file import ConfigError, config_for, find_config
from repair.formats import repair_document

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "nato-russia.txt"
DAMAGED = "The ministers stressed the need from resume the talks y to meet again.\n"
CLEAN = "The ministers stressed the need to resume the talks and to meet again.\n"


def fix(path, *opts):
    p = subprocess.run([sys.executable, "-m", "repair", "fix", *opts, str(path)], capture_output=True,
                       cwd=path.parent)
    return p.returncode, p.stdout.decode(), p.stderr.decode()


def test_config_dataclass_keeps_its_fields():
    c = Config()
    assert (c.threshold, c.source_lang, c.select, c.ignore, c.max_passes, c.protected) == (0.7, None, (), (), 8, ())
    assert c.rule_dirs == () and c.input_format is None


def test_pyproject_found_by_walking_up(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.mt-repair]\nignore = ["K101"]\n')
    sub = tmp_path / "news" / "2024"
    sub.mkdir(parents=True)
    f = sub / "a.txt"
    f.write_text(DAMAGED)
    code, out, err = fix(f)
    assert code == 0, err
    assert out == CLEAN.replace("need to", "need from")  # K101 ignored, the rest repaired
    assert find_config(str(f))[0] == str(tmp_path / "pyproject.toml")
    # --no-config and the command line win over the file
    assert fix(f, "--no-config")[1] == CLEAN
    assert fix(f, "--ignore", "R101")[1] == CLEAN.replace("talks and", "talks y")


def test_nearest_file_wins_and_pyproject_without_table_is_passed_over(tmp_path):
    (tmp_path / ".mt-repair.toml").write_text('ignore = ["R"]\n')
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "pyproject.toml").write_text('[project]\nname = "x"\n')  # no [tool.mt-repair]: not a config
    f = sub / "a.txt"
    f.write_text(DAMAGED)
    assert fix(f)[1] == CLEAN.replace("talks and", "talks y")
    (sub / ".mt-repair.toml").write_text('[tool.mt-repair]\nselect = ["R101"]\n')
    assert fix(f)[1] == CLEAN.replace("need to", "need from")


def test_overrides_by_glob_threshold_and_source_lang(tmp_path):
    (tmp_path / ".mt-repair.toml").write_text(
        'threshold = 0.7\nsource-lang = "es"\n\n'
        '[[overrides]]\nfiles = ["drafts/*.txt"]\nthreshold = 0.99\n\n'
        '[[overrides]]\nfiles = "*.md"\nextend-ignore = ["K101"]\n')
    (tmp_path / "drafts").mkdir()
    a = tmp_path / "drafts" / "a.txt"
    b = tmp_path / "b.md"
    c = tmp_path / "c.txt"
    for f in (a, b, c):
        f.write_text(DAMAGED)
    assert config_for(str(a)).threshold == 0.99 and config_for(str(c)).threshold == 0.7
    assert config_for(str(c)).source_lang == "es"
    assert config_for(str(b)).ignore == ("K101",)
    assert fix(c)[1] == CLEAN
    assert fix(a)[1] == DAMAGED  # nothing is that confident
    assert fix(b)[1] == CLEAN.replace("need to", "need from")


def test_protected_terms_are_never_touched(tmp_path):
    text = SEED.read_text(encoding="utf-8")
    plain = repair_document(text, Config())
    assert "Grushkó" not in plain.output
    res = repair_document(text, Config(protected=("Grushkó", "OTAN")))
    assert res.output.count("Grushkó") == text.count("Grushkó")
    assert "OTAN" in res.output
    for f in res.findings:
        assert "Grushkó" not in f.text and "OTAN" not in f.text
    (tmp_path / "pyproject.toml").write_text('[tool.mt-repair]\nprotected = ["Grushkó"]\n', encoding="utf-8")
    f = tmp_path / "a.txt"
    f.write_text(text, encoding="utf-8")
    assert fix(f)[1].count("Grushkó") == text.count("Grushkó")


def test_extra_rule_folder(tmp_path):
    house = tmp_path / "house"
    house.mkdir()
    (house / "house.yaml").write_text(
        "rules:\n  - id: K901\n    kind: calque\n    message: house style\n    confidence: 0.9\n"
        "    pattern: '\\bpress point\\b'\n    replacement: news conference\n")
    (tmp_path / ".mt-repair.toml").write_text('rule-dirs = ["house"]\n')
    f = tmp_path / "a.txt"
    f.write_text("The minister spoke at a press point in Brussels.\n")
    code, out, err = fix(f)
    assert code == 0, err
    assert out == "The minister spoke at a news conference in Brussels.\n"
    assert fix(f, "--no-config")[1] == f.read_text()


@pytest.mark.parametrize("content,key", [
    ('[tool.mt-repair]\nthreshold = "high"\n', "tool.mt-repair.threshold"),
    ('[tool.mt-repair]\nsource-lang = "de"\n', "tool.mt-repair.source-lang"),
    ('[tool.mt-repair]\nignor = ["K101"]\n', "tool.mt-repair.ignor"),
    ('[tool.mt-repair]\nselect = [1, 2]\n', "tool.mt-repair.select"),
    ('[tool.mt-repair]\nrule-dirs = ["nowhere"]\n', "tool.mt-repair.rule-dirs"),
    ('[[tool.mt-repair.overrides]]\nignore = ["K"]\n', "tool.mt-repair.overrides[0]"),
    ('[[tool.mt-repair.overrides]]\nfiles = "*.md"\nthreshold = 2\n', "tool.mt-repair.overrides[0].threshold"),
    ('[tool.mt-repair\nthreshold = 1\n', "not valid TOML"),
])
def test_bad_config_is_one_clear_message_exit_2(tmp_path, content, key):
    cfg = tmp_path / "pyproject.toml"
    cfg.write_text(content)
    f = tmp_path / "a.txt"
    f.write_text(DAMAGED)
    code, out, err = fix(f)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err, err
    assert str(cfg) in err and key in err, err
    with pytest.raises(ConfigError):
        config_for(str(f))


def test_inline_suppression_blocks_and_lines(tmp_path):
    text = ("The need from resume the talks y to meet.\n\n"
            "<!-- mt-repair: off -->\nThe need from resume the talks y to meet.\n<!-- mt-repair: on -->\n\n"
            "The need from resume the talks y to meet. <!-- mt-repair: ignore -->\n"
            "The need from resume the talks y to meet. mt-repair: ignore\n"
            "The need from resume the talks y to meet.\n")
    res = repair_document(text, Config())
    lines = res.output.split("\n")
    fixed = "The need to resume the talks and to meet."
    damaged = "The need from resume the talks y to meet."
    assert lines[0] == fixed
    assert lines[3] == damaged  # inside the off/on block
    assert lines[6] == damaged + " <!-- mt-repair: ignore -->"
    assert lines[7] == damaged + " mt-repair: ignore"
    assert lines[8] == fixed
    # an 'off' without 'on' runs to the end; it works in Markdown too
    md = "# Title\n\nThe need from resume.\n\n<!-- mt-repair: off -->\n\nThe need from resume.\n"
    out = repair_document(md, Config(), "markdown").output
    assert out == md.replace("need from", "need to", 1)


def test_stdin_config_from_current_folder(tmp_path):
    (tmp_path / ".mt-repair.toml").write_text('ignore = ["K101"]\n')
    p = subprocess.run([sys.executable, "-m", "repair", "fix", "-"], input=DAMAGED.encode(), capture_output=True,
                       cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    assert p.stdout.decode() == CLEAN.replace("need to", "need from")


def test_main_reports_config_error(tmp_path, capsys, monkeypatch):
    (tmp_path / ".mt-repair.toml").write_text("threshold = -1\n")
    f = tmp_path / "a.txt"
    f.write_text(DAMAGED)
    monkeypatch.chdir(tmp_path)
    assert main(["check", str(f)]) == 2
    err = capsys.readouterr().err
    assert ".mt-repair.toml: threshold:" in err
