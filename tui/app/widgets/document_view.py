"""The reader: a document pre-wrapped into lines, drawing only the lines on screen (Line API).

It shows a `tui.session.Display` and nothing more: the text, the styled stretches over it
(figures by kind, annotations in their label's colour, suggestions dim, removed boilerplate), the
cursor sentence, the selection and search matches. Colours of fixed things come from component
classes in ``document_view.tcss``; label colours come from the schema at runtime.
"""

from __future__ import annotations

import bisect
from collections import Counter
from itertools import pairwise
from typing import ClassVar

from rich.color import Color as RichColor
from rich.color import ColorParseError
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import BindingType
from textual.color import Color
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.app.commands import READER, bindings
from tui.app.messages import ReaderClicked, ReaderDragged
from tui.app.widgets.late_keys import route_key
from tui.session import Display, Mark

GUTTER = 2
LONG = 2_000  # marks longer than this are few (whole passages); they are scanned, not bisected
TARGET_TINT = 0.35  # how far a target's background moves from the reader's toward the label colour


def wrap_lines(text: str, width: int) -> list[tuple[int, int]]:
    """(start, end) offsets of each screen line: hard lines split at spaces to fit ``width``.

    Spaces where a line breaks are left out of both lines; a word longer than the width is cut.
    Counts characters, not cells (our corpora have no double-width script).
    """
    width = max(width, 1)
    lines: list[tuple[int, int]] = []
    append = lines.append
    n = len(text)
    start = 0
    while start <= n:
        stop = text.find("\n", start)
        if stop < 0:
            stop = n
        pos = start
        if stop - pos <= width:
            append((pos, stop))
        else:
            while stop - pos > width:
                cut = text.rfind(" ", pos, pos + width + 1)
                if cut <= pos:
                    append((pos, pos + width))
                    pos += width
                else:
                    append((pos, cut))
                    pos = cut + 1
                while pos < stop and text[pos] == " ":
                    pos += 1
            if pos < stop:
                append((pos, stop))
        start = stop + 1
    return lines


class MarkIndex:
    """Styled stretches, found by position in O(log n + k) for short ones."""

    def __init__(self, marks: list[Mark]) -> None:
        short = [(s, e, k, order) for order, (s, e, k) in enumerate(marks) if e - s <= LONG]
        short.sort()
        self._short = short
        self._starts = [m[0] for m in short]
        self._long = [(s, e, k, order) for order, (s, e, k) in enumerate(marks) if e - s > LONG]

    def overlapping(self, start: int, end: int) -> list[tuple[int, int, str, int]]:
        lo = bisect.bisect_left(self._starts, start - LONG)
        hi = bisect.bisect_left(self._starts, end)
        found = [m for m in self._short[lo:hi] if m[1] > start]
        found += [m for m in self._long if m[0] < end and m[1] > start]
        found.sort(key=lambda m: m[3])  # drawing order is the order the session gave
        return found


def changed_marks(old: list[Mark], new: list[Mark]) -> list[Mark] | None:
    """The marks one list has and the other has not, when the marks both have are drawn in the
    same order in both (a label added or removed); None when they are not, and every line may
    draw differently."""
    before, after = Counter(old), Counter(new)
    gone, came = before - after, after - before

    def kept(marks: list[Mark], dropped: Counter[Mark]) -> list[Mark]:
        left = dropped.copy()
        out = []
        for m in marks:
            if left[m]:
                left[m] -= 1
            else:
                out.append(m)
        return out

    if kept(old, gone) != kept(new, came):
        return None
    return [*gone.elements(), *came.elements()]


