"""Starting the app on bad or busy files, small terminals, NO_COLOR, and a failing disk."""

from __future__ import annotations

import gc
import time
import weakref
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from test_app import DIGITAL, SIZE, reader_lines, reader_text, ready, status_text

from tui.store import AnnotationStore, StoreError


async def test_a_corrupt_database_stops_the_app_with_one_line(make_app: Callable[..., Any],
                                                              db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_text("{not json", encoding="utf-8")
    app = make_app()
    assert app.startup_error is not None and str(db_path) in app.startup_error
    async with app.run_test(size=SIZE):
        pass
    assert app.return_code == 1
    assert db_path.read_text(encoding="utf-8") == "{not json"  # never overwritten


def test_run_prints_the_error_without_opening_a_screen(make_app: Callable[..., Any], tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "labels.toml"
    bad.write_text("[[label]]\nid = \n", encoding="utf-8")
    app = make_app(labels_path=bad)
    app.run()
    err = capsys.readouterr().err
    assert app.return_code == 1
    assert err.startswith("natproj-tui: error: ") and str(bad) in err and err.count("\n") == 1


async def test_a_locked_database_opens_read_only_with_a_banner(
        make_app: Callable[..., Any], answers: dict[str, Any], db_path: Path) -> None:
    answers["InitiativePicker"] = DIGITAL
    with AnnotationStore(db_path, annotator="someone else"):
        app = make_app()
        assert app.store.read_only and "another natproj-tui" in app.read_only_reason
        async with app.run_test(size=SIZE) as pilot:
            await ready(app, pilot)
            assert "READ-ONLY" in status_text(app)
            await pilot.press("i")
            await pilot.pause()
            assert app.store.count() == 0
            assert not [c for c in answers["calls"] if c[0] == "InitiativePicker"]
            assert any("Read-only" in n.message for n in app._notifications)


async def test_a_failed_write_is_not_shown_as_saved(make_app: Callable[..., Any], answers: dict[str, Any],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    answers["InitiativePicker"] = DIGITAL
    app = make_app()

    def full_disk(ann: Any) -> Any:
        raise StoreError("annotations.json: could not save (No space left on device)")

    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        monkeypatch.setattr(app.store, "add", full_disk)
        await pilot.press("i")
        await pilot.pause()
        assert "✗ not saved" in status_text(app) and "✓ saved" not in status_text(app)
        assert any("No space left" in n.message for n in app._notifications)


async def test_skipped_files_are_listed_in_a_notification(make_app: Callable[..., Any], seeds: Path) -> None:
    (seeds / "empty.txt").write_text("", encoding="utf-8")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        notes = [n for n in app._notifications if "Skipped" in n.title]
        assert len(notes) == 1 and f"{seeds / 'empty.txt'}: " in notes[0].message
        assert app.documents.option_list.option_count == 5


async def test_a_repeated_id_in_a_jsonl_corpus_is_told_in_a_notification(make_app: Callable[..., Any],
                                                                          tmp_path: Path) -> None:
    import json

    corpus = tmp_path / "docs.jsonl"
    text = "Broadband reached 97 per cent of schools by 2024, the ministry said."
    rows = [{"id": "d1", "text": f"One\n\n{text}"}, {"id": "d1", "text": f"Two\n\n{text} Again."}]
    corpus.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    app = make_app(corpus_path=corpus)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        notes = [n for n in app._notifications if "note" in n.title]
        assert len(notes) == 1
        assert f"{corpus}:2: repeated document id 'd1', loaded as 'd1~2'" in notes[0].message
        assert app.documents.option_list.option_count == 2


async def test_a_missing_corpus_is_reported_not_raised(make_app: Callable[..., Any], tmp_path: Path) -> None:
    app = make_app(corpus_path=tmp_path / "nowhere")
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        assert app.return_code is None or app.return_code == 0
        assert app.reader is None
        await pilot.press("j", "i", "question_mark")  # nothing to act on; nothing breaks


async def test_small_terminals(make_app: Callable[..., Any], answers: dict[str, Any]) -> None:
    answers["InitiativePicker"] = DIGITAL
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        await pilot.press("j", "f", "i")
        assert app.store.count() == 1
        assert app.panel.region.width == 0  # no room for the panel: it goes
        assert any(line.startswith("▌") for line in reader_lines(app))
        await pilot.resize_terminal(40, 12)
        await pilot.press("r", "j", "r", "J", "tab", "k")
        assert app.reader_view.region.width > 0 or app.documents.region.width > 0


async def test_no_color_keeps_the_cursor_and_figures_visible(make_app: Callable[..., Any],
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app()
    assert app.no_color
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("f")
        assert any(line.startswith("▌") for line in reader_lines(app))  # a glyph, not just a colour
        strips = app.screen._compositor.render_strips()
        colours = {seg.style.color.triplet for strip in strips for seg in strip
                   if seg.style and seg.style.color and seg.style.color.triplet}
        assert all(c.red == c.green == c.blue for c in colours)  # monochrome on screen


async def test_light_and_dark_themes_both_render(make_app: Callable[..., Any],
                                                 answers: dict[str, Any]) -> None:
    answers["InitiativePicker"] = DIGITAL
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("i")
        view = app.reader_view
        # a line alone, and a line of a whole frame (drawn with the style looked up once a frame)
        dark = [view.render_line(1), view.render_lines(view.size.region)[1]]
        app.theme = "textual-light"
        await pilot.pause()
        light = [view.render_line(1), view.render_lines(view.size.region)[1]]
        for d, lt in zip(dark, light, strict=True):
            assert d.text == lt.text and list(d) != list(lt)
        assert app.reader_view.background_colors[1].brightness > 0.5


@pytest.fixture
def collector() -> Iterator[None]:
    """The garbage collector on, as a process has it, and on again after the test whatever happens."""
    gc.enable()
    yield
    gc.enable()


class Cycle:
    me: Cycle


async def test_the_collector_is_held_while_the_app_starts(make_app: Callable[..., Any],
                                                        collector: None) -> None:
    frozen = gc.get_freeze_count()
    app = make_app()
    assert not gc.isenabled()  # from construction: the scan's entries are built without collections
    garbage = Cycle()
    garbage.me = garbage
    gone = weakref.ref(garbage)
    del garbage
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        assert gc.isenabled()
        assert gc.get_freeze_count() > frozen  # what the start built is never walked again
        assert gone() is None  # but its garbage was collected first, not frozen for good
        assert app.documents.option_list.option_count == 5


async def test_a_failed_start_lets_the_collector_run(make_app: Callable[..., Any], collector: None,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    import tui.app.app as app_module

    def broken(path: Path) -> Any:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(app_module, "scan_corpus", broken)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        assert reader_text(app).startswith("Cannot open the corpus")
        assert gc.isenabled()


def test_a_start_error_lets_the_collector_run(make_app: Callable[..., Any], tmp_path: Path, collector: None,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "labels.toml"
    bad.write_text("[[label]]\nid = \n", encoding="utf-8")
    app = make_app(labels_path=bad)
    assert not gc.isenabled()
    app.run()
    assert app.return_code == 1 and gc.isenabled()


def test_an_app_built_and_never_run_lets_the_collector_run(make_app: Callable[..., Any], collector: None,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    import tui.app.app as app_module

    monkeypatch.setattr(app_module, "COLLECTOR_HELD_AT_MOST", 0.05)
    make_app()
    assert not gc.isenabled()
    deadline = time.monotonic() + 5
    while not gc.isenabled() and time.monotonic() < deadline:
        time.sleep(0.01)
    assert gc.isenabled()
