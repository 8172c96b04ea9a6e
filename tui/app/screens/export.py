"""Write an export file: choose format, unit and scope, then watch it fill a progress bar.

The file is written to a temporary file beside the target and moved into place at the end, so
the target is either the old file or the complete new one, never half a file.
"""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Footer, Input, ProgressBar, Select, Static

from tui import dataset
from tui.dataset.formats import FORMATS, UNITS
from tui.files import replacing

SCOPES = (("all annotations", "all"), ("initiatives only", "initiative"), ("targets only", "target"))
# Formats with one line per annotation (or per record) have no document/passage choice.
UNIT_FORMATS = frozenset({"spans", "doccano"})
PROGRESS_EVERY = 0.05  # seconds between progress redraws; each one waits for the UI thread


class ExportCancelled(Exception):
    """Raised inside the export thread when the user pressed escape."""


@dataclass(frozen=True)
class ExportRequest:
    path: Path
    fmt: str
    unit: str
    kind: str | None
    status: str | None


def default_path(folder: Path, fmt: str) -> Path:
    return folder / f"export-{fmt}.jsonl"


def check_path(text: str) -> tuple[Path | None, str]:
    """The file to write, or None and why it cannot be written."""
    if not text.strip():
        return None, "Give a file to write."
    path = Path(text.strip()).expanduser()
    if path.is_dir():
        return None, f"{path} is a folder; give a file name."
    if not path.parent.is_dir():
        return None, f"Folder {path.parent} does not exist."
    if not os.access(path.parent, os.W_OK):
        return None, f"Cannot write in {path.parent} (permission denied)."
    return path, ""


def write_atomically(request: ExportRequest, corpus: Any, store: Any, progress: Any) -> int:
    """Run the export into a temporary file beside the target that replaces it once complete."""
    with replacing(request.path) as out:
        return dataset.write_export(out, request.fmt, corpus, store, unit=request.unit,
                                    kind=request.kind, status=request.status, progress=progress)


class ModeCheckbox(Checkbox):
    """A checkbox whose mark is a character (X or blank), so it reads the same without colour."""

    @property
    def BUTTON_INNER(self) -> str:
        return "X" if self.value else " "


