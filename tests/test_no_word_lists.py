"""Detectors hold algorithms, not vocabularies: no list, set, tuple or dict literal of ten or
more string constants (nor a string of ten or more words that is ``.split()``) stays in
``repair/*.py`` or ``repair/detectors/*.py``.  Word classes, function words, abbreviations and
suffixes live under ``rules/lang/<lang>/*.yaml`` (read with ``repair.langdata``)."""

import ast
import glob
import os

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LIMIT = 10

# literals of ten or more strings that are not language knowledge: (file, name) -> why
NOT_LANGUAGE = {
    ("repair/__init__.py", "KINDS"): "the kinds of damage (the report's schema)",
    ("repair/evaluate.py", "KINDS"): "the kinds of damage (the gold files' schema)",
    ("repair/config_file.py", "KEYS"): "the configuration file's keys",
    ("repair/formats.py", "_BLOCK"): "HTML block elements (a format, not a language)",
    ("repair/formats.py", "_VOID"): "HTML void elements (a format, not a language)",
    ("repair/rules.py", "KEYS"): "the rule schema's keys",
    ("repair/detectors/__init__.py", "ORDER"): "the detector modules in their running order",
    ("repair/pipeline.py", "LOCAL"): "the line-local detector modules (names of modules, as ORDER)",
    ("repair/pipeline.py", "_SUBSTITUTION_LINE_PARAMS"): "parameter names of the substitution check (its schema)",
    ("repair/synth.py", "SHAPES"): "the generator's damage shapes and their functions (the pattern table's schema)",
    ("repair/mtscore.py", "FEATURES"): "the names of the MT-damage score's features (its weights' schema)",
}

# Move the word lists of these files to rules/lang/** with repair.langdata, then delete their
# line here (the test then passes; strict xfail fails the suite as soon as a file is clean, so
# the mark cannot outlive the move).
NOT_YET_MOVED = {
}


def _strings(nodes) -> int:
    return sum(isinstance(e, ast.Constant) and isinstance(e.value, str) for e in nodes)


def word_lists(source: str):
    """(line, owner name, count) of every literal of ``LIMIT`` or more strings."""
    tree = ast.parse(source)
    owner: dict[int, str] = {}

    def visit(node, name):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            name = node.name
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if targets and isinstance(targets[0], ast.Name) and name is None:
                name = targets[0].id
        owner[id(node)] = name
        for child in ast.iter_child_nodes(node):
            visit(child, name)

    visit(tree, None)
    for node in ast.walk(tree):
        n = 0
        if isinstance(node, (ast.List, ast.Set, ast.Tuple)):
            n = _strings(node.elts)
        elif isinstance(node, ast.Dict):
            n = max(_strings(node.keys), _strings(node.values))
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "split"
              and isinstance(node.func.value, ast.Constant) and isinstance(node.func.value.value, str)):
            n = len(node.func.value.value.split())
        if n >= LIMIT:
            yield node.lineno, owner.get(id(node)), n


FILES = sorted(os.path.relpath(p, ROOT) for p in glob.glob(os.path.join(ROOT, "repair", "*.py"))
               + glob.glob(os.path.join(ROOT, "repair", "detectors", "*.py")))


def test_the_scanner_finds_lists():
    src = 'A = {"a", "b", "c", "d", "e", "f", "g", "h", "i", "j"}\nB = frozenset("a b c d e f g h i j".split())\n'
    assert [(ln, n) for ln, n, _ in word_lists(src)] == [(1, "A"), (2, "B")]
    assert not list(word_lists('A = ("a", "b", "c", "d", "e", "f", "g", "h", "i")\n'))


@pytest.mark.parametrize("path", [
    pytest.param(p, marks=pytest.mark.xfail(strict=True, reason="TODO: word lists not yet moved to rules/lang"))
    if p in NOT_YET_MOVED else p for p in FILES])
def test_no_word_list_in_code(path):
    with open(os.path.join(ROOT, path), encoding="utf-8") as f:
        hits = [(ln, name, n) for ln, name, n in word_lists(f.read()) if (path, name) not in NOT_LANGUAGE]
    assert not hits, (f"{path}: literals of {LIMIT}+ strings (move them to rules/lang/<lang>/*.yaml and read "
                      f"them with repair.langdata): " + ", ".join(f"line {ln} ({name}, {n})" for ln, name, n in hits))
