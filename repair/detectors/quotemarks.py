"""Detector: quotemarks — straight double quotes glued to a word, and guillemets closed with the
wrong mark (the curly-quote repairs are in repair/detectors/quotes.py).

- Q201  a straight double quote glued on both sides ("observed that"without delay"): the
        quotes of the paragraph are counted, so the mark is an opening one (a space goes before
        it) or a closing one (a space goes after it); a paragraph with an odd number of straight
        quotes is left alone;
- Q204  a straight opening double quote spaced on both sides, in a paragraph whose other straight
        quotes are spaced as their turn says: the space inside the quotation is removed;
- Q202  a quotation opened with « and closed with ” or “ (or the reverse): in copy that writes
        guillemets (a «…» pair somewhere, or French spacing inside the marks) the closing mark is
        made a guillemet like its opening one, with the spacing the text already uses; elsewhere
        (English copy quoting with curly marks) the « becomes “ and a closing “ becomes ”; a ”
        before a lowercase word closes it too when no “ was opened inside (« ... themselves” and
        ..., « ... time,” says ...); and in such copy a “ closed with » gets its ” (“ ... ready»).
"""

from __future__ import annotations

import re

GLUED = re.compile(r'(?<=[^\W\d_])"(?=[^\W\d_])')
GUILLEMET_OPEN = "«"
GUILLEMET_CLOSE = "»"
PAIR = re.compile(r"«[^«»\n]*»")
SPACES = " \u00a0\u202f"


def _straight_paragraphs(doc):
    """(paragraph, number of marks, their offsets) of each paragraph quoted with straight marks only,
    an even number of them (each opening one has its closing partner in the paragraph)."""
    text = doc.text
    for p in doc.paragraphs:
        para = text[p.start:p.end]
        n = para.count('"')
        if n < 2 or n % 2 or "“" in para or "”" in para:
            continue
        yield p, n, [p.start + m.start() for m in re.finditer('"', para)]


def _straight(doc, ctx):
    text = doc.text
    for p, n, positions in _straight_paragraphs(doc):
        for k, q in enumerate(positions):
            if not GLUED.match(text, q):
                continue
            opening = k % 2 == 0
            if opening:
                # the closing partner must be followed by a space, punctuation or the end
                yield ctx.finding("Q201", q, q + 1, ' "',
                                  message="A straight opening quote glued to the word before it (the "
                                          f"{k + 1}. of {n} quotes in the paragraph): add a space")
            else:
                yield ctx.finding("Q201", q, q + 1, '" ',
                                  message="A straight closing quote glued to the word after it (the "
                                          f"{k + 1}. of {n} quotes in the paragraph): add a space")


def _fits(text, q, p, opening: bool) -> bool:
    """The straight mark at ``q`` is spaced as an opening (space, bracket, dash or the paragraph's
    start before it, a word or a mark after) or a closing one (a word or punctuation before it,
    a space, punctuation or the paragraph's end after)."""
    before = text[q - 1] if q > p.start else ""
    after = text[q + 1] if q + 1 < p.end else ""
    if opening:
        return (before == "" or before in SPACES or before in "([{—–-/:") and after != "" and after not in SPACES
    return before != "" and before not in SPACES and (after == "" or after in SPACES or after in ".,;:!?)]}—–-")


def _spaced(doc, ctx):
    """Q204: a straight mark spaced on both sides in a paragraph whose other straight marks are all
    spaced as their turn says (opening, closing, ...), whose turn is to open: the space inside the
    quotation goes ('continues, " when he registered' → '"when')."""
    text = doc.text
    for p, n, positions in _straight_paragraphs(doc):
        both = [k for k, q in enumerate(positions)
                if q > p.start and text[q - 1] in SPACES and q + 1 < p.end and text[q + 1] in SPACES]
        if len(both) != 1:
            continue
        k = both[0]
        if not all(_fits(text, q, p, i % 2 == 0) for i, q in enumerate(positions) if i != k):
            continue
        q = positions[k]
        if k % 2 == 0:
            e = q + 1
            while e < p.end and text[e] in SPACES:
                e += 1
            if e < p.end and text[e].isalnum():
                yield ctx.finding("Q204", q + 1, e, "", message=f"A space after a straight opening quote "
                                                                  f"(the {k + 1}. of {n} in the paragraph)")
        # (a closing mark spaced off the word before it, "programming, " said", is left: clean
        # copy writes it so now and then, 1 in NTREX English)