class ExportDialog(ModalScreen[str | None]):
    CSS_PATH = "export.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "export", "Export", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, corpus: Any, store: Any, default_dir: Path) -> None:
        super().__init__()
        self.corpus = corpus
        self.store = store
        self.default_dir = Path(default_dir)
        self._auto_path = str(default_path(self.default_dir, FORMATS[0]))
        self._cancel = threading.Event()
        self._last_progress = 0.0
        self.running = False

    def compose(self) -> ComposeResult:
        with Vertical(id="export-box"):
            yield Static("Export", id="export-title")
            with Horizontal(classes="export-row", id="export-format-row"):
                yield Static("Format", classes="export-caption")
                yield Select([(f, f) for f in FORMATS], value=FORMATS[0], allow_blank=False, compact=True,
                             id="export-format")
            with Horizontal(classes="export-row"):
                yield Static("Unit", classes="export-caption")
                yield Select([(u, u) for u in UNITS], value=UNITS[0], allow_blank=False, compact=True,
                             id="export-unit")
            with Horizontal(classes="export-row"):
                yield Static("Scope", classes="export-caption")
                yield Select(list(SCOPES), value="all", allow_blank=False, compact=True, id="export-scope")
            with Horizontal(classes="export-row"):
                yield Static("", classes="export-caption")
                yield ModeCheckbox("only documents marked done", compact=True, id="export-done")
            with Horizontal(classes="export-row", id="export-path-row"):
                yield Static("File", classes="export-caption")
                yield Input(self._auto_path, compact=True, id="export-path", select_on_focus=False)
            yield Static("", id="export-error")
            yield ProgressBar(total=100, show_eta=False, id="export-progress")
            yield Static("", id="export-status")
            with Horizontal(id="export-buttons"):
                yield Button("Export", id="export-run", variant="primary", compact=True)
                yield Button("Cancel", id="export-cancel", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#export-format", Select).focus()
        self.query_one("#export-error").display = False

    # --- form ----------------------------------------------------------------------------------

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        if event.select.id == "export-format" and isinstance(event.value, str):
            path_input = self.query_one("#export-path", Input)
            if path_input.value == self._auto_path:  # the user has not typed a path of their own
                self._auto_path = str(default_path(self.default_dir, event.value))
                path_input.value = self._auto_path
            self.query_one("#export-unit", Select).disabled = event.value not in UNIT_FORMATS

    def request(self) -> tuple[ExportRequest | None, str]:
        path, problem = check_path(self.query_one("#export-path", Input).value)
        if path is None:
            return None, problem
        fmt = str(self.query_one("#export-format", Select).value)
        unit = str(self.query_one("#export-unit", Select).value) if fmt in UNIT_FORMATS else "document"
        scope = self.query_one("#export-scope", Select).value
        done_only = self.query_one("#export-done", Checkbox).value
        return ExportRequest(path, fmt, unit, None if scope == "all" else str(scope),
                             "done" if done_only else None), ""

    def show_error(self, message: str) -> None:
        error = self.query_one("#export-error", Static)
        error.update(Content(message))
        error.display = bool(message)

    # --- running -------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not self.is_mounted:
            return True
        if action in ("export", "cancel") and any(s.expanded for s in self.query(Select)):
            return False  # enter picks in the open drop-down, escape closes it
        if action == "export" and self.focused is not None and self.focused.id == "export-cancel":
            return False  # enter on a focused Cancel button presses it
        if action == "export" and self.running:
            return None  # shown, but greyed out while a run is going
        return True

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "export-run":
            self.action_export()
        else:
            self.action_cancel()

    def action_export(self) -> None:
        if self.running:
            return
        request, problem = self.request()
        self.show_error(problem)
        if request is None:
            self.app.bell()
            return
        self.running = True
        self._cancel.clear()
        self.query_one("#export-run", Button).disabled = True
        self.query_one("#export-status", Static).update(Content(f"Writing {request.path.name}…"))
        self.refresh_bindings()
        self.run_export(request)

    def action_cancel(self) -> None:
        if self.running:
            self._cancel.set()
            self.query_one("#export-status", Static).update("Cancelling…")
        else:
            self.dismiss(None)

    def _progress(self, done: int, total: int) -> None:
        """Called in the export thread."""
        if self._cancel.is_set():
            raise ExportCancelled
        now = time.monotonic()
        if done >= total or now - self._last_progress >= PROGRESS_EVERY:
            self._last_progress = now
            self.app.call_from_thread(self._show_progress, done, total)

    def _show_progress(self, done: int, total: int) -> None:
        self.query_one("#export-progress", ProgressBar).update(total=max(total, 1), progress=done)

    @work(thread=True, exclusive=True, exit_on_error=False, group="export")
    def run_export(self, request: ExportRequest) -> None:
        self._last_progress = 0.0
        try:
            lines = write_atomically(request, self.corpus, self.store, self._progress)
        except ExportCancelled:
            self.app.call_from_thread(self._finished, None, "")
        except Exception as e:  # shown in the dialog: any failure must leave the app running
            self.app.call_from_thread(self._finished, None, f"Export failed: {e}")
        else:
            self.app.call_from_thread(self._finished, request.path, f"Wrote {lines} lines.")

    def _finished(self, path: Path | None, message: str) -> None:
        self.running = False
        self.query_one("#export-run", Button).disabled = False
        self.refresh_bindings()
        if path is not None:
            self.dismiss(str(path))
        elif self._cancel.is_set():
            self.dismiss(None)
        else:
            self.query_one("#export-status", Static).update("")
            self.show_error(message)
