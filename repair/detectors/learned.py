"""Applies the post-editing rules learned from data (``rules/learned/*.yaml``, mined by ``repair/mine.py``).

Each learned rule rewrites a short phrase between fixed context tokens; the rules were kept only where their MT
side is rare in clean English and where they lowered the edit distance to the reference on held-out lines.  The
finding names the learned rule and its edit; the detector's rule ids are declared in ``rules/learned.yaml``.

Two tiers (``repair.learned.TIERS``):

- ``ES-L001``, the strict rules: applied wherever they match;
- ``ES-L002``, the gated rules (a looser selection that would touch clean copy now and then): applied only in a
  sentence that plainly reads as machine translation -- its MT-damage score (``repair.mtscore``, the score of rule
  K801) at or above ``params.gate.sentence_score``, a strict learned rule matching in it, or ``gated_opens``
  distinct gated edits matching in it where no applicable fix of another rule takes their place -- or anywhere in a
  document whose density of such sentences is at or above ``params.gate.document_share``.  The thresholds are
  data (``params.gate`` of ES-L002); ``gate_report`` tells how often the gate opens on a text.  A gated edit
  deleting 'the' before a name stands only where the name is the rule's and stands alone (``_article_ok``).
"""

from __future__ import annotations

import re

from ..learned import apply_rules, load_learned

RULE_ID = "ES-L001"
GATED_ID = "ES-L002"
LEXICON_ID = "ES-L003"
#: the lexicon rules, one per source language with a learned lexicon (rules/learned/lexicon-*.yaml)
LEXICON_IDS = (LEXICON_ID, "PT-L003")
ARTICLE_ID = "ES-L004"


def _lang_ok(rule, lang) -> bool:
    return not rule.lang or lang in rule.lang


_URLISH = re.compile(r"://|www\.|@|/|\w\.\w")


def _in_url(text: str, a: int, b: int) -> bool:
    """The span lies in a run of text without spaces that is a web address, a path or a domain ("clck.ru"):
    the tokens there are no words of a sentence."""
    i, j = a, b
    while i > 0 and not text[i - 1].isspace():
        i -= 1
    while j < len(text) and not text[j].isspace():
        j += 1
    return bool(_URLISH.search(text, i, j))


class Gate:
    """Whether a span of ``doc`` reads as MT: by its sentence, or by the document as a whole."""

    def __init__(self, doc, lang, params: dict, strict_spans=(), gated=()):
        from .. import mtscore as MS

        self.doc, self.lang = doc, lang
        g = params.get("gate") or {}
        self.sentence_score = float(g.get("sentence_score", 2.0))
        self.min_words = int(g.get("min_words", 6))
        self.strict_opens = bool(g.get("strict_opens", False))
        self.document_share = float(g.get("document_share", 2.0))
        self.document_min_sentences = int(g.get("document_min_sentences", 5))
        self.gated_opens = int(g.get("gated_opens", 0))
        self._ms = MS
        self._kparams = MS._params()
        self._sents = doc.sentences
        self._starts = [s.start for s in self._sents]
        self._open: dict[int, bool] = {}
        self._strict = sorted(strict_spans)
        self._gated = sorted(gated)  # (start, edit key) of the gated matches that count towards gated_opens
        self._doc_open: bool | None = None

    def _index(self, pos: int) -> int:
        import bisect

        return max(0, bisect.bisect_right(self._starts, pos) - 1)

    def sentence_open(self, k: int) -> bool:
        hit = self._open.get(k)
        if hit is None:
            s = self._sents[k]
            hit = False
            if self.strict_opens and any(s.start <= a < s.end for a, _ in self._strict):
                hit = True
            elif self.gated_opens and s.end - s.start and self._gated_in(s) >= self.gated_opens:
                hit = self._long_enough(s)
            else:
                sc = self._ms.score_span(self.doc, s.start, s.end, self.lang, self._kparams)
                hit = sc.words >= self.min_words and sc.score >= self.sentence_score
            self._open[k] = hit
        return hit

    def _gated_in(self, s) -> int:
        """The distinct gated edits (MT side and fix) matching in sentence ``s``: one construction repeated
        ('during three days ... during years') is one piece of evidence."""
        import bisect

        lo = bisect.bisect_left(self._gated, (s.start,))
        hi = bisect.bisect_left(self._gated, (s.end,))
        return len({k for _, k in self._gated[lo:hi]})

    def _long_enough(self, s) -> bool:
        return sum(1 for t in self.doc.tokens_in(s.start, s.end) if t.is_word) >= self.min_words

    def document_open(self) -> bool:
        if self._doc_open is None:
            n = len(self._sents)
            if self.document_share > 1.0 or n < self.document_min_sentences:
                self._doc_open = False
            else:
                opened = sum(self.sentence_open(k) for k in range(n))
                self._doc_open = opened >= self.document_share * n
        return self._doc_open

    def opens(self, start: int) -> bool:
        if not self._sents:
            return False
        return self.sentence_open(self._index(start)) or self.document_open()


