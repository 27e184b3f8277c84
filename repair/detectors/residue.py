"""Source-language residue and word-for-word calques, decided by context and evidence.

Each test names its evidence in the finding's message: English bigram counts
(symspellpy's list: ``bigram(a, b)``), wordfreq Zipf values in English and in
the source language.  Word lists here are closed classes (determiners,
prepositions, reporting verbs), never words of one article.
"""

from __future__ import annotations

from functools import lru_cache

from .. import lexicon as L
from ..langdata import source_languages, value, wordlist, words
from .substitution import neighbours


def _fw(key):
    return words("en", "function-words", key)


def _wc(key):
    return words("en", "word-classes", key)


def _t(key):
    return value("residue", key)


LANGS = source_languages()  # a folder under rules/lang/ per source language
DETERMINERS = _fw("before_noun")
PREPOSITIONS = _fw("prepositions")
# nouns that take a single letter as a label ("vitamin E", "plan B", "group C")
LABEL_NOUNS = _wc("label_nouns")
# events happen *in* a place: "a concert in Lisbon", not "from"
EVENT_NOUNS = _wc("event_nouns")
OBJECT_STARTERS = _fw("object_starters")
QUANTIFIERS = _fw("quantifiers")
NOT_VERBS = _fw("not_verbs")
HAVE = {"have", "has", "had", "having"}
ADVERBS_AFTER_COPULA = _fw("adverbs_after_copula")
ADJ_SUFFIXES = wordlist("en", "suffixes", "adjective")


def _word(tok) -> bool:
    return tok is not None and tok.text[0].isalpha()


def _low(tok) -> str:
    return tok.text.lower() if tok is not None else ""


def guess_source_lang(doc) -> str:
    """The source language whose lexicon explains the article's non-English words best:
    each distinct word that the English unigram list lacks votes for the language where it is
    clearly most frequent.  Lowercase words count one vote; capitalised ones (names of
    institutions, places and people, "Direzione", "Conselho", "Élysée", "Ibáñez") count
    ``source_vote_capital_weight``: they carry the language as well, but English copy holds
    foreign names too.  Spanish when nothing reaches ``source_min_votes``.  (Lowercase words
    alone called 11 of the 19 French, Italian and Portuguese dev articles Spanish.)"""
    from ..document import TOKEN_RE

    scores = {lang: 0.0 for lang in LANGS}
    cap_weight = float(_t("source_vote_capital_weight"))
    min_len = int(_t("source_vote_min_length"))
    for w in set(TOKEN_RE.findall(doc.text)):   # each distinct token once (the tokens' texts)
        if not w[0].isalpha() or len(w) < min_len:
            continue
        capital = not w.islower()
        if capital and not (w[0].isupper() and w[1:].islower()):
            continue  # acronyms and mixed case carry no language
        if L.unigram(w) > 0:
            continue
        z = {lang: L.zipf(w, lang) for lang in LANGS}
        best = max(LANGS, key=z.get)
        if z[best] >= _t("source_vote_zipf") and all(z[best] >= z[g] + _t("source_vote_margin") for g in LANGS if g != best):
            scores[best] += cap_weight if capital else 1.0
    best = max(LANGS, key=lambda g: (scores[g], g == "es"))
    return best if scores[best] >= _t("source_min_votes") else "es"


def _acronym(w: str) -> bool:
    return len(w) >= 2 and w.isalpha() and w.isupper()


