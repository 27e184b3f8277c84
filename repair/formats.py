"""Input formats (plain text, Markdown, HTML), inline suppression and protected terms, by masking.

The text is cut into *prose* and *protected regions* (markup).  The pipeline runs on a *view*:
the prose as it stands, each protected region replaced by a stand-in — nothing for inline
markup, a paragraph break for block markup, a private-use character for code spans and URLs,
the decoded character for an HTML entity.  Every finding that touches a stand-in, a suppressed
block or line, or a protected term is dropped (a deletion across markup, such as a boilerplate
paragraph, is cut into the deletions of its prose pieces), so the stand-ins come out of the
pipeline unchanged; the original bytes of each region are spliced back in their place.

    repair_document(text, config, fmt) -> Result   # input/output/findings in the file's offsets
"""

from __future__ import annotations

import bisect
import os
import re
from dataclasses import dataclass

from .config import Config
from .model import Edit, Finding, OffsetMap, Result, apply_edits
from .pipeline import repair_text

FORMATS = ("text", "markdown", "html")
EXTENSIONS = {
    ".md": "markdown", ".markdown": "markdown", ".mdown": "markdown", ".mkd": "markdown", ".mdx": "markdown",
    ".html": "html", ".htm": "html", ".xhtml": "html",
}
PH = "\ue000"  # stand-in for code spans, URLs and images: one token that is no word
PARA = "\n\n"  # stand-in for block markup



class FormatError(ValueError):
    """Markdown/HTML masking could not keep the markup intact (the CLI reports one line, exit 2)."""

def format_for(path: str | None, config: Config | None = None, override: str | None = None) -> str:
    if override and override != "auto":
        return override
    if config is not None and config.input_format:
        return config.input_format
    if path and path != "-":
        return EXTENSIONS.get(os.path.splitext(path)[1].lower(), "text")
    return "text"


@dataclass(frozen=True)
class Region:
    start: int
    end: int
    sub: str  # the stand-in in the view


class _Mask:
    """Collects non-overlapping regions (first come, first kept)."""

    def __init__(self, text: str):
        self.text = text
        self.taken = bytearray(len(text))
        self.regions: list[Region] = []

    def add(self, s: int, e: int, sub: str = "") -> bool:
        if s >= e or any(self.taken[s:e]):
            return False
        self.taken[s:e] = b"\1" * (e - s)
        self.regions.append(Region(s, e, sub))
        return True

    def free(self, s: int, e: int) -> bool:
        return not any(self.taken[s:e])


# --------------------------------------------------------------------------- Markdown

class _Lazy:
    """A pattern compiled when first used (a plain-text run uses few of the Markdown and HTML
    patterns, and compiling them all took a few milliseconds of each cold start)."""

    __slots__ = ("_args", "_rx")

    def __init__(self, *args):
        self._args = args
        self._rx = None

    def __getattr__(self, name):
        rx = self._rx
        if rx is None:
            rx = self._rx = re.compile(*self._args)
        return getattr(rx, name)


_lazy = _Lazy


