"""Export formats (spans, doccano, records, native) streamed one document at a time."""

from __future__ import annotations

import codecs
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Protocol, TextIO

import orjson

from tui.corpus import Document
from tui.dataset.fields import iso_date, typed_attrs
from tui.dataset.formats import FORMATS, UNITS
from tui.dataset.spans import context_of, passage_units, trim_span
from tui.store import Annotation, AnnotationStore
from tui.store.anchor import find_anchor

Progress = Callable[[int, int], None]


class Documents(Protocol):
    """Where an export reads documents: ``documents`` in corpus order, iterated once, and their
    number for the progress (a ``Corpus``, a lazy one, or the ``StreamedCorpus`` of the CLI)."""

    @property
    def documents(self) -> Iterable[Document]: ...

    @property
    def total(self) -> int: ...


@dataclass
class ExportReport:
    """What an export wrote and what it had to leave out (and why)."""

    lines: int = 0
    annotations: int = 0
    orphaned: int = 0  # not anchored in the current text: kept by native only
    missing_document: int = 0  # the document is not in the corpus
    empty: int = 0  # nothing left after trimming spaces and punctuation
    reanchored: int = 0  # the text changed since: exported where the quote is now (database unchanged)

    def skipped(self) -> dict[str, int]:
        found = {"orphaned": self.orphaned, "missing document": self.missing_document,
                 "empty after trimming": self.empty}
        return {k: v for k, v in found.items() if v}


@dataclass(frozen=True)
class Filters:
    kind: str | None = None
    annotator: str | None = None
    status: str | None = None

    def keeps(self, ann: Annotation) -> bool:
        return (self.kind is None or ann.kind == self.kind) and (
            self.annotator is None or ann.annotator == self.annotator)


def store_statuses(store: AnnotationStore, doc_ids: Iterable[str] = ()) -> dict[str, str]:
    """Every document status the store knows, plus the given documents (``todo`` when unset)."""
    known: dict[str, str] = dict(store.statuses()) if hasattr(store, "statuses") else {}
    for doc_id in doc_ids:
        if doc_id not in known:
            known[doc_id] = store.status(doc_id)
    return known


def is_anchored(ann: Annotation, text: str) -> bool:
    return (not ann.orphaned and 0 <= ann.start < ann.end <= len(text)
            and text[ann.start:ann.end] == ann.quote)


_LINE_SORTED = orjson.OPT_APPEND_NEWLINE | orjson.OPT_SORT_KEYS


def json_line(obj: Any, *, sort_keys: bool = False) -> bytes:
    """One JSON line in UTF-8 (Russian stays readable), compact, with its newline; orjson writes
    100,000 records several times faster than the standard library's encoder."""
    return orjson.dumps(obj, option=_LINE_SORTED if sort_keys else orjson.OPT_APPEND_NEWLINE)


def _line_writer(out: TextIO) -> Callable[[bytes], object]:
    """How a line of UTF-8 reaches ``out``. A stream that writes UTF-8 with plain newlines, and is
    not line-buffered for a terminal, takes the bytes into its buffer as they are: decoding them
    for the stream to encode them again was a tenth of an export. Any other stream gets text."""
    buffer = getattr(out, "buffer", None)
    encoding = getattr(out, "encoding", None)
    if (buffer is None or not encoding or codecs.lookup(encoding).name != "utf-8" or os.linesep != "\n"
            or getattr(out, "line_buffering", True)):
        return lambda line: out.write(line.decode())
    out.flush()  # what the text layer holds goes out first
    return buffer.write


def write_export(out: TextIO, fmt: str, corpus: Documents, store: AnnotationStore, *, unit: str = "document",
                 kind: str | None = None, annotator: str | None = None, status: str | None = None,
                 progress: Progress | None = None) -> int:
    """Write ``fmt`` to ``out``; returns the number of lines written."""
    return export(out, fmt, corpus, store, unit=unit, kind=kind, annotator=annotator, status=status,
                  progress=progress).lines


