"""Counts of the annotation work, as charts that carry their numbers: per label, deadlines, statuses."""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from tui.app.screens.charts import Bar, Chart
from tui.labels import TARGET_COLOR, LabelSchema

STATUS_ORDER = ("done", "in_progress", "todo", "skipped")
# Fill characters tell the statuses apart without colour; the styles add it where there is colour.
STATUS_LOOK = {
    "done": ("█", "$text-success"),
    "in_progress": ("▓", "$text-warning"),
    "todo": ("░", "$foreground"),
    "skipped": ("▒", "$text-secondary"),
}
NO_DEADLINE = "none"


def label_bars(per_label: dict[str, int], schema: LabelSchema | None) -> list[Bar]:
    bars = []
    for label_id, count in per_label.items():
        label = schema.get(label_id) if schema is not None else None
        if label is not None:
            bars.append(Bar(label.name, count, label.color))
        elif label_id == "target":
            bars.append(Bar("target (KPI)", count, TARGET_COLOR))
        else:
            bars.append(Bar(label_id, count, "$text-primary"))
    return sorted(bars, key=lambda b: (-b.count, b.name))


def deadline_bars(by_deadline: dict[str, int]) -> list[Bar]:
    def order(key: str) -> tuple[int, str]:
        return (0, key.zfill(8)) if key.isdigit() else (1, key)

    return [Bar(year, by_deadline[year], "$text-accent" if year != NO_DEADLINE else "$text-muted")
            for year in sorted(by_deadline, key=order)]


def status_bars(per_status: dict[str, int]) -> list[Bar]:
    names = [s for s in STATUS_ORDER if s in per_status] + sorted(set(per_status) - set(STATUS_ORDER))
    return [Bar(s.replace("_", " "), per_status[s], STATUS_LOOK.get(s, ("▚", "$text-primary"))[1],
                STATUS_LOOK.get(s, ("▚", "$text-primary"))[0]) for s in names]


def plain_bars(counts: dict[str, int], style: str) -> list[Bar]:
    bars = [Bar(name, count, style) for name, count in counts.items()]
    return sorted(bars, key=lambda b: (-b.count, b.name))


def summary(stats: Any) -> str:
    parts = [f"{stats.total} annotation{'s' if stats.total != 1 else ''}"]
    documents = getattr(stats, "documents", None)
    if documents is None:
        documents = sum(stats.per_status.values())
    parts.append(f"{documents} document{'s' if documents != 1 else ''}")
    annotated = getattr(stats, "annotated_documents", None)
    if annotated is not None:
        parts.append(f"{annotated} annotated")
    done = stats.per_status.get("done", 0)
    parts.append(f"{done} done")
    orphaned = getattr(stats, "orphaned", 0)
    if orphaned:
        parts.append(f"{orphaned} orphaned (text changed)")
    return " · ".join(parts)


class StatsScreen(ModalScreen[None]):
    CSS_PATH = "stats.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close"),
        Binding("j,down", "scroll(1)", "Scroll", show=False),
        Binding("k,up", "scroll(-1)", "Scroll", show=False),
    ]

    def __init__(self, stats: Any, schema: LabelSchema | None = None) -> None:
        super().__init__()
        self.stats = stats
        self.schema = schema

    def compose(self) -> ComposeResult:
        stats = self.stats
        with Vertical(id="stats-box"):
            yield Static("Statistics", id="stats-title")
            yield Static(Content(summary(stats)), id="stats-summary")
            with VerticalScroll(id="stats-scroll"):
                yield Static("Annotations per label", classes="stats-heading")
                yield Chart("bars", label_bars(stats.per_label, self.schema), empty="no annotations yet",
                            id="stats-labels")
                yield Static("Targets by deadline year", classes="stats-heading")
                yield Chart("columns", deadline_bars(stats.targets_by_deadline), empty="no targets yet",
                            id="stats-deadlines")
                yield Static("Documents by status", classes="stats-heading")
                yield Chart("stacked", status_bars(stats.per_status), empty="no documents",
                            id="stats-statuses")
                with Horizontal(id="stats-pair"):
                    with Vertical(classes="stats-half"):
                        yield Static("Per kind", classes="stats-heading")
                        yield Chart("bars", plain_bars(stats.per_kind, "$text-primary"), id="stats-kinds")
                    with Vertical(classes="stats-half"):
                        yield Static("Per annotator", classes="stats-heading")
                        yield Chart("bars", plain_bars(stats.per_annotator, "$text-secondary"),
                                    id="stats-annotators")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#stats-scroll").focus()

    def action_close(self) -> None:
        self.dismiss(None)

    def action_scroll(self, lines: int) -> None:
        scroll = self.query_one("#stats-scroll", VerticalScroll)
        scroll.scroll_relative(y=lines, animate=False)
