"""Edit the free-text note of an annotation: enter or ctrl+s saves, escape cancels."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Static, TextArea


class NoteDialog(ModalScreen[str | None]):
    CSS_PATH = "note.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        # Priority: the text area would otherwise take enter as a new line.
        Binding("enter,ctrl+s", "save", "Save", priority=True),
        Binding("ctrl+j,shift+enter", "newline", "New line", priority=True),
        Binding("escape", "cancel", "Cancel", priority=True),
    ]

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical(id="note-box"):
            yield Static("Note", id="note-title")
            yield TextArea(self.text, id="note-text", soft_wrap=True)
            yield Static("enter or ctrl+s saves · ctrl+j new line · escape cancels", id="note-hint")
        yield Footer()

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def action_save(self) -> None:
        self.dismiss(self.query_one(TextArea).text.strip())

    def action_newline(self) -> None:
        self.query_one(TextArea).insert("\n")

    def action_cancel(self) -> None:
        self.dismiss(None)
