"""The Textual app: a document list, the reader and an annotation panel over a `tui.session.Session`.

The app turns keys into session calls and shows the result; it decides nothing about annotations
itself. Every change goes key -> session -> store (durable on return) -> redraw -> "saved".
"""

from __future__ import annotations

import gc
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from contextlib import suppress
from dataclasses import replace
from pathlib import Path
from typing import Any, ClassVar

from textual import events, on, work
from textual.app import App, ComposeResult
from textual.binding import BindingType
from textual.color import Color, ColorParseError
from textual.command import CommandPalette
from textual.containers import Horizontal
from textual.content import Content
from textual.css.query import NoMatches
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Input, Static
from textual.worker import get_current_worker

from tui.app import screens
from tui.app.collector import PAUSE, IdleCollector
from tui.app.commands import GLOBAL, CorpusSearchCommands, NatprojCommands, bindings, help_sections
from tui.app.corpus_search import PREFIX, next_in_corpus
from tui.app.messages import (
    CorpusFailed,
    CorpusLoaded,
    CorpusProgress,
    DocumentChosen,
    ReaderClicked,
    ReaderDragged,
)
from tui.app.widgets.annotation_panel import AnnotationPanel
from tui.app.widgets.corpus_loading import CorpusIndexed, CorpusLoading, CorpusUpdated
from tui.app.widgets.document_list import DocumentPane
from tui.app.widgets.document_view import DocumentView
from tui.app.widgets.key_bar import KeyBar
from tui.app.widgets.reader_pane import ReaderPane
from tui.app.widgets.status_line import StatusLine
from tui.corpus import Corpus, LazyCorpus, scan_corpus
from tui.corpus.index import CorpusIndex
from tui.labels import TARGET_COLOR, LabelSchema, LabelSchemaError, load_labels
from tui.session import Reader, Session, describe_annotation, describe_suggestion, snippet
from tui.store import AnnotationStore, DatabaseCorrupt, DatabaseLocked, StoreError
from tui.suggest import Suggestion

HERE = Path(__file__).parent
NARROW = 100  # below this many columns the annotation panel is hidden
TINY = 60  # below this the document list is hidden while the reader has focus
IDLE_FLUSH = 5.0  # seconds without a key before the journal is folded into the database file
FLUSH_LIMIT = 20_000  # above this many records a rewrite would stall the screen; close() does it
COLLECTOR_HELD_AT_MOST = 10.0  # seconds the garbage collector may stay off while the app starts

# Reader actions and when each one applies (None: shown but disabled).
READER_ACTIONS = frozenset({
    "sentence", "paragraph", "figure", "document", "select", "extend", "cancel", "tag_initiative",
    "tag_target", "accept", "reject", "delete", "note", "undo", "redo", "raw", "search", "match",
    "mark_done", "in_reader", "search_corpus", "next_suggestion",
})
# Keys for the whole app that must not fire over a dialog (an "s" typed on a drop-down of the
# target form would open the statistics over it; "q" would quit with the form unsaved).
MAIN_SCREEN_ACTIONS = frozenset({"export", "stats", "filter", "help", "quit", "open_highlighted"})


