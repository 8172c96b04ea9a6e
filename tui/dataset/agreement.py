"""Agreement between two annotators: Cohen's kappa on passages, precision/recall/F1 on spans."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from tui.corpus import Corpus, Document
from tui.dataset.export import is_anchored
from tui.dataset.spans import trim_span
from tui.store import Annotation

NONE = "none"
ALL = "(all)"


def cohen_kappa(a: Sequence[str], b: Sequence[str]) -> float | None:
    """Cohen's kappa of two equally long label sequences; None when undefined (no items, or both
    annotators used one and the same category everywhere, so chance agreement is 1)."""
    if len(a) != len(b):
        raise ValueError("kappa needs one label per item from each annotator")
    n = len(a)
    if n == 0:
        return None
    observed = sum(x == y for x, y in zip(a, b, strict=True)) / n
    ca, cb = Counter(a), Counter(b)
    expected = sum(ca[k] * cb[k] for k in ca) / (n * n)
    if expected >= 1.0:
        return None
    return (observed - expected) / (1.0 - expected)


@dataclass
class SpanScores:
    """Scores of annotator B against A (F1 is symmetric; P and R swap if the order does)."""

    label: str
    a: int = 0  # spans by A
    b: int = 0  # spans by B
    exact: int = 0  # spans of B with an identical span (label, start, end) in A
    overlap_a: int = 0  # spans of A overlapped by a B span of the same label
    overlap_b: int = 0  # spans of B overlapping an A span of the same label
    exact_p: float | None = None
    exact_r: float | None = None
    exact_f1: float | None = None
    overlap_p: float | None = None
    overlap_r: float | None = None
    overlap_f1: float | None = None

    def finish(self) -> SpanScores:
        self.exact_p, self.exact_r, self.exact_f1 = prf(self.exact, self.exact, self.a, self.b)
        self.overlap_p, self.overlap_r, self.overlap_f1 = prf(self.overlap_b, self.overlap_a, self.a, self.b)
        return self


Ratio = float | None


def prf(matched_b: int, matched_a: int, n_a: int, n_b: int) -> tuple[Ratio, Ratio, Ratio]:
    """Precision (B's matched share), recall (A's matched share) and F1; None where nothing to divide."""
    p = matched_b / n_b if n_b else None
    r = matched_a / n_a if n_a else None
    if p is not None and r is not None:
        f1 = 2 * p * r / (p + r) if p + r else 0.0
    else:
        f1 = 0.0 if (n_a or n_b) else None  # one side empty: nothing can match
    return p, r, f1


@dataclass
class Agreement:
    documents: int = 0
    passages: int = 0
    kappa: float | None = None  # on each passage's label set ("none" when empty)
    kappa_by_label: dict[str, float | None] = field(default_factory=dict)  # presence/absence per label
    spans: dict[str, SpanScores] = field(default_factory=dict)  # per label, plus ALL
    skipped_documents: list[str] = field(default_factory=list)  # annotated but not in the corpus

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def passage_labels(doc: Document, anns: Iterable[Annotation]) -> list[frozenset[str]]:
    """For each sentence, the labels of the annotations that overlap it."""
    sentences = doc.sentences or []
    out: list[set[str]] = [set() for _ in sentences]
    for ann in anns:
        first = doc.sentence_at(ann.start)
        if first is None:
            continue
        for i in range(first, len(sentences)):
            s = sentences[i]
            if s.start >= ann.end:
                break
            if s.end > ann.start or s.start == ann.start:
                out[i].add(ann.label)
    return [frozenset(x) for x in out]


Mark = tuple[str, int, int]  # (label, start, end)


def marks(doc: Document, anns: Iterable[Annotation]) -> list[Mark]:
    """Spans as exported (trimmed of spaces and punctuation), so a stray trailing space is no disagreement."""
    out: list[Mark] = []
    for ann in anns:
        start, end = ann.start, ann.end
        if is_anchored(ann, doc.text):
            start, end = trim_span(doc.text, start, end)
            if start >= end:
                start, end = ann.start, ann.end
        out.append((ann.label, start, end))
    return out


def _span_scores(a: list[Mark], b: list[Mark], scores: dict[str, SpanScores]) -> None:
    for label, _, _ in a:
        scores.setdefault(label, SpanScores(label)).a += 1
    for label, _, _ in b:
        scores.setdefault(label, SpanScores(label)).b += 1
    exact_a = Counter(a)
    for mark in b:
        if exact_a[mark] > 0:  # each of A's spans matches at most one of B's
            exact_a[mark] -= 1
            scores[mark[0]].exact += 1

    def overlaps(x: Mark, ys: list[Mark]) -> bool:
        return any(y[0] == x[0] and x[1] < y[2] and y[1] < x[2] for y in ys)

    for mark in a:
        scores[mark[0]].overlap_a += overlaps(mark, b)
    for mark in b:
        scores[mark[0]].overlap_b += overlaps(mark, a)


def compare(corpus: Corpus, a: Iterable[Annotation], b: Iterable[Annotation],
            a_status: dict[str, str] | None = None, b_status: dict[str, str] | None = None) -> Agreement:
    """Agreement on the documents both annotators worked on (an annotation or a status other than todo)."""
    by_doc_a: dict[str, list[Annotation]] = {}
    by_doc_b: dict[str, list[Annotation]] = {}
    for ann in a:
        by_doc_a.setdefault(ann.doc, []).append(ann)
    for ann in b:
        by_doc_b.setdefault(ann.doc, []).append(ann)

    def worked(by_doc: dict[str, list[Annotation]], status: dict[str, str] | None) -> set[str]:
        return set(by_doc) | {d for d, s in (status or {}).items() if s != "todo"}

    shared = worked(by_doc_a, a_status) & worked(by_doc_b, b_status)
    result = Agreement()
    seq_a: list[frozenset[str]] = []
    seq_b: list[frozenset[str]] = []
    spans: dict[str, SpanScores] = {}
    for doc_id in sorted(shared):
        doc = corpus.get(doc_id)  # a lazy corpus prepares only the shared documents
        if doc is None:
            result.skipped_documents.append(doc_id)
            continue
        result.documents += 1
        anns_a, anns_b = by_doc_a.get(doc_id, []), by_doc_b.get(doc_id, [])
        seq_a.extend(passage_labels(doc, anns_a))
        seq_b.extend(passage_labels(doc, anns_b))
        _span_scores(marks(doc, anns_a), marks(doc, anns_b), spans)
    result.passages = len(seq_a)
    result.kappa = cohen_kappa(["+".join(sorted(x)) or NONE for x in seq_a],
                               ["+".join(sorted(x)) or NONE for x in seq_b])
    labels = sorted(set().union(*seq_a, *seq_b)) if seq_a else []
    for label in labels:
        result.kappa_by_label[label] = cohen_kappa([str(label in x) for x in seq_a],
                                                   [str(label in x) for x in seq_b])
    total = SpanScores(ALL)
    for label in sorted(spans):
        s = spans[label].finish()
        result.spans[label] = s
        for name in ("a", "b", "exact", "overlap_a", "overlap_b"):
            setattr(total, name, getattr(total, name) + getattr(s, name))
    result.spans[ALL] = total.finish()
    return result
