"""Loading, cleaning and segmenting a corpus of scraped texts (no Textual here).

Names are imported on first use: the ``figures`` command reads files with ``tui.corpus.loader``
and should not load the index, the cache and the cleaner to do it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.lazy import lazy_names

if TYPE_CHECKING:
    from tui.corpus.document import Corpus, DocInfo, Document, Notice, OffsetMap, Removed, Sentence, Skipped
    from tui.corpus.index import LazyCorpus, index_corpus, scan_corpus
    from tui.corpus.pipeline import open_corpus, open_paths, prepare_document

_MODULES = {
    "Corpus": "document",
    "DocInfo": "document",
    "Document": "document",
    "Notice": "document",
    "OffsetMap": "document",
    "Removed": "document",
    "Sentence": "document",
    "Skipped": "document",
    "LazyCorpus": "index",
    "index_corpus": "index",
    "scan_corpus": "index",
    "open_corpus": "pipeline",
    "open_paths": "pipeline",
    "prepare_document": "pipeline",
}

__all__ = [
    "Corpus",
    "DocInfo",
    "Document",
    "LazyCorpus",
    "Notice",
    "OffsetMap",
    "Removed",
    "Sentence",
    "Skipped",
    "index_corpus",
    "open_corpus",
    "open_paths",
    "prepare_document",
    "scan_corpus",
]

__getattr__ = lazy_names(__name__, _MODULES)
