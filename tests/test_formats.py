"""Markdown and HTML: the prose is repaired exactly as the plain text is, and no byte of markup changes."""

import html
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from repair.config import Config
from repair.formats import format_for, html_regions, markdown_regions, repair_document
from repair.pipeline import repair_text

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "nato-russia.txt"
TEXT = SEED.read_text(encoding="utf-8")
DAMAGED = "The ministers stressed the need from resume the talks y to meet again."


def seed_markdown() -> str:
    m = TEXT.replace("NATO and Russia do not yield", "# NATO and Russia do not yield", 1)
    m = m.replace("Jens Stoltenberg", "[Jens Stoltenberg](https://www.nato.int/cps/en/natohq/who_is_who.htm?a=from_y "
                  '"from OTAN y")', 1)
    m = m.replace("press conference in Brussels", "press conference in **Brussels**", 1)
    m = m.replace("in different settings.", "in _different_ settings.", 1)
    m = m.replace("\n\nThe two sides", "\n\n```text\nthe need from resume y eThey securitya\n```\n\nThe two sides", 1)
    m = "---\ntitle: the need from resume y\ntags: [nato, russia]\n---\n\n" + m
    m += ("\n\nSee `from OTAN y` and ![the need from](img/from_y.png) at <https://example.com/from-otan> or "
          "https://example.com/a_b_c?x=from&y=1 for more.\n\n[ref]: https://example.com/the-need-from  \"y\"\n")
    return m


def seed_html() -> str:
    paras = [p.strip("\n") for p in TEXT.split("\n\n") if p.strip()]
    h = ('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>NATO &amp; Russia</title>\n'
         "<style>p { margin: 0 } /* from y */</style>\n"
         "<script>var s = \"the need from resume y\";</script></head>\n<body>\n"
         f"<h1 class=\"headline\">{html.escape(paras[0], quote=False)}</h1>\n")
    for p in paras[1:]:
        h += f"\n<p>{html.escape(p, quote=False)}</p>\n"
    h = h.replace("Jens Stoltenberg", '<a href="https://www.nato.int/?q=from&amp;y=1" title="from OTAN y">'
                  "Jens Stoltenberg</a>", 1)
    h = h.replace("in Brussels", "in <b>Brussels</b>", 1)
    h = h.replace("since July 2019", "since July&nbsp;2019", 1)
    h += ("\n<!-- the need from resume y -->\n<pre>the need from resume y</pre>\n"
          "<p>Tools: <code>from y</code> &copy; EFE&#8482;</p>\n</body></html>\n")
    return h


def applied(res):
    """What was fixed: (rule, damaged fragment, fix), whitespace-insensitive (a boilerplate paragraph
    deleted across markup is deleted piece by piece)."""
    out = Counter()
    for f in res.findings:
        if f.applied and (f.text.strip() or f.replacement.strip()):
            # (a deleted paragraph's element goes with it: its tags are not the damage)
            text = re.sub(r"</?p>", "", f.text) if f.kind == "boilerplate" else f.text
            out[(f.rule, " ".join(text.split()), f.replacement.strip())] += 1
    return out


MD_MARKUP = re.compile(r"\A---\n.*?\n---\n|```.*?```|`[^`\n]+`|!\[[^\]]*\]\([^)]*\)|\]\([^)]*\)|<https?://[^>]+>"
                       r"|https?://[^\s)]+|^#+ |\*\*|(?<!\w)_|_(?!\w)|^\[ref\]:.*$", re.S | re.M)
HTML_MARKUP = re.compile(r"<!--.*?-->|<script.*?</script>|<style.*?</style>|<pre>.*?</pre>|<code>.*?</code>"
                         r"|<[^>]+>|&#?\w+;", re.S)


def strip_prose(text: str, rx) -> list[str]:
    return rx.findall(text)


def test_markdown_seed_same_fixes_and_markup_byte_for_byte():
    md = seed_markdown()
    res = repair_document(md, Config(), "markdown")
    plain = repair_text(TEXT)
    assert applied(res) == applied(plain)
    assert strip_prose(res.output, MD_MARKUP) == strip_prose(md, MD_MARKUP)
    # the prose reads as the plain repair
    assert "NATO and Russia evidenced this Wednesday “significant differences” and" in res.output
    assert "ALSO READ" not in res.output and "Disclaimer" not in res.output
    assert "```text\nthe need from resume y eThey securitya\n```" in res.output
    assert "title: the need from resume y\n" in res.output


def test_html_seed_same_fixes_and_markup_byte_for_byte():
    h = seed_html()
    res = repair_document(h, Config(), "html")
    plain = repair_text(TEXT)
    assert applied(res) == applied(plain)
    # the markup stays byte for byte, except the elements of the deleted boilerplate paragraphs
    kept = re.sub(r"\n<p>(?:ALSO READ|Disclaimer)[^<]*</p>\n", "\n", h)
    assert kept.count("<p>") == h.count("<p>") - 2
    assert strip_prose(res.output, HTML_MARKUP) == strip_prose(kept, HTML_MARKUP)
    assert "<p></p>" not in res.output
    # the text nodes, whitespace aside, are the plain repair
    body = re.sub(r"</?(?:a|b)\b[^>]*>", "", res.output.split("<body>")[1].split("\n<!--")[0])
    text_nodes = html.unescape(re.sub(r"<[^>]+>", " ", body))
    assert " ".join(text_nodes.split()) == " ".join(plain.output.split())  # (&nbsp; is whitespace too)


def test_finding_offsets_point_into_the_document():
    for doc, fmt in ((seed_markdown(), "markdown"), (seed_html(), "html")):
        res = repair_document(doc, Config(), fmt)
        for f in res.findings:
            assert doc[f.start:f.end] == f.text


def test_regions():
    md = "# T\n\nSee `code y` at [the link](http://x.org/from) and **bold**.\n"
    got = [md[r.start:r.end] for r in markdown_regions(md)]
    assert got == ["# ", "`code y`", "[", "](http://x.org/from)", "**", "**"]
    h = '<p class="a">A &amp; <b>B</b></p><!-- c -->'
    assert [h[r.start:r.end] for r in html_regions(h)] == ['<p class="a">', "&amp;", "<b>", "</b>", "</p>",
                                                           "<!-- c -->"]


def test_format_by_extension_or_option(tmp_path):
    assert format_for("a.md") == "markdown" and format_for("a.HTML") == "html" and format_for("a.txt") == "text"
    assert format_for("-") == "text" and format_for("a.txt", override="html") == "html"
    src = f"<p title=\"from y\">{DAMAGED}</p>\n"
    f = tmp_path / "a.html"
    f.write_text(src)
    out = subprocess.run([sys.executable, "-m", "repair", "fix", str(f)], capture_output=True, text=True).stdout
    assert out == '<p title="from y">The ministers stressed the need to resume the talks and to meet again.</p>\n'
    # stdin has no extension: --input-format
    p = subprocess.run([sys.executable, "-m", "repair", "fix", "--input-format", "markdown", "-"],
                       input=f"Run `from y` now: {DAMAGED}\n", capture_output=True, text=True)
    assert p.stdout == "Run `from y` now: The ministers stressed the need to resume the talks and to meet again.\n"


@pytest.mark.parametrize("fmt,doc", [
    ("markdown", "Text with *emphasis* and a [link](http://a.b/c) and `code`.\n\n    indented code y\n"),
    ("html", "<div><p>Clean text &mdash; with <i>markup</i>.</p></div>"),
])
def test_clean_documents_unchanged(fmt, doc):
    assert repair_document(doc, Config(), fmt).output == doc