class NatprojApp(App[None]):
    """natproj-tui: read, highlight and annotate a corpus of press releases."""

    TITLE = "natproj-tui"
    CSS_PATH: ClassVar[list[str | Path]] = [
        HERE / "app.tcss",
        *(HERE / "widgets" / f"{name}.tcss"
          for name in ("document_view", "document_list", "annotation_panel", "status_line", "reader_pane",
                       "key_bar")),
    ]
    COMMANDS = App.COMMANDS | {NatprojCommands, CorpusSearchCommands}
    BINDINGS: ClassVar[list[BindingType]] = bindings(GLOBAL)

    def __init__(self, corpus_path: Path, db_path: Path, labels_path: Path | None = None,
                 annotator: str = "", read_only: bool = False) -> None:
        # What is imported by now lives as long as the process, and so does most of what the start
        # builds (the screen, 10,000 index entries and list rows): the collector is held off until
        # the list is on screen, then all of it is frozen, so no collection ever walks it. Running,
        # it took 20-60 ms of a warm start's 200-300 ms in 120 young and 10 middle collections.
        gc.freeze()
        self._collector_held = gc.isenabled()
        # an app built and never run (or stuck before its list) must not leave the collector off
        self._collector_guard = threading.Timer(COLLECTOR_HELD_AT_MOST, self._release_collector,
                                                kwargs={"freeze": False})
        self._collector_guard.daemon = True
        if self._collector_held:
            gc.disable()
            self._collector_guard.start()
        super().__init__()
        self.corpus_path = Path(corpus_path)
        self.db_path = Path(db_path)
        self.labels_path = labels_path
        self.annotator = annotator
        self.startup_error: str | None = None
        self._quitting = False
        self.read_only_reason: str | None = "opened with --read-only" if read_only else None
        self.schema: LabelSchema | None = None
        self.store: AnnotationStore | None = None
        self.session: Session | None = None
        self._collector = IdleCollector()  # also keeps the time of the last key
        self._kept_dialogs: dict[str, Any] = {}  # see _kept_dialog
        self._bindings_state: tuple[Any, ...] = ()
        self._colors: tuple[bool, dict[str, str]] | None = None
        self._pending_open: str | None = None  # chosen while the corpus was still indexing
        self._preparing: str | None = None  # the big document a worker prepares to replace its preview
        self._shown_id: str | None = None  # the document the reader shows (its preview, or the whole)
        self._index: CorpusIndex | None = None
        self._indexed_at = 0.0
        self._listed_complete = False  # the fast pass listed every document (a warm start)
        self._listed = threading.Event()  # the first list is on screen
        self._drag_anchor: int | None = None  # where the mouse selection being dragged started
        self._search_fresh = False  # the search box changed since the last enter
        self._open_resources(read_only)
        # the fast pass starts now, not once the screen is mounted: it overlaps Textual's start
        self._scanned: Future[LazyCorpus] = Future()
        if self.startup_error is None:
            threading.Thread(target=self._scan, name="corpus-scan", daemon=True).start()

    def _scan(self) -> None:
        try:
            corpus = scan_corpus(self.corpus_path)
            self._scanned.set_result(corpus)
        except BaseException as e:  # handed to the worker that waits for it
            self._scanned.set_exception(e)

    # -- start and stop ------------------------------------------------------------------------

    def _open_resources(self, read_only: bool) -> None:
        """Schema and store are opened before the screen appears: a broken file stops the app."""
        try:
            self.schema = load_labels(self.labels_path)
        except LabelSchemaError as e:
            self.startup_error = str(e)
            return
        try:
            self.store = AnnotationStore(self.db_path, annotator=self.annotator, read_only=read_only)
        except DatabaseCorrupt as e:
            self.startup_error = str(e)
        except (DatabaseLocked, StoreError) as e:
            # another instance writes this file (or we may not): still let the user read it
            try:
                self.store = AnnotationStore(self.db_path, annotator=self.annotator, read_only=True)
                self.read_only_reason = str(e)
            except StoreError as again:
                self.startup_error = str(again)

    def run(self, *args: Any, **kwargs: Any) -> None:
        if self.startup_error is not None:
            # no screen at all: the one-line reason goes where the CLI's errors go
            import sys

            print(f"natproj-tui: error: {self.startup_error}", file=sys.stderr)
            self._return_code = 1
            self._release_collector()
            return None
        return super().run(*args, **kwargs)

    def compose(self) -> ComposeResult:
        yield Static(id="title-bar", markup=False)
        yield CorpusLoading(str(self.corpus_path), id="loading")
        with Horizontal(id="main"):
            yield DocumentPane(id="documents")
            yield ReaderPane(id="reader-pane")
            yield AnnotationPanel(id="annotations")
        yield StatusLine(id="status")
        yield KeyBar(id="keys")

    def on_mount(self) -> None:
        if self.startup_error is not None:
            self.exit(return_code=1, message=f"natproj-tui: error: {self.startup_error}")
            return
        self.query_one("#main").display = False
        self.reader_view.set_placeholder("Loading the corpus …")
        if self.read_only_reason:
            self.status.show_read_only(self.read_only_reason)
            self.notify(f"Read-only: {self.read_only_reason}", severity="warning", markup=False, timeout=8)
        self._show_sub_title(f"loading {self.corpus_path.name} …")
        self.set_interval(1.0, self._idle_flush)
        self.set_interval(PAUSE / 2, self._collector.tick)
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        self.load_corpus()

    def _release_collector(self, *, freeze: bool = True) -> None:
        """The start is over (the list is on screen, or the app stops before it): freeze what it
        built and let the collector run again."""
        if self._collector_held:
            self._collector_held = False
            self._collector_guard.cancel()
            if freeze:
                # everything made since the hold is young: one young collection (13-27 ms, once)
                # frees the start's garbage cycles (15,000 objects on a warm start of 10,026
                # documents) that freezing would otherwise keep for good
                gc.collect(0)
                gc.freeze()
            gc.enable()
            self._collector.hold()

    def _list_shown(self) -> None:
        self._release_collector()
        self._listed.set()

    def on_unmount(self) -> None:
        self._release_collector()
        self._collector.release()
        if self._index is not None:
            self._index.cancel()  # a cold index still running must not hold the exit
        if self.store is not None:
            self.store.close()

    def _idle_flush(self) -> None:
        store = self.store
        if (store is None or store.read_only or not store.pending or store.count() > FLUSH_LIMIT
                or self._collector.since_key() < IDLE_FLUSH):
            return
        try:
            store.flush()
        except StoreError as e:
            self.notify(str(e), severity="error", markup=False)

    def on_key(self) -> None:
        self._collector.key()

    # -- loading the corpus --------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="corpus")
    def load_corpus(self) -> None:
        """The fast pass (listing, the metadata cache), the list on screen, then the background
        pass over what the cache did not know, the rows filled in as it goes."""
        last = 0.0

        def progress(done: int, total: int) -> None:
            nonlocal last
            now = time.monotonic()
            if done >= total or now - last > 0.05:  # a message per file would flood the queue
                last = now
                self.post_message(CorpusProgress(done, total))

        try:
            corpus = self._scanned.result()
            self._index = corpus.index
            self.post_message(CorpusIndexed(corpus))
            # the list goes on screen before the fill's statistics take the interpreter lock
            self._listed.wait(2.0)
            corpus.index.fill(progress, lambda ids: self.post_message(CorpusUpdated(ids)))
        except Exception as e:  # bad files are skipped, not raised; this is the unforeseen rest
            self.post_message(CorpusFailed(f"{self.corpus_path}: {e}"))
            return
        self.post_message(CorpusLoaded(corpus))

    def on_corpus_indexed(self, message: CorpusIndexed) -> None:
        assert self.store is not None and self.schema is not None
        self.session = Session(message.corpus, self.store, self.schema)
        self._indexed_at = time.monotonic()
        # a warm start lists every document from the cache; the folder is checked meanwhile
        self._listed_complete = self._index is not None and self._index.pending() == 0
        self.query_one("#main").display = True
        loading = self.query_one(CorpusLoading)
        if self._listed_complete:
            loading.display = False
            self.reader_view.set_placeholder("Checking the corpus folder for changes …")
        else:
            loading.compact()
            self.reader_view.set_placeholder("Indexing the corpus … a document opens when it is done.")
        self.documents.set_rows(self.session.rows(), keep=self.session.first_open())
        self._update_progress()
        self.documents.option_list.focus()
        self.call_after_refresh(self._list_shown)

    def on_corpus_updated(self, message: CorpusUpdated) -> None:
        session = self.session
        if session is None:
            return
        session.refresh(message.doc_ids)
        documents = self.documents  # a query: once for the whole batch
        for doc_id in message.doc_ids:
            info = session.corpus.info(doc_id)
            if info is not None:
                documents.update_row(session.row(info))
        self._update_progress()

    def on_corpus_progress(self, message: CorpusProgress) -> None:
        with suppress(NoMatches):  # the app may be closing: the worker still reports
            self.query_one(CorpusLoading).progress(message.done, message.total)

    def on_corpus_failed(self, message: CorpusFailed) -> None:
        self._release_collector()
        self.query_one(CorpusLoading).display = False
        self.query_one("#main").display = True
        self.reader_view.set_placeholder(f"Cannot open the corpus: {message.reason}")
        self.notify(message.reason, severity="error", markup=False, timeout=10)

    def on_corpus_loaded(self, message: CorpusLoaded) -> None:
        assert self.store is not None and self.schema is not None
        corpus: Corpus = message.corpus
        # a warm start listed every document already (from the cache): no second pass over 10,000 rows
        relisted = self._index is not None and self._index.relisted  # the folder changed since
        listed = (self.session is not None and self.session.corpus is corpus and self._listed_complete
                  and not relisted)
        if self.session is None or self.session.corpus is not corpus:
            self.session = Session(corpus, self.store, self.schema)
            self._indexed_at = time.monotonic()
        session = self.session
        self.query_one(CorpusLoading).display = False
        self.query_one("#main").display = True
        self._announce_missing(session)
        self._warn_lines(f"Skipped {len(corpus.skipped)} file(s)",
                         [f"{s.path}: {s.reason}" for s in corpus.skipped])
        self._warn_lines(f"Loaded with {len(corpus.notices)} note(s)", [str(n) for n in corpus.notices])
        if not listed:
            session.refresh()
        # after a long index the user may be busy in the list: the document they chose or stand
        # on opens, and the focus stays where it is
        quick = time.monotonic() - self._indexed_at < 1.0
        highlighted = self.documents.option_list.highlighted_option
        first = self._pending_open or (highlighted.id if highlighted and not quick else None)
        first = first if first is not None and corpus.info(first) is not None else session.first_open()
        self._pending_open = None
        if listed:
            if first is not None:
                self.documents.highlight(first)
        else:
            self.documents.set_rows(session.rows(), keep=first)
            self._update_progress()
        if first is None:
            self.reader_view.set_placeholder(f"No documents in {self.corpus_path}")
        elif self.reader is None:
            self.open_document(first, focus=False)
        if quick:
            self._focus_at_start(first)
        self._apply_size()

    def _warn_lines(self, title: str, lines: list[str], shown: int = 20) -> None:
        """One warning with a line per item (the first ``shown``), none for no items."""
        if not lines:
            return
        if len(lines) > shown:
            lines = [*lines[:shown], f"… and {len(lines) - shown} more"]
        self.notify("\n".join(lines), title=title, severity="warning", markup=False, timeout=10)

    def _announce_missing(self, session: Session) -> None:
        """Annotations of documents the corpus no longer has are kept in the database (a file
        renamed back brings them home); the user hears how many and of which documents."""
        missing = session.missing_documents()
        if not missing:
            return
        total = sum(missing.values())
        names = sorted(missing)
        lines = ["Their documents are not in the corpus (deleted, renamed or unreadable):"]
        lines += [f"{doc}: {missing[doc]} annotation(s)" for doc in names[:10]]
        if len(names) > 10:
            lines.append(f"… and {len(names) - 10} more document(s)")
        lines.append(f"They are kept in {self.db_path}; put the file back under its name to see them again.")
        self.notify("\n".join(lines), severity="warning", markup=False, timeout=15,
                    title=f"{total} annotation(s) of {len(names)} document(s) not in the corpus")

    # -- widgets -------------------------------------------------------------------------------

    @property
    def reader_view(self) -> DocumentView:
        return self.query_one(ReaderPane).view

    @property
    def documents(self) -> DocumentPane:
        return self.query_one(DocumentPane)

    @property
    def panel(self) -> AnnotationPanel:
        return self.query_one(AnnotationPanel)

    @property
    def status(self) -> StatusLine:
        return self.query_one(StatusLine)

    @property
    def reader(self) -> Reader | None:
        return self.session.reader if self.session else None

    def label_colors(self) -> dict[str, str]:
        """Label colours as drawn: the schema's, darkened on a light theme (they are picked for
        dark backgrounds, and a pale yellow on white cannot be read)."""
        assert self.schema is not None
        dark = self.current_theme.dark
        if self._colors is None or self._colors[0] != dark:
            colors = {lab.id: self._readable(lab.color, dark) for lab in self.schema.labels}
            colors.setdefault("target", self._readable(TARGET_COLOR, dark))
            self._colors = (dark, colors)
        return self._colors[1]

    @staticmethod
    def _readable(color: str, dark: bool) -> str:
        if dark:
            return color
        try:
            return Color.parse(color).darken(0.3).hex
        except ColorParseError:
            return color

    def _theme_changed(self, theme: object) -> None:
        if self.reader is not None:
            self.reader_view.show(self.reader.display(), self.label_colors())
            self._refresh_annotations()

    # -- keeping the screen in step with the session -------------------------------------------

    def open_document(self, doc_id: str, *, focus: bool = True) -> None:
        assert self.session is not None
        if not self.session.corpus.ready:  # still indexing: preparing now would wait for it
            self._pending_open = doc_id
            self.reader_view.set_placeholder(f"Indexing the corpus … {doc_id} opens when it is done.")
            return
        if self.session.needs_preparing(doc_id):
            self._open_big(doc_id, focus)
            return
        self._preparing = None  # a document chosen since wins over one still being prepared
        self._show(self.session.open(doc_id), focus)

    def _open_big(self, doc_id: str, focus: bool) -> None:
        """Show the start of a big document at once (its keys work) and prepare the whole in a
        worker, which swaps it in where the user is."""
        assert self.session is not None
        info = self.session.corpus.info(doc_id)
        size = f" ({(info.chars or 0) / 1e6:.1f} M characters)" if info is not None else ""
        if self.reader is None or self.reader.doc.id != doc_id:
            try:
                preview = self.session.preview(doc_id)
            except Exception as e:  # the worker below meets it again and says so
                preview = None
                self.log.warning(f"no preview of {doc_id}: {e}")
            if preview is not None:
                self._show(preview, focus, f"showing the start; preparing the rest{size} …")
            elif self.reader is None:
                self.reader_view.set_placeholder(f"Opening {doc_id}{size} …")
            else:  # no preview: the open document stays readable (and its keys work) meanwhile
                self._sync(f"opening {doc_id}{size} …")
        self.documents.highlight(doc_id)
        if self._preparing != doc_id:
            self._preparing = doc_id
            self._prepare_document(doc_id, focus)

    def _show(self, reader: Reader, focus: bool, extra: str = "") -> None:
        replaced_preview = reader.doc.complete and self._shown_id == reader.doc.id
        if reader.doc.id != self._shown_id:
            self.query_one(ReaderPane).close_search()  # a new document starts without a search
        self._shown_id = reader.doc.id
        # the whole replacing its preview keeps the scroll: the user may be reading
        self.reader_view.show(reader.display(), self.label_colors(), top=not replaced_preview)
        self.documents.highlight(reader.doc.id)
        self._refresh_annotations()
        self._refresh_title()
        self._sync(extra)
        if self.session is not None and self.session.orphaned and reader.doc.complete:
            n = len(self.session.orphaned)
            self.notify(f"{n} annotation(s) of this document could not be found in its text any more; "
                        "they are kept and marked ⚠ orphaned in the panel.", severity="warning", markup=False)
        if focus:
            self.reader_view.focus()

    @work(thread=True, exclusive=True, group="open")
    def _prepare_document(self, doc_id: str, focus: bool) -> None:
        """Clean, segment, find figures and suggestions of a big document off the screen's thread;
        the keys keep working meanwhile, and the newest request wins (``exclusive``)."""
        assert self.session is not None
        try:
            self.session.prepare(doc_id)
        except Exception as e:  # a file gone or unreadable since the index: say so, keep running
            self.call_from_thread(self.notify, f"{doc_id}: cannot open ({e})", severity="error", markup=False)
            self.call_from_thread(self._prepared, doc_id, focus, failed=True)
            return
        if not get_current_worker().is_cancelled:
            self.call_from_thread(self._prepared, doc_id, focus)

    def _prepared(self, doc_id: str, focus: bool, *, failed: bool = False) -> None:
        if self._preparing != doc_id:  # the user went on to another document meanwhile
            return
        if failed:
            self._preparing = None
            return
        self._preparing = None
        assert self.session is not None
        on_preview = self.reader is not None and self.reader.doc.id == doc_id
        self._show(self.session.open(doc_id), focus and not on_preview)

    def _focus_at_start(self, first: str | None) -> None:
        """A newcomer's first keys (j, i, t) act on the open document, so the reader has the
        focus; tab reaches the list. With nothing to read, the list has it."""
        if first is None:
            self.documents.option_list.focus()
        else:
            self.reader_view.focus()

    def _refresh_title(self) -> None:
        r = self.reader
        if r is None or self.store is None:
            return
        self.query_one(ReaderPane).show_title(r.doc, self.store.status(r.doc.id), r.raw)

    def _refresh_annotations(self) -> None:
        assert self.session is not None
        colors = self.label_colors()
        self.panel.set_rows([replace(row, color=colors.get(row.label, row.color))
                             for row in self.session.annotation_rows()])

    def _update_progress(self) -> None:
        if self.session is not None:
            self._show_sub_title(self.session.progress().describe())

    def _show_sub_title(self, sub_title: str) -> None:
        # App.sub_title is a reactive that repaints the whole screen on a change, which put every
        # label's second frame at a full-screen redraw: it is set quietly and only the title line
        # is drawn again (Textual's Header would re-lay out the whole screen instead)
        self.set_reactive(App.sub_title, sub_title)
        with suppress(NoMatches):
            self.query_one("#title-bar", Static).update(
                Content.assemble((self.title, "bold"), "  —  ", (sub_title, "$text-muted")), layout=False)

    def _sync(self, extra: str = "") -> None:
        """After a cursor move: redraw the reader's moving marks, the status line, the panel's
        highlight and (only when what applies changed) the footer."""
        r = self.reader
        if r is None or self.schema is None:
            return
        if not r.doc.complete and not extra:
            extra = "preparing the rest of the document …"
        self.reader_view.show(r.display(), self.label_colors())
        self.status.show_info(r.cursor_info(self.schema), extra)
        ann = r.annotation_at()
        if not self.panel.has_focus:  # there the user's own choice of row stays highlighted
            self.panel.show_current(ann.id if ann else None)
        session = self.session
        state = (r.doc.id, r.selecting, bool(r.matches), r.suggestion_at() is not None, ann is not None,
                 session is not None and session.can_undo, session is not None and session.can_redo)
        if state != self._bindings_state:
            self._bindings_state = state
            self.refresh_bindings()

    def _after_change(self, doc_id: str | None = None, extra: str = "") -> None:
        """After the store changed: the panel, the reader (and ``extra``, what was saved, in the
        status line until the next key), the document's row, its title and the corpus progress,
        all in the key's own frame."""
        assert self.session is not None
        self._refresh_annotations()
        self._sync(extra)
        # The counts were once drawn a frame or two later, 35-45 ms after the key (the frame
        # rate's cadence); they cost ~1 ms of the frame now that setting the progress no
        # longer redraws the whole screen (_show_sub_title).
        for d in {doc_id, self.reader.doc.id if self.reader else None} - {None}:
            info = self.session.corpus.info(d)
            if info is not None:
                self.documents.update_row(self.session.row(info))
        self._update_progress()
        self._refresh_title()

    def _write(self, change: Any, describe: Any = None) -> Any:
        """Run a store change; the indicator says "saved" only once the store has returned."""
        if self.store is None or self.session is None or self._waiting_for_whole():
            return None
        if self.store.read_only:
            self.notify(f"Read-only: {self.read_only_reason or 'nothing can be changed'}",
                        severity="warning", markup=False)
            return None
        try:
            result = change()
        except StoreError as e:
            self.status.show_error(str(e))
            self.notify(str(e), severity="error", markup=False, timeout=10)
            return None
        if result is not None:
            what = describe(result) if describe else ""
            self.status.show_saved(what)
            doc = getattr(result, "doc", None)
            self._after_change(doc if isinstance(doc, str) else None, f"✓ {what}" if what else "")
        return result

    def _describe(self, verb: str) -> Any:
        def text(ann: Any) -> str:
            assert self.schema is not None
            if isinstance(ann, Suggestion):  # undo/redo of a rejection
                return f"{verb} rejection of {describe_suggestion(ann, self.schema)}"
            if hasattr(ann, "quote"):
                return f"{verb} {describe_annotation(ann, self.schema)}"
            return verb

        return text

    # -- size ----------------------------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        self._apply_size(event.size.width)  # self.size is still the old one here

    def _apply_size(self, width: int | None = None) -> None:
        width = self.size.width if width is None else width
        # the main screen, even when a dialog is on top (a resize then must still reach it)
        main = self.screen_stack[0] if self.screen_stack else self.screen
        main.set_class(width < NARROW, "-narrow")
        main.set_class(width < TINY, "-tiny")

    # -- messages from widgets -----------------------------------------------------------------

    def on_document_chosen(self, message: DocumentChosen) -> None:
        self.open_document(message.doc_id)

    def action_show_annotation(self, ann_id: str, focus: bool = True) -> None:
        """A row of the panel, chosen (``focus``: the reader takes the keys) or moved onto."""
        r = self.reader
        if r is None or self.store is None:
            return
        ann = self.store.get(ann_id)
        if ann is None:
            return
        r.cancel_selection()
        r.goto(ann.start)
        self._sync()
        if focus:
            self._focus_now(self.reader_view)

    def on_reader_clicked(self, message: ReaderClicked) -> None:
        r = self.reader
        if r is None:
            return
        if r.selecting:
            r.goto(message.offset)  # a click moves the selection's end
        else:
            sentence = r.doc.sentence_at(message.offset)
            r.goto(r.doc.sentences[sentence].start if sentence is not None else message.offset)
        self._sync()

    def on_reader_dragged(self, message: ReaderDragged) -> None:
        """A mouse drag selects the words from where it started to where the mouse is."""
        r = self.reader
        if r is None:
            return
        if not r.selecting or self._drag_anchor != message.start:
            r.cancel_selection()
            r.goto(message.start)
            r.start_selection()
            self._drag_anchor = message.start
        r.goto(message.end)
        self._sync()

    # -- search: the open document, or the corpus with the "//" prefix -------------------------

    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        r = self.reader
        if r is None:
            return
        self._search_fresh = True
        if event.value.startswith(PREFIX):
            r.clear_search()
            query = event.value.lstrip(PREFIX).strip()  # "//word" typed in the box means the same
            self._sync(f"corpus search: enter goes to the next document with “{snippet(query, 30)}”"
                       if query else "corpus search: type a phrase, enter goes to the next document")
            return
        n = r.search(event.value)
        self._sync(f"{n} match{'es' * (n != 1)}" if event.value else "")

    @on(Input.Submitted, "#search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        r = self.reader
        if r is None:
            return
        value = event.value
        if not value.strip():
            self.action_close_search()
            return
        if value.startswith(PREFIX):
            self.corpus_next(value.lstrip(PREFIX).strip())
        else:
            if r.query != value:
                r.search(value)
            elif not self._search_fresh:
                r.next_match(1)  # enter again on the same words: the next match
            self._search_status()
        self._search_fresh = False
        self.reader_view.focus()  # back to the reader, where ; and , step through the matches

    def _search_status(self, where: str = "") -> None:
        r = self.reader
        if r is None:
            return
        if r.matches and r.match is not None:
            at = f"match {r.match + 1}/{len(r.matches)}"
            self._sync(f"{where}{at} for “{snippet(r.query, 30)}” (; next · , previous · esc clears)")
        elif r.query:
            self._sync(f"no match for “{snippet(r.query, 30)}”")
        else:
            self._sync()

    def corpus_next(self, query: str) -> None:
        """Go to the next match of ``query`` in the corpus: later in this document, else in the
        next document (in list order) that has one. The scan runs off the screen's thread."""
        session = self.session
        if session is None or not query:
            return
        r = self.reader
        ids = self.documents.visible_ids() or session.corpus.ids()  # the list's order and filter
        self._sync(f"searching {len(ids)} documents for “{snippet(query, 30)}”…")
        self._corpus_next(ids, query, r.doc.id if r else None, r.pos if r else -1)

    @work(thread=True, exclusive=True, group="corpus-search")
    def _corpus_next(self, ids: list[str], query: str, doc_id: str | None, pos: int) -> None:
        assert self.session is not None
        worker = get_current_worker()
        found = next_in_corpus(self.session.corpus, ids, query, doc_id, pos, stop=lambda: worker.is_cancelled)
        if worker.is_cancelled:
            return  # a newer search replaced this one
        if found is None:
            self.call_from_thread(self._sync, f"no document has “{snippet(query, 30)}”")
        else:
            self.call_from_thread(self.goto_match, found[0], query, found[1])

    def goto_match(self, doc_id: str, query: str, offset: int = 0) -> None:
        """Open ``doc_id`` with ``query`` searched, at its first match from ``offset`` on."""
        if self.session is None or self.session.corpus.info(doc_id) is None:
            return
        pane = self.query_one(ReaderPane)
        box_value = pane.search_input.value
        if self.reader is None or self.reader.doc.id != doc_id:
            self.open_document(doc_id)
        r = self.reader
        assert r is not None
        r.cancel_selection()
        r.goto(offset)
        r.search(query)
        if box_value.startswith(PREFIX):  # keep "//phrase" in the box: / then enter goes on
            pane.set_search(box_value)
        title = snippet(r.doc.title or r.doc.id, 40)
        self._search_status(f"{title}: ")
        self.reader_view.focus()

    def action_search_corpus(self) -> None:
        pane = self.query_one(ReaderPane)
        pane.set_search(PREFIX)
        self._focus_now(pane.search_input)

    def action_close_search(self) -> None:
        r = self.reader
        if r is not None:
            r.clear_search()
        self.query_one(ReaderPane).close_search()
        if r is not None:
            self.reader_view.focus()
            self._sync()

    # -- the list and the reader share keys ----------------------------------------------------

    def action_open_highlighted(self) -> None:
        option = self.documents.option_list.highlighted_option
        if option is not None and option.id is not None:
            self.open_document(option.id)

    async def action_in_reader(self, action: str) -> None:
        """A reader key pressed in the document list: the reader takes the focus and does it."""
        if self.reader is None:
            return
        self._focus_now(self.reader_view)  # a deferred focus would land after what the action focuses
        await self.run_action(action)

    # -- permission of actions (drives the footer and the palette) -----------------------------

    async def action_quit(self) -> None:
        # keys read before the app has closed ("q" then "e" typed fast) must not open a dialog
        # on a closing app, whose mounting would fail
        self._quitting = True
        self.exit()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self._quitting:
            return False
        if action in MAIN_SCREEN_ACTIONS and self._over_a_dialog():
            return False
        if action in ("export", "stats", "filter", "open_highlighted"):
            return self.session is not None
        if action not in READER_ACTIONS:
            return True
        r = self.reader
        if r is None:
            return False
        if action == "in_reader":
            name, _, args = str(parameters[0]).partition("(")
            params = tuple(int(a) for a in args.rstrip(")").split(",") if a.strip())
            return self.check_action(name, params)
        if action == "extend":
            return r.selecting
        if action in ("accept", "reject"):
            return r.suggestion_at() is not None
        if action in ("delete", "note"):
            return r.annotation_at() is not None
        if action == "cancel":
            return r.selecting or bool(r.matches) or self.query_one(ReaderPane).search_input.display
        if action == "match":
            return bool(r.matches)
        if action == "next_suggestion":
            return bool(r.suggestions)
        if action == "undo":
            return True if self.session and self.session.can_undo else None
        if action == "redo":
            return True if self.session and self.session.can_redo else None
        return True

    def _over_a_dialog(self) -> bool:
        # the command palette is a modal too, but what it runs should act on the main screen
        return isinstance(self.screen, ModalScreen) and not isinstance(self.screen, CommandPalette)

    # -- global actions ------------------------------------------------------------------------

    def action_help(self) -> None:
        self.push_screen(screens.HelpScreen(help_sections()))

    def action_stats(self) -> None:
        if self.session is None or self.store is None:
            return
        from tui.dataset import compute_stats

        self.push_screen(screens.StatsScreen(compute_stats(self.store, self.session.corpus), self.schema))

    def action_export(self) -> None:
        if self.session is None or self.store is None:
            return

        def done(path: str | None) -> None:
            if path:
                self.notify(f"Exported to {path}", markup=False)

        self.push_screen(screens.ExportDialog(self.session.corpus, self.store, self.db_path.parent), done)

    def action_filter(self) -> None:
        self.documents.open_filter()

    # -- reader: moving ------------------------------------------------------------------------

    def action_sentence(self, step: int) -> None:
        if self.reader and self.reader.next_sentence(step):
            self._sync()

    def action_paragraph(self, step: int) -> None:
        if self.reader and self.reader.next_paragraph(step):
            self._sync()

    def action_figure(self, step: int) -> None:
        if self.reader:
            self._moved(self.reader.next_figure(step), "figures", step)

    def action_next_suggestion(self, step: int) -> None:
        if self.reader:
            self._moved(self.reader.next_suggestion(step), "open suggestions", step)

    def _moved(self, found: object, what: str, step: int) -> None:
        self._sync("" if found is not None else f"no more {what} " + ("below" if step > 0 else "above"))

    def action_document(self, step: int) -> None:
        if self.session is None:
            return
        doc_id = self.session.neighbour(step, self.documents.visible_ids())
        if doc_id is None:
            self._sync("this is the " + ("last" if step > 0 else "first") + " document")
            return
        self.open_document(doc_id)

    def action_select(self) -> None:
        r = self.reader
        if r is None:
            return
        if r.selecting:
            r.cancel_selection()
        else:
            r.start_selection()
        self._sync()

    def action_extend(self, step: int) -> None:
        if self.reader and self.reader.extend(step):
            self._sync()

    def action_cancel(self) -> None:
        r = self.reader
        if r is None:
            return
        if not r.cancel_selection():
            r.clear_search()
            self.query_one(ReaderPane).close_search()
        self._sync()

    def action_raw(self) -> None:
        r = self.reader
        if r is None:
            return
        r.toggle_raw()
        self.reader_view.show(r.display(), self.label_colors(), top=False)
        self._refresh_title()
        self._sync()

    def action_search(self) -> None:
        box = self.query_one(ReaderPane).search_input
        box.display = True
        self._focus_now(box)

    def _focus_now(self, widget: Widget) -> None:
        # focus() waits its turn in the message queue, behind keys already typed ("/tat" typed
        # fast or pasted): those would reach the reader, where "t" opens the target form
        self.screen.set_focus(widget)

    def action_match(self, step: int) -> None:
        r = self.reader
        if r is not None and r.next_match(step) is not None:
            self._search_status()

    # -- reader: annotating --------------------------------------------------------------------

    def _waiting_for_whole(self) -> bool:
        """A preview is read-only: say so (for the second or so until the whole replaces it)."""
        r = self.reader
        if r is None or r.doc.complete:
            return False
        self.notify(f"{r.doc.id} is still being prepared: changes can be made once the whole "
                    "document is on screen, in a moment.", severity="warning", markup=False, timeout=3)
        return True

    def _can_write(self) -> bool:
        if self._waiting_for_whole():
            return False
        if self.store is not None and self.store.read_only:
            self.notify(f"Read-only: {self.read_only_reason or 'nothing can be changed'}",
                        severity="warning", markup=False)
            return False
        return self.reader is not None and self.reader.span() is not None

    def action_tag_initiative(self) -> None:
        if not self._can_write():
            return
        assert self.session is not None and self.schema is not None

        def chosen(label: str | None) -> None:
            if label and self.session is not None:
                self._write(lambda: self.session.tag_initiative(label), self._describe("tagged"))

        suggested = self.session.suggested_label()
        picker = self._kept_dialog("initiative-picker", lambda kept: kept.reset(suggested),
                                   lambda: screens.InitiativePicker(self.schema, suggested))
        self.push_screen(picker, chosen)

    def action_tag_target(self) -> None:
        if not self._can_write():
            return
        assert self.session is not None and self.schema is not None

        def chosen(attrs: dict[str, Any] | None) -> None:
            if attrs is not None and self.session is not None:
                self._write(lambda: self.session.tag_target(attrs), self._describe("tagged"))

        prefill, quote = self.session.target_prefill(), self.session.current_quote()
        form = self._kept_dialog("target-form", lambda kept: kept.reset(prefill, quote),
                                 lambda: screens.TargetForm(prefill, self.schema, quote))
        self.push_screen(form, chosen)

    def _kept_dialog(self, name: str, reset: Callable[[Any], bool],
                     build: Callable[[], ModalScreen[Any]]) -> ModalScreen[Any]:
        """The dialog kept under ``name``, set up again by ``reset`` (False: it cannot be), else a
        new one kept in its place.

        A label dialog is built once and kept installed. Textual removes a closed screen that is
        not installed, and the removal laid out and redrew the whole screen behind it 40-60 ms
        after the key; building one composed its widgets on every key that opened it
        (the target form: 70 ms)."""
        kept = self._kept_dialogs.get(name)
        if kept is not None and kept.schema is self.schema and reset(kept):
            return kept
        if kept is not None:
            self.uninstall_screen(kept)
            kept.remove()
        kept = self._kept_dialogs[name] = build()
        self.install_screen(kept, name)
        return kept

    def action_accept(self) -> None:
        if self.session is not None:
            self._write(self.session.accept, self._describe("accepted"))

    def action_reject(self) -> None:
        if self.session is not None:
            self._write(self.session.reject, lambda s: "rejected the suggestion")

    def action_delete(self) -> None:
        if self.session is not None:
            self._write(self.session.delete, self._describe("deleted"))

    def action_note(self) -> None:
        if self.session is None or not self._can_write():
            return
        ann = self.session.annotation_here()
        if ann is None:
            return
        ann_id = ann.id

        def written(text: str | None) -> None:
            if text is not None and self.session is not None:
                self._write(lambda: self.session.set_note(ann_id, text), lambda a: "note saved")

        self.push_screen(screens.NoteDialog(ann.note), written)

    def action_undo(self) -> None:
        if self.session is None:
            return
        before = self.reader.doc.id if self.reader else None
        result = self._write(self.session.undo, self._describe("undid:"))
        if result is not None and self.reader and self.reader.doc.id != before:
            self.open_document(self.reader.doc.id)

    def action_redo(self) -> None:
        if self.session is None:
            return
        before = self.reader.doc.id if self.reader else None
        result = self._write(self.session.redo, self._describe("redid:"))
        if result is not None and self.reader and self.reader.doc.id != before:
            self.open_document(self.reader.doc.id)

    def action_mark_done(self) -> None:
        session = self.session
        if session is None or self.reader is None:
            return
        current = self.reader.doc.id
        marked: list[str | None] = []

        def change() -> str:
            marked.append(session.mark_done())
            return current

        if self._write(change, lambda _: "document done") is None:
            return
        info = session.corpus.info(current)
        if info is not None:
            self.documents.update_row(session.row(info))
        self._update_progress()
        nxt = marked[0] if marked else None
        if nxt is None:
            self.notify("Every document is done.", markup=False)
            self._refresh_title()
        else:
            self.open_document(nxt)
