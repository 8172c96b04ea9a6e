"""An append-only JSONL journal: one change a line, fsync'd before the change counts as saved.

A kill can only tear the last line (it was never acknowledged), so replay ignores a last line
without its newline; a bad line anywhere else means the file was damaged and is reported.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson

from tui.files import fsync_dir
from tui.store.errors import DatabaseCorrupt


def read_journal(path: Path) -> Iterator[dict[str, Any]]:
    """The acknowledged entries of a journal (none when it is missing)."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return
    lines = raw.split(b"\n")
    complete, torn = lines[:-1], lines[-1]
    del torn  # written by a process killed mid-line: never acknowledged
    for number, line in enumerate(complete, 1):
        if not line.strip():
            continue
        try:
            entry = orjson.loads(line)
        except orjson.JSONDecodeError as e:
            raise DatabaseCorrupt(path, f"journal entry does not parse: {e.msg}", number, e.colno) from None
        if not isinstance(entry, dict) or "op" not in entry:
            raise DatabaseCorrupt(path, "journal entry has no 'op'", number, 1)
        yield entry


class Journal:
    """The writer's open journal file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        existed = path.exists()
        self._fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        if not existed:
            fsync_dir(path.parent)
        self.size = os.fstat(self._fd).st_size
        self._damaged = False

    def append(self, entries: list[dict[str, Any]]) -> None:
        """Write ``entries`` and fsync; on any error the journal is cut back to what it held before."""
        data = b"".join(orjson.dumps(e) + b"\n" for e in entries)
        try:
            if self._damaged:
                self._cut()
            view = memoryview(data)
            while view:
                view = view[os.write(self._fd, view):]
            os.fsync(self._fd)
        except OSError:
            self._damaged = True
            with contextlib.suppress(OSError):
                self._cut()
            raise
        self.size += len(data)

    def _cut(self) -> None:
        # A half-written entry must not stay in front of the next one.
        os.ftruncate(self._fd, self.size)
        os.fsync(self._fd)
        self._damaged = False

    def clear(self) -> None:
        """Empty the journal once its entries are safe in the database file."""
        os.ftruncate(self._fd, 0)
        os.fsync(self._fd)
        self.size = 0

    def close(self) -> None:
        with contextlib.suppress(OSError):
            os.close(self._fd)
