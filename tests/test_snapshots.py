"""Snapshots of the app (pytest-textual-snapshot; update with --snapshot-update): the main screen,
the raw view and help at 120x40 and 80x24; the picker, target form and stats over the app (the
dialogs alone at 80x24 are in test_screens_snapshots.py); light theme and NO_COLOR.

Most open the first seed, tag a passage and a span, and leave the cursor on a figure, so the
picture holds every kind of highlight: figures, suggestions, both annotation kinds, the cursor.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

TARGET = {"metric": "communities with LTE access", "value": 93, "unit": "%", "qualifier": None,
          "deadline": None, "baseline": None, "region": None, "status": "achieved", "initiative": None}


def annotated() -> Callable[[Pilot[Any]], Any]:
    """A passage initiative, a 3-word target span, the cursor on the next figure (keys are tested
    elsewhere; here the session is driven directly to keep the snapshots quick)."""

    async def run_before(pilot: Pilot[Any]) -> None:
        app = pilot.app
        await app.workers.wait_for_complete()
        await pilot.pause()
        app.open_document(app.session.first_open())
        r = app.reader
        r.next_paragraph(3)
        app.session.tag_initiative("np.digital_economy")
        figure = r.figures[next(i for i, f in enumerate(r.figures) if f.kind == "percent")]
        r.goto(figure.start)
        r.start_selection()
        r.extend(2)
        app.session.tag_target(TARGET)
        r.next_figure(1)
        app.status.show_saved("")
        app._after_change(r.doc.id)
        await pilot.pause()

    return run_before


SIZES = pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["120x40", "80x24"])


@SIZES
def test_main_screen(snap_compare: Any, make_app: Callable[..., Any], size: tuple[int, int]) -> None:
    assert snap_compare(make_app(), terminal_size=size, run_before=annotated())


def test_selection_and_search_120x40(snap_compare: Any, make_app: Callable[..., Any]) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await annotated()(pilot)
        await pilot.press("slash", *"digital", "enter", "v", "w", "w")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=run_before)


@SIZES
def test_raw_view(snap_compare: Any, make_app: Callable[..., Any], size: tuple[int, int]) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("right_square_bracket", "right_square_bracket", "r")  # the third seed
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=size, run_before=run_before)


def over_the_app(*keys: str) -> Callable[[Pilot[Any]], Any]:
    """The annotated main screen with a dialog opened by ``keys`` on top."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await annotated()(pilot)
        await pilot.press(*keys)
        await pilot.pause()
        steady_cursors(pilot)

    return run_before


def steady_cursors(pilot: Pilot[Any]) -> None:
    """A blinking text cursor would be caught on or off at random: stop the blinking."""
    for box in pilot.app.screen.query(Input):
        box.cursor_blink = False


@SIZES
def test_help(snap_compare: Any, make_app: Callable[..., Any], size: tuple[int, int]) -> None:
    assert snap_compare(make_app(), terminal_size=size, run_before=over_the_app("question_mark"))


def test_picker_over_the_app_120x40(snap_compare: Any, make_app: Callable[..., Any]) -> None:
    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=over_the_app("k", "i"))


def test_target_form_over_the_app_120x40(snap_compare: Any, make_app: Callable[..., Any]) -> None:
    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=over_the_app("k", "t"))


def test_stats_over_the_app_120x40(snap_compare: Any, make_app: Callable[..., Any]) -> None:
    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=over_the_app("s"))


def test_light_theme_120x40(snap_compare: Any, make_app: Callable[..., Any]) -> None:
    app = make_app()
    app.theme = "textual-light"
    assert snap_compare(app, terminal_size=(120, 40), run_before=annotated())


def test_no_color_80x24(snap_compare: Any, make_app: Callable[..., Any],
                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=annotated())