_FRONT = _lazy(r"\A(?:---|\+\+\+)[ \t]*\r?\n.*?\r?\n(?:---|\.\.\.|\+\+\+)[ \t]*(?=\r?\n|\Z)", re.S)
_FENCE_OPEN = _lazy(r"^ {0,3}(`{3,}|~{3,})[^\n]*$", re.M)
_HTML_COMMENT = _lazy(r"<!--.*?-->", re.S)
_LINK_DEF = _lazy(r"^ {0,3}\[[^\]\n]+\]:[ \t]*\S+[^\n]*$", re.M)
_CODE_SPAN = _lazy(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.S)
_AUTOLINK = _lazy(r"<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[^\s<>@]+@[^\s<>@]+)>")
_URL = _lazy(r"\b(?:https?|ftp)://[^\s<>()\[\]]*[^\s<>()\[\].,;:!?'\"”’)]|\bwww\.[^\s<>()\[\]]*[^\s<>()\[\].,;:!?'\"”’)]")
_IMAGE = _lazy(r"!\[[^\]\n]*\]\([^)\n]*\)|!\[[^\]\n]*\]\[[^\]\n]*\]")
_LINK = _lazy(r"(\[)(?=[^\]\n]*\](?:\(|\[))([^\]\n]*)(\](?:\([^)\n]*\)|\[[^\]\n]*\]))")
_TAG = _lazy(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s+[^\s\"'>/=]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?)*\s*/?>")
_HEADING = _lazy(r"^ {0,3}#{1,6}(?:[ \t]+|(?=\r?$))", re.M)
_HEADING_TAIL = _lazy(r"[ \t]+#+[ \t]*$", re.M)
_RULE_LINE = _lazy(r"^ {0,3}(?:(?:[-*_])[ \t]*){3,}$|^ {0,3}=+[ \t]*$", re.M)
_QUOTE = _lazy(r"^(?: {0,3}>[ \t]?)+", re.M)
_LIST = _lazy(r"^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+", re.M)
_EMPH = _lazy(r"(?<![\w*\\])\*{1,3}(?=[^\s*])|(?<=[^\s*\\])\*{1,3}(?![\w*])"
                   r"|(?<![\w\\])_{1,3}(?=[^\s_])|(?<=[^\s_\\])_{1,3}(?!\w)")
_ESCAPE = _lazy(r"\\(?=[!-/:-@\[-`{-~])")
_TABLE_ROW = _lazy(r"^[ \t]*\|.*\|[ \t]*$", re.M)


def markdown_regions(text: str) -> list[Region]:
    m = _Mask(text)
    fm = _FRONT.match(text)
    if fm:
        m.add(0, fm.end(), PARA)
    # fenced code blocks (to the closing fence, or to the end)
    pos = 0
    while True:
        o = _FENCE_OPEN.search(text, pos)
        if not o:
            break
        fence = o.group(1)
        close = re.compile(r"^ {0,3}" + re.escape(fence[0]) + "{" + str(len(fence)) + r",}[ \t]*$", re.M)
        c = close.search(text, o.end() + 1)
        end = c.end() if c else len(text)
        m.add(o.start(), end, PARA)
        pos = end
    # indented code blocks: 4 spaces or a tab after a blank line
    lines = list(re.finditer(r"[^\n]*(?:\n|$)", text))
    prev_blank = True
    i = 0
    while i < len(lines):
        ln = lines[i].group()
        if prev_blank and re.match(r"(?: {4}|\t)\S", ln) and m.free(lines[i].start(), lines[i].end()):
            j = i
            while j + 1 < len(lines) and (re.match(r"(?: {4}|\t)", lines[j + 1].group())
                                          or not lines[j + 1].group().strip() and j + 2 < len(lines)
                                          and re.match(r"(?: {4}|\t)\S", lines[j + 2].group())):
                j += 1
            end = lines[j].end() - (1 if lines[j].group().endswith("\n") else 0)
            m.add(lines[i].start(), end, PARA)
            i = j + 1
            prev_blank = False
            continue
        prev_blank = not ln.strip()
        i += 1
    for rx, sub in ((_HTML_COMMENT, ""), (_LINK_DEF, PARA), (_TABLE_ROW, PARA)):
        for x in rx.finditer(text):
            m.add(x.start(), x.end(), sub)
    for x in _CODE_SPAN.finditer(text):
        m.add(x.start(), x.end(), PH)
    for rx in (_IMAGE, _AUTOLINK):
        for x in rx.finditer(text):
            m.add(x.start(), x.end(), PH)
    for x in _LINK.finditer(text):
        if m.free(x.start(), x.end()):
            m.add(x.start(1), x.end(1))
            m.add(x.start(3), x.end(3))
    for x in _TAG.finditer(text):      # before bare URLs: a URL in an attribute is the tag's
        m.add(x.start(), x.end())
    for x in _URL.finditer(text):
        m.add(x.start(), x.end(), PH)
    for rx in (_HEADING, _HEADING_TAIL, _RULE_LINE, _QUOTE, _LIST, _EMPH, _ESCAPE):
        for x in rx.finditer(text):
            m.add(x.start(), x.end())
    return sorted(m.regions, key=lambda r: r.start)


# --------------------------------------------------------------------------- HTML

_H_COMMENT = _lazy(r"<!--.*?(?:-->|\Z)", re.S)
_H_SPECIAL = _lazy(r"<!\[CDATA\[.*?(?:\]\]>|\Z)|<![^>]*>|<\?.*?(?:\?>|\Z)", re.S)
_H_RAW = _lazy(r"<(script|style|pre|textarea|code|kbd|samp|var|math|svg)\b[^>]*>.*?(?:</\1\s*>|\Z)", re.S | re.I)
_H_TAG = _lazy(r"</?[A-Za-z][^\s/>]*(?:\"[^\"]*\"|'[^']*'|[^'\">])*>")
_H_ENTITY = _lazy(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_BLOCK = frozenset("""address article aside blockquote body br caption dd details div dl dt fieldset figcaption figure
footer form h1 h2 h3 h4 h5 h6 head header hr html li main nav ol p section summary table tbody td tfoot th
thead title tr ul pre script style textarea math svg""".split())


def _tag_name(tag: str) -> str:
    x = re.match(r"</?([A-Za-z][^\s/>]*)", tag)
    return x.group(1).lower() if x else ""


def html_regions(text: str) -> list[Region]:
    import html

    m = _Mask(text)
    for x in _H_COMMENT.finditer(text):
        m.add(x.start(), x.end())
    for x in _H_SPECIAL.finditer(text):
        m.add(x.start(), x.end())
    for x in _H_RAW.finditer(text):
        m.add(x.start(), x.end(), PARA if x.group(1).lower() in _BLOCK else PH)
    for x in _H_TAG.finditer(text):
        m.add(x.start(), x.end(), PARA if _tag_name(x.group()) in _BLOCK else "")
    for x in _H_ENTITY.finditer(text):
        dec = html.unescape(x.group())
        m.add(x.start(), x.end(), PH if dec == x.group() else dec)
    return sorted(m.regions, key=lambda r: r.start)


# --------------------------------------------------------------------------- suppression

_OFF = _lazy(r"<!--\s*mt-repair:\s*off\s*-->|^[ \t]*(?:#|//)?[ \t]*mt-repair:\s*off[ \t]*$", re.M | re.I)
_ON = _lazy(r"<!--\s*mt-repair:\s*on\s*-->|^[ \t]*(?:#|//)?[ \t]*mt-repair:\s*on[ \t]*$", re.M | re.I)
_IGNORE_LINE = _lazy(r"mt-repair:\s*ignore[ \t]*(?:-->)?[ \t]*\r?$", re.M | re.I)


def suppressed(text: str) -> list[tuple[int, int]]:
    """Spans of the text that must not change: ``<!-- mt-repair: off -->`` … ``<!-- mt-repair: on -->``
    (to the end without an ``on``) and every line that ends with ``mt-repair: ignore``
    (``<!-- mt-repair: ignore -->`` in Markdown/HTML)."""
    out = []
    pos = 0
    while True:
        o = _OFF.search(text, pos)
        if not o:
            break
        c = _ON.search(text, o.end())
        end = c.end() if c else len(text)
        out.append((o.start(), end))
        pos = end
    for x in _IGNORE_LINE.finditer(text):
        s = text.rfind("\n", 0, x.start()) + 1
        out.append((s, x.end()))
    return out


# --------------------------------------------------------------------------- the view


class View:
    """The text with each region replaced by its stand-in, and the maps between the two
    (an :class:`~repair.model.OffsetMap` of the regions' substitutions)."""

    def __init__(self, text: str, regions: list[Region]):
        self.text = text
        self.regions = regions
        self.map = OffsetMap(Edit(r.start, r.end, r.sub) for r in regions)
        self.v_starts: list[int] = [ns for ns, _ne, _ins in self.map.new_segments()]
        self.view = apply_edits(text, self.map.edits)

    def to_view(self, o: int, end: bool = False) -> int:
        """A position of the original in the view (inside a region: the start of its stand-in,
        or its end for ``end``)."""
        return self.map.to_new(o, end)

    def to_orig(self, v: int, end: bool = False) -> int:
        """A position of the view in the original; at the edge of a prose piece, the piece after
        it for a start, the one before it for an end."""
        return self.map.end(v) if end else self.map.start(v)


def _forward(pos: int, passes, is_end: bool = False) -> int:
    """A position of the pipeline's input in its output, through each pass's edits.  An insertion
    at ``pos`` lands before a start (or a zero-length stand-in) and after an end."""
    for edits in passes:
        pos = OffsetMap(edits).to_new(pos, is_end)
    return pos


class _Guard:
    """Drops findings that touch locked spans of the view; cuts deletions across markup."""

    def __init__(self, locks: list[tuple[int, int, bool]], view: str):
        self.locks = sorted(locks)
        self.view = view
        self._n = 0
        self.deferred = False   # a deletion across markup came in a later pass (it was dropped)

    def _hits(self, s: int, e: int):
        out = []
        for a, b, soft in self.locks:
            if a > e:
                break
            if a == b:
                if s < a < e:
                    out.append((a, b, soft))
            elif s == e:
                if a < s < b:
                    out.append((a, b, soft))
            elif s < b and a < e:
                out.append((a, b, soft))
        return out

    def _keep_break(self, f, s: int, e: int):
        """A deletion of a line's prose and its line break where markup opens that line (a list
        marker, a heading's hashes, a quote's '>') keeps the line break: the next line must not
        join the markup left behind."""
        seg = f.text or ""
        n = len(seg) - len(seg.rstrip("\r\n"))
        if not n or n == len(seg):
            return f, e
        ls = max(self.view.rfind("\n", 0, s), self.view.rfind("\r", 0, s)) + 1
        i = bisect.bisect_left(self.locks, (ls, -1, False))
        if i < len(self.locks) and self.locks[i][0] <= s:
            return f.with_(end=f.end - n, text=seg[:-n]), e - n
        return f, e

    def __call__(self, found, to_input, first_pass):
        out = []
        for f in found:
            s, e = to_input(f.start, f.end)
            if f.replacement == "" and f.end > f.start:
                f, e = self._keep_break(f, s, e)
            hits = self._hits(s, e)
            if not hits:
                out.append(f)
                continue
            # a deletion over markup (a boilerplate paragraph): delete the prose pieces only
            if not first_pass and f.replacement == "" and all(soft for _, _, soft in hits):
                self.deferred = True   # (repair_document runs another round for it)
            if first_pass and f.replacement == "" and all(soft for _, _, soft in hits):
                # (in the coordinates of the first pass, which are the view's); the layout
                # beside the markup stays: whitespace next to a stand-in is kept
                pieces, pos = [], f.start
                for a, b, _ in hits:
                    if a > pos:
                        pieces.append((pos, a, pos > f.start, True))
                    pos = max(pos, b)
                if f.end > pos:
                    pieces.append((pos, f.end, True, False))
                trimmed = []
                for ps, pe, left, right in pieces:
                    seg = self.view[ps:pe]
                    if left:
                        ps += len(seg) - len(seg.lstrip())
                        seg = seg.lstrip()
                    if right:
                        pe -= len(seg) - len(seg.rstrip())
                    if pe > ps:
                        trimmed.append((ps, pe))
                pieces = trimmed
                # markup stays in the deleted line: so does its line break (a Markdown heading or
                # list item after it must not join the line the markup is left on)
                if pieces:
                    ps, pe = pieces[-1]
                    kept = len(self.view[ps:pe].rstrip("\r\n"))
                    if ps + kept < pe and re.search(r"[\r\n]", self.view[pe - 1:pe]):
                        pieces[-1] = (ps, ps + kept)
                        if kept == 0:
                            pieces.pop()
                if not pieces:
                    continue
                self._n += 1
                group = f.group or f"mask:{self._n}"
                for ps, pe in pieces:
                    out.append(f.with_(start=ps, end=pe, group=group, text=self.view[ps:pe]))
        return out


def _term_spans(view: str, terms) -> list[tuple[int, int]]:
    out = []
    for t in terms:
        t = t.strip()
        if not t:
            continue
        for x in re.finditer(r"(?<!\w)" + re.escape(t) + r"(?!\w)", view):
            out.append((x.start(), x.end()))
    return out


def regions_for(text: str, fmt: str) -> list[Region]:
    if fmt == "markdown":
        return markdown_regions(text)
    if fmt == "html":
        return html_regions(text)
    if fmt == "text":
        return []
    raise FormatError(f"unknown input format {fmt!r}")


MAX_ROUNDS = 3


def repair_document(text: str, config: Config | None = None, fmt: str = "text") -> Result:
    """Repair a plain-text, Markdown or HTML document: only its prose changes, and nothing in a
    suppressed block or line or a protected term.  Offsets of the findings are the document's.

    A deletion across markup can be cut into prose pieces only in the coordinates of the first
    pass; one that a later pass finds (a boilerplate line recognised once its glued label was
    split) is made by another round on the output, chained onto the first (edits composed,
    findings mapped back), so that repairing the output again changes nothing."""
    config = config or Config()
    res, deferred = _repair_once(text, config, fmt)
    for _ in range(MAX_ROUNDS - 1):
        if not deferred or res.output == text:
            break
        nxt, deferred = _repair_once(res.output, config, fmt)
        if nxt.output == res.output:
            break
        res = _chain(res, nxt)
    return res


def _chain(first: Result, second: Result) -> Result:
    """``second`` (a repair of ``first.output``) after ``first``, in ``first.input``'s offsets."""
    from .model import compose

    m = OffsetMap(first.edits)
    text = first.input
    seen = {(f.rule, f.start, f.end) for f in first.findings}
    findings = list(first.findings)
    for f in second.findings:
        a, b = m.to_old(f.start, f.end)
        if (f.rule, a, b) not in seen:
            findings.append(f.with_(start=a, end=b, text=text[a:b]))
    findings.sort(key=lambda f: (f.start, f.end, f.rule))
    edits = compose(first.edits, second.edits, first.output)
    if apply_edits(text, edits) != second.output:
        from .model import diff_edits

        edits = diff_edits(text, second.output)
    return Result(text, second.output, findings, edits)


def _repair_once(text: str, config: Config, fmt: str) -> tuple[Result, bool]:
    regions = regions_for(text, fmt)
    sup = suppressed(text)
    if not regions and not sup and not config.protected:
        return repair_text(text, config), False
    view = View(text, regions)
    locks: list[tuple[int, int, bool]] = []
    for r, vs in zip(regions, view.v_starts):
        locks.append((vs, vs + len(r.sub), True))
    for s, e in sup:
        locks.append((view.to_view(s), view.to_view(e, end=True), False))
    for s, e in _term_spans(view.view, config.protected):
        locks.append((s, e, False))
    guard = _Guard(locks, view.view)
    res = repair_text(view.view, config, guard=guard)
    if not regions:
        return res, guard.deferred
    out = res.output
    maps = [OffsetMap(p) for p in res.passes]
    pieces, pos, o_pos = [], 0, 0
    for r, vs in zip(regions, view.v_starts):
        a = _forward(vs, res.passes)
        b = a if not r.sub else _forward(vs + len(r.sub), res.passes, is_end=True)
        if out[a:b] != r.sub or a < pos:  # cannot happen when the guard works; keep the file as it was
            raise FormatError(f"markup stand-in moved at {r.start} ({fmt}); nothing changed")
        pieces.append(_Piece(out[pos:a], o_pos, r.start))
        pieces.append(_Piece(text[r.start:r.end], r.start, r.end, tag=_tag_parts(text[r.start:r.end])))
        pos, o_pos = b, r.end
    pieces.append(_Piece(out[pos:], o_pos, len(text)))
    plain = "".join(p.out for p in pieces)          # the repair before emptied elements go
    output, removed = _drop_emptied(pieces, text)
    findings = []
    for f in res.findings:
        s = view.to_orig(f.start)
        e = view.to_orig(f.end, end=True) if f.end > f.start else s
        if e < s:
            e = s
        findings.append(f.with_(start=s, end=e, text=text[s:e]))
    edits = _edits_in_file(text, plain, view, res.edits)
    if removed:
        edits = _fold_removed(text, output, edits, removed)
    # an emptied element that went changes the lines around it (a widget line that sat between two
    # boilerplate paragraphs is now a line of its own): another round on the output, as for a
    # deferred deletion, so that repairing the output again changes nothing
    return Result(text, output, _widen_deletions(findings, removed, text), edits), guard.deferred or bool(removed)


def _edits_in_file(text: str, output: str, view: View, edits: list[Edit]) -> list[Edit]:
    """The pipeline's edits (view offsets) in the file's offsets; where one would cover markup,
    the word-level difference of the file and its repair instead (the edits always replay)."""
    out = []
    starts = [r.start for r in view.regions]
    for ed in edits:
        s = view.to_orig(ed.start)
        e = view.to_orig(ed.end, end=True) if ed.end > ed.start else s
        i = bisect.bisect_right(starts, s)
        if e < s or (i < len(starts) and view.regions[i].start < e) or (
                i > 0 and view.regions[i - 1].end > s):
            break
        out.append(Edit(s, e, ed.replacement, ed.rule))
    else:
        if apply_edits(text, out) == output:
            return out
    from .model import diff_edits

    return diff_edits(text, output)


# --------------------------------------------------------------------------- emptied elements

_TAG_PARTS = _lazy(r"<(/?)([A-Za-z][^\s/>]*)(?:\s(?:\"[^\"]*\"|'[^']*'|[^'\">])*?)?(/?)>\Z")
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())


def _tag_parts(tag: str) -> tuple[str, str] | None:
    """('open'|'close', name) of an HTML tag that can hold content, or of the two halves of a
    Markdown link (``[`` and ``](url)``); None for anything else."""
    if tag == "[":
        return ("open", "[link]")
    if tag.startswith(("](", "][")):
        return ("close", "[link]")
    x = _TAG_PARTS.match(tag)
    if not x or x.group(3) or x.group(2).lower() in _VOID:
        return None
    return ("close" if x.group(1) else "open", x.group(2).lower())


@dataclass
class _Piece:
    out: str              # its text in the output (prose as repaired, or the markup itself)
    start: int            # the span of the original it comes from
    end: int
    tag: tuple | None = None
    emptied: bool = False  # an element removed because the repair emptied it


def _drop_emptied(pieces: list[_Piece], text: str) -> tuple[str, list[tuple[int, int]]]:
    """Remove the elements that the repair emptied: an open tag and its close tag with only white
    space between them in the output where the original held text (a deleted boilerplate
    paragraph leaves no ``<p></p>``); then their parents if they are emptied in turn.  Elements
    empty in the original stay.  An element alone on its line takes its line break with it.
    Returns the output and the spans of the original that were removed."""
    stack: list[_Piece] = []
    for p in pieces:
        if p.tag and p.tag[0] == "close":
            j, had = len(stack) - 1, False
            while j >= 0 and stack[j].tag is None and (stack[j].emptied or not stack[j].out.strip()):
                had = had or stack[j].emptied or bool(text[stack[j].start:stack[j].end].strip())
                j -= 1
            if had and j >= 0 and stack[j].tag == ("open", p.tag[1]):
                start = stack[j].start
                del stack[j:]
                stack.append(_Piece("", start, p.end, emptied=True))
                continue
        stack.append(p)
    removed = []
    for i, p in enumerate(stack):
        if not p.emptied:
            continue
        prev = stack[i - 1] if i else None
        nxt = stack[i + 1] if i + 1 < len(stack) else None
        before = "".join(q.out for q in stack[:i])
        line_start = not before.rstrip(" \t") or before.rstrip(" \t").endswith(("\n", "\r"))
        m = re.match(r"[ \t]*(?:\r\n|\n|\r)", nxt.out) if nxt is not None and nxt.tag is None else None
        if line_start and m and text.startswith(m.group(), nxt.start):
            # a blank line on each side: one of them goes too
            m2 = re.match(r"[ \t]*(?:\r\n|\n|\r)", nxt.out[m.end():])
            if m2 and re.search(r"(?:\r?\n|\r)[ \t]*(?:\r?\n|\r)[ \t]*\Z", before) \
                    and text.startswith(nxt.out[:m.end() + m2.end()], nxt.start):
                m = re.match(re.escape(nxt.out[:m.end() + m2.end()]), nxt.out)
            nxt.out = nxt.out[m.end():]
            nxt.start += m.end()
            p.end += m.end()
            if prev is not None and prev.tag is None:
                tail = len(prev.out) - len(prev.out.rstrip(" \t"))
                if tail and text[prev.end - tail:prev.end] == prev.out[-tail:]:
                    prev.out = prev.out[:-tail]
                    prev.end -= tail
                    p.start -= tail
        removed.append((p.start, p.end))
    return "".join(p.out for p in stack), removed


def _fold_removed(text: str, output: str, edits: list[Edit], removed: list[tuple[int, int]]) -> list[Edit]:
    """The edits with each removed element as one deletion (the edits inside it go); the
    word-level difference where that would not replay the output."""
    out = list(edits)
    for s, e in removed:
        inside = [ed for ed in out if s <= ed.start and ed.end <= e]
        out = [ed for ed in out if not (s <= ed.start and ed.end <= e)]
        out.append(Edit(s, e, "", inside[0].rule if inside else ""))
    out.sort(key=lambda ed: (ed.start, ed.end))
    if apply_edits(text, out) == output:
        return out
    from .model import diff_edits

    return diff_edits(text, output)


def _widen_deletions(findings: list[Finding], removed: list[tuple[int, int]], text: str) -> list[Finding]:
    """The applied deletions inside a removed element become one deletion of the element, so the
    findings still replay the output."""
    if not removed:
        return findings
    out = list(findings)
    for s, e in removed:
        inside = [f for f in out if f.applied and s <= f.start and f.end <= e]
        if not inside or any(f.replacement != "" for f in inside):
            continue
        first = inside[0]
        ids = {id(f) for f in inside}
        out = [f for f in out if id(f) not in ids]
        out.append(first.with_(start=s, end=e, text=text[s:e]))
    return sorted(out, key=lambda f: (f.start, f.end, f.rule))