def _guillemets(doc, ctx):
    text = doc.text
    # the document's own style decides the repair: a «…» pair anywhere, or French spacing inside
    # the marks, keeps guillemets (the curly mark becomes »); otherwise the « becomes “
    english = not PAIR.search(text)
    for p in doc.paragraphs:
        para = text[p.start:p.end]
        if GUILLEMET_OPEN not in para:
            continue
        depth_open = None
        for m in re.finditer("[«»“”]", para):
            ch = m.group()
            pos = p.start + m.start()
            if ch == GUILLEMET_OPEN:
                depth_open = pos
                continue
            if ch == GUILLEMET_CLOSE:
                depth_open = None
                continue
            if depth_open is None:
                continue
            # a curly mark inside an open «: a nested ‘“…”’ pair is English style, so only a
            # mark followed by punctuation, a space and punctuation, or the end of the paragraph
            after = text[pos + 1:pos + 3]
            before = text[pos - 1] if pos > 0 else ""
            nested_open = ch == "“" and text.find("”", pos + 1, p.end) > 0 and not after[:1] in ",.;:!?"
            if nested_open:
                continue
            # no curly opening mark since the «: the mark cannot close a nested English quotation
            inner_open = "“" in text[depth_open + 1:pos]
            if after[:1] in ",.;:!?)" or after == "" or after[:1] == "\n" or (after[:1] == " " and not
                                                                            text[pos + 2:pos + 3].islower()) \
                    or (not inner_open and ch == "”" and (before in ",.!?" or after[:1] == " ")):
                if english and text[depth_open + 1:depth_open + 2] not in SPACES and before not in SPACES:
                    # English copy that never writes a «…» pair: the quotation becomes “…”
                    group = f"quotemarks:{depth_open}"
                    yield ctx.finding("Q202", depth_open, depth_open + 1, "“", group=group,
                                      message=f"A quotation opened with « closed with {ch} in copy that quotes "
                                              "with curly marks: opened with “")
                    if ch == "“":
                        yield ctx.finding("Q202", pos, pos + 1, "”", group=group,
                                          message="A quotation opened with « closed with “: closed with ”")
                else:
                    yield ctx.finding("Q202", pos, pos + 1, GUILLEMET_CLOSE,
                                      message=f"A quotation opened with « closed with {ch}: closed with » "
                                              f"(spacing kept{' as in French copy' if before == ' ' else ''})")
                depth_open = None


def _closed_with_guillemet(doc, ctx):
    """A quotation opened with “ and closed with » (the mirror of « … ”) in copy that never writes
    a «…» pair: the » becomes ”.  Only a » glued to the quoted text, with a “ open before it in
    the paragraph, and no « anywhere in the paragraph."""
    text = doc.text
    if PAIR.search(text):
        return
    for p in doc.paragraphs:
        para = text[p.start:p.end]
        if GUILLEMET_CLOSE not in para or GUILLEMET_OPEN in para:
            continue
        open_at = None
        for m in re.finditer("[“”»]", para):
            ch, pos = m.group(), p.start + m.start()
            if ch == "“":
                open_at = pos
            elif ch == "”":
                open_at = None
            elif open_at is not None and pos > 0 and text[pos - 1] not in SPACES:
                yield ctx.finding("Q202", pos, pos + 1, "”",
                                  message="A quotation opened with “ closed with »: closed with ”")
                open_at = None


def detect(doc, ctx):
    out = []
    if ctx.enabled("Q201"):
        out.extend(_straight(doc, ctx))
    if ctx.enabled("Q204"):
        out.extend(_spaced(doc, ctx))
    if ctx.enabled("Q202"):
        out.extend(_guillemets(doc, ctx))
        out.extend(_closed_with_guillemet(doc, ctx))
    return out
