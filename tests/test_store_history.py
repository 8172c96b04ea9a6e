"""Undo and redo of every change of a session."""

from __future__ import annotations

from pathlib import Path

from tui.store import Annotation, AnnotationStore
from tui.store.store import open_read_only

TEXT = "The Digital Economy national project will bring 97% of households broadband by 2024."


def ann(start: int, end: int) -> Annotation:
    return Annotation.anchored(TEXT, start, end, doc="d", kind="initiative", label="np.digital_economy")


def snapshot(store: AnnotationStore) -> dict[str, tuple[int, int, str]]:
    return {a.id: (a.start, a.end, a.note) for a in store.all()}


def test_undo_everything_then_redo_everything(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    with AnnotationStore(db) as s:
        assert (s.undo(), s.redo(), s.can_undo, s.can_redo) == (None, None, False, False)
        states = [snapshot(s)]
        a = s.add(ann(4, 19))
        states.append(snapshot(s))
        b = s.add(ann(48, 51))
        states.append(snapshot(s))
        s.update(a.id, note="checked", end=36)
        states.append(snapshot(s))
        s.delete(b.id)
        states.append(snapshot(s))
        s.update(a.id, note="rechecked")
        states.append(snapshot(s))
        for expected in reversed(states[:-1]):
            assert s.undo() is not None
            assert snapshot(s) == expected
        assert not s.can_undo and s.can_redo and s.undo() is None
        for expected in states[1:]:
            assert s.redo() is not None
            assert snapshot(s) == expected
        assert not s.can_redo
        s.undo()
        s.undo()  # back to before the delete of b
        final = snapshot(s)
    with open_read_only(db) as viewer:  # undo and redo are saved like any change
        assert snapshot(viewer) == final


def test_undo_returns_the_record_it_touched(tmp_path: Path) -> None:
    with AnnotationStore(tmp_path / "db.json") as s:
        a = s.add(ann(4, 19))
        edited = s.update(a.id, note="n")
        s.delete(a.id)
        assert s.undo() == edited  # the delete undone: the record is back
        assert s.undo() == a  # the edit undone: the record as it was
        assert s.undo() == a and s.get(a.id) is None  # the add undone: what was removed
        assert s.redo() == a and s.get(a.id) == a


def test_a_new_change_clears_redo(tmp_path: Path) -> None:
    with AnnotationStore(tmp_path / "db.json") as s:
        a = s.add(ann(4, 19))
        s.undo()
        assert s.can_redo
        s.add(ann(48, 51))
        assert not s.can_redo and s.redo() is None and s.get(a.id) is None
