"""Loading, cleaning and segmenting a corpus of scraped texts (no Textual here)."""

from tui.corpus.document import Corpus, Document, OffsetMap, Removed, Sentence, Skipped
from tui.corpus.pipeline import open_corpus, prepare_document

__all__ = [
    "Corpus",
    "Document",
    "OffsetMap",
    "Removed",
    "Sentence",
    "Skipped",
    "open_corpus",
    "prepare_document",
]
