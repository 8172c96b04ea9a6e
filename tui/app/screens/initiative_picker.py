"""Pick an initiative label: the schema as a tree, digits 1-9 for the first nine lines, typing filters."""

from __future__ import annotations

from pathlib import PurePath
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static, Tree
from textual.widgets.tree import TreeNode

from tui.app.widgets.key_bar import KeyBar
from tui.labels import Label, LabelSchema

# Clicking this part of a line toggles the node, as on Textual's own expander icon.
_TOGGLE = Style.from_meta({"toggle": True})
_SWATCH = "██"


def _fold(text: str) -> str:
    # "ё" is written as "е" in most Russian text, so a filter must not tell them apart.
    return text.casefold().replace("ё", "е")


def match_label(label: Label, query: str) -> str | None:
    """None when ``label`` does not match every word of ``query``; else the alias that matched
    ("" when the name or id did, so there is nothing extra to show)."""
    words = _fold(query).split()
    if not words:
        return ""
    own = _fold(f"{label.name} {label.id}")
    if all(w in own for w in words):
        return ""
    for alias in label.aliases:
        if all(w in _fold(alias) for w in words):
            return alias
    everything = " ".join([own, *(_fold(a) for a in label.aliases)])
    if all(w in everything for w in words):
        return label.aliases[0] if label.aliases else ""
    return None


class FilterInput(Input):
    """The filter box; digits 1-9 are left to the screen, which picks with them."""

    def check_consume_key(self, key: str, character: str | None) -> bool:
        if character is not None and character in "123456789":
            return False
        return super().check_consume_key(key, character)


class LabelTree(Tree[str]):
    """A tree whose lines start with the digit that picks them, so the digits line up."""

    def __init__(self) -> None:
        self.digits: dict[str, int] = {}
        super().__init__("labels", id="picker-tree")
        self.show_root = False
        self.guide_depth = 3
        self.auto_expand = False
        self.can_focus = False  # the filter input keeps the focus; the screen drives the cursor

    def render_label(self, node: TreeNode[str], base_style: Style, style: Style) -> Text:
        label = node.label.copy()
        label.stylize(style)
        digit = self.digits.get(node.data or "")
        number = (f"{digit} " if digit else "  ", base_style + Style(bold=True))
        if node.allow_expand:
            icon = (self.ICON_NODE_EXPANDED if node.is_expanded else self.ICON_NODE, base_style + _TOGGLE)
        else:
            icon = ("  ", base_style)
        return Text.assemble(number, icon, label)


