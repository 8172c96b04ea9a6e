"""The annotation store: TinyDB file + fsync'd journal, one writer, undo/redo, re-anchoring.

Every change is appended to ``<db>.journal`` and fsync'd before it is applied in memory and
acknowledged (well under a frame even at 100,000 records); the TinyDB file itself is rewritten
atomically (temp + fsync + ``os.replace``) on open after a crash, on ``flush()`` when idle and on
close, and the journal is then emptied. Replaying a journal is idempotent, so a kill between the
rewrite and the emptying loses nothing.
"""

from __future__ import annotations

import dataclasses
import errno
import gc
import hashlib
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import TracebackType
from typing import Any

from tinydb import TinyDB

from tui.store.anchor import find_anchor
from tui.store.errors import DatabaseCorrupt, StoreError
from tui.store.history import History, Step
from tui.store.journal import Journal, read_journal
from tui.store.layout import Record, State, build, doc_of, state_from_tables
from tui.store.lock import WriterLock
from tui.store.records import CONTEXT, KINDS, STATUSES, Annotation, now_iso
from tui.store.snapshot import decode_fast, encode
from tui.store.storage import AtomicJSONStorage, parse_json, read_bytes

BIG = 20_000  # records after which a full GC pass is worth avoiding (it stalls ~100 ms at 100k)


def journal_path(db: Path) -> Path:
    return db.with_name(db.name + ".journal")


def lock_path(db: Path) -> Path:
    return db.with_name(db.name + ".lock")


def _why(e: OSError) -> str:
    return e.strerror or str(e) or type(e).__name__