def _lexicon(doc, ctx, lang, rule_id=LEXICON_ID):
    """ES-L003, PT-L003 (``rule_id``): a word of the source language left untranslated, replaced by the English word
    the references put in its place (``rules/learned/lexicon-*.yaml``); only a word English does not know."""
    from ..learned import load_lexicon
    from ..lexicon import zipf

    lex = load_lexicon(lang)
    if not lex:
        return
    r0 = ctx.rule(rule_id)
    max_en = float((r0.params or {}).get("max_english_zipf", 1.5))
    lower_only = not bool((r0.params or {}).get("capitalised", True))
    toks = doc.tokens
    for k, t in enumerate(toks):
        if not t.is_word or not t.text.isalpha():
            continue
        low = t.text.lower()
        en = lex.get(low)
        if en is None or zipf(low) >= max_en:
            continue
        if t.text.isupper() and len(t.text) > 1:
            continue  # an acronym or a shouted headline: not a left word
        if lower_only and t.text[:1].isupper():
            continue  # (a lexicon from parallel text: a capital is a name's, "Agência Brasil", "Palácio do Planalto")
        if any(0 <= j < len(toks) and toks[j].text.lower() == en for j in (k - 1, k + 1)):
            continue  # the English word stands beside it already ("the ocean Índico"): the word is a name's part
        if t.text[:1].isupper() and all(
                0 <= j < len(toks) and toks[j].is_word and toks[j].text[:1].isupper() and not doc.is_sentence_start(toks[j])
                and doc.gap(toks[min(j, k)], toks[max(j, k)]) == " " for j in (k - 1, k + 1)):
            continue  # between two capitalised words: a piece of a person's name ("Florenç Tórtola Ferrer")
        rep = en[:1].upper() + en[1:] if t.text[:1].isupper() else en
        yield ctx.finding(rule_id, t.start, t.end, rep,
                          message=f"{r0.message}: '{t.text}' → '{rep}'")


def _verb_after(doc, last) -> bool:
    """The word after a name is a verb as K402 reads one (repair/detectors/calques.py): a verb of its class
    (rules/lang/en/calques.yaml name_verbs_after), or a form in -s/-ed with 'he/it w' at least ``bare_verb_ratio``
    times 'the w' in the bigrams: 'the Deutsche Bank pays', not 'the UBS chairman', 'the Friday night', 'the
    Tuesday before'."""
    from .. import lexicon as L
    from ..langdata import value, words

    n = doc.next(last)
    if n is None or not n.is_word or not n.text.islower() or doc.gap(last, n) != " ":
        return False
    w = n.lower
    if w in words("en", "calques", "name_verbs_after"):
        return True
    if L.zipf(w) >= 6.0 or not w.endswith(("s", "ed")) or w.endswith("ss"):
        return False  # a function word ('the Iraq and Afghanistan wars', 'the Tuesday before'), or no verb form
    pron = L.bigram("he", w) + L.bigram("it", w)
    return pron > 0 and pron >= float(value("calques", "bare_verb_ratio")) * L.bigram("the", w)


def _demonyms_lower() -> frozenset:
    from ..rules import gazetteer

    return frozenset(w.lower() for w in gazetteer("demonyms"))


