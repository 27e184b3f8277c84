"""Detector: glue — words run together, stray or lost letters.

Only tokens that fail a cheap known-word test are examined (an unknown word is
not damaged by itself: clean news copy is full of rare names and foreign words),
and a repair needs positive evidence that the pieces are ordinary English:

- G101  lowercase run-together words where one piece is a function word
        ("reportsthe" → "reports the");
- G102  a noun glued to a reporting verb ("defeatwarned the minister" →
        "defeat, warned the minister");
- G103  a name glued to a following word ("Spainto" → "Spain to"); the head
        must occur as a token elsewhere in the document, or the tail must be a
        word no name ends in (because, admitted, ...);
- G104  a stray lowercase letter glued to a capitalised word ("aThey" → "they");
- G105  one stray letter at the start or end of a frequent word;
- G106  a truncated word completed from its context ("Europ trade policy");
- G107  content words run together (compounds are common in clean copy: a
        suggestion only);
- G109  a figure run into the next word ("200flights" → "200 flights").
"""

from __future__ import annotations

import re
from functools import lru_cache

from .. import lexicon as L

from ..langdata import value as _value, wordlist as _ordered, words as _words

# Word classes live in rules/lang/en/glue.yaml (see the comments there).
FUNC = _words("en", "glue", "function")
FUNC_SHORT_OK = _words("en", "glue", "function_first_ok")
REPORT = _words("en", "glue", "reporting")
NAME_NEVER_ENDS = REPORT | _words("en", "glue", "name_never_ends")
NAME_TAIL_FUNC = _words("en", "glue", "name_tail_function")
NAME_COMPOUND_TAILS = _words("en", "glue", "name_compound_tails")
ADJ_SUFFIX = _ordered("en", "glue", "adjective_suffixes")
OTHER_LANGS = _ordered("en", "glue", "other_languages")
COMMON_ADJ = _words("en", "glue", "common_adjectives")
ADJ_ONLY_SUFFIX = _ordered("en", "glue", "adjective_only_suffixes")
COMPOUND_PREFIXES = _words("en", "glue", "compound_prefixes")
COMPOUND_SUFFIXES = _words("en", "glue", "compound_suffixes")
NO_ARTICLE_BEFORE = _words("en", "glue", "no_article_before")
NAME_PARTICLES = _words("en", "glue", "name_particles")
# a token longer than this is never examined: the search over split points grows with the
# square of the length (and its caches with the cube), and no run of words is this long
MAX_TOKEN = int(_value("glue", "max_token_letters"))
NAME_SEEN_ZIPF = float(_value("glue", "name_seen_zipf"))
NAME_HEAD_ZIPF = float(_value("glue", "name_head_zipf"))
NAME_PAST_TAIL_ZIPF = float(_value("glue", "name_past_tail_min_zipf"))
TOP_FUNCTION_ZIPF = float(_value("glue", "top_function_zipf"))
NAME_LINKS = _words("en", "names", "romance_links")
# best_split: a two-way split whose pieces stand side by side this often in English (the bigram
# counts) wins over the split with the more frequent pieces; a piece glued to a function word of
# three letters or more may be this rare
ATTESTED_PAIR = float(_value("glue", "attested_pair_bigram"))
RARE_PIECE_ZIPF = float(_value("glue", "rare_piece_zipf"))
SOURCE_WORD_ZIPF = float(_value("glue", "source_word_min_zipf"))
ALPHA_ASCII = re.compile(r"[A-Za-z]+\Z")
CAPFUNC = re.compile(r"([A-Z][a-z]{1,4})([A-Z][a-z]{2,})\Z")
CAMEL = re.compile(r"([a-z]{1,2})([A-Z][a-z]+)\Z")
FIGURE_WORD = re.compile(r"(\d+)([a-z]{4,})\Z")
FIGURE_TAILS_KEEP = _words("en", "glue", "figure_tails_keep")
FIGURE_WORD_ZIPF = float(_value("glue", "figure_word_min_zipf"))


@lru_cache(maxsize=200_000)
def known(w: str) -> bool:
    """Cheap known-word test on a lowercase word."""
    return L.unigram(w) > 0 or L.zipf(w) >= 2.0


@lru_cache(maxsize=200_000)
def z(w: str) -> float:
    return L.zipf(w)


@lru_cache(maxsize=50_000)
def inflected_known(w: str) -> bool:
    """A known word of at least five letters with an inflectional ending (rules/lang/en/glue.yaml
    ``inflections``; a doubled final consonant undone too: "stopped")."""
    for item in _ordered("en", "glue", "inflections"):
        end, _, back = item.partition(":")
        if not w.endswith(end) or len(w) - len(end) < 4:
            continue
        stem = w[:-len(end)]
        for cand in (stem + back, stem[:-1] if not back and len(stem) > 4 and stem[-1] == stem[-2] else None):
            if cand and len(cand) >= 5 and known(cand):
                return True
    return False


def content_ok(w: str, min_z: float = 3.5) -> bool:
    """A frequent English content word of at least 3 letters."""
    return len(w) >= 3 and L.unigram(w) > 0 and z(w) >= min_z


def piece_ok(w: str) -> bool:
    return w in FUNC or content_ok(w)