class DocumentView(ScrollView, can_focus=True):
    """The document text with highlights; keys are the app's (see tui.app.commands)."""

    BINDINGS: ClassVar[list[BindingType]] = bindings(READER)

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "document-view--cursor",
        "document-view--gutter",
        "document-view--gutter-cursor",
        "document-view--selection",
        "document-view--match",
        "document-view--match-current",
        "document-view--suggestion",
        "document-view--removed",
        "document-view--reason",
        "document-view--placeholder",
        "document-view--figure",
        "document-view--figure-percent",
        "document-view--figure-number",
        "document-view--figure-money",
        "document-view--figure-year",
        "document-view--figure-date",
        "document-view--figure-range",
        "document-view--figure-duration",
    }

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._display: Display | None = None
        self._index = MarkIndex([])
        self._lines: list[tuple[int, int]] = []
        self._line_starts: list[int] = []
        self._wrapped: tuple[int, int] | None = None  # (id of the text, width) the lines are for
        self._colors: dict[str, str] = {}
        self._style_cache: dict[tuple[str, str], Style] = {}
        self._strips: dict[int, Strip] = {}  # drawn lines by line number, until something changes
        self._frame: tuple[Style, str, int] | None = None  # (style, background, width) in a frame
        self._placeholder = ""
        self._drag_from: int | None = None  # where a mouse drag started, while the button is down
        self._dragged = False

    # -- what to show --------------------------------------------------------------------------

    def set_placeholder(self, message: str) -> None:
        self._display = None
        self._placeholder = message
        self._lines = []
        self._line_starts = []
        self._wrapped = None
        self.virtual_size = Size(self.size.width, 1)
        self.refresh()

    def show(self, display: Display, colors: dict[str, str], *, top: bool = False) -> None:
        """Draw ``display``; ``top`` scrolls to the start (a newly opened document).

        When only the cursor, selection or current match moved, only their lines are redrawn.
        """
        old = self._display
        self._display = display
        # only the lines under what changed are drawn again when the text, colours and matches
        # are the same: the cursor moved, or a label was added (a frame's worth of lines was a
        # third of a label key's time)
        same_text = (old is not None and old.text is display.text and colors == self._colors
                     and old.matches is display.matches)
        changed: list[Mark] | None = None
        if same_text and old is not None:
            same_marks = old.marks is display.marks and old.version == display.version
            changed = [] if same_marks else changed_marks(old.marks, display.marks)
        self._colors = colors
        if changed != []:
            self._index = MarkIndex(display.marks)
        if changed is None:
            self._strips.clear()
        if old is None or old.text is not display.text:
            self._wrapped = None
        self._ensure_wrapped()
        if top:
            self.scroll_to(y=0, animate=False, immediate=True)
        if changed is None or old is None:
            self.refresh()
        else:
            self._refresh_spans([old.cursor, display.cursor, old.selection, display.selection,
                                 *self._current_matches(old, display), *((s, e) for s, e, _ in changed)])
        self.keep_in_view()

    @staticmethod
    def _current_matches(*displays: Display) -> list[tuple[int, int]]:
        return [d.matches[d.current_match] for d in displays if d.current_match is not None and d.matches]

    def _refresh_spans(self, spans: list[tuple[int, int] | None]) -> None:
        for span in spans:
            if span is None:
                continue
            first, last = self.line_of(span[0]), self.line_of(max(span[0], span[1] - 1))
            for line in range(first, last + 1):
                self._strips.pop(line, None)
            self.refresh_lines(first, last - first + 1)

    @property
    def lines(self) -> list[tuple[int, int]]:
        return self._lines

    def visible_text(self) -> str:
        """The lines now on screen as plain text (tests and the raw-view check read it)."""
        if self._display is None:
            return self._placeholder
        top = round(self.scroll_offset.y)
        rows = self._lines[top: top + self.scrollable_content_region.height]
        return "\n".join(self._display.text[s:e] for s, e in rows)

    # -- wrapping ------------------------------------------------------------------------------

    @property
    def _text_width(self) -> int:
        return max(self.scrollable_content_region.width - GUTTER, 8)

    def _ensure_wrapped(self) -> None:
        if self._display is None:
            return
        key = (id(self._display.text), self._text_width)
        if self._wrapped == key:
            return
        self._strips.clear()
        self._lines = wrap_lines(self._display.text, self._text_width)
        self._line_starts = [s for s, _ in self._lines]
        self._wrapped = key
        self.virtual_size = Size(self.scrollable_content_region.width, len(self._lines))

    def on_resize(self, event: events.Resize) -> None:
        if self._display is not None:
            self._ensure_wrapped()
            self.keep_in_view()
        self.refresh()

    def line_of(self, offset: int) -> int:
        return max(bisect.bisect_right(self._line_starts, offset) - 1, 0)

    def keep_in_view(self) -> None:
        """Scroll so that the cursor sentence (or the selection's moving end) is on screen."""
        d = self._display
        if d is None or not self._lines:
            return
        span = d.selection or d.cursor
        if d.current_match is not None and d.matches:
            span = d.matches[d.current_match]
        if span is None:
            return
        first, last = self.line_of(span[0]), self.line_of(max(span[0], span[1] - 1))
        height = max(self.scrollable_content_region.height, 1)
        top = round(self.scroll_offset.y)
        if first >= top and last < top + height:
            return
        # a third down the screen: context above, room below for the next sentences
        target = first - height // 3 if last - first < height * 2 // 3 else first
        self.scroll_to(y=max(0, target), animate=False, immediate=True)

    # -- drawing -------------------------------------------------------------------------------

    def _component(self, name: str) -> Style:
        """Only what the class sets (so layers add up), with translucent colours already blended
        over the reader's background (a partial style would keep "$primary 25%" at full strength)."""
        cached = self._style_cache.get((name, ""))
        if cached is None:
            partial = self.get_component_rich_style(name, partial=True)
            full = self.get_component_rich_style(name)
            cached = partial.without_color + Style(
                color=full.color if partial.color else None,
                bgcolor=full.bgcolor if partial.bgcolor else None,
            )
            self._style_cache[(name, "")] = cached
        return cached

    def _mark_style(self, key: str) -> Style:
        bg = self._frame[1] if self._frame else self.background_colors[1].hex
        cached = self._style_cache.get((key, bg))
        if cached is not None:
            return cached
        if key.startswith("fig:"):
            name = f"document-view--figure-{key[4:]}"
            known = name in self.COMPONENT_CLASSES
            style = self._component(name if known else "document-view--figure")
        elif key.startswith("ann:"):
            _, kind, depth_text, label = key.split(":", 3)
            style = self._annotation_style(kind, int(depth_text), label)
        else:
            style = self._component({
                "sug": "document-view--suggestion",
                "removed": "document-view--removed",
                "reason": "document-view--reason",
            }.get(key, "document-view--suggestion"))
        self._style_cache[(key, bg)] = style
        return style

    def _annotation_style(self, kind: str, depth: int, label: str) -> Style:
        try:
            color = RichColor.parse(self._colors.get(label, "#afafaf"))
        except ColorParseError:
            color = RichColor.parse("#afafaf")
        if kind == "target":
            base = self.background_colors[1]
            tint = base.blend(Color.from_rich_color(color), TARGET_TINT)
            # nested targets get an underline too, so both edges stay visible
            return Style(bgcolor=tint.rich_color, underline=depth > 0)
        # initiatives: text in the label colour, underlined (double when nested in another)
        return Style(color=color, underline=depth % 2 == 0, underline2=depth % 2 == 1, bold=depth > 1)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._style_cache.clear()
        self._strips.clear()

    def render_lines(self, crop: Region) -> list[Strip]:
        # the lines of one frame share the widget's style, background and width, which Textual
        # works out by walking the DOM at each ask: a third of a label key's handler, per line
        self._frame = (self.rich_style, self.background_colors[1].hex, self.scrollable_content_region.width)
        try:
            return super().render_lines(crop)
        finally:
            self._frame = None

    def render_line(self, y: int) -> Strip:
        if self._frame:
            base, _, width = self._frame
        else:
            base, width = self.rich_style, self.scrollable_content_region.width
        d = self._display
        line_no = y + round(self.scroll_offset.y)
        if d is None:
            if y == 1 and self._placeholder:
                style = base + self._component("document-view--placeholder")
                strip = Strip([Segment(" " * GUTTER + self._placeholder, style)])
                return strip.adjust_cell_length(width, base)
            return Strip.blank(width, base)
        if line_no >= len(self._lines):
            return Strip.blank(width, base)
        strip = self._strips.get(line_no)
        if strip is None or strip.cell_length != width:
            start, end = self._lines[line_no]
            segments = self._gutter(d, start, end, base)
            segments += self._text_segments(d, start, end, base)
            strip = self._strips[line_no] = Strip(segments).adjust_cell_length(width, base)
        return strip

    def _gutter(self, d: Display, start: int, end: int, base: Style) -> list[Segment]:
        cur = d.cursor
        on_cursor = cur is not None and (start < cur[1] and cur[0] < max(end, start + 1))
        if on_cursor:
            return [Segment("▌", base + self._component("document-view--gutter-cursor")), Segment(" ", base)]
        return [Segment(" " * GUTTER, base + self._component("document-view--gutter"))]

    def _text_segments(self, d: Display, start: int, end: int, base: Style) -> list[Segment]:
        text = d.text
        if start == end:
            return []
        layers: list[tuple[int, int, Style]] = []
        if d.cursor is not None and d.cursor[0] < end and d.cursor[1] > start:
            layers.append((d.cursor[0], d.cursor[1], self._component("document-view--cursor")))
        for s, e, key, _ in self._index.overlapping(start, end):
            layers.append((s, e, self._mark_style(key)))
        if d.matches:
            starts = bisect.bisect_left(d.matches, (start - 1_000, 0))
            for k in range(starts, len(d.matches)):
                s, e = d.matches[k]
                if s >= end:
                    break
                if e > start:
                    name = "document-view--match-current" if k == d.current_match else "document-view--match"
                    layers.append((s, e, self._component(name)))
        if d.selection is not None and d.selection[0] < end and d.selection[1] > start:
            layers.append((d.selection[0], d.selection[1], self._component("document-view--selection")))
        if not layers:
            return [Segment(text[start:end].replace("\t", " "), base)]
        cuts = {start, end}
        for s, e, _ in layers:
            if start < s < end:
                cuts.add(s)
            if start < e < end:
                cuts.add(e)
        points = sorted(cuts)
        segments = []
        for a, b in pairwise(points):
            style = base
            for s, e, layer_style in layers:
                if s <= a and e >= b:
                    style = style + layer_style
            segments.append(Segment(text[a:b].replace("\t", " "), style))
        return segments

    # -- mouse ---------------------------------------------------------------------------------

    def offset_at(self, event: events.MouseEvent) -> int | None:
        """The clean-text offset under the mouse (clamped to the lines there are), or None."""
        d = self._display
        if d is None or d.raw or not self._lines:
            return None
        at = event.get_content_offset_capture(self)
        line_no = min(max(at.y + round(self.scroll_offset.y), 0), len(self._lines) - 1)
        start, end = self._lines[line_no]
        return start + max(0, min(at.x - GUTTER, end - start))

    async def on_key(self, event: events.Key) -> None:
        await route_key(self, READER, event)

    def on_mouse_down(self, event: events.MouseDown) -> None:
        if event.button != 1:
            return
        self._drag_from = self.offset_at(event)
        self._dragged = False
        if self._drag_from is not None:
            self.capture_mouse()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        if self._drag_from is None:
            return
        offset = self.offset_at(event)
        if offset is None or (not self._dragged and offset == self._drag_from):
            return
        self._dragged = True
        self.post_message(ReaderDragged(self._drag_from, offset))

    def on_mouse_up(self, event: events.MouseUp) -> None:
        if self._drag_from is not None:
            self.release_mouse()
        self._drag_from = None

    def on_click(self, event: events.Click) -> None:
        if self._dragged:  # the end of a drag, not a click: the selection stays as dragged
            self._dragged = False
            return
        d = self._display
        if d is None or d.raw or not self._lines:
            return
        at = event.get_content_offset(self)
        if at is None:
            return
        offset = self.offset_at(event)
        if offset is not None:
            self.post_message(ReaderClicked(offset))
