"""Text-level helpers shared by the export formats: span trimming and passage units."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from tui.corpus import Document, Sentence

# Trailing/leading sentence punctuation never belongs to a label; "%" or "$" do, so they stay.
EDGE_PUNCT = frozenset(".,;:!?…")
PAIRS = {"(": ")", "[": "]", "{": "}", "«": "»", "“": "”", "„": "“", "‘": "’"}
CLOSERS = {v: k for k, v in PAIRS.items()}
STRAIGHT_QUOTES = frozenset("\"'")
_PAIRED = PAIRS.keys() | CLOSERS.keys() | STRAIGHT_QUOTES


def _drop_first(inner: str) -> bool:
    """Whether the span's first character is a quote or bracket without its partner inside."""
    ch = inner[0]
    if ch in STRAIGHT_QUOTES:
        return inner.count(ch) == 1
    if ch in PAIRS:
        return PAIRS[ch] not in inner[1:]
    return ch in CLOSERS


def _drop_last(inner: str) -> bool:
    ch = inner[-1]
    if ch in STRAIGHT_QUOTES:
        return inner.count(ch) == 1
    if ch in CLOSERS:
        return CLOSERS[ch] not in inner[:-1]
    return ch in PAIRS


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``[start, end)`` past spaces, sentence punctuation and unbalanced quotes/brackets.

    A bracket or quote is kept when its partner is inside the span ("Digital Economy (DE)"),
    so trimming never leaves half a pair behind. Returns ``start == end`` when nothing is left.
    """
    while start < end:
        before = (start, end)
        while start < end and (text[start].isspace() or text[start] in EDGE_PUNCT):
            start += 1
        while end > start and (text[end - 1].isspace() or text[end - 1] in EDGE_PUNCT):
            end -= 1
        # the span is copied to look for a partner only when a quote or bracket ends it
        if start < end and text[start] in _PAIRED and _drop_first(text[start:end]):
            start += 1
        if start < end and text[end - 1] in _PAIRED and _drop_last(text[start:end]):
            end -= 1
        if (start, end) == before:
            break
    return start, end


def passage_units(doc: Document, spans: Iterable[tuple[int, int]]) -> list[tuple[int, int, int | None]]:
    """Passages of ``doc`` as ``(start, end, first_sentence_index)``.

    A passage is a sentence; sentences that an annotation crosses are joined into one passage so
    that no exported span is cut in two, and an annotation outside every sentence becomes its own
    passage (index None).
    """
    sentences: Sequence[Sentence] = doc.sentences
    if not sentences:
        return [(0, len(doc.text), None)] if doc.text else []
    items: list[tuple[int, int, int | None]] = [(s.start, s.end, i) for i, s in enumerate(sentences)]
    items.extend((s, e, None) for s, e in spans)
    items.sort(key=lambda it: (it[0], -it[1]))
    merged: list[list[Any]] = []
    for s, e, idx in items:
        if merged and s < merged[-1][1]:
            last = merged[-1]
            last[1] = max(last[1], e)
            if last[2] is None or (idx is not None and idx < last[2]):
                last[2] = idx if last[2] is None else min(last[2], idx)
        else:
            merged.append([s, e, idx])
    units = []
    for s, e, idx in merged:
        # segmenters may leave the space between sentences inside one; a passage starts on its text
        while s < e and doc.text[s].isspace():
            s += 1
        while e > s and doc.text[e - 1].isspace():
            e -= 1
        if s < e:
            units.append((s, e, idx))
    return units


def context_of(doc: Document, start: int, end: int) -> tuple[int, int]:
    """The sentence(s) around ``[start, end)`` as clean-text offsets (the whole text if unsegmented)."""
    if not doc.sentences:
        return 0, len(doc.text)
    first = doc.sentence_at(start)
    last = doc.sentence_at(max(start, end - 1))
    assert first is not None and last is not None
    s, e = min(doc.sentences[first].start, start), max(doc.sentences[last].end, end)
    while s < start and doc.text[s].isspace():
        s += 1
    while e > end and doc.text[e - 1].isspace():
        e -= 1
    return s, e