@lru_cache(maxsize=50_000)
def source_word(w: str) -> bool:
    """A word of a source language that English does not use ("termas", "innoble"): a word left
    untranslated, not two English words run together, so no split is proposed."""
    floor = SOURCE_WORD_ZIPF
    return L.zipf(w) < floor and any(L.zipf(w, lang) >= floor for lang in OTHER_LANGS)


@lru_cache(maxsize=50_000)
def foreign(w: str) -> bool:
    """A word of a language the copy may quote (Spanish, Portuguese, ...)."""
    return any(L.zipf(w, lang) >= 3.3 for lang in OTHER_LANGS)


@lru_cache(maxsize=50_000)
def common_glue(w: str) -> tuple[str, str] | None:
    """Two words whose run-together form is frequent on the web ("ofthe"), but
    not a dictionary word: a function word and a word that very often follows it."""
    if z(w) >= 3.5:
        return None
    for i in range(2, len(w) - 1):
        a, b = w[:i], w[i:]
        if a in FUNC and (b in FUNC or content_ok(b, 3.5)) and L.bigram(a, b) >= 100_000_000:
            return a, b
    return None


@lru_cache(maxsize=50_000)
def best_split(w: str) -> tuple[str, ...] | None:
    """The best split of ``w`` into two or three frequent pieces (all pieces are
    function words or frequent content words), scored by the rarest piece."""
    n = len(w)
    best, best_score = None, -1.0
    attested, attested_count = None, 0
    for i in range(1, n):
        a, b = w[:i], w[i:]
        if piece_ok(a) and piece_ok(b):
            s = min(z(a), z(b)) + 0.5
            if s > best_score:
                best, best_score = (a, b), s
            c = L.bigram(a, b)
            if c > attested_count:
                attested, attested_count = (a, b), c
    if attested is not None and attested_count >= ATTESTED_PAIR:
        return attested  # English writes these two side by side: "concerts and", not "concert sand"
    if best is None:
        # a function word of three letters or more glued to a rarer word: "filthand", "dustthe"
        for i in range(1, n):
            a, b = w[:i], w[i:]
            if ((b in FUNC and len(b) >= 3 and content_ok(a, RARE_PIECE_ZIPF) and len(a) >= 4)
                    or (a in FUNC and len(a) >= 3 and content_ok(b, RARE_PIECE_ZIPF) and len(b) >= 4)):
                s = min(z(a), z(b))
                if s > best_score:
                    best, best_score = (a, b), s
    if best is None and n >= 9:
        for i in range(2, n - 3):
            a = w[:i]
            if not piece_ok(a):
                continue
            for j in range(i + 2, n - 1):
                b, c = w[i:j], w[j:]
                if piece_ok(b) and piece_ok(c):
                    s = min(z(a), z(b), z(c))
                    if s > best_score:
                        best, best_score = (a, b, c), s
    return best


def _bigram_note(parts) -> str:
    notes = []
    for a, b in zip(parts, parts[1:]):
        c = L.bigram(a, b)
        if c:
            notes.append(f"bigram “{a} {b}” {c:,}")
    return ("; " + ", ".join(notes)) if notes else ""


def _zipfs(parts) -> str:
    return ", ".join(f"“{p}” zipf {z(p):.1f}" for p in parts)


def _foreign_more(w: str) -> bool:
    """A word more frequent in a language the copy may quote than in English ("que", "les")."""
    return any(L.zipf(w, lang) > L.zipf(w) for lang in OTHER_LANGS)


def _in_foreign_run(doc, tok) -> bool:
    """The words on both sides belong to another language more than to English: a quoted French or
    Spanish sentence ("... que tous les pays ..."), where a word such as "tous" is that language's."""
    p, n = doc.prev(tok), doc.next(tok)
    return (p is not None and p.is_word and n is not None and n.is_word
            and _foreign_more(p.text.lower()) and _foreign_more(n.text.lower()))


def _noun_slot(doc, tok) -> bool:
    """The token stands where a noun does: "of" after it, or an article or a possessive before it."""
    p, n = doc.prev(tok), doc.next(tok)
    return (n is not None and n.lower == "of") or (
        p is not None and p.is_word and p.lower in _words("en", "glue", "noun_determiners"))


def derived_known(w: str) -> bool:
    """A derivation of a known word of seven letters or more (rules/lang/en/glue.yaml ``derivations``):
    "indetermination" beside "indeterminate" is English word-building, not "in determination"."""
    for item in _ordered("en", "glue", "derivations"):
        end, _, back = item.partition(":")
        if not w.endswith(end) or len(w) - len(end) < 5:
            continue
        cand = w[:-len(end)] + back
        if len(cand) >= 7 and known(cand):
            return True
    return False


def _skip_context(doc, tok) -> bool:
    """URLs, e-mail addresses, hashtags, handles, file names, code."""
    t = doc.text
    before = t[tok.start - 1] if tok.start > 0 else " "
    after = t[tok.end] if tok.end < len(t) else " "
    if before in "@#/\\._:=&%$" or after in "@/\\_=&":
        return True
    if after == "." and tok.end + 1 < len(t) and t[tok.end + 1].isalnum():
        return True
    return False


