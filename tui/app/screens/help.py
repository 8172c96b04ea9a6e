"""Every key binding, grouped by where it applies; scrolls, and escape or ? closes it."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

Section = tuple[str, list[tuple[str, str]]]


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
                    # a grid, not one text: a long description wraps under itself, not under the keys
                    grid = Grid(classes="help-rows")
                    grid.styles.grid_columns = f"{key_width} 1fr"
                    with grid:
                        for key, description in rows or [("", "(none)")]:
                            yield Static(Content.styled(key, "bold $text-accent"), classes="help-key")
                            yield Static(Content(description), classes="help-description")
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
