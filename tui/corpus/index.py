"""A corpus opened lazily: a fast listing first, per-document facts from a cache or a background
pass, and full preparation only for the documents someone opens.

Why this shape: preparing (cleaning and segmenting) every document runs at ~3 MB/s, so a
10,000-document corpus took ~13 s before the first screen. ``CorpusIndex.scan`` lists the files
and stats them (no reading) and takes whatever the metadata cache knows; ``fill`` reads and
prepares only what the cache did not know, reporting progress; ``document`` prepares one document
on demand and keeps a few in an LRU.

Cleaning depends on the whole corpus in one way only: whether a line repeats at the edges of many
documents (``CorpusStats.is_repeated``). Each document's facts therefore carry the answers its
cleaning got (the "probes"); a cached document is still right when the current statistics give
the same answers, and is prepared again otherwise. That keeps a lazily indexed corpus exactly equal,
document by document, to ``open_corpus`` on the same files.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from multiprocessing import get_context, resource_tracker
from pathlib import Path
from typing import Any, overload

from tui.corpus.boilerplate import CorpusStats, EdgeSignature
from tui.corpus.cache import MetaCache
from tui.corpus.document import Corpus, DocInfo, Document, Notice, Skipped, pack_starts
from tui.corpus.loader import (
    TEXT_SUFFIXES,
    Source,
    ids_of,
    os_reason,
    read_sources,
    read_text_file,
    read_text_prefix,
)
from tui.corpus.pipeline import prepare_document, prepare_preview

Progress = Callable[[int, int], None]
Updated = Callable[[list[str]], None]
EMPTY_REASON = "no article text (only site furniture)"
LRU_SIZE = 6  # prepared documents kept: the open one, its neighbours, a few recent
PARALLEL_MIN = 400  # fewer files than this are indexed in-process (a pool costs ~0.3 s to start)
REPORT_EVERY = 0.1  # seconds between "these rows changed" reports during a fill


def facts_of(src: Source, stats: CorpusStats | None) -> tuple[dict[str, Any], Document]:
    """The cacheable facts of one read document (prepared with ``stats``, or none yet)."""
    sig = EdgeSignature.of(src.raw)
    rec = (stats or CorpusStats()).recording()
    doc = prepare_document(src.id, src.raw, path=src.path, stats=rec, title=src.title, date=src.date,
                           source=src.source, encoding=src.encoding, normalised=True)
    probes = rec.probes or {}
    facts: dict[str, Any] = {
        # in the order of cache.DOC_FIELDS: a list, since 10,000 small dicts cost a warm start
        "doc": [doc.title, doc.date, doc.date_text, doc.place, doc.source, doc.lang, doc.encoding,
                len(doc.text)],
        "starts": pack_starts(doc.sentence_starts),
        "edges": list(sig.edges), "fps": list(sig.fingerprints),
        "yes": [h for h, a in probes.items() if a], "no": [h for h, a in probes.items() if not a],
    }
    if not doc.text:
        facts["empty"] = True
    if src.notes:
        facts["notes"] = list(src.notes)
    return facts, doc


def facts_of_file(path: str, doc_id: str) -> dict[str, Any]:
    """Read and index one file with no corpus statistics yet (runs in a worker process too)."""
    got = read_text_file(Path(path), doc_id)
    if isinstance(got, Skipped):
        return {"skip": got.reason}
    return facts_of(got, None)[0]


@dataclass(slots=True)
class _Entry:
    info: DocInfo
    key: str  # in the cache
    stamp: tuple[int, int]  # (size, mtime_ns) of the file it comes from
    file: str
    source: Source | None = None  # kept in memory for JSONL documents; files are read again
    facts: dict[str, Any] | None = None  # None: not indexed yet (the cache format, see facts_of)

    def apply(self, facts: dict[str, Any]) -> None:
        self.facts = facts
        self.info = _info(self.info.id, self.info.path, facts)

    def read(self) -> Source | Skipped:
        """The document's source: kept in memory (JSONL), else its file read again."""
        return self.source or read_text_file(Path(self.file), self.info.id)

    @property
    def skip(self) -> str | None:
        if self.facts is None:
            return None
        return self.facts.get("skip") or (EMPTY_REASON if self.facts.get("empty") else None)

    def signature(self) -> EdgeSignature | None:
        if self.facts is None or "skip" in self.facts:
            return None
        return EdgeSignature(tuple(self.facts["edges"]), tuple(self.facts["fps"]))

    def valid_under(self, stats: CorpusStats) -> bool:
        """Would cleaning under ``stats`` get the answers this entry's cleaning got?"""
        facts = self.facts or {}
        repeated = stats.repeated_hash
        return (all(repeated(h) for h in facts.get("yes", ()))
                and not any(repeated(h) for h in facts.get("no", ())))