def lone_conjunction(doc, ctx):
    """A lone lowercase "e" (es/pt/it "and") or "y"/"Y" (es "and") between two
    lowercase English words: "sovereignty e territorial"."""
    lang = ctx.source_lang
    letters = {"e"} if lang in ("pt", "it") else {"e", "y"} if lang == "es" else set()
    # the source language's 'and' and 'or' between two names ("Renfe y Adif", "Barcelona o Algeciras")
    between_names = {"pt": {"e": "and", "ou": "or"}, "it": {"e": "and", "o": "or"},
                     "es": {"y": "and", "o": "or"}, "fr": {"et": "and", "ou": "or"}}.get(lang, {})
    for t in doc.tokens:
        english = between_names.get(t.text)
        if english and _between_names(doc, t):
            yield ctx.finding("R101", t.start, t.end, english,
                              message=f"lone '{t.text}' between two names is the source-language conjunction '{english}'")
            continue
        if t.text.lower() not in letters:
            continue
        if t.text == "E":
            continue
        p, n = neighbours(doc, t)
        if p is None:
            # after a comma: "supplied by manufacturers, e then process it"
            c, n = doc.prev(t), doc.next(t)
            p = doc.prev(c) if c is not None and c.text == "," and doc.gap(c, t) == " " else None
            # (or after a name closing a list: "from Spain, Austria, e others")
            if p is None or n is None or not (p.is_word and (p.text.islower() or p.text.istitle())) \
                    or not n.is_word or doc.gap(t, n) != " " or doc.gap(p, c) != "":
                continue
        if not n.text.islower() or (not p.text.islower() and (
                doc.is_sentence_start(p) or not (p.text.istitle() or _acronym(p.text))
                or L.zipf(n.text) < _t("conjunction_next_zipf"))):
            continue  # (after a name or an acronym only before a frequent word: "IT y computing")
        if (len(p.text) < 3 and not _acronym(p.text)) or len(n.text) < 2:
            continue
        if not ((_acronym(p.text) or L.is_word(p.text)) and L.is_word(n.text)):
            continue
        # "vitamin e", "plan b"-like uses: the letter is a label after a noun
        if L.bigram(p.text, t.text.lower()) > 0 or (t.text == "e" and p.text.lower() in LABEL_NOUNS):
            continue
        if t.text == "Y" and doc.is_sentence_start(t):
            continue
        if in_source_phrase(doc, t):
            continue
        yield ctx.finding("R101", t.start, t.end, "and",
                          message=f"lone '{t.text}' between two words is the source-language conjunction 'and'")


def _between_names(doc, t) -> bool:
    """The conjunction stands between two names, each one space away ("Renfe y Adif", "between
    Rodez et Mende"), that no longer name runs on either side: not after a capitalised word (a
    Spanish double surname, "José Ortega y Gasset", "Santiago Ramón y Cajal"), not before one."""
    p, n = doc.prev(t), doc.next(t)
    if p is None or n is None or doc.gap(p, t) != " " or doc.gap(t, n) != " ":
        return False

    def name(x):
        return x.is_word and len(x.text) >= 2 and (x.text.istitle() or _acronym(x.text))

    if not (name(p) and name(n)) or doc.is_sentence_start(t):
        return False
    pp, nn = doc.prev(p), doc.next(n)
    if pp is not None and not doc.is_sentence_start(p) and pp.is_word and pp.text[:1].isupper() \
            and doc.gap(pp, p) == " ":
        return False
    if nn is not None and nn.is_word and nn.text[:1].isupper() and doc.gap(n, nn) == " ":
        return False
    return not in_source_phrase(doc, t)


def son_as_verb(doc, ctx):
    """Spanish "son" (are) left in place: "the attempts ... son counterproductive"."""
    if ctx.source_lang != "es":
        return
    for t in doc.tokens:
        if t.text != "son":
            continue
        p, n = doc.prev(t), doc.next(t)
        if not (_word(p) and _word(n)):
            continue
        if _low(p) in DETERMINERS or p.text.endswith(("'s", "’s")):
            continue
        nl = n.text.lower()
        if n.is_cap:
            continue
        adjectival = (nl in ADVERBS_AFTER_COPULA or (len(nl) > 4 and nl.endswith(ADJ_SUFFIXES))
                      or max(L.bigram(c, nl) for c in ("are", "is", "very", "be")) >= _t("copula_bigram"))
        if not adjectival:
            continue
        if L.bigram("son", nl) > 0:
            continue
        yield ctx.finding("ES-R102", t.start, t.end, "are",
                          message=f"Spanish 'son' (are) before '{n.text}': “son {nl}” unseen in English")


