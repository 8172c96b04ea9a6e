"""The document list: title, date, source, status and a bar of annotated passages; filterable.

Why not an ``OptionList``: it measures every option's height up front and again after each change,
which took 3 s to show and 0.9 s to update one row of a 10,000-document corpus. Here every row has
the same height (a title of up to two lines, the status line, the bar, a divider), so the list is
a ``ScrollView`` that draws only the rows on screen (the Line API) and a row update redraws one
row. The OptionList-like accessors (``options``, ``get_option``, ``highlighted_option`` …) keep
the callers and tests that used it working.
"""

from __future__ import annotations

import textwrap
from contextlib import suppress
from dataclasses import dataclass
from typing import ClassVar

from rich.segment import Segment
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.style import Style
from textual.visual import Visual
from textual.widgets import Input
from textual.widgets.option_list import OptionDoesNotExist

from tui.app.commands import LIST, bindings, row_bindings
from tui.app.messages import DocumentChosen
from tui.app.widgets.late_keys import route_key
from tui.app.widgets.progress_bar import text_bar
from tui.session import DocRow

BAR = 10
STATUS_MARK = {"todo": "○", "in_progress": "◐", "done": "●", "skipped": "⊘"}
STATUS_STYLE = {
    "todo": "$text-muted", "in_progress": "$warning", "done": "$success", "skipped": "$text-muted",
}
TITLE_LINES = 2
ROW_LINES = TITLE_LINES + 2  # title, status and meta, bar
STRIDE = ROW_LINES + 1  # and the divider


def status_line(row: DocRow) -> Content:
    mark = STATUS_MARK.get(row.status, "?")
    meta = " · ".join(p for p in (row.date, row.source) if p)
    return Content.assemble(
        (f"{mark} {row.status.replace('_', ' ')}", STATUS_STYLE.get(row.status, "")),
        ("  " + meta if meta else "", "$text-muted"),
    )


def bar_line(row: DocRow) -> Content:
    return Content.assemble(
        (text_bar(row.progress, BAR), "$accent"),
        (f" {row.annotated}/{row.passages}", "$text-muted"),
        (f" · {row.annotations} ann." if row.annotations else "", "$text-muted"),
    )


def row_prompt(row: DocRow) -> Content:
    """The row as one text: the title, then status, date, source and the progress bar."""
    return Content.assemble((row.title, "bold"), "\n", status_line(row), "\n", bar_line(row))


@dataclass(frozen=True, slots=True)
class RowOption:
    """What ``OptionList.get_option`` gave: an id and the prompt."""

    id: str
    row: DocRow

    @property
    def prompt(self) -> Content:
        return row_prompt(self.row)


