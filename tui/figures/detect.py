"""Placeholder detector (the figures owner replaces this module's internals)."""

from __future__ import annotations

import re

from tui.figures.model import Figure

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*(?:\s?(?:%|percent|per cent))?")


def find_figures(text: str, lang: str | None = None) -> list[Figure]:
    out = []
    for m in _NUMBER.finditer(text):
        s = m.group(0)
        kind = "percent" if s.endswith(("%", "percent", "per cent")) else "number"
        out.append(Figure(m.start(), m.end(), s, kind, None))
    return out
