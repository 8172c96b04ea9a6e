"""Placeholder: initiatives found by the schema's aliases (owner replaces internals)."""

from __future__ import annotations

from tui.labels import LabelSchema
from tui.suggest.model import Suggestion


def suggest_initiatives(doc_id: str, text: str, schema: LabelSchema) -> list[Suggestion]:
    out = []
    low = text.casefold()
    for lab in schema.labels:
        for alias in lab.aliases:
            i = low.find(alias.casefold())
            if i >= 0:
                out.append(Suggestion(doc_id, "initiative", lab.id, i, i + len(alias), reason=f"alias {alias!r}"))
                break
    return sorted(out, key=lambda s: (s.start, s.end))
