"""Confirm or edit the attributes of a target (KPI); enter saves from any field, escape cancels."""

from __future__ import annotations

import re
from pathlib import PurePath
from typing import Any, ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Input, Select, Static

from tui.app.screens.target_validation import FIELDS, QUALIFIERS, STATUSES, check_target
from tui.app.widgets.key_bar import KeyBar
from tui.labels import LabelSchema

QUOTE_CHARS = 140
NONE = "none"

_CAPTIONS = {
    "metric": "Metric", "value": "Value", "unit": "Unit", "qualifier": "Qualifier",
    "deadline": "Deadline", "baseline": "Baseline", "region": "Region", "status": "Status",
    "initiative": "Initiative",
}
_PLACEHOLDERS = {
    "metric": "what is measured, e.g. share of services online",
    "value": "e.g. 95 or 42.5",
    "unit": "%, RUB, schools…",
    "deadline": "year, e.g. 2024",
    "baseline": "starting value, optional",
    "region": "empty = federal",
}


def short_quote(quote: str, limit: int = QUOTE_CHARS) -> str:
    flat = re.sub(r"\s+", " ", quote).strip()
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def as_field_text(value: Any) -> str:
    """How a stored value is shown in a text field (1500000.0 as 1500000, None as empty)."""
    if value is None:
        return ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else f"{value:.12g}"
    return str(value)


class TargetForm(ModalScreen[dict | None]):
    CSS_PATH: ClassVar[list[str | PurePath]] = ["target_form.tcss", "../widgets/key_bar.tcss"]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "save", "Save", priority=True),
        Binding("ctrl+s", "save", "Save", show=False, priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, attrs: dict, schema: LabelSchema, quote: str) -> None:
        super().__init__()
        self.attrs = dict(attrs or {})
        self.schema = schema
        self.quote = quote
        self._initiatives = self._choices(self.attrs)

    def _choices(self, attrs: dict) -> list[str]:
        # An id the schema no longer has stays choosable, so opening and saving loses nothing.
        initiative = attrs.get("initiative")
        choices = [lab.id for lab in self.schema.labels]
        if initiative and initiative not in self.schema:
            choices.append(str(initiative))
        return choices

    def reset(self, attrs: dict, quote: str) -> bool:
        """Show another target, as a new form would; False when this form cannot (an initiative
        the schema lacks needs a choice of its own in the list). The app keeps one form and opens
        it again (``NatprojApp._kept_dialog``)."""
        attrs = dict(attrs or {})
        if self._choices(attrs) != self._initiatives:
            return False
        self.attrs, self.quote = attrs, quote
        if not self.is_mounted:
            return True  # compose reads them
        self.query_one("#target-quote", Static).update(Content(short_quote(quote)))
        with self.prevent(Input.Changed, Select.Changed):  # checked once, below, not per field
            for name in FIELDS:
                field = self.query_one(f"#field-{name}")
                if isinstance(field, Input):
                    field.value = as_field_text(attrs.get(name))
                elif isinstance(field, Select):
                    field.value = self._choice(name, attrs.get(name))
        self.query_one("#target-box").scroll_home(animate=False)
        self.query_one("#field-metric", Input).focus()
        self._show_errors()
        return True

    # --- layout --------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Vertical(id="target-box"):
            yield Static("Target", id="target-title")
            yield Static(Content(short_quote(self.quote)), id="target-quote")
            with Vertical(id="target-fields"):
                for name in FIELDS:
                    with Horizontal(classes="target-row", id=f"row-{name}"):
                        yield Static(_CAPTIONS[name], classes="target-caption")
                        yield self._field(name)
                    yield Static("", classes="target-error", id=f"error-{name}")
            with Horizontal(id="target-buttons"):
                yield Button("Save", id="target-save", variant="primary", compact=True)
                yield Button("Cancel", id="target-cancel", compact=True)
        yield KeyBar()  # not Footer: see InitiativePicker

    def _choice(self, name: str, value: Any) -> str:
        """What a drop-down shows for ``value``: "none" (or "goal") for what it does not offer."""
        if name == "qualifier":
            return value if value in QUALIFIERS else NONE
        if name == "initiative":
            return value if value in self._initiatives else NONE
        return value if value in STATUSES else "goal"

    def _field(self, name: str) -> Widget:
        value = self.attrs.get(name)
        if name == "qualifier":
            options = [(NONE, NONE)] + [(q.replace("_", " "), q) for q in QUALIFIERS]
            return Select(options, value=self._choice(name, value), allow_blank=False, compact=True,
                          id="field-qualifier")
        if name == "initiative":
            options = [(NONE, NONE)]
            for label_id in self._initiatives:
                label = self.schema.get(label_id)
                shown = f"{label.name} ({label_id})" if label else f"{label_id} (not in schema)"
                options.append((Content(shown), label_id))
            return Select(options, value=self._choice(name, value), allow_blank=False, compact=True,
                          id="field-initiative")
        if name == "status":
            # A drop-down rather than radio buttons: its text says the choice, colour or not.
            return Select([(s, s) for s in STATUSES], value=self._choice(name, value), allow_blank=False,
                          compact=True, id="field-status")
        return Input(as_field_text(value), placeholder=_PLACEHOLDERS.get(name, ""), compact=True,
                     id=f"field-{name}", select_on_focus=False)

    def on_mount(self) -> None:
        self.query_one("#field-metric", Input).focus()
        self._show_errors()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        # Mark the caption of the field being edited (reverse video reads without colour too).
        row = next((node for node in event.widget.ancestors_with_self if node.has_class("target-row")), None)
        for each in self.query(".target-row"):
            each.set_class(each is row, "-current")

    # --- reading and checking ------------------------------------------------------------------

    def field_values(self) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for name in FIELDS:
            widget = self.query_one(f"#field-{name}")
            if isinstance(widget, Input):
                values[name] = widget.value
            elif isinstance(widget, Select):
                values[name] = "" if widget.value is Select.NULL else widget.value
        return values

    def _show_errors(self) -> dict[str, str]:
        errors = check_target(self.field_values(), self._initiatives).errors
        for name in FIELDS:
            message = errors.get(name, "")
            error = self.query_one(f"#error-{name}", Static)
            error.update(Content(message))
            error.display = bool(message)
            self.query_one(f"#row-{name}").set_class(bool(message), "-invalid")
        return errors

    @on(Input.Changed)
    @on(Select.Changed)
    def _revalidate(self, event: Input.Changed | Select.Changed) -> None:
        event.stop()
        if self.is_mounted:
            self._show_errors()

    # --- actions -------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # While a drop-down is open, enter chooses in it and escape closes it.
        dropped = self.is_mounted and any(select.expanded for select in self.query(Select))
        if action in ("save", "cancel") and dropped:
            return False
        # enter on a focused Cancel button presses it rather than saving
        return not (action == "save" and self.focused is not None and self.focused.id == "target-cancel")

    def action_save(self) -> None:
        values = self.field_values()
        check = check_target(values, self._initiatives)
        if not check.ok:
            self._show_errors()
            first = next(name for name in FIELDS if name in check.errors)
            self.query_one(f"#field-{first}").focus()
            self.app.bell()
            return
        extra = {k: v for k, v in self.attrs.items() if k not in FIELDS}
        self.dismiss({**extra, **check.attrs})

    def action_cancel(self) -> None:
        self.dismiss(None)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "target-save":
            self.action_save()
        else:
            self.action_cancel()