@lru_cache(maxsize=4096)
def _english_past(stem: str) -> str | None:
    for cand in (stem + "ed", stem + "d", stem[:-1] + "ied" if stem.endswith("y") else None):
        if cand and L.zipf(cand) >= _t("past_form_zipf"):
            return cand
    return None


def spanish_preterite(doc, ctx):
    """A Spanish preterite (-ó) turned into an unknown "-or" word: "considered" from "consideró"."""
    if ctx.source_lang != "es":
        return
    for t in doc.tokens:
        w = t.text
        if not (w.islower() and w.endswith("or") and len(w) >= 7) or L.is_word(w, 1.0):
            continue
        stem = w[:-2]
        if L.zipf(stem + "ó", "es") < _t("preterite_source_zipf") or L.zipf(stem) < _t("preterite_stem_zipf"):
            continue
        past = _english_past(stem)
        if past:
            yield ctx.finding("ES-R104", t.start, t.end, past,
                              message=f"'{w}' is Spanish '{stem}ó' (past tense) half translated")


def a_before_verb(doc, ctx):
    """The Romance preposition "a" left before an infinitive: "unwilling a engage" → "unwilling to engage"."""
    for t in doc.tokens:
        if t.text != "a":
            continue
        p, n = doc.prev(t), doc.next(t)
        if not (_word(p) and _word(n)) or not n.text.islower():
            continue
        nl, pl = n.text.lower(), p.text.lower()
        to_next, a_next, an_next = L.bigram("to", nl), L.bigram("a", nl), L.bigram("an", nl)
        p_to, p_a = L.bigram(pl, "to"), L.bigram(pl, "a")
        strong_verb = (to_next >= _t("strong_verb_to_bigram") and pl not in DETERMINERS and pl not in PREPOSITIONS
                       and pl not in ("without", "as", "like", "than", "such", "what", "quite", "rather")
                       and not p.text[0].isdigit())
        # the bigram list has noise: "a have" is listed, but 1,000 times rarer than "to have"
        a_next = 0 if a_next * _t("bigram_noise_ratio") < to_next else a_next
        an_next = 0 if an_next * _t("bigram_noise_ratio") < to_next else an_next
        if to_next >= _t("infinitive_to_bigram") and a_next == 0 and an_next == 0 and (
                (p_to >= _t("verb_to_bigram") and p_a * _t("verb_to_ratio") <= p_to) or strong_verb):
            yield ctx.finding("R105", t.start, t.end, "to",
                              message=f"'a' before the verb '{n.text}' is the source preposition: "
                                      f"“to {nl}” {to_next:,}, “a {nl}” 0; “{pl} to” {p_to:,}, “{pl} a” {p_a:,}")
            continue
        nn = doc.next(n)
        vowel = nl[0] in "aeiou" and not nl.startswith(("uni", "use", "usu", "eu", "one"))
        if to_next >= _t("verb_with_object_to_bigram") and strong_verb and nn is not None and (
                a_next * _t("verb_to_ratio") <= to_next) and (
                (vowel and an_next == 0 and a_next == 0)
                or (to_next >= _t("strong_verb_to_bigram") and nn.text.lower() in OBJECT_STARTERS)):
            # "a invest in", "a take the": the word is a verb with its object, so "a" is the
            # source preposition
            yield ctx.finding("R105", t.start, t.end, "to", confidence=_t("verb_with_object_confidence"),
                              message=f"'a' before the verb '{n.text}' (followed by its object '{nn.text}'): "
                                      f"“to {nl}” {to_next:,}")


def _modals(ctx) -> frozenset:
    return frozenset((ctx.rule("K101").params or {}).get("modals") or ())


