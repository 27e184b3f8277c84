"""Detector: names — one name spelled two ways in one article
("Lavrov" / "Lavróv").

Capitalised tokens that differ only by diacritics are grouped; the
authoritative spelling is the one used where the person is introduced with a
first name or title ("Andrew X" — news style spells the name in full there),
else the majority form.  Different real words are left alone: a group is only
unified when the variant is not itself a frequent English word.  Names that
differ by one letter are only reported (N102, a suggestion).
"""

from __future__ import annotations

import unicodedata
from collections import Counter, defaultdict
from functools import lru_cache

from .. import lexicon as L


@lru_cache(maxsize=50_000)
def fold(w: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", w) if not unicodedata.combining(c))


from ..langdata import wordlist as _wordlist, words as _words

# source-language name particles (rules/lang/en/names.yaml)
ROMANCE_LINKS = _words("en", "names", "romance_links")


OTHER_LANGS = _wordlist("en", "glue", "other_languages")


def _stray(w: str) -> bool:
    """An accented spelling that neither English nor a source language has ever written, with
    accents of the source languages only (rules/lang/romance/accents.yaml letters: "Kovalskó",
    "Lulá"); a letter of another language ("Lukáš", "Hořovice") is the name's own, never a stray."""
    letters = set(_wordlist("romance", "accents", "letters")[0])
    if any(not c.isascii() and c.lower() not in letters for c in w):
        return False
    return all(L.zipf(w, lang) == 0 for lang in ("en",) + tuple(OTHER_LANGS))


def _accents(w: str) -> int:
    return sum(1 for ch in w if not ch.isascii())


def _attested(w: str) -> bool:
    """English or a source language has written this exact spelling."""
    return any(L.zipf(w.lower(), lang) > 0 for lang in ("en",) + tuple(OTHER_LANGS))


def _tie(forms: Counter, key: str, first: str) -> str:
    """The spelling of a name written equally often two ways: the only one a dictionary knows
    ("Sûreté" over "Sûrété", "Lavrov" over "Lavróv"); where none is known, the one with the most
    diacritics, since English copy drops them and the other shows what the name has ("Prokopová"
    over "Prokopova"); else the spelling without diacritics."""
    top = max(forms.values())
    tied = [f for f, n in forms.items() if n == top]
    known = [f for f in tied if _attested(f)]
    if len(known) == 1:
        return known[0]
    if not known:
        most = max(_accents(f) for f in tied)
        best = [f for f in tied if _accents(f) == most]
        if len(best) == 1:
            return best[0]
    return key if key in forms else first


def _is_name_token(t: str) -> bool:
    return len(t) >= 3 and t[0].isupper() and t[1:].islower() and t.isalpha()


def _introduced(doc, tok) -> bool:
    """The token follows a capitalised word in the same phrase ("Andrew X")."""
    p = doc.prev(tok)
    if p is None or not p.is_word or doc.gap(p, tok) != " ":
        return False
    if not all(part[:1].isupper() and part[1:].islower() for part in p.text.split("-")) or len(p.text) < 2:
        return False  # "Andrew", "Jean-Luc"
    # a capitalised common word opening the sentence ("Later X") is no first name
    return L.zipf(p.lower) < 4.0 or not doc.is_sentence_start(p)


def detect(doc, ctx):
    groups: dict[str, list] = defaultdict(list)
    for tok in doc.tokens:
        if tok.is_word and _is_name_token(tok.text):
            groups[fold(tok.text)].append(tok)
    out = []
    for key, toks in groups.items():
        forms = Counter(t.text for t in toks)
        if len(forms) < 2:
            continue
        intro = Counter(t.text for t in toks if _introduced(doc, t))
        if len(intro) == 1:
            canon = next(iter(intro))
            why = f"“{canon}” is the spelling where the name is introduced in full"
            # English copy often drops diacritics: restoring them is only a suggestion
            conf = None if canon == fold(canon) else "by-accents"
        else:
            (a, na), (b, nb) = forms.most_common(2)
            if na > nb and na >= 2:
                canon, why = a, f"“{a}” is the majority spelling ({na} against {nb})"
                conf = 0.7 if canon == fold(canon) else 0.6
            else:
                canon, why = _tie(forms, key, a), None
                if canon == key:
                    why = f"“{canon}” is the spelling without diacritics"
                elif _attested(canon):
                    why = f"“{canon}” is the spelling a dictionary knows"
                else:
                    why = f"“{canon}” keeps the diacritics the other spelling drops"
                conf = 0.6
        for t in toks:
            if t.text == canon:
                continue
            if L.zipf(t.lower) >= 3.0:
                continue  # a different real word
            if _accents(t.text) > _accents(canon) and not _stray(t.text):
                continue  # an accented name never loses its accent ("Michoacán", "Cortés"): only a
                # stray accent, a spelling attested in no language ("Petrenkó"), is removed
            c = conf
            if c == "by-accents":
                # the introduced spelling has accents: removing a stray one is safe, adding one
                # is only a suggestion (English copy often drops them)
                c = None if _accents(t.text) > _accents(canon) else 0.6
            pt = doc.prev(t)
            if pt is not None and pt.text.lower() in ROMANCE_LINKS:
                continue  # inside a source-language name: "Universidad del Perú"
            out.append(ctx.finding(
                "N101", t.start, t.end, canon, confidence=c,
                message=f"One name spelled two ways ({', '.join(f'{f} ×{n}' for f, n in forms.items())}): {why}"))
    out.extend(_one_letter(doc, ctx, groups))
    out.extend(_stray_accent(doc, ctx))
    return out


def _stray_accent(doc, ctx):
    """An accent on a frequent English word or name that English never writes with one
    ("Eastérn Europe", "Líbya"): wordfreq has never seen the accented form in English,
    and the plain form is frequent."""
    if not ctx.enabled("N103"):
        return
    for t in doc.tokens:
        w = t.text
        if w.isascii() or not w.isalpha() or len(w) < 3:
            continue
        plain = fold(w)
        if plain == w or not plain.isascii():
            continue
        if L.zipf(w) > 0 or L.zipf(plain) < 3.5:
            continue
        pt = doc.prev(t)
        if pt is not None and pt.text.lower() in ROMANCE_LINKS:
            continue
        if (pt is not None and pt.is_word and pt.text[:1].isupper() and doc.gap(pt, t) == " "
                and not doc.is_sentence_start(pt) and w[:1].isupper()):
            continue  # a piece of a longer name keeps its spelling: "Gabino Cué", "Delta Trió Kft."
        yield ctx.finding("N103", t.start, t.end, plain,
                          message=f"“{w}” never occurs in English (zipf 0); “{plain}” zipf {L.zipf(plain):.1f}")


def _one_letter(doc, ctx, groups):
    """Long names that differ by one letter: report only."""
    names = {}
    for key, toks in groups.items():
        t = toks[0].text
        if len(t) >= 6 and L.zipf(t.lower()) < 2.5:
            names[key] = toks
    keys = sorted(names)
    by_len = defaultdict(list)
    for k in keys:
        by_len[len(k)].append(k)
    for n, ks in by_len.items():
        if len(ks) < 2 or len(ks) > 200:
            continue
        for i, a in enumerate(ks):
            for b in ks[i + 1:]:
                diff = [j for j in range(n) if a[j] != b[j]]
                if len(diff) != 1 or diff[0] == 0:
                    continue
                ta, tb = names[a], names[b]
                if len(ta) == len(tb):
                    continue
                major, minor = (ta, tb) if len(ta) > len(tb) else (tb, ta)
                for t in minor:
                    yield ctx.finding(
                        "N102", t.start, t.end, major[0].text,
                        message=f"Perhaps one name spelled two ways: “{t.text}” ×{len(minor)} and "
                                f"“{major[0].text}” ×{len(major)} differ by one letter")
