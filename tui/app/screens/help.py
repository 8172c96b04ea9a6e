"""Every key binding, grouped by where it applies; scrolls, and escape or ? closes it."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

Section = tuple[str, list[tuple[str, str]]]


def bindings_table(rows: list[tuple[str, str]], key_width: int = 0) -> Content:
    """Keys in a padded first column, so descriptions line up (and stay aligned without colour)."""
    if not rows:
        return Content("(none)")
    width = max(key_width, max(len(key) for key, _ in rows) + 2)
    lines = [
        Content.assemble((key.ljust(width), "bold $text-accent"), (description, "$foreground"))
        for key, description in rows
    ]
    return Content("\n").join(lines)


class HelpScreen(ModalScreen[None]):
    CSS_PATH = "help.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark", "close", "Close"),
        Binding("j", "scroll('down')", "Down", show=False),
        Binding("k", "scroll('up')", "Up", show=False),
    ]

    def __init__(self, sections: list[Section]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box"):
            yield Static("Keys  ·  escape or ? closes", id="help-title")
            # One key column width for every section, so all descriptions start at the same place.
            key_width = max((len(key) + 2 for _, rows in self.sections for key, _ in rows), default=0)
            with VerticalScroll(id="help-scroll"):
                for title, rows in self.sections:
                    yield Static(Content(title), classes="help-section")
                    yield Static(bindings_table(rows, key_width), classes="help-rows")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#help-scroll").focus()

    def action_close(self) -> None:
        self.dismiss(None)

    def action_scroll(self, direction: str) -> None:
        scroll = self.query_one("#help-scroll", VerticalScroll)
        if direction == "down":
            scroll.scroll_down()
        else:
            scroll.scroll_up()
