"""Detector: lowercased — a word English news always capitalises, written lowercase in running
text ("in october", "coalition and afghan troops", "the gdp figures"): a name, a month or weekday,
a demonym or an acronym that lost its case in the MT pipeline.

The forms are learned from clean English by ``python -m repair.casing_fit``
(``always_capitalised`` of rules/lang/en/casing.yaml: seen often enough after a lowercase word in
mid-sentence — ``min_seen`` of that file's provenance — and lowercase there in at most 0.3 % of
them, so "may", "march", "turkey", "bush" and "internet" are not among them).

- C150  the lowercase word, replaced by the form news writes (``October``, ``Afghan``, ``GDP``).
        Not at a sentence start (C151's business), not in a line without any capital letter (a
        deliberately lowercase line), not inside an address, a hashtag or a file name, and not where
        the article writes the same lowercase word three times or more (the writer's own choice); a
        person's or a firm's name of the list not after a determiner or a possessive ("a smith") nor where
        the article writes it twice in lowercase and never capitalised ("gore" in a film review).
- C209  a lowercase word the article itself writes capitalised in mid-sentence elsewhere ("Michelle
        Rhee ... rhee said", "TMZ ... tmz understands"), lowercase there at most twice, that news does
        not write lowercase (the learned lists of rules/lang/en/capitalised.yaml) and English knows
        only rarely as a word (Zipf below ``article_case_max_zipf``).
"""

from __future__ import annotations

from functools import lru_cache

from .. import lexicon as L
from ..langdata import wordlist


@lru_cache(maxsize=None)
def forms() -> dict[str, str]:
    return {f.lower(): f for f in wordlist("en", "casing", "always_capitalised")}


def _own_capitals(doc) -> dict[str, str]:
    """The capitalised forms (Title case or all capitals) the article writes in mid-sentence after
    a lowercase word and not before a capitalised one (a name standing alone, not a piece of a title),
    under their lowercase form, where the article writes that form in lowercase at most twice
    ("Michelle Rhee ... rhee said"); not the head of a name with "of" ("the Consulates of Ciudad Juárez")."""
    from .. import lexicon as L

    seen: dict[str, dict[str, int]] = {}
    low: dict[str, int] = {}
    for t in doc.tokens:
        if not t.is_word or not t.text.isalpha():
            continue
        w = t.text
        if w.islower():
            low[w] = low.get(w, 0) + 1
            continue
        if not (w[1:].islower() or (w.isupper() and len(w) >= 2)) or doc.is_sentence_start(t):
            continue
        p, n = doc.prev(t), doc.next(t)
        if p is None or not p.is_word or not p.text.islower():
            continue  # alone after a lowercase word: "Others say Rhee", not "Chhappan Bhog"
        pp = doc.prev(p)
        if pp is not None and pp.is_word and pp.text[:1].isupper() and len(p.text) <= 3:
            continue  # the end of a longer name: "the Professional Society of Paediatricians"
        if n is not None and n.is_word and n.text[:1].isupper() and doc.gap(t, n) == " ":
            continue  # inside a longer name or title ("Lloyds Pharmacy Group", "Occupy Wall Street")
        if n is not None and n.text in ("of", "for"):
            nn = doc.next(n)
            if nn is not None and nn.is_word and nn.text[:1].isupper():
                continue  # the head of a name with "of": "the Consulates of Ciudad Juárez" names those
                # offices, and "the embassy and consulates" elsewhere is the common noun
        if n is not None and n.is_word and n.text.islower() and L.zipf(n.text) < 2.0:
            continue  # a Latin or foreign name of two words: "Staphylococcus aureus"
        ls = doc.text.rfind("\n", 0, t.start) + 1
        head = doc.text[ls:t.start]
        if head.count('"') % 2 == 1 or head.count("“") > head.count("”") or head.count("«") > head.count("»"):
            continue  # inside a quotation: a word quoted as a word ("it rhymes with Twp and Pwp")
        f = seen.setdefault(w.lower(), {})
        f[w] = f.get(w, 0) + 1
    out = {}
    for lw, forms in seen.items():
        if low.get(lw, 0) <= 2:
            out[lw] = max(forms.items(), key=lambda kv: kv[1])[0]
    return out


@lru_cache(maxsize=None)
def _news_lowercase() -> frozenset:
    from ..langdata import words as _words

    return frozenset().union(*(_words("en", "capitalised", k) for k in
                               ("lower_seen", "lower_after_function", "lower_after_the", "lower_anywhere")))


