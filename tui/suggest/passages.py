"""Sentence and paragraph bounds around an offset, for callers that hold only the text.

The corpus segmenter gives a document's sentences; ``prefill_target`` gets a bare text and a
span, so it finds the sentence with this small rule set (a full stop, ! or ? before a capital or a
digit, a line break, or a blank line) — decimals such as "42.5" and "1,5" never end one.
"""

from __future__ import annotations

import re

_SENTENCE_END = re.compile(
    r"\n[ \t]*\n\s*"  # a blank line
    r"|\n\s*"  # a line break (headlines and datelines stand on lines of their own)
    r"|(?<=[.!?…])[\"»”’)\]]*\s+(?=[\"«“„(\[]?[A-ZА-ЯЁ0-9])"
)
_PARAGRAPH_END = re.compile(r"\n[ \t]*\n\s*")
_WINDOW = 2000  # sentences longer than this are cut there; nobody writes a KPI that long


def _bounds(rx: re.Pattern[str], text: str, start: int, end: int) -> tuple[int, int]:
    lo = max(0, start - _WINDOW)
    hi = min(len(text), end + _WINDOW)
    s, e = lo, hi
    for m in rx.finditer(text, lo, hi):
        if m.end() <= start:
            s = m.end()
        elif m.start() >= end:
            e = m.start()
            break
    return s, e


def sentence_bounds(text: str, start: int, end: int | None = None) -> tuple[int, int]:
    """The sentence (or sentences) holding ``text[start:end]``."""
    return _bounds(_SENTENCE_END, text, start, start if end is None else end)


def paragraph_bounds(text: str, start: int, end: int | None = None) -> tuple[int, int]:
    return _bounds(_PARAGRAPH_END, text, start, start if end is None else end)
