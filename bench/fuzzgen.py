"""Input generators for the fuzz campaigns (``bench/fuzz.py`` and ``tests/test_fuzz.py``).

Every generator takes a ``random.Random``-like object (the suite passes hypothesis's
``st.randoms()``, so its inputs shrink; the script a seeded ``random.Random``) and a list of base
sentences, and returns ``(text, fmt)``:

- ``unicode``: random code points from many blocks (controls, combining marks, right-to-left,
  emoji and ZWJ, CJK, private use, NUL, BOM, CR/LF/CRLF, every quotation mark);
- ``news``: base sentences with the kinds of damage MT leaves (glued words, source conjunctions,
  *from* for *to*, stripped accents, capitals mid-sentence, quotes glued or turned, boilerplate
  lines, source acronyms, doubled words and spaces, CR or CRLF line ends, cut words);
- ``markdown``: damaged sentences in headings, lists, quotes, tables, emphasis, code spans, fences,
  links, images, front matter, HTML and comments;
- ``html``: damaged sentences in block and inline elements, attributes, entities, comments,
  ``script``/``pre``/``code``, void and unclosed tags.

The damage vocabulary here is a test instrument (it imitates the damage; no rule reads it).
"""

from __future__ import annotations

import unicodedata

KINDS = ("unicode", "news", "markdown", "html")

BLOCKS = [(0x20, 0x7E), (0x00, 0x1F), (0x7F, 0x9F), (0xA0, 0x17F), (0x300, 0x36F), (0x370, 0x3FF),
          (0x400, 0x4FF), (0x590, 0x5FF), (0x600, 0x6FF), (0x900, 0x97F), (0x2000, 0x206F), (0x20A0, 0x20CF),
          (0x2190, 0x21FF), (0x3040, 0x30FF), (0x4E00, 0x4E80), (0xAC00, 0xAC80), (0xE000, 0xE010),
          (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF), (0xFF00, 0xFF60), (0x1F300, 0x1F6FF), (0x1F900, 0x1F9FF),
          (0x1D400, 0x1D4FF), (0xE0000, 0xE007F)]
SPECIAL = ["\n", "\r", "\r\n", "\n\n", "\t", " ", "  ", "“", "”", "‘", "’", "«", "»", "\"", "'", "„", "‹", "›",
           "\u200d", "\u200b", "\u00ad", "\ufeff", "\x00", "...", "…", "—", "–", "-", ".", ",", ";", ":", "!", "?",
           "¿", "¡", "(", ")", "[", "]", "<", ">", "&", "#", "*", "_", "`", "~", "|", "e", "y", "E", "Y"]

FALLBACK = [
    "The ministers met in Brussels on Wednesday and agreed to resume the talks in March.",
    "“We are ready to listen,” the secretary general said after the meeting.",
    "Prices rose 3.5 % in the third quarter, according to the statistics office.",
    "José María Pérez, the mayor of São Paulo, said the works would end in 2024.",
    "The company, which employs 1,200 people, did not comment on the report.",
]

GLUE_TAILS = ["of", "to", "the", "and", "from", "in", "that", "with"]
SOURCE_WORDS = ["e", "y", "de", "que", "el", "la", "los", "con", "para", "OTAN", "EE.UU.", "ONU", "UE", "et", "il"]
BOILER = ["ALSO READ: Markets Rally After Fed Decision", "Share this article", "Source link",
          "Disclaimer: If you need to update/edit/remove this news or article then please contact our support team",
          "[ad_1]", "READ MORE: Five things to know", "Related Posts", "Like this:", "Loading..."]


def _pick(rng, seq):
    return seq[rng.randrange(len(seq))]


def random_unicode(rng, n: int | None = None) -> str:
    n = rng.randrange(0, 200) if n is None else n
    out = []
    for _ in range(n):
        r = rng.random()
        if r < 0.25:
            out.append(_pick(rng, SPECIAL))
        elif r < 0.55:
            out.append(chr(rng.randrange(0x61, 0x7B)) if rng.random() < 0.8 else chr(rng.randrange(0x41, 0x5B)))
        else:
            a, b = _pick(rng, BLOCKS)
            c = rng.randrange(a, b + 1)
            if 0xD800 <= c <= 0xDFFF:
                continue
            out.append(chr(c))
    return "".join(out)


