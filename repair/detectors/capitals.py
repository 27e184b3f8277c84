"""Detector: capitals — a content word wrongly capitalised inside a sentence.

C101 (case.py) covers closed-class words; this module covers the rest, each by evidence:

- C201  an inflected verb or adverb capitalised between two lowercase words ("the talks Ended
        on Monday", "he Strongly denied it"): its lowercase form and its stem are frequent English
        words, names do not inflect that way, and the document never writes it capitalised elsewhere
        in mid-sentence.
- C202  any other word capitalised between two lowercase words when news never writes it with a
        capital there: rules/lang/en/capitalised.yaml (``lower_seen``, learned by
        ``python -m repair.capitals_fit`` from the English news of ../shared/corpora/parallel/):
        "the talks were Very productive", "prices Rose again".

- C203  a word news never capitalises after an indefinite article, a possessive or a preposition
        ("of Dollars for", "a Total value", "their Passion for"): ``lower_after_function`` of
        rules/lang/en/capitalised.yaml (the same fit, that context); after "the", "this", ...,
        which name institutions, papers and unions ("the Advocate reports", "the Unite union"),
        only where the article writes the word in lowercase elsewhere, or where news never writes
        it capitalised standing alone after "the" (``lower_after_the``, fitted on lines that are no
        headline: "the Eve of", "in the World until", "The Operation was" at a sentence start, "an
        Hour-long"; not before "of" + a capital or a number: "the Class of 2018");
- C204  a word news never capitalises after a comma in mid-sentence ("in September, Companies
        produced"): ``lower_after_comma``; an inflected verb after a comma ("calmly, Remembering the");
        a verb of saying after a quotation ("nothing,” Said the mayor");
- C205  an auxiliary verb or a past form in -ed capitalised after a capitalised word with a lowercase
        word after it ("the Bank Has rejected", "IBM Were laid off", "Englund Discussed the"): names
        and titles do not go on that way (-ing and -ly do: "Peyton Manning said", "Ashley")
        (``auxiliaries`` of rules/lang/en/capitals.yaml; "Will", "May" and "Can" are names and are not there);
        also a finite verb form (an irregular one, a past in -ed, a third person in -s) that news never
        writes capitalised alone after a capitalised word (``lower_after_capital``: "Novák Won the
        ball", "Paclík Are eager"), unless the run of capitals follows a determiner, a preposition
        or a possessive ("the Data Team has": a body's name).

- C206  a word news writes capitalised in under 1% of its mid-sentence places, whatever stands
        around it (``lower_anywhere`` of rules/lang/en/capitalised.yaml, the same fit), capitalised
        in mid-sentence where the rules above do not judge it: before a capital or a comma ("was
        Killed Oct. 20", "were Reality, not"), after "the" ("the Expression of"), after a
        capitalised word ("Vicenová Expects.", "Swiss Shops such"), after the first word of a sentence
        ("He Claims that", "The Training takes"), after a comma or a bracket ("(TGD) Reacted
        calmly"): names, titles and bodies ("Court", "Bank", "World") are capitalised in news far
        more often than that.  Not where the article writes the capitalised form twice or more in
        mid-sentence and never in lowercase (its own name for something), nor in a Title Case run.

- C207  a preposition, conjunction, determiner or auxiliary (``after_name_lower`` of
        rules/lang/en/capitals.yaml) capitalised after a capitalised word ("Kelly Was at the
        rink", "Mandzukic From VfL", "UBS To my surprise", "Lyman Was 25") where no title can be
        running: a title capitalises its next content word, so the words after it, past the small
        words Title Case keeps lowercase, must reach a lowercase word ("Such Is Life", "Bank Of America",
        "Gone With the Wind" stay); not wh-words ("Doctor Who is"), never in a headline-style line.

Never at a sentence start, after a colon, quote, dash, bracket or bullet (the previous token must be
a lowercase word one space away), never after a determiner, preposition or title (a name or an
institution: "the Court", "in Reading") but by the lists above, never in a headline-style line (most
long words capitalised, and fewer than three other lowercase words of four letters or more besides
the small words Title Case keeps lowercase), never in a run of capitals,
never for a country or nationality.  Words and thresholds: rules/lang/en/capitals.yaml,
rules/lang/thresholds.yaml (capitals).
"""

from __future__ import annotations

import re

from .. import lexicon as L
from ..langdata import value, wordlist, words
from .case import _headline_line


def _stem_ok(lw: str, ending: str, min_z: float) -> bool:
    stem = lw[: -len(ending)]
    cands = {stem}
    if ending in ("ed", "ing"):
        cands |= {stem + "e"} | ({stem[:-1]} if len(stem) > 2 and stem[-1] == stem[-2] else set())
    if ending == "ly" and stem.endswith("i"):
        cands.add(stem[:-1] + "y")
    return any(len(c) >= 3 and L.zipf(c) >= min_z for c in cands)


