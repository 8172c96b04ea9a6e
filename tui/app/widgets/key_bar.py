"""The footer: the keys that apply now, redrawn as one line of text.

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


class KeyBar(Widget):
    """One line at the bottom: "? help  jk sentence  i initiative …  ^p palette"."""

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        background: $footer-background;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._content = Content("")

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if screen is not self.screen:
            return
        content = self._build()
        if content != self._content:
            self._content = content
            self.refresh()

    def _build(self) -> Content:
        app = self.app
        active = self.screen.active_bindings
        palette = active.get(app.COMMAND_PALETTE_BINDING) if app.ENABLE_COMMAND_PALETTE else None
        shown: list[tuple[Binding, bool]] = []
        seen: set[str] = set()
        for _, binding, enabled, _ in active.values():
            if binding.show and binding.action not in seen and binding.key != app.COMMAND_PALETTE_BINDING:
                seen.add(binding.action)
                shown.append((binding, enabled))
        parts: list[str | tuple[str, str]] = []
        for group, items in groupby(shown, key=lambda item: item[0].group):
            members = list(items)
            if group is not None and len(members) > 1:
                keys = "".join(app.get_key_display(b) for b, _ in members)
                enabled = any(e for _, e in members)
                parts += [(f" {keys} ", KEY_STYLE if enabled else "dim"),
                          (group.description, DESCRIPTION_STYLE)]
            else:
                for b, enabled in members:
                    parts += [(f" {app.get_key_display(b)} ", KEY_STYLE if enabled else "dim"),
                              (b.description, DESCRIPTION_STYLE if enabled else "dim")]
            parts.append(" ")
        if palette is not None:
            parts += [("│", "dim"), (f" {app.get_key_display(palette[1])} ", KEY_STYLE),
                      ("palette", DESCRIPTION_STYLE)]
        return Content.assemble(*parts)

    def render(self) -> Content:
        return self._content
