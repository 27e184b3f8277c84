"""Document model: paragraphs, sentences and tokens, all with offsets into the text."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property

WORD_RE = re.compile(r"[^\W_](?:[\w'’-]*[^\W_])?|\w+", re.UNICODE)
TOKEN_RE = re.compile(r"\w+(?:[-'’]\w+)*|[^\w\s]", re.UNICODE)
_LONE_CR = re.compile(r"\r(?!\n)")
OPEN_Q = "“‘«"
CLOSE_Q = "”’»"
QUOTES = "“”\"«»"


def abbreviations() -> frozenset[str]:
    """The one abbreviation list (``rules/lang/en/abbreviations.yaml``)."""
    from .langdata import abbreviations as _abbr

    return _abbr("en")


def __getattr__(name):  # ``ABBREV``: the same list, read when first asked for
    if name == "ABBREV":
        return abbreviations()
    raise AttributeError(name)


def _is_symbol(text: str) -> bool:
    import unicodedata

    return len(text) == 1 and unicodedata.category(text) in ("So", "Sk", "Sm", "Cf", "Mn", "Cs", "Co")


class Token:
    """A word (``\\w+`` with inner hyphens and apostrophes) or one other non-space character.
    Immutable; ``is_word`` and ``lower`` are computed once (detectors read them millions of times)."""

    __slots__ = ("i", "start", "end", "text", "is_word", "lower")

    def __init__(self, i: int, start: int, end: int, text: str):
        _SET_I(self, i)
        _SET_START(self, start)
        _SET_END(self, end)
        _SET_TEXT(self, text)
        _SET_IS_WORD(self, text[0].isalnum() or text[0] == "_")
        _SET_LOWER(self, text.lower())

    def __setattr__(self, name, value):
        raise AttributeError("Token is immutable")

    def __eq__(self, other):
        return isinstance(other, Token) and (self.i, self.start, self.end, self.text) == (
            other.i, other.start, other.end, other.text)

    def __hash__(self):
        return hash((self.i, self.start, self.end, self.text))

    def __repr__(self):
        return f"Token(i={self.i!r}, start={self.start!r}, end={self.end!r}, text={self.text!r})"

    @property
    def is_cap(self) -> bool:
        return self.text[:1].isupper()


# (the slots' own setters: a fifth of the cost of ``object.__setattr__`` by name, which a
# document of 70,000 tokens pays five times per token)
_SET_I, _SET_START, _SET_END, _SET_TEXT, _SET_IS_WORD, _SET_LOWER = (
    getattr(Token, name).__set__ for name in ("i", "start", "end", "text", "is_word", "lower"))


@dataclass(frozen=True)
class Span:
    start: int
    end: int


class Document:
    """Immutable view of a text.  Never changes the text it holds (a lone CR reads as LF)."""

    def __init__(self, text: str):
        # a lone CR (classic Mac line endings) is a line break: the detectors see it as "\n"
        # (one character for one, so every offset holds; edits are applied to the real text)
        self.text = _LONE_CR.sub("\n", text) if "\r" in text else text

    @cached_property
    def tokens(self) -> list[Token]:
        new, cls = object.__new__, Token
        out = []
        add = out.append
        for i, m in enumerate(TOKEN_RE.finditer(self.text)):
            # (Token(i, start, end, text) without the call through ``__init__``)
            t = new(cls)
            text = m.group()
            s, e = m.span()
            _SET_I(t, i)
            _SET_START(t, s)
            _SET_END(t, e)
            _SET_TEXT(t, text)
            _SET_IS_WORD(t, text[0].isalnum() or text[0] == "_")
            low = text.lower()
            _SET_LOWER(t, text if low == text else low)   # (one string where the token is lowercase)
            add(t)
        return out

    @cached_property
    def _starts(self) -> list[int]:
        return [t.start for t in self.tokens]

    @cached_property
    def paragraphs(self) -> list[Span]:
        """Runs of non-blank lines (a paragraph is ended by a blank line or a single
        line break, as in wire copy where each paragraph is one line)."""
        out = []
        for m in re.finditer(r"[^\r\n]+", self.text):
            if m.group().strip():
                s, e = m.start(), m.end()
                while s < e and self.text[s].isspace():
                    s += 1
                while e > s and self.text[e - 1].isspace():
                    e -= 1
                out.append(Span(s, e))
        return out

    @cached_property
    def sentences(self) -> list[Span]:
        out = []
        abbrev = abbreviations()
        for p in self.paragraphs:
            s = p.start
            for m in re.finditer(r"[.!?…]+[”’\"»)]*(?=\s+[“\"«‘(]*[A-Z0-9])", self.text[p.start:p.end]):
                end = p.start + m.end()
                # do not split after abbreviations and initials
                before = self.text[s:p.start + m.start()].split()
                last = before[-1].lower().rstrip(".") if before else ""
                if last in abbrev or (len(last) == 1 and last.isalpha()):
                    continue
                out.append(Span(s, end))
                s = end
                while s < p.end and self.text[s].isspace():
                    s += 1
            if s < p.end:
                out.append(Span(s, p.end))
        return out

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    def sentence_at(self, pos: int) -> Span | None:
        """The sentence that holds offset ``pos`` (None between sentences)."""
        i = bisect.bisect_right(self._sentence_starts, pos) - 1
        if i >= 0 and pos < self.sentences[i].end:
            return self.sentences[i]
        return None

    def tokens_in(self, start: int, end: int) -> list[Token]:
        starts = self._starts
        return self.tokens[bisect.bisect_left(starts, start):bisect.bisect_left(starts, end)]

    def prev(self, tok: Token, n: int = 1) -> Token | None:
        j = tok.i - n
        return self.tokens[j] if 0 <= j < len(self.tokens) else None

    def next(self, tok: Token, n: int = 1) -> Token | None:
        j = tok.i + n
        return self.tokens[j] if 0 <= j < len(self.tokens) else None

    def gap(self, a: Token, b: Token) -> str:
        """The text between two tokens."""
        return self.text[a.end:b.start]

    def is_sentence_start(self, tok: Token) -> bool:
        """True where a capital letter is expected: the start of a paragraph or sentence,
        after a colon, or at the start of a quotation."""
        p = self.prev(tok)
        while p is not None and _is_symbol(p.text) and "\n" not in self.gap(p, tok):
            p = self.prev(p)  # emoji and other symbols are not words: look past them
        if p is None:
            return True
        gap = self.text[p.end:tok.start]
        if "\n" in gap:
            return True
        if p.text in ".!?…:":
            return True
        if p.text in OPEN_Q or p.text in "\"«(":
            return True
        if p.text in CLOSE_Q:
            pp = self.prev(p)
            return pp is not None and pp.text in ".!?…"
        return False

    @cached_property
    def word_count(self) -> int:
        return sum(1 for t in self.tokens if t.is_word)