def from_calque(doc, ctx):
    """Spanish "de" rendered as "from": "the plan from cut taxes" (to), "the collapse from system"
    (of the), "a concert from Lisbon" (in)."""
    for t in doc.tokens:
        if t.text != "from":
            continue
        p, n = doc.prev(t), doc.next(t)
        if not (_word(p) and _word(n)):
            continue
        pl, nl = p.text.lower(), n.text.lower()
        p_from = L.bigram(pl, "from")
        f_next = L.bigram("from", nl)
        # before a base-form verb: "to" (never a pronoun: "hiding from himself", "away from them")
        if n.text.islower() and nl not in _fw("object_pronouns"):
            to_next = L.bigram("to", nl)
            p_to = L.bigram(pl, "to")
            verb_only = to_next >= _t("verb_only_to_bigram") and L.bigram("the", nl) * _t("verb_only_ratio") < to_next  # "negotiate", not "work"
            if f_next == 0 and to_next >= _t("from_to_bigram") and pl in _modals(ctx):
                # after a modal the infinitive is bare ("deber de" → "must from"): 'from' goes
                yield ctx.finding("K101", t.start, n.start, "",
                                  message=f"“{pl} from {nl}”: after a modal the infinitive takes no 'to'; "
                                          f"'from' stands for the source 'de'")
                continue
            if f_next == 0 and ((to_next >= _t("from_to_bigram") and p_to >= _t("from_to_ratio") * max(p_from, 1))
                                or (to_next >= _t("from_unseen_to_bigram") and p_from == 0)
                                or to_next >= _t("from_any_to_bigram") or verb_only):
                yield ctx.finding("K101", t.start, t.end, "to",
                                  message=f"“from {nl}” unseen, “to {nl}” {to_next:,}: 'from' stands for "
                                          f"the source 'de' before an infinitive")
                continue
        if nl == "the" and pl in QUANTIFIERS:
            n2, pp = doc.next(n), doc.prev(p)
            p_of = L.bigram(pl, "of")
            plural_or_mass = n2 is not None and n2.text.islower() and (
                n2.text.endswith("s") or pl in ("part", "majority", "rest", "half", "most"))
            before_ok = pp is None or not pp.is_word or pp.text.lower() in NOT_VERBS or (
                pp.text.islower() and pp.text.endswith(ADJ_SUFFIXES[:8]))
            if plural_or_mass and before_ok and p_of >= _t("partitive_of_ratio") * max(p_from, 1):
                yield ctx.finding("K106", t.start, t.end, "of",
                                  message=f"partitive “{pl} of the” ({p_of:,}) rendered “{pl} from the” ({p_from:,})")
                continue
        n2 = doc.next(n) if nl == "the" else None
        if n2 is not None and n2.is_word and n2.text.lower() in _wc("from_the_adverbial"):
            continue  # "from the very beginning", "from the sidelines", "from the Left": a phrase of its own
        if nl == "the" and n2 is not None and n2.is_word and n2.text[:1].isupper() and pl not in QUANTIFIERS:
            continue  # "an analysis from the University of Oregon", "a report from the Bank": a named
            # source the thing comes from ("one from the reasons" has a common noun after "the")
        if nl == "the" and not p.is_cap and pl not in QUANTIFIERS:
            # "one from the reasons", "the anniversary from the revolution": a noun (or a
            # quantifier) that takes "of" and (next to) never "from" in English
            # an unseen "noun from" is only below the list's floor, not absent from English
            # ("a legacy from", "the winner from"): count it at the floor
            p_of = L.bigram(pl, "of")
            if p_of >= _t("noun_of_bigram") and p_of >= _t("noun_of_ratio") * max(p_from, _t("bigram_list_floor")) and pl not in ("away", "apart", "far", "aside", "different", "distinct"):
                yield ctx.finding("K106", t.start, t.end, "of",
                                  message=f"“{pl} from” unseen, “{pl} of” {p_of:,}: 'from' stands for the source 'de'")
                continue
        if p_from > 0:
            continue
        # after a noun that takes "of"/"in", never "from"
        best, best_n = None, 0
        for c in ("of", "in"):
            cnt = L.bigram(pl, c)
            if cnt > best_n:
                best, best_n = c, cnt
        if best is None or best_n < _t("noun_of_in_bigram"):
            continue
        if best == "in" and not n.is_cap:
            continue
        event = best == "in" and pl in EVENT_NOUNS
        repl = best
        conf = _t("from_weak_confidence")  # the bigram list is sparse: "X from" unseen alone is weak evidence
        if best == "of" and n.text.islower() and L.is_word(nl):
            the_n, of_n = L.bigram("the", nl), L.bigram("of", nl)
            nn = doc.next(n)
            if (the_n >= _t("determined_noun_bigram") and the_n >= _t("determined_noun_ratio") * max(of_n, 1) and not nl.endswith("s")
                    and (nn is None or not nn.text.endswith("ing"))):
                # "from" + a bare singular noun that is nearly always determined
                repl, conf = "of the", None
        if event:
            conf = _t("event_place_confidence")  # an event held somewhere: "a press conference in <Place>"
        elif conf is not None and (not n.text.islower() or nl.endswith("ing") or nl in DETERMINERS):
            # the weak case before a name, a number, a determiner or an -ing form is English's own
            # "from" far more often ("followers from Costa Rica", "a bottle from a shop",
            # "prevented him from taking"): only a bare noun after it is worth a suggestion
            continue
        msg = (f"“{pl} from” unseen, “{pl} {best}” {best_n:,}: 'from' stands for the source 'de'")
        yield ctx.finding("K102", t.start, t.end, repl, confidence=conf, message=msg)


