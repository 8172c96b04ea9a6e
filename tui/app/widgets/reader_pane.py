"""The reader pane: a title line with the document's metadata, the text, and the search box."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Static

from tui.app.widgets.document_view import DocumentView
from tui.corpus import Document

SEARCH_HINT = "search this document · //phrase searches the corpus · enter: go · esc: close"


def title_content(doc: Document, status: str, raw: bool) -> Content:
    meta = " · ".join(p for p in (doc.date or doc.date_text, doc.place, doc.source, doc.lang,
                                  status.replace("_", " ")) if p)
    return Content.assemble(
        (doc.title or doc.id, "bold"),
        "\n",
        ("RAW VIEW: removed text and why (r: back)  ", "bold $warning") if raw else "",
        (meta, "$text-muted"),
    )


class SearchInput(Input):
    """The search box; escape closes it and gives the reader back its keys."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.close_search", "close search"),
    ]


class ReaderPane(Vertical):
    _title: tuple[object, ...] = ()  # what #doc-title was drawn from

    def compose(self) -> ComposeResult:
        yield Static(id="doc-title", markup=False)
        yield DocumentView(id="reader")
        yield SearchInput(placeholder=SEARCH_HINT, id="search", compact=True)

    @property
    def view(self) -> DocumentView:
        return self.query_one(DocumentView)

    @property
    def search_input(self) -> Input:
        return self.query_one("#search", Input)

    def set_search(self, value: str) -> None:
        """Show the box holding ``value`` without searching again (no Changed message)."""
        box = self.search_input
        with box.prevent(Input.Changed):
            box.value = value
        box.cursor_position = len(value)
        box.display = True

    def close_search(self) -> None:
        box = self.search_input
        with box.prevent(Input.Changed):
            box.value = ""
        box.display = False

    def show_title(self, doc: Document | None, status: str = "", raw: bool = False) -> None:
        # fixed height: no re-layout of the screen for a new title; and a label key, which asks
        # for the title again, draws it again only when the status changed
        before = self._title
        if before and before[0] is doc and before[1:] == (status, raw):
            return
        self._title = (doc, status, raw)
        title = title_content(doc, status, raw) if doc else ""
        self.query_one("#doc-title", Static).update(title, layout=False)
