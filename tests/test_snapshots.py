"""Snapshots of the main screen (pytest-textual-snapshot; update with --snapshot-update).

Each one opens the first seed, tags a passage and a span, and leaves the cursor on a figure, so the
picture holds every kind of highlight: figures, suggestions, both annotation kinds, the cursor.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.pilot import Pilot

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


def test_main_screen_120x40(snap_compare: Any, make_app: Callable[..., Any], answers: dict[str, Any]) -> None:
    answers["InitiativePicker"] = "np.digital_economy"
    answers["TargetForm"] = TARGET
    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=annotated())


def test_main_screen_80x24(snap_compare: Any, make_app: Callable[..., Any], answers: dict[str, Any]) -> None:
    answers["InitiativePicker"] = "np.digital_economy"
    answers["TargetForm"] = TARGET
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=annotated())


def test_selection_and_search_120x40(snap_compare: Any, make_app: Callable[..., Any],
                                     answers: dict[str, Any]) -> None:
    answers["InitiativePicker"] = "np.digital_economy"
    answers["TargetForm"] = TARGET

    async def run_before(pilot: Pilot[Any]) -> None:
        await annotated()(pilot)
        app = pilot.app
        app.action_search()
        app.query_one("#search").value = "digital"
        await pilot.pause()
        app.reader_view.focus()
        app.action_select()
        app.action_extend(1)
        app.action_extend(1)
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=run_before)


def test_raw_view_120x40(snap_compare: Any, make_app: Callable[..., Any]) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("j", "j", "enter", "r")  # the third seed: byline and comment forms removed
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=run_before)


def test_light_theme_120x40(snap_compare: Any, make_app: Callable[..., Any], answers: dict[str, Any]) -> None:
    answers["InitiativePicker"] = "np.digital_economy"
    answers["TargetForm"] = TARGET
    app = make_app()
    app.theme = "textual-light"
    assert snap_compare(app, terminal_size=(120, 40), run_before=annotated())
