"""Shown while the corpus loads: which folder, and how many of its files are indexed.

Until the fast listing is there it fills the screen; once the document list is up it shrinks to
one line above it ("indexing 1,234/10,000 files") while the background pass fills the rows in.
The messages of that background pass live here too: they mean nothing outside loading.

The count and its bar are one line of text, redrawn in place. Textual's ProgressBar, and a label
whose width followed the count, made each report re-lay out and repaint the screen: during a cold
fill of 10,000 files that was most of the screen thread's time, taken from the indexing thread.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Static

from tui.app.widgets.progress_bar import text_bar
from tui.corpus import Corpus

BAR_CELLS = 20


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

    def progress(self, done: int, total: int) -> None:
        what = "Indexing" if self._compact else f"Loading {self._source}:"
        line = f"{what} {done:,}/{total:,} files  {text_bar(done / total if total else 0.0, BAR_CELLS)}"
        # the compact line's width is fixed (1fr), so a new count needs no new layout
        self.query_one("#loading-label", Static).update(line, layout=not self._compact)

    def compact(self) -> None:
        """One line above the list (inline styles: they win over the app's full-screen layout)."""
        self._compact = True
        self.styles.height = 1
        self.styles.padding = 0
        self.styles.margin = 0
        label = self.query_one("#loading-label", Static)
        label.styles.margin = 0
        label.styles.padding = (0, 1)  # in line with the list's text below it
        label.styles.width = "1fr"
        label.update("Indexing the corpus … ")
        self.query_one("#loading-row").styles.height = 1
        self.display = True
