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
