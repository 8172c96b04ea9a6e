"""Records of the corpus stage: a decoded, cleaned and segmented document."""

from __future__ import annotations

import bisect
import hashlib
from dataclasses import dataclass, field
from functools import cached_property
from itertools import accumulate


@dataclass(frozen=True, slots=True)
class Removed:
    """A stretch of the raw text the cleaner dropped, with why (offsets into ``raw``)."""

    start: int
    end: int
    reason: str
    text: str


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of the clean text (offsets into ``text``); ``paragraph`` indexes ``paragraphs``."""

    start: int
    end: int
    paragraph: int


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file that could not be loaded, and the one-line reason shown to the user."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass(frozen=True, slots=True)
class Notice:
    """A document that loaded, with something the user should be told about it: a repeated id it
    was renamed from, bytes that were not valid UTF-8. ``path`` names the file (and line, in a
    JSONL corpus), ``str()`` is the one line shown: ``docs.jsonl:2: repeated document id 'd1',
    loaded as 'd1~2'``."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


@dataclass(slots=True)
class OffsetMap:
    """Maps clean-text offsets to raw offsets.

    The clean text is a concatenation of raw pieces; ``clean_starts[i]`` is where piece i begins
    in the clean text and ``raw_starts[i]`` where it begins in the raw text.
    """

    clean_starts: list[int] = field(default_factory=lambda: [0])
    raw_starts: list[int] = field(default_factory=lambda: [0])
    clean_length: int | None = None  # length of the clean text (None: the last piece is open-ended)

    def to_raw(self, offset: int) -> int:
        i = bisect.bisect_right(self.clean_starts, offset) - 1
        i = max(i, 0)
        return self.raw_starts[i] + (offset - self.clean_starts[i])

    def to_clean(self, raw_offset: int) -> int | None:
        """The clean offset showing raw character ``raw_offset``, or None when the cleaner dropped it
        (for the raw view: where the reader's cursor is in the raw text, and back)."""
        i = bisect.bisect_right(self.raw_starts, raw_offset) - 1
        if i < 0:
            return None
        end = self.clean_starts[i + 1] if i + 1 < len(self.clean_starts) else self.clean_length
        offset = self.clean_starts[i] + (raw_offset - self.raw_starts[i])
        return offset if end is None or offset < end else None


@dataclass(eq=False)
class Document:
    id: str
    raw: str
    text: str
    path: str | None = None
    title: str | None = None
    date: str | None = None
    place: str | None = None
    source: str | None = None
    lang: str = "en"
    removed: list[Removed] = field(default_factory=list)
    paragraphs: list[tuple[int, int]] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    offsets: OffsetMap = field(default_factory=OffsetMap)
    encoding: str | None = None  # how the file was decoded ("utf-8", "cp1251", …)
    date_text: str | None = None  # the date as the text writes it, also when it has no year
    complete: bool = True  # False for a preview: the start of a long text, shown while it is prepared

    @cached_property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    def raw_offset(self, offset: int) -> int:
        return self.offsets.to_raw(offset)

    def sentence_at(self, offset: int) -> int | None:
        """Index of the sentence that holds ``offset`` (or the nearest one before it)."""
        if not self.sentences:
            return None
        return max(bisect.bisect_right(self.sentence_starts, offset) - 1, 0)

    @cached_property
    def sentence_starts(self) -> list[int]:
        return [s.start for s in self.sentences]


def pack_starts(starts: list[int]) -> str:
    """Sentence starts as one string of the gaps between them ("0 41 57"). A warm start parses
    every document's starts: for 10,026 documents the cache's first line took 20 ms to parse this
    way against 41 ms as lists of numbers (one object a document, not one a sentence)."""
    prev = 0
    gaps = []
    for s in starts:
        gaps.append(s - prev)
        prev = s
    return " ".join(map(str, gaps))


def unpack_starts(packed: str) -> list[int]:
    return list(accumulate(map(int, packed.split()))) if packed else []


@dataclass(slots=True)
class DocInfo:
    """What the document list and the progress counts need of a document, known before (and
    without) preparing it: metadata and where its sentences start. ``packed_starts`` is None while
    the document is not indexed yet (a cold start shows its id until then)."""

    id: str
    path: str | None = None
    title: str | None = None
    date: str | None = None
    date_text: str | None = None
    place: str | None = None
    source: str | None = None
    lang: str = "en"
    encoding: str | None = None
    packed_starts: str | None = None  # sentence starts in the clean text (``pack_starts``)
    chars: int | None = None  # length of the clean text
    _starts: list[int] | None = field(default=None, init=False, repr=False, compare=False)

    @classmethod
    def of(cls, doc: Document) -> DocInfo:
        starts = doc.sentence_starts
        info = cls(doc.id, doc.path, doc.title, doc.date, doc.date_text, doc.place, doc.source, doc.lang,
                   doc.encoding, pack_starts(starts), len(doc.text))
        info._starts = starts  # known already: not unpacked again
        return info

    @property
    def starts(self) -> list[int] | None:
        """Sentence starts in the clean text, unpacked when first asked for (most documents of a
        large corpus are only counted)."""
        if self._starts is None and self.packed_starts is not None:
            self._starts = unpack_starts(self.packed_starts)
        return self._starts

    @property
    def indexed(self) -> bool:
        return self.packed_starts is not None

    @property
    def passages(self) -> int:
        packed = self.packed_starts
        return packed.count(" ") + 1 if packed else 0

    def sentence_at(self, offset: int) -> int | None:
        """As ``Document.sentence_at``, from the sentence starts alone."""
        starts = self.starts
        if not starts:
            return None
        return max(bisect.bisect_right(starts, offset) - 1, 0)


@dataclass
class Corpus:
    documents: list[Document]
    skipped: list[Skipped] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)  # loaded, but the user should know (see Notice)

    def get(self, doc_id: str) -> Document | None:
        # an index keyed by id, rebuilt when the list was replaced or changed length
        key = (id(self.documents), len(self.documents))
        cached = self.__dict__.get("_by_id")
        if cached is None or cached[0] != key:
            cached = (key, {d.id: d for d in self.documents})
            self.__dict__["_by_id"] = cached
        return cached[1].get(doc_id)

    @property
    def total(self) -> int:
        return len(self.documents)

    def raw_text(self, doc_id: str) -> str | None:
        """The decoded text a document's clean text is cut from (``Document.raw``); a lazy corpus
        reads it again without preparing the document."""
        doc = self.get(doc_id)
        return None if doc is None else doc.raw

    def ids(self) -> list[str]:
        """Document ids in corpus order (without preparing anything, for a lazy corpus)."""
        return [d.id for d in self.documents]

    def infos(self) -> list[DocInfo]:
        """What the list shows of each document, in corpus order."""
        key = (id(self.documents), len(self.documents))
        cached = self.__dict__.get("_infos")
        if cached is None or cached[0] != key:
            cached = (key, [DocInfo.of(d) for d in self.documents])
            self.__dict__["_infos"] = cached
        return cached[1]

    def info(self, doc_id: str) -> DocInfo | None:
        doc = self.get(doc_id)
        return None if doc is None else DocInfo.of(doc)

    def preview(self, doc_id: str, chars: int) -> Document | None:
        """The start of a long document to show while the whole is prepared; None where documents
        come prepared already (a lazy corpus prepares on demand and has one)."""
        return None

    @property
    def ready(self) -> bool:
        """Every document can be opened now (a lazy corpus is not ready while it indexes)."""
        return True
