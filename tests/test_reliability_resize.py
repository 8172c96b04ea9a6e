"""Reliability (#9): the terminal shrinks to 40x12 and grows back while a real dialog is open; the
dialog survives and its answer is still saved. (test_app_startup.test_small_terminals covers the
main screen at small sizes; this one only the dialogs.)"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tui.store import open_read_only


@pytest.mark.parametrize(("key", "dialog", "answer"), [("i", "InitiativePicker", ("1",)),
                                                       ("t", "TargetForm", ("ctrl+s",))])
async def test_a_dialog_survives_40x12_and_back(make_app: Callable[..., Any], db_path: Any, key: str,
                                                dialog: str, answer: tuple[str, ...]) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter", "j", key)
        await pilot.pause()
        assert type(app.screen).__name__ == dialog
        for size in ((40, 12), (20, 6), (120, 40)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            assert type(app.screen).__name__ == dialog and app.size == size
        await pilot.press(*answer)
        await pilot.pause()
        assert type(app.screen).__name__ != dialog and app.store.count() == 1
    with open_read_only(db_path) as s:
        assert s.count() == 1
