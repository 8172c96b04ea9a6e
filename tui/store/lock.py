"""One writer per database: an OS lock on ``<db>.lock`` holding the owner's pid.

The kernel frees the lock when its holder dies (even by SIGKILL), so a stale lock file is simply
locked again by the next writer; the pid inside is only there for the message.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from tui.store.errors import DatabaseLocked

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


class WriterLock:
    def __init__(self, path: Path, db: Path) -> None:
        self.path = path
        self._fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            self._acquire(db)
        except BaseException:
            os.close(self._fd)
            raise
        # The pid is only for the message a second instance gets: on a full disk, hold the lock
        # without it rather than refuse to open a database that can still be read.
        with contextlib.suppress(OSError):
            os.ftruncate(self._fd, 0)
            os.pwrite(self._fd, f"{os.getpid()}\n".encode(), 0)

    def _acquire(self, db: Path) -> None:
        try:
            if fcntl is not None:
                fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            else:  # pragma: no cover - Windows
                import msvcrt

                msvcrt.locking(self._fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            raise DatabaseLocked(db, holder_pid(self.path)) from None

    def release(self) -> None:
        if self._fd < 0:
            return
        with contextlib.suppress(OSError):
            os.ftruncate(self._fd, 0)
        os.close(self._fd)  # closing drops the lock
        self._fd = -1


def holder_pid(path: Path) -> int | None:
    try:
        return int(path.read_text(encoding="ascii").strip() or 0) or None
    except (OSError, ValueError):
        return None