def export(out: TextIO, fmt: str, corpus: Documents, store: AnnotationStore, *, unit: str = "document",
           kind: str | None = None, annotator: str | None = None, status: str | None = None,
           progress: Progress | None = None) -> ExportReport:
    """Like :func:`write_export`, with the counts of what was left out."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
    if unit not in UNITS:
        raise ValueError(f"unknown unit {unit!r} (choose from {', '.join(UNITS)})")
    filters = Filters(kind, annotator, status)
    report = ExportReport()
    if fmt == "native":
        lines = _native_lines(store, filters, report, progress)
    else:
        lines = _text_lines(fmt, unit, corpus, store, filters, report, progress)
    write = _line_writer(out)
    for line in lines:
        write(line)
        report.lines += 1
    return report


# --- native: the store's own records, sorted so the file diffs well -------------------------------

def _native_lines(store: AnnotationStore, filters: Filters, report: ExportReport,
                  progress: Progress | None) -> Iterator[bytes]:
    annotated = {ann.doc for ann in store.all()}
    statuses = store_statuses(store)
    doc_ids = sorted(annotated | set(statuses))
    for n, doc_id in enumerate(doc_ids, 1):
        doc_status = statuses.get(doc_id) or store.status(doc_id)
        if filters.status is None or doc_status == filters.status:
            if doc_status != "todo":
                yield json_line({"record": "document", "doc": doc_id, "status": doc_status}, sort_keys=True)
            anns = sorted(store.for_doc(doc_id), key=lambda a: (a.start, a.end, a.id))
            for ann in anns:
                if filters.keeps(ann):
                    report.annotations += 1
                    yield json_line({"record": "annotation", **ann.to_dict()}, sort_keys=True)
        if progress:
            progress(n, len(doc_ids))


# --- formats built from the clean text -----------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    ann: Annotation
    attrs: dict[str, Any]  # typed once here: the sort, the line and the record all need them


def _doc_spans(doc: Document, anns: list[Annotation], report: ExportReport) -> list[Span]:
    spans: list[Span] = []
    for ann in anns:
        start, end = ann.start, ann.end
        if not is_anchored(ann, doc.text):
            # The file or the cleaning changed since the app last re-anchored this document: export
            # the quote where it is now, as the app would store it; only a vanished quote is left out.
            anchor = None if ann.orphaned else find_anchor(ann, doc.text)
            if anchor is None:
                report.orphaned += 1
                continue
            start, end = anchor.start, anchor.end
            report.reanchored += 1
        start, end = trim_span(doc.text, start, end)
        if start >= end:
            report.empty += 1
            continue
        spans.append(Span(start, end, ann, typed_attrs(ann.attrs)))
    # everything a line shows comes before the id, so a re-import (new ids) keeps the order
    spans.sort(key=lambda s: (s.start, s.end, s.ann.kind, s.ann.label, s.ann.annotator, s.ann.scope,
                              orjson.dumps(s.attrs), s.ann.id))
    report.annotations += len(spans)
    return spans


def _meta(doc: Document, doc_status: str, offset: int, passage: int | None) -> dict[str, Any]:
    return {"doc": doc.id, "title": doc.title, "date": iso_date(doc.date), "source": doc.source,
            "lang": doc.lang, "status": doc_status, "offset": offset, "passage": passage}


def _span_entry(text: str, span: Span, offset: int) -> dict[str, Any]:
    ann = span.ann
    return {"start": span.start - offset, "end": span.end - offset, "label": ann.label,
            "text": text[span.start:span.end], "kind": ann.kind, "scope": ann.scope,
            "annotator": ann.annotator, "attrs": span.attrs}


def _text_lines(fmt: str, unit: str, corpus: Documents, store: AnnotationStore, filters: Filters,
                report: ExportReport, progress: Progress | None) -> Iterator[bytes]:
    # one pass over the documents, so a lazy or streamed corpus prepares each once and holds one;
    # the annotations of documents the pass did not meet are counted at its end
    seen: set[str] = set()
    total = corpus.total
    n = 0
    for n, doc in enumerate(corpus.documents, 1):
        seen.add(doc.id)
        doc_status = store.status(doc.id)
        if filters.status is None or doc_status == filters.status:
            spans = _doc_spans(doc, [a for a in store.for_doc(doc.id) if filters.keeps(a)], report)
            if fmt == "records":
                about = {"title": doc.title, "date": iso_date(doc.date), "source": doc.source,
                         "lang": doc.lang, "doc_status": doc_status}
                yield from (json_line(_record(doc, about, s)) for s in spans)
            elif unit == "document":
                if doc.text:  # doccano refuses empty texts; an empty document has nothing to label
                    yield json_line(_unit_line(fmt, doc, doc_status, 0, len(doc.text), None, spans))
            else:
                yield from _passage_lines(fmt, doc, doc_status, spans)
        if progress:
            progress(n, total)
    if progress and n < total:  # the rest were texts with nothing but site furniture
        progress(total, total)
    for doc_id in {a.doc for a in store.all()} - seen:
        report.missing_document += sum(1 for a in store.for_doc(doc_id) if filters.keeps(a))


def _passage_lines(fmt: str, doc: Document, doc_status: str, spans: list[Span]) -> Iterator[bytes]:
    units = passage_units(doc, [(s.start, s.end) for s in spans])
    i = 0
    for start, end, index in units:
        inside: list[Span] = []
        while i < len(spans) and spans[i].start < end:
            inside.append(spans[i])
            i += 1
        if doc.text[start:end].strip():
            yield json_line(_unit_line(fmt, doc, doc_status, start, end, index, inside))


def _unit_line(fmt: str, doc: Document, doc_status: str, start: int, end: int, index: int | None,
               spans: list[Span]) -> dict[str, Any]:
    text = doc.text[start:end]
    meta = _meta(doc, doc_status, start, index)
    if fmt == "doccano":
        return {"text": text, "label": [[s.start - start, s.end - start, s.ann.label] for s in spans],
                "meta": meta}
    return {"text": text, "spans": [_span_entry(doc.text, s, start) for s in spans], "meta": meta,
            "answer": "accept"}


def _record(doc: Document, about: dict[str, Any], span: Span) -> dict[str, Any]:
    """One flat line; ``about`` holds the document's columns, the same for all of its records."""
    ann = span.ann
    ctx_start, ctx_end = context_of(doc, span.start, span.end)
    attrs = span.attrs
    return {
        "id": ann.id, "doc": doc.id, "kind": ann.kind, "label": ann.label, "scope": ann.scope,
        "start": span.start, "end": span.end, "text": doc.text[span.start:span.end],
        "context": doc.text[ctx_start:ctx_end], "context_start": ctx_start,
        "metric": attrs["metric"], "value": attrs["value"], "unit": attrs["unit"],
        "qualifier": attrs["qualifier"], "deadline": attrs["deadline"], "baseline": attrs["baseline"],
        "region": attrs["region"], "target_status": attrs["status"], "initiative": attrs["initiative"],
        "note": ann.note, "annotator": ann.annotator, "origin": ann.origin,
        "created": ann.created, "updated": ann.updated, **about,
    }
