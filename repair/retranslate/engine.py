"""Repair from the source text: re-translate the damaged sentences and splice them back.

``repair_with_source(text, source, model, config)``:

1. the rule engine runs as usual (``repair_text``): its findings select the sentences;
2. source and target sentences are aligned (``align.py``; boilerplate lines found by the
   rules are cheaper to leave without a source);
3. every linked target span is scored against its source with ``score_batch`` (forced
   decoding); tokens the model finds very unlikely are extra evidence of damage;
4. the sentences with findings (or very unlikely tokens) are re-translated in one batch,
   int8 on CPU by default, with the MT's undamaged prefix (everything before the first
   finding or unlikely token, cut at a word boundary) forced as ``target_prefix``; the
   regenerated continuation is spliced back after the prefix;
5. per sentence, the candidates — the rules' repair and the model's — are ranked by the
   model's mean log-probability of each given the source (``score_batch``); the model's
   is applied only if it wins and its names and numbers agree with the source;
6. the result is the input with the chosen edits; findings keep input offsets.

``repair_round_trip(text, to_source, to_target, config)`` does the same without a
source: flagged sentences go target → source → target (two models), and the result is
applied only when it removes findings and keeps names and numbers.

``repair_text(text, config)`` is untouched: without a model nothing here runs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..config import Config
from ..model import Edit, Finding, Result, apply_edits, diff_edits
from ..pipeline import decide, repair_text
from . import splice as sp
from .align import Alignment, align, boilerplate_sentences, split_sentences

_BREAK = re.compile(r"\r?\n(?:[ \t]*\r?\n)?")
RULE_RETRANSLATED = "MT101"
RULE_ROUNDTRIP = "MT102"
RULE_UNLIKELY = "MT201"
KIND = "grammar"  # the kind of a model edit that overlaps no rule finding
SCORE_RULES = ("K801", "K802")  # mtscore: the sentence-level MT-damage flags (repair/mtscore.py), selectors below


def _kind_at(findings, s: int, e: int) -> str:
    """A model edit takes the kind (gold vocabulary) of the rule finding it overlaps."""
    for f in sorted(findings, key=lambda f: f.rule in SCORE_RULES):  # mtscore: a sentence flag is the last resort
        if f.start < max(e, s + 1) and s < max(f.end, f.start + 1):
            return f.kind
    return KIND


@dataclass(frozen=True)
class Options:
    beam_size: int = 4
    max_batch_size: int = 32
    unlikely: float = -10.0        # a target token below this log-probability counts as damage
    scan: bool = True              # score every linked sentence (not only those with findings)
    margin: float = 0.0            # the model's candidate must beat the rules' by this much


@dataclass
class RetranslateResult(Result):
    alignment: Alignment | None = None
    stats: dict = field(default_factory=dict)
    decisions: list = field(default_factory=list)


def _cand(s: int, e: int, replacement: str, rule: str, rank: float) -> Finding:
    """A candidate edit for the resolver; ``rank`` orders the kinds of candidate."""
    return Finding(s, e, KIND, rule, "", replacement, rank, source="model" if rule.startswith("MT") else "rule")


def _mean(lp: list[float]) -> float:
    return sum(lp) / max(len(lp), 1)


def _overlaps(f: Finding, a: int, b: int) -> bool:
    return f.start < b and a < f.end if f.end > f.start else a <= f.start < b


def _locked(edits, locks) -> bool:
    """True when an edit touches a locked span (markup, a protected term, a suppressed line)."""
    for ed in edits:
        s, e = ed.start, ed.end
        for a, b in locks:
            if (s < b and a < e) if e > s else a < s < b:
                return True
    return False


def repair_with_source(text: str, source: str, model, config: Config | None = None,
                       options: Options | None = None, alignment: Alignment | None = None,
                       rule_pass=None, locks=()) -> RetranslateResult:
    """``alignment``: links known in advance (bilingual files), else sentences are aligned.
    ``rule_pass(text, config) -> Result``: the rule engine (default ``repair_text``; the job loop
    passes the one that masks markup and protected terms); ``locks``: spans of ``text`` that a
    re-translation must not touch (the sentence keeps the rules' repair)."""
    config = config or Config()
    opt = options or Options()
    rules = (rule_pass or repair_text)(text, config)
    rule_edits = list(rules.edits)
    if alignment is not None:
        al = alignment
        tgt = al.tgt
    else:
        tgt = split_sentences(text)
        al = align(source, text, tgt, null_tgt=boilerplate_sentences(tgt, rules.findings))

    units = []   # linked spans: (link, a, b, src_text, tgt_text, findings)
    for ln in al.links:
        if not ln.src or not ln.tgt:
            continue
        a, b = al.tgt_span(ln)
        s0, s1 = al.src_span(ln)
        fs = [f for f in rules.findings if f.kind != "boilerplate" and _overlaps(f, a, b)]
        units.append({"link": ln, "a": a, "b": b, "src": source[s0:s1], "tgt": text[a:b], "findings": fs})

    # 3. forced-decoding scores of the MT as it stands
    for u in units:
        u["src_tok"] = model.encode_src(u["src"])
        u["pieces"] = model.encode_tgt_offsets(u["tgt"])
    to_score = [u for u in units if opt.scan or u["findings"]]
    scores = model.score([u["src_tok"] for u in to_score], [[p for p, _s, _e in u["pieces"]] for u in to_score],
                         max_batch_size=opt.max_batch_size)
    unlikely_findings = []
    for u, lp in zip(to_score, scores):
        u["mt_score"] = _mean(lp)
        bad = [i for i, x in enumerate(lp[:len(u["pieces"])]) if x < opt.unlikely]
        u["unlikely"] = bad
        for i in bad:
            _p, s, e = u["pieces"][i]
            if e > s:
                unlikely_findings.append((u["a"] + s, u["a"] + e, lp[i]))

    # 4. select and re-translate, prefix-constrained
    # mtscore: a sentence the MT-damage score flags (SCORE_RULES, a finding that spans it) is selected
    # like one with findings, and regenerated whole (its damage is not at one place)
    selected = [u for u in units if u["findings"] or u.get("unlikely")]
    for u in selected:
        cuts = [f.start - u["a"] for f in u["findings"]]
        cuts += [u["pieces"][i][1] for i in u.get("unlikely", [])]
        damage_at = max(0, min(cuts))
        k = sp.prefix_cut(u["pieces"], u["tgt"], damage_at)
        u["prefix"] = [p for p, _s, _e in u["pieces"][:k]]
        u["prefix_end"] = u["pieces"][k - 1][2] if k else 0
    hyps = model.translate([u["src_tok"] for u in selected], [u["prefix"] for u in selected],
                           beam_size=opt.beam_size, max_batch_size=opt.max_batch_size)
    for u, h in zip(selected, hyps):
        u["model_text"] = sp.splice(u["tgt"], u["prefix_end"], model.decode_tgt(u["prefix"]) if u["prefix"] else "",
                                    model.decode_tgt(h))
        inside = [e for e in rule_edits if u["a"] <= e.start and e.end <= u["b"]]
        u["rule_text"] = sp.apply_edits(u["tgt"], inside, offset=u["a"])

    # 5. rank the rules' repair against the model's
    cands = []
    for u in selected:
        for key in ("rule_text", "model_text"):
            cands.append((u, key))
    cscores = model.score([u["src_tok"] for u, _k in cands], [model.encode_tgt(u[k]) for u, k in cands],
                          max_batch_size=opt.max_batch_size)
    for (u, k), lp in zip(cands, cscores):
        u[k.replace("_text", "_score")] = _mean(lp)

    # every candidate edit goes through the pipeline's resolver, by rank: a boilerplate line with
    # no source (3), the model's repair of a sentence (2), the rules' edits (1)
    cands: list[Finding] = [_cand(e.start, e.end, e.replacement, e.rule, 1.0) for e in rule_edits]
    # a boilerplate line with no source: the line and one paragraph break after it go
    # (the rules may take more white space; with a source the layout of the rest is kept)
    null = boilerplate_sentences(tgt, rules.findings)
    for ln in al.links:
        if ln.src or not all(j in null for j in ln.tgt):
            continue
        a, b = al.tgt_span(ln)
        ls = text.rfind("\n", 0, a) + 1
        le = text.find("\n", b)
        le = len(text) if le < 0 else le
        if text[ls:a].strip() or text[b:le].strip():
            continue          # not a whole line
        m = _BREAK.match(text, le)
        end = m.end() if m else le
        cands.append(_cand(ls, end, "", "", 3.0))
    decisions = []
    by_unit = {}
    for u in selected:
        d = {"tgt_span": [u["a"], u["b"]], "prefix_end": u["a"] + u["prefix_end"],
             "rule_score": round(u["rule_score"], 4), "model_score": round(u["model_score"], 4),
             "model_text": u["model_text"], "chosen": "rules"}
        ok, why = sp.agrees(u["model_text"], u["src"], u["tgt"])
        if u["model_text"] == u["rule_text"]:
            d["chosen"] = "same"
        elif not ok:
            d["chosen"] = "rules"
            d["rejected"] = why
        elif locks and _locked(sp.diff_edits(u["tgt"], u["model_text"], offset=u["a"]), locks):
            d["rejected"] = "touches markup or protected text"
        elif u["model_score"] > u["rule_score"] + opt.margin:
            d["chosen"] = "model"
            c = _cand(u["a"], u["b"], u["model_text"], RULE_RETRANSLATED, 2.0)
            cands.append(c)
            by_unit[id(c)] = u
        decisions.append(d)
    chosen, _ = decide(cands, 0.0)
    final_edits: list[Edit] = []
    model_findings: list[Finding] = []
    superseded: list[tuple[int, int]] = []
    for c in sorted(chosen, key=lambda c: (c.start, c.end)):
        u = by_unit.get(id(c))
        if u is None:
            final_edits.append(Edit(c.start, c.end, c.replacement, c.rule))
            continue
        for ed in diff_edits(u["tgt"], u["model_text"], offset=u["a"], rule=RULE_RETRANSLATED):
            final_edits.append(ed)
            s, e = ed.start, ed.end
            model_findings.append(Finding(s, e, _kind_at(rules.findings, s, e), RULE_RETRANSLATED,
                                          "re-translated from the source", replacement=ed.replacement,
                                          confidence=min(1.0, max(0.0, 1.0 + u["model_score"])),
                                          text=text[s:e], applied=True, source="model"))
        superseded.append((u["a"], u["b"]))

    findings = []
    for f in rules.findings:
        if f.applied and any(_overlaps(f, a, b) for a, b in superseded):
            f = f.with_(applied=False)
        findings.append(f)
    findings += model_findings
    covered = [(f.start, f.end) for f in model_findings]
    for s, e, lp in unlikely_findings:
        if not any(a < e and s < b for a, b in covered) and not any(f.start < e and s < f.end for f in rules.findings):
            findings.append(Finding(s, e, _kind_at(rules.findings, s, e), RULE_UNLIKELY, f"the model finds this very unlikely given the source "
                                    f"(log-probability {lp:.1f})", text=text[s:e]))
    findings.sort(key=lambda f: (f.start, f.end, f.rule))
    output = apply_edits(text, final_edits)
    stats = {"sentences": len(tgt), "linked": len(units), "retranslated": len(selected),
             "applied": sum(1 for d in decisions if d["chosen"] == "model"),
             "selected_by_score": sum(1 for u in selected if any(f.rule in SCORE_RULES for f in u["findings"])),  # mtscore
             "share_retranslated": round(len(selected) / max(len(units), 1), 4)}
    return RetranslateResult(text, output, findings, final_edits, alignment=al, stats=stats,
                             decisions=decisions)


def repair_round_trip(text: str, to_source, to_target, config: Config | None = None,
                      options: Options | None = None, rule_pass=None, locks=()) -> RetranslateResult:
    """No source at hand: flagged sentences go target → source → target; the result is
    applied only when it removes findings and keeps names and numbers.  ``rule_pass``, ``locks``:
    as for :func:`repair_with_source`."""
    config = config or Config()
    opt = options or Options()
    rules = (rule_pass or repair_text)(text, config)
    rule_edits = list(rules.edits)
    tgt = split_sentences(text)
    units = []
    for s in tgt:
        fs = [f for f in rules.findings if f.kind != "boilerplate" and _overlaps(f, s.start, s.end)]
        if fs:
            units.append({"a": s.start, "b": s.end, "tgt": s.text, "findings": fs})
    back = to_source.translate([to_source.encode_src(u["tgt"]) for u in units], beam_size=opt.beam_size,
                               max_batch_size=opt.max_batch_size)
    for u, h in zip(units, back):
        u["src"] = to_source.decode_tgt(h)
        u["src_tok"] = to_target.encode_src(u["src"])
        u["pieces"] = to_target.encode_tgt_offsets(u["tgt"])
        k = sp.prefix_cut(u["pieces"], u["tgt"], max(0, min(f.start for f in u["findings"]) - u["a"]))
        u["prefix"] = [p for p, _s, _e in u["pieces"][:k]]
        u["prefix_end"] = u["pieces"][k - 1][2] if k else 0
    hyps = to_target.translate([u["src_tok"] for u in units], [u["prefix"] for u in units],
                               beam_size=opt.beam_size, max_batch_size=opt.max_batch_size)
    cands: list[Finding] = [_cand(e.start, e.end, e.replacement, e.rule, 1.0) for e in rule_edits]
    by_unit = {}
    findings = list(rules.findings)
    decisions = []
    for u, h in zip(units, hyps):
        cand = sp.splice(u["tgt"], u["prefix_end"], to_target.decode_tgt(u["prefix"]) if u["prefix"] else "",
                         to_target.decode_tgt(h))
        before = len(u["findings"])
        after = len([f for f in repair_text(cand, config).findings if f.kind != "boilerplate"])
        ok, why = sp.agrees(cand, u["tgt"], u["tgt"])
        same_names = sp.agrees(u["tgt"], cand, cand)[0]
        d = {"tgt_span": [u["a"], u["b"]], "candidate": cand, "findings_before": before, "findings_after": after,
             "chosen": "rules"}
        if locks and cand != u["tgt"] and _locked(sp.diff_edits(u["tgt"], cand, offset=u["a"]), locks):
            d["rejected"] = "touches markup or protected text"
        elif cand != u["tgt"] and after < before and ok and same_names:
            d["chosen"] = "round-trip"
            c = _cand(u["a"], u["b"], cand, RULE_ROUNDTRIP, 2.0)
            cands.append(c)
            by_unit[id(c)] = (u, cand)
        elif not ok or not same_names:
            d["rejected"] = why or "names or numbers changed"
        decisions.append(d)
    chosen, _ = decide(cands, 0.0)
    final_edits: list[Edit] = []
    for c in sorted(chosen, key=lambda c: (c.start, c.end)):
        if id(c) not in by_unit:
            final_edits.append(Edit(c.start, c.end, c.replacement, c.rule))
            continue
        u, cand = by_unit[id(c)]
        for ed in diff_edits(u["tgt"], cand, offset=u["a"], rule=RULE_ROUNDTRIP):
            final_edits.append(ed)
            s, e = ed.start, ed.end
            findings.append(Finding(s, e, _kind_at(rules.findings, s, e), RULE_ROUNDTRIP, "round-trip re-translation",
                                    replacement=ed.replacement, confidence=0.7, text=text[s:e], applied=True,
                                    source="model"))
        findings = [f.with_(applied=False) if f.rule != RULE_ROUNDTRIP and f.applied
                    and _overlaps(f, u["a"], u["b"]) else f for f in findings]
    findings.sort(key=lambda f: (f.start, f.end, f.rule))
    stats = {"sentences": len(tgt), "retranslated": len(units),
             "applied": sum(1 for d in decisions if d["chosen"] == "round-trip"),
             "share_retranslated": round(len(units) / max(len(tgt), 1), 4)}
    return RetranslateResult(text, apply_edits(text, final_edits), findings, final_edits, stats=stats,
                             decisions=decisions)


SEP = "\n\n"


def repair_segments(pairs: list[tuple[str, str]], model=None, config: Config | None = None,
                    options: Options | None = None, rule_pass=None) -> tuple[list[str], RetranslateResult]:
    """Repair the targets of (source, target) segment pairs (a bilingual file): each target
    is linked to its own source, so no alignment is needed.  Without a model only the rules
    run.  Returns the new targets and the result on the joined text."""
    from .align import Link, Sentence

    tparts, sparts, tsent, ssent = [], [], [], []
    tpos = spos = 0
    for i, (s_, t_) in enumerate(pairs):
        tsent.append(Sentence(tpos, tpos + len(t_), t_))
        ssent.append(Sentence(spos, spos + len(s_), s_))
        tparts.append(t_)
        sparts.append(s_)
        tpos += len(t_) + len(SEP)
        spos += len(s_) + len(SEP)
    text, source = SEP.join(tparts), SEP.join(sparts)
    if model is None:
        rules = (rule_pass or repair_text)(text, config or Config())
        res = RetranslateResult(text, rules.output, rules.findings, rules.edits)
    else:
        links = [Link((i,), (i,), 0.0) for i, (s_, t_) in enumerate(pairs) if s_.strip() and t_.strip()]
        al = Alignment(ssent, tsent, links)
        res = repair_with_source(text, source, model, config, options, alignment=al, rule_pass=rule_pass)
    out = []
    for s in tsent:
        inside = [e for e in res.edits if s.start <= e.start and e.end <= s.end]
        out.append(sp.apply_edits(s.text, inside, offset=s.start))
    return out, res