def _strip_accents(w: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", w) if not unicodedata.combining(c))


def damage(rng, sentence: str) -> str:
    """One to four kinds of MT damage, at random places of ``sentence``."""
    words = sentence.split(" ")
    for _ in range(1 + rng.randrange(4)):
        if not words:
            break
        i = rng.randrange(len(words))
        op = rng.randrange(16)
        if op == 0 and i + 1 < len(words):                       # glued words
            words[i:i + 2] = [words[i] + words[i + 1]]
        elif op == 1:                                            # a tail glued on
            words[i] = words[i] + _pick(rng, GLUE_TAILS)
        elif op == 2:                                            # a source-language word
            words.insert(i, _pick(rng, SOURCE_WORDS))
        elif op == 3:
            words[i] = {"to": "from", "that": "in which", "and": "y", "of": "from"}.get(words[i], words[i])
        elif op == 4:
            words[i] = _strip_accents(words[i]) if rng.random() < 0.5 else \
                "".join(c for c in words[i] if ord(c) < 128)
        elif op == 5:
            words[i] = words[i][:1].upper() + words[i][1:]
        elif op == 6 and i + 1 < len(words):                     # a quote glued to the next word
            q = _pick(rng, ["“", "”", "\"", "‘", "’", "«", "»"])
            words[i:i + 2] = [words[i] + q + words[i + 1]]
        elif op == 7:
            words[i] = words[i].replace("“", "”") if rng.random() < 0.5 else words[i].replace("”", "“")
        elif op == 8:
            words.insert(i, words[i])                            # a doubled word
        elif op == 9:
            words[i] = words[i] + " "                            # a doubled space
        elif op == 10:
            words[i] = words[i][: max(1, len(words[i]) // 2)]   # a cut word
        elif op == 11:
            words[i] = words[i].upper()
        elif op == 12:
            words[i] = words[i] + _pick(rng, [" ,", " .", "..", ",,", " ;", "( ", " )"])
        elif op == 13:
            words[i] = _pick(rng, ["\u00a0", "\u200b", "\u00ad", ""]).join(words[i])
        elif op == 14:
            words[i] = words[i] + _pick(rng, [".", "!", "?", ":"])
        else:
            words.insert(i, _pick(rng, ["The", "the", "a", "A", "one", "his", "it", "by", "to", "from"]))
    return " ".join(words)


def news(rng, base: list[str]) -> str:
    base = base or FALLBACK
    paras = []
    for _ in range(1 + rng.randrange(3)):
        s = " ".join(_pick(rng, base) for _ in range(1 + rng.randrange(2)))
        paras.append(damage(rng, s) if rng.random() < 0.85 else s)
        if rng.random() < 0.15:
            paras.append(_pick(rng, BOILER))
    sep = _pick(rng, ["\n\n", "\n", "\r\n\r\n", "\r\n", "\r", "\n\n\n", " "])
    text = sep.join(paras)
    return text + (_pick(rng, ["", "\n", "\r\n", "\r"]))


# inline markup put around one word of a line ({w} the word, {lw} lowercased, {i} its index)
MD_INLINE = ("**{w}**", "_{w}_", "`{w} from y`", "[{w}](https://example.com/{lw}?a=1&b=from)",
             "![{w}](img/{i}.png)", "<https://example.com/{i}>", "<b>{w}</b>", "{w}<!-- from y -->")
HTML_INLINE = ("<b>{w}</b>", '<a href="https://example.com/?q=from&amp;y=1" title="from y">{w}</a>',
               "{w}&nbsp;", "<code>{w} from y</code>", "{w}<br>", "&#8220;{w}&#8221;",
               "<i>{w}",  # never closed
               "{w}<!-- from y -->")


def _marked_line(rng, base: list[str], marks: tuple[str, ...], draws: int, escape: bool = False):
    """A damaged line with one word wrapped in one of ``marks``, drawn out of ``draws`` (a draw
    past the marks leaves the line plain); ``escape``: '&' written as '&amp;' 7 times in 10.
    Returns the line and the index of the word."""
    s = damage(rng, _pick(rng, base))
    if escape:
        s = s.replace("&", "&amp;") if rng.random() < 0.7 else s
    w = s.split(" ")
    i = rng.randrange(len(w))
    k = rng.randrange(draws)
    if k < len(marks):
        w[i] = marks[k].format(w=w[i], lw=w[i].lower(), i=i)
    return " ".join(w), i


def markdown(rng, base: list[str]) -> str:
    base = base or FALLBACK
    blocks = []
    if rng.random() < 0.2:
        blocks.append("---\ntitle: " + damage(rng, _pick(rng, base)) + "\ntags: [a, b]\n---")
    for _ in range(1 + rng.randrange(5)):
        s, i = _marked_line(rng, base, MD_INLINE, 9)
        kind = rng.randrange(10)
        if kind == 0:
            s = "#" * (1 + rng.randrange(6)) + " " + s
        elif kind == 1:
            s = "\n".join(f"- {damage(rng, _pick(rng, base))}" for _ in range(1 + rng.randrange(3)))
        elif kind == 2:
            s = "> " + s
        elif kind == 3:
            s = "```" + _pick(rng, ["", "python", "text"]) + "\n" + s + "\n```"
        elif kind == 4:
            s = "    " + s
        elif kind == 5:
            s = "| a | b |\n|---|---|\n| " + s + " | x |"
        elif kind == 6:
            s = f"[ref{i}]: https://example.com/{i} \"from y\""
        elif kind == 7:
            s = "1. " + s
        blocks.append(s)
        if rng.random() < 0.1:
            blocks.append(_pick(rng, BOILER))
    return _pick(rng, ["\n\n", "\n", "\r\n\r\n"]).join(blocks) + "\n"


def html(rng, base: list[str]) -> str:
    base = base or FALLBACK
    out = [_pick(rng, ["", "<!DOCTYPE html>\n<html><head><title>T &amp; U</title></head><body>\n"])]
    for _ in range(1 + rng.randrange(5)):
        s, _i = _marked_line(rng, base, HTML_INLINE, 10, escape=True)
        tag = _pick(rng, ["p", "p", "div", "li", "h2", "td", "blockquote", "span", "section"])
        attrs = _pick(rng, ["", ' class="x"', " id='a b'", ' data-x="1 > 0"'])
        block = f"<{tag}{attrs}>{s}</{tag}>"
        r = rng.random()
        if r < 0.1:
            block = f"<pre>{s}</pre>"
        elif r < 0.15:
            block = f"<script>var s = \"{s}\";</script>"
        elif r < 0.25:
            block = f"<{tag}>{_pick(rng, BOILER)}</{tag}>"
        elif r < 0.3:
            block = f"<div><p>{_pick(rng, BOILER)}</p></div>"
        out.append(block)
    out.append(_pick(rng, ["", "\n</body></html>"]))
    return _pick(rng, ["\n", "\n\n", "", "\r\n"]).join(out) + "\n"


def generate(rng, kind: str, base: list[str]) -> tuple[str, str]:
    if kind == "unicode":
        return random_unicode(rng), "text"
    if kind == "news":
        return news(rng, base), "text"
    if kind == "markdown":
        return markdown(rng, base), "markdown"
    if kind == "html":
        return html(rng, base), "html"
    raise ValueError(kind)


def replay_problem(text: str, res) -> str | None:
    """Where the JSON report carries the applied ``edits`` (schema 2), applying them to the input
    must give the output; None when it does, or when the report has no edits."""
    import json

    from repair import report

    try:
        obj = json.loads(report.as_json("fuzz", res))
    except Exception as exc:  # noqa: BLE001
        return f"report: {type(exc).__name__}: {exc}"
    edits = obj.get("edits")
    if edits is None:
        return None
    spans = []
    for e in edits:
        if isinstance(e, dict):
            rep = e.get("replacement", e.get("new", e.get("text_after")))
            spans.append((e["start"], e["end"], rep))
        else:
            spans.append((e[0], e[1], e[2]))
    out, pos = [], 0
    for s, e, r in sorted(spans, key=lambda t: (t[0], t[1])):
        if s < pos:
            return f"replay: overlapping edits at {s}"
        out.append(text[pos:s])
        out.append(r or "")
        pos = e
    out.append(text[pos:])
    return None if "".join(out) == obj.get("output", res.output) else "replay: the edits do not give the output"


def check(text: str, fmt: str, repair, replay: bool = False, idempotence: bool = True) -> str | None:
    """The first property ``text`` breaks, or None: ``repair(text, fmt)`` returns a Result without
    raising; finding offsets point into the input; repairing the output changes nothing; the
    applied findings replay the output (where they can: a later pass's fix is reported on the
    input span it covers)."""
    try:
        res = repair(text, fmt)
    except Exception as exc:  # noqa: BLE001 - the property
        return f"crash: {type(exc).__name__}: {exc}"
    for f in res.findings:
        if not (0 <= f.start <= f.end <= len(text)) or text[f.start:f.end] != f.text:
            return f"offsets: {f.rule} {f.start}:{f.end} {f.text!r}"
    if replay:
        problem = replay_problem(text, res)
        if problem:
            return problem
    if res.output == text or not idempotence:
        return None          # repairing it again is the same call
    try:
        again = repair(res.output, fmt)
    except Exception as exc:  # noqa: BLE001
        return f"crash on the output: {type(exc).__name__}: {exc}"
    if again.output != res.output:
        return "idempotence: " + ", ".join(sorted({f.rule for f in again.findings if f.applied}))
    return None
