"""The reader's state and every annotation decision the app makes, in plain Python (no Textual).

`Reader` is one open document: its figures and suggestions, the cursor (a character offset, whose
sentence is "the passage"), an optional word-wise selection, the search and the raw/clean view.
`Session` joins a corpus, a store and a label schema: it opens documents, lists them with their
progress, and turns the user's intent ("tag this as …", "accept", "undo") into store calls. The
Textual app only shows what these objects say and forwards keys to them, so all of this is tested
without a terminal.
"""

from __future__ import annotations

import bisect
import re
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from tui.corpus import Corpus, DocInfo, Document, Sentence
from tui.figures import Figure, find_figures
from tui.labels import LabelSchema
from tui.store import Annotation, AnnotationStore
from tui.suggest import Suggestion, prefill_target, suggest_initiatives, suggest_targets

# Words for span selection: keeps "42.5", "1,587", "Covid-19", "95%" and "don't" whole.
WORD = re.compile(r"\w+(?:[.,'’\-]\w+)*%?")
MAX_MATCHES = 10_000  # a one-letter search in a 5 MB text would otherwise list a million hits
SNIPPET = 60

Mark = tuple[int, int, str]  # (start, end, style key) over the displayed text
STORE = "store"


@dataclass(frozen=True, slots=True)
class Rejection:
    """A rejected suggestion, as the session's undo history holds it."""

    suggestion: Suggestion

    @property
    def doc(self) -> str:
        return self.suggestion.doc


Step = str | Rejection  # STORE or a rejection


@dataclass(slots=True)
class DocRow:
    """One line of the document list (not frozen: a frozen one costs five times as much to make,
    and a warm start makes one for each of 10,000 documents before the list shows)."""

    id: str
    title: str
    date: str
    source: str
    status: str
    annotations: int
    passages: int  # sentences in the document
    annotated: int  # sentences that overlap at least one annotation

    @property
    def progress(self) -> float:
        return self.annotated / self.passages if self.passages else 0.0

    def matches(self, query: str) -> bool:
        q = query.casefold().strip()
        if not q:
            return True
        return any(q in f.casefold() for f in (self.title, self.id, self.date, self.source, self.status))


@dataclass(frozen=True, slots=True)
class CorpusProgress:
    documents: int
    done: int
    annotations: int
    passages: int
    annotated: int

    def describe(self) -> str:
        share = 100 * self.annotated / self.passages if self.passages else 0.0
        return (f"{self.done}/{self.documents} documents done · {self.annotations} annotations · "
                f"{share:.0f}% of passages annotated")


@dataclass(frozen=True, slots=True)
class AnnotationRow:
    """One entry of the side panel."""

    id: str
    kind: str
    label: str
    name: str  # the label's name, or the target's metric/value
    color: str
    quote: str
    note: str
    origin: str
    orphaned: bool
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class CursorInfo:
    """What the status line says about the cursor."""

    position: str
    figure: str | None = None
    annotation: str | None = None
    suggestion: str | None = None
    selection: str | None = None


@dataclass(slots=True)
class Display:
    """What the reader widget draws: a text, styled stretches over it, and the moving marks.

    ``marks`` change only when annotations, suggestions or the view change (``version`` says
    when); ``cursor``, ``selection`` and the matches change on every key and are cheap to redraw.
    """

    text: str
    marks: list[Mark]
    version: int
    cursor: tuple[int, int] | None = None
    selection: tuple[int, int] | None = None
    matches: list[tuple[int, int]] = field(default_factory=list)
    current_match: int | None = None
    raw: bool = False


def format_number(value: float | int | None) -> str:
    if value is None:
        return "–"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return f"{value:,}" if abs(value) >= 10_000 else str(value)  # not "2,024" for a year
    return f"{value:.6g}"


def describe_figure(fig: Figure) -> str:
    """"percent 42.5 % (up to)", "range 2019–2024", "date February 6"."""
    if fig.kind == "range":
        body = f"{format_number(fig.low)}–{format_number(fig.high)}"
    elif fig.value is None:
        body = repr(fig.text)
    else:
        body = format_number(fig.value)
    unit = f" {fig.unit}" if fig.unit else ""
    qualifier = f" ({fig.qualifier.replace('_', ' ')})" if fig.qualifier else ""
    return f"{fig.kind} {body}{unit}{qualifier}"


def snippet(text: str, limit: int = SNIPPET) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def overlap_depths(spans: Iterable[tuple[int, int]]) -> list[int]:
    """A drawing layer per span so that overlapping spans never share one (interval colouring)."""
    items = list(spans)
    order = sorted(range(len(items)), key=lambda i: (items[i][0], -items[i][1]))
    ends: list[int] = []  # per layer: where its last span ends
    depth = [0] * len(items)
    for i in order:
        start, end = items[i]
        for layer, layer_end in enumerate(ends):
            if layer_end <= start:
                ends[layer] = end
                depth[i] = layer
                break
        else:
            depth[i] = len(ends)
            ends.append(end)
    return depth


