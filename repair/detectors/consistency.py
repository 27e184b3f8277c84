"""Check type ``consistency`` (rules with ``extends: consistency``), in the manner of Vale's
``consistency``: one article should not use two forms of the same thing (a source term
translated two ways, two spellings of one word).  Where both forms of a pair occur, the
rarer form in the article is replaced by the more frequent one (ties: the first form of the
pair wins).  The rule is all data; this module is the algorithm.

``params`` of a consistency rule:

- ``either``: a list of pairs ``[form_a, form_b]`` (words or phrases, matched as whole words);
- ``case``: ``ignore`` (default: the forms match in any case; the replacement takes the case of
  the text it replaces) or ``exact``.
"""

from __future__ import annotations

import re

from ..rules import match_case

TYPE = "consistency"


def _rx(form: str, ignore: bool):
    words = [re.escape(w) for w in form.split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)", re.IGNORECASE if ignore else 0)


def detect(doc, ctx):
    text = doc.text
    out = []
    for rule in ctx.rules:
        if rule.extends != TYPE or not ctx.enabled(rule.id):
            continue
        ignore = rule.params.get("case", "ignore") == "ignore"
        for pair in rule.params.get("either") or ():
            if not isinstance(pair, (list, tuple)) or len(pair) != 2:
                continue
            a, b = str(pair[0]), str(pair[1])
            ma = list(_rx(a, ignore).finditer(text))
            mb = list(_rx(b, ignore).finditer(text))
            if not ma or not mb:
                continue
            keep, minority = (a, mb) if len(ma) >= len(mb) else (b, ma)
            other = b if keep == a else a
            for m in minority:
                repl = match_case(m.group(), keep) if ignore else keep
                out.append(ctx.finding(
                    rule.id, m.start(), m.end(), repl,
                    message=f"{rule.message}: “{m.group()}” here, “{keep}” {len(ma) if keep == a else len(mb)}× "
                            f"elsewhere in the article (against {len(minority)}× “{other}”)"))
    return out
