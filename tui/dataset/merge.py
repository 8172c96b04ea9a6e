"""Joining annotators' databases into one: every annotator's records kept, duplicates joined."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from tui.dataset.export import store_statuses
from tui.dataset.importer import span_key
from tui.store import Annotation, AnnotationStore

# When annotators disagree on a document's status, the furthest along wins.
STATUS_RANK = {"todo": 0, "skipped": 1, "in_progress": 2, "done": 3}


@dataclass
class MergeResult:
    read: int = 0
    written: int = 0
    duplicates: int = 0
    statuses: int = 0


def newer(a: Annotation, b: Annotation) -> Annotation:
    """The more recently updated record (ties: the later created, then the larger id, so it is stable)."""
    return max(a, b, key=lambda r: (r.updated, r.created, r.id))


def merge_annotations(sources: Iterable[Iterable[Annotation]]) -> tuple[list[Annotation], int]:
    """Annotations of all sources with duplicates joined: the same id, or the same doc, kind, label,
    start, end and annotator, is one record (the newest ``updated`` wins). Returns (records, joined)."""
    by_id: dict[str, Annotation] = {}
    read = 0
    for source in sources:
        for ann in source:
            read += 1
            by_id[ann.id] = newer(by_id[ann.id], ann) if ann.id in by_id else ann
    by_key: dict[tuple, Annotation] = {}
    for ann in by_id.values():
        key = span_key(ann)
        by_key[key] = newer(by_key[key], ann) if key in by_key else ann
    merged = sorted(by_key.values(), key=lambda a: (a.doc, a.start, a.end, a.id))
    return merged, read - len(merged)


def merge_statuses(sources: Iterable[dict[str, str]]) -> dict[str, str]:
    merged: dict[str, str] = {}
    for statuses in sources:
        for doc, status in statuses.items():
            if STATUS_RANK.get(status, 0) > STATUS_RANK.get(merged.get(doc, "todo"), 0):
                merged[doc] = status
    return merged


def merge_stores(stores: list[AnnotationStore], target: AnnotationStore) -> MergeResult:
    """Write the merge of ``stores`` into ``target`` (an empty database)."""
    anns, joined = merge_annotations(list(s.all()) for s in stores)
    statuses = merge_statuses(store_statuses(s) for s in stores)
    result = MergeResult(read=len(anns) + joined, duplicates=joined)
    for ann in anns:
        target.add(ann)
        result.written += 1
    for doc, status in sorted(statuses.items()):
        if status != "todo":
            target.set_status(doc, status)
            result.statuses += 1
    return result
