"""Shared pieces of the screen tests (no tests here): a host app that records the dismissed value."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

from textual.app import App
from textual.pilot import Pilot
from textual.screen import Screen

from tui.corpus import Corpus, prepare_document
from tui.store import Annotation, AnnotationStore

TEXTS = {
    "doc_a": ("Digital Economy news\n\n"
              "The Digital Economy national project will connect 95% of schools by 2024."),
    "doc_b": "Regional report\n\nIn Ryazan, 42.5 per cent of services are online: 70 per cent by 2030.",
}


def make_corpus() -> Corpus:
    return Corpus([prepare_document(doc_id, text) for doc_id, text in TEXTS.items()])


def add(store: AnnotationStore, corpus: Corpus, doc_id: str, phrase: str, label: str,
        attrs: dict[str, Any] | None = None) -> Annotation:
    doc = corpus.get(doc_id)
    assert doc is not None
    start = doc.text.index(phrase)
    kind = "target" if label == "target" else "initiative"
    ann = Annotation.anchored(doc.text, start, start + len(phrase), doc=doc_id, kind=kind, label=label,
                              attrs=attrs or {}, doc_sha256=doc.sha256)
    return store.add(ann)

NOTHING = object()  # what the host records before the screen is dismissed


class Host(App[None]):
    """Pushes one screen and records what it was dismissed with."""

    def __init__(self, make: Callable[[], Screen[Any]]) -> None:
        super().__init__()
        self.make = make
        self.result: Any = NOTHING

    def on_mount(self) -> None:
        self.push_screen(self.make(), self._done)

    def _done(self, value: Any) -> None:
        self.result = value


@asynccontextmanager
async def hosted(make: Callable[[], Screen[Any]], size: tuple[int, int] = (80, 24)) -> AsyncIterator[Pilot]:
    app = Host(make)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        yield pilot


def result(pilot: Pilot) -> Any:
    return pilot.app.result  # type: ignore[attr-defined]


def screen_text(pilot: Pilot) -> str:
    strips = pilot.app.screen._compositor.render_strips()
    return "\n".join("".join(segment.text for segment in strip) for strip in strips)


PREFILLED = {"metric": "", "value": 95, "unit": "%", "qualifier": "up_to", "deadline": None,
             "baseline": None, "region": None, "status": "goal", "initiative": None}
QUOTE = "By 2024, up to 95% of socially significant services will be available in electronic form."


@dataclass
class FakeStats:
    """Stands in for tui.dataset.Stats: the fields the screen reads."""

    per_label: dict[str, int] = field(default_factory=dict)
    per_kind: dict[str, int] = field(default_factory=dict)
    per_status: dict[str, int] = field(default_factory=dict)
    per_annotator: dict[str, int] = field(default_factory=dict)
    targets_by_deadline: dict[str, int] = field(default_factory=dict)
    total: int = 0


STATS = FakeStats(
    per_label={"target": 41, "np.digital_economy": 23, "fp.de.infrastructure": 9, "old.label": 2},
    per_kind={"target": 41, "initiative": 34},
    per_status={"todo": 12, "in_progress": 3, "done": 7, "skipped": 1},
    per_annotator={"alice": 50, "bob": 25},
    targets_by_deadline={"2030": 9, "2024": 17, "none": 12, "2021": 3},
    total=75,
)
