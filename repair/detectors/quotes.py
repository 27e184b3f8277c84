"""Detector: quotes — broken curly double quotes, repaired per paragraph.

Content-farm MT moves curly quotes around: a closing quote glued to the next word
(``deep rifts“And then``), the space put on the wrong side (``a” grave error “which``),
an opening quote at the end of a paragraph, a lone stray quote.  Inside a paragraph
that shows such damage, the double quotes are labelled opening/closing so that the
labels alternate (the labelling that best fits each mark's surroundings wins; a paragraph
may end inside a quotation that goes on in the next paragraph, or begin with a closing
mark whose opening one was lost; one lone mark spaced on both sides may be dropped when
the count is odd), then each mark is rewritten with the right character and spacing:
an opening quote has a space before it and none after, a closing quote none before and a
space or punctuation after.  All edits of one paragraph share a group.

Paragraphs whose curly quotes are consistent are never touched, nor are straight
quotes or single quotes (which double as apostrophes); in a paragraph that mixes straight and
curly double quotes the straight ones are labelled with the rest (they open and close quotations
too) and left as they are, and the curly ones are repaired.

- Q101  a quote glued to a word: the missing space is added;
- Q102  the space is on the wrong side of the quote (of both marks of a pair: "a” grave error
        “that", the marks swapped as well, is read as one quotation, not as a close and an open);
- Q103  the wrong character for the quote's role (“ closing, ” opening);
- Q104  a stray lone quote, spaced on both sides, removed;
- Q105  a glued closing quote followed by a capitalised function word mid-sentence:
        space added and the word lowercased;
- Q106  a straight mark paired with a curly one (“plan" / "board”) in copy that quotes mostly
        with curly marks: made curly like its partner;
- Q206  a mark doubled ("give up”” and", "said ““we"): one is kept, rewritten for its role.
"""

from __future__ import annotations

import re

OPEN, CLOSE, DROP = "O", "C", "D"
SPACES = " \t\u00a0"
SENT_END = ".!?…"
PUNCT_AFTER = ".,;:!?…"
OPEN_BRACKETS = "([{—–-/"
CLOSE_BRACKETS = ")]}"
SINGLE = "‘’'"

from ..langdata import words as _words

# used when rules/quotes.yaml gives Q105 no `params.words` (rules/lang/en/quotes.yaml)
DEFAULT_LOWER = _words("en", "quotes", "lower_after_quote")


def _kind_left(text, q, pstart):
    if q == pstart:
        return "S", ""
    c = text[q - 1]
    if c in SPACES:
        return "sp", c
    if c.isalnum():
        return "w", c
    if c in PUNCT_AFTER:
        return "p", c
    if c in SINGLE:
        return "q", c
    if c in OPEN_BRACKETS:
        return "o", c
    if c in CLOSE_BRACKETS:
        return "p", c
    return "x", c


def _kind_right(text, q, pend):
    if q + 1 >= pend:
        return "E", ""
    c = text[q + 1]
    if c in SPACES:
        return "sp", c
    if c.isalnum():
        return "w", c
    if c in PUNCT_AFTER:
        return "p", c
    if c in CLOSE_BRACKETS:
        return "c", c
    if c in SINGLE or c in "(":
        return "q", c
    return "x", c


def _cost(label, ch, L, R):
    if label == OPEN:
        if R in ("E", "p", "c"):
            c = 5.0
        elif L in ("S", "sp", "o"):
            c = 0.0 if R in ("w", "q", "x") else 2.0
        elif L in ("w", "p", "q"):
            c = 1.0 if R in ("w", "q", "x") else 2.0
        else:
            c = 1.5
        return c + (0.5 if ch != "“" else 0.0)
    # closing
    if L == "S":
        c = 5.0
    elif L == "o":
        c = 4.0
    elif L in ("w", "p", "q", "x"):
        c = 0.0 if R in ("sp", "E", "p", "c", "q") else 1.0
    else:  # space before
        c = 1.0 if R in ("p", "E", "c") else 2.0
    return c + (0.5 if ch != "”" else 0.0)


def _evidence(ch, L, R):
    if L in ("w", "p") and R == "w":
        return True  # glued on both sides
    if L == "sp" and R == "sp":
        return True  # lone mark
    if ch == "“" and (R in ("E", "p", "c") or (L in ("w", "p") and R == "sp") or (L == "S" and R == "sp")):
        return True  # (the last: a paragraph that opens with a quotation, a space after its mark)
    if ch == "”" and (L == "S" or (L in ("sp", "o") and R == "w")):
        return True
    return False


SWAPPED_PAIR_BONUS = 2.5


def _swapped_pairs(marks, labels):
    """Pairs whose two marks have each other's shape and spacing: an opening ” glued to the word
    before it and spaced from the next, then a closing “ spaced from the word before it and glued
    to the next ("a” grave error “that"): the spaces and the marks were swapped, one damage."""
    kept = [i for i, lab in enumerate(labels) if lab != DROP]
    n = 0
    for a, b in zip(kept, kept[1:]):
        if labels[a] == OPEN and labels[b] == CLOSE:
            ma, mb = marks[a], marks[b]
            if (ma["ch"] == "”" and ma["L"] in ("w", "p") and ma["R"] == "sp"
                    and mb["ch"] == "“" and mb["L"] == "sp" and mb["R"] in ("w", "p")):
                n += 1
    return n


