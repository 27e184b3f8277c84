"""Detector: accents — words whose accented letters were DROPPED ("Gonzlez", "Mxico",
"Garca", French "prsident").

A damaged word is an unknown English word that becomes a well-attested word of a source
language (wordfreq's Spanish, Portuguese, French and Italian lists, offline) when its lost
accented letters are put back.  The lookup goes through an index of every attested accented
source word under its form with the accented letters removed (all of them, or any one),
built once per machine beside the lexicon index.

- N201  restored from the article's own spelling of the word ("Peñalver" ... "Pealver"), else
        restored when exactly one well-attested source word matches (or one dominates by a
        clear margin); English exonyms and English words take their English spelling where
        English evidence prefers the plain form ("Mxico" → "Mexico", "prsident" → "president");
        otherwise a suggestion.
        A first name that became an English word when it lost its accented letter ("Jos", "Joo",
        "Jess") is restored only before a surname that keeps its accents or lost them too ("Jos
        Lpez" → "José López"; "the mayor of Jos met" stays).
        A capitalised token that no source language above restores is looked up in the word lists
        of the other languages wordfreq has (``far_name_languages``: Czech, Polish, Hungarian, ...),
        names only: "Bartoov" → "Bartošová", "Haek" → "Hašek" (the damaged form no word of any of
        these languages, the restored one well attested in one and no rival within a margin).
        A folded token ("Paclik", "Jurgens": the accent taken off, the letter kept) is restored only
        from the article's own spelling ("Tomáš Paclík" ... "Paclik"): English copy often writes names
        without accents, so nothing else decides it.
- N202  a multi-word place name whose short accented piece was dropped ("So Paulo"):
        places listed in rules/lang/romance/accents.yaml.

Data: rules/lang/romance/accents.yaml (languages, places); thresholds: rules/lang/thresholds.yaml (accents).
"""

from __future__ import annotations

import os
import re
import unicodedata
from bisect import bisect_left
from functools import lru_cache

from .. import lexicon as L
from ..langdata import value as _value, wordlist as _wordlist

INDEX_VERSION = 1
FAR_VERSION = 2
WORD = re.compile(r"[^\W\d_]+\Z")


def _p(key):
    return _value("accents", key)


def _langs() -> tuple[str, ...]:
    return _wordlist("romance", "accents", "languages") + _name_langs()


def _name_langs() -> tuple[str, ...]:
    """Languages whose words restore only a capitalised token (a name): "Mnchen" → "München", but
    never "prsident" → German "präsident" (the copy's own languages decide its common words)."""
    return _wordlist("romance", "accents", "name_languages")


