"""Counts for the stats screen and the ``stats`` command."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

from tui.corpus import Corpus
from tui.dataset.export import store_statuses
from tui.store import AnnotationStore

NO_DEADLINE = "none"


@dataclass
class Stats:
    per_label: dict[str, int] = field(default_factory=dict)
    per_kind: dict[str, int] = field(default_factory=dict)
    per_status: dict[str, int] = field(default_factory=dict)  # documents per status
    per_annotator: dict[str, int] = field(default_factory=dict)
    targets_by_deadline: dict[str, int] = field(default_factory=dict)
    total: int = 0
    orphaned: int = 0
    documents: int = 0  # documents counted in per_status
    annotated_documents: int = 0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _sorted(counter: Counter[str]) -> dict[str, int]:
    return dict(sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])))


def compute_stats(store: AnnotationStore, corpus: Corpus | None = None) -> Stats:
    """Counts over the whole store; document statuses over the corpus when given (unset = todo),
    else over every document the store knows."""
    labels: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    annotators: Counter[str] = Counter()
    deadlines: Counter[str] = Counter()
    docs: set[str] = set()
    stats = Stats()
    for ann in store.all():
        stats.total += 1
        stats.orphaned += ann.orphaned
        labels[ann.label] += 1
        kinds[ann.kind] += 1
        annotators[ann.annotator or "(unnamed)"] += 1
        docs.add(ann.doc)
        if ann.kind == "target":
            deadline = ann.attrs.get("deadline")
            deadlines[NO_DEADLINE if deadline in (None, "") else str(deadline)] += 1
    if corpus is not None:
        doc_ids = corpus.ids()  # a lazy corpus lists them without preparing any
        statuses = store_statuses(store, doc_ids)
        counted = Counter(statuses[d] for d in doc_ids)
    else:
        statuses = store_statuses(store, docs)
        counted = Counter(statuses.values())
    stats.per_label = _sorted(labels)
    stats.per_kind = _sorted(kinds)
    stats.per_annotator = _sorted(annotators)
    stats.per_status = _sorted(counted)
    stats.targets_by_deadline = dict(sorted(deadlines.items()))
    stats.documents = sum(counted.values())
    stats.annotated_documents = len(docs)
    return stats
