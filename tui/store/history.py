"""Undo and redo over a session's changes: each step is a record's state before and after."""

from __future__ import annotations

from dataclasses import dataclass

from tui.store.records import Annotation


@dataclass(frozen=True, slots=True)
class Step:
    before: Annotation | None  # None: the change was an add
    after: Annotation | None  # None: the change was a delete

    def inverse(self) -> Step:
        return Step(self.after, self.before)


class History:
    def __init__(self) -> None:
        self._done: list[Step] = []
        self._undone: list[Step] = []

    @property
    def can_undo(self) -> bool:
        return bool(self._done)

    @property
    def can_redo(self) -> bool:
        return bool(self._undone)

    def record(self, step: Step) -> None:
        self._done.append(step)
        self._undone.clear()

    def next_undo(self) -> Step | None:
        return self._done[-1] if self._done else None

    def next_redo(self) -> Step | None:
        return self._undone[-1] if self._undone else None

    def undone(self) -> None:
        """The step from ``next_undo`` was applied (only called once it is saved)."""
        self._undone.append(self._done.pop())

    def redone(self) -> None:
        self._done.append(self._undone.pop())
