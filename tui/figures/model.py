"""The record a figure detector returns."""

from __future__ import annotations

from dataclasses import dataclass

KINDS = ("percent", "number", "money", "year", "date", "range", "duration")
QUALIFIERS = ("up_to", "over", "about", "at_least", "less_than")


@dataclass(frozen=True, slots=True)
class Figure:
    """One figure in a text: ``text == source[start:end]``.

    ``value`` is the normalised number (``"115 million"`` -> 115000000, ``"42.5 per cent"`` -> 42.5),
    None for ranges and dates; ranges carry ``low``/``high`` instead.
    """

    start: int
    end: int
    text: str
    kind: str
    value: float | int | None = None
    unit: str | None = None
    qualifier: str | None = None
    low: float | int | None = None
    high: float | int | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "kind": self.kind,
            "value": self.value,
            "unit": self.unit,
            "qualifier": self.qualifier,
            "low": self.low,
            "high": self.high,
        }
