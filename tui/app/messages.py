"""Messages the app's widgets and workers post; the app decides what they mean."""

from __future__ import annotations

from textual.message import Message

from tui.corpus import Corpus


class CorpusProgress(Message):
    """The loading worker read ``done`` of ``total`` files."""

    def __init__(self, done: int, total: int) -> None:
        super().__init__()
        self.done = done
        self.total = total


class CorpusLoaded(Message):
    def __init__(self, corpus: Corpus) -> None:
        super().__init__()
        self.corpus = corpus


class CorpusFailed(Message):
    """The corpus could not be opened at all (a missing folder, say); ``reason`` is one line."""

    def __init__(self, reason: str) -> None:
        super().__init__()
        self.reason = reason


class DocumentChosen(Message):
    """The user picked a document in the list (enter or click)."""

    def __init__(self, doc_id: str) -> None:
        super().__init__()
        self.doc_id = doc_id


class ReaderClicked(Message):
    """A click in the reader at ``offset`` of the clean text."""

    def __init__(self, offset: int) -> None:
        super().__init__()
        self.offset = offset


class ReaderDragged(Message):
    """The mouse is dragging in the reader from ``start`` to ``end`` (offsets of the clean text)."""

    def __init__(self, start: int, end: int) -> None:
        super().__init__()
        self.start = start
        self.end = end