def _labelings(marks, text, pend):
    """Candidate labellings: start with an opening or a closing mark, optionally drop one
    lone mark when the count is odd; labels alternate over the kept marks."""
    n = len(marks)
    drops = [None]
    if n % 2 == 1:
        drops += [i for i, m in enumerate(marks) if m["L"] == "sp" and m["R"] == "sp"]
    out = []
    for start in (OPEN, CLOSE):
        for d in drops:
            labels, cost, cur = [], 0.0, start
            for i, m in enumerate(marks):
                if i == d:
                    labels.append(DROP)
                    cost += 2.0
                    continue
                labels.append(cur)
                cost += _cost(cur, m["ch"], m["L"], m["R"])
                cur = CLOSE if cur == OPEN else OPEN
            if start == CLOSE:
                cost += 3.0
            cost -= SWAPPED_PAIR_BONUS * _swapped_pairs(marks, labels)
            kept = [(i, lab) for i, lab in enumerate(labels) if lab != DROP]
            if kept and kept[-1][1] == OPEN:
                # unclosed at the end: normal when a long quotation runs on into the next paragraph
                q = marks[kept[-1][0]]["pos"]
                tail = text[q + 1:pend]
                long_tail = len(tail.split()) >= 4 and tail.rstrip()[-1:] in ".!?…:"
                cost += 1.0 if long_tail else 2.5
            out.append((cost, labels))
    out.sort(key=lambda x: x[0])
    return out


def _lower_words(ctx):
    r = ctx.by_id.get("Q105")
    words = r.params.get("words") if r is not None else None
    if isinstance(words, str):
        words = words.split()
    if words:
        return frozenset(str(w).lower() for w in words)
    return DEFAULT_LOWER


def _rewrite(text, m, label, pstart, pend, lower_words):
    """(start, end, replacement, rule) for one mark, or None when it is right already."""
    q = m["pos"]
    if label == DROP:
        e = q + 1
        while e < pend and text[e] in SPACES:
            e += 1
        return q, e, "", "Q104"
    s, e = q, q + 1
    before, after = "", ""
    rule = None
    if label == OPEN:
        ch = "“"
        if m["L"] in ("w", "p"):
            before = " "
            rule = "Q101"
        if m["R"] == "sp":
            while e < pend and text[e] in SPACES:
                e += 1
            rule = "Q102"
    else:
        ch = "”"
        if m["L"] == "sp":
            while s > pstart and text[s - 1] in SPACES:
                s -= 1
            if s > pstart and text[s - 1] in SINGLE + "“”\"":
                s = q  # a nested quote: keep its space
            else:
                rule = "Q102"
        nxt = text[q + 1:q + 3]
        if (nxt[:1] and nxt[:1] in "(—–") or nxt == "- ":
            if m["L"] == "sp" and s < q:
                after = " "  # the space moves to the other side of the mark
        if m["R"] == "w":
            after = " "
            rule = rule or "Q101"
            # a capitalised function word right after a glued closing quote, mid-sentence
            wm = re.match(r"[A-Z][a-z]+\b", text[q + 1:pend])
            if wm and (m["L"] == "w" or (m["L"] == "p" and text[q - 1] not in SENT_END)):
                w = wm.group()
                if w.lower() in lower_words:
                    e = q + 1 + len(w)
                    after = " " + w.lower()
                    rule = "Q105"
    if ch != m["ch"] and rule is None:
        rule = "Q103"
    if rule is None:
        return None
    rep = before + ch + after
    if text[s:e] == rep:
        return None
    return s, e, rep, rule


def _rewrite_doubled(text, m, label, pstart, pend, lower_words):
    """Q206: a doubled mark ("give up”” and", "said ““we") becomes one, rewritten for its role:
    the pair is read as one mark at the first's place (the text without the second mark, where
    every later offset is one less), and the rewrite of that mark covers both."""
    q = m["pos"]
    shifted = text[:q + 1] + text[q + 2:]
    ed = _rewrite(shifted, m, label, pstart, pend - 1, lower_words)
    if ed is None:
        return q + 1, q + 2, "", "Q206"
    s, e, rep, _ = ed  # s <= q < e: the rewrite holds the mark
    return s, e + 1, rep, "Q206"


def _opens(m):
    return m["L"] in ("S", "sp", "o") and m["R"] in ("w", "q", "x")


def _closes(m):
    return m["L"] in ("w", "p", "q", "x") and m["R"] in ("sp", "E", "p", "c")