def _replay(state: State, entries: Iterable[dict[str, Any]], where: Path) -> int:
    """Apply journal entries to ``state``; each entry is a full new value, so replay is idempotent."""
    n = 0
    for n, entry in enumerate(entries, 1):
        op = entry["op"]
        try:
            if op == "put":
                ann = Annotation.from_dict(entry["ann"])
                state.annotations[ann.id] = ann
            elif op == "del":
                state.annotations.pop(entry["id"], None)
            elif op == "status":
                state.statuses[entry["doc"]] = (entry["status"], entry.get("updated", ""))
            elif op == "reject":
                state.rejected.setdefault(entry["doc"], set()).add(entry["key"])
            elif op == "unreject":
                state.rejected.get(entry["doc"], set()).discard(entry["key"])
            else:
                raise DatabaseCorrupt(where, f"unknown journal entry '{op}' (from a newer natproj-tui?)")
        except (KeyError, TypeError) as e:
            raise DatabaseCorrupt(where, f"journal entry {n} is incomplete ({e})") from None
    return n


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class AnnotationStore:
    """One database file, open for writing (locked) or read-only (never writes anything)."""

    def __init__(self, path: Path | str, *, annotator: str = "", read_only: bool = False) -> None:
        self.path = Path(path)
        self.journal_path = journal_path(self.path)
        self.lock_path = lock_path(self.path)
        if not annotator:
            from tui.paths import default_annotator  # the login name, as --annotator defaults to

            annotator = default_annotator()
        self.annotator = annotator
        self.read_only = read_only
        self._lock: WriterLock | None = None
        self._journal: Journal | None = None
        self._history = History()
        self._by_doc: dict[str, dict[str, Record]] = {}
        self._sorted: dict[str, list[Annotation]] = {}
        self._sha: dict[str, str] = {}  # doc -> sha256 of the text last given to reanchor()
        self._closed = False
        if read_only:
            self._state = self._load()
        else:
            self._open_for_writing()
        by_doc = self._by_doc
        for ann_id, rec in self._state.annotations.items():  # inlined: 100,000 turns at open
            doc = rec["doc"] if type(rec) is dict else rec.doc  # type: ignore[union-attr]
            in_doc = by_doc.get(doc)
            if in_doc is None:
                in_doc = by_doc[doc] = {}
            in_doc[ann_id] = rec
        if len(self._state.annotations) > BIG:
            gc.freeze()  # the loaded records live all session: keep them out of every GC pass

    # -- opening -------------------------------------------------------------------------------

    def _load(self) -> State:
        # A full GC pass triggered by the 100,000s of new dicts would double the load time.
        enabled = gc.isenabled()
        gc.disable()
        try:
            return self._load_files()
        finally:
            if enabled:
                gc.enable()

    def _load_files(self) -> State:
        if not self.path.exists() and self.journal_path.exists() and self.journal_path.stat().st_size:
            raise DatabaseCorrupt(self.journal_path, "a journal without its database file; move it away")
        raw = read_bytes(self.path)
        fast = decode_fast(raw) if raw else None
        if fast is not None:
            head, records = fast
            state = state_from_tables(self.path, head)
            state.annotations.update(records)
        else:
            state = state_from_tables(self.path, parse_json(self.path, raw))
        self._replayed = _replay(state, read_journal(self.journal_path), self.journal_path)
        return state

    def _open_for_writing(self) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._lock = WriterLock(self.lock_path, self.path)
        except OSError as e:
            if isinstance(e, PermissionError) or e.errno == errno.EROFS:
                raise StoreError(
                    f"{self.path}: cannot write here ({_why(e)}); use --read-only or another --db"
                ) from None
            raise StoreError(f"{self.path}: cannot open the database ({_why(e)})") from None
        try:
            if self.path.exists() and not os.access(self.path, os.W_OK):
                raise StoreError(f"{self.path}: the file is read-only; use --read-only or another --db")
            self._state = self._load()
            self._db = TinyDB(self.path, storage=AtomicJSONStorage)
            if self._replayed or not self.path.exists() or self.path.stat().st_size == 0:
                self._rewrite()  # fold a crashed session's journal in (or create the file)
            self._journal = Journal(self.journal_path)
            if self._journal.size:
                self._journal.clear()
        except BaseException:
            self._release()
            raise

    # -- writing -------------------------------------------------------------------------------

    def _writable(self) -> Journal:
        if self._closed:
            raise StoreError(f"{self.path}: the database is closed")
        if self._journal is None:
            raise StoreError(f"{self.path} is open read-only; nothing can be changed")
        return self._journal

    def _save(self, entries: list[dict[str, Any]]) -> None:
        journal = self._writable()
        try:
            journal.append(entries)
        except OSError as e:
            raise StoreError(f"{self.path}: could not save ({_why(e)}); the change was not applied") from None

    def _put(self, ann: Annotation) -> None:
        old = self._state.annotations.get(ann.id)
        if old is not None and doc_of(old) != ann.doc:
            self._drop(self._live(old))
        self._state.annotations[ann.id] = ann
        self._by_doc.setdefault(ann.doc, {})[ann.id] = ann
        self._sorted.pop(ann.doc, None)

    def _drop(self, ann: Annotation) -> None:
        self._state.annotations.pop(ann.id, None)
        in_doc = self._by_doc.get(ann.doc, {})
        in_doc.pop(ann.id, None)
        if not in_doc:
            self._by_doc.pop(ann.doc, None)
        self._sorted.pop(ann.doc, None)

    def _apply(self, target: Annotation | None, current: Annotation | None) -> None:
        """Make the record ``target`` (or, when None, remove ``current``) durable, then live."""
        if target is None:
            assert current is not None
            self._save([{"op": "del", "id": current.id, "doc": current.doc}])
            self._drop(current)
        else:
            self._save([{"op": "put", "ann": target}])
            self._put(target)

    def add(self, ann: Annotation) -> Annotation:
        """Store a new record (durable on return); fills its annotator and text hash when empty."""
        if ann.id in self._state.annotations:
            raise ValueError(f"annotation {ann.id} is already in {self.path}")
        if ann.kind not in KINDS:
            raise ValueError(f"unknown annotation kind {ann.kind!r} (one of {', '.join(KINDS)})")
        if not 0 <= ann.start <= ann.end:
            raise ValueError(f"bad offsets [{ann.start}, {ann.end})")
        ann = dataclasses.replace(
            ann,
            annotator=ann.annotator or self.annotator,
            doc_sha256=ann.doc_sha256 or self._sha.get(ann.doc, ""),
        )
        self._apply(ann, None)
        self._history.record(Step(None, ann))
        return ann

    def add_many(self, anns: Iterable[Annotation],
                 statuses: dict[str, str] | None = None) -> list[Annotation]:
        """Store many records, and document ``statuses``, as one journal write with one fsync: all of
        them or, on a failed write, none (imports, merges); not undoable step by step."""
        new = [
            dataclasses.replace(a, annotator=a.annotator or self.annotator,
                                doc_sha256=a.doc_sha256 or self._sha.get(a.doc, ""))
            for a in anns
        ]
        ids = {a.id for a in new}
        if len(ids) < len(new) or ids & self._state.annotations.keys():
            raise ValueError(f"duplicate annotation ids for {self.path}")
        statuses = statuses or {}
        for status in statuses.values():
            if status not in STATUSES:
                raise ValueError(f"unknown status {status!r} (one of {', '.join(STATUSES)})")
        stamp = now_iso()
        entries: list[dict[str, Any]] = [{"op": "put", "ann": a} for a in new]
        entries += [{"op": "status", "doc": doc, "status": st, "updated": stamp}
                    for doc, st in statuses.items()]
        if entries:
            self._save(entries)
            for a in new:
                self._put(a)
            for doc, st in statuses.items():
                self._state.statuses[doc] = (st, stamp)
        return new

    def update(self, ann_id: str, **changes: Any) -> Annotation:
        """Change fields of a record (durable on return); ``updated`` is set to now."""
        old = self._get_or_raise(ann_id)
        if "id" in changes and changes["id"] != ann_id:
            raise ValueError("an annotation's id cannot change")
        new = dataclasses.replace(old, **{"updated": now_iso(), **changes})
        self._apply(new, old)
        self._history.record(Step(old, new))
        return new

    def delete(self, ann_id: str) -> Annotation:
        old = self._get_or_raise(ann_id)
        self._apply(None, old)
        self._history.record(Step(old, None))
        return old

    def _get_or_raise(self, ann_id: str) -> Annotation:
        ann = self.get(ann_id)
        if ann is None:
            raise KeyError(f"no annotation {ann_id} in {self.path}")
        return ann

    def _live(self, rec: Record) -> Annotation:
        """The record, built from its loaded row on first use."""
        if isinstance(rec, Annotation):
            return rec
        ann = build(rec)
        self._state.annotations[ann.id] = ann
        self._by_doc[ann.doc][ann.id] = ann
        return ann

    # -- undo / redo ---------------------------------------------------------------------------

    @property
    def can_undo(self) -> bool:
        return self._history.can_undo

    @property
    def can_redo(self) -> bool:
        return self._history.can_redo

    def _step(self, step: Step) -> Annotation | None:
        current = self.get((step.after or step.before).id)  # type: ignore[union-attr]
        if step.before is None and current is None:
            return step.after  # already gone (should not happen within one writer)
        self._apply(step.before, current)
        return step.before or step.after

    def undo(self) -> Annotation | None:
        """Revert the last change; returns the record it touched (as it is now, or as it was)."""
        step = self._history.next_undo()
        if step is None:
            return None
        self._writable()
        affected = self._step(step)
        self._history.undone()
        return affected

    def redo(self) -> Annotation | None:
        step = self._history.next_redo()
        if step is None:
            return None
        self._writable()
        affected = self._step(step.inverse())
        self._history.redone()
        return affected

    # -- reading -------------------------------------------------------------------------------

    def get(self, ann_id: str) -> Annotation | None:
        rec = self._state.annotations.get(ann_id)
        return None if rec is None else self._live(rec)

    def for_doc(self, doc: str) -> list[Annotation]:
        """The document's records sorted by (start, end); cached until the document changes."""
        cached = self._sorted.get(doc)
        if cached is None:
            live = [self._live(r) for r in list(self._by_doc.get(doc, {}).values())]
            cached = sorted(live, key=lambda a: (a.start, a.end, a.id))
            self._sorted[doc] = cached
        return list(cached)

    def all(self) -> Iterator[Annotation]:
        return iter([self._live(r) for r in list(self._state.annotations.values())])

    def docs(self) -> list[str]:
        """Documents that have at least one annotation."""
        return sorted(self._by_doc)

    def count(self, doc: str | None = None) -> int:
        if doc is None:
            return len(self._state.annotations)
        return len(self._by_doc.get(doc, {}))

    def orphans(self) -> list[Annotation]:
        """Records whose quote was not found in their document's current text."""
        marked = [r for r in self._state.annotations.values()
                  if (r.get("orphaned") if isinstance(r, dict) else r.orphaned)]
        return sorted((self._live(r) for r in marked),
                      key=lambda a: (a.doc, a.start, a.id))

    # -- document status and rejected suggestions ----------------------------------------------

    def status(self, doc: str) -> str:
        return self._state.statuses.get(doc, ("todo", ""))[0]

    def statuses(self) -> dict[str, str]:
        return {doc: status for doc, (status, _) in self._state.statuses.items()}

    def set_status(self, doc: str, status: str) -> None:
        if status not in STATUSES:
            raise ValueError(f"unknown status {status!r} (one of {', '.join(STATUSES)})")
        stamp = now_iso()
        self._save([{"op": "status", "doc": doc, "status": status, "updated": stamp}])
        self._state.statuses[doc] = (status, stamp)

    def reject(self, doc: str, key: str) -> None:
        """Remember that a suggestion was rejected, so it is not offered again."""
        if key in self._state.rejected.get(doc, set()):
            return
        self._save([{"op": "reject", "doc": doc, "key": key}])
        self._state.rejected.setdefault(doc, set()).add(key)

    def unreject(self, doc: str, key: str) -> None:
        if key not in self._state.rejected.get(doc, set()):
            return
        self._save([{"op": "unreject", "doc": doc, "key": key}])
        self._state.rejected[doc].discard(key)

    def rejected(self, doc: str) -> set[str]:
        return set(self._state.rejected.get(doc, set()))

    # -- re-anchoring --------------------------------------------------------------------------

    def reanchor(self, doc: str, text: str) -> list[Annotation]:
        """Move the document's records onto its current ``text``; returns those that are orphaned.

        Records that cannot be found keep their old offsets and quote and are marked orphaned,
        never dropped. When anything moved, the session's undo history is cleared: an undo would
        otherwise put back offsets that belong to the old text.
        """
        sha = sha256_text(text)
        self._sha[doc] = sha
        changed: list[Annotation] = []
        for ann in [self._live(r) for r in list(self._by_doc.get(doc, {}).values())]:
            if ann.doc_sha256 == sha and not ann.orphaned:
                continue
            anchor = find_anchor(ann, text)
            if anchor is None:
                new = dataclasses.replace(ann, orphaned=True)
            else:
                s, e = anchor.start, anchor.end
                new = dataclasses.replace(
                    ann, start=s, end=e, quote=text[s:e], prefix=text[max(0, s - CONTEXT):s],
                    suffix=text[e:e + CONTEXT], orphaned=False, doc_sha256=sha,
                )
            if new != ann:
                changed.append(dataclasses.replace(new, updated=now_iso()))
        if changed and self._journal is not None:
            self._save([{"op": "put", "ann": a} for a in changed])
            for a in changed:
                self._put(a)
            self._history = History()
        elif changed:  # read-only: show the result, write nothing
            for a in changed:
                self._put(a)
        return [a for a in self.for_doc(doc) if a.orphaned]

    # -- file maintenance ----------------------------------------------------------------------

    @property
    def pending(self) -> bool:
        """Changes are in the journal that the TinyDB file does not hold yet."""
        return bool(self._journal and self._journal.size)

    def _rewrite(self) -> None:
        self._db.storage.write_bytes(encode(self._state))

    def compact(self) -> None:
        """Rewrite the TinyDB file atomically from memory and empty the journal."""
        journal = self._writable()
        try:
            self._rewrite()
            journal.clear()
        except OSError as e:
            raise StoreError(f"{self.path}: could not rewrite the database ({_why(e)}); "
                             "your changes are safe in the journal") from None

    def flush(self) -> None:
        """Fold the journal into the TinyDB file if it holds anything (call when idle)."""
        if self.pending:
            self.compact()

    def export_bytes(self) -> bytes:
        """The database as TinyDB would store it (for tests and tools)."""
        return encode(self._state)

    def _release(self) -> None:
        if self._journal is not None:
            self._journal.close()
            self._journal = None
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def close(self) -> None:
        if self._closed:
            return
        try:
            if self.pending:
                self._rewrite()
                assert self._journal is not None
                self._journal.clear()
        except OSError:
            pass  # the journal still holds every change; the next open folds it in
        finally:
            self._closed = True
            self._release()

    def __enter__(self) -> AnnotationStore:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()


def open_read_only(path: Path | str) -> AnnotationStore:
    """Open without the lock and without ever writing (a second viewer, export, stats)."""
    return AnnotationStore(path, read_only=True)
