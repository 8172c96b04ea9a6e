"""Which language a stretch of text is in (English or Russian), by its letters.

The detector asks only where the notation is ambiguous ("1,587", "100 000"), and looks at the
sentence around the number first, so a Russian quote in an English release reads as Russian.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_CYRILLIC = re.compile(r"[\u0400-\u04ff]+")
_LATIN = re.compile(r"[A-Za-z]+")
_NEXT_WORD = re.compile(r"[ \t\u00a0\u202f\u2009]{0,2}([A-Za-z\u0400-\u04ff])")
WINDOW = 100  # characters either side of a number: about a sentence
SAMPLE = 2000  # characters of a document to decide its language


def script_counts(text: str) -> tuple[int, int]:
    """(Cyrillic letters, Latin letters)."""
    return sum(map(len, _CYRILLIC.findall(text))), sum(map(len, _LATIN.findall(text)))


def detect_language(text: str) -> str:
    """"ru" when Cyrillic letters outnumber Latin ones in the first few thousand characters, else "en"."""
    cyr, lat = script_counts(text[:SAMPLE])
    return "ru" if cyr > lat else "en"


def local_language(text: str, start: int, end: int, default: Callable[[], str]) -> str:
    """The language of the number at ``start:end``: the word right after it decides ("1,587 press
    releases", "1,5 млн"), else the sentence's letters when they lean clearly (2:1) one way, else
    ``default()`` (the document's language, worked out only when needed)."""
    nxt = _NEXT_WORD.match(text, end)
    if nxt:
        return "ru" if _CYRILLIC.match(nxt.group(1)) else "en"
    lo = max(0, start - WINDOW)
    hi = end + WINDOW
    # the sentence the number is in: cut the window at sentence ends on either side
    left = text[lo:start]
    cut = max(left.rfind(". "), left.rfind("\n"))
    if cut >= 0:
        lo += cut + 1
    right = text[end:hi]
    ends = [i for i in (right.find(". "), right.find("\n")) if i >= 0]
    if ends:
        hi = end + min(ends)
    cyr, lat = script_counts(text[lo:hi])
    if cyr >= 2 * lat and cyr >= 3:
        return "ru"
    if lat >= 2 * cyr and lat >= 3:
        return "en"
    return default()
