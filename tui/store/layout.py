"""The TinyDB file's tables, its schema version, and the checks that a file really is ours.

Tables: ``meta`` (one row: schema name and version), ``annotations`` (one row per record, the
uuid in ``id`` is the identity: TinyDB's own doc ids are renumbered on every rewrite),
``documents`` (doc, status, updated) and ``rejected`` (doc, key).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from tui.store.errors import DatabaseCorrupt, DatabaseTooNew
from tui.store.records import STATUSES, Annotation

SCHEMA = "natproj-tui"
VERSION = 1
TABLES = ("_default", "meta", "annotations", "documents", "rejected")
REQUIRED = frozenset(("id", "doc", "kind", "label", "start", "end", "quote"))
FIELDS = frozenset(Annotation.__dataclass_fields__)


class Raw:
    """A record still as the JSON bytes it was read from; parsed on first use."""

    __slots__ = ("data", "doc")

    def __init__(self, doc: str, data: bytes) -> None:
        self.doc = doc
        self.data = data

    def row(self) -> dict[str, Any]:
        return orjson.loads(self.data)

    @property
    def orphaned(self) -> bool:
        return b'"orphaned":true' in self.data


Record = Annotation | dict[str, Any] | Raw


@dataclass
class State:
    """Everything a database holds, in memory."""

    annotations: dict[str, Record] = field(default_factory=dict)  # dict or Raw: not built yet
    statuses: dict[str, tuple[str, str]] = field(default_factory=dict)  # doc -> (status, updated)
    rejected: dict[str, set[str]] = field(default_factory=dict)


def _rows(path: Path, data: dict[str, Any], table: str) -> list[dict[str, Any]]:
    rows = data.get(table, {})
    if not isinstance(rows, dict):
        raise DatabaseCorrupt(path, f"table '{table}' is not an object")
    out = list(rows.values())
    for row in out:
        if not isinstance(row, dict):
            raise DatabaseCorrupt(path, f"a row of table '{table}' is not an object")
    return out


def state_from_tables(path: Path, data: dict[str, Any] | None) -> State:
    """Check the shape of a parsed file and build the state; ``DatabaseCorrupt`` says what is wrong."""
    state = State()
    if data is None:
        return state
    unknown = sorted(set(data) - set(TABLES))
    if unknown:
        raise DatabaseCorrupt(path, f"wrong shape: unexpected table '{unknown[0]}'")
    meta = _rows(path, data, "meta")
    if meta:
        version = meta[0].get("version")
        if meta[0].get("schema") != SCHEMA or not isinstance(version, int):
            raise DatabaseCorrupt(path, "wrong shape: the meta table is not natproj-tui's")
        if version > VERSION:
            raise DatabaseTooNew(path, version, VERSION)
    for row in _rows(path, data, "annotations"):
        if not row.keys() >= REQUIRED:
            missing = [k for k in ("id", "doc", "kind", "label", "start", "end", "quote") if k not in row]
            raise DatabaseCorrupt(path, f"wrong shape: an annotation has no '{missing[0]}'")
        if type(row["start"]) is not int or type(row["end"]) is not int or type(row["id"]) is not str:
            raise DatabaseCorrupt(path, f"wrong shape: annotation {row['id']} has a non-integer offset or id")
        # Rows stay plain dicts until first used: building 100,000 records up front doubles the open.
        state.annotations[row["id"]] = row if row.keys() <= FIELDS else Annotation.from_dict(row)
    for row in _rows(path, data, "documents"):
        if row.get("status") not in STATUSES or not isinstance(row.get("doc"), str):
            raise DatabaseCorrupt(path, "wrong shape: a documents row has no doc or an unknown status")
        state.statuses[row["doc"]] = (row["status"], str(row.get("updated", "")))
    for row in _rows(path, data, "rejected"):
        if not isinstance(row.get("doc"), str) or not isinstance(row.get("key"), str):
            raise DatabaseCorrupt(path, "wrong shape: a rejected row has no doc or key")
        state.rejected.setdefault(row["doc"], set()).add(row["key"])
    return state


def doc_of(rec: Record) -> str:
    return rec["doc"] if isinstance(rec, dict) else rec.doc


def build(rec: Record) -> Annotation:
    """The record as an Annotation (rows with keys we do not know go through from_dict)."""
    if isinstance(rec, Annotation):
        return rec
    row = rec.row() if isinstance(rec, Raw) else rec
    return Annotation(**row) if row.keys() <= FIELDS else Annotation.from_dict(row)