def _info(doc_id: str, path: str | None, facts: dict[str, Any]) -> DocInfo:
    """The list's view of a document from its cached facts (only its id and path if not indexed)."""
    meta = facts.get("doc")
    if meta is None:
        return DocInfo(doc_id, path)
    title, date, date_text, place, source, lang, encoding, chars = meta
    return DocInfo(doc_id, path, title, date, date_text, place, source, lang or "en", encoding,
                   facts.get("starts") or "", chars)


Walked = tuple[list[tuple[str, str, int, int]], list[Skipped]]


def walk_folder(root: str) -> Walked:
    """``loader.list_folder`` with each file's stat, in strings: (path under root, full path, size,
    mtime_ns). Same order, same files, same reasons; pathlib objects cost more than the stat."""
    files: list[tuple[str, str, int, int]] = []
    skipped: list[Skipped] = []
    seen_dirs: set[tuple[int, int]] = set()

    def walk(folder: str, rel: str) -> None:
        try:
            st = os.stat(folder)
        except OSError as e:
            skipped.append(Skipped(folder, os_reason(e)))
            return
        if (st.st_dev, st.st_ino) in seen_dirs:
            return
        seen_dirs.add((st.st_dev, st.st_ino))
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as e:
            skipped.append(Skipped(folder, os_reason(e)))
            return
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            try:
                is_dir = entry.is_dir()
            except OSError as e:
                skipped.append(Skipped(entry.path, os_reason(e)))
                continue
            if is_dir:
                walk(entry.path, f"{rel}{name}/")
            elif name.lower().endswith(TEXT_SUFFIXES):
                try:
                    fst = entry.stat()
                except OSError as e:
                    e.filename = e.filename or entry.path
                    skipped.append(Skipped(entry.path, os_reason(e)))
                    continue
                files.append((rel + name, entry.path, fst.st_size, fst.st_mtime_ns))

    walk(root, "")
    return files, skipped


def _start_resource_tracker() -> None:
    """Start multiprocessing's resource tracker with the process's real stderr. A pool starts it
    on first use, passing ``sys.stderr.fileno()`` to it, and Textual's stand-in for stderr answers
    -1: the pool then failed ("bad value(s) in fds_to_keep") and the app indexed a cold corpus in
    its own process, at less than half the speed. The tracker outlives this call and is reused."""
    real = sys.__stderr__
    try:
        usable = real is not None and real.fileno() >= 0
    except (OSError, ValueError):
        usable = False
    if not usable:
        return  # no stderr at all: the tracker starts without one, as multiprocessing allows
    with contextlib.redirect_stderr(real):
        resource_tracker.ensure_running()


