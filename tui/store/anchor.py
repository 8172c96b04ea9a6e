"""Finding an annotation again after its document's clean text changed.

The quote is searched near the old offset; among several hits the one whose surrounding text
matches the stored prefix/suffix best wins, then the nearest. A quote that is gone verbatim is
tried once more with any run of whitespace matching any other (cleaning often changes spacing).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tui.store.records import CONTEXT, Annotation


@dataclass(frozen=True, slots=True)
class Anchor:
    start: int
    end: int


def _common_suffix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(reversed(a), reversed(b), strict=False):
        if x != y:
            break
        n += 1
    return n


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _score(ann: Annotation, text: str, start: int, end: int) -> tuple[int, int]:
    before = text[max(0, start - CONTEXT):start]
    after = text[end:end + CONTEXT]
    context = _common_suffix(before, ann.prefix) + _common_prefix(after, ann.suffix)
    return (-context, abs(start - ann.start))


def _exact_hits(quote: str, text: str) -> list[tuple[int, int]]:
    hits = []
    at = text.find(quote)
    while at >= 0:
        hits.append((at, at + len(quote)))
        at = text.find(quote, at + 1)
    return hits


def _loose_hits(quote: str, text: str) -> list[tuple[int, int]]:
    words = quote.split()
    if not words:
        return []
    pattern = re.compile(r"\s+".join(re.escape(w) for w in words))
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


def find_anchor(ann: Annotation, text: str) -> Anchor | None:
    """Where ``ann`` sits in ``text`` now, or ``None`` when its quote is gone."""
    s, e = ann.start, ann.end
    if (0 <= s <= e <= len(text) and text[s:e] == ann.quote
            and text[max(0, s - CONTEXT):s] == ann.prefix and text[e:e + CONTEXT] == ann.suffix):
        return Anchor(s, e)  # nothing around it changed; a bare quote match could be another copy
    if not ann.quote.strip():
        return None
    hits = _exact_hits(ann.quote, text) or _loose_hits(ann.quote, text)
    if not hits:
        return None
    start, end = min(hits, key=lambda h: _score(ann, text, *h))
    return Anchor(start, end)