def _head(w: str):
    """The word a token stands for: "Hour-long" -> "Hour", "Match's" -> "Match" (a lowercase tail
    after a hyphen or an apostrophe); the token itself when it has no such tail; None for
    "Rolls-Royce"-style tokens (the tail capitalised: a name).  Only hyphenated heads are judged."""
    m = re.match(r"([^\W\d_]+)([’'-])(.+)$", w)
    if not m:
        return w
    return m.group(1) if (m.group(3).islower() and m.group(3).isalpha()) else None


def _finite_verb(lw: str, irregular) -> bool:
    """A finite verb form by its shape: an irregular one ("won", "says"), a past in -ed of a
    frequent stem, or a third person in -s whose past in -ed is a frequent word, about as frequent
    as the -s form ("believes"/"believed", "argues"/"argued"; not "hearts"/"hearted", "partners"/"partnered").
    Singular nouns and adjectives ("Team", "National") end names; these do not."""
    if lw in irregular:
        return True
    if lw.endswith("ed"):
        return _stem_ok(lw, "ed", 3.5)
    if lw.endswith("s") and not lw.endswith("ss"):
        base = lw[:-3] + "y" if lw.endswith("ies") else lw[:-1]
        past = (base[:-1] + "ied") if base.endswith("y") else (base + "d" if base.endswith("e") else base + "ed")
        return L.zipf(past) >= max(3.5, L.zipf(lw) - 0.3)  # "believed" as frequent as "believes";
    return False  # not "hearted" beside "hearts", "partnered" beside "partners"


def _name_of(doc, n, skip=frozenset()) -> bool:
    """``n`` is "of" (or "for") before a capital or a number: "the Class of 2018", "the Battle of Britain"
    (past a word of ``skip``: "the Agent of the Public Ministry")."""
    if n is None or n.text not in ("of", "for"):
        return False
    nn = doc.next(n)
    if nn is not None and nn.text in skip:
        nn = doc.next(nn)
    return nn is not None and nn.is_word and (nn.text[:1].isupper() or nn.text[:1].isdigit())


def _run_after_function(doc, p, before) -> bool:
    """The run of capitals ending at ``p`` follows a determiner, a preposition or a possessive:
    a title or a body ("the Data Team has", "of the State Government accounted"), not a person."""
    q = p
    for _ in range(6):
        r = doc.prev(q)
        if r is None:
            return False
        if r.is_word and r.text[:1].isupper() and not doc.is_sentence_start(q):
            q = r
            continue
        return (r.is_word and r.text.lower() in before) or r.text.endswith(("'s", "’s"))
    return True


def _few_lowercase(rest: str, small) -> bool:
    """Title Case leaves only small words in lowercase: a line with three or more other lowercase
    words of four letters or more ("therefore", "unacceptable", "become") is a sentence full of
    names, no headline."""
    return len([w for w in re.findall(r"\b[a-z][a-z’'-]{3,}", rest) if w not in small]) < 3


def _after_initialism(doc, t) -> bool:
    """``t`` follows a dotted initialism ("the U.S. Corps", "a U.K. Court"): the period is the
    abbreviation's, so the capital may be a name's, not a sentence's."""
    p = doc.prev(t)
    if p is None or p.text != "." or doc.gap(p, t) != " ":
        return False
    q = doc.prev(p)
    r = doc.prev(q) if q is not None else None
    return (q is not None and q.is_word and len(q.text) == 1 and q.text.isupper() and doc.gap(q, p) == ""
            and r is not None and r.text == "." and doc.gap(r, q) == "")


def _capital_word(doc, t) -> bool:
    return t is not None and t.is_word and t.text[:1].isupper() and (
        not doc.is_sentence_start(t) or _after_initialism(doc, t))


def _named_join(doc, n, nn, named_joiners, lower_words) -> bool:
    """A run of capitals joined through "in", "to", "on" or "at" ("the People in Need Foundation"):
    only where the capital after the joiner is a word news writes in lowercase and another capital
    follows it, a title's words, not a place or a day ("the Meeting in Madrid", "ended on Monday")."""
    if n.text not in named_joiners or not _capital_word(doc, nn) or nn.text.lower() not in lower_words:
        return False
    return _capital_word(doc, doc.next(nn))


def _in_title_run(doc, t, title_lower, joiners, left=True) -> bool:
    """The word stands in a run of capitals joined by the small words Title Case keeps lowercase:
    "Need for Speed", "Queen of the Police", "the Code of Conduct", "Sales, Marketing, and Strategy"
    (to the right only through ``joiners``: "ended on Monday" is no title; through "in", "to", "on",
    "at" only into a run of two capitals that are no place: "the People in Need Foundation")."""
    n = doc.next(t)
    if n is not None and n.is_word and n.text in joiners:
        nn = doc.next(n)
        if nn is not None and nn.text in title_lower:
            nn = doc.next(nn)
        if _capital_word(doc, nn):
            return True
    if joiners and n is not None and n.is_word and _named_join(
            doc, n, doc.next(n), words("en", "capitals", "title_joiners_named"), words("en", "capitalised", "lower_anywhere")):
        return True
    if not left:
        return False
    p = doc.prev(t)
    for _ in range(3):
        if p is None:
            return False
        if p.text in title_lower or p.text == ",":
            p = doc.prev(p)
            continue
        return p is not doc.prev(t) and _capital_word(doc, p)
    return False