class DocInfo:
    """Per-document facts: which words occur as tokens, and how they are cased."""

    def __init__(self, doc):
        self.tokens = set()
        self.lower_mid = set()   # words seen lowercase
        self.cap_mid = set()     # words seen capitalised mid-sentence (lowercased)
        self.counts = {}         # how often each word form occurs
        for t in doc.tokens:
            if not t.is_word:
                continue
            self.tokens.add(t.text)
            self.counts[t.text] = self.counts.get(t.text, 0) + 1
            if t.text.islower():
                self.lower_mid.add(t.text)
            elif t.text[0].isupper() and t.text[1:].islower() and not doc.is_sentence_start(t):
                self.cap_mid.add(t.text.lower())

    def cased(self, w: str) -> str:
        if w in self.cap_mid and w not in self.lower_mid:
            return w[0].upper() + w[1:]
        if len(w) > 2 and w[0].upper() + w[1:] in _gazetteer():
            return w[0].upper() + w[1:]  # a country or nationality: "portugalto" → "Portugal to"
        return w


def _gazetteer():
    from ..rules import gazetteer

    return gazetteer()


def _doc_info(doc, ctx) -> DocInfo:
    key = ("glue.docinfo", id(doc))
    if key not in ctx.cache:
        ctx.cache[key] = DocInfo(doc)
    return ctx.cache[key]


def _next_word(doc, tok):
    n = doc.next(tok)
    return n if n is not None and n.is_word and doc.gap(tok, n).strip() == "" and " " in doc.gap(tok, n) else None


def _sentence_ends_soon(doc, tok, limit: int = 9) -> bool:
    n = tok
    for _ in range(limit):
        n = doc.next(n)
        if n is None or n.text in ".!?;" or "\n" in doc.gap(doc.prev(n), n):
            return True
    return False


# ---------------------------------------------------------------- per word
@lru_cache(maxsize=100_000)
@lru_cache(maxsize=1024)
def _impossible_onset(pair: str) -> bool:
    """No frequent English word starts with these two letters ("cd", "dg")."""
    return not any(z(x) >= 3.0 for x in L.words_with_prefix(pair))


def stray_letter(w: str, prev: str = "", nxt: str = ""):
    """(fixed word, note) when one extra letter at the start or end of a frequent
    word explains an unknown lowercase word.  Where one more letter would explain it
    as well ("belonge": "belong" or "belonged"), the neighbours' bigrams decide."""
    if len(w) < 5:
        return None
    cands = []
    head, tail = w[1:], w[:-1]
    head_min = 3.0 if _impossible_onset(w[:2]) else 3.5
    # a doubled first or last letter ("likee", "oops") is a spelling or a brand's name, not a letter a lost link left
    if content_ok(head, head_min) and len(head) >= 4 and w[0] not in "a" and w[0] != w[1]:
        cands.append((z(head), head, f"a stray “{w[0]}” before “{head}” (zipf {z(head):.1f})"))
    if content_ok(tail, 3.5) and len(tail) >= 4 and w[-1] not in "sd" and w[-1] != w[-2]:
        cands.append((z(tail), tail, f"a stray “{w[-1]}” after “{tail}” (zipf {z(tail):.1f})"))
    if len(cands) != 1:
        return None
    alt = _near_word(w)
    if alt:  # "rsting": a lost vowel ("resting") explains it as well
        fixed = cands[0][1]

        def ctx_score(x):
            return (L.bigram(prev, x) if prev else 0) + (L.bigram(x, nxt) if nxt else 0)

        a, b = ctx_score(fixed), ctx_score(alt)
        if not (a > 0 and a >= 3 * b):
            return None
        return fixed, cands[0][2] + f"; in context “{fixed}” {a:,} against “{alt}” {b:,}"
    return cands[0][1], cands[0][2]


ABC = "abcdefghijklmnopqrstuvwxyz"


@lru_cache(maxsize=50_000)
def _near_word(w: str) -> str | None:
    """A frequent word one inserted letter away from ``w``."""
    for i in range(len(w) + 1):
        for c in ABC:
            cand = w[:i] + c + w[i:]
            if content_ok(cand, 3.0):
                return cand
    return None


@lru_cache(maxsize=100_000)
def completions(w: str) -> tuple[str, ...]:
    """Frequent words that extend the unknown lowercase ``w`` by 1-4 letters."""
    if len(w) < 4:
        return ()
    out = [add for add in L.words_with_prefix(w)
           if 1 <= len(add) - len(w) <= 4 and add.isalpha() and z(add) >= 4.3]
    out.sort(key=lambda x: -z(x))
    return tuple(out[:4])


def _figure_glue(doc, ctx, tok, info):
    """G109: a figure run into the next word ("200flights", "11million"): the word is a frequent
    English word of four letters or more, no unit English writes glued to a figure ("20mins"), and
    the token occurs once (a brand repeats itself: "247sports")."""
    m = FIGURE_WORD.match(tok.text)
    if m is None or _skip_context(doc, tok):
        return None
    num, word = m.groups()
    if word in FIGURE_TAILS_KEEP or not content_ok(word, FIGURE_WORD_ZIPF) and word not in FUNC:
        return None
    if _repeated(tok.text, info):
        return None
    return ctx.finding("G109", tok.start, tok.end, f"{num} {word}",
                       message=f"A figure run into the next word: “{num}” + “{word}” (zipf {z(word):.1f})")


