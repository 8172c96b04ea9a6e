"""The side panel: the open document's annotations in text order, in their label colours.

Why not an ``OptionList``: every label key changed its options, and ``set_options`` asks the
whole screen for a new layout, which drew every widget again; a cursor move re-drew all its
lines. With 100,000 annotations that put a label key 25 ms from the frame that shows it. Here each
row's lines are drawn once and kept while the row is unchanged, and a change redraws only the
lines from the first changed row down (the Line API, as in the document list).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import ClassVar

from rich.segment import Segment
from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.style import Style
from textual.visual import Visual

from tui.app.commands import READER, forwarded_bindings, panel_keys, row_bindings
from tui.app.widgets.late_keys import route_key
from tui.session import AnnotationRow

EMPTY = Content.assemble(("None yet.\n", "italic $text-muted"),
                         ("i", "bold"), (" initiative, ", "$text-muted"), ("t", "bold"),
                         (" target: tags the marked sentence; ", "$text-muted"), ("v", "bold"),
                         (" selects words first.", "$text-muted"))
ROW = "annotation-panel--row"
HIGHLIGHTED = "annotation-panel--row-highlighted"


def annotation_prompt(row: AnnotationRow) -> Content:
    kind = "◆" if row.kind == "initiative" else "▲"
    flags = ""
    if row.origin == "suggestion":
        flags += " ✓sugg."
    if row.note:
        flags += " ✎"
    if row.orphaned:
        flags += " ⚠ orphaned"
    return Content.assemble(
        (f"{kind} ", row.color),
        (row.name, f"bold {row.color}"),
        (flags, "$warning" if row.orphaned else "$text-muted"),
        "\n",
        (f"  “{row.quote}”", "$text-muted"),
        *(("\n", (f"  note: {row.note}", "italic $text-muted")) if row.note else ()),
    )


@dataclass(frozen=True, slots=True)
class PanelOption:
    """One row as ``OptionList.get_option_at_index`` gave it: the id and the prompt."""

    id: str
    prompt: Content


class AnnotationPanel(ScrollView, can_focus=True):
    """Lists annotations; enter (or a click) shows the row in the reader and gives it the keys, and
    moving through the rows moves the reader too, so d, n or t act on the row shown. The app
    highlights the row under the reader's cursor.

    Reader keys pressed here (i, t, d, u …) go to the reader, as they do from the document list."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *row_bindings(),
        Binding("enter", "choose", "show in the reader", show=False),
        *forwarded_bindings(taken=panel_keys()),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {ROW, HIGHLIGHTED}

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._rows: list[AnnotationRow] = []
        self._ids: list[str] = []
        self._starts: list[int] = [0]  # the first line of each row, then the line after the last
        self._highlighted: int | None = None
        # each row's prompt, kept while the row is unchanged: a new list wraps only new rows
        self._prompts: dict[AnnotationRow, Content] = {}
        # (row, highlighted) -> its lines at the measured width; a changed row is a new key
        self._drawn: dict[tuple[AnnotationRow, bool], list[Strip]] = {}
        self._measured = 0  # the width the rows were measured (and are drawn) at
        self._empty: tuple[int, list[Strip]] | None = None  # "None yet." as drawn, at a width
        self.border_title = "Annotations"

    async def on_key(self, event: events.Key) -> None:
        await route_key(self, READER, event)  # "/" searches the reader's document from here too

    # -- what the app and tests read -----------------------------------------------------------

    @property
    def ids(self) -> list[str]:
        """The annotations listed, in order."""
        return list(self._ids)

    @property
    def option_count(self) -> int:
        return len(self._rows)

    def get_option_at_index(self, index: int) -> PanelOption:
        row = self._rows[index]
        return PanelOption(row.id, self._prompts[row])

    @property
    def highlighted(self) -> int | None:
        return self._highlighted

    # -- content -------------------------------------------------------------------------------

    def set_rows(self, rows: list[AnnotationRow]) -> None:
        old = self._rows
        if rows == old:
            return
        known = self._prompts
        self._prompts = {r: p if (p := known.get(r)) is not None else annotation_prompt(r) for r in rows}
        current = self._ids[self._highlighted] if self._highlighted is not None else None
        self._rows = list(rows)
        self._ids = [r.id for r in rows]
        self._highlighted = self._ids.index(current) if current in self._ids else None
        self._drawn = {k: v for k, v in self._drawn.items() if k[0] in self._prompts}
        same = zip(old, rows, strict=False)
        first = next((i for i, (a, b) in enumerate(same) if a != b), min(len(old), len(rows)))
        old_end = self._starts[-1]
        self._measure()
        self.border_subtitle = f"{len(rows)}" if rows else ""  # "None yet." says it when empty
        # the rows above the first changed one are the same rows at the same width, so their
        # lines are as they were; the lines from there down may have changed or moved
        top = self._starts[first]
        self._refresh_lines(top, max(old_end, self._starts[-1], 1) - top)

    def show_current(self, ann_id: str | None) -> None:
        self._highlight(self._ids.index(ann_id) if ann_id in self._ids else None)

    # -- moving --------------------------------------------------------------------------------

    def _highlight(self, index: int | None) -> int | None:
        if index is not None:
            index = max(0, min(index, len(self._rows) - 1)) if self._rows else None
        old, self._highlighted = self._highlighted, index
        if old != index:
            for i in (old, index):
                if i is not None:
                    self._refresh_lines(self._starts[i], self._starts[i + 1] - self._starts[i])
        if index is not None and self.is_mounted:
            self.scroll_to_region(Region(0, self._starts[index], max(self._width(), 1),
                                         self._starts[index + 1] - self._starts[index]),
                                  animate=False, immediate=True)
        return index

    async def _show(self, index: int | None, *, focus: bool) -> None:
        """Move the reader to the row in this key's own turn: a message would reach the app after
        the keys typed behind this one, so "enter j" typed fast ended back on the annotation."""
        if index is not None:
            await self.app.run_action(f"show_annotation({self._ids[index]!r}, {focus})")

    async def action_cursor(self, step: int) -> None:
        if self._rows:
            start = -1 if step > 0 else len(self._rows)
            i = (start if self._highlighted is None else self._highlighted) + step
            await self._show(self._highlight(i), focus=False)

    async def action_page(self, step: int) -> None:
        if self._rows:
            line = self._starts[self._highlighted or 0] + step * max(self.scrollable_content_region.height, 1)
            line = max(0, min(line, self._starts[-1] - 1))
            await self._show(self._highlight(bisect_right(self._starts, line) - 1), focus=False)

    async def action_jump(self, where: int) -> None:
        if self._rows:
            await self._show(self._highlight(where if where >= 0 else len(self._rows) - 1), focus=False)

    async def action_choose(self) -> None:
        await self._show(self._highlighted, focus=True)

    async def on_click(self, event: events.Click) -> None:
        line = event.y + int(self.scroll_offset.y)
        if 0 <= line < self._starts[-1] and self._rows:
            await self._show(self._highlight(bisect_right(self._starts, line) - 1), focus=True)

    # -- drawing -------------------------------------------------------------------------------

    def _width(self) -> int:
        return self.scrollable_content_region.width

    def _refresh_lines(self, top: int, height: int) -> None:
        y = top - int(self.scroll_offset.y)
        if y < self.size.height and y + height > 0:
            self.refresh(Region(0, max(y, 0), self.size.width, height + min(y, 0)))

    def _measure(self) -> None:
        """Each row's first line; the virtual height changes (and asks for a layout) only when the
        total does. Rows are measured, not drawn: a row is drawn when it comes on screen, in the
        state it is shown in (a new row is drawn once, highlighted, not first plain)."""
        width = self._width()
        if width != self._measured:  # the rows wrap anew: lines drawn before have other heights
            self._drawn.clear()
            self._measured = width
        starts = [0]
        if width > 0:
            inner, styles = max(width - 2, 1), self.styles
            for row in self._rows:
                starts.append(starts[-1] + self._prompts[row].get_height(styles, inner))
        else:
            starts += [0] * len(self._rows)
        self._starts = starts
        height = starts[-1] if self._rows else len(self._empty_lines(width)) if width > 0 else 0
        size = Size(width, height)
        before = self.virtual_size
        if size == before:
            return
        view = self.scrollable_content_region.height
        if size.width == before.width and (size.height > view) == (before.height > view) and self.is_mounted:
            # the scroll bar neither comes nor goes, so the screen's layout stands: a new layout
            # would draw every widget again (10 ms of the label key's frame); only the bar changes
            self.set_reactive(AnnotationPanel.virtual_size, size)
            self._scroll_update(size)
        else:
            self.virtual_size = size

    def _row_lines(self, i: int, width: int) -> list[Strip]:
        row = self._rows[i]
        key = (row, i == self._highlighted)
        drawn = self._drawn.get(key)
        if drawn is None:
            style = self.get_visual_style(ROW, HIGHLIGHTED) if key[1] else self.get_visual_style(ROW)
            lines = self._lines(self._prompts[row], width, style)
            height = self._starts[i + 1] - self._starts[i]
            blank = Strip.blank(width, style.rich_style)
            drawn = self._drawn[key] = (lines + [blank] * height)[:height]  # as measured
        return drawn

    def _empty_lines(self, width: int) -> list[Strip]:
        # kept: every line of an empty panel asks for them, and wrapping them is a Content render
        if self._empty is None or self._empty[0] != width:
            self._empty = (width, self._lines(EMPTY, width, self.get_visual_style(ROW)))
        return self._empty[1]

    def _lines(self, content: Content, width: int, style: Style) -> list[Strip]:
        """The content wrapped to ``width`` less a cell each side, which the row's colour fills."""
        inner = max(width - 2, 1)
        edge = Segment(" ", style.rich_style)
        out = []
        for strip in Visual.to_strips(self, content, inner, None, style):
            line = strip.extend_cell_length(inner, style.rich_style).crop(0, inner)
            out.append(Strip([edge, *line, edge], inner + 2).crop(0, width))
        return out

    def render_lines(self, crop: Region) -> list[Strip]:
        # The scroll bar coming or going narrows or widens the rows without a resize: the rows
        # are measured again at the width they are about to be drawn at.
        if self._width() != self._measured:
            self._measure()
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        width = self._measured
        line = y + int(self.scroll_offset.y)
        if not self._rows:
            empty = self._empty_lines(width)
            if line < len(empty):
                return empty[line]
        elif line < self._starts[-1]:
            i = bisect_right(self._starts, line) - 1
            return self._row_lines(i, width)[line - self._starts[i]]
        return Strip.blank(width, self.get_visual_style(ROW).rich_style)

    def on_resize(self) -> None:
        self._measure()
        self.refresh()

    def notify_style_update(self) -> None:
        # a new theme (or focus) restyles the rows: lines drawn in the old style would stay
        super().notify_style_update()
        self._drawn.clear()
        self._empty = None
