"""The reader pane: a title line with the document's metadata, the text, and the search box."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Static

from tui.app.widgets.document_view import DocumentView
from tui.corpus import Document


def title_content(doc: Document, status: str, raw: bool) -> Content:
    meta = " · ".join(p for p in (doc.date or doc.date_text, doc.place, doc.source, doc.lang,
                                  status.replace("_", " ")) if p)
    return Content.assemble(
        (doc.title or doc.id, "bold"),
        "\n",
        ("RAW VIEW: removed text and why (r: back)  ", "bold $warning") if raw else "",
        (meta, "$text-muted"),
    )


class ReaderPane(Vertical):
    def compose(self) -> ComposeResult:
        yield Static(id="doc-title", markup=False)
        yield DocumentView(id="reader")
        yield Input(placeholder="search this document (enter: next match, esc: close)", id="search")

    @property
    def view(self) -> DocumentView:
        return self.query_one(DocumentView)

    @property
    def search_input(self) -> Input:
        return self.query_one("#search", Input)

    def show_title(self, doc: Document | None, status: str = "", raw: bool = False) -> None:
        # fixed height: no re-layout of the screen for a new title
        title = title_content(doc, status, raw) if doc else ""
        self.query_one("#doc-title", Static).update(title, layout=False)
