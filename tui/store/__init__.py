"""The annotation store on TinyDB (durable, single writer, undoable).

Names are imported on first use, so a command that only needs ``StoreError`` does not load TinyDB.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.lazy import lazy_names

if TYPE_CHECKING:
    from tui.store.errors import DatabaseCorrupt, DatabaseLocked, DatabaseTooNew, StoreError
    from tui.store.records import Annotation
    from tui.store.store import AnnotationStore, open_read_only

_MODULES = {
    "DatabaseCorrupt": "errors",
    "DatabaseLocked": "errors",
    "DatabaseTooNew": "errors",
    "StoreError": "errors",
    "Annotation": "records",
    "AnnotationStore": "store",
    "open_read_only": "store",
}

__all__ = [
    "Annotation",
    "AnnotationStore",
    "DatabaseCorrupt",
    "DatabaseLocked",
    "DatabaseTooNew",
    "StoreError",
    "open_read_only",
]

__getattr__ = lazy_names(__name__, _MODULES)
