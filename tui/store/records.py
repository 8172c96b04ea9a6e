"""The annotation record as stored, exported and imported."""

from __future__ import annotations

import copy
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

KINDS = ("initiative", "target")
SCOPES = ("passage", "span")
ORIGINS = ("manual", "suggestion", "import")
STATUSES = ("todo", "in_progress", "done", "skipped")
CONTEXT = 32  # characters of prefix/suffix kept for re-anchoring


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def new_id() -> str:
    return uuid.uuid4().hex


@dataclass(slots=True)
class Annotation:
    """One label on a document's clean text; ``quote == text[start:end]`` when anchored."""

    doc: str
    kind: str
    label: str
    start: int
    end: int
    quote: str
    prefix: str = ""
    suffix: str = ""
    scope: str = "span"
    attrs: dict[str, Any] = field(default_factory=dict)
    note: str = ""
    annotator: str = ""
    origin: str = "manual"
    doc_sha256: str = ""
    orphaned: bool = False
    id: str = field(default_factory=new_id)
    created: str = field(default_factory=now_iso)
    updated: str = ""

    def __post_init__(self) -> None:
        if not self.updated:
            self.updated = self.created

    @classmethod
    def anchored(cls, text: str, start: int, end: int, **fields: Any) -> Annotation:
        """Build a record whose quote, prefix and suffix come from ``text``."""
        return cls(
            start=start,
            end=end,
            quote=text[start:end],
            prefix=text[max(0, start - CONTEXT):start],
            suffix=text[end:end + CONTEXT],
            **fields,
        )

    def to_dict(self) -> dict[str, Any]:
        # dataclasses.asdict deep-copies field by field: 40 µs a record, most of an export's time
        # at 100,000 records; only ``attrs`` is mutable, and it is copied (deeply only when nested)
        out = {name: getattr(self, name) for name in self.__dataclass_fields__}
        attrs = self.attrs
        nested = any(isinstance(v, (dict, list)) for v in attrs.values())
        out["attrs"] = copy.deepcopy(attrs) if nested else dict(attrs)
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Annotation:
        known = {k: data[k] for k in cls.__dataclass_fields__ if k in data}
        return cls(**known)