def _articles(doc, ctx, lang):
    """ES-L004: 'the' before a name English writes bare where it ends a phrase ("the UBS said" -> "UBS said",
    "against the FIFA." -> "against FIFA."): the names and their counts are learned from clean English
    (``rules/learned/article-names-en.yaml``, ``python -m repair.mine_articles``)."""
    from ..learned import ends_phrase, is_cap, load_article_names

    names = load_article_names(lang)
    if not names:
        return
    r0 = ctx.rule(ARTICLE_ID)
    p = r0.params or {}
    max_name = int(p.get("max_name_tokens", 3))
    min_next = float(p.get("min_next_zipf", 5.9))
    toks = doc.tokens
    n = len(toks)
    for k, t in enumerate(toks):
        if t.text not in ("the", "The") or k + 1 >= n or not is_cap(toks[k + 1].text):
            continue
        if t.text == "The" and not doc.is_sentence_start(t):
            continue  # 'in The Hague', 'of The Economist': the article is the name's own
        if k > 0 and is_cap(toks[k - 1].text) and not doc.is_sentence_start(t):
            continue  # 'Of the Japan ...': a title-case headline, or a name running into 'the'
        j = k + 1
        while j + 1 < n and is_cap(toks[j + 1].text) and doc.gap(toks[j], toks[j + 1]) == " ":
            j += 1
        j += 1  # toks[k+1:j] is the capitalised run
        if j - (k + 1) > max_name or doc.gap(t, toks[k + 1]) != " ":
            continue
        key = " ".join(x.text for x in toks[k + 1:j]).lower()
        if key not in names:
            continue
        last = toks[j - 1].text
        if j - (k + 1) == 1 and len(last) > 3 and last.endswith("s") and (
                last[:-1].isupper() or last[:-1].lower() in _demonyms_lower()):
            continue  # a plural of a people or of an acronym takes its article: "the Afghans", "the SMEs"
        nxt = toks[j].text if j < n and "\n" not in doc.gap(toks[j - 1], toks[j]) else None
        if not ends_phrase(nxt, min_next) and not (p.get("verb_after") and t.text == "the"
                                                and _verb_after(doc, toks[j - 1])):
            continue
        name = toks[k + 1]
        if t.text == "The":
            yield ctx.finding(ARTICLE_ID, t.start, name.end, name.text,
                              message=f"{r0.message}: 'The {key}' → bare")
        else:
            yield ctx.finding(ARTICLE_ID, t.start, name.start, "",
                              message=f"{r0.message}: 'the {key}' → bare")


def detect(doc, ctx):
    lang = ctx.source_lang
    if ctx.enabled(ARTICLE_ID) and _lang_ok(ctx.rule(ARTICLE_ID), lang):
        yield from _articles(doc, ctx, lang)
    for rid in LEXICON_IDS:
        if ctx.enabled(rid) and _lang_ok(ctx.rule(rid), lang):
            yield from _lexicon(doc, ctx, lang, rid)
    strict_on = ctx.enabled(RULE_ID) and _lang_ok(ctx.rule(RULE_ID), lang)
    gated_on = ctx.enabled(GATED_ID) and _lang_ok(ctx.rule(GATED_ID), lang)
    if not (strict_on or gated_on):
        return
    strict = load_learned(lang) if strict_on else None
    gated = load_learned(lang, tier="gated") if gated_on else None
    if strict is not None and not strict.rules:
        strict = None
    if gated is not None and not gated.rules:
        gated = None
    spans = []
    if strict is not None:
        r0 = ctx.rule(RULE_ID)
        for p in doc.paragraphs:
            _, edits = apply_rules(doc.text[p.start:p.end], strict)
            for s, e, rep, r in edits:
                spans.append((p.start + s, p.start + e))
                if _in_url(doc.text, p.start + s, p.start + e):
                    continue
                yield ctx.finding(RULE_ID, p.start + s, p.start + e, rep, confidence=min(r0.confidence, r.confidence),
                                  message=f"{r0.message}: {r.describe()} (learned rule {r.id})")
    if gated is None:
        return
    r1 = ctx.rule(GATED_ID)
    cands = []
    for p in doc.paragraphs:
        _, edits = apply_rules(doc.text[p.start:p.end], gated)
        for s, e, rep, r in edits:
            a, b = p.start + s, p.start + e
            if any(a < y and x < b or a == x for x, y in spans):
                continue  # a strict rule has this place
            if _in_url(doc.text, a, b):
                continue
            if not _article_ok(doc, a, b, rep, len(r.right)):
                continue
            cands.append((a, b, rep, r))
    if not cands:
        return
    taken = _taken(ctx, cands) if int(((r1.params or {}).get("gate") or {}).get("gated_opens", 0)) else set()
    gate = Gate(doc, lang, r1.params or {}, spans,
                [(c[0], (c[3].mt, tuple(w.lower() for w in c[3].fix))) for k, c in enumerate(cands) if k not in taken])
    for a, b, rep, r in cands:
        if not gate.opens(a):
            continue
        yield ctx.finding(GATED_ID, a, b, rep, confidence=min(r1.confidence, r.confidence),
                          message=f"{r1.message}: {r.describe()} (learned rule {r.id})")