def detect(doc, ctx):
    info = None
    pending = []
    for tok in doc.tokens:
        t = tok.text
        if t[:1].isdigit() and ctx.enabled("G109") and len(t) >= 5:
            if info is None:
                info = _doc_info(doc, ctx)
            f = _figure_glue(doc, ctx, tok, info)
            if f is not None:
                pending.append(f)
            continue
        if len(t) < 4 or len(t) > MAX_TOKEN:
            continue
        if not ALPHA_ASCII.match(t):
            if t.isalpha() and t[0].isupper() and t[1:].islower() and not t.isascii() \
                    and ctx.enabled("G103") and not _skip_context(doc, tok):
                if info is None:
                    info = _doc_info(doc, ctx)
                f = _accented_name_glue(doc, ctx, tok, info)
                if f is not None:
                    pending.append(f)
            continue
        lw = t.lower()
        if known(lw):
            if L.unigram(lw) == 0 and t.islower() and not source_word(lw):
                parts = common_glue(lw)
                if parts and not _skip_context(doc, tok) and not (foreign(lw) and _in_foreign_run(doc, tok)):
                    pending.append(ctx.finding(
                        "G101", tok.start, tok.end, _case_like(t, " ".join(parts)),
                        message=f"Run-together words: “{lw}” is web spelling only (zipf {z(lw):.1f}, "
                                f"not in the dictionary); bigram “{parts[0]} {parts[1]}” "
                                f"{L.bigram(*parts):,}"))
            continue
        if _skip_context(doc, tok):
            continue
        if t[0].isupper() and t[1:].islower() and ctx.enabled("G202") and any(
                lw.endswith(r) and len(lw) - len(r) >= 3 for r in _words("en", "linkglue", "relative_pronouns")):
            continue  # "Bachmannwho": linkglue's G202 splits it with the comma of the relative clause
        m = CAPFUNC.match(t)
        if m and m.group(1).lower() in FUNC and known(m.group(2).lower()) and not known(lw) \
                and not foreign(lw) and piece_ok(m.group(2).lower()):
            # mid-sentence, "TheStreet", "OnStar" are brand names: suggest only.  The second piece
            # must be a frequent English word of the dictionary: glue joins two words of the copy,
            # while a brand's capitalised half may be none ("CanSino": "sino" is a combining form)
            pending.append(ctx.finding(
                "G108", tok.start, tok.end, f"{m.group(1)} {m.group(2)}",
                confidence=None if doc.is_sentence_start(tok) else 0.6,
                message=f"A capitalised function word run together with the next word: "
                        f"“{m.group(1)}” + “{m.group(2)}”; “{lw}” is unknown"))
            continue
        if info is None:
            info = _doc_info(doc, ctx)
        f = _one(doc, ctx, tok, info)
        if f is not None:
            pending.append(f)
    return pending


def _case_like(src: str, repl: str) -> str:
    if src[0].isupper() and repl[0].islower():
        return repl[0].upper() + repl[1:]
    return repl


def _one(doc, ctx, tok, info):
    t = tok.text
    lw = t.lower()
    m = CAMEL.match(t)
    if m:
        return _camel(doc, ctx, tok, m, info)
    if t.isupper() or not t[1:].islower():
        return None  # acronyms, other mixed case
    if foreign(lw):
        return None
    cap = t[0].isupper()
    start = doc.is_sentence_start(tok)
    if cap:
        named = _is_a_name(doc, tok, info)
        f = None if named else _name_glue(doc, ctx, tok, info)
        if f is None and not start:
            f = _truncated(doc, ctx, tok, info)
        if f is not None or not start or named:
            return f  # a name at a sentence start is no lowercase glue either: "Roseanna said ..."
    # lowercase (or capitalised only because it starts a sentence)
    if not cap:
        f = _lower_name_glue(doc, ctx, tok, info)
        if f is not None:
            return f
    if inflected_known(lw):
        return None  # a rare inflection of a known word ("mayoralties", "fundraised"), not glue
    if not cap and derived_known(lw):
        return None  # a rare derivation of a known word ("indetermination"), not glue
    parts = best_split(lw)
    nt = doc.next(tok)
    no_noun_after = nt is None or not nt.is_word or nt.text.lower() in NO_ARTICLE_BEFORE
    if parts is not None and parts[-1] == "a" and len(parts) == 2 and (
            L.bigram(parts[0], "a") < 10_000_000 or no_noun_after):
        # "wordA": "word a" is not English; the "a" is a stray letter
        return ctx.finding("G105", tok.start, tok.end, _case_like(tok.text, info.cased(parts[0])),
                           message=f"Stray letter: a stray “a” after “{parts[0]}” (zipf {z(parts[0]):.1f}; "
                                   f"bigram “{parts[0]} a” {L.bigram(parts[0], 'a'):,}); “{lw}” is unknown")
    if parts is not None:
        return _split(doc, ctx, tok, parts, info)
    pw, nw = doc.prev(tok), doc.next(tok)
    if _in_name_list(doc, tok):
        return None  # a lowercase brand among names ("Sony, Samsung, Cowon or iriver"): no stray letter
    s = stray_letter(lw, pw.text.lower() if pw is not None and pw.is_word else "",
                     nw.text.lower() if nw is not None and nw.is_word else "") if not cap else None
    if s is not None:
        fixed, note = s
        return ctx.finding("G105", tok.start, tok.end, _case_like(t, fixed),
                           message=f"Stray letter: {note}; “{lw}” is unknown")
    return _truncated(doc, ctx, tok, info)


