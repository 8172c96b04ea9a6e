"""Bar charts drawn with block characters, sized to the width they get (used by the stats screen).

Each bar is drawn with characters, not only colour, so the charts read the same with NO_COLOR.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.content import Content
from textual.widget import Widget

_EIGHTHS = " ▏▎▍▌▋▊▉"  # left-aligned partial blocks, 0/8 .. 7/8
_RISING = " ▁▂▃▄▅▆▇"  # bottom-aligned partial blocks, 0/8 .. 7/8
_FULL = "█"


@dataclass(frozen=True)
class Bar:
    name: str
    count: int
    style: str = "$text-primary"  # a Textual style: a theme variable or a label's own colour
    fill: str = _FULL


def bar_text(count: int, largest: int, width: int) -> str:
    """A horizontal bar ``width`` cells long at ``largest``, in eighths of a cell; never empty for a
    count above zero, so a small count is still seen."""
    if count <= 0 or largest <= 0 or width <= 0:
        return ""
    eighths = max(1, round(count / largest * width * 8))
    full, part = divmod(eighths, 8)
    return _FULL * full + (_EIGHTHS[part] if part else "")


def fit(name: str, width: int) -> str:
    if len(name) <= width:
        return name.ljust(width)
    return name[: max(0, width - 1)] + "…"


def percent(count: int, total: int) -> str:
    return f"{count / total * 100:4.0f}%" if total else "   –"


def horizontal_bars(bars: list[Bar], width: int) -> Content:
    """Rows of ``name  count  share  bar``: a table with its plot."""
    width = max(width, 20)
    total = sum(b.count for b in bars)
    largest = max(b.count for b in bars)
    count_width = len(str(largest))
    name_width = min(max(len(b.name) for b in bars), max(8, width // 3))
    bar_width = max(1, width - name_width - count_width - 5 - 3)
    lines = [
        Content.assemble(
            (fit(bar.name, name_width), "$foreground"),
            " ",
            (str(bar.count).rjust(count_width), "bold $foreground"),
            " ",
            (percent(bar.count, total), "$text-muted"),
            " ",
            (bar_text(bar.count, largest, bar_width), bar.style),
        )
        for bar in bars
    ]
    return Content("\n").join(lines)


def columns(bars: list[Bar], width: int, rows: int = 5) -> Content:
    """Vertical columns with the count above and the name below; horizontal bars when they do not fit."""
    column = max(max(len(b.name), len(str(b.count))) for b in bars) + 1
    if column * len(bars) > width:
        return horizontal_bars(bars, width)
    largest = max(b.count for b in bars)
    heights = [max(1, round(b.count / largest * rows * 8)) if b.count > 0 else 0 for b in bars]
    lines = [Content.assemble(*((str(b.count).center(column - 1) + " ", "bold $foreground") for b in bars))]
    for row in range(rows - 1, -1, -1):
        cells: list[tuple[str, str]] = []
        for bar, height in zip(bars, heights, strict=True):
            level = height - row * 8
            glyph = _FULL if level >= 8 else (_RISING[level] if level > 0 else " ")
            cells.append((glyph * (column - 1) + " ", bar.style))
        lines.append(Content.assemble(*cells))
    lines.append(Content.assemble(*((b.name.center(column - 1) + " ", "$foreground") for b in bars)))
    return Content("\n").join(lines)


def stacked(bars: list[Bar], width: int) -> Content:
    """One bar split into parts, each with its own fill character, and a legend under it."""
    width = max(width, 10)
    total = sum(b.count for b in bars)
    # Largest-remainder rounding, so the parts fill the width exactly.
    exact = [b.count / total * width for b in bars]
    cells = [int(x) for x in exact]
    for i in sorted(range(len(exact)), key=lambda i: cells[i] - exact[i])[: width - sum(cells)]:
        cells[i] += 1
    bar = Content.assemble(*((b.fill * n, b.style) for b, n in zip(bars, cells, strict=True) if n))
    entries = [
        Content.assemble((b.fill * 2, b.style), f" {b.name} ", (str(b.count), "bold $foreground"),
                         f" ({percent(b.count, total).strip()})")
        for b in bars if b.count
    ]
    # Pack whole entries into lines, so a wrapped legend never splits one.
    legend: list[Content] = []
    for entry in entries:
        if legend and legend[-1].cell_length + 2 + entry.cell_length <= width:
            legend[-1] = legend[-1] + "  " + entry
        else:
            legend.append(entry)
    return Content("\n").join([bar, *legend])


class Chart(Widget):
    """One of the charts above, redrawn to the widget's width."""

    def __init__(self, kind: str, bars: list[Bar], *, empty: str = "nothing yet", id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.kind = kind
        self.bars = bars
        self.empty = empty

    def render(self) -> Content:
        if not any(b.count for b in self.bars):
            return Content.styled(self.empty, "italic $text-muted")
        width = self.content_size.width or 80
        if self.kind == "columns":
            return columns(self.bars, width)
        if self.kind == "stacked":
            return stacked(self.bars, width)
        return horizontal_bars(self.bars, width)
