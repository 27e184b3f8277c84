"""Detector: falsefriends — Romance words rendered by their English look-alike ("compromise" for
compromiso, "sensible" for sensible, "exit" for éxito/saída, "actual" for actual, "assist" for
asistir, "technician" for técnico, "selection" for selección ...).

Each rule (``detector: falsefriends`` in rules/false-friends.yaml) describes one construction:

- ``params.pattern``: a regex (Python ``regex``) for the construction where the look-alike has the
  source sense; ``params.replacement``: its English (match groups expanded), or ``params.map``:
  the replacement of group 1 by a table (verb forms: "marked" → "scored");
- ``params.domain``: the sense is only certain in copy of that domain (sport, courts, economy,
  politics, health, culture: rules/lang/en/domains.yaml); outside it the fix is a suggestion, or
  nothing with ``params.outside: skip`` (where the English sense is the common one there);
- ``params.suggest``: the construction is a hint only (a suggestion wherever it stands);
- ``params.not_country``: a match group that must not be a country or region of
  rules/gazetteer.yaml.

Domain test: at least ``min_domain_words`` distinct words of the domain occur in the article
(rules/lang/thresholds.yaml, section falsefriends).
"""

from __future__ import annotations

from functools import lru_cache

from ..langdata import table as _table, value as _value
from ..rules import match_case

DETECTOR = "falsefriends"


@lru_cache(maxsize=None)
def _compile(pattern: str, flags: str):
    import regex

    f = regex.VERSION1 | regex.UNICODE
    if "i" in flags:
        f |= regex.IGNORECASE
    return regex.compile(pattern, f)


@lru_cache(maxsize=None)
def _domain_words(domain: str) -> frozenset[str]:
    words = _table("en", "domains").get(domain) or ""
    return frozenset((words.split() if isinstance(words, str) else words))


def _places() -> frozenset[str]:
    from ..rules import gazetteer

    return gazetteer()


def _domains(doc, ctx) -> dict[str, int]:
    key = ("falsefriends.domains", id(doc))
    if key not in ctx.cache:
        seen = {t.lower for t in doc.tokens if t.is_word}
        ctx.cache[key] = {d: len(seen & _domain_words(d)) for d in _table("en", "domains")}
    return ctx.cache[key]


def detect(doc, ctx):
    rules = [r for r in ctx.rules if r.detector == DETECTOR and ctx.enabled(r.id)]
    if not rules:
        return []
    out = []
    text = doc.text
    need = int(_value("falsefriends", "min_domain_words"))
    suggest = float(_value("falsefriends", "suggest_confidence"))
    for r in rules:
        p = r.params
        rx = _compile(p["pattern"], p.get("flags", ""))
        for m in rx.finditer(text):
            if m.end() == m.start():
                continue
            if "not_country" in p and m.group(int(p["not_country"])) in _places():
                continue  # "the exit of Greece": a country leaves, a player departs
            if "map" in p:
                g = m.group(1)
                rep = p["map"].get(g.lower())
                if rep is None:
                    continue
                repl = text[m.start():m.start(1)] + match_case(g, rep) + text[m.end(1):m.end()]
            else:
                repl = m.expand(p["replacement"])
                if r.preserve_case:
                    repl = match_case(m.group(), repl)
            conf = None
            why = ""
            dom = p.get("domain")
            if p.get("suggest"):
                conf = suggest
            elif dom:
                n = _domains(doc, ctx).get(dom, 0)
                if n < need:
                    if p.get("outside") == "skip":
                        continue  # the English sense is the common one outside the domain
                    conf = suggest
                    why = f" (a suggestion: {n} word(s) of {dom} copy here, {need} make the sense certain)"
                else:
                    why = f" ({dom} copy: {n} words of the domain)"
            out.append(ctx.finding(r.id, m.start(), m.end(), repl, confidence=conf, message=r.message + why))
    return out