def _in_name_list(doc, tok) -> bool:
    """The token is an item of a list of names: a comma, "or" or "and" (or a bracket) on one side of
    it, and a capitalised word (no sentence start) beyond."""
    for step in (-1, 1):
        sep = doc.prev(tok) if step < 0 else doc.next(tok)
        if sep is None or not (sep.text in ",(" or sep.lower in ("or", "and")):
            continue
        w = doc.prev(sep) if step < 0 else doc.next(sep)
        if w is not None and w.is_word and w.text[:1].isupper() and not doc.is_sentence_start(w):
            return True
    return False


def _split(doc, ctx, tok, parts, info):
    f = _split_finding(doc, ctx, tok, parts, info)
    if f is not None and f.rule == "G107" and _repeated(tok.text, info):
        # a compound the writer uses again ("the gasduct ... this gasduct") is their word: glue
        # is an accident of one place and does not repeat itself (the same test as _is_a_name)
        return None
    return f


def _repeated(t: str, info) -> bool:
    lw = t.lower()
    return sum(n for w, n in info.counts.items() if w.lower() == lw) >= 2


def _split_finding(doc, ctx, tok, parts, info):
    t = tok.text
    if source_word(t.lower()):
        return None
    cased = [info.cased(p) for p in parts]
    repl = _case_like(t, " ".join(cased))
    evidence = f"“{t.lower()}” is unknown; pieces {_zipfs(parts)}{_bigram_note(parts)}"
    if (len(parts) == 2 and parts[1] in _words("en", "glue", "compound_particles") and parts[0] not in FUNC
            and not parts[0].endswith(("ed", "ing", "s")) and z(t.lower()) >= float(_value("glue", "particle_compound_min_zipf"))
            and _noun_slot(doc, tok)):
        # a verb and its particle as one noun the web writes, in a noun's place ("if takeup of the app
        # is low", "the comeup"): no glue ("prices goup" has neither)
        return None
    if len(parts) == 2 and (
            (parts[0] in COMPOUND_PREFIXES and parts[1] not in FUNC) or parts[1] in COMPOUND_SUFFIXES):
        # English word-building, not glue: "underprepared", "overdeliver", "woundedness"
        return None
    if len(parts) == 2 and parts[1] in REPORT and parts[0] not in FUNC:
        nxt = _next_word(doc, tok)
        if nxt is not None and (nxt.lower in ("the", "a", "an", "his", "her", "their") or nxt.is_cap) \
                and _sentence_ends_soon(doc, tok):
            repl = _case_like(t, f"{cased[0]}, {cased[1]}")
            return ctx.finding("G102", tok.start, tok.end, repl,
                               message=f"Run-together words with a lost comma before a reporting verb: {evidence}")
        return ctx.finding("G102", tok.start, tok.end, repl, confidence=0.75,
                           message=f"Run-together words (reporting verb): {evidence}")
    if parts[-1] == "or" and len(parts) == 2:
        # "verb+or" is usually a mangled source-language verb ending (-ó): suggest only
        return ctx.finding("G107", tok.start, tok.end, repl,
                           message=f"Perhaps run-together words: {evidence}")
    has_func = any(p in FUNC for p in parts)
    contents = [p for p in parts if p not in FUNC]
    pair_support = len(parts) == 2 and L.bigram(*parts) >= 10_000_000
    if has_func and not contents and len(parts) == 2 and min(len(p) for p in parts) >= 2:
        # two function words run together ("wouldnot", "withoutany")
        return ctx.finding("G101", tok.start, tok.end, repl,
                           message=f"Run-together words: {evidence}")
    long_func = all(len(p) >= 3 for p in parts if p in FUNC) and parts[0] not in COMPOUND_PREFIXES
    if has_func and contents and (pair_support or all(len(p) >= 4 and z(p) >= 3.8 for p in contents)
                                  or (long_func and all(len(p) >= 4 and z(p) >= 3.0 for p in contents))):
        # a function word glued to a content word
        if not pair_support and (parts[0] in FUNC and len(parts[0]) <= 2 and parts[0] not in FUNC_SHORT_OK
                                 or len(parts) == 2 and parts[1] in FUNC and len(parts[1]) <= 2
                                 and L.bigram(*parts) == 0 and cased[0] == parts[0]
                                 and not (z(parts[1]) >= TOP_FUNCTION_ZIPF and z(parts[0]) >= 4.0)):
            # a two-letter function word glued on, where English never writes the pair ("majorno": "major no")
            return ctx.finding("G107", tok.start, tok.end, repl,
                               message=f"Perhaps run-together words: {evidence}")
        return ctx.finding("G101", tok.start, tok.end, repl,
                           message=f"Run-together words: {evidence}")
    if any(p != c for p, c in zip(parts, cased)) and len(parts) == 2:
        # a piece the document spells capitalised (a name) glued to a word
        return ctx.finding("G101", tok.start, tok.end, repl,
                           message=f"Run-together words (“{cased[0] if cased[0] != parts[0] else cased[1]}” "
                                   f"is capitalised elsewhere in the text): {evidence}")
    if pair_support and all(len(p) >= 4 and z(p) >= 3.5 for p in parts) and z(t.lower()) == 0:
        # two frequent words that also stand side by side in English: "governmentbonds"
        return ctx.finding("G101", tok.start, tok.end, repl,
                           message=f"Run-together words (a frequent English pair): {evidence}")
    if (len(parts) == 2 and all(len(p) >= 4 and z(p) >= 3.5 for p in parts) and z(t.lower()) == 0
            and L.unigram(t.lower()) == 0 and parts[0] not in COMPOUND_PREFIXES
            and L.bigram(*parts) >= float(_value("glue", "unknown_token_pair_bigram"))):
        # a token English never writes solid whose two frequent pieces English writes side by side
        # often: "kitchenarea" (“kitchen area” 8.9M); a compound of clean copy is a word of the counts
        return ctx.finding("G101", tok.start, tok.end, repl, confidence=0.75,
                           message=f"Run-together words (an unknown token, a frequent English pair): {evidence}")
    if (len(parts) == 2 and len(parts[1]) >= 4 and z(parts[1]) >= 3.5 and len(parts[0]) >= 3
            and not parts[1].endswith(("ed", "ing"))  # "bighearted", "goodlooking" are compounds
            and (parts[0] in COMMON_ADJ or (parts[0].endswith(ADJ_ONLY_SUFFIX) and z(parts[0]) >= 3.5))):
        # an adjective and a noun: English writes them apart ("goodpsychologist", "graphicpart")
        return ctx.finding("G101", tok.start, tok.end, repl, confidence=0.75,
                           message=f"Run-together words (an adjective and a noun): {evidence}")
    if (len(parts) == 2 and all(len(p) >= 4 and z(p) >= 3.5 for p in parts)
            and parts[0] not in COMPOUND_PREFIXES
            and (parts[0].endswith(("ed", "ly", "ing")) or parts[1].endswith(("ed", "ly"))
                 or parts[1] in _irregular_past_all()  # "fuelrose", "pricesfell": an irregular past
                 or (parts[0].endswith("s") and not parts[0].endswith("ss")))) or (
            len(parts) == 2 and len(parts[0]) >= 6 and parts[0].endswith("ed") and z(parts[0]) >= 3.5
            and len(parts[1]) == 3 and parts[1] not in FUNC
            and z(parts[1]) >= float(_value("glue", "short_noun_after_participle_zipf"))):
        # (a past participle glued to a very frequent short noun: "injuredman", "armedmen")
        # an inflected first piece or an inflected verb/adverb second piece: English
        # compounds are not built that way ("allowedselected", "highlyintellectual", "eurosbefore")
        return ctx.finding("G101", tok.start, tok.end, repl, confidence=0.75,
                           message=f"Run-together words (inflected pieces are no compound): {evidence}")
    if (len(parts) == 2 and parts[0] in _words("en", "glue", "number_heads") and len(parts[1]) >= 4
            and ((parts[1].endswith("s") and not parts[1].endswith("ss")) or pair_support) and z(parts[1]) >= 3.0
            and z(t.lower()) == 0 and not _repeated(t, info) and L.bigram(*parts) > 0):
        # a number or a quantifier and a plural noun English writes side by side (or any word it
        # writes after the number very often: "twopercent"), once in the article: no compound ("twocountries"; golf's "fourballs": no bigram "four balls", and
        # a word the writer uses again is theirs)
        return ctx.finding("G101", tok.start, tok.end, repl, confidence=0.8,
                           message=f"Run-together words (a number and a plural noun): {evidence}")
    if len(parts) == 2 and all(len(p) >= 3 and z(p) >= float(_value("glue", "compound_piece_min_zipf")) for p in parts):
        # two English content words no rule above reads as glue: a compound of clean copy ("teashop",
        # "bodycare", "hotelkeeper", "lovesickness", "Greentowers") or a misspelling no split mends
        # ("masage": "mas age"); glue between content words is G101's (a frequent pair, an adjective
        # and a noun, an inflected piece)
        return None
    return ctx.finding("G107", tok.start, tok.end, repl,
                       message=f"Perhaps run-together words (or a compound): {evidence}")


