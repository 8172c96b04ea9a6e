"""Subcommands of ``natproj-tui``; each module registers its own parsers."""

from __future__ import annotations

from tui.commands import corpus, dataset, figures
from tui.commands.errors import CommandError

REGISTRARS = [corpus.register, figures.register, *dataset.REGISTRARS]

__all__ = ["REGISTRARS", "CommandError"]
