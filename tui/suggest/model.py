"""The suggestion record."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A proposed annotation; ``key`` is stable across runs so a rejection can be remembered."""

    doc: str
    kind: str  # "initiative" | "target"
    label: str
    start: int
    end: int
    attrs: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    reason: str = ""

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.label}:{self.start}:{self.end}"