def _lower_name_glue(doc, ctx, tok, info):
    """A name the document spells capitalised, lowered and run into the next word:
    "wuffliultimately" where "Wuffli" stands elsewhere → "Wuffli ultimately"."""
    lw = tok.text
    for i in range(len(lw) - 2, 2, -1):
        head, tail = lw[:i], lw[i:]
        if head not in info.cap_mid or head in info.lower_mid:
            continue
        if tail in FUNC or content_ok(tail, 3.5):
            return ctx.finding("G101", tok.start, tok.end, f"{head[0].upper()}{head[1:]} {tail}",
                               message=f"Run-together words: the name “{head.capitalize()}” (capitalised "
                                       f"elsewhere in the text) glued to “{tail}” (zipf {z(tail):.1f})")
    return None


def _is_a_name(doc, tok, info) -> bool:
    """The capitalised token is a name of its own, not two words run together: it is attested
    in English or a source language ("Roseanna", "Pinedo"), it recurs in the document (glue
    does not repeat itself: "Las Robertas" ×3), or a Romance article or particle opens it."""
    t = tok.text
    if info.counts.get(t, 0) >= 2:
        return True
    lw = t.lower()
    if max([z(lw)] + [L.zipf(lw, lang) for lang in OTHER_LANGS]) >= NAME_SEEN_ZIPF:
        return True
    p = doc.prev(tok)
    return p is not None and p.text[:1].isupper() and p.text.lower() in NAME_LINKS and doc.gap(p, tok) == " "


