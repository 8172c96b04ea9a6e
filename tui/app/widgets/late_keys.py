"""Keys typed faster than the app handles them, right after a key that opens a text box.

The app hands each key to the widget that has the focus when the key is read; the key's binding
runs later, once the key has bubbled up to the app. In "/tat" typed fast or pasted, "t", "a", "t"
were all handed to the reader before "/" had opened the search box: "t" opened the target form
and "a" accepted a suggestion.
"""

from __future__ import annotations

from textual import events
from textual.widget import Widget
from textual.widgets import Input

from tui.app.commands import KEYMAP

# (part of the screen, key) -> the action that opens a text box there; looked up on every key
_BOX_ACTIONS = {(cmd.where, key): cmd.action for cmd in KEYMAP if cmd.action in ("search", "filter")
                for key in cmd.keys.split(",")}


async def route_key(widget: Widget, where: str, event: events.Key) -> None:
    """Open a box at once, in the widget's own turn, so the keys behind it find the box focused;
    and hand on to the box a key that reached ``widget`` after the focus had left it (in order,
    enter included)."""
    focused = widget.app.focused
    if focused is not widget and isinstance(focused, Input):
        event.stop()
        event.prevent_default()
        focused.post_message(events.Key(event.key, event.character))
        return
    action = _BOX_ACTIONS.get((where, event.key))
    if action is not None:
        event.stop()
        event.prevent_default()
        await widget.app.run_action(action)
