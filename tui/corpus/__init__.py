"""Loading, cleaning and segmenting a corpus of scraped texts (no Textual here)."""

from tui.corpus.document import Corpus, DocInfo, Document, Notice, OffsetMap, Removed, Sentence, Skipped
from tui.corpus.index import LazyCorpus, index_corpus, scan_corpus
from tui.corpus.pipeline import open_corpus, open_paths, prepare_document

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
