"""The corpus stage end to end: read, clean, find metadata, segment."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from tui.corpus.boilerplate import CorpusStats, EdgeSignature
from tui.corpus.clean import clean
from tui.corpus.dates import ISO, parse_date
from tui.corpus.decode import decode_text
from tui.corpus.document import Corpus, Document, Notice, Skipped
from tui.corpus.loader import Source, UniqueIds, each_file, repeated_id_note
from tui.corpus.metadata import date_of, find_source
from tui.corpus.segment import language_of, segment

Progress = Callable[[int, int], None]


def _given_date(value: str | None) -> str | None:
    """A date given with a JSONL document, as ISO when it says a full date."""
    if not value:
        return None
    m = ISO.search(value)
    if m:
        return m.group(0)
    d = parse_date(value)
    return d.iso() if d else None


def prepare_document(doc_id: str, raw: str, *, path: str | None = None, stats: CorpusStats | None = None,
                     title: str | None = None, date: str | None = None, source: str | None = None,
                     encoding: str | None = None, normalised: bool = False) -> Document:
    """Clean, describe and segment one text. ``raw`` is normalised first (newlines, mojibake) unless
    the caller already did (``normalised``); ``stats`` adds the corpus-wide repeated-line signal;
    ``title``/``date``/``source`` given with the document win over what the text says."""
    if not normalised:
        raw = decode_text(raw).text
    cleaned = clean(raw, stats, title_hint=title)
    text = cleaned.text
    lang = language_of(text)
    paragraphs, sentences = segment(text, lang)

    found_date = cleaned.date_prefix
    date_text = next((r.text.strip() for r in cleaned.removed if r.reason == "date-prefix"), None)
    place = None
    found_source = None
    for dl in cleaned.datelines:
        place = place or dl.place
        found_source = found_source or dl.source
        if date_text is None:
            date_text = dl.date_text
            found_date = found_date or date_of(dl, text)
    for r in cleaned.removed:
        if r.reason == "source-line":
            found_source = found_source or r.text.split(":", 1)[1].strip()
    found_source = found_source or find_source(text)
    return Document(
        id=doc_id, raw=raw, text=text, path=path, title=title or cleaned.title,
        date=_given_date(date) or found_date, place=place, source=source or found_source, lang=lang,
        removed=cleaned.removed, paragraphs=paragraphs, sentences=sentences, offsets=cleaned.offsets,
        encoding=encoding, date_text=date_text,
    )


def prepare_preview(src: Source, stats: CorpusStats | None, chars: int) -> Document:
    """The start of a long text, to the first paragraph end after ``chars``, prepared as the whole
    will be. Cleaning and segmenting decide line by line and paragraph by paragraph, so the
    preview's text is how the whole document's text begins (only the furniture test at the end of
    a text can drop a line or two at the cut); the document that replaces it need not trust that,
    it maps the reader's place through raw offsets."""
    raw = src.raw
    cut = raw.find("\n\n", chars)
    if cut < 0:
        cut = raw.find("\n", chars)
    doc = prepare_document(src.id, raw if cut < 0 else raw[:cut], path=src.path, stats=stats,
                           title=src.title, date=src.date, source=src.source, encoding=src.encoding,
                           normalised=True)
    doc.complete = False
    return doc


@dataclass
class StreamedCorpus:
    """A corpus read in two passes: ``skipped`` and ``notices`` are known up front; ``documents``
    prepares one document at a time, and adds to ``skipped`` a text that was only furniture."""

    skipped: list[Skipped]
    notices: list[Notice]
    total: int
    documents: Iterator[Document]


def _claimed(paths: Sequence[Path], ids: UniqueIds) -> Iterator[tuple[list[Source], list[Skipped]]]:
    """Each file's documents with corpus-wide unique ids: two paths given together may hold the
    same id ("a/x.txt" and "b/x.txt"); the repeat is renamed and a note says so."""
    for p in paths:
        for got, bad in each_file(Path(p)):
            for s in got:
                given, s.id = s.id, ids.claim(s.id)
                if s.id != given:
                    s.notes.append(repeated_id_note(given, s.id))
            yield got, bad


def stream_paths(paths: Sequence[Path], progress: Progress | None = None) -> StreamedCorpus:
    """Every document under ``paths``, cleaned with the corpus's repeated-line statistics, holding
    one text at a time: the first pass keeps only each text's small edge signature, the second reads
    the files again and prepares them in the same order (so memory does not grow with the corpus).
    Never raises for a bad file: it lands in ``skipped``."""
    skipped: list[Skipped] = []
    notices: list[Notice] = []
    signatures: list[EdgeSignature] = []
    for got, bad in _claimed(paths, UniqueIds()):
        skipped.extend(bad)
        notices.extend(Notice(s.path, note) for s in got for note in s.notes)
        signatures.extend(EdgeSignature.of(s.raw) for s in got)
    stats = CorpusStats.from_signatures(signatures)
    total = len(signatures)

    def documents() -> Iterator[Document]:
        if progress:
            progress(0, total)
        n = 0
        for got, _ in _claimed(paths, UniqueIds()):  # read failures were reported by the first pass
            for s in got:
                doc = prepare_document(s.id, s.raw, path=s.path, stats=stats, title=s.title, date=s.date,
                                       source=s.source, encoding=s.encoding, normalised=True)
                if doc.text:
                    yield doc
                else:
                    skipped.append(Skipped(s.path, "no article text (only site furniture)"))
                n += 1
                if progress:
                    progress(n, total)

    return StreamedCorpus(skipped, notices, total, documents())


def open_paths(paths: Sequence[Path], progress: Progress | None = None) -> Corpus:
    """``stream_paths`` with every prepared document kept: a corpus to look documents up in."""
    streamed = stream_paths(paths, progress)
    documents = list(streamed.documents)
    return Corpus(documents, streamed.skipped, streamed.notices)


def open_corpus(path: Path, progress: Progress | None = None) -> Corpus:
    """A folder (recursive .txt/.md), a .jsonl of documents, or one file; ``progress(done, total)``
    is called as documents are cleaned."""
    return open_paths([path], progress)
