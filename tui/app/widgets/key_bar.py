"""The footer: the keys that apply now, redrawn as one line of text (two on a tall screen).

Textual's Footer rebuilds a widget per key whenever bindings change (100+ ms here, on every cursor
move into or out of an annotation); this draws the same information as a single line for ~1 ms.
"""

from __future__ import annotations

from itertools import groupby

from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget

KEY_STYLE = "bold $footer-key-foreground"
DESCRIPTION_STYLE = "$footer-description-foreground"
TWO_LINES_FROM = 30  # terminal rows from which the keys may take a second line rather than be cut


class KeyBar(Widget):
    """The bottom line(s): "? help  jk sentence  i initiative …  ^p palette"."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._content = Content("")
        self._entries: list[Content] = []

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        # a dialog covers the keys (its own footer shows its keys): blank while one is open
        self.app.screen_change_signal.subscribe(self, lambda _: self._layout())
        self._bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)
        self.app.screen_change_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if screen is not self.screen:
            return
        self._entries = self._build()
        self._layout()

    def on_resize(self) -> None:
        self._layout()

    def _layout(self) -> None:
        """Fill lines entry by entry; a second line only on a tall screen, where it costs little.

        A dialog keeps the height as it is and blanks the keys (its own footer covers the last
        line): a new height would lay out and draw the whole screen behind the dialog, which made
        the picker come up 15 ms later."""
        width = max(self.size.width, 1)
        tall = self.app.size.height >= TWO_LINES_FROM
        lines: list[list[Content]] = [[]]
        used = 0
        for entry in self._entries:
            if used and used + entry.cell_length > width and tall and len(lines) < 2:
                lines.append([])
                used = 0
            lines[-1].append(entry)
            used += entry.cell_length
        content = Content("\n").join(Content.assemble(*line) for line in lines)
        if self.app.screen is not self.screen:
            content = Content("\n" * (len(lines) - 1))
        if content != self._content:
            self._content = content
            if self.styles.height is None or self.styles.height.value != len(lines):
                self.styles.height = len(lines)
            self.refresh()

    def _build(self) -> list[Content]:
        """One piece per key (or group of keys) that applies now, the palette last."""
        app = self.app
        active = self.screen.active_bindings
        palette = active.get(app.COMMAND_PALETTE_BINDING) if app.ENABLE_COMMAND_PALETTE else None
        shown: list[tuple[Binding, bool]] = []
        seen: set[str] = set()
        for _, binding, enabled, _ in active.values():
            if binding.show and binding.action not in seen and binding.key != app.COMMAND_PALETTE_BINDING:
                seen.add(binding.action)
                shown.append((binding, enabled))
        entries: list[Content] = []
        for group, items in groupby(shown, key=lambda item: item[0].group):
            members = list(items)
            if group is not None and len(members) > 1:
                keys = "".join(app.get_key_display(b) for b, _ in members)
                enabled = any(e for _, e in members)
                entries.append(Content.assemble((f" {keys} ", KEY_STYLE if enabled else "dim"),
                                                (group.description, DESCRIPTION_STYLE), " "))
            else:
                for b, enabled in members:
                    entries.append(Content.assemble(
                        (f" {app.get_key_display(b)} ", KEY_STYLE if enabled else "dim"),
                        (b.description, DESCRIPTION_STYLE if enabled else "dim"), " "))
        if palette is not None:
            entries.append(Content.assemble(("│", "dim"), (f" {app.get_key_display(palette[1])} ", KEY_STYLE),
                                            ("palette", DESCRIPTION_STYLE)))
        return entries

    def render(self) -> Content:
        return self._content
