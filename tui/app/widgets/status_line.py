"""The status line: where the cursor is, the figure under it, and whether the last change is saved."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Static

from tui.session import CursorInfo


class StatusLine(Horizontal):
    """Left: cursor info. Right: the save indicator, lit only once the store acknowledged a write."""

    def compose(self) -> ComposeResult:
        yield Static(id="status-info", markup=False)
        yield Static(id="status-saved", markup=False)

    def show_info(self, info: CursorInfo | None, extra: str = "") -> None:
        parts: list[str | tuple[str, str]] = []
        if info is not None:
            parts.append((info.position, "$text-muted"))
        if extra:
            # right after the position: what the last key did must not be cut off at the end
            parts += ["  ", (extra, "bold $success" if extra.startswith("✓") else "$warning")]
        if info is not None:
            if info.selection:
                parts += ["  ", (info.selection, "bold $accent")]
            if info.figure:
                parts += ["  ", ("figure: ", "$text-muted"), (info.figure, "bold")]
            if info.annotation:
                parts += ["  ", ("here: ", "$text-muted"), (info.annotation, "bold")]
            if info.suggestion:
                parts += ["  ", ("suggested: ", "$text-muted"), (info.suggestion, "italic"),
                          (" (a accept · x reject)", "$text-muted")]
        content = Content.assemble(*parts)
        box = self.query_one("#status-info", Static)
        if content != box.visual:
            box.update(content, layout=False)  # fixed size: a re-layout per key would cost ~15 ms

    def show_saved(self, what: str) -> None:
        """Called after the store returned: the change is on disk."""
        box = self.query_one("#status-saved", Static)
        box.update(Content.assemble(("✓ saved", "bold $success")), layout=False)
        box.tooltip = what or None
        box.set_class(False, "-error")

    def show_error(self, message: str) -> None:
        box = self.query_one("#status-saved", Static)
        box.update(Content.assemble(("✗ not saved", "bold $error")), layout=False)
        box.set_class(True, "-error")
        box.tooltip = message

    def show_read_only(self, reason: str) -> None:
        box = self.query_one("#status-saved", Static)
        box.update(Content.assemble(("READ-ONLY", "bold reverse $warning")), layout=False)
        box.tooltip = reason