def it_as_article(doc, ctx):
    """The source article "la"/"le" rendered as the pronoun "it": "around it table" → "around the table"."""
    for t in doc.tokens:
        if t.text != "it":
            continue
        p, n = doc.prev(t), doc.next(t)
        if not (_word(p) and _word(n)) or _low(p) not in PREPOSITIONS or not n.text.islower():
            continue
        nl = n.text.lower()
        pp = doc.prev(p)
        if pp is not None and pp.is_word and pp.text.lower() in _wc("carry_along_verbs"):
            continue  # "taking with it life that", "brings with it risks": the pronoun, then the object
        the_n, it_n = L.bigram("the", nl), L.bigram("it", nl)
        if the_n >= _t("article_noun_bigram") and it_n == 0 and L.bigram(p.text.lower(), "it") > 0:
            nn = doc.next(n)
            if nn is not None and nn.text.lower() in ("is", "was", "has", "will", "would", "can", "to"):
                continue
            yield ctx.finding("M103", t.start, t.end, "the",
                              message=f"“it {nl}” unseen, “the {nl}” {the_n:,}: the source article read as a pronoun")


def have_ing(doc, ctx):
    """"have sitting" → "have been sitting": a perfect tense lost its "been"."""
    for t in doc.tokens:
        if t.text.lower() not in HAVE:
            continue
        n = doc.next(t)
        gap_ok = True
        k = 1
        while n is not None and n.text in "“”\"" and k < 3:
            k += 1
            n = doc.next(t, k)
        if not _word(n) or not n.text.islower() or not n.text.endswith("ing") or not gap_ok:
            continue
        nl = n.text
        if L.bigram(t.text.lower(), nl) == 0 and L.bigram("been", nl) >= _t("been_ing_bigram") and L.bigram("the", nl) < L.bigram("been", nl):
            yield ctx.finding("M104", n.start, n.start, "been ",
                              message=f"“{t.text.lower()} {nl}” unseen, “been {nl}” {L.bigram('been', nl):,}: "
                                      f"the perfect tense lacks 'been'")


def preposition_collocation(doc, ctx):
    """A verb followed by the preposition the source language uses: "engage to a series" → "engage in"."""
    for t in doc.tokens:
        if t.text != "to":
            continue
        p, n = doc.prev(t), doc.next(t)
        if not (_word(p) and _word(n)) or n.text.lower() not in ("a", "an", "the"):
            continue
        pl = p.text.lower()
        if not p.text.islower() or L.bigram(pl, "to") > 0 or L.zipf(pl) < _t("collocation_verb_zipf"):
            continue
        if L.bigram("to", pl) < _t("collocation_to_verb_bigram"):  # the word before is a verb (it follows "to" often)
            continue
        best, best_n = None, 0
        for c in ("in", "with", "on", "for"):
            cnt = L.bigram(pl, c)
            if cnt > best_n:
                best, best_n = c, cnt
        if best and best_n >= _t("collocation_bigram"):
            yield ctx.finding("K105", t.start, t.end, best,
                              message=f"“{pl} to” unseen, “{pl} {best}” {best_n:,}: the source's preposition")


