"""The side panel: the open document's annotations in text order, in their label colours."""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.binding import BindingType
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.app.commands import READER, forwarded_bindings, panel_keys
from tui.app.messages import AnnotationChosen
from tui.app.widgets.late_keys import route_key
from tui.session import AnnotationRow

EMPTY = Content.assemble(("None yet.\n", "italic $text-muted"),
                         ("i", "bold"), (" initiative, ", "$text-muted"), ("t", "bold"),
                         (" target: tags the marked sentence; ", "$text-muted"), ("v", "bold"),
                         (" selects words first.", "$text-muted"))


def annotation_prompt(row: AnnotationRow) -> Content:
    kind = "◆" if row.kind == "initiative" else "▲"
    flags = ""
    if row.origin == "suggestion":
        flags += " ✓sugg."
    if row.note:
        flags += " ✎"
    if row.orphaned:
        flags += " ⚠ orphaned"
    return Content.assemble(
        (f"{kind} ", row.color),
        (row.name, f"bold {row.color}"),
        (flags, "$warning" if row.orphaned else "$text-muted"),
        "\n",
        (f"  “{row.quote}”", "$text-muted"),
        *(("\n", (f"  note: {row.note}", "italic $text-muted")) if row.note else ()),
    )


class AnnotationPanel(OptionList):
    """Lists annotations; enter posts AnnotationChosen. The app highlights the one under the cursor.

    Reader keys pressed here (i, t, d, u …) go to the reader, as they do from the document list."""

    BINDINGS: ClassVar[list[BindingType]] = forwarded_bindings(taken=panel_keys())

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._ids: list[str] = []
        # each row's prompt, kept while the row is unchanged: a Content measures its wrapped height
        # once, so a new list re-measures only new rows (all of them took a third of a label key)
        self._prompts: dict[AnnotationRow, Content] = {}
        self.border_title = "Annotations"

    async def on_key(self, event: events.Key) -> None:
        await route_key(self, READER, event)  # "/" searches the reader's document from here too

    @property
    def ids(self) -> list[str]:
        """The annotations listed, in order."""
        return list(self._ids)

    def set_rows(self, rows: list[AnnotationRow]) -> None:
        known = self._prompts
        prompts = self._prompts = {r: p if (p := known.get(r)) is not None else annotation_prompt(r)
                                   for r in rows}
        ids = [r.id for r in rows]
        if ids and ids == self._ids and self.option_count == len(rows):
            # same records: re-draw prompts in place (a note or attribute may have changed)
            for r in rows:
                self.replace_option_prompt(r.id, prompts[r])
            return
        self._ids = ids
        if rows:
            self.set_options(Option(prompts[r], id=r.id) for r in rows)
        else:
            self.set_options([Option(EMPTY, disabled=True)])
        self.border_subtitle = f"{len(rows)}"

    def show_current(self, ann_id: str | None) -> None:
        if ann_id is None or ann_id not in self._ids:
            self.highlighted = None
            return
        self.highlighted = self._ids.index(ann_id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(AnnotationChosen(event.option.id))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        # moving through the panel moves the reader too, so d, n or t act on the row shown
        if self.has_focus and event.option.id is not None:
            self.post_message(AnnotationChosen(event.option.id, focus=False))