class CorpusIndex:
    """The documents of one corpus path, known before they are prepared."""

    def __init__(self, root: Path, cache: MetaCache | None = None) -> None:
        self.root = root
        self.cache = cache
        self.skipped: list[Skipped] = []  # shared with the LazyCorpus: appended to, never replaced
        self.notices: list[Notice] = []  # the same
        self.stats: CorpusStats | None = None
        self.complete = False
        self._entries: list[_Entry] = []
        self._by_id: dict[str, _Entry] = {}
        self._listed: list[_Entry] = []  # what the list shows: not skipped (as far as known)
        self._lock = threading.RLock()
        self._lru: OrderedDict[str, Document] = OrderedDict()
        self._dirty = False
        self._cancelled = threading.Event()
        self.cache_hits = 0
        # False while the list comes from the cache alone: the folder is walked (``fill``) after
        # the list is on screen, since stat-ing 10,000 files is a third of a warm start
        self.verified = True
        self.relisted = False  # that walk found the folder changed, and the list with it

    # -- the fast pass -------------------------------------------------------------------------

    @classmethod
    def scan(cls, path: Path, cache: MetaCache | None = None) -> CorpusIndex:
        """List and stat the files (no reading), taking what the cache knows about each."""
        index = cls(Path(path), cache)
        root = index.root
        try:
            is_dir = root.is_dir()
            exists = is_dir or root.exists() or root.is_symlink()
        except OSError as e:
            index.skipped.append(Skipped(str(root), os_reason(e)))
            is_dir = exists = False
        if is_dir and cache is not None and (listed := cache.load_list()):
            index._trust(listed)
            return index
        cached = cache.load() if cache is not None and exists else {}
        if not exists and not index.skipped:
            index.skipped.append(Skipped(str(root), "no such file or folder"))
        elif is_dir:
            index._from_walk(walk_folder(str(root)), cached)
        elif exists:
            # one file or a JSONL: it is read whole anyway, so its documents are kept in memory
            sources, bad = read_sources(root)
            index.skipped.extend(bad)
            try:
                st = root.stat()
                stamp = (st.st_size, st.st_mtime_ns)
            except OSError:
                stamp = (-1, -1)
            for s in sources:
                index._add(_Entry(DocInfo(s.id, s.path), s.path, stamp, str(root), s), cached)
        index._settle(exact=index.cache_hits == len(index._entries) == len(cached))
        return index

    def _from_walk(self, walked: Walked, cached: dict[str, dict[str, Any]]) -> None:
        """Entries for the files a walk of the folder found, with what the cache knows of each."""
        files, bad = walked
        self.skipped.extend(bad)
        for (rel, full, size, mtime), doc_id in zip(files, ids_of([f[0] for f in files]), strict=True):
            self._add(_Entry(DocInfo(doc_id, full), rel, (size, mtime), full), cached)

    def _trust(self, cached: dict[str, dict[str, Any]]) -> None:
        """Entries for the files the cache lists, in its order (the walk's, when it was saved),
        as if the folder had not changed; ``fill`` walks it and sets the list right if it has."""
        root = os.path.join(str(self.root), "")
        # each entry is made once, from its facts: the stamps are the cache's own, so the check
        # _add makes would always pass (this loop is most of a warm start's own time)
        entries, by_id = self._entries, self._by_id
        for (key, got), doc_id in zip(cached.items(), ids_of(list(cached)), strict=True):
            full = root + key if os.sep == "/" else os.path.join(root, key)
            entry = _Entry(_info(doc_id, full, got), key, (got["size"], got["mtime"]), full, None, got)
            entries.append(entry)
            by_id[doc_id] = entry
        self.cache_hits += len(cached)
        self.verified = False
        self._settle(exact=True)

    def _verify(self) -> None:
        """Take the rest of the cache (what cleaning against the statistics needs), walk the
        folder the trusted list came from, and if it changed, rebuild the entries from the walk,
        keeping what is known of every file whose stamp still matches."""
        self.verified = True
        # the trusted entries are the cache's first line, in its order: the second line lines up
        columns = self.cache.load_signatures(len(self._entries)) if self.cache is not None else None
        if columns is not None:
            MetaCache.merge([e.facts or {} for e in self._entries], columns)
        for e in self._entries:
            if e.facts is not None and "edges" not in e.facts and "skip" not in e.facts:
                e.facts = None  # unusable statistics facts: index it again
        walked = walk_folder(str(self.root))
        files, bad = walked
        if not bad and [(e.key, *e.stamp) for e in self._entries] == [(f[0], f[2], f[3]) for f in files]:
            if any(e.facts is None for e in self._entries):  # the cache's second half was unusable
                self.complete, self.stats, self._dirty = False, None, True
                self._relist()
            return
        cached = {e.key: e.facts for e in self._entries if e.facts is not None}
        self._entries, self._by_id, self._listed = [], {}, []
        self.cache_hits, self.complete, self.stats, self._dirty = 0, False, None, True
        self._lru.clear()
        self.relisted = True
        self._from_walk(walked, cached)
        self._settle()

    def _add(self, entry: _Entry, cached: dict[str, dict[str, Any]]) -> None:
        got = cached.get(entry.key)
        if got is not None and got.get("size") == entry.stamp[0] and got.get("mtime") == entry.stamp[1]:
            entry.apply(got)
            self.cache_hits += 1
        self._entries.append(entry)
        self._by_id[entry.info.id] = entry

    def _settle(self, *, exact: bool = False) -> None:
        """With every entry indexed: the statistics, and which cached entries they invalidate.
        ``exact``: the cache holds these files and no others, so the statistics are those the
        cached entries were made with, and their computation waits until a document is opened."""
        if exact:
            self._finish(None)
            return
        if all(e.facts is not None for e in self._entries):
            stats = self._statistics()
            for e in self._entries:
                if e.signature() is not None and not e.valid_under(stats):
                    e.facts = None  # cleaned under other statistics: index it again
            if all(e.facts is not None for e in self._entries):
                self._finish(stats)
                return
        self._relist()

    def _statistics(self) -> CorpusStats:
        return CorpusStats.from_signatures(s for e in self._entries if (s := e.signature()) is not None)

    def _finish(self, stats: CorpusStats | None) -> None:
        self.stats = stats
        known = {s.path for s in self.skipped}
        told = set(self.notices)
        for e in self._entries:
            path = e.source.path if e.source is not None else e.file
            if (reason := e.skip) and path not in known:
                self.skipped.append(Skipped(path, reason))
            # a JSONL document's notes come with its source; a file's, from reading it (or the cache)
            notes = e.source.notes if e.source is not None else (e.facts or {}).get("notes", ())
            for note in notes:
                if (notice := Notice(path, note)) not in told:
                    self.notices.append(notice)
        self._relist()
        self.complete = True

    def _relist(self) -> None:
        self._listed = [e for e in self._entries if e.skip is None]

    # -- the background pass -------------------------------------------------------------------

    def pending(self) -> int:
        return sum(e.facts is None for e in self._entries)

    def fill(self, progress: Progress | None = None, updated: Updated | None = None, *,
             jobs: int | None = None) -> None:
        """Index what the cache did not know, then prepare again the few documents the corpus
        statistics changed; save the cache. ``progress(done, total)`` counts files indexed;
        ``updated(ids)`` names documents whose list row changed (batched)."""
        with self._lock:
            if not self.verified:
                self._verify()
            if self.complete:
                if self.stats is None:
                    self.stats = self._statistics()  # in the background, before anyone opens a document
                if progress:
                    progress(0, 0)
                return
            todo = [e for e in self._entries if e.facts is None]
            total = len(todo)
            if progress:
                progress(0, total)
            changed: list[str] = []
            last = time.monotonic()

            def done(n: int, entry: _Entry) -> None:
                nonlocal last
                changed.append(entry.info.id)
                now = time.monotonic()
                if now - last >= REPORT_EVERY or n == total:
                    last = now
                    if progress:
                        progress(n, total)
                    if updated:
                        updated(list(changed))
                    changed.clear()

            for n, (entry, facts) in enumerate(self._index(todo, jobs), 1):
                self._store(entry, facts)
                done(n, entry)
            if self._cancelled.is_set():
                return  # incomplete: nothing saved, the next start indexes again
            stats = self._statistics()
            stale = [e for e in self._entries if e.signature() is not None and not e.valid_under(stats)]
            for e in stale:
                src = e.read()
                self._store(e, {"skip": src.reason} if isinstance(src, Skipped) else facts_of(src, stats)[0])
            if stale and updated:
                updated([e.info.id for e in stale])
            self._finish(stats)
            self.save()

    def _index(self, todo: list[_Entry], jobs: int | None) -> Iterator[tuple[_Entry, dict[str, Any]]]:
        files = [e for e in todo if e.source is None]
        jobs = jobs if jobs is not None else min(os.cpu_count() or 1, 4)
        done = 0
        if jobs > 1 and len(files) >= PARALLEL_MIN:
            # "spawn": forking a process that runs Textual's threads is not safe. A pool that cannot
            # start (a main module without a __main__ guard, say) only costs the speed-up.
            try:
                _start_resource_tracker()
                with ProcessPoolExecutor(jobs, mp_context=get_context("spawn")) as pool:
                    results = pool.map(facts_of_file, [str(e.file) for e in files],
                                       [e.info.id for e in files], chunksize=64)
                    for e, facts in zip(files, results, strict=True):
                        if self._cancelled.is_set():
                            pool.shutdown(wait=False, cancel_futures=True)
                            return
                        yield e, facts
                        done += 1
            except (BrokenProcessPool, OSError, RuntimeError, ValueError):
                pass  # ValueError: "bad value(s) in fds_to_keep" when stdio is not a real file
        for e in files[done:]:
            if self._cancelled.is_set():
                return
            yield e, facts_of_file(str(e.file), e.info.id)
        for e in todo:
            if e.source is not None:
                yield e, facts_of(e.source, None)[0]

    def cancel(self) -> None:
        """Stop a running fill soon (the app quits while indexing): it returns incomplete."""
        self._cancelled.set()

    def _store(self, entry: _Entry, facts: dict[str, Any]) -> None:
        facts["size"], facts["mtime"] = entry.stamp
        entry.apply(facts)
        self._dirty = True
        self._lru.pop(entry.info.id, None)

    def save(self) -> bool:
        """Write the cache when something new was learnt."""
        if self.cache is None or not self._dirty or not self.complete:
            return False
        entries = {e.key: e.facts for e in self._entries if e.facts is not None}
        self._dirty = False
        return self.cache.save(entries)

    # -- what the app asks ---------------------------------------------------------------------

    def ids(self) -> list[str]:
        return [e.info.id for e in self._listed]

    def infos(self) -> list[DocInfo]:
        return [e.info for e in self._listed]

    def info(self, doc_id: str) -> DocInfo | None:
        e = self._by_id.get(doc_id)
        return None if e is None or e.skip else e.info

    def _to_prepare(self, doc_id: str) -> tuple[_Entry, CorpusStats | None] | None:
        """The entry and the statistics to prepare a document with (waits for a running fill:
        cleaning needs the final statistics)."""
        with self._lock:
            e = self._by_id.get(doc_id)
            if e is None or e.skip:
                return None
            if not (self.complete and self.verified):
                self.fill()
                e = self._by_id.get(doc_id)  # the walk may have found the folder changed
                if e is None or e.skip:
                    return None
            if self.stats is None:
                self.stats = self._statistics()
            return e, self.stats

    def document(self, doc_id: str) -> Document | None:
        """The prepared document, from the LRU or prepared now. The preparing runs outside the
        lock: a worker preparing a long document must not hold up the screen's thread opening a
        short one (two threads preparing the same document only waste a little work)."""
        with self._lock:
            doc = self._lru.get(doc_id)
            if doc is not None:
                self._lru.move_to_end(doc_id)
                return doc
        got = self._to_prepare(doc_id)
        if got is None:
            return None
        e, stats = got
        src = e.read()
        if isinstance(src, Skipped):
            return None
        doc = prepare_document(src.id, src.raw, path=src.path, stats=stats, title=src.title,
                               date=src.date, source=src.source, encoding=src.encoding, normalised=True)
        with self._lock:
            self._lru[doc_id] = doc
            while len(self._lru) > LRU_SIZE:
                self._lru.popitem(last=False)
        return doc

    def raw_text(self, doc_id: str) -> str | None:
        """The document's decoded text, as ``document`` would clean it: nothing is prepared."""
        with self._lock:
            doc = self._lru.get(doc_id)
        if doc is not None:
            return doc.raw
        e = self._by_id.get(doc_id)
        if e is None or e.skip:
            return None
        src = e.read()
        return None if isinstance(src, Skipped) else src.raw

    def preview(self, doc_id: str, chars: int) -> Document | None:
        """The first ``chars`` or so of a document, prepared (see ``prepare_preview``); a file is
        read only that far."""
        got = self._to_prepare(doc_id)
        if got is None:
            return None
        e, stats = got
        # ~4 bytes a character at most (UTF-8), and some room for the furniture cleaning drops
        src = e.source or read_text_prefix(Path(e.file), e.info.id, e.info.encoding, chars * 4 + 8192)
        if isinstance(src, Skipped):
            return None
        return prepare_preview(src, stats, chars)


