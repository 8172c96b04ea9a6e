"""Shown while the corpus loads: which folder, and a progress bar over its files."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import ProgressBar, Static


class CorpusLoading(Vertical):
    def __init__(self, source: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._source = source

    def compose(self) -> ComposeResult:
        yield Static(f"Loading {self._source} …", id="loading-label", markup=False)
        yield ProgressBar(id="loading-bar", show_eta=False)

    def progress(self, done: int, total: int) -> None:
        self.query_one(ProgressBar).update(total=max(total, 1), progress=done)