ARTICLE_PREPS = {"on", "about", "for", "over", "regarding", "concerning"}


def missing_article(doc, ctx):
    """A preposition before a bare singular noun that English nearly always
    determines: "talks on situation in the north" → "on the situation"."""
    for t in doc.tokens:
        if t.text not in ARTICLE_PREPS:
            continue
        n = doc.next(t)
        if not _word(n) or not n.text.islower() or n.text.endswith("s"):
            continue
        nn = doc.next(n)
        if nn is None or nn.text not in ("in", "at", "between", "among", "around", "inside"):
            continue
        nl = n.text.lower()
        the_n, p_n = L.bigram("the", nl), L.bigram(t.text, nl)
        if the_n >= _t("article_noun_bigram") and the_n >= _t("missing_article_ratio") * max(p_n, 1) and L.bigram("a", nl) < the_n / 2:
            yield ctx.finding("M108", n.start, n.start, "the ",
                              message=f"“{t.text} {nl}” {p_n:,} against “the {nl}” {the_n:,}: the noun lacks its article")


# a country followed by one of these stands alone ("the Italy between October and ..."),
# unlike "the Germany of today" or "the Italy coach"
COUNTRY_PREPS = _fw("country_prepositions")
# countries that English names with an article
ARTICLE_COUNTRIES = _wc("article_countries")
TITLES = _wc("titles")


def _country_list(doc, and_tok, places) -> bool:
    """"the Spain and Portugal grew": a list of countries, not an attribute ("the Iraq and
    Afghanistan wars")."""
    if and_tok.text != "and":
        return False
    c = doc.next(and_tok)
    if c is None or c.text not in places:
        return False
    after = doc.next(c)
    return after is None or not after.is_word or not (after.text.islower() and after.text.endswith("s")
                                                      and after.text not in ("has", "was", "is", "says"))


def article_before_name(doc, ctx):
    """The source article before a country ("The Brazil announced", "la France", "il Brasile")
    or before a title and a name ("the president Macron" → "President Macron")."""
    from ..rules import gazetteer

    places = gazetteer("countries")
    for t in doc.tokens:
        if t.text not in ("the", "The"):
            continue
        n = doc.next(t)
        if not _word(n) or doc.gap(t, n) != " ":
            continue
        nn = doc.next(n)
        if n.text in places and n.text not in ARTICLE_COUNTRIES:
            # only where the country stands as a noun phrase of its own
            if nn is None or nn.text in (",", ".", ";", ":") or (nn.is_word and nn.text.islower() and (
                    nn.text in ("has", "have", "is", "was", "will", "would", "said", "says", "announced")
                    or nn.text.endswith("ed") or _country_list(doc, nn, places)
                    or nn.text in COUNTRY_PREPS
                    or (nn.text.endswith("s") and max(L.bigram(w, nn.text) for w in ("it", "he", "she")) >= _t("country_verb_bigram")))):
                repl = ""
                yield ctx.finding("M110", t.start, n.start, repl,
                                  message=f"English names '{n.text}' without an article")
            continue
        if n.text.lower() in TITLES and n.text.islower() and nn is not None and nn.is_word and \
                nn.text[:1].isupper() and nn.text[1:].islower() and doc.gap(n, nn) == " ":
            nnn = doc.next(nn)
            if nnn is not None and nnn.is_word and nnn.text[:1].isupper():
                pass  # "the president Emmanuel Macron": still a name
            if L.zipf(nn.text.lower()) >= _t("title_name_common_zipf"):
                continue  # "the minister Tuesday"? a common word, not a name
            title = n.text[0].upper() + n.text[1:]
            yield ctx.finding("M111", t.start, n.end, title,
                              message=f"English writes '{title} {nn.text}' without an article")


SUBJECT_OPENERS = {"the", "its", "their", "his", "her", "these", "those", "our", "all"}
NOT_FINITE = _fw("not_finite")
AUX_AFTER_THEY = {"are", "were", "have", "had", "will", "would", "can", "could", "must"}