def _coverage(annotations: Iterable[Annotation]) -> Callable[[str, str, int, int], bool]:
    """A test "is [start, end) inside an annotation of this kind and label?".

    A suggestion inside what the user already tagged the same way (a target typed over the whole
    sentence holding the suggested figure) is answered; offering it again would invite a duplicate.
    Orphans do not count: their offsets no longer point at their text."""
    groups: dict[tuple[str, str], tuple[list[int], list[int]]] = {}
    for a in sorted(annotations, key=lambda a: (a.start, a.end)):
        if a.orphaned:
            continue
        starts, reach = groups.setdefault((a.kind, a.label), ([], []))
        starts.append(a.start)
        reach.append(max(a.end, reach[-1]) if reach else a.end)  # the furthest end so far

    def covered(kind: str, label: str, start: int, end: int) -> bool:
        got = groups.get((kind, label))
        if got is None:
            return False
        k = bisect.bisect_right(got[0], start) - 1
        return k >= 0 and got[1][k] >= end

    return covered


def _overlaps(a0: int, a1: int, b0: int, b1: int) -> bool:
    if a0 == a1:  # an empty span "overlaps" what holds its position
        return b0 <= a0 < b1 or a0 == b0
    return a0 < b1 and b0 < a1


class Reader:
    """One open document and where the user is in it."""

    def __init__(self, doc: Document, figures: list[Figure], suggestions: list[Suggestion],
                 annotations: list[Annotation], rejected: set[str] | None = None) -> None:
        self.doc = doc
        self.figures = figures
        self._fig_starts = [f.start for f in figures]
        self.all_suggestions = suggestions
        self.rejected: set[str] = set(rejected or ())
        self.annotations: list[Annotation] = []
        self.pos = doc.sentences[0].start if doc.sentences else 0
        self.raw = False
        self.query = ""
        self.matches: list[tuple[int, int]] = []
        self.match: int | None = None
        self._words: list[tuple[int, int]] | None = None
        self._word_starts: list[int] = []
        self._anchor: int | None = None  # word indices of a selection
        self._head: int | None = None
        self._version = 0
        self._marks: list[Mark] | None = None
        self._raw_text: tuple[str, list[int], list[int]] | None = None
        self._visible: list[Suggestion] = []
        self.set_annotations(annotations)

    # -- content -------------------------------------------------------------------------------

    def set_annotations(self, annotations: list[Annotation]) -> None:
        self.annotations = sorted(annotations, key=lambda a: (a.start, a.end, a.id))
        self._changed()

    def set_rejected(self, rejected: set[str]) -> None:
        self.rejected = set(rejected)
        self._changed()

    def _changed(self) -> None:
        covered = _coverage(self.annotations)
        self._visible = [s for s in self.all_suggestions
                         if s.key not in self.rejected and not covered(s.kind, s.label, s.start, s.end)]
        self._marks = None
        self._version += 1

    @property
    def suggestions(self) -> list[Suggestion]:
        """Suggestions still open: not rejected and not already an annotation."""
        return self._visible

    # -- where the cursor is -------------------------------------------------------------------

    @property
    def sentence_index(self) -> int | None:
        return self.doc.sentence_at(self.pos)

    @property
    def sentence(self) -> Sentence | None:
        i = self.sentence_index
        return None if i is None else self.doc.sentences[i]

    def passage(self) -> tuple[int, int] | None:
        """The current sentence without its trailing whitespace."""
        s = self.sentence
        if s is None:
            return None
        end = s.end
        while end > s.start and self.doc.text[end - 1].isspace():
            end -= 1
        return s.start, end

    @property
    def selection(self) -> tuple[int, int] | None:
        if self._anchor is None or self._head is None or not self._words:
            return None
        lo, hi = sorted((self._anchor, self._head))
        return self._words[lo][0], self._words[hi][1]

    @property
    def selecting(self) -> bool:
        return self._anchor is not None

    def span(self) -> tuple[int, int, str] | None:
        """What a tag applies to now: the selection ("span") or the current sentence ("passage")."""
        sel = self.selection
        if sel is not None:
            return sel[0], sel[1], "span"
        p = self.passage()
        return None if p is None else (p[0], p[1], "passage")

    # -- moving --------------------------------------------------------------------------------

    def goto(self, offset: int) -> None:
        self.pos = max(0, min(offset, len(self.doc.text)))
        if self.selecting:
            self._head = self._word_index(self.pos)

    def next_sentence(self, step: int = 1) -> bool:
        i = self.sentence_index
        if i is None:
            return False
        j = max(0, min(i + step, len(self.doc.sentences) - 1))
        if j == i and self.pos == self.doc.sentences[i].start:
            return False
        target = self.doc.sentences[j]
        self.pos = target.start
        if self.selecting:
            # extending by sentences: forward ends on the sentence's last word, backward on its first
            edge = target.end - 1 if step > 0 else target.start
            self._head = self._word_index(edge, before=step > 0)
        return True

    def next_paragraph(self, step: int = 1) -> bool:
        s = self.sentence
        if s is None:
            return False
        sentences = self.doc.sentences
        i = self.sentence_index or 0
        if step > 0:
            j = next((k for k in range(i + 1, len(sentences)) if sentences[k].paragraph != s.paragraph), None)
        else:
            first = i
            while first > 0 and sentences[first - 1].paragraph == s.paragraph:
                first -= 1
            if self.pos > sentences[first].start:  # back to the start of this paragraph first
                j = first
            else:
                prev = first - 1
                while prev > 0 and sentences[prev - 1].paragraph == sentences[first - 1].paragraph:
                    prev -= 1
                j = prev if prev >= 0 else None
        if j is None:
            return False
        self.goto(sentences[j].start)
        return True

    def next_suggestion(self, step: int = 1) -> Suggestion | None:
        """Go to the start of the next (or previous) open suggestion: a document is worked through
        suggestion by suggestion rather than sentence by sentence."""
        starts = [s.start for s in self._visible]  # sorted: the session sorts the suggestions
        k = bisect.bisect_right(starts, self.pos) if step > 0 else bisect.bisect_left(starts, self.pos) - 1
        if not 0 <= k < len(starts):
            return None
        sug = self._visible[k]
        self.cancel_selection()
        self.goto(sug.start)
        return sug

    def next_figure(self, step: int = 1) -> Figure | None:
        if not self.figures:
            return None
        if step > 0:
            k = bisect.bisect_right(self._fig_starts, self.pos)
        else:
            k = bisect.bisect_left(self._fig_starts, self.pos) - 1
        if not 0 <= k < len(self.figures):
            return None
        fig = self.figures[k]
        self.goto(fig.start)
        return fig

    # -- selection -----------------------------------------------------------------------------

    def _ensure_words(self) -> list[tuple[int, int]]:
        if self._words is None:
            self._words = [m.span() for m in WORD.finditer(self.doc.text)]
            self._word_starts = [w[0] for w in self._words]
        return self._words

    def _word_index(self, offset: int, *, before: bool = False) -> int | None:
        """The word holding ``offset``, else the next one (the previous one when ``before``)."""
        words = self._ensure_words()
        if not words:
            return None
        k = bisect.bisect_right(self._word_starts, offset) - 1
        if k >= 0 and words[k][0] <= offset < words[k][1]:
            return k
        return max(k, 0) if before else min(k + 1, len(words) - 1)

    def start_selection(self) -> bool:
        k = self._word_index(self.pos)
        if k is None:
            return False
        self._anchor = self._head = k
        self.pos = self._ensure_words()[k][0]
        return True

    def cancel_selection(self) -> bool:
        had = self.selecting
        self._anchor = self._head = None
        return had

    def extend(self, step: int) -> bool:
        """Move the selection's moving end by ``step`` words (starting a selection if none)."""
        if not self.selecting and not self.start_selection():
            return False
        assert self._head is not None
        words = self._ensure_words()
        head = max(0, min(self._head + step, len(words) - 1))
        moved = head != self._head
        self._head = head
        self.pos = words[head][0]
        return moved

    # -- search --------------------------------------------------------------------------------

    def search(self, query: str) -> int:
        """Find every (case-insensitive) occurrence and jump to the first at or after the cursor."""
        self.query = query
        self.matches = []
        self.match = None
        if not query:
            return 0
        pattern = re.compile(re.escape(query), re.IGNORECASE)
        for m in pattern.finditer(self.doc.text):
            self.matches.append(m.span())
            if len(self.matches) >= MAX_MATCHES:
                break
        if self.matches:
            starts = [m[0] for m in self.matches]
            k = bisect.bisect_left(starts, self.pos)
            self.match = k if k < len(self.matches) else 0
            self.goto(self.matches[self.match][0])
        return len(self.matches)

    def next_match(self, step: int = 1) -> tuple[int, int] | None:
        if not self.matches:
            return None
        self.match = ((self.match or 0) + step) % len(self.matches) if self.match is not None else 0
        self.goto(self.matches[self.match][0])
        return self.matches[self.match]

    def clear_search(self) -> None:
        self.query = ""
        self.matches = []
        self.match = None

    # -- what is under the cursor --------------------------------------------------------------

    def _pick(self, items: Iterable[Any]) -> Any | None:
        """Of the items overlapping the current span: one holding the cursor, then the shortest."""
        span = self.span()
        if span is None:
            return None
        s0, s1, _ = span
        best = None
        best_key: tuple[int, int, int] | None = None
        for it in items:
            if not _overlaps(s0, s1, it.start, it.end) and not (it.start <= self.pos < it.end):
                continue
            key = (0 if it.start <= self.pos < it.end else 1, it.end - it.start, -it.start)
            if best_key is None or key < best_key:
                best, best_key = it, key
        return best

    def annotation_at(self) -> Annotation | None:
        return self._pick(self.annotations)

    def suggestion_at(self) -> Suggestion | None:
        return self._pick(self._visible)

    def figure_at(self) -> Figure | None:
        """The figure holding the cursor, else the first one in the current span."""
        k = bisect.bisect_right(self._fig_starts, self.pos) - 1
        if k >= 0 and self.figures[k].start <= self.pos < self.figures[k].end:
            return self.figures[k]
        span = self.span()
        if span is None:
            return None
        k = bisect.bisect_left(self._fig_starts, span[0])
        if k < len(self.figures) and self.figures[k].start < span[1]:
            return self.figures[k]
        return None

    def figures_in(self, start: int, end: int) -> list[Figure]:
        lo = bisect.bisect_left(self._fig_starts, start)
        hi = bisect.bisect_left(self._fig_starts, end, lo)
        return self.figures[lo:hi]

    # -- building records ----------------------------------------------------------------------

    def build(self, kind: str, label: str, attrs: dict[str, Any] | None = None,
              origin: str = "manual") -> Annotation | None:
        span = self.span()
        if span is None:
            return None
        start, end, scope = span
        return Annotation.anchored(
            self.doc.text, start, end, doc=self.doc.id, kind=kind, label=label, scope=scope,
            attrs=dict(attrs or {}), origin=origin, doc_sha256=self.doc.sha256,
        )

    def build_from_suggestion(self, sug: Suggestion) -> Annotation:
        return Annotation.anchored(
            self.doc.text, sug.start, sug.end, doc=self.doc.id, kind=sug.kind, label=sug.label,
            scope="span", attrs=dict(sug.attrs), origin="suggestion", doc_sha256=self.doc.sha256,
        )

    # -- display -------------------------------------------------------------------------------

    def static_marks(self) -> list[Mark]:
        """Figures, open suggestions and annotations over the clean text (cached until they change)."""
        if self._marks is None:
            marks: list[Mark] = [(s.start, s.end, "sug") for s in self._visible]
            # an orphan's offsets point at text it no longer matches: list it, don't draw it
            anchored = [a for a in self.annotations if not a.orphaned]
            depths = overlap_depths((a.start, a.end) for a in anchored)
            marks += [(a.start, a.end, f"ann:{a.kind}:{d}:{a.label}")
                      for a, d in zip(anchored, depths, strict=True)]
            marks += [(f.start, f.end, f"fig:{f.kind}") for f in self.figures]
            self._marks = marks
        return self._marks

    def display(self) -> Display:
        cursor = self.passage()
        if self.raw:
            return self._raw_display(cursor)
        return Display(self.doc.text, self.static_marks(), self._version, cursor=cursor,
                       selection=self.selection, matches=self.matches, current_match=self.match)

    def _raw_layout(self) -> tuple[str, list[int], list[int]]:
        """The raw text with "⟦reason⟧" after each removed stretch, and where those were inserted."""
        if self._raw_text is None:
            raw = self.doc.raw
            pieces: list[str] = []
            points: list[int] = []  # raw offsets where a reason was inserted
            shifts: list[int] = [0]  # total inserted length before points[i] … cumulative
            at = 0
            for r in sorted(self.doc.removed, key=lambda r: (r.start, r.end)):
                point = r.end
                while point > max(r.start, at) and raw[point - 1] in "\r\n":
                    point -= 1  # keep the label on the removed line, not on the next one
                point = max(point, at)
                label = f" ⟦{r.reason}⟧"
                pieces.append(raw[at:point])
                pieces.append(label)
                points.append(point)
                shifts.append(shifts[-1] + len(label))
                at = point
            pieces.append(raw[at:])
            self._raw_text = ("".join(pieces), points, shifts)
        return self._raw_text

    def _raw_display(self, cursor: tuple[int, int] | None) -> Display:
        text, points, shifts = self._raw_layout()
        to_raw = self.doc.offsets.to_raw

        def shown(raw_offset: int) -> int:
            return raw_offset + shifts[bisect.bisect_right(points, raw_offset)]

        def span(start: int, end: int) -> tuple[int, int]:
            s = to_raw(start)
            e = to_raw(end - 1) + 1 if end > start else s
            return shown(s), shown(e)

        marks: list[Mark] = []
        for r in self.doc.removed:
            marks.append((shown(r.start), shown(r.start) + (r.end - r.start), "removed"))
        for k, point in enumerate(points):
            d = point + shifts[k]
            marks.append((d, d + shifts[k + 1] - shifts[k], "reason"))
        for m in self.static_marks():
            if m[2] != "sug":
                marks.append((*span(m[0], m[1]), m[2]))
        sel = self.selection
        return Display(
            text, marks, self._version, cursor=span(*cursor) if cursor else None,
            selection=span(*sel) if sel else None, matches=[span(*m) for m in self.matches],
            current_match=self.match, raw=True,
        )

    def continue_from(self, preview: Reader) -> None:
        """Take the place, view and search of the preview this document replaces, so the swap
        does not move the user."""
        pos = preview.pos
        if not self.doc.text.startswith(preview.doc.text):  # the cut changed a line: map through raw
            got = self.doc.offsets.to_clean(preview.doc.raw_offset(pos))
            pos = self.pos if got is None else got
        self.goto(pos)
        self.raw = preview.raw
        if preview.query:
            self.search(preview.query)
            self.goto(pos)

    def toggle_raw(self) -> bool:
        self.raw = not self.raw
        return self.raw

    # -- status line ---------------------------------------------------------------------------

    def cursor_info(self, schema: LabelSchema) -> CursorInfo:
        i = self.sentence_index
        if i is None:
            return CursorInfo("empty document")
        s = self.doc.sentences[i]
        if self.doc.complete:
            position = (f"¶ {s.paragraph + 1}/{len(self.doc.paragraphs) or 1} · "
                        f"sentence {i + 1}/{len(self.doc.sentences)}")
        else:  # the totals are not known until the whole is prepared
            position = f"¶ {s.paragraph + 1}/… · sentence {i + 1}/…"
        fig = self.figure_at()
        ann = self.annotation_at()
        sug = self.suggestion_at()
        sel = self.selection
        words = None
        if sel is not None and self._anchor is not None and self._head is not None:
            n = abs(self._head - self._anchor) + 1
            words = f"selection: {n} word{'s' * (n != 1)}"
        return CursorInfo(
            position,
            figure=describe_figure(fig) if fig else None,
            annotation=describe_annotation(ann, schema) if ann else None,
            suggestion=describe_suggestion(sug, schema) if sug else None,
            selection=words,
        )


