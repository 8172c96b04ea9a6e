"""Reading native, spans and doccano files back: validate every line first, then write all or nothing."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tui.corpus import Corpus, Document
from tui.dataset.fields import stored_attrs
from tui.dataset.formats import IMPORT_FORMATS
from tui.labels import LabelSchema
from tui.store import Annotation, AnnotationStore
from tui.store.records import KINDS, ORIGINS, SCOPES, STATUSES

MAX_REPORTED = 20
# doccano's sequence labeling export names the column "label" (older: "labels"); projects with
# relations export "entities" as objects with start_offset, end_offset and label
DOCCANO_KEYS = ("label", "labels", "entities")


@dataclass(frozen=True)
class Problem:
    line: int
    message: str


class ImportFailed(Exception):
    """The file has bad lines; nothing was written. ``str(e)`` lists them with line numbers."""

    def __init__(self, path: str, problems: list[Problem]) -> None:
        self.path = path
        self.problems = problems
        shown = [f"{path}:{p.line}: {p.message}" if p.line else f"{path}: {p.message}"
                 for p in problems[:MAX_REPORTED]]
        if len(problems) > MAX_REPORTED:
            shown.append(f"{path}: … and {len(problems) - MAX_REPORTED} more bad lines")
        shown.append(f"{path}: nothing imported ({len(problems)} bad line{'s' * (len(problems) != 1)})")
        super().__init__("\n".join(shown))


@dataclass
class ImportPlan:
    """Everything a valid file holds, ready to be written."""

    format: str
    annotations: list[Annotation] = field(default_factory=list)
    statuses: dict[str, str] = field(default_factory=dict)
    not_accepted: int = 0  # Prodigy lines answered "reject"/"ignore"


@dataclass
class ImportResult:
    added: int = 0
    duplicates: int = 0
    statuses: int = 0


class _LineError(Exception):
    pass


def _lines(path: Path) -> Iterator[tuple[int, str]]:
    with open(path, encoding="utf-8-sig") as fh:
        for n, line in enumerate(fh, 1):
            if line.strip():
                yield n, line


def detect_format(obj: dict[str, Any]) -> str | None:
    if "record" in obj or ("kind" in obj and "doc" in obj and "quote" in obj):
        return "native"
    if "spans" in obj and "text" in obj:
        return "spans"
    if "text" in obj and any(k in obj for k in DOCCANO_KEYS):
        return "doccano"
    return None


def read_import(path: Path, corpus: Corpus | None, schema: LabelSchema, *, fmt: str | None = None,
                annotator: str = "") -> ImportPlan:
    """Validate the whole file; raises :class:`ImportFailed` listing every bad line."""
    if fmt is not None and fmt not in IMPORT_FORMATS:
        raise ValueError(f"cannot import format {fmt!r} (choose from {', '.join(IMPORT_FORMATS)})")
    problems: list[Problem] = []
    reader: _Reader | None = None
    plan: ImportPlan | None = None
    try:
        for n, line in _lines(path):
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as e:
                problems.append(Problem(n, f"not valid JSON ({e.msg}, column {e.colno})"))
                continue
            if not isinstance(obj, dict):
                problems.append(Problem(n, "a line must be a JSON object"))
                continue
            if reader is None:
                found = fmt or detect_format(obj)
                if found is None:
                    problems.append(Problem(n, "not a native, spans or doccano line "
                                               "(give --format to say which it is)"))
                    continue
                plan = ImportPlan(found)
                reader = _Reader(plan, corpus, schema, annotator)
            try:
                reader.read(obj)
            except _LineError as e:
                problems.append(Problem(n, str(e)))
    except UnicodeDecodeError as e:
        raise ImportFailed(str(path), [Problem(0, f"not UTF-8 text ({e.reason})")]) from None
    if problems:
        raise ImportFailed(str(path), problems)
    return plan or ImportPlan(fmt or "native")


def apply_import(plan: ImportPlan, store: AnnotationStore) -> ImportResult:
    """Write a validated plan. A record already in the store before this import (same id, or the same
    span by the same annotator) is counted as a duplicate, not doubled; equal spans within the file
    are all kept, so an export imports back to the same export. Everything goes to the store in one
    write, so a disk that fills up halfway leaves none of the import behind."""
    result = ImportResult()
    before: dict[str, tuple[set[str], set[tuple]]] = {}
    added: dict[str, Annotation] = {}
    for ann in plan.annotations:
        ids, keys = before.setdefault(ann.doc, _existing(store, ann.doc))
        if ann.id in ids or ann.id in added or span_key(ann) in keys:
            result.duplicates += 1
            continue
        added[ann.id] = ann
    statuses = {doc: status for doc, status in plan.statuses.items() if store.status(doc) != status}
    store.add_many(added.values(), statuses)
    result.added = len(added)
    result.statuses = len(statuses)
    return result


def span_key(ann: Annotation) -> tuple:
    return (ann.doc, ann.kind, ann.label, ann.start, ann.end, ann.annotator)


def _existing(store: AnnotationStore, doc_id: str) -> tuple[set[str], set[tuple]]:
    anns = store.for_doc(doc_id)
    return {a.id for a in anns}, {span_key(a) for a in anns}


# --- one line at a time ----------------------------------------------------------------------------

def _int(value: Any, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _LineError(f"{what} must be an integer, not {json.dumps(value, ensure_ascii=False)}")
    return value


def _str(obj: dict[str, Any], key: str, *, required: bool = True) -> str:
    value = obj.get(key, None if required else "")
    if not isinstance(value, str):
        raise _LineError(f"{key!r} must be a string" if key in obj else f"missing {key!r}")
    return value


class _Reader:
    def __init__(self, plan: ImportPlan, corpus: Corpus | None, schema: LabelSchema, annotator: str) -> None:
        self.plan = plan
        self.corpus = corpus
        self.schema = schema
        self.annotator = annotator
        self._by_text: dict[str, list[str]] | None = None  # document ids by clean text, when asked
        # the documents the file names, each prepared once however its lines are ordered (a lazy
        # corpus keeps only a few): the rest of the corpus is never read
        self._docs: dict[str, Document | None] = {}

    def _doc(self, doc_id: str) -> Document | None:
        if self.corpus is None:
            return None
        if doc_id not in self._docs:
            self._docs[doc_id] = self.corpus.get(doc_id)
        return self._docs[doc_id]

    def read(self, obj: dict[str, Any]) -> None:
        if self.plan.format == "native":
            self._native(obj)
        else:
            self._text_line(obj)

    def _label(self, label: Any, kind: str | None = None) -> str:
        if not isinstance(label, str) or not label:
            raise _LineError("a label must be a non-empty string")
        if label != "target" and label not in self.schema:
            raise _LineError(f"unknown label {label!r} (not in the label schema {self.schema.source})")
        return label

    # native ---------------------------------------------------------------------------------------
    def _native(self, obj: dict[str, Any]) -> None:
        record = obj.get("record", "annotation")
        if record == "document":
            status = obj.get("status")
            if status not in STATUSES:
                raise _LineError(f"unknown document status {status!r}")
            self.plan.statuses[_str(obj, "doc")] = status
            return
        if record != "annotation":
            raise _LineError(f"unknown record type {record!r}")
        for key in ("id", "doc", "kind", "label", "quote"):
            _str(obj, key)
        for key in ("prefix", "suffix", "scope", "note", "annotator", "origin", "doc_sha256", "created",
                    "updated"):
            _str(obj, key, required=False)
        start, end = _int(obj.get("start"), "start"), _int(obj.get("end"), "end")
        if obj["kind"] not in KINDS:
            raise _LineError(f"unknown kind {obj['kind']!r}")
        if obj.get("scope", "span") not in SCOPES:
            raise _LineError(f"unknown scope {obj['scope']!r}")
        if obj.get("origin", "manual") not in ORIGINS:
            raise _LineError(f"unknown origin {obj['origin']!r}")
        if not isinstance(obj.get("attrs", {}), dict):
            raise _LineError("'attrs' must be an object")
        if not isinstance(obj.get("orphaned", False), bool):
            raise _LineError("'orphaned' must be true or false")
        self._label(obj["label"])
        if not 0 <= start <= end:
            raise _LineError(f"offsets [{start}, {end}) are not a span")
        doc = self._doc(obj["doc"])
        same_version = not obj.get("doc_sha256") or (doc is not None and obj["doc_sha256"] == doc.sha256)
        if doc is not None and same_version and not obj.get("orphaned", False):
            # Only checkable against the same text version; other versions are for re-anchoring.
            self._check_offsets(doc.text, start, end, obj["quote"])
        fields = {k: v for k, v in obj.items() if k != "record"}
        self.plan.annotations.append(Annotation.from_dict(fields))

    def _check_offsets(self, text: str, start: int, end: int, quote: str | None) -> None:
        if start >= end:
            raise _LineError(f"span [{start}, {end}) is empty or reversed")
        if not 0 <= start < end <= len(text):
            raise _LineError(f"offsets [{start}, {end}) are outside the text (length {len(text)})")
        if quote is not None and text[start:end] != quote:
            raise _LineError(f"span text {quote!r} does not match the text at [{start}, {end}) "
                             f"({text[start:end]!r})")

    # spans / doccano ------------------------------------------------------------------------------
    def _text_line(self, obj: dict[str, Any]) -> None:
        text = _str(obj, "text")
        meta = obj.get("meta") or {}
        if not isinstance(meta, dict):
            raise _LineError("'meta' must be an object")
        if self.plan.format == "spans" and obj.get("answer", "accept") != "accept":
            self.plan.not_accepted += 1
            return
        entries = self._entries(obj)
        spans = [self._span(text, e) for e in entries]  # checks offsets before looking for the document
        doc, offset = self._locate(text, meta)
        status = meta.get("status")
        if status is not None and status not in STATUSES:
            raise _LineError(f"unknown document status {status!r}")
        if status not in (None, "todo"):
            self.plan.statuses[doc.id] = status
        for start, end, label, extra in spans:
            kind = extra.get("kind") or ("target" if label == "target" else "initiative")
            if kind not in KINDS:
                raise _LineError(f"unknown kind {kind!r}")
            scope = extra.get("scope") or "span"
            if scope not in SCOPES:
                raise _LineError(f"unknown scope {scope!r}")
            attrs = extra.get("attrs")
            if attrs is not None and not isinstance(attrs, dict):
                raise _LineError("'attrs' must be an object")
            # an exported span names its annotator, even an unnamed one (""); else the importer
            annotator = extra["annotator"] if isinstance(extra.get("annotator"), str) else self.annotator
            self.plan.annotations.append(Annotation.anchored(
                doc.text, offset + start, offset + end, doc=doc.id, kind=kind, label=label, scope=scope,
                attrs=stored_attrs(attrs), annotator=str(annotator), origin="import",
                doc_sha256=doc.sha256))

    def _entries(self, obj: dict[str, Any]) -> list[Any]:
        doccano_key = next((k for k in DOCCANO_KEYS if k in obj), "label")
        key = "spans" if self.plan.format == "spans" else doccano_key
        entries = obj.get(key, [])
        if not isinstance(entries, list):
            raise _LineError(f"{key!r} must be a list")
        return entries

    def _span(self, text: str, entry: Any) -> tuple[int, int, str, dict[str, Any]]:
        if isinstance(entry, list) and len(entry) == 3:  # doccano: [start, end, label]
            start, end, label = entry
            extra: dict[str, Any] = {}
        elif isinstance(entry, dict):
            start = entry.get("start", entry.get("start_offset"))
            end = entry.get("end", entry.get("end_offset"))
            label, extra = entry.get("label"), entry
        else:
            raise _LineError("a span must be [start, end, label] or an object with start, end and label")
        start, end = _int(start, "span start"), _int(end, "span end")
        label = self._label(label)
        quote = extra.get("text")
        if quote is not None and not isinstance(quote, str):
            raise _LineError("a span's 'text' must be a string")
        self._check_offsets(text, start, end, quote)
        return start, end, label, extra

    def _locate(self, text: str, meta: dict[str, Any]) -> tuple[Document, int]:
        if self.corpus is None:
            raise _LineError("no corpus to find this text in (give --corpus)")
        offset = meta.get("offset") or 0
        doc_id = meta.get("doc")
        doc = self._doc(doc_id) if isinstance(doc_id, str) else None
        if doc is not None:
            if isinstance(offset, int) and doc.text[offset:offset + len(text)] == text:
                return doc, offset
            raise _LineError(f"the text differs from document {doc_id!r} in the corpus")
        if self._by_text is None:  # a line without a known id: every text is read, once
            self._by_text = {}
            for d in self.corpus.documents:
                self._by_text.setdefault(d.text, []).append(d.id)
        exact = self._by_text.get(text, [])
        hits = exact or [i for t, ids in self._by_text.items() if text in t for i in ids]
        if len(hits) == 1 and (doc := self._doc(hits[0])) is not None and doc.text.count(text) == 1:
            return doc, doc.text.index(text)
        where = f"document {doc_id!r} is not in the corpus and " if isinstance(doc_id, str) else ""
        if not hits:
            raise _LineError(f"{where}no document in the corpus has this text")
        raise _LineError(f"{where}the text is found in more than one place in the corpus")
