"""Detector: boilerplate — content-farm page furniture removed whole.

The patterns live in ``rules/boilerplate.yaml`` (``params.lines``: regexes that must
match a whole stripped line; ``params.inline``: spinner/ad markers removed where they
stand; ``params.title_suffix.site_words``: a site name after " - " / " | " at the end of the
title line is cut when it holds one of these words).  A removed line takes its line break with it; a run of boilerplate lines is
removed as one block and the blank lines around it are folded so that no doubled
blank line is left where the article had a single one.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..prefilter import line_gate, literals_in, may_match

DETECTOR = "boilerplate"


@lru_cache(maxsize=None)
def _compile(pattern: str):
    from .. import fastregex   # (regex.compile, its parse kept in the cache)

    return fastregex.compile(pattern, fastregex.VERSION1 | fastregex.UNICODE)


def _rules(ctx):
    return [r for r in ctx.rules if r.detector == DETECTOR and ctx.enabled(r.id)]


def _line_rule(line: str, rules, live=None):
    low = line.casefold() if live is not None else ""
    for r in rules:
        for p in r.params.get("lines", ()):
            if live is not None and (p not in live or not literals_in(p, low)):
                continue  # this line cannot match it (repair/prefilter.py): not compiled, not run
            if _compile(p).fullmatch(line):
                return r
    return None


_MEMOS: dict = {}
_MEMO_MAX = 100_000


def _memo(rules) -> dict:
    """{stripped line: the index in ``rules`` of the rule its whole text matches, or None}, one
    dict per set of rules (their ids and line patterns)."""
    key = tuple((r.id, tuple(r.params.get("lines", ()))) for r in rules)
    got = _MEMOS.get(key)
    if got is None:
        if len(_MEMOS) >= 16:
            _MEMOS.clear()
        got = _MEMOS[key] = {}
    return got


def detect(doc, ctx):
    rules = _rules(ctx)
    if not rules:
        return []
    text = doc.text
    out = []
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\r\n]+", text) if m.group().strip()]
    hits = {}
    live = {p for r in rules for p in r.params.get("lines", ()) if may_match(p, text)}
    gate, always = line_gate(live)
    # a line's rule depends on the line and the rules alone (the literal filters only skip
    # patterns that cannot match it), so each distinct line is decided once per set of rules:
    # the passes of a repair, and the articles of a batch, see most lines again
    memo = _memo(rules)
    for i, (s, e) in enumerate(lines):
        line = text[s:e].strip()
        k = memo.get(line, -1)
        if k == -1:
            # the patterns this line can match (repair/prefilter.py): most lines hold none of the
            # literals of any of them
            cand = live if gate.search(line.casefold()) else always
            r = _line_rule(line, rules, cand) if cand else None
            if len(memo) >= _MEMO_MAX:
                memo.clear()
            memo[line] = k = None if r is None else next(j for j, x in enumerate(rules) if x is r)
        if k is not None:
            hits[i] = rules[k]
    removed: list[tuple[int, int]] = []
    i = 0
    while i < len(lines):
        if i not in hits:
            i += 1
            continue
        j = i
        while j + 1 in hits:
            j += 1
        has_prev, has_next = i > 0, j + 1 < len(lines)
        first_start = lines[i][0]
        if has_next:
            next_start = lines[j + 1][0]
            if has_prev:
                prev_end = lines[i - 1][1]
                pre = text[prev_end:first_start]
                post = text[lines[j][1]:next_start]
                pre_n, post_n = pre.count("\n"), post.count("\n")
                n = min(max(pre_n, post_n), max(pre_n, 2))
                if n == pre_n:
                    a, sep = first_start, ""
                else:
                    nl = "\r\n" if "\r\n" in pre + post else "\n"
                    a, sep = prev_end, nl * n
            else:
                a, sep = first_start, ""
            b = next_start
        else:
            b = lines[j][1]
            a = lines[i - 1][1] if has_prev else first_start
            sep = ""
        # one finding per line, all or nothing
        group = f"boilerplate:{a}"
        for k in range(i, j + 1):
            s = a if k == i else lines[k][0]
            e = b if k == j else lines[k + 1][0]
            out.append(ctx.finding(hits[k].id, s, e, sep if k == i else "", group=group))
        removed.append((a, b))
        i = j + 1

    # inline markers (spinner debris, ad placeholders) inside kept lines
    for r in rules:
        for p in r.params.get("inline", ()):
            if not may_match(p, text):
                continue
            for m in _compile(p).finditer(text):
                s, e = m.start(), m.end()
                if any(a <= s < b for a, b in removed):
                    continue
                # take one side's spacing with the marker
                ls = s
                while ls > 0 and text[ls - 1] in " \t":
                    ls -= 1
                re_ = e
                while re_ < len(text) and text[re_] in " \t":
                    re_ += 1
                at_line_start = ls == 0 or text[ls - 1] == "\n"
                at_line_end = re_ == len(text) or text[re_] in "\r\n"
                if at_line_start:
                    s2, e2 = ls, re_
                elif at_line_end:
                    s2, e2 = ls, re_
                elif re_ < len(text) and text[re_] in ",.;:!?)":
                    s2, e2 = ls, e
                else:
                    s2, e2 = s, re_ if re_ > e else e
                    if s2 == ls and e2 == e:  # glued on both sides: keep a space
                        out.append(ctx.finding(r.id, s, e, " " if text[s - 1].isalnum() and text[e:e + 1].isalnum() else ""))
                        continue
                out.append(ctx.finding(r.id, s2, e2, ""))
    # the site's name appended to the title (first non-empty line)
    out.extend(_title_suffix(doc, ctx, rules, removed))
    return out


_SEP = re.compile(r"\s+(?:[-|–—]|::)\s+")


def _title_suffix(doc, ctx, rules, removed):
    rs = [r for r in rules if r.params.get("title_suffix")]
    if not rs:
        return []
    text = doc.text
    m = re.search(r"[^\r\n]*\S[^\r\n]*", text)
    if m is None or any(a <= m.start() < b for a, b in removed):
        return []
    line = m.group().rstrip()
    if line.endswith((".", "!", "?", ":", ";", ",")):
        return []  # a sentence, not a title
    res = []
    for r in rs:
        words = r.params["title_suffix"].get("site_words") or ""
        site_words = frozenset(words.split() if isinstance(words, str) else words)
        seps = list(_SEP.finditer(line))
        if not seps:
            continue
        sep = seps[-1]
        head, site = line[:sep.start()], line[sep.end():]
        toks = site.split()
        if not head.strip() or len(head.split()) < 2 or not 1 <= len(toks) <= 5:
            continue
        particles = r.params["title_suffix"].get("particles") or ""
        particles = frozenset(particles.split() if isinstance(particles, str) else particles)
        if not all(t[:1].isupper() or t[:1].isdigit() or t.lower() in particles for t in toks):
            continue
        parts = [p for t in toks for p in re.findall(r"[A-Z][a-z]+|[A-Z]+(?![a-z])|\d+|[a-z]+", t.strip(".,"))]
        if not any(t.strip(".,") in site_words for t in toks) and not any(p in site_words for p in parts):
            continue  # (a site name may be written as one camel-case word: "CalcioNews24")
        s = m.start() + sep.start()
        e = m.start() + len(line)
        res.append(ctx.finding(r.id, s, e, "",
                               message=f"{r.message}: “{site}”"))
        break
    return res