def resumptive_they(doc, ctx):
    """A pro-drop source repeated the subject as "they": "The efforts of the government to
    reduce debt “without growth” they are doomed" → "… “without growth” are doomed".  Only
    where the sentence opens with a plural noun phrase and no finite verb stands before
    "they" (a word that often follows "they"/"it" and is not after "to" counts as a verb)."""
    for sent in doc.sentences:
        toks = doc.tokens_in(sent.start, sent.end)
        words = [t for t in toks if t.is_word]
        if len(words) < _t("they_min_words") or words[0].text.lower() not in SUBJECT_OPENERS:
            continue
        head = words[1]
        if not (head.text.islower() and head.text.endswith("s") and not head.text.endswith("ss")):
            continue
        for k, t in enumerate(toks):
            if t.text != "they" or k + 1 >= len(toks) or toks[k + 1].text not in AUX_AFTER_THEY:
                continue
            before = toks[:k]
            if any(x.text in (",", ";", ":", "(", "—", "–") for x in before):
                break
            finite = False
            for j, x in enumerate(before[2:], start=2):
                if not x.is_word:
                    continue
                xl = x.text.lower()
                if before[j - 1].text.lower() == "to":
                    continue
                if xl not in NOT_FINITE and L.bigram("they", xl) >= _t("they_verb_bigram"):
                    finite = True
                    break
                if (xl.endswith("s") and not xl.endswith("ss") and xl not in NOT_FINITE
                        and L.bigram("it", xl) >= _t("they_verb_bigram")
                        and L.bigram("they", xl[:-1]) >= _t("they_verb_bigram")):
                    finite = True  # a verb in the third person singular: "the structure suggests that they"
                    break
            if finite:
                break
            end = toks[k + 1].start
            yield ctx.finding("M114", t.start, end, "",
                              message="the subject is repeated as 'they' (the source language drops it); "
                                      f"the sentence's subject is “{words[0].text} {head.text} …”")
            break


DETECTORS = (missing_article, article_before_name, resumptive_they, lone_conjunction, son_as_verb, spanish_preterite, a_before_verb, from_calque,
             it_as_article, have_ing, preposition_collocation)


def detect(doc, ctx):
    for fn in DETECTORS:
        yield from fn(doc, ctx)


def _source_word(w: str, lang: str) -> bool:
    """A word of the source language ``lang`` that English uses far less (Zipf there at least
    ``source_phrase_min_zipf``, and ``source_phrase_margin`` above English's)."""
    lw = w.lower()
    z = L.zipf(lw, lang)
    return z >= _t("source_phrase_min_zipf") and z >= L.zipf(lw) + _t("source_phrase_margin")


def in_source_phrase(doc, t) -> bool:
    """The token stands among source-language words: of the word itself and up to three words on
    one side of it on its line, at least ``source_phrase_min_words`` and half are words of a source
    language: a title, a motto or a quotation the copy gives in that language ("La ciudad y los
    perros", "au fond, la tentative d'espionnage du Watergate"), kept as it is, not a word the MT left
    in an English sentence ("the ayuntamiento of Oviedo", "the mayor indagato for corruption").  The words
    counted are of one source language."""
    from ..langdata import wordlist as _wl

    langs = [lg for lg in _wl("romance", "accents", "languages") if _source_word(t.text, lg)]
    if not langs:
        return False
    need = int(_t("source_phrase_min_words"))
    for step in (-1, 1):  # the phrase opens or closes at the word ("WikiLeaks. au fond, la ...")
        window, q, k = [t], t, 0
        while k < 3:
            r = doc.prev(q) if step < 0 else doc.next(q)
            if r is None or "\n" in (doc.gap(r, q) if step < 0 else doc.gap(q, r)):
                break
            q = r
            if r.is_word:
                window.append(r)
                k += 1
        for lg in langs:  # the words of one language ("the mayor indagato": Spanish "mayor", Italian "indagato")
            n = sum(1 for w in window if _source_word(w.text, lg))
            if n >= need and 2 * n >= len(window):
                return True
    return False