def _name_context(doc, t, p, n, particles, name_heads, openers) -> bool:
    """Places where a capital is a name or a title whatever the word: before a noun a name
    modifies ("Time magazine", "the Total refinery"), after a word that introduces a name or a title
    ("the magazine Time", "a function called Recommendations", "titled Praise of"), after a particle
    that carries a name on ("Frankfurt am Main"), or inside a quoted title whose words are mostly
    capitalised ("Not as Good as You Think")."""
    if n is not None and n.is_word and n.text in name_heads and doc.gap(t, n) == " ":
        return True
    if p is not None and p.is_word and p.text.lower() in openers:
        return True
    if p is not None and p.is_word and p.text in particles:
        pp = doc.prev(p)
        if pp is not None and pp.is_word and pp.text[:1].isupper():
            return True
    return _quoted_title(doc.text, t)


_OPEN_Q, _CLOSE_Q = "“\"‘«", "”\"’»"


def _quoted_title(text: str, t) -> bool:
    """``t`` stands between quotation marks on its line, and most of the quoted words of four
    letters or more are capitalised: a title ("Not as Good as You Think: Why the Middle Class")."""
    line_s = text.rfind("\n", 0, t.start) + 1
    line_e = text.find("\n", t.end)
    line_e = len(text) if line_e < 0 else line_e
    o = max(text.rfind(q, line_s, t.start) for q in _OPEN_Q)
    if o < 0:
        return False
    if text[o] == '"' and text[line_s:o].count('"') % 2:
        return False  # a straight mark that closes a quotation
    c = min((i for i in (text.find(q, t.end, line_e) for q in _CLOSE_Q) if i >= 0), default=-1)
    if c < 0:
        return False
    inner = [w for w in re.findall(r"[A-Za-z][A-Za-z’'-]*", text[o + 1:c]) if len(w) > 3]
    return len(inner) >= 3 and sum(w[0].isupper() for w in inner) >= 0.6 * len(inner)


def _title_case_start(doc, t) -> bool:
    """The sentence so far is all capitalised words, two or more ("Iranian Students Are Prepared to
    Die"): a headline run into the text, whose capitals are no damage."""
    n = 0
    p = doc.prev(t)
    while p is not None:
        if p.is_word:
            if not (p.text[:1].isupper() or p.text.isdigit()):
                return False
            n += 1
        if doc.is_sentence_start(p):
            return n >= 2
        p = doc.prev(p)
    return n >= 2


