"""When the garbage collector's full passes run: not in the middle of typing, but in the next pause.

What the start builds is frozen (see ``NatprojApp``), yet the lines the widgets keep drawn and the
list rows made since then add up: with 100,000 annotations a full pass walked 80,000 objects in
13-26 ms, once every eight keys or so, inside the frame of whichever key came then. Young and
middle passes still run as usual; only the full pass waits for a pause in the keys.

The same pause lets go of the widgets of closed dialogs: Textual keeps the last 1,024 widgets'
style caches (with every line they drew) in an ``lru_cache`` on a method (Textual issue #6665),
so each picker opened added 1,800 objects and 0.25 MB that every full pass walked again.
"""

from __future__ import annotations

import gc
import time

from textual._styles_cache import StylesCache

PAUSE = 0.5  # seconds without a key that count as a pause
# middle passes since the last full one after which a full pass runs even while keys keep coming
# (Python's own rule: about 10), so cyclic garbage cannot pile up in a long run of keys
OVERDUE = 20
NEVER = 1_000_000_000  # a third threshold the middle passes never reach


class IdleCollector:
    """Holds Python's automatic full passes off; ``tick()``, called often, runs one in a pause."""

    def __init__(self) -> None:
        self._saved: tuple[int, int, int] | None = None
        self._last_key = time.monotonic()
        self._owed = False  # keys came since the last full pass

    def hold(self) -> None:
        if self._saved is None:
            self._saved = gc.get_threshold()
            gc.set_threshold(self._saved[0], self._saved[1], NEVER)

    def release(self) -> None:
        if self._saved is not None:
            gc.set_threshold(*self._saved)
            self._saved = None

    def key(self) -> None:
        self._last_key = time.monotonic()
        self._owed = True

    def since_key(self) -> float:
        """Seconds since the last key (the app's idle flush waits for a pause too)."""
        return time.monotonic() - self._last_key

    def tick(self) -> bool:
        """Run a full pass if one is owed and the keys have paused (or it is long overdue)."""
        if self._saved is None or not gc.isenabled():
            return False
        paused = self._owed and self.since_key() >= PAUSE
        if not paused and gc.get_count()[2] < OVERDUE:
            return False
        forget = getattr(StylesCache.get_inner_outer, "cache_clear", None)
        if forget is not None:  # gone once Textual fixes #6665
            forget()
        gc.collect()
        self._owed = False
        return True
