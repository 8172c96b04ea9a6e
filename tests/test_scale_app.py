"""The app shows the document list before the corpus is indexed, fills it in from the worker, and
opens a document chosen meanwhile once the index is done; a second start comes from the cache."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from test_app import ready
from textual.widgets import Static

from tui.app.messages import CorpusProgress
from tui.corpus.index import CorpusIndex

SIZE = (120, 40)


async def test_list_comes_first_then_fills_in(make_app: Callable[..., Any], private_cache: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    release = threading.Event()
    real_fill = CorpusIndex.fill

    def held_fill(self: CorpusIndex, *args: Any, **kwargs: Any) -> None:
        release.wait(10)
        real_fill(self, *args, **kwargs)

    monkeypatch.setattr(CorpusIndex, "fill", held_fill)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(200):
            await pilot.pause(0.01)
            if app.documents.option_list.option_count:
                break
        lst = app.documents.option_list
        ids = [o.id for o in lst.options]
        assert len(ids) == 5 and app.reader is None
        # not indexed yet: the row shows the id, and choosing a document waits for the index
        assert lst.get_option(ids[2]).prompt.plain.startswith(ids[2])
        assert app.query_one("#loading").display
        app.post_message(CorpusProgress(2, 5))  # what the worker reports while it indexes
        await pilot.pause()
        line = app.query_one("#loading-label", Static).visual
        assert "Indexing 2/5 files" in getattr(line, "plain", str(line)) and "████████··" in str(line)
        lst.focus()
        await pilot.press("j", "j", "enter")
        assert app.reader is None
        release.set()
        await ready(app, pilot)
        assert app.reader is not None and app.reader.doc.id == ids[2]
        assert not app.query_one("#loading").display
        prompt = lst.get_option(ids[2]).prompt.plain
        assert not prompt.startswith(ids[2]) and f"0/{len(app.reader.doc.sentences)}" in prompt
    assert list(private_cache.glob("index-*.json"))


async def test_second_start_is_ready_from_the_cache(make_app: Callable[..., Any], private_cache: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    first = make_app()
    async with first.run_test(size=SIZE) as pilot:
        await ready(first, pilot)
        titles = [o.prompt.plain.split("\n")[0] for o in first.documents.option_list.options]
    indexed: list[int] = []
    real_fill = CorpusIndex.fill

    def counting_fill(self: CorpusIndex, *args: Any, **kwargs: Any) -> None:
        indexed.append(self.pending())
        real_fill(self, *args, **kwargs)

    monkeypatch.setattr(CorpusIndex, "fill", counting_fill)
    again = make_app()
    async with again.run_test(size=SIZE) as pilot:
        await ready(again, pilot)
        assert indexed == [0]
        assert [o.prompt.plain.split("\n")[0] for o in again.documents.option_list.options] == titles
        assert again.reader is not None


def shown_chars(app: Any) -> int:
    """Where the reader's last wrapped line ends: how much text it has to show."""
    return app.reader_view.lines[-1][1]


@pytest.fixture
def held_prepare(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """Seeds 001 and 002 count as big (the other three are under 3,000 characters), previews
    are 600 characters, and preparing a whole big document waits for the returned event."""
    import tui.session
    from tui.session import Session

    monkeypatch.setattr(tui.session, "BIG_DOCUMENT", 3_000)
    monkeypatch.setattr(tui.session, "PREVIEW_CHARS", 600)
    release = threading.Event()
    real_prepare = Session.prepare

    def held(self: Session, doc_id: str) -> None:
        release.wait(10)
        real_prepare(self, doc_id)

    monkeypatch.setattr(Session, "prepare", held)
    return release


async def test_a_big_document_shows_its_start_at_once_and_the_whole_where_the_user_is(
        make_app: Callable[..., Any], private_cache: Path, held_prepare: threading.Event) -> None:
    from tui.figures import find_figures

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        assert app.reader.doc.id.startswith("000") and app.reader.doc.complete
        await pilot.press("]")
        await pilot.pause()
        preview = app.reader
        # the start is on screen before the worker is let go, and its keys work
        assert preview.doc.id.startswith("001") and not preview.doc.complete
        assert 300 < len(preview.doc.text) < 3_667  # to a paragraph end after 600 raw characters
        assert "preparing the rest" in str(app.query_one("#status-info").visual)
        assert len(preview.doc.text) - 2 <= shown_chars(app) <= len(preview.doc.text)
        await pilot.press("j", "j")
        assert preview.sentence_index == 2
        pos = preview.pos
        # nothing is written through a preview: the form does not open, the user is told why
        await pilot.press("t")
        await pilot.pause()
        assert app.screen.id == "_default" and app.store.count() == 0
        assert any("still being prepared" in str(n.message) for n in app._notifications)
        held_prepare.set()
        await ready(app, pilot)
        whole = app.reader
        assert whole is not preview and whole.doc.complete and whole.doc.id == preview.doc.id
        assert whole.doc.text.startswith(preview.doc.text) and len(whole.doc.text) == 3_667
        assert whole.pos == pos and whole.sentence_index == 2  # the swap did not move the cursor
        assert whole.figures == find_figures(whole.doc.text, whole.doc.lang)
        assert len(whole.doc.text) - 2 <= shown_chars(app) <= len(whole.doc.text)
        assert "preparing" not in str(app.query_one("#status-info").visual)
        await pilot.press("t")
        await pilot.pause()
        assert app.screen.id != "_default"  # now the target form opens
        await pilot.press("escape")
        # a second open comes from the session's cache: whole at once, no preview
        await pilot.press("[", "]")
        await pilot.pause()
        assert app.reader.doc.id == whole.doc.id and app.reader.doc.complete


async def test_a_document_chosen_while_a_big_one_is_prepared_is_not_taken_away(
        make_app: Callable[..., Any], private_cache: Path, held_prepare: threading.Event) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("]", "]", "]")  # 001 and 002 (big, previewed) on to 003 (small)
        await pilot.pause()
        assert app.reader.doc.id.startswith("003") and app.reader.doc.complete
        await pilot.press("question_mark")  # the app still answers keys meanwhile
        assert app.screen.id != "_default"
        await pilot.press("escape")
        held_prepare.set()
        await ready(app, pilot)
        assert app.reader.doc.id.startswith("003")



async def test_a_cold_index_in_the_app_runs_in_worker_processes(
        make_app: Callable[..., Any], private_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Textual's stand-in for stderr has no file descriptor; multiprocessing's resource tracker used
    # to fail on it, and the app fell back to indexing in its own process
    from tui.corpus import index

    from_workers: list[dict[str, Any]] = []

    class Recording(index.ProcessPoolExecutor):
        def map(self, *args: Any, **kwargs: Any) -> Any:
            for facts in super().map(*args, **kwargs):
                from_workers.append(facts)
                yield facts

    monkeypatch.setattr(index, "PARALLEL_MIN", 1)
    monkeypatch.setattr(index, "ProcessPoolExecutor", Recording)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        assert app.session is not None
        rows = app.session.rows()
        assert len(rows) == 5 and all(r.passages > 0 for r in rows)
    assert len(from_workers) == 5 and all("doc" in facts for facts in from_workers)
