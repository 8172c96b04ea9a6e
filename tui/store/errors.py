"""What can go wrong with a database, each with a message a user can act on."""

from __future__ import annotations

from pathlib import Path


class StoreError(Exception):
    """A database problem; ``str(err)`` is one line naming the file."""


class DatabaseLocked(StoreError):
    """Another natproj-tui holds the write lock."""

    def __init__(self, path: Path, pid: int | None) -> None:
        who = f"pid {pid}" if pid else "pid unknown"
        super().__init__(f"{path} is open in another natproj-tui ({who}); use --read-only or another --db")
        self.path = path
        self.pid = pid


class DatabaseCorrupt(StoreError):
    """The file does not parse or has the wrong shape; it is left untouched."""

    def __init__(self, path: Path, reason: str, line: int | None = None, col: int | None = None) -> None:
        where = f", line {line} col {col}" if line is not None else ""
        super().__init__(
            f"{path}: not a natproj-tui database ({reason}{where}); it was left untouched"
            " — move it away or use --db"
        )
        self.path = path
        self.reason = reason
        self.line = line
        self.col = col


class DatabaseTooNew(DatabaseCorrupt):
    """Written by a newer natproj-tui: ours, but in a layout this version cannot read safely."""

    def __init__(self, path: Path, version: int, known: int) -> None:
        StoreError.__init__(
            self,
            f"{path}: written by a newer natproj-tui (database version {version}, this one reads up to "
            f"{known}); it was left untouched — upgrade natproj-tui to open it",
        )
        self.path = path
        self.reason = f"database version {version} is newer than {known}"
        self.line = None
        self.col = None
        self.version = version
