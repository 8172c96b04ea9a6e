"""Modal screens of the app, one module each with its ``.tcss`` beside it.

Names are imported on first use, so ``tui.app.screens.target_validation`` (plain Python) can be
imported and tested without loading Textual.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.lazy import lazy_names

if TYPE_CHECKING:
    from tui.app.screens.confirm import ConfirmDialog
    from tui.app.screens.export import ExportDialog
    from tui.app.screens.help import HelpScreen
    from tui.app.screens.initiative_picker import InitiativePicker
    from tui.app.screens.note import NoteDialog
    from tui.app.screens.stats import StatsScreen
    from tui.app.screens.target_form import TargetForm

_MODULES = {
    "ConfirmDialog": "confirm",
    "ExportDialog": "export",
    "HelpScreen": "help",
    "InitiativePicker": "initiative_picker",
    "NoteDialog": "note",
    "StatsScreen": "stats",
    "TargetForm": "target_form",
}

__all__ = [
    "ConfirmDialog",
    "ExportDialog",
    "HelpScreen",
    "InitiativePicker",
    "NoteDialog",
    "StatsScreen",
    "TargetForm",
]


__getattr__ = lazy_names(__name__, _MODULES)
