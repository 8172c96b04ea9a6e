"""Placeholder: target candidates from figures (owner replaces internals)."""

from __future__ import annotations

from typing import Any

from tui.corpus.document import Document
from tui.figures.model import Figure
from tui.labels import LabelSchema
from tui.suggest.model import Suggestion


def prefill_target(text: str, start: int, end: int, figures: list[Figure], schema: LabelSchema) -> dict[str, Any]:
    inside = [f for f in figures if f.start >= start and f.end <= end and f.kind in ("percent", "number", "money")]
    fig = inside[0] if inside else None
    return {
        "metric": "",
        "value": fig.value if fig else None,
        "unit": fig.unit if fig else None,
        "qualifier": fig.qualifier if fig else None,
        "deadline": None,
        "baseline": None,
        "region": None,
        "status": "goal",
        "initiative": None,
    }


def suggest_targets(doc: Document, figures: list[Figure], schema: LabelSchema) -> list[Suggestion]:
    return []