def _mixed_pairs(doc, ctx, p, curly_doc):
    """Q106: taken in order, the paragraph's double quotes pair up cleanly (each pair an opening-
    shaped and a closing-shaped mark, no nesting), and a pair mixes a straight and a curly mark:
    the straight one is made curly, in copy whose quotes are mostly curly."""
    if not ctx.enabled("Q106") or not curly_doc:
        return []
    text = doc.text
    marks = []
    for mm in re.finditer('[“”"]', text[p.start:p.end]):
        q = p.start + mm.start()
        m = {"pos": q, "ch": mm.group(), "L": _kind_left(text, q, p.start)[0],
             "R": _kind_right(text, q, p.end)[0], "gap": 0}
        if m["ch"] == "“" and m["L"] in ("S", "sp", "o") and m["R"] == "sp":
            # an opening mark spaced from its word ('and “ more buses"'): read as opening, the space goes
            e = q + 1
            while e < p.end and text[e] in SPACES:
                e += 1
            if e < p.end and text[e].isalnum():
                m["R"], m["gap"] = "w", e - q - 1
        marks.append(m)
    if len(marks) % 2:
        return []
    pairs = [(marks[i], marks[i + 1]) for i in range(0, len(marks), 2)]
    if not all(_opens(a) and _closes(b) and a["ch"] != "”" and b["ch"] != "“" for a, b in pairs):
        return []
    out = []
    for a, b in pairs:
        if (a["ch"] == '"') == (b["ch"] == '"'):
            continue
        if a["gap"] and ctx.enabled("Q102"):
            out.append(ctx.finding("Q102", a["pos"], a["pos"] + 1 + a["gap"], "“", group=f"quotes:{p.start}"))
        m, ch = (a, "“") if a["ch"] == '"' else (b, "”")
        out.append(ctx.finding("Q106", m["pos"], m["pos"] + 1, ch, group=f"quotes:{p.start}"))
    return out


def detect(doc, ctx):
    ids = ("Q101", "Q102", "Q103", "Q104", "Q105", "Q106", "Q206")
    if not any(ctx.enabled(i) for i in ids):
        return []
    text = doc.text
    touched = ctx.cache.setdefault("quotes.paragraphs", set())
    lower_words = _lower_words(ctx)
    # the copy's own style: curly marks at least as many as straight ones
    curly_doc = text.count("“") + text.count("”") >= text.count('"')
    out = []
    for p in doc.paragraphs:
        para = text[p.start:p.end]
        if "“" not in para and "”" not in para:
            continue
        if '"' in para:
            # straight and curly mixed: a straight mark that pairs with a curly one is made curly
            # (Q106); the curly marks are repaired among themselves, the straight ones left as they are
            out.extend(_mixed_pairs(doc, ctx, p, curly_doc))
        marks, doubled = [], []
        for mm in re.finditer('[“”]', para):
            q = p.start + mm.start()
            if marks and marks[-1]["pos"] + 1 + len(marks[-1].get("twin", "")) == q and marks[-1]["ch"] == mm.group():
                # a doubled mark ("give up”” and", "said ““we"): one mark, read with what follows the
                # second; the second goes (Q206)
                marks[-1]["twin"] = mm.group()
                marks[-1]["R"], _ = _kind_right(text, q, p.end)
                doubled.append(q)
                continue
            L, _ = _kind_left(text, q, p.start)
            R, _ = _kind_right(text, q, p.end)
            marks.append({"pos": q, "ch": mm.group(), "L": L, "R": R})
        chars = [m["ch"] for m in marks]
        alternating = all(c == ("“" if i % 2 == 0 else "”") for i, c in enumerate(chars))
        if alternating and not doubled and not any(_evidence(m["ch"], m["L"], m["R"]) for m in marks):
            continue
        cands = _labelings(marks, text, p.end)
        best_cost, labels = cands[0]
        margin = cands[1][0] - best_cost if len(cands) > 1 else 9.0
        edits = []
        for m, lab in zip(marks, labels):
            if m.get("twin"):
                ed = _rewrite_doubled(text, m, lab, p.start, p.end, lower_words)
            else:
                ed = _rewrite(text, m, lab, p.start, p.end, lower_words)
            if ed:
                edits.append(ed)
        if not edits:
            continue
        conf_scale = 1.0 if margin >= 1.5 else (0.85 if margin >= 0.75 else 0.6)
        avg = best_cost / max(1, len(marks))
        if avg > 2.5:
            conf_scale = min(conf_scale, 0.6)
        group = f"quotes:{p.start}"
        for s, e, rep, rule in edits:
            if not ctx.enabled(rule):
                continue
            if rule == "Q104" and text[s] == "”" and text.count("«", p.start, s) > text.count("»", p.start, s):
                continue  # "« a disaster ”": the guillemet's partner (quotemarks Q202 pairs them), not a stray
            if rule == "Q104" and '"' in para:
                continue  # a lone curly mark where straight ones quote too: its partner may be straight ('and “ more buses"')
            conf = ctx.rule(rule).confidence * conf_scale
            out.append(ctx.finding(rule, s, e, rep, confidence=conf, group=group))
            if conf >= ctx.config.threshold:
                touched.add(p.start)
    return out