def _article_case(doc, ctx):
    """C209: a lowercase word the article itself writes capitalised in mid-sentence ("Rhee", "TMZ",
    "Frey") and that news does not write lowercase (not in the learned lists of
    rules/lang/en/capitalised.yaml, rarer than ``article_case_max_zipf`` as an English word)."""
    from .. import lexicon as L
    from ..langdata import value

    own = None
    text = doc.text
    news_low = None
    out = []
    for tok in doc.tokens:
        w = tok.text
        if not tok.is_word or not w.isalpha() or not w.islower() or len(w) < 3:
            continue
        if own is None:
            own = _own_capitals(doc)
            if not own:
                return out
            news_low = _news_lowercase()
        form = own.get(w)
        if form is None or w in news_low or w in forms() or L.zipf(w) >= float(value("lowercased", "article_case_max_zipf")):
            continue
        if doc.is_sentence_start(tok) or _embedded(text, tok):   # (after the cheap tests)
            continue
        out.append(ctx.finding("C209", tok.start, tok.end, form,
                               message=f"“{w}” is written “{form}” elsewhere in this article, in mid-sentence"))
    return out


def _embedded(text: str, tok, file_names: bool = False) -> bool:
    """The word is part of a #hashtag, an e-mail or web address (or, with ``file_names``, a file
    name: "readme.txt"), not a word of running text."""
    before = text[tok.start - 1:tok.start] if tok.start else ""
    after = text[tok.end:tok.end + 1]
    if before and before not in " \t\n(“\"‘'" or after in ("@", "/", "_"):
        return True
    return file_names and after == "." and text[tok.end + 1:tok.end + 2].isalnum()


def _class_word(form: str) -> bool:
    """A country, a demonym, a month or a weekday: no common noun of English."""
    from ..langdata import words as _words
    from ..rules import gazetteer

    lw = form.lower()
    return form in gazetteer() or lw in _words("en", "calques", "months") or lw in _words("en", "calques", "weekdays")


def _common_use(doc, tok, form: str) -> bool:
    """A person's or a firm's name of the list ("Smith", "Pearl", "Gore") after a determiner or a
    possessive ("a smith", "the First Lady's pearl necklace"): a common noun of English, which a name
    does not follow; countries, demonyms, months and weekdays (no common nouns) are restored there
    too ("an afghan soldier", "the october figures")."""
    from ..langdata import words as _words

    if _class_word(form):
        return False
    p = doc.prev(tok)
    if p is None or not p.is_word or doc.gap(p, tok) != " ":
        return False
    return p.text.lower() in _words("en", "function-words", "noun_determiners") or p.text.endswith(("'s", "’s"))


def detect(doc, ctx):
    if ctx.enabled("C209"):
        extra = _article_case(doc, ctx)
    else:
        extra = []
    if not ctx.enabled("C150"):
        return extra
    table = forms()
    text = doc.text
    hits = [t for t in doc.tokens if t.is_word and t.text in table]
    if not hits:
        return extra
    counts: dict[str, int] = {}
    for t in hits:
        counts[t.text] = counts.get(t.text, 0) + 1
    out = extra
    for tok in hits:
        if counts[tok.text] >= 3 or doc.is_sentence_start(tok):
            continue
        if _embedded(text, tok, file_names=True):
            continue
        ls = text.rfind("\n", 0, tok.start) + 1
        le = text.find("\n", tok.end)
        line = text[ls:le if le >= 0 else len(text)]
        if not any(c.isupper() for c in line):
            continue
        form = table[tok.text]
        if form[1:].islower() and _common_use(doc, tok, form):
            continue
        if form[1:].islower() and counts[tok.text] >= 2 and form not in text and not _class_word(form):
            continue  # a name of the list the article writes twice in lowercase and never capitalised is its
            # common word ("a place for gore in art house cinema ... the search for gore and action")
        # an acronym whose lowercase is an English dictionary word ("an ace", "an emu", "a sec"):
        # the word may be meant, so a suggestion only
        conf = 0.5 if form.isupper() and L.unigram(tok.text) > 0 else None
        out.append(ctx.finding("C150", tok.start, tok.end, form, confidence=conf,
                               message=f"“{tok.text}” is written “{form}” in English news (learned from "
                                       f"clean English: lowercase in at most 0.3 % of its places)"))
    return out
