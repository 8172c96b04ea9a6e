"""natproj-tui: read, highlight and annotate news about Russian national projects."""

__version__ = "0.1.0"