def detect(doc, ctx):
    on1, on2 = ctx.enabled("C201"), ctx.enabled("C202")
    on3, on4, on5 = ctx.enabled("C203"), ctx.enabled("C204"), ctx.enabled("C205")
    on6 = ctx.enabled("C206")
    if not (on1 or on2 or on3 or on4 or on5 or on6 or ctx.enabled("C210")):
        return []
    from .case import _words as _closed_class
    from ..rules import gazetteer

    before = words("en", "capitals", "name_before")
    endings = wordlist("en", "capitals", "verb_endings")
    min_inf = float(value("capitals", "inflected_min_zipf"))
    min_stem = float(value("capitals", "stem_min_zipf"))
    min_len = int(value("capitals", "min_letters"))
    min_len_seen = int(value("capitals", "seen_min_letters"))
    after_function = words("en", "capitalised", "lower_after_function")
    after_comma = words("en", "capitalised", "lower_after_comma")
    aux = words("en", "capitals", "auxiliaries")
    reporting = words("en", "glue", "reporting")
    title_lower = words("en", "capitals", "title_lowercase")
    joiners = words("en", "capitals", "title_joiners")
    place_preps = words("en", "capitals", "place_prepositions")
    bare_place = words("en", "capitals", "bare_name_prepositions")
    open_before = words("en", "capitals", "common_noun_before")
    number_words = words("en", "capitals", "number_words")
    gaz = gazetteer()
    the_words = words("en", "capitals", "the_words")
    title_small = words("en", "capitals", "title_small_words")
    particles = words("en", "glue", "name_particles") | words("en", "capitals", "name_particles")
    after_the = words("en", "capitalised", "lower_after_the")
    anywhere = words("en", "capitalised", "lower_anywhere")  # (before . ; : only these: "the Judiciary." stays)
    after_capital = words("en", "capitalised", "lower_after_capital")
    irregular = words("en", "capitals", "irregular_finite") | aux
    name_heads = words("en", "capitals", "name_heads")
    openers = words("en", "capitals", "title_openers")

    def _inflected(lw, ends):
        return len(lw) >= min_len and L.zipf(lw) >= min_inf and any(
            lw.endswith(e) and len(lw) - len(e) >= 3 and _stem_ok(lw, e, min_stem) for e in ends)

    coord = words("en", "capitals", "coordinators")
    lower_seen = words("en", "capitalised", "lower_seen")
    closed = _closed_class(ctx.by_id.get("C101")) if ctx.enabled("C101") else frozenset()
    text = doc.text
    toks = doc.tokens
    lower_mid, cap_mid = {}, {}
    cands, short = [], []
    for t in toks:
        if not t.is_word:
            continue
        w = t.text
        if w.islower():
            lower_mid[w] = lower_mid.get(w, 0) + 1
            continue
        hw = _head(w)
        if on6 and len(w) == 2 and w.isalpha() and w[0].isupper() and w[1].islower() and not doc.is_sentence_start(t):
            cap_mid[w] = cap_mid.get(w, 0) + 1
            short.append(t)  # "rolling Up the": two-letter words are C206's alone
            continue
        if hw is None or (len(hw) < min_len_seen and hw.lower() not in aux) or not (
                hw[0].isupper() and hw[1:].islower() and hw.isalpha()):
            continue
        if doc.is_sentence_start(t):
            continue
        cap_mid[w] = cap_mid.get(w, 0) + 1
        cands.append(t)
    out = []
    for t in cands:
        w = t.text
        tail = w != _head(w)  # "Hour-long": the head word is judged, the tail is lowercase
        if tail and "-" not in w:
            continue  # "the Opposition's not going to vote": a body, and "'s" may be "is"
        if tail:
            if cap_mid[w] > 1 or cap_mid.get(_head(w), 0) or _head(w) in gaz:
                continue
            w = _head(w)
        lw = w.lower()
        if cap_mid[t.text] > 1 or w in gaz:
            continue
        p, n = doc.prev(t), doc.next(t)
        if p is None or n is None or lw in closed:
            continue  # closed-class words are C101's
        if doc.gap(p, t) != " ":
            continue
        n_low = (n.is_word and n.text.islower() and doc.gap(t, n) == " ") or (
            tail and "-" in t.text and not (n.is_word and n.text[:1].isupper()))  # "an Hour-long “20/20” special"
        # or punctuation that ends a clause ("no Doubts:", "his future Colleagues."), but not a comma:
        # a name or a role is set off by commas ("club Manager, Tomáš Paclík", "leaders Hearts, who")
        n_punct = not tail and (not n.is_word and n.text in ".;:" and doc.gap(t, n) == ""
                   and text[n.end:n.end + 1] in ("", " ", "\n"))
        # a comma after it only for a finite verb after a lowercase word ("to be Passed, which",
        # "the lawsuit Says, “This"): names and roles set off by commas are nouns
        n_comma = (not tail and n.text == "," and doc.gap(t, n) == "" and p.is_word and p.text.islower()
                   and p.text not in before and lw in lower_seen and _finite_verb(lw, irregular))
        if n_comma:
            n_punct = True
        if not (n_low or n_punct) or n.text in particles:
            continue  # (a name goes on with a particle: "the Place de la République", "Costa del Sol")
        if _name_context(doc, t, p, n, particles, name_heads, openers):
            continue
        rule = None
        p_num = p.is_word and p.text.isdigit()
        if (p.is_word and p.text.islower() and p.text.isalpha()) or p_num:
            pp = doc.prev(p)
            if p.text in before:
                # "the Court", "in Reading": only words news never capitalises there; after "the",
                # "this", ... (which name papers, unions, bodies) only where the article itself
                # writes the word in lowercase
                if on3 and lw in after_function and (p.text in open_before or lower_mid.get(lw)) and not (
                        _capital_word(doc, pp)
                ) and not (p.text in place_preps and lw.endswith("ing")) and not (  # "in Reading", "near Ealing"
                        p.text in bare_place and not lw.endswith("s") and not lower_mid.get(lw)):
                    # (a singular noun bare after "in"/"on"/"via" that the article never writes in
                    # lowercase is a place, a platform or a product: "a post on Medium", "in Slack")
                    rule = "C203"  # (after a capital: a title or a name runs on, "Minister of Finance")
                elif on2 and lw in aux and n_low:
                    rule = "C202"  # "that Would be"
                elif on3 and p.text in the_words and lw in after_the and (n_low or (n_punct and not n_comma and lw in anywhere)) and not (
                        n_low and _name_of(doc, n)) and not _capital_word(doc, pp):
                    rule = "C203"  # "the Eve of", "in the World until": never a name alone after "the"
            elif p.text in coord and pp is not None and pp.is_word and pp.text[:1].isupper():
                continue  # a capitalised pair: "Consumers and Goods"
            elif on1 and not p_num and n_low and _inflected(lw, endings):
                rule = "C201"
            elif on2 and lw in lower_seen and (n_low or not p_num) and not (
                    p.text in number_words and lw.endswith("s")):
                rule = "C202"  # after a number only before a lowercase word: "220 Billion dollars"
                # (a unit after a number word keeps the translator's capital: "15 thousand Crowns")
        elif p.text == "," and on4 and n_low:
            pp = doc.prev(p)
            if pp is not None and pp.is_word and doc.gap(pp, p) == "" and (
                    (lw in after_comma and (pp.text.islower() or pp.text.isdigit()))
                    or (n.text not in coord and _inflected(lw, ("ed", "ing")))):
                rule = "C204"  # "in September, Companies produced", "calmly, Remembering the"
        elif (on4 and p.text in "”’\"" and n_low and lw in reporting
              and doc.prev(p) is not None and doc.prev(p).text in ",?!"):
            rule = "C204"  # a verb of saying after a quotation: "nothing,” Said the mayor"
        elif (on3 and p.is_word and p.text.lower() in the_words and p.text[:1].isupper()
              and doc.is_sentence_start(p) and lw in after_the and n_low and not _name_of(doc, n)
              and (doc.prev(p) is None or doc.prev(p).text in ".!?" or "\n" in doc.gap(doc.prev(p), p))):
            # (not after a colon or a quotation mark: a title may open there, "Need for Speed: The Run")
            rule = "C203"  # a sentence start: "The Operation was kept secret"
        elif (on5 and p.is_word and p.text[:1].isupper() and n_low and not doc.is_sentence_start(p)
              and lw in after_capital and _finite_verb(lw, irregular) and n.text not in joiners and n.text not in coord
              and not (n.text in title_lower and _capital_word(doc, doc.next(n)))
              and not _run_after_function(doc, p, before)):
            rule = "C205"  # "Paclík Are eager", "Voráček Won the": names do not end so
        elif (on5 and p.is_word and p.text[:1].isupper() and n_low and (
                (lw in aux and n.text not in title_lower)
                or (_inflected(lw, ("ed",)) and lw in lower_seen  # not "Manchester United"
                    and n.text not in joiners and n.text not in coord))):
            rule = "C205"  # "the Bank Has rejected", "Englund Discussed the" (no name ends so)
        if rule is None:
            continue
        if rule != "C205" and _in_title_run(doc, t, title_lower, joiners, left=rule != "C204"):
            continue
        if rule == "C205" and _title_case_start(doc, t):
            continue
        if _title_line_around(text, t, title_small):
            continue  # a Title Case line (the word itself aside; a sentence full of names has lowercase words)
        out.append(ctx.finding(rule, t.start, t.start + 1, w[0].lower()))
    if on6:
        done = {f.start for f in out}
        out.extend(_anywhere(doc, ctx, [t for t in cands if t.start not in done] + short, cap_mid, lower_mid,
                             gaz, closed, title_lower, particles, before, after_function, irregular,
                             lower_seen))
    if ctx.enabled("C207"):
        done = {f.start for f in out}
        out.extend(f for f in _after_name(doc, ctx, words("en", "capitals", "after_name_lower"), title_small)
                   if f.start not in done)
    if ctx.enabled("C210"):
        done = {f.start for f in out}
        out.extend(f for f in _never(doc, ctx, cap_mid, lower_mid, gaz, title_lower, title_small, closed)
                   if f.start not in done)
    return out


