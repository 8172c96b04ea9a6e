"""What the picker, the target form and the stats screen look like at 80x24 (SVG snapshots).

Update after an intended change with: pytest tests/test_screens_snapshots.py --snapshot-update
"""

from __future__ import annotations

import pytest
from test_screens_helpers import PREFILLED, QUOTE, STATS, Host
from test_snapshots import steady_cursors

from tui.app.screens import InitiativePicker, StatsScreen, TargetForm
from tui.labels import load_labels

SIZE = (80, 24)


@pytest.fixture(scope="module")
def schema():
    return load_labels()


async def steady(pilot) -> None:
    await pilot.pause()
    steady_cursors(pilot)


def test_picker_snapshot(snap_compare, schema) -> None:
    app = Host(lambda: InitiativePicker(schema, suggested="fp.de.security"))
    assert snap_compare(app, terminal_size=SIZE, run_before=steady)


def test_picker_filtered_snapshot(snap_compare, schema) -> None:
    app = Host(lambda: InitiativePicker(schema))
    assert snap_compare(app, press=list("цифров"), terminal_size=SIZE, run_before=steady)


def test_target_form_snapshot(snap_compare, schema) -> None:
    attrs = {**PREFILLED, "deadline": 2024, "region": "Ryazan Oblast", "initiative": "np.digital_economy"}
    assert snap_compare(Host(lambda: TargetForm(attrs, schema, QUOTE)), terminal_size=SIZE, run_before=steady)


def test_target_form_error_snapshot(snap_compare, schema) -> None:
    """An invalid deadline shows its message under the field (light theme, to check contrast)."""

    async def type_bad_deadline(pilot) -> None:
        pilot.app.theme = "textual-light"
        pilot.app.screen.query_one("#field-deadline").focus()
        await pilot.press("2", "4", "enter")
        steady_cursors(pilot)

    app = Host(lambda: TargetForm(PREFILLED, schema, QUOTE))
    assert snap_compare(app, run_before=type_bad_deadline, terminal_size=SIZE)


def test_stats_snapshot(snap_compare, schema) -> None:
    assert snap_compare(Host(lambda: StatsScreen(STATS, schema=schema)), terminal_size=SIZE)


def test_stats_no_color_snapshot(snap_compare, schema, monkeypatch) -> None:
    """With NO_COLOR the statuses still differ by fill character."""
    monkeypatch.setenv("NO_COLOR", "1")
    app = Host(lambda: StatsScreen(STATS, schema=schema))
    assert snap_compare(app, press=["end"], terminal_size=SIZE)
