"""The app shows the document list before the corpus is indexed, fills it in from the worker, and
opens a document chosen meanwhile once the index is done; a second start comes from the cache."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tui.corpus.index import CorpusIndex

SIZE = (120, 40)


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("NATPROJ_TUI_CACHE", str(folder))
    return folder


async def test_list_comes_first_then_fills_in(make_app: Callable[..., Any], cache: Path,
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
        lst.focus()
        await pilot.press("j", "j", "enter")
        assert app.reader is None
        release.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.reader is not None and app.reader.doc.id == ids[2]
        assert not app.query_one("#loading").display
        prompt = lst.get_option(ids[2]).prompt.plain
        assert not prompt.startswith(ids[2]) and f"0/{len(app.reader.doc.sentences)}" in prompt
    assert list(cache.glob("index-*.json"))


async def test_second_start_is_ready_from_the_cache(make_app: Callable[..., Any], cache: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    first = make_app()
    async with first.run_test(size=SIZE) as pilot:
        await first.workers.wait_for_complete()
        await pilot.pause()
        titles = [o.prompt.plain.split("\n")[0] for o in first.documents.option_list.options]
    indexed: list[int] = []
    real_fill = CorpusIndex.fill

    def counting_fill(self: CorpusIndex, *args: Any, **kwargs: Any) -> None:
        indexed.append(self.pending())
        real_fill(self, *args, **kwargs)

    monkeypatch.setattr(CorpusIndex, "fill", counting_fill)
    again = make_app()
    async with again.run_test(size=SIZE) as pilot:
        await again.workers.wait_for_complete()
        await pilot.pause()
        assert indexed == [0]
        assert [o.prompt.plain.split("\n")[0] for o in again.documents.option_list.options] == titles
        assert again.reader is not None


async def test_a_big_document_is_prepared_in_a_worker_while_keys_keep_working(
        make_app: Callable[..., Any], cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tui.session
    from tui.figures import find_figures
    from tui.session import Session

    monkeypatch.setattr(tui.session, "BIG_DOCUMENT", 1_000)  # every seed counts as big here
    release = threading.Event()
    real_prepare = Session.prepare

    def held_prepare(self: Session, doc_id: str) -> None:
        release.wait(10)
        real_prepare(self, doc_id)

    monkeypatch.setattr(Session, "prepare", held_prepare)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        release.set()  # the first document goes through the worker too
        await app.workers.wait_for_complete()
        await pilot.pause()
        first = app.reader.doc.id
        release.clear()
        await pilot.press("]")
        await pilot.pause()
        assert app.reader.doc.id == first  # not swapped yet: the screen did not wait
        status = str(app.query_one("#status-info").visual)
        assert f"opening {app.documents.option_list.highlighted_option.id}" in status
        await pilot.press("question_mark")  # the app still answers keys meanwhile
        assert app.screen.id != "_default"
        await pilot.press("escape")
        release.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        doc = app.reader.doc
        assert doc.id != first
        assert app.reader.figures == find_figures(doc.text, doc.lang)
        # a second open comes from the session's cache: no worker
        await pilot.press("[", "]")
        await pilot.pause()
        assert app.reader.doc.id == doc.id