# the token before a capital C210 judges: a word, a number, or a mark inside a clause (not one that
# may open a sentence, a quotation, a title or a list item)
_CLAUSE_MARKS = frozenset(",;")  # (not ")": "1) To preserve" opens a list item)
# the token after it: a lowercase word, or a mark that may follow a word in running text
_AFTER_MARKS = frozenset(",.;:!?)'’”\"")


def _never(doc, ctx, cap_mid, lower_mid, gaz, title_lower, small, closed):
    """C210: a word news never writes capitalised in mid-sentence (``lower_never`` of
    rules/lang/en/capitalised.yaml: seen 50+ times there, capitalised in at most 0.1% of them and
    never alone after "the" or a capitalised word), capitalised in mid-sentence wherever it stands:
    after a determiner or a preposition ("the Training takes", "To Date,"), after the first word of
    a sentence ("The Overnight hours"), after a comma, before a comma or a quotation mark ("had Been,
    for years", "has Been 'disqualified").
    Not where a capitalised word follows (a title or a name runs on: "the Killing Fields"; but a
    participle in -ed after an auxiliary, before a lone capital: "was Killed Oct. 20"), not
    after a colon, a quotation mark, a dash or an opening bracket (a title may open there), nor
    in a Title Case line or run, nor where the article writes the capitalised form twice or more
    and never in lowercase (its own name for something)."""
    never = words("en", "capitalised", "lower_never")
    pronoun_aux = (words("en", "function-words", "subject_pronouns") | words("en", "capitals", "auxiliaries")) - {
        "i", "there", "this", "that", "these", "those"}
    names = _name_parts(doc, ctx)
    auxiliaries = words("en", "capitals", "passive_auxiliaries")
    number_words = words("en", "capitals", "number_words")
    the_words = words("en", "capitals", "the_words")
    joiners = words("en", "capitals", "title_joiners")
    openers = (words("en", "function-words", "subject_pronouns") | words("en", "function-words", "noun_determiners")
               | words("en", "capitals", "name_before"))
    text = doc.text
    out = []
    for t in doc.tokens:
        w = t.text
        if not t.is_word or len(w) < 2 or not w[0].isupper():
            continue
        hw = _head(w)
        if hw is None or not (hw.isalpha() and hw[1:].islower()):
            continue
        lw = hw.lower()
        if lw not in never or lw in closed or hw in gaz or w in gaz or doc.is_sentence_start(t):
            continue  # (closed-class words are C101's)
        if hw != w:
            continue  # "Momentum's", "Solid's": a body's possessive; "Toll-like receptor": a name's compound
        if cap_mid.get(w, 0) > 1 and not lower_mid.get(lw):
            continue
        p, n = doc.prev(t), doc.next(t)
        if p is None or doc.gap(p, t) != " ":
            continue
        if w in names:
            continue  # the second word of a name the article writes ("Matt Read")
        if n is not None and "\n" not in doc.gap(t, n):
            if n.is_word and not n.text[:1].islower() and not (
                    lw.endswith("ed") and p.is_word and p.text in auxiliaries and not _capital_word(doc, doc.next(n))):
                continue  # "the Killing Fields": a capital runs on (but a participle after an auxiliary
                # before a date or a name: "Gaddafi was Killed Oct. 20", "were Arrested Monday")
            if not n.is_word and (n.text not in _AFTER_MARKS or (n.text in "'’" and doc.gap(t, n) == "")):
                continue  # ("Hearts' coaching staff": a possessive)
            if n.text == "," and lw.endswith("s"):
                continue  # "face leaders Hearts, who": a club or a body set off by commas
        if p.is_word and p.text.lower() in the_words and not lower_mid.get(lw) and not (
                n is not None and n.is_word and doc.gap(t, n) == " " and n.text in pronoun_aux):
            continue  # "the Unite union", "the Selection, with", "the Read codes": bodies and
            # systems are named by common words; only where the article writes the word in lowercase,
            # or where a pronoun or an auxiliary follows, which no name's head noun is ("The Closer we get")
        if p.is_word and p.text[:1].isupper():
            pp = doc.prev(p)
            if not (doc.is_sentence_start(p) and (pp is None or pp.text in ".!?" or "\n" in doc.gap(pp, p))
                    and p.text.lower() in openers):
                continue  # after a sentence's first word only, a function word ("To Date,", "On
                # Cue,"); not after a name ("Matt Read", "Traffic Flow is"), a quotation mark or a colon
        elif p.is_word and lw.endswith("s") and (p.text in number_words or (
                p.text == "of" and doc.prev(p) is not None and doc.prev(p).text in number_words)):
            continue  # a unit after a number word keeps the translator's capital: "15 thousand Crowns",
            # "millions of Crowns"
        elif not (p.is_word or p.text in _CLAUSE_MARKS):
            continue
        if _in_title_run(doc, t, title_lower, joiners, left=True):
            continue  # "the Diagnosis and Treatment Guidelines", "the Founder and Director of", "Degree of JUDr"
        if _title_case_start(doc, t) and not doc.is_sentence_start(p):
            continue
        if _title_line_around(text, t, small):
            continue
        out.append(ctx.finding("C210", t.start, t.start + 1, w[0].lower()))
    return out