class DocumentList(ScrollView, can_focus=True):
    """Rows of a fixed height, drawn as they come on screen."""

    BINDINGS: ClassVar[list[BindingType]] = [*row_bindings("down,j", "up,k"), *bindings(LIST)]
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "document-list--option", "document-list--option-highlighted", "document-list--separator",
    }
    DEFAULT_CSS = """
    DocumentList {
        & > .document-list--option-highlighted {
            color: $foreground;
            background: $block-cursor-blurred-background;
        }
        &:focus > .document-list--option-highlighted {
            color: $block-cursor-foreground;
            background: $block-cursor-background;
            text-style: $block-cursor-text-style;
        }
        & > .document-list--separator {
            color: $foreground 15%;
        }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._rows: list[DocRow] = []
        self._index: dict[str, int] = {}
        self._highlighted: int | None = None
        # (id, highlighted) -> (width, strips): a changed row is dropped without asking the width,
        # which cost more than the rest of a row update during a fill
        self._cache: dict[tuple[str, bool], tuple[int, list[Strip]]] = {}

    # -- OptionList's accessors ----------------------------------------------------------------

    @property
    def option_count(self) -> int:
        return len(self._rows)

    @property
    def options(self) -> list[RowOption]:
        return [RowOption(r.id, r) for r in self._rows]

    def get_option(self, doc_id: str) -> RowOption:
        i = self._index.get(doc_id)
        if i is None:
            raise OptionDoesNotExist(f"no document {doc_id!r} in the list")
        return RowOption(doc_id, self._rows[i])

    def get_option_at_index(self, index: int) -> RowOption:
        row = self._rows[index]
        return RowOption(row.id, row)

    @property
    def highlighted_option(self) -> RowOption | None:
        return None if self._highlighted is None else self.get_option_at_index(self._highlighted)

    @property
    def highlighted(self) -> int | None:
        return self._highlighted

    @highlighted.setter
    def highlighted(self, index: int | None) -> None:
        if index is not None:
            index = max(0, min(index, len(self._rows) - 1)) if self._rows else None
        old = self._highlighted
        self._highlighted = index
        for i in (old, index):
            self._refresh_row(i)
        self._scroll_to_highlight()

    def ids(self) -> list[str]:
        return [r.id for r in self._rows]

    def index_of(self, doc_id: str) -> int | None:
        return self._index.get(doc_id)

    # -- content -------------------------------------------------------------------------------

    def set_rows(self, rows: list[DocRow], keep: str | None = None) -> None:
        current = keep or (self._rows[self._highlighted].id if self._highlighted is not None else None)
        self._rows = rows
        self._index = {r.id: i for i, r in enumerate(rows)}
        self._cache.clear()
        self.virtual_size = Size(self.size.width, max(len(rows) * STRIDE - 1, 0))
        if not rows:
            self._highlighted = None
        else:
            self._highlighted = self._index.get(current, 0) if current is not None else 0
        self.refresh()
        self._scroll_to_highlight()

    def replace_row(self, row: DocRow) -> bool:
        i = self._index.get(row.id)
        if i is None:
            return False
        self._rows[i] = row
        for highlighted in (False, True):
            self._cache.pop((row.id, highlighted), None)
        self._refresh_row(i)
        return True

    def _refresh_row(self, i: int | None) -> None:
        if i is None:
            return
        y = i * STRIDE - int(self.scroll_offset.y)
        if -STRIDE < y < self.size.height:
            self.refresh(Region(0, max(y, 0), self.size.width, ROW_LINES))

    def _scroll_to_highlight(self) -> None:
        if self._highlighted is None or not self.is_mounted:
            return
        self.scroll_to_region(Region(0, self._highlighted * STRIDE, max(self._width(), 1), ROW_LINES),
                              animate=False, force=True, immediate=True)

    # -- moving --------------------------------------------------------------------------------

    def action_cursor(self, step: int) -> None:
        if self._rows:
            self.highlighted = 0 if self._highlighted is None else self._highlighted + step

    def action_page(self, step: int) -> None:
        if self._rows:
            rows = max(self.scrollable_content_region.height // STRIDE, 1)
            self.highlighted = (self._highlighted or 0) + step * rows

    def action_jump(self, where: int) -> None:
        if self._rows:
            self.highlighted = where if where >= 0 else len(self._rows) - 1

    async def on_key(self, event: events.Key) -> None:
        await route_key(self, LIST, event)

    def on_click(self, event: events.Click) -> None:
        line = event.y + int(self.scroll_offset.y)
        i, within = divmod(line, STRIDE)
        if within < ROW_LINES and 0 <= i < len(self._rows):
            self.highlighted = i
            self.post_message(DocumentChosen(self._rows[i].id))

    # -- drawing -------------------------------------------------------------------------------

    def _width(self) -> int:
        return self.scrollable_content_region.width

    def render_line(self, y: int) -> Strip:
        width = self._width()
        line = y + int(self.scroll_offset.y)
        i, within = divmod(line, STRIDE)
        base = self.get_visual_style("document-list--option")
        if i >= len(self._rows):
            return Strip.blank(width, base.rich_style)
        if within == ROW_LINES:
            rule = self.get_visual_style("document-list--separator")
            return Strip([Segment("─" * width, rule.rich_style)], width)
        return self._row_strips(i, width)[within]

    def _row_strips(self, i: int, width: int) -> list[Strip]:
        row = self._rows[i]
        highlighted = i == self._highlighted
        key = (row.id, highlighted)
        cached = self._cache.get(key)
        if cached is not None and cached[0] == width:
            strips = cached[1]
        else:
            if highlighted:
                style = self.get_visual_style("document-list--option", "document-list--option-highlighted")
            else:
                style = self.get_visual_style("document-list--option")
            inner = max(width - 2, 1)  # a cell of padding each side, as the OptionList had
            titles = textwrap.wrap(row.title, inner, max_lines=TITLE_LINES, placeholder=" …") or [row.id]
            lines = [Content.styled(t, "bold") for t in titles]
            lines += [status_line(row), bar_line(row)]
            lines += [Content("")] * (ROW_LINES - len(lines))
            strips = [self._strip(content.truncate(inner, ellipsis=True), width, style) for content in lines]
            if len(self._cache) > 2000:
                self._cache.clear()
            self._cache[key] = (width, strips)
        return strips

    def _strip(self, content: Content, width: int, style: Style) -> Strip:
        padded = Content.assemble(" ", content)
        strip = Visual.to_strips(self, padded, width, 1, style)[0]
        return strip.extend_cell_length(width, style.rich_style).crop(0, width)

    def on_resize(self) -> None:
        self._cache.clear()
        self.virtual_size = Size(self._width(), max(len(self._rows) * STRIDE - 1, 0))


class DocumentPane(Vertical):
    """The filter box (shown on /) above the list; posts DocumentChosen."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close_filter", "clear filter", show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._rows: list[DocRow] = []
        self._where: dict[str, int] = {}
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
        self._where = {r.id: i for i, r in enumerate(rows)}
        self._fill(keep)

    def _fill(self, keep: str | None = None) -> None:
        shown = [r for r in self._rows if r.matches(self.query_text)] if self.query_text else list(self._rows)
        self.option_list.set_rows(shown, keep)

    def update_row(self, row: DocRow) -> None:
        i = self._where.get(row.id)
        if i is not None:
            self._rows[i] = row
        with suppress(OptionDoesNotExist):  # filtered out of view: nothing on screen to change
            if not self.option_list.replace_row(row) and self.query_text and row.matches(self.query_text):
                self._fill()

    def visible_ids(self) -> list[str]:
        return self.option_list.ids()

    def highlight(self, doc_id: str) -> None:
        i = self.option_list.index_of(doc_id)
        if i is not None:
            self.option_list.highlighted = i

    def open_filter(self) -> None:
        self.filter_input.display = True
        self.screen.set_focus(self.filter_input)  # at once, not queued behind keys typed after "/"

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