@lru_cache(maxsize=1)
def _irregular_past_all() -> frozenset:
    """Irregular simple pasts that differ from the participle (rules/lang/en/irregular-verbs.yaml:
    "came", "went", "rose"), four letters or more."""
    from ..langdata import table

    return frozenset(w for w in (table("en", "irregular-verbs", "participle_past") or {}).values() if len(w) >= 4)


@lru_cache(maxsize=1)
def _irregular_past() -> frozenset:
    """Those pasts less the ones that are also nouns and end names (``name_ending_pasts`` of
    rules/lang/en/glue.yaml: "Montrose"): after a name, a past of this set ends no name."""
    return _irregular_past_all() - _words("en", "glue", "name_ending_pasts")


def _name_zipf(lw: str) -> float:
    return max([z(lw)] + [L.zipf(lw, lang) for lang in OTHER_LANGS])


@lru_cache(maxsize=1)
def _calendar_names() -> frozenset:
    """Weekdays and months, capitalised (rules/lang/en/calques.yaml)."""
    return frozenset(w.capitalize() for w in _words("en", "calques", "weekdays") | _words("en", "calques", "months"))


def _common_name(head: str, tail: str) -> bool:
    """``head`` is a country, a nationality, a weekday or a month, and ``tail`` no word that builds a
    place or a person's name on such a head ("Chinatown", "Frenchman"): English writes the two apart
    ("Czechfootball", "Fridayevening")."""
    return (head in _gazetteer() or head in _calendar_names()) and tail not in NAME_COMPOUND_TAILS


def _accented_name_glue(doc, ctx, tok, info):
    """G103 on a name written with a letter outside ASCII ("Feijóohas", "Gonçalvessaid",
    "Nuñezwere"): the last such letter is in the head, the tail a function word or a verb of
    saying that ends no name (``name_tail_function``, ``name_never_ends``), the head a name
    attested in English or a source language or written alone elsewhere in the text, and the
    whole token attested nowhere and written once (``_is_a_name``)."""
    t = tok.text
    if _is_a_name(doc, tok, info) or foreign(t.lower()):
        return None
    last = max(i for i, c in enumerate(t) if not c.isascii())
    best = None
    for i in range(max(last + 1, 3), len(t) - 1):
        head, tail = t[:i], t[i:]
        if not ((tail in NAME_TAIL_FUNC and tail not in ("its", "his"))
                or (tail in NAME_NEVER_ENDS and len(tail) >= 4)):
            continue
        seen = head in info.tokens
        hz = _name_zipf(head.lower())
        if not (seen or hz >= NAME_HEAD_ZIPF):
            continue
        score = (seen, hz)
        if best is None or score > best[0]:
            why = (f"“{head}” occurs as a word elsewhere in the text" if seen
                   else f"“{head}” is a name (zipf {hz:.1f})")
            best = (score, head, tail, why)
    if best is None:
        return None
    _, head, tail, why = best
    return ctx.finding("G103", tok.start, tok.end, f"{head} {tail}", confidence=0.75,
                       message=f"A name run together with the next word: “{t.lower()}” is unknown, "
                               f"{why}; “{tail}” zipf {z(tail):.1f}")