def _no_title_after(doc, t, small) -> bool:
    """The words after ``t`` reach a lowercase word past the small words Title Case keeps lowercase
    (a title would capitalise it): "Was at the rink" yes, "Is Life", "Of America", "With the Wind" no."""
    n = doc.next(t)
    if n is None or not n.is_word or doc.gap(t, n) != " " or not n.text[:1].islower():
        return False
    for _ in range(4):
        if not (n.text in small or n.text in words("en", "capitals", "title_lowercase")):
            return n.text.isalpha() and n.text.islower()
        nn = doc.next(n)
        if nn is None or not nn.is_word or "\n" in doc.gap(n, nn):
            return False
        if not nn.text[:1].islower():
            return False
        n = nn
    return False


def _after_name(doc, ctx, closed, small):
    """C207 (see the module docstring)."""
    wh = words("en", "capitals", "wh_words")
    text = doc.text
    out = []
    for t in doc.tokens:
        w = t.text
        if not t.is_word or len(w) < 2 or not (w[0].isupper() and w[1:].islower() and w.isalpha()):
            continue
        if doc.is_sentence_start(t):
            continue
        p = doc.prev(t)
        if p is None or not p.is_word or doc.gap(p, t) != " " or not p.text[:1].isupper():
            continue
        lw = w.lower()
        n = doc.next(t)
        rule = None
        if doc.is_sentence_start(p):
            continue  # "I Want", "He Claims": C206's
        run, q = 1, p
        while True:
            r = doc.prev(q)
            if r is None or not r.is_word or not r.text[:1].isupper() or doc.gap(r, q) != " ":
                break
            run, q = run + 1, r
        r = doc.prev(q)
        if run > 2 or (r is not None and r.text in ":“\"‘«(—–-"):
            continue  # a title runs: "Nim Chimpsky: The Chimp Who Would be Human"
        if lw in closed and lw not in wh and re.fullmatch(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*", p.text):
            if _no_title_after(doc, t, small):
                rule = "C207"
            elif (n is not None and n.is_word and n.text.isdigit() and doc.gap(t, n) == " "
                  and lw in words("en", "capitals", "auxiliaries")):
                rule = "C207"  # "Lyman Was 25"
        if rule is None:
            continue
        if _title_line_around(text, t, small):
            continue
        out.append(ctx.finding(rule, t.start, t.start + 1, w[0].lower()))
    return out


# the token before a capital that may open a sentence, a quotation, a title or a list item
_NOT_MID = frozenset(".!?:\"“”«»([{—–-‘’'•*…|/")


def _anywhere(doc, ctx, cands, cap_mid, lower_mid, gaz, closed, title_lower, particles, before,
              after_function, irregular, lower_seen):
    """C206: the learned ``lower_anywhere`` words, in the places the other rules leave alone; the
    next token a lowercase word or (after a lowercase word that is no determiner, or a number) a
    clause mark, never a capital: names and titles run on in capitals ("the Sanitation Department",
    "Nobel Prize", "Joint Strike Fighter"); after a capitalised word in mid-sentence only a finite
    verb before a clause mark ("Vicenová Expects.": no name ends so)."""
    anywhere = words("en", "capitalised", "lower_anywhere")
    joiners = words("en", "capitals", "title_joiners")
    the_words = words("en", "capitals", "the_words")
    number_words = words("en", "capitals", "number_words")
    small = words("en", "capitals", "title_small_words")
    openers = words("en", "function-words", "subject_pronouns") | words("en", "function-words", "noun_determiners")
    short_min = float(value("capitals", "short_word_min_zipf"))
    never = words("en", "capitalised", "lower_never")  # (C210 judges those before a comma)
    names = _name_parts(doc, ctx)
    text = doc.text
    out = []
    for t in cands:
        w = t.text
        if not w.isalpha():
            continue  # "Hour-long", "Match's": the other rules judge heads and tails
        lw = w.lower()
        if lw not in anywhere or lw in closed or w in gaz or (len(lw) < 3 and L.zipf(lw) < short_min):
            continue  # (closed-class words are C101's; "Re", "Th" are no words of their own)
        if cap_mid.get(w, 0) > 1 and not lower_mid.get(lw):
            continue  # the article's own name for something: "the Training" twice, never "training"
        p, n = doc.prev(t), doc.next(t)
        if w in names and not (p is not None and p.is_word and p.text[:1].isupper()):
            continue  # "by Matt Read who ... and Read went on": the same person
        if p is None or n is None or doc.gap(p, t) != " " or "\n" in doc.gap(t, n):
            continue
        n_low = n.is_word and n.text.islower() and doc.gap(t, n) == " " and n.text not in particles
        n_punct = (not n.is_word and n.text in ".,;:" and doc.gap(t, n) == ""
                   and text[n.end:n.end + 1] in ("", " ", "\n"))
        if p.is_word and p.text.islower() and p.text.isalpha():
            if p.text in number_words and lw.endswith("s"):
                continue  # a unit after a number word keeps the translator's capital: "15 thousand Crowns"
            if p.text in the_words and not lower_mid.get(lw) and not (
                    n_low and n.text in before and n.text not in the_words and not _name_of(doc, n)
                    and not _name_of(doc, n, skip=the_words)):
                continue  # "the Advocate reports", "the Unite union": papers and bodies are named by
                # common words; only where the article writes the word in lowercase elsewhere, or before
                # a preposition ("the Expression of an", "the Entrance into"; not "the Class of 2018")
            if p.text in before and p.text not in the_words and not (lw in after_function or lower_mid.get(lw)):
                continue  # "millions of Crowns on": after a preposition the fitted list of that place decides
            if not (n_low or (n_punct and (n.text != "," or (not lw.endswith("s") and lw not in never and _clause_goes_on(doc, n)))
                              and p.text not in the_words)):
                continue  # "leaders Hearts, who": a club or a body set off by commas (a singular word of
                # the list before a comma is damage: "his models were Reality,” says", "at one Point, a")
        elif p.is_word and p.text.isdigit():
            if not (n_low or n_punct):
                continue  # "fell 1.3 Percent."
        elif p.is_word and p.text[:1].isupper() and doc.is_sentence_start(p):
            pp = doc.prev(p)
            if p.text.lower() not in openers:
                continue  # "Humble Bundle gives", "Omsk Metropolitan urged": a name opens the sentence
            if not n_low or not (pp is None or pp.text in ".!?" or "\n" in doc.gap(pp, p)):
                continue  # "He Claims that", "The Training takes"; not "The End or Just Breathe", nor
                # after a colon or a quotation mark, where a title opens ("Need for Speed: The Run takes")
            if p.text.lower() in the_words and not lower_mid.get(lw) and not (
                    n.text in before and n.text not in the_words and not _name_of(doc, n, skip=the_words)):
                continue  # "The Unite union convenor": as after "the" in mid-sentence
        elif p.is_word and p.text[:1].isupper():
            if not (n_punct and n.text != "," and lw in lower_seen and not lw.endswith("ed")
                    and p.text not in gaz and _finite_verb(lw, irregular) and not _run_after_function(doc, p, before)):
                continue  # "Vicenová Expects.": a name does not end in a finite verb (but in "Limited",
                # "United"; "Czech Crowns." is a currency, "in Patriotic Notes." a title)
        elif p.text in ",;)":
            if not n_low:
                continue  # "worse, Earnings of", "(TGD) Reacted calmly"
            if p.text == ")" and _list_marker(doc, p):
                continue  # "(1) Recording of cases", "b) Extension of": a capital opens a list item
            if p.text == ")":
                o = text.rfind("(", 0, p.start)
                if o >= 0 and "\n" not in text[o:p.start] and text[:o].rstrip(" \t")[-1:] in (".", "!", "?"):
                    continue  # "said. (Follow us on X) Work started": the bracket stands between sentences
        else:
            continue
        if _name_context(doc, t, p, n, particles, words("en", "capitals", "name_heads"),
                         words("en", "capitals", "title_openers")):
            continue
        nn = doc.next(n)
        if n_low and nn is not None and nn.is_word and nn.text[:1].isupper() and n.text not in small and not (
                (n.text in title_lower or n.text in before) and nn.text in gaz):
            continue  # a title in the running text: "the Obesity is No Accident", "of Need for Speed"
            # (a country or nationality explains its own capital: "Earnings of Czech bonds")
        if _in_title_run(doc, t, title_lower, frozenset(), left=True):
            continue  # to the left only: a word news never capitalises opens no name ("Earnings of Czech")
        if _title_tail(doc, n, title_lower, joiners):
            continue  # ... but a title that goes on in two capitals: "the special Wonders of the Ancient World"
        if _title_case_start(doc, t) and not doc.is_sentence_start(p):
            continue  # "Iranian Students Are Prepared": a headline run into the text
        if _title_line_around(text, t, small):
            continue
        out.append(ctx.finding("C206", t.start, t.start + 1, w[0].lower()))
    return out


def _clause_goes_on(doc, comma) -> bool:
    """After ``comma`` the clause goes on in lowercase or a quotation closes ("at one Point, a piece",
    "were Reality,” says"), not a list of names or titles ("broadcasts such as Border, Little Mosque")."""
    nn = doc.next(comma)
    return nn is not None and ((nn.is_word and nn.text.islower()) or nn.text in "”’\"")


def _title_tail(doc, n, title_lower, joiners) -> bool:
    """After the word, a joiner ("of", "for", "and"), perhaps "the", then two capitals in mid-sentence:
    the word opens a title ("Wonders of the Ancient World"); one capital before a lowercase word is a
    name the word's phrase holds ("Earnings of Czech bonds")."""
    if n is None or not n.is_word or n.text not in joiners:
        return False
    nn = doc.next(n)
    if nn is not None and nn.text in title_lower:
        nn = doc.next(nn)
    return _capital_word(doc, nn) and _capital_word(doc, doc.next(nn)) and doc.gap(nn, doc.next(nn)) == " "


_ENUMERATOR = re.compile(r"(?:\d{1,2}|[A-Za-z]|[ivxIVX]{2,4})\Z")


def _list_marker(doc, p) -> bool:
    """The closing bracket ``p`` ends a list enumerator: "(1)", "(b)", "(iv)", or "2)", "b)" at the start
    of a line, after a clause mark or after "and"/"or"."""
    q = doc.prev(p)
    if q is None or doc.gap(q, p) != "" or not _ENUMERATOR.match(q.text):
        return False
    o = doc.prev(q)
    if o is None or "\n" in doc.gap(o, q):
        return True
    if o.text == "(" and doc.gap(o, q) == "":
        return True
    return o.text in ",;:." or o.text in ("and", "or")


def _name_parts(doc, ctx) -> frozenset:
    """The capitalised words the article writes right after another capitalised word in
    mid-sentence ("by Matt Read who"): the second word of a name, so a lone "Read" elsewhere in the
    article ("and Read went on") is that person, not a word to lowercase (C206, C210)."""
    key = ("capitals.name_parts", id(doc))
    got = ctx.cache.get(key)
    if got is None:
        got = set()
        for t in doc.tokens:
            w = t.text
            if not (t.is_word and len(w) > 1 and w[0].isupper() and w[1:].islower() and w.isalpha()):
                continue
            p = doc.prev(t)
            if (p is not None and p.is_word and doc.gap(p, t) == " " and p.text[:1].isupper()
                    and p.text[1:].islower() and p.text.isalpha() and not doc.is_sentence_start(p)):
                got.add(w)
        got = ctx.cache[key] = frozenset(got)
    return got


def _title_line_around(text: str, t, small) -> bool:
    """The line of token ``t``, the token itself left out, is a Title Case line (a headline), not a
    sentence full of names (which has lowercase words)."""
    line_s = text.rfind("\n", 0, t.start) + 1
    line_e = text.find("\n", t.end)
    line_e = len(text) if line_e < 0 else line_e
    rest = text[line_s:t.start] + " " + text[t.end:line_e]
    return _headline_line(rest, 0, len(rest)) and _few_lowercase(rest, small)