def fold(w: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", w) if not unicodedata.combining(c))


def _is_accented(ch: str) -> bool:
    return not ch.isascii() and ch.isalpha()


def _keys(word: str) -> set[str]:
    """The forms of ``word`` with its accented letters dropped: all of them, or any one."""
    pos = [i for i, c in enumerate(word) if _is_accented(c)]
    if not pos:
        return set()
    keys = {"".join(c for c in word if not _is_accented(c))}
    if len(pos) > 1:
        for i in pos:
            keys.add(word[:i] + word[i + 1:])
    return keys


def _far_langs() -> tuple[str, ...]:
    """The other languages of wordfreq whose accented words restore a capitalised token (a name)."""
    return _wordlist("romance", "accents", "far_name_languages")


def _far_path() -> str:
    con_path = L._db().execute("PRAGMA database_list").fetchone()[2]
    base = os.path.splitext(os.path.basename(con_path))[0]  # rebuilt with the lexicon (a new wordfreq)
    mz = int(round(float(_p("far_min_zipf")) * 100))
    return os.path.join(os.path.dirname(con_path),
                        f"accents-far-v{FAR_VERSION}-{base}-{mz}-{'-'.join(_far_langs())}.sqlite")


def _far_build(path: str) -> None:
    """(damaged key, word, lang, Zipf x 100) for every accented word of the far languages at or
    above ``far_min_zipf`` under its form with every accented letter dropped, and (word, Zipf x 100)
    for their unaccented words of ``far_plain_min_zipf`` or more (a damaged form that is a word of its
    own there is no damage)."""
    wf = L._need("wordfreq")
    floor = int(round(float(_p("far_min_zipf")) * 100))
    plain_floor = int(round(float(_p("far_plain_min_zipf")) * 100))
    rows, plain = [], {}
    for lang in _far_langs():
        try:
            f = L._wordfreq_file(lang)
        except Exception:
            continue
        seen: dict[str, int] = {}
        for i, bucket in enumerate(wf.read_cBpack(f)):
            seen.update(dict.fromkeys(bucket, 900 - i))
        for w, z in seen.items():
            if not w.isalpha():
                continue
            if w.isascii():
                if z >= plain_floor and z > plain.get(w, 0):
                    plain[w] = z
            elif z >= floor:
                k = "".join(c for c in w if not _is_accented(c))  # a damaged token is all ASCII
                if len(k) >= 3 and k.isascii():
                    rows.append((k, w, lang, z))
    _write_index(path, rows, "accents-far-v", FAR_VERSION, plain)


_FAR = None


def _far_index():
    global _FAR
    if _FAR is None:
        _FAR = _open_index(_far_path(), _far_build, "accents-far-v", FAR_VERSION)
    return _FAR


@lru_cache(maxsize=50_000)
def far_langs_of(w: str) -> frozenset:
    """The far languages of which the accented word ``w`` (lowercase) is a word."""
    return frozenset(r[0] for r in _far_index().execute("SELECT lang FROM dropped WHERE w = ?", (w,)))


def _far_context(doc) -> frozenset:
    """The far languages of the article's accented capitalised words ("Tomáš", "Praha"): where the
    article spells a name of that language with its accents, another of its names may have lost them."""
    out = set()
    for tok in doc.tokens:
        w = tok.text
        if w[-2:] in ("'s", "’s"):
            w = w[:-2]
        if tok.is_word and not w.isascii() and w.isalpha() and w[0].isupper() and w[1:].islower():
            out |= far_langs_of(w.lower())
    return frozenset(out)


def _inflection(a: str, b: str) -> bool:
    """``a`` and ``b`` differ only in their last two letters or fewer (a case ending)."""
    n = len(os.path.commonprefix([a, b]))
    return abs(len(a) - len(b)) <= 2 and n >= min(len(a), len(b)) - 2


@lru_cache(maxsize=50_000)
def restore_far(lw: str) -> tuple[str, str, str] | None:
    """(restored lowercase word, its language, note) for a capitalised token whose accented letters were dropped,
    from the far languages: the damaged form no word of English, of the source languages or of any
    far language; the best restored word ``far_min_zipf`` or more in its language and no other
    word within ``min_margin_over_rival``."""
    if len(lw) < int(_p("far_min_letters")) or L.zipf(lw) >= float(_p("far_max_english_zipf")):
        return None  # (English lists its rare names too: "Finau", "Akala", "Ovie" are no damage)
    if any(L.zipf(lw, lg) > 0 for lg in _langs()):
        return None
    con = _far_index()
    got = con.execute("SELECT z FROM plain WHERE w = ?", (lw,)).fetchone()
    damaged = got[0] / 100 if got else 0.0
    rows = con.execute("SELECT w, lang, z FROM dropped WHERE k = ?", (lw,)).fetchall()
    if not rows:
        return None
    best: dict[str, tuple[float, str]] = {}
    for w, lang, z in rows:
        if w not in best or z / 100 > best[w][0]:
            best[w] = (z / 100, lang)
    ranked = sorted(best.items(), key=lambda kv: -kv[1][0])
    word, (z, lang) = ranked[0]
    if z < float(_p("far_min_zipf")) or z - damaged < float(_p("min_margin_over_damaged")):
        return None
    # a rival is another name, not an inflection of the best one (Czech "Bartošová"/"Bartošové",
    # "Smíchov"/"Smíchově": the same word but for its last two letters)
    rivals = [(w, zz) for w, (zz, _) in ranked[1:] if not _inflection(w, word)]
    if rivals and z - rivals[0][1] < float(_p("far_margin_over_rival")):
        return None
    return word, lang, f"“{lw}” is no word of English or of {len(_far_langs()) + len(_langs())} other languages; “{word}” is {lang} zipf {z:.1f}"


def _index_path() -> str:
    con_path = L._db().execute("PRAGMA database_list").fetchone()[2]
    base = os.path.splitext(os.path.basename(con_path))[0]
    mz = int(round(float(_p("index_min_zipf")) * 100))
    return os.path.join(os.path.dirname(con_path), f"accents-v{INDEX_VERSION}-{base}-{mz}-{'-'.join(_langs())}.sqlite")


def _build(path: str) -> None:
    floor = int(round(float(_p("index_min_zipf")) * 100))
    langs = _langs()
    q = f"SELECT lang, w, z FROM zipf WHERE lang IN ({','.join('?' * len(langs))}) AND z >= ?"
    rows = []
    for lang, w, z in L._db().execute(q, (*langs, floor)):
        if w.isascii() or not w.isalpha():
            continue
        for k in _keys(w):
            if len(k) >= 2:
                rows.append((k, w, lang, z))
    _write_index(path, rows, "accents-v", INDEX_VERSION)


def _write_index(path: str, rows, prefix: str, version, plain: dict | None = None) -> None:
    """Write the ``dropped`` table (and, for the far languages, the ``plain`` one) to a temporary
    file renamed over ``path``, then prune the older builds of ``prefix``."""
    import sqlite3

    tmp = f"{path}.{os.getpid()}.tmp"
    if os.path.exists(tmp):
        os.unlink(tmp)
    con = sqlite3.connect(tmp)
    con.execute("PRAGMA journal_mode=OFF")
    con.execute("CREATE TABLE dropped (k TEXT, w TEXT, lang TEXT, z INTEGER)")
    con.executemany("INSERT INTO dropped VALUES (?, ?, ?, ?)", rows)
    if plain is not None:
        con.execute("CREATE TABLE plain (w TEXT PRIMARY KEY, z INTEGER) WITHOUT ROWID")
        con.executemany("INSERT INTO plain VALUES (?, ?)", plain.items())
    con.execute("CREATE INDEX dropped_k ON dropped (k)")
    con.commit()
    con.close()
    os.replace(tmp, path)
    from ..cachefiles import prune

    prune(os.path.dirname(path), path, prefix, version)


_CON = None


def _open_index(path: str, build, prefix: str, version):
    """A read-only connection to the index at ``path``, built first by ``build(path)`` where it is
    missing (in the temporary folder where the cache folder cannot be written)."""
    import sqlite3

    if not os.path.exists(path):
        try:
            build(path)
        except OSError:
            import tempfile

            path = os.path.join(tempfile.gettempdir(), f"mt-repair-{os.getuid()}-{os.path.basename(path)}")
            if not os.path.exists(path):
                build(path)
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
    L._mark_used(path, prefix, version)
    return con


def _index():
    global _CON
    if _CON is None:
        _CON = _open_index(_index_path(), _build, "accents-v", INDEX_VERSION)
    return _CON


@lru_cache(maxsize=100_000)
def candidates(key: str) -> tuple[tuple[str, str, float], ...]:
    """(accented word, language, zipf) for every indexed word that ``key`` (lowercase) is
    with accented letters dropped, best first."""
    rows = _index().execute("SELECT w, lang, z FROM dropped WHERE k = ?", (key,)).fetchall()
    return tuple(sorted(((w, lang, z / 100) for w, lang, z in rows), key=lambda r: -r[2]))


def _case_like(src: str, word: str) -> str:
    if src.isupper() and len(src) > 1:
        return word.upper()
    if src[0].isupper():
        return word[0].upper() + word[1:]
    return word


@lru_cache(maxsize=100_000)
def restore(lw: str, source_lang: str = "", first_name: bool = False, name: bool = True,
            plain_ok: bool = True) -> tuple[str, float, str] | None:
    """(restored lowercase word, confidence class 'apply'|'suggest', note) for a lowercase
    damaged word, or None.  ``first_name``: the word stands before another capitalised word (a
    person's first name), where a rarer source word is enough; ``name``: the token is capitalised
    (the languages of ``name_languages`` count too); ``plain_ok``: English's plain spelling may
    win ("Mexico"), not inside a source-language person's name ("Martín Martínez")."""
    if len(lw) < int(_p("min_letters")) or L.zipf(lw) >= float(_p("max_english_zipf")):
        return None
    if not name and L.unigram(lw) >= float(_p("max_english_count")):
        return None   # a rare English word, not damage ("perturb" is no "perturbé")
    cands = candidates(lw)
    if not name:
        cands = tuple(c for c in cands if c[1] not in _name_langs())
    if not cands:
        return None
    best: dict[str, tuple[float, str]] = {}
    for w, lang, z in cands:
        bonus = float(_p("source_lang_bonus")) if lang == source_lang else 0.0  # ties go to the article's source language
        if w not in best or z + bonus > best[w][0]:
            best[w] = (z + bonus, lang)
    ranked = sorted(best.items(), key=lambda kv: -kv[1][0])
    word, (score, lang) = ranked[0]
    z = max(zz for ww, ll, zz in cands if ww == word)
    damaged = max((L.zipf(lw, lg) for lg in _langs()), default=0.0)
    floor = float(_p("name_min_source_zipf" if first_name else "min_source_zipf"))
    if z < floor or z - damaged < float(_p("min_margin_over_damaged")):
        return None
    sure = len(ranked) == 1 or score - ranked[1][1][0] >= float(_p("min_margin_over_rival"))
    note = f"“{lw}” is unknown in English; “{word}” is {lang} zipf {z:.1f}"
    if damaged:
        note += f" (the damaged form {damaged:.1f})"
    if len(ranked) > 1:
        note += f"; next “{ranked[1][0]}” {ranked[1][1][1]} {ranked[1][1][0]:.1f}"
    plain = fold(word)
    if plain_ok and plain.isascii() and L.zipf(plain) - L.zipf(word) >= float(_p("english_plain_margin")):
        note += f"; English writes “{plain}” (zipf {L.zipf(plain):.1f} against {L.zipf(word):.1f})"
        word = plain
    return word, ("apply" if sure else "suggest"), note


@lru_cache(maxsize=20_000)
def restore_given(lw: str, source_lang: str = "") -> tuple[str, str] | None:
    """(restored lowercase word, note) for a first name that lost its accented letter and became an
    English word ("Jos" of "José", "Joo" of "João", "Jess" of "Jesús"): the restored word must be a
    frequent source word (``given_min_source_zipf``) and the damaged one no frequent English word
    (``given_max_english_zipf``: not "Tom" of "Tomé"); the caller asks for a surname after it."""
    en = L.zipf(lw)
    if len(lw) < int(_p("min_letters")) or en >= float(_p("given_max_english_zipf")):
        return None
    best: dict[str, float] = {}
    for w, lang, z in candidates(lw):
        best[w] = max(best.get(w, 0.0), z + (float(_p("source_lang_bonus")) if lang == source_lang else 0.0))
    if not best:
        return None
    ranked = sorted(best.items(), key=lambda kv: -kv[1])
    word, score = ranked[0]
    if score < float(_p("given_min_source_zipf")) or (
            len(ranked) > 1 and score - ranked[1][1] < float(_p("min_margin_over_rival"))):
        return None
    # a form about as frequent in a source language as the restored word is a name as it stands
    # ("Joan Vila", "de los Padres"), not "Jos" of "José"
    damaged = max((L.zipf(lw, lg) for lg in _langs()), default=0.0)
    if max(z for w, _lang, z in candidates(lw) if w == word) - damaged < float(_p("given_margin_over_damaged")):
        return None
    return word, f"“{word}” is a source-language word of zipf {score:.1f} (English “{lw}” {en:.1f})"


@lru_cache(maxsize=20_000)
def restore_in_name(lw: str, source_lang: str = "", initial: bool = False) -> tuple[str, str] | None:
    """(restored lowercase word, note) for a piece of a person's name beside another piece that lost
    its accented letters too ("Flvia Brando", "Toms Prez", "Nol Lematre"): the damaged form may be a
    rare English word (below ``given_max_english_zipf``: "brando", "prez", "toms"), the restored one
    a source word of ``name_min_source_zipf`` or more, ``name_margin_over_damaged`` above the damaged
    form in the source languages, and the best candidate by ``min_margin_over_rival`` or the
    spelling of the article's source language of the same name ("Inés", not Portuguese "Inês").
    The damaged form is weighed in the article's source language where it is known.
    ``initial``: only words whose first letter is the dropped one ("scar" → "óscar", "lvarez" →
    "álvarez": the capital of the name was lost with it)."""
    if len(lw) < int(_p("min_letters")) or L.zipf(lw) >= float(_p("given_max_english_zipf")):
        return None
    best: dict[str, tuple[float, str]] = {}
    for w, lang, z in candidates(lw):
        if initial and not (_is_accented(w[0]) and w[1:] == lw or "".join(c for c in w if not _is_accented(c)) == lw
                            and _is_accented(w[0])):
            continue
        if not initial and _is_accented(w[0]):
            continue
        zz = z + (float(_p("source_lang_bonus")) if lang == source_lang else 0.0)
        if w not in best or zz > best[w][0]:
            best[w] = (zz, lang)
    if not best:
        return None
    ranked = sorted(best.items(), key=lambda kv: -kv[1][0])
    word, (score, lang) = ranked[0]
    z = max(zz for ww, ll, zz in candidates(lw) if ww == word)
    # the damaged form as a word of the copy's source language where it is known (German "ins",
    # Italian "sez." say nothing of a Spanish name), else of any source language
    damaged = L.zipf(lw, source_lang) if source_lang else max((L.zipf(lw, lg) for lg in _langs()), default=0.0)
    if z < float(_p("name_min_source_zipf")) or z - damaged < float(_p("name_margin_over_damaged")):
        return None
    if len(ranked) > 1 and score - ranked[1][1][0] < float(_p("min_margin_over_rival")):
        if not source_lang or lang != source_lang or fold(ranked[1][0]) != fold(word):
            return None  # two names of one key; only the spelling of one name is the copy's language's
    return word, f"“{word}” is {lang} zipf {z:.1f} (English “{lw}” {L.zipf(lw):.1f})"


def _name_piece(tok) -> bool:
    t = tok.text
    return tok.is_word and bool(WORD.match(t)) and t[:1].isupper() and t[1:].islower()


def _name_pairs(doc, src, toks=None) -> tuple[set, dict]:
    """(keep, lost, loose): the starts of the pieces of persons' names that stand beside a piece
    that carries accents or lost them ("Martn Martnez", "Germn Rodríguez": their source spelling is
    kept, not English "Martin", "German"); of those beside a piece that lost them ("Flvia Brando",
    "Toms Prez", "Martn lvarez", "scar Lpez": restored by ``restore_in_name``; beside "Éric" the
    plain "Marchal" lost nothing); and those restorations (lowercase pieces: their accented
    capital lost, restored capitalised).  ``toks``: the word tokens to read (default: the
    document's); every pair it weighs is two of them one space apart, so the answers for the
    tokens of one line are those of that line's word tokens alone."""
    if toks is None:
        toks = [t for t in doc.tokens if t.is_word]
    # (_name_piece of each, its cheapest test first)
    piece = [t.text[:1].isupper() and t.text[1:].islower() and t.is_word and bool(WORD.match(t.text)) for t in toks]
    kind: dict[int, str] = {}   # start -> 'accented' | 'certain' | 'loose' | 'initial'
    loose: dict[int, tuple[str, str]] = {}
    for tok, is_piece in zip(toks, piece):
        if not is_piece:
            continue
        lw = tok.text.lower()
        if not tok.text.isascii():
            kind[tok.start] = "accented"
            continue
        r = restore(lw, src, False, True, False)
        if r is not None and r[1] == "apply" and not r[0].isascii():
            kind[tok.start] = "certain"
            continue
        g = restore_in_name(lw, src)
        if g is not None:
            loose[tok.start] = g
            kind[tok.start] = "loose"
    # a lowercase piece before or after a name piece, its accented capital dropped
    last = len(toks) - 1
    for i, tok in enumerate(toks):
        if not ((i and piece[i - 1]) or (i < last and piece[i + 1])):
            continue   # (no name piece beside it: the cheapest test first)
        t = tok.text
        if not (t.islower() and WORD.match(t)):
            continue
        prev = toks[i - 1] if i else None
        nxt = toks[i + 1] if i < last else None
        beside = [n for n, ok in ((prev, i and piece[i - 1]), (nxt, i < last and piece[i + 1])) if ok
                  and doc.gap(*((n, tok) if n is prev else (tok, n))) == " "]
        if not beside or doc.is_sentence_start(tok):   # (the cheap test first)
            continue
        strong = any(kind.get(n.start) in ("accented", "certain") for n in beside)
        if not strong and (prev not in beside or L.zipf(t) >= float(_p("max_english_zipf"))):
            continue  # after a plain first name, only a token that is no English word ("Abdullah calan")
        g = restore_in_name(t, src, initial=True)
        if g is not None:
            loose[tok.start] = g
            kind[tok.start] = "initial"
    keep: set[int] = set()     # keep the source spelling (no English plain form)
    lost: set[int] = set()     # a loose restoration is applied: the other piece lost letters too
    for a, b in zip(toks, toks[1:]):
        if doc.gap(a, b) != " ":
            continue
        ka, kb = kind.get(a.start), kind.get(b.start)
        if ka is None or kb is None:
            if ka == "initial" or kb == "initial":
                lost.update(x.start for x, k in ((a, ka), (b, kb)) if k == "initial")
            continue
        if ka == kb == "loose" and not src:
            continue  # two loose pieces ("Toms Prez"): only where the copy's source language is known
        keep.update((a.start, b.start))
        # a piece beside one that kept its accents ("Éric Marchal") lost nothing
        if kb != "accented":
            lost.add(a.start)
        if ka != "accented":
            lost.add(b.start)
    return keep, lost, loose


def _surname_evidence(doc, nxt, src) -> bool:
    """The capitalised word after a first name is a source-language surname with its accents, or
    one that lost them too ("Jos Lpez", "Joo Dria")."""
    t = nxt.text
    if not WORD.match(t) or not t[:1].isupper():
        return False
    if not t.isascii():
        # its accents of the source languages ("López", "Dória"); not "Bočková": a Czech surname says
        # nothing of a Romance first name ("Dana" is no "Dança")
        letters = set(_wordlist("romance", "accents", "letters")[0])
        return all(c.isascii() or c.lower() in letters for c in t)
    return L.zipf(t.lower()) < float(_p("max_english_zipf")) and restore(t.lower(), src, False) is not None


def _doc_words(doc) -> tuple[dict[str, str], dict[str, str]]:
    """Accented words of the article under their forms with the accents dropped, and its
    capitalised accented words under their folded forms: the article's own spelling of a name
    restores a damaged occurrence ("Peñalver" ... "Pealver", "Paclík" ... "Paclik")."""
    out: dict[str, str] = {}
    folded: dict[str, str] = {}
    for tok in doc.tokens:
        w = tok.text
        if w[-2:] in ("'s", "’s"):
            w = w[:-2]
        if not tok.is_word or w.isascii() or not w.isalpha() or len(w) < 4:
            continue
        for k in _keys(w.lower()):
            if len(k) >= 3:
                out.setdefault(k, w.lower())
        if w[0].isupper() and w[1:].islower():
            f = fold(w.lower())
            if f.isascii() and f != w.lower():
                folded.setdefault(f, w.lower())
    return out, folded


def _places():
    out = []
    for entry in _wordlist("romance", "accents", "places"):
        words = entry.split("_")
        damaged = ["".join(c for c in w if not _is_accented(c)) for w in words]
        if damaged != words:
            out.append((damaged, words))
    return out


def _n201(doc, ctx, toks, src, own, own_folded, far, plain_words, far_context, deps) -> list:
    """The N201 findings on the tokens ``toks`` (one line's: what decides each token lies in its
    line, but for the article's own spellings ``own`` and ``own_folded``, its plain words and the
    far languages of its accented names, ``far_context()``); each question asked of them is noted
    in ``deps`` as (which: 0 plain words, 1 far languages, 2 own, 3 own_folded; key; answer)."""
    out = []
    far_ctx = None
    min_letters, max_english = int(_p("min_letters")), float(_p("max_english_zipf"))
    keep, lost, loose = _name_pairs(doc, src, [t for t in toks if t.is_word])
    for tok in toks:
        t = tok.text
        if tok.is_word and t[-2:] in ("'s", "’s") and t[0].isupper():
            t = t[:-2]  # "Haek's successor": the name before the possessive
        end = tok.start + len(t)
        if tok.is_word and "-" in t and len(t) <= 40:
            # a hyphenated name ("Boulevard Jean-Jaurs"): each capitalised piece on its own,
            # restored only where one well-attested source word matches
            k = tok.start
            for piece in t.split("-"):
                if len(piece) >= 4 and WORD.match(piece) and piece.isascii() and piece[0].isupper() \
                        and piece[1:].islower():
                    lp = piece.lower()
                    ow = own.get(lp)
                    deps.append((2, lp, ow))
                    if ow is not None and ow != lp and L.zipf(lp) < float(_p("max_english_zipf")):
                        word, note = ow, "this article spells it so elsewhere"
                    else:
                        r = restore(lp, src, False, True)
                        word, note = (r[0], r[2]) if r is not None and r[1] == "apply" else (None, "")
                    if word and not word.isascii():
                        out.append(ctx.finding("N201", k, k + len(piece), _case_like(piece, word),
                                               message=f"Accented letter dropped in a hyphenated name: {note}"))
                k += len(piece) + 1
            continue
        if not tok.is_word or not WORD.match(t) or len(t) > 40:
            continue
        if not (t.islower() or t[1:].islower() or t.isupper()):
            continue
        lw = t.lower()
        ow = own.get(lw)
        deps.append((2, lw, ow))
        if ow is not None and ow != lw and L.zipf(lw) < float(_p("max_english_zipf")):
            word = ow
            out.append(ctx.finding("N201", tok.start, end, _case_like(t, word),
                                   message=f"Accented letter dropped: this article spells “{word}” "
                                           f"elsewhere; “{lw}” is unknown in English"))
            continue
        if t[0].isupper() and t[1:].islower():
            word = own_folded.get(lw)
            deps.append((3, lw, word))
            if word is not None and L.zipf(lw) < float(_p("own_folded_max_english_zipf")):
                out.append(ctx.finding("N201", tok.start, end, _case_like(t, word),
                                       message=f"Accent taken off a name: this article spells “{word}” elsewhere"))
                continue
        nxt = doc.next(tok)
        first_name = (t[0].isupper() and t[1:].islower() and nxt is not None and nxt.is_word
                      and nxt.text[:1].isupper() and doc.gap(tok, nxt) == " ")
        # (a capital at a sentence start says nothing of a name: "Tne" is no German "Töne")
        if len(lw) < min_letters or L.zipf(lw) >= max_english:
            r = None   # (what restore answers first, whatever else it is asked: no sentence start looked for)
        else:
            r = restore(lw, src, first_name, name=t[:1].isupper() and not doc.is_sentence_start(tok),
                        plain_ok=tok.start not in keep)
        if tok.start in lost and tok.start in loose and (r is None or r[1] != "apply" or t.islower()):
            word, note = loose[tok.start]
            out.append(ctx.finding("N201", tok.start, end, word[0].upper() + word[1:],
                                   message=f"Accented letters dropped from a person's name whose other "
                                           f"piece lost them too: {note}"))
            continue
        if r is None and first_name and _surname_evidence(doc, nxt, src):
            g = restore_given(lw, src)
            if g is not None:
                out.append(ctx.finding("N201", tok.start, end, _case_like(t, g[0]),
                                       message=f"Accented letter dropped from a first name before a "
                                               f"source-language surname: {g[1]}"))
            continue
        if r is None and far and t[0].isupper() and t[1:].islower() and t.isascii():
            g = restore_far(lw)
            if g is None:
                continue
            # English knows the name in its plain spelling ("Kaczynski", "Erdogan", "Hasek"), or the
            # article spells another word of its language with accents ("Tomáš" ... "Bartoov"):
            # a word of a far language that is no name ("Razel" -> Slovene "razšel") has neither
            # (each answer about the article as a whole is noted in ``deps``)
            plain = fold(g[0])
            seen = plain in plain_words
            deps.append((0, plain, seen))
            if seen:
                continue  # the article writes the folded name ("Alexandre" ... "Alexande"): a typo of
                # it, not "Alexandře" that lost its letter
            ok = L.zipf(plain) >= float(_p("far_english_plain_min_zipf"))
            if not ok:
                if far_ctx is None:
                    far_ctx = far_context()
                ok = g[1] in far_ctx
                deps.append((1, g[1], ok))
            if ok:
                out.append(ctx.finding("N201", tok.start, end, _case_like(t, g[0]),
                                       message=f"Accented letters dropped from a name: {g[2]}"))
            continue
        if r is None:
            continue
        word, how, note = r
        conf = None if how == "apply" else float(_p("suggest_confidence"))
        if t.islower() and word == fold(word) and L.zipf(word) < 3.0:
            conf = float(_p("suggest_confidence"))
        out.append(ctx.finding("N201", tok.start, end, _case_like(t, word), confidence=conf,
                               message=f"Accented letter dropped: {note}"))
    return out


# N201's findings per line, for one state of what the article says as a whole (the article's
# own spellings, its plain words, its accented names, the source language, the rule, the
# evidence and the data): the passes of one repair see most lines again (the whole text, the
# lines a pass changed, the whole text again: the last few states are kept), and an article may
# repeat a line; a line seen in the same state is a dictionary lookup
_MEMOS: list = []           # [[state, {line: (its start, findings)}], ...], the latest first
_MEMO_STATES = 4
_MEMO_MAX = 100_000


def _same_state(old: tuple, new: tuple) -> bool:
    return len(old) == len(new) and all(
        (a is b) if k in _BY_IDENTITY else (a == b) for k, (a, b) in enumerate(zip(old, new)))


def _line_memo(state: tuple) -> dict:
    for k, entry in enumerate(_MEMOS):
        if _same_state(entry[0], state):
            if k:
                _MEMOS.insert(0, _MEMOS.pop(k))
            if len(entry[1]) >= _MEMO_MAX:
                entry[1] = {}
            return entry[1]
    _MEMOS.insert(0, [state, {}])
    del _MEMOS[_MEMO_STATES:]
    return _MEMOS[0][1]


def _holds(deps, own, own_folded, plain_words, far_context) -> bool:
    """Whether the article gives each answer ``deps`` noted (see :func:`_n201`)."""
    for which, key, ans in deps:
        if which == 2:
            if own.get(key) != ans:
                return False
        elif which == 3:
            if own_folded.get(key) != ans:
                return False
        elif which == 0:
            if (key in plain_words) != ans:
                return False
        elif (key in far_context()) != ans:
            return False
    return True


_BY_IDENTITY = (1, 2)   # (the rule and the evidence: the same objects)


def detect(doc, ctx):
    out = []
    if ctx.enabled("N201"):
        src = ctx.source_lang if ctx.source_lang in _langs() else ""
        own, own_folded = _doc_words(doc)
        far = bool(_far_langs())
        plain_words = {t.lower for t in doc.tokens if t.is_word and t.text.isascii()}
        known: list = []

        def far_context() -> frozenset:
            # (the far languages of the article's accented names, worked out once when first asked)
            if not known:
                known.append(_far_context(doc))
            return known[0]

        from ..langdata import _thresholds

        # what every line's findings depend on besides the line; the article's own spellings, its
        # plain words and the far languages are checked by each line's own questions (``deps``)
        state = (src, ctx.rule("N201"), L._ev(), repr(_thresholds().get("accents")), _langs(), _far_langs())
        memo = _line_memo(state)
        toks, starts = doc.tokens, doc._starts
        pos = 0
        for line in doc.text.split("\n"):
            a = pos
            b = pos = a + len(line)
            pos += 1
            hit = memo.get(line)
            if hit is not None:
                a0, found, deps = hit
                if _holds(deps, own, own_folded, plain_words, far_context):
                    d = a - a0
                    out.extend(f.with_(start=f.start + d, end=f.end + d) if d else f for f in found)
                    continue
            i, j = bisect_left(starts, a), bisect_left(starts, b)
            deps = []
            found = _n201(doc, ctx, toks[i:j], src, own, own_folded, far, plain_words, far_context,
                          deps) if i < j else []
            memo[line] = (a, tuple(found), tuple(deps))
            out.extend(found)
    if ctx.enabled("N202"):
        places = _places()
        if places:
            toks = [t for t in doc.tokens if t.is_word]
            by_first: dict[str, list] = {}
            for damaged, words in places:
                by_first.setdefault(damaged[0], []).append((damaged, words))
            for i, tok in enumerate(toks):
                for damaged, words in by_first.get(tok.text, ()):
                    n = len(damaged)
                    seq = toks[i:i + n]
                    if len(seq) < n or [s.text for s in seq] != damaged:
                        continue
                    if any(doc.gap(a, b) != " " for a, b in zip(seq, seq[1:])):
                        continue
                    if doc.is_sentence_start(seq[0]) and L.zipf(damaged[0]) >= 3.0:
                        continue  # "So Paulo said ...": an English word opening the sentence
                    for s, w, d in zip(seq, words, damaged):
                        if w != d:
                            out.append(ctx.finding("N202", s.start, s.end, w, group=f"N202:{seq[0].start}",
                                                   message=f"Accented letter dropped in the place name “{' '.join(words)}”"))
    return out
