"""A progress bar drawn with block characters, to sit inside a line of text."""

from __future__ import annotations

EIGHTHS = " ▏▎▍▌▋▊▉"


def text_bar(fraction: float, width: int) -> str:
    """``width`` cells, filled to ``fraction`` in eighths of a cell; empty cells are "·"."""
    fraction = min(max(fraction, 0.0), 1.0)
    eighths = round(fraction * width * 8)
    full, part = divmod(eighths, 8)
    bar = "█" * full
    if part and full < width:
        bar += EIGHTHS[part]
    return bar + "·" * (width - len(bar))
