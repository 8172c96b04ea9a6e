"""Figure detection for English and Russian text."""

from tui.figures.detect import find_figures
from tui.figures.model import KINDS, QUALIFIERS, Figure

__all__ = ["KINDS", "QUALIFIERS", "Figure", "find_figures"]