def _article_ok(doc, a: int, b: int, rep: str, known: int = 0) -> bool:
    """A gated edit that deletes 'the' before a capitalised run ('the Brazil', 'The Japan') stands only where the
    run is the name the rule knows (at most ``known`` tokens, the rule's right context: not 'The Japan Times', a
    title) and stands alone, as K203 reads it (repair/detectors/calques.py: punctuation, a verb or a function word
    next; not 'the Brazil coach', whose article is the noun's)."""
    old, new = doc.text[a:b].split(), rep.split()
    if not old or old[0].lower() != "the" or [w.lower() for w in old[1:]] != [w.lower() for w in new]:
        return True  # no article deleted
    run, n = None, 0
    for t in doc.tokens_in(a + len(old[0]), b + 200)[:8]:
        if not (t.is_word and t.text[:1].isupper() and t.text[:1].isalpha()):
            break
        if run is not None and doc.gap(run, t) != " ":
            break
        run, n = t, n + 1
    if run is None:
        return True  # not a name: a common noun after the article ('the reform.')
    if n > known:
        return False  # a longer name than the rule's ('The Japan Times')
    from .calques import _name_alone

    return _name_alone(doc, run)


def _taken(ctx, cands) -> set[int]:
    """The gated candidates (their indexes) whose place a fix of an earlier detector takes: an applicable
    finding (a replacement, confidence at the threshold or above) overlapping it.  Such a match is no evidence of
    its own that the sentence reads as MT (the other rule has the place, and its fix is what the sentence gets),
    so it does not count towards ``gated_opens``.  The earlier findings come from ``repair.pipeline.detect``
    (``ctx.cache["earlier"]``: the findings so far and the map of a later pass's lines to the whole text)."""
    earlier, to_cur = ctx.cache.get("earlier", ((), None))
    thr = ctx.config.threshold
    fixes = sorted((f.start, f.end) for f in earlier
                   if f.replacement is not None and f.confidence >= thr and f.rule not in (RULE_ID, GATED_ID))
    if not fixes:
        return set()
    import bisect

    xs = [x for x, _ in fixes]
    reach, m = [], -1   # reach[i]: the furthest end of fixes[:i + 1]
    for _, y in fixes:
        m = max(m, y)
        reach.append(m)
    out = set()
    for k, (a, b, rep, _r) in enumerate(cands):
        if to_cur is not None:
            mapped = to_cur([ctx.finding(GATED_ID, a, b, rep)])
            if not mapped:
                continue
            a, b = mapped[0].start, mapped[0].end
        i = bisect.bisect_left(xs, b) - 1   # the fixes starting before b
        j = bisect.bisect_left(xs, a)
        if i >= 0 and reach[i] > a or j < len(xs) and xs[j] == a:
            out.add(k)
    return out


def gate_params() -> dict:
    """The params of ES-L002 (its ``gate`` thresholds); empty where the rule is not declared."""
    from ..rules import rule

    try:
        return rule(GATED_ID).params or {}
    except KeyError:
        return {}


def gate_report(text: str, lang: str = "es", params: dict | None = None) -> dict:
    """How the gate of ES-L002 decides on ``text``: sentences, sentences open, and whether the document opens."""
    from ..document import Document

    doc = Document(text)
    g = Gate(doc, lang, gate_params() if params is None else params)
    n = len(doc.sentences)
    opened = sum(g.sentence_open(k) for k in range(n))
    return {"sentences": n, "open": opened, "document_open": g.document_open() if n else False}