def _name_glue(doc, ctx, tok, info):
    t = tok.text
    n = len(t)
    best = None
    for i in range(3, n - 1):
        head, tail = t[:i], t[i:]
        past = (len(tail) >= 6 and tail.endswith("ed") and tail.islower()
                and content_ok(tail, NAME_PAST_TAIL_ZIPF))
        if not (tail in FUNC or content_ok(tail, 4.0) or past):
            continue
        if head in info.tokens:
            score = (2, z(tail), len(head))
            why = f"“{head}” occurs as a word elsewhere in the text"
            # a name + a noun may be a compound name (a bank, a brand): suggest only
            conf = None if (tail in FUNC or tail in NAME_NEVER_ENDS or tail.endswith(("ed", "ly"))
                            or tail in _irregular_past()
                            or (head in _gazetteer() and tail.endswith("s") and not tail.endswith("ss")
                                and len(tail) >= 4)) else 0.6
            if conf is not None and len(tail) >= 4 and _common_name(head, tail):
                conf = 0.75  # a weekday, a month, a country or a nationality before a noun: "Fridayevening"
            # (a country or nationality before a plural noun names no bank or brand: "Swissshops")
            # (nor does a name end in an irregular past: "Peltacame out", "Novákwent home")
        elif len(tail) >= 4 and tail.islower() and content_ok(tail, 4.0) and _common_name(head, tail):
            score = (1, z(tail), len(head))
            why = f"“{head}” is a country, a nationality, a weekday or a month"
            conf = 0.75
        elif tail in NAME_NEVER_ENDS and len(tail) >= 4 and len(head) >= 4:
            score = (1, z(tail), len(head))
            why = f"no name ends in “{tail}”"
            conf = 0.75
        elif past and len(head) >= 4 and head[:1].isupper() and head[1:].islower() and not any(
                content_ok(t[j:].lower(), NAME_PAST_TAIL_ZIPF) for j in range(1, i)):
            # a name + a past in -ed of six letters or more ("Tabarotjudged the strike"): names end
            # in "-ed" only short ("Ahmed", "Alfred": the tail there is no word); not where a longer
            # tail is a word too, a prefixed verb ("Disinformed": "informed")
            score = (1, z(tail), len(head))
            why = f"no name ends in a past tense (“{tail}”)"
            conf = 0.75
        elif tail in NAME_TAIL_FUNC and len(head) >= 4 and content_ok(head.lower(), 4.0):
            score = (1, z(tail), len(head))
            why = f"“{head}” is a frequent word (zipf {z(head.lower()):.1f})"
            conf = 0.75
        elif tail in NAME_TAIL_FUNC and tail not in ("its", "his") and len(head) >= 4 \
                and head[:1].isupper() and head[1:].islower() and _name_zipf(head.lower()) >= NAME_HEAD_ZIPF:
            # a name attested in English or a source language + a function word that ends no name
            # ("Velasquezof Mexico", "Frontieresand the WHO", "Sánchezsaid"): the whole token is
            # attested nowhere (_is_a_name), its head is.  Not "its"/"his": they end plural
            # demonyms and names ("the Qassamits"); on 4.7M words of clean English references
            # (WMT, News Commentary, TICO, NTREX, newstest2012) this reads 2 tokens, both glue
            # ("Goldman Sachshas", "the Great Recessionwere")
            score = (0, z(tail), len(head))
            why = f"“{head}” is a name (zipf {_name_zipf(head.lower()):.1f})"
            conf = 0.75
        else:
            continue
        if best is None or score > best[0]:
            best = (score, head, tail, why, conf)
    if best is None:
        return None
    _, head, tail, why, conf = best
    return ctx.finding("G103", tok.start, tok.end, f"{head} {tail}", confidence=conf,
                       message=f"A name run together with the next word: “{t.lower()}” is unknown, "
                               f"{why}; “{tail}” zipf {z(tail):.1f}")


def _camel(doc, ctx, tok, m, info):
    t = tok.text
    pre, word = m.group(1), m.group(2)
    lw = word.lower()
    if known(t.lower()) or not known(lw) or z(lw) < 3.0:
        return None
    if pre in NAME_PARTICLES or pre in _words("en", "linkglue", "function_heads"):
        return None  # a name particle ("deSantis"), or a function word run into a word (G206)
    if doc.is_sentence_start(tok) or (lw in info.cap_mid and lw not in info.lower_mid) or z(lw) < 4.0:
        repl = word
    else:
        repl = lw
    return ctx.finding("G104", tok.start, tok.end, repl,
                       message=f"A stray “{pre}” glued to “{word}” (zipf {z(lw):.1f}); “{t.lower()}” is unknown")


def _truncated(doc, ctx, tok, info):
    t = tok.text
    lw = t.lower()
    if L.zipf(lw) >= 2.0 or len(lw) < 4:
        return None
    cands = completions(lw)
    if not cands:
        return None
    nxt = _next_word(doc, tok)
    prv = doc.prev(tok)
    nw = None
    if nxt is not None:
        nw = nxt.lower
        if not known(nw):  # the next word is damaged too: use its repair
            s = stray_letter(nw)
            if s is not None:
                nw = s[0]
    scored = []
    for c in cands:
        b = (L.bigram(c, nw) if nw else 0) + (L.bigram(prv.lower, c) if prv is not None and prv.is_word else 0)
        scored.append((b, c))
    scored.sort(reverse=True)
    if scored[0][0] > 0 and (len(scored) == 1 or scored[0][0] > 5 * scored[1][0]):
        choice, why = scored[0][1], f"bigram count {scored[0][0]:,}"
    elif nw is not None and nw not in FUNC and z(nw) >= 3.0:
        adj = [c for c in cands if c.endswith(ADJ_SUFFIX)]
        if len(adj) != 1:
            return None
        choice, why = adj[0], f"an adjective before the noun “{nw}”"
    else:
        return None
    repl = _case_like(t, info.cased(choice) if not t[0].isupper() else choice)
    return ctx.finding("G106", tok.start, tok.end, repl,
                       message=f"A truncated word: “{lw}” (zipf {L.zipf(lw):.1f}) begins "
                               f"{', '.join(f'“{c}”' for c in cands)}; chose “{choice}”: {why}")
