"""Search the whole corpus for a phrase: which documents hold it, and where the next match is.

Plain Python (no Textual): the palette's "search the corpus" and the `//` prefix of the reader's
search box both use it. Matching is the reader's: case-insensitive, the phrase taken literally.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from tui.corpus import Document

PREFIX = "/"  # a search-box query starting with this (typed as "//word") searches the corpus
MIN_QUERY = 2  # shorter queries would list nearly every document


@dataclass(frozen=True, slots=True)
class CorpusHit:
    """A document holding the phrase: how often, and where first (an offset of its clean text)."""

    doc_id: str
    title: str
    count: int
    first: int


def pattern(query: str) -> re.Pattern[str] | None:
    query = query.strip()
    if len(query) < MIN_QUERY:
        return None
    return re.compile(re.escape(query), re.IGNORECASE)


def corpus_hits(documents: Iterable[Document], query: str, *, limit: int = 50) -> list[CorpusHit]:
    """Documents holding ``query``, in corpus order, at most ``limit`` of them."""
    found = pattern(query)
    if found is None:
        return []
    hits = []
    for doc in documents:
        first = found.search(doc.text)
        if first is None:
            continue
        hits.append(CorpusHit(doc.id, doc.title or doc.id, sum(1 for _ in found.finditer(doc.text)),
                              first.start()))
        if len(hits) >= limit:
            break
    return hits


def next_in_corpus(ids: list[str], get: Callable[[str], Document | None], query: str,
                   doc_id: str | None, pos: int) -> tuple[str, int] | None:
    """The next match after ``pos`` in ``doc_id``, else the first one in the documents after it
    (wrapping round to the start of ``doc_id``); None when the corpus has none.

    Documents are fetched with ``get`` one by one and the scan stops at the first match, so a lazy
    corpus prepares only the documents it passes."""
    found = pattern(query)
    if found is None or not ids:
        return None
    k = ids.index(doc_id) if doc_id in ids else -1
    if k >= 0 and (doc := get(ids[k])) is not None:
        here = found.search(doc.text, pos + 1)
        if here is not None:
            return ids[k], here.start()
    order = ids[k + 1:] + ids[: k + 1] if k >= 0 else ids
    for other in order:
        doc = get(other)
        m = found.search(doc.text) if doc is not None else None
        if m is not None:
            return other, m.start()
    return None