class InitiativePicker(ModalScreen[str | None]):
    CSS_PATH: ClassVar[list[str | PurePath]] = ["initiative_picker.tcss", "../widgets/key_bar.tcss"]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "pick_number(1)", "Pick", key_display="1-9", priority=True),
        *(Binding(str(n), f"pick_number({n})", show=False, priority=True) for n in range(2, 10)),
        Binding("enter", "pick", "Choose", priority=True),
        Binding("up", "move(-1)", "Up", show=False, priority=True),
        Binding("down", "move(1)", "Down", show=False, priority=True),
        Binding("pageup", "move(-10)", "Page up", show=False, priority=True),
        Binding("pagedown", "move(10)", "Page down", show=False, priority=True),
        Binding("right", "expand", "Expand", priority=True),
        Binding("left", "collapse", "Collapse", priority=True),
        Binding("escape", "cancel", "Cancel", priority=True),
    ]

    def __init__(self, schema: LabelSchema, suggested: str | None = None) -> None:
        super().__init__()
        self.schema = schema
        self.suggested: str | None = None
        self._expanded: set[str] = set()
        self._lines: list[TreeNode[str]] = []  # every line shown, top to bottom
        self._numbered: list[TreeNode[str]] = []  # the lines digits pick
        self._matches: dict[str, str] = {}
        self._suggest(suggested)

    def _suggest(self, suggested: str | None) -> None:
        self.suggested = suggested if suggested in self.schema else None
        # Browsing (no filter) shows the top level, plus the branch holding the suggestion.
        self._expanded = set(self._ancestors(self.suggested)) if self.suggested else set()

    def reset(self, suggested: str | None = None) -> bool:
        """Start over for another passage, as a new picker would: no filter, the suggestion
        highlighted. The app keeps one picker and opens it again (``NatprojApp._kept_dialog``)."""
        self._suggest(suggested)
        if not self.is_mounted:
            return True  # on_mount builds the tree
        filter_input = self.query_one(Input)
        with filter_input.prevent(Input.Changed):
            filter_input.value = ""
        self._rebuild(highlight=self.suggested)
        self.refresh_bindings()  # expand/collapse come back with the empty filter
        filter_input.focus()
        return True

    def compose(self) -> ComposeResult:
        with Vertical(id="picker-box"):
            yield Static("Initiative", id="picker-title")
            yield FilterInput(placeholder="type to filter, English or Russian", id="picker-filter")
            yield LabelTree()
            yield Static(id="picker-status")
        # not Textual's Footer: that rebuilds a widget per key on every change of the bindings,
        # which the picker's change when it closes (40-50 ms after the key that picked)
        yield KeyBar()

    def on_mount(self) -> None:
        self._rebuild(highlight=self.suggested)
        self.query_one(Input).focus()

    # --- building the tree ---------------------------------------------------------------------

    def _ancestors(self, label_id: str | None) -> list[str]:
        found: list[str] = []
        label = self.schema.get(label_id) if label_id else None
        while label is not None and label.parent and label.parent not in found:
            found.append(label.parent)
            label = self.schema.get(label.parent)
        return found

    @property
    def query_text(self) -> str:
        return self.query_one(Input).value.strip()

    def _rebuild(self, highlight: str | None = None) -> None:
        query = self.query_text
        self._matches = {}
        shown: set[str] | None = None
        if query:
            for label in self.schema.labels:
                alias = match_label(label, query)
                if alias is not None:
                    self._matches[label.id] = alias
            shown = set(self._matches)
            for label_id in list(shown):
                shown.update(self._ancestors(label_id))
        tree = self.query_one(LabelTree)
        tree.clear()
        for root in self.schema.roots():
            self._add(tree.root, root, shown)
        self._renumber()
        if highlight is None and query:
            highlight = next((n.data for n in self._numbered), None)
        self._highlight(highlight)
        self._show_status()

    def _add(self, parent: TreeNode[str], label: Label, shown: set[str] | None) -> None:
        if shown is not None and label.id not in shown:
            return
        children = [c for c in self.schema.children(label.id) if shown is None or c.id in shown]
        text = self._label_text(label, context_only=shown is not None and label.id not in self._matches)
        if not children:
            parent.add_leaf(text, data=label.id)
            return
        expand = shown is not None or label.id in self._expanded
        node = parent.add(text, data=label.id, expand=expand)
        for child in children:
            self._add(node, child, shown)

    def _label_text(self, label: Label, *, context_only: bool) -> Text:
        name_style = "dim" if context_only else ""
        text = Text.assemble((_SWATCH, Style(color=label.color)), " ", (label.name, name_style))
        alias = self._matches.get(label.id)
        if alias:
            text.append(f"  «{alias}»", style="italic")
        return text

    def _renumber(self) -> None:
        tree = self.query_one(LabelTree)
        self._lines = [n for n in (tree.get_node_at_line(i) for i in range(tree.last_line + 1)) if n]
        # While filtering, parents shown only as the context of a match get no digit.
        self._numbered = [n for n in self._lines if not self.query_text or n.data in self._matches]
        digits = {node.data: n for n, node in enumerate(self._numbered[:9], 1) if node.data}
        if digits != tree.digits:
            tree.digits = digits
            for node in self._lines:
                node.set_label(node.label)  # re-render with the new digit

    def _highlight(self, label_id: str | None) -> None:
        tree = self.query_one(LabelTree)
        index = next((i for i, n in enumerate(self._lines) if n.data == label_id), 0)
        tree.cursor_line = index if self._lines else -1
        if self._lines:
            tree.scroll_to_line(index, animate=False)

    def _show_status(self) -> None:
        status = self.query_one("#picker-status", Static)
        label = self.highlighted
        if not self._lines:
            status.update(Content(f"No label matches {self.query_text!r}. Backspace to widen."))
        elif label is not None:
            parent = self.schema.get(label.parent) if label.parent else None
            where = f" · in {parent.name}" if parent else ""
            status.update(Content(f"{label.id} · {label.level.replace('_', ' ')}{where}"))

    @property
    def highlighted(self) -> Label | None:
        node = self.query_one(LabelTree).cursor_node
        return self.schema.get(node.data) if node is not None and node.data else None

    # --- events and actions --------------------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._rebuild()
        self.refresh_bindings()  # expand/collapse come and go with the filter

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted[str]) -> None:
        event.stop()
        self._show_status()

    def on_tree_node_selected(self, event: Tree.NodeSelected[str]) -> None:
        event.stop()  # a click on a line picks it
        self.dismiss(event.node.data)

    def on_tree_node_expanded(self, event: Tree.NodeExpanded[str]) -> None:
        self._toggled(event.node, expanded=True)

    def on_tree_node_collapsed(self, event: Tree.NodeCollapsed[str]) -> None:
        self._toggled(event.node, expanded=False)

    def _toggled(self, node: TreeNode[str], *, expanded: bool) -> None:
        if not self.query_text and node.data:
            (self._expanded.add if expanded else self._expanded.discard)(node.data)
        current = self.highlighted
        self._renumber()
        self._highlight(current.id if current else None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Left and right move the caret while there is a filter to edit.
        return not (action in ("expand", "collapse") and self.is_mounted and self.query_text)

    def action_pick_number(self, number: int) -> None:
        if number <= len(self._numbered):
            self.dismiss(self._numbered[number - 1].data)
        else:
            self.app.bell()

    def action_pick(self) -> None:
        label = self.highlighted
        if label is None:
            self.app.bell()
        else:
            self.dismiss(label.id)

    def action_move(self, step: int) -> None:
        tree = self.query_one(LabelTree)
        if self._lines:
            line = min(max(tree.cursor_line + step, 0), len(self._lines) - 1)
            tree.cursor_line = line
            tree.scroll_to_line(line, animate=False)

    def action_expand(self) -> None:
        node = self.query_one(LabelTree).cursor_node
        if node is not None and node.allow_expand and not node.is_expanded:
            node.expand()

    def action_collapse(self) -> None:
        tree = self.query_one(LabelTree)
        node = tree.cursor_node
        if node is None:
            return
        if node.allow_expand and node.is_expanded:
            node.collapse()
        elif node.parent is not None and node.parent is not tree.root:
            node.parent.collapse()
            tree.move_cursor(node.parent)

    def action_cancel(self) -> None:
        self.dismiss(None)