def label_name(label: str, schema: LabelSchema) -> str:
    lab = schema.get(label)
    return lab.name if lab else label


def describe_annotation(ann: Annotation, schema: LabelSchema) -> str:
    if ann.kind == "target":
        value = ann.attrs.get("value")
        unit = ann.attrs.get("unit") or ""
        metric = ann.attrs.get("metric") or ""
        what = " ".join(p for p in (metric, format_number(value) if value is not None else "", unit) if p)
        return f"target {what}".strip()
    return f"{ann.kind} {label_name(ann.label, schema)}"


def describe_suggestion(sug: Suggestion, schema: LabelSchema) -> str:
    if sug.kind == "target":
        value = sug.attrs.get("value")
        return f"target {format_number(value)} {sug.attrs.get('unit') or ''}".rstrip()
    return f"{sug.kind} {label_name(sug.label, schema)}"


BIG_DOCUMENT = 200_000  # characters of clean text (~0.2 s to prepare): prepared off the screen's thread
PREVIEW_CHARS = 12_000  # of a big document, shown at once (~4 screens, ~15 ms to prepare)
DERIVED_KEPT = 8


class Session:
    """A corpus, its annotation store and the label schema, as the app works on them."""

    def __init__(self, corpus: Corpus, store: AnnotationStore, schema: LabelSchema, *,
                 figures: Callable[[str, str | None], list[Figure]] = find_figures) -> None:
        self.corpus = corpus
        self.store = store
        self.schema = schema
        self._find_figures = figures
        self.reader: Reader | None = None
        self.orphaned: list[Annotation] = []  # of the open document, after re-anchoring
        # figures and suggestions of recently opened documents, with the text they were found in
        # (a re-prepared document with other text misses): reopening a big one is then instant
        self._derived: OrderedDict[str, tuple[str, list[Figure], list[Suggestion]]] = OrderedDict()
        self._coverage: dict[str, int] = {}
        # per document (annotations, passages, annotated) and their sums, kept up to date one
        # document at a time: the title bar's progress is redrawn after every key
        self._tally: dict[str, tuple[int, int, int]] | None = None
        self._sums = (0, 0, 0)
        self._ids: set[str] = set()
        # what undo/redo step back through, newest last: "store" (the store's own history holds
        # the step) or a rejection, which the store remembers but cannot undo itself
        self._done: list[Step] = []
        self._undone: list[Step] = []

    # -- the document list ---------------------------------------------------------------------

    def _info(self, doc: Document | DocInfo | str) -> DocInfo | None:
        if isinstance(doc, DocInfo):
            return doc
        if isinstance(doc, Document):
            # the index's entry when there is one: building it from a big document costs a list
            lazy = not isinstance(self.corpus.documents, list)
            return (self.corpus.info(doc.id) if lazy else None) or DocInfo.of(doc)
        return self.corpus.info(doc)

    def _annotated(self, doc: Document | DocInfo) -> int:
        got = self._coverage.get(doc.id)
        if got is None:
            covered: set[int] = set()
            for a in self.store.for_doc(doc.id):
                if a.orphaned or not (doc.sentences if isinstance(doc, Document) else doc.starts):
                    continue
                first = doc.sentence_at(a.start) or 0
                last = doc.sentence_at(max(a.start, a.end - 1)) or 0
                covered.update(range(first, last + 1))
            got = self._coverage[doc.id] = len(covered)
        return got

    def row(self, doc: Document | DocInfo | str) -> DocRow:
        """The list row of a document (a prepared one, its index entry, or its id)."""
        info = self._info(doc)
        if info is None:
            raise KeyError(f"no document {doc!r} in the corpus")
        return self._row(info)

    def _row(self, info: DocInfo) -> DocRow:
        count, passages, annotated = self._one_tally(info)
        return DocRow(info.id, info.title or info.id, info.date or info.date_text or "", info.source or "",
                      self.store.status(info.id), count, passages, annotated)

    def rows(self, query: str = "") -> list[DocRow]:
        out = [self._row(i) for i in self.corpus.infos()]
        if self._tally is None:  # the progress line needs the same three numbers of every document
            self._set_tally({r.id: (r.annotations, r.passages, r.annotated) for r in out})
        return [r for r in out if r.matches(query)] if query.strip() else out

    def refresh(self, doc_ids: Iterable[str] | None = None) -> None:
        """The corpus learnt more about these documents (all when None): forget what was derived."""
        if doc_ids is None:
            self._coverage.clear()
            self._tally = None
            return
        for doc_id in doc_ids:
            self._coverage.pop(doc_id, None)
            self._retally(doc_id)

    def _one_tally(self, info: DocInfo) -> tuple[int, int, int]:
        count = self.store.count(info.id)
        return count, info.passages, self._annotated(info) if count else 0

    def _retally(self, doc_id: str) -> None:
        if self._tally is None or doc_id not in self._ids:
            return
        info = self.corpus.info(doc_id)
        new = self._one_tally(info) if info is not None else (0, 0, 0)
        old = self._tally.get(doc_id, (0, 0, 0))
        self._tally[doc_id] = new
        self._sums = tuple(a + n - o for a, n, o in zip(self._sums, new, old, strict=True))  # type: ignore[assignment]

    def _set_tally(self, tally: dict[str, tuple[int, int, int]]) -> None:
        self._tally = tally
        self._ids = set(tally)
        sums = [0, 0, 0]
        for t in tally.values():
            sums[0] += t[0]
            sums[1] += t[1]
            sums[2] += t[2]
        self._sums = (sums[0], sums[1], sums[2])

    def progress(self) -> CorpusProgress:
        if self._tally is None:
            self._set_tally({i.id: self._one_tally(i) for i in self.corpus.infos()})
        statuses = self.store.statuses()
        done = sum(1 for doc, status in statuses.items() if status == "done" and doc in self._ids)
        annotations, passages, annotated = self._sums
        return CorpusProgress(documents=len(self._ids), done=done, annotations=annotations, passages=passages,
                              annotated=annotated)

    def first_open(self) -> str | None:
        """The document to start on: the first one not done."""
        statuses = self.store.statuses()
        ids = self.corpus.ids()
        for doc_id in ids:
            if statuses.get(doc_id) != "done":
                return doc_id
        return ids[0] if ids else None

    def neighbour(self, step: int, among: list[str] | None = None) -> str | None:
        """The document ``step`` places from the open one, in ``among`` (default: corpus order)."""
        ids = among if among is not None else self.corpus.ids()
        if not ids:
            return None
        if self.reader is None or self.reader.doc.id not in ids:
            return ids[0] if step > 0 else ids[-1]
        k = ids.index(self.reader.doc.id) + step
        return ids[k] if 0 <= k < len(ids) else None

    # -- opening -------------------------------------------------------------------------------

    def _derive(self, doc: Document) -> tuple[list[Figure], list[Suggestion]]:
        got = self._derived.get(doc.id)
        if got is not None and (got[0] is doc.text or got[0] == doc.text):
            self._derived.move_to_end(doc.id)
            return got[1], got[2]
        figures, suggestions = self._find(doc)
        self._derived[doc.id] = (doc.text, figures, suggestions)
        while len(self._derived) > DERIVED_KEPT:
            self._derived.popitem(last=False)
        return figures, suggestions

    def _find(self, doc: Document) -> tuple[list[Figure], list[Suggestion]]:
        figures = self._find_figures(doc.text, doc.lang)
        suggestions = (suggest_initiatives(doc.id, doc.text, self.schema)
                       + suggest_targets(doc, figures, self.schema))
        suggestions.sort(key=lambda s: (s.start, s.end, s.kind, s.label))
        return figures, suggestions

    def figures(self, doc: Document) -> list[Figure]:
        return self._derive(doc)[0]

    def needs_preparing(self, doc_id: str) -> bool:
        """True for a big document not prepared yet: the app prepares it in a worker (``prepare``)
        rather than freeze the screen while its text is cleaned and its figures found."""
        info = self.corpus.info(doc_id)
        return info is not None and (info.chars or 0) >= BIG_DOCUMENT and doc_id not in self._derived

    def prepare(self, doc_id: str) -> None:
        """Everything ``open`` computes for a document, without opening it (safe in a thread: the
        corpus locks its own cache, and the app opens the document only after this returns)."""
        doc = self.corpus.get(doc_id)
        if doc is not None:
            self._derive(doc)

    def preview(self, doc_id: str) -> Reader | None:
        """A reader over the start of a big document, to read at once while ``prepare`` works on
        the whole (None if the corpus has no preview). It shows the saved annotations that fall in
        it, but nothing is written through it: its offsets are not yet known to be the whole's."""
        doc = self.corpus.preview(doc_id, PREVIEW_CHARS)
        if doc is None:
            return None
        figures, suggestions = self._find(doc)  # not kept: the whole document's are
        n = len(doc.text)
        shown = [a for a in self.store.for_doc(doc_id)
                 if not a.orphaned and a.end <= n and doc.text[a.start:a.end] == a.quote]
        self.reader = Reader(doc, figures, suggestions, shown, self.store.rejected(doc_id))
        return self.reader

    def open(self, doc_id: str) -> Reader:
        doc = self.corpus.get(doc_id)
        if doc is None:
            raise KeyError(f"no document {doc_id!r} in the corpus")
        before = self.reader
        if before is not None and before.doc.id == doc_id and before.doc.complete:
            return before
        # the text may have changed since the records were made (new cleaning rules, edited file)
        self.orphaned = self.store.reanchor(doc.id, doc.text)
        self.refresh([doc.id])
        figures, suggestions = self._derive(doc)
        self.reader = Reader(doc, figures, suggestions, self.store.for_doc(doc.id),
                             self.store.rejected(doc.id))
        if before is not None and before.doc.id == doc_id:  # the preview it replaces
            self.reader.continue_from(before)
        return self.reader

    def _refresh(self, doc_id: str) -> None:
        self.refresh([doc_id])
        if self.reader is not None and self.reader.doc.id == doc_id:
            self.reader.set_annotations(self.store.for_doc(doc_id))

    # -- annotating ----------------------------------------------------------------------------

    def _recorded(self, step: Step) -> None:
        self._done.append(step)
        self._undone.clear()

    def _add(self, ann: Annotation) -> Annotation:
        saved = self.store.add(ann)
        self._recorded(STORE)
        if self.store.status(ann.doc) == "todo":
            self.store.set_status(ann.doc, "in_progress")
        self._refresh(ann.doc)
        if self.reader is not None:
            self.reader.cancel_selection()
        return saved

    def tag_initiative(self, label: str) -> Annotation | None:
        if self.reader is None:
            return None
        if label not in self.schema:
            raise ValueError(f"unknown label {label!r}")
        ann = self.reader.build("initiative", label)
        return None if ann is None else self._add(ann)

    def tag_target(self, attrs: dict[str, Any]) -> Annotation | None:
        if self.reader is None:
            return None
        ann = self.reader.build("target", "target", attrs)
        return None if ann is None else self._add(ann)

    def target_prefill(self) -> dict[str, Any]:
        """The target form's starting values, from the figures of the span and its sentence."""
        r = self.reader
        if r is None or (span := r.span()) is None:
            return {}
        return prefill_target(r.doc.text, span[0], span[1], r.figures, self.schema)

    def current_quote(self) -> str:
        r = self.reader
        if r is None or (span := r.span()) is None:
            return ""
        return r.doc.text[span[0]:span[1]]

    def suggested_label(self) -> str | None:
        """The initiative to pre-select in the picker: a suggestion here, else the last one tagged."""
        r = self.reader
        if r is None:
            return None
        sug = r._pick(s for s in r.suggestions if s.kind == "initiative")
        if sug is not None:
            return sug.label
        before = [a for a in r.annotations if a.kind == "initiative" and a.start <= r.pos]
        return before[-1].label if before else None

    def accept(self) -> Annotation | None:
        r = self.reader
        sug = r.suggestion_at() if r else None
        if r is None or sug is None:
            return None
        return self._add(r.build_from_suggestion(sug))

    def reject(self) -> Suggestion | None:
        r = self.reader
        sug = r.suggestion_at() if r else None
        if r is None or sug is None:
            return None
        self.store.reject(r.doc.id, sug.key)
        self._recorded(Rejection(sug))
        r.set_rejected(self.store.rejected(r.doc.id))
        return sug

    def delete(self) -> Annotation | None:
        r = self.reader
        ann = r.annotation_at() if r else None
        if ann is None:
            return None
        gone = self.store.delete(ann.id)
        self._recorded(STORE)
        self._refresh(gone.doc)
        return gone

    def annotation_here(self) -> Annotation | None:
        return self.reader.annotation_at() if self.reader else None

    def set_note(self, ann_id: str, note: str) -> Annotation:
        ann = self.store.update(ann_id, note=note)
        self._recorded(STORE)
        self._refresh(ann.doc)
        return ann

    def _history(self, affected: Annotation | None) -> Annotation | None:
        if affected is None:
            return None
        self._refresh(affected.doc)
        if self.reader is None or self.reader.doc.id != affected.doc:
            if self.corpus.get(affected.doc) is None:
                return affected
            self.open(affected.doc)
        assert self.reader is not None
        self.reader.cancel_selection()
        self.reader.goto(affected.start)
        return affected

    def _rejection(self, sug: Suggestion, *, rejected: bool) -> Suggestion:
        if rejected:
            self.store.reject(sug.doc, sug.key)
        else:
            self.store.unreject(sug.doc, sug.key)
        if self.reader is None or self.reader.doc.id != sug.doc:
            if self.corpus.get(sug.doc) is None:
                return sug
            self.open(sug.doc)
        assert self.reader is not None
        self.reader.set_rejected(self.store.rejected(sug.doc))
        self.reader.cancel_selection()
        self.reader.goto(sug.start)
        return sug

    @property
    def can_undo(self) -> bool:
        return any(isinstance(s, Rejection) for s in self._done) or self.store.can_undo

    @property
    def can_redo(self) -> bool:
        return any(isinstance(s, Rejection) for s in self._undone) or self.store.can_redo

    def undo(self) -> Annotation | Suggestion | None:
        """Revert the last change and put the cursor on it (opening its document if needed).

        A rejected suggestion comes back (returned as the suggestion); any other change is the
        store's to revert (returned as the record it touched)."""
        return self._travel(back=True)

    def redo(self) -> Annotation | Suggestion | None:
        return self._travel(back=False)

    def _travel(self, *, back: bool) -> Annotation | Suggestion | None:
        """One step of undo (``back``) or redo: from one history to the other."""
        source, target = (self._done, self._undone) if back else (self._undone, self._done)
        can = (lambda: self.store.can_undo) if back else (lambda: self.store.can_redo)
        while source and source[-1] == STORE and not can():
            source.pop()  # the store forgot its history (re-anchoring moved records)
        step = source.pop() if source else STORE
        if isinstance(step, Rejection):
            target.append(step)
            return self._rejection(step.suggestion, rejected=not back)
        affected = self._history(self.store.undo() if back else self.store.redo())
        if affected is not None:
            target.append(STORE)
        return affected

    def missing_documents(self) -> dict[str, int]:
        """Documents that hold annotations but are not in the corpus (deleted, renamed, skipped
        as unreadable), with how many each: the records are kept, and the user must hear of them."""
        ids = set(self.corpus.ids())
        return {doc: self.store.count(doc) for doc in self.store.docs() if doc not in ids}

    def mark_done(self) -> str | None:
        """Mark the open document done; returns the next one not done (after it, wrapping)."""
        if self.reader is None:
            return None
        current = self.reader.doc.id
        self.store.set_status(current, "done")
        ids = self.corpus.ids()
        statuses = self.store.statuses()
        k = ids.index(current)
        for doc_id in ids[k + 1:] + ids[:k]:
            if statuses.get(doc_id) != "done":
                return doc_id
        return None

    # -- the side panel ------------------------------------------------------------------------

    def annotation_rows(self) -> list[AnnotationRow]:
        if self.reader is None:
            return []
        rows = []
        for a in self.reader.annotations:
            rows.append(AnnotationRow(
                id=a.id, kind=a.kind, label=a.label,
                name=(describe_annotation(a, self.schema) if a.kind == "target"
                      else label_name(a.label, self.schema)),
                color=self.schema.color(a.label), quote=snippet(a.quote), note=a.note, origin=a.origin,
                orphaned=a.orphaned, start=a.start, end=a.end,
            ))
        return rows
