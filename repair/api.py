"""The Python API: one entry for every kind of input.

    from repair.api import repair
    from repair.config import Config

    res = repair(text, Config(ignore=("G",)), fmt="markdown")
    res.output, res.findings, res.applied

``repair(text, config, *, fmt, source, model, back_model, languagetool)`` returns a
:class:`~repair.pipeline.Result` whose ``input`` is ``text``, ``output`` the repaired text and
``findings`` are in ``text``'s offsets:

- ``fmt``: ``text``, ``markdown``, ``html`` (only the prose changes; markup, suppressed lines and
  the configuration's protected terms are kept), or a bilingual file ``tsv``, ``jsonl``, ``xliff``
  (only the targets change; every other byte is kept; findings in the file's offsets);
- ``source``: the source text the copy was translated from; damaged sentences are re-translated
  with ``model`` and spliced back (needs ``model``);
- ``model``: a loaded model (:func:`repair.retranslate.models.load`) or a model spec (a path or
  ``xx-yy``); with a bilingual file, each target is re-translated from its own source;
- ``back_model``: without a source, a round trip (``back_model``: target → source, ``model``:
  source → target);
- ``languagetool``: a LanguageTool server URL: its matches are added (allow-listed ones applied).

The CLI (``mt-repair fix``/``check``), ``review`` and the batch runner all go through
:func:`prepare` and :func:`finish` (:mod:`repair.jobs`); nothing here imports the CLI, and nothing
of :mod:`repair.retranslate` is imported unless a source or a model is given.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .config import Config
from .pipeline import Result

TEXT_FORMATS = ("text", "markdown", "html")
BILINGUAL_FORMATS = ("tsv", "jsonl", "xliff")
FORMATS = TEXT_FORMATS + BILINGUAL_FORMATS


class ModelNeeded(ValueError):
    """A source or a round trip was asked for without a model (one line; exit 2)."""


@dataclass
class Stage:
    """A repair before its last step: ``result`` is on the prose that was repaired (for a bilingual
    file, its targets joined as paragraphs); :func:`finish` turns it into the file's result."""
    result: Result
    raw: str | None = None                       # a bilingual file: its text
    segments: list = field(default_factory=list)
    starts: list = field(default_factory=list)
    extra: dict = field(default_factory=dict)    # JSON extras of a re-translation


def locked_spans(text: str, fmt: str, config: Config) -> list[tuple[int, int]]:
    """Spans of ``text`` no re-translation may touch: markup, suppressed blocks and lines,
    protected terms."""
    from . import formats

    spans = [(r.start, r.end) for r in formats.regions_for(text, fmt)] if fmt in TEXT_FORMATS else []
    spans += formats.suppressed(text)
    spans += formats._term_spans(text, config.protected)
    return sorted(spans)


def load_model(spec: str | None, compute_type: str = "int8"):
    """A translation model: a path, ``xx-yy``, or ``None`` for ``$MT_REPAIR_MODEL``.  Raises
    ``repair.retranslate.models.ModelError`` (one line)."""
    from .retranslate.models import ModelError, load

    try:
        return load(spec, compute_type=compute_type)
    except ModelError:
        raise
    except Exception as exc:  # noqa: BLE001 - any loader failure is one line
        raise ModelError(f"{spec}: cannot load model ({exc})") from None


def _load(model):
    return load_model(model) if isinstance(model, str) else model


def _extra(res, source) -> dict:
    out = {}
    al = getattr(res, "alignment", None)
    if al is not None and source is not None:
        out["alignment"] = al.to_json()
    if getattr(res, "stats", None):
        out["retranslation"] = {"stats": res.stats, "decisions": res.decisions}
    return out


def prepare(text: str, config: Config | None = None, *, fmt: str = "text", source: str | None = None,
            model=None, back_model=None, options=None, fields: tuple[str, str] | None = None) -> Stage:
    """Every step of :func:`repair` but LanguageTool and, for a bilingual file, the mapping back
    into the file (:func:`finish`)."""
    from .formats import FormatError, repair_document

    config = config or Config()
    if fmt not in FORMATS:
        raise FormatError(f"unknown input format {fmt!r} (known: {', '.join(FORMATS)})")

    def rule_pass(t: str, c: Config) -> Result:
        return repair_document(t, c, "text" if fmt in BILINGUAL_FORMATS else fmt)

    if fmt in BILINGUAL_FORMATS:
        from . import bilingual

        segs = bilingual.read_bilingual(text, fmt, fields)
        joined, starts = bilingual.join_targets(segs)
        if model is not None:
            from .retranslate.engine import repair_segments

            new, res = repair_segments([(s.src, s.tgt) for s in segs], _load(model), config, options,
                                       rule_pass=rule_pass)
            if res.input != joined:  # the engine joins the same way; if not, keep to the rules
                res = rule_pass(joined, config)
            return Stage(res, text, segs, starts, _extra(res, None))
        return Stage(rule_pass(joined, config), text, segs, starts)
    if source is not None or back_model is not None:
        if model is None:
            raise ModelNeeded("--source needs a model: use --model PATH or set MT_REPAIR_MODEL" if source is not None
                              else "--back-model needs --model too (target→source with --back-model, "
                                   "source→target with --model)")
        from .retranslate import engine

        locks = locked_spans(text, fmt, config)
        if source is not None:
            res = engine.repair_with_source(text, source, _load(model), config, options,
                                            rule_pass=rule_pass, locks=locks)
        else:
            res = engine.repair_round_trip(text, _load(back_model), _load(model), config, options,
                                           rule_pass=rule_pass, locks=locks)
        return Stage(res, extra=_extra(res, source))
    return Stage(rule_pass(text, config))


def finish(stage: Stage) -> Result:
    """The result in the input's own terms (a bilingual file: the file's text and offsets)."""
    if stage.raw is None:
        return stage.result
    from . import bilingual

    res = stage.result
    new = bilingual.split_targets(res.input, res.output, stage.segments, stage.starts)
    return bilingual.file_result(stage.raw, stage.segments, stage.starts, res, new)


def add_languagetool(stage: Stage, config: Config, url: str) -> Stage:
    """LanguageTool's matches on the repaired prose (raises ``LanguageToolUnavailable``)."""
    from . import languagetool

    stage.result = languagetool.add_findings(stage.result, config, url)
    return stage


def repair(text: str, config: Config | None = None, *, fmt: str = "text", source: str | None = None,
           model=None, back_model=None, options=None, languagetool: str | None = None,
           fields: tuple[str, str] | None = None) -> Result:
    """Repair ``text`` (see the module's documentation)."""
    config = config or Config()
    stage = prepare(text, config, fmt=fmt, source=source, model=model, back_model=back_model,
                    options=options, fields=fields)
    if languagetool:
        from . import languagetool as lt

        add_languagetool(stage, config, lt.server_url(languagetool))
    return finish(stage)
