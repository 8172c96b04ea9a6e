"""Shown while the corpus loads: which folder, and a progress bar over its files.

Until the fast listing is there it fills the screen; once the document list is up it shrinks to
one line above it ("indexing 1,234/10,000 files") while the background pass fills the rows in.
The messages of that background pass live here too: they mean nothing outside loading.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import ProgressBar, Static

from tui.corpus import Corpus


class CorpusIndexed(Message):
    """The fast pass is done: the list can show ``corpus`` (rows may still be filled in)."""

    def __init__(self, corpus: Corpus) -> None:
        super().__init__()
        self.corpus = corpus


class CorpusUpdated(Message):
    """The background pass learnt these documents' titles, dates and passage counts."""

    def __init__(self, doc_ids: list[str]) -> None:
        super().__init__()
        self.doc_ids = doc_ids


class CorpusLoading(Vertical):
    def __init__(self, source: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._source = source
        self._compact = False

    def compose(self) -> ComposeResult:
        with Horizontal(id="loading-row"):
            yield Static(f"Loading {self._source} …", id="loading-label", markup=False)
            yield ProgressBar(id="loading-bar", show_eta=False)

    def progress(self, done: int, total: int) -> None:
        self.query_one(ProgressBar).update(total=max(total, 1), progress=done)
        if self._compact:
            self.query_one("#loading-label", Static).update(f"Indexing {done:,}/{total:,} files ")

    def compact(self) -> None:
        """One line above the list (inline styles: they win over the app's full-screen layout)."""
        self._compact = True
        self.styles.height = 1
        self.styles.padding = 0
        self.styles.margin = 0
        label = self.query_one("#loading-label", Static)
        label.styles.margin = 0
        label.update("Indexing the corpus … ")
        self.query_one("#loading-row").styles.height = 1
        self.display = True
