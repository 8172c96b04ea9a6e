"""Target (KPI) candidates built from the figures of a sentence, with their attributes pre-filled."""

from __future__ import annotations

import bisect
import re
from typing import Any

from tui.corpus.document import Document
from tui.figures.model import Figure
from tui.labels import LabelSchema
from tui.suggest import cues
from tui.suggest.initiatives import best_initiative, suggest_initiatives
from tui.suggest.metric import Metric, counted_noun, find_metric
from tui.suggest.model import Suggestion
from tui.suggest.passages import paragraph_bounds, sentence_bounds
from tui.suggest.regions import find_regions, main_region

# kinds that can be a KPI's value; years, dates and durations are context, not targets
VALUE_KINDS = ("percent", "number", "money", "range")
_FEDERAL_LEVELS = ("national_project", "federal_project")


_YEAR_CONTEXT = re.compile(r"(?:\b(?:in|by|to|until|since|of|from|в|к|до|с)\s+$)", re.IGNORECASE)
_YEAR_AFTER = re.compile(r"\s*(?:год|г\.)", re.IGNORECASE)


def _value_figures(figures: list[Figure], lo: int, hi: int) -> list[Figure]:
    return [f for f in figures if lo <= f.start and f.end <= hi and f.kind in VALUE_KINDS]


def _looks_like_year(text: str, fig: Figure) -> bool:
    """A bare "2024" a detector called a number: "in 2024", «в 2024 году» are dates, not values."""
    if fig.kind != "number" or not re.fullmatch(r"(?:19|20)\d\d", fig.text):
        return False
    before = text[max(0, fig.start - 12):fig.start]
    return bool(_YEAR_CONTEXT.search(before) or _YEAR_AFTER.match(text, fig.end))


def is_candidate(fig: Figure) -> bool:
    """A figure worth proposing as a target: not a small count written as a word ("five pilot
    regions", "two agencies") — those name how many things there are, not a KPI."""
    small_word = (fig.kind == "number" and fig.unit is None and isinstance(fig.value, (int, float))
                  and fig.value >= 1 and fig.value < 10 and not any(ch.isdigit() for ch in fig.text))
    return not small_word


def _region(text: str, lo: int, hi: int, schema: LabelSchema) -> str | None:
    """A region named in the sentence; else, unless the sentence is about a federal or national
    project, the paragraph's, else the one the whole text is about."""
    named = find_regions(text, lo, hi)
    if named:
        return named[0][2]
    for sug in suggest_initiatives("", text[lo:hi], schema):
        lab = schema.get(sug.label)
        if lab is not None and lab.level in _FEDERAL_LEVELS:
            return None
    p0, p1 = paragraph_bounds(text, lo, hi)
    named = find_regions(text, p0, p1)
    return named[0][2] if named else main_region(text)


def _fill(text: str, fig: Figure | None, lo: int, hi: int, figures: list[Figure],
          schema: LabelSchema) -> tuple[dict[str, Any], Metric | None]:
    at = fig.start if fig is not None else lo
    value: float | int | None = fig.value if fig is not None else None
    baseline: float | int | None = None
    if fig is not None and fig.kind == "range":  # "from 42.5 to 70 per cent": where it starts and the aim
        baseline, value = fig.low, fig.high
    state = cues.status(text, lo, hi, at)
    metric = find_metric(text, lo, hi, fig, figures) if fig is not None else None
    # only the sentence: on the seeds, falling back to the paragraph linked 3 of 19 gold targets to
    # an initiative named in a neighbouring sentence and none right
    initiative = best_initiative(text, lo, hi, schema)
    return {
        "metric": metric.text if metric else "",
        "value": value,
        "unit": (fig.unit or counted_noun(text, fig, hi)) if fig is not None else None,
        "qualifier": fig.qualifier if fig is not None else None,
        "deadline": cues.deadline(text, lo, hi, at, is_goal=state == "goal"),
        "baseline": baseline,
        "region": _region(text, lo, hi, schema),
        "status": state,
        "initiative": initiative,
    }, metric


def prefill_target(text: str, start: int, end: int, figures: list[Figure],
                   schema: LabelSchema) -> dict[str, Any]:
    """The target form's starting values for ``text[start:end]``: the first value figure in the span
    (else in its sentence, nearest to the span), its deadline, status, region, metric and initiative."""
    lo, hi = sentence_bounds(text, start, end)
    inside = _value_figures(figures, start, end)
    if inside:
        fig: Figure | None = inside[0]
    else:
        near = _value_figures(figures, lo, hi)
        mid = (start + end) / 2
        fig = min(near, key=lambda f: abs((f.start + f.end) / 2 - mid)) if near else None
    lo, hi = min(lo, start), max(hi, end)
    here = [f for f in figures if lo <= f.start < hi]
    return _fill(text, fig, lo, hi, here, schema)[0]


def _sentences(doc: Document) -> list[tuple[int, int]]:
    if doc.sentences:
        return [(s.start, s.end) for s in doc.sentences]
    out, pos = [], 0
    while pos < len(doc.text):
        lo, hi = sentence_bounds(doc.text, pos)
        if hi <= pos:
            break
        out.append((lo, hi))
        pos = hi + 1
    return out


def suggest_targets(doc: Document, figures: list[Figure], schema: LabelSchema) -> list[Suggestion]:
    """One candidate per value figure of each sentence, spanning the figure and its metric phrase.

    A figure that sits inside another figure's metric ("93 percent of communities with population
    over 2,000 people") describes that metric and is not a target of its own."""
    text = doc.text
    figures = sorted(figures, key=lambda f: f.start)
    starts = [f.start for f in figures]
    out: list[Suggestion] = []
    keys: set[str] = set()
    for lo, hi in _sentences(doc):
        here = figures[bisect.bisect_left(starts, lo):bisect.bisect_left(starts, hi)]
        covered: list[tuple[int, int]] = []
        for fig in _value_figures(here, lo, hi):
            if not is_candidate(fig) or _looks_like_year(text, fig):
                continue
            if any(s <= fig.start and fig.end <= e for s, e in covered):  # part of an earlier metric
                continue
            attrs, metric = _fill(text, fig, lo, hi, here, schema)
            start, end = fig.start, fig.end
            if metric is not None:
                start, end = min(start, metric.start), max(end, metric.end)
                covered.append((metric.start, metric.end))
            reason = f"{fig.kind} {fig.text!r}" + (f", {attrs['status']}" if attrs["status"] else "")
            sug = Suggestion(doc.id, "target", "target", start, end, attrs, reason)
            if sug.key in keys:  # two figures, one phrase: fall back to the figure
                sug = Suggestion(doc.id, "target", "target", fig.start, fig.end, attrs, reason)
            keys.add(sug.key)
            out.append(sug)
    return out
