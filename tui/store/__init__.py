"""The annotation store on TinyDB (durable, single writer, undoable)."""

from tui.store.errors import DatabaseCorrupt, DatabaseLocked, DatabaseTooNew, StoreError
from tui.store.records import Annotation
from tui.store.store import AnnotationStore, open_read_only

__all__ = [
    "Annotation",
    "AnnotationStore",
    "DatabaseCorrupt",
    "DatabaseLocked",
    "DatabaseTooNew",
    "StoreError",
    "open_read_only",
]
