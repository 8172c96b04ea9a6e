"""The document list: title, date, source, status and a bar of annotated passages; filterable."""

from __future__ import annotations

from contextlib import suppress
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from tui.app.commands import LIST, bindings
from tui.app.messages import DocumentChosen
from tui.app.widgets.progress_bar import text_bar
from tui.session import DocRow

BAR = 10
STATUS_MARK = {"todo": "○", "in_progress": "◐", "done": "●", "skipped": "⊘"}
STATUS_STYLE = {
    "todo": "$text-muted", "in_progress": "$warning", "done": "$success", "skipped": "$text-muted",
}


def row_prompt(row: DocRow) -> Content:
    """Two lines: the title, then status, date, source and the progress bar."""
    mark = STATUS_MARK.get(row.status, "?")
    meta = " · ".join(p for p in (row.date, row.source) if p)
    return Content.assemble(
        (row.title, "bold"),
        "\n",
        (f"{mark} {row.status.replace('_', ' ')}", STATUS_STYLE.get(row.status, "")),
        ("  " + meta if meta else "", "$text-muted"),
        "\n",
        (text_bar(row.progress, BAR), "$accent"),
        (f" {row.annotated}/{row.passages}", "$text-muted"),
        (f" · {row.annotations} ann." if row.annotations else "", "$text-muted"),
    )


class DocumentList(OptionList):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "down", show=False),
        Binding("k", "cursor_up", "up", show=False),
        *bindings(LIST),
    ]


class DocumentPane(Vertical):
    """The filter box (shown on /) above the list; posts DocumentChosen."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close_filter", "clear filter", show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._rows: list[DocRow] = []
        self.query_text = ""

    def compose(self) -> ComposeResult:
        yield Input(placeholder="filter: title, date, source, status", id="doc-filter")
        yield DocumentList(id="doc-list")

    @property
    def option_list(self) -> DocumentList:
        return self.query_one(DocumentList)

    @property
    def filter_input(self) -> Input:
        return self.query_one("#doc-filter", Input)

    def set_rows(self, rows: list[DocRow], *, keep: str | None = None) -> None:
        """Show ``rows`` (those matching the filter); keep ``keep`` highlighted when it is there."""
        self._rows = rows
        self._fill(keep)

    def _fill(self, keep: str | None = None) -> None:
        lst = self.option_list
        current = keep or (lst.highlighted_option.id if lst.highlighted_option else None)
        shown = [r for r in self._rows if r.matches(self.query_text)]
        options: list[Option | None] = []
        for r in shown:
            options += [Option(row_prompt(r), id=r.id), None]  # None: a divider line between documents
        lst.set_options(options[:-1])
        ids = [r.id for r in shown]
        if ids:
            lst.highlighted = ids.index(current) if current in ids else 0

    def update_row(self, row: DocRow) -> None:
        self._rows = [row if r.id == row.id else r for r in self._rows]
        with suppress(OptionDoesNotExist):  # filtered out of view: nothing on screen to change
            self.option_list.replace_option_prompt(row.id, row_prompt(row))

    def visible_ids(self) -> list[str]:
        return [o.id for o in self.option_list.options if o.id is not None]

    def highlight(self, doc_id: str) -> None:
        ids = self.visible_ids()
        if doc_id in ids:
            self.option_list.highlighted = ids.index(doc_id)

    def open_filter(self) -> None:
        self.filter_input.display = True
        self.filter_input.focus()

    def action_close_filter(self) -> None:
        if self.query_text or self.filter_input.display:
            self.filter_input.value = ""
            self.query_text = ""
            self.filter_input.display = False
            self._fill()
        self.option_list.focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "doc-filter":
            event.stop()
            self.query_text = event.value
            self._fill()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "doc-filter":
            event.stop()
            if not event.value:
                self.filter_input.display = False
            self.option_list.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(DocumentChosen(event.option.id))