class LazyDocuments(Sequence[Document]):
    """``Corpus.documents`` of a lazy corpus: each document prepared when reached, a few kept, so
    iterating over a large corpus (export) runs in constant memory."""

    def __init__(self, index: CorpusIndex) -> None:
        self._index = index

    def __len__(self) -> int:
        return len(self._index.ids())

    @overload
    def __getitem__(self, i: int) -> Document: ...
    @overload
    def __getitem__(self, i: slice) -> list[Document]: ...
    def __getitem__(self, i: int | slice) -> Document | list[Document]:
        ids = self._index.ids()
        if isinstance(i, slice):
            return [d for doc_id in ids[i] if (d := self._index.document(doc_id)) is not None]
        doc = self._index.document(ids[i])
        if doc is None:
            raise IndexError(f"document {ids[i]!r} can no longer be read")
        return doc

    def __iter__(self) -> Iterator[Document]:
        for doc_id in self._index.ids():
            doc = self._index.document(doc_id)
            if doc is not None:
                yield doc


class LazyCorpus(Corpus):
    """A ``Corpus`` over a ``CorpusIndex``: ``infos()``/``ids()`` cost nothing, ``get`` prepares."""

    def __init__(self, index: CorpusIndex) -> None:
        super().__init__(LazyDocuments(index), index.skipped, index.notices)  # type: ignore[arg-type]
        self.index = index

    def get(self, doc_id: str) -> Document | None:
        return self.index.document(doc_id)

    def preview(self, doc_id: str, chars: int) -> Document | None:
        return self.index.preview(doc_id, chars)

    def raw_text(self, doc_id: str) -> str | None:
        return self.index.raw_text(doc_id)

    def ids(self) -> list[str]:
        return self.index.ids()

    def infos(self) -> list[DocInfo]:
        return self.index.infos()

    def info(self, doc_id: str) -> DocInfo | None:
        return self.index.info(doc_id)

    @property
    def ready(self) -> bool:
        return self.index.complete and self.index.verified


def scan_corpus(path: Path, *, cache: bool | Path = True) -> LazyCorpus:
    """The fast pass only: a corpus whose list is known (from the cache) and not yet filled.
    ``cache``: True for the user cache dir, a folder for another one, False for none."""
    meta = None if cache is False else MetaCache(Path(path), None if cache is True else Path(cache))
    return LazyCorpus(CorpusIndex.scan(Path(path), meta))


def index_corpus(path: Path, progress: Progress | None = None, *, cache: bool | Path = True,
                 jobs: int | None = None) -> LazyCorpus:
    """Scan and fill: every document's list facts known, nothing prepared yet."""
    corpus = scan_corpus(path, cache=cache)
    corpus.index.fill(progress, jobs=jobs)
    return corpus
