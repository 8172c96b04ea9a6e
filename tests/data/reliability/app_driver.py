"""A fork server that drives the real NatprojApp (headless, through Textual's Pilot) for the kill test.

The initiative picker is replaced by a dialog that answers at once (its tree takes ~0.5 s to build,
which would leave few saves per trial); the path under test is the real one: key -> session -> store
-> status line.

Started once as ``python app_driver.py CORPUS DB``: it imports the app and warms the corpus code,
prints ``READY``, then for each seed read from stdin forks a child that runs the app on DB and keeps
annotating until the test kills it. Forking skips the ~1 s of imports per trial, so 50+ trials fit in
seconds. The child prints (one line each, flushed, so a line is whole or absent):

    PID <pid>         the child started (printed by the child itself)
    ACK <id>          annotation <id> was added and the status line says saved
    DEL? <id>         a delete of <id> was pressed (it may or may not reach the disk)
    DEL <id>          the delete returned and was shown as saved
    OPEN              the app has loaded the corpus and opened a document
    QUIT              the app was quit with ctrl+q (it closes and rewrites the database) and restarts

The server prints ``EXIT <pid> <status>`` after each child ends.
"""

from __future__ import annotations

import asyncio
import os
import random
import sys
from pathlib import Path

from textual.screen import ModalScreen
from textual.widgets import Static

import tui.app.screens as screens
from tui.app.app import NatprojApp

CORPUS, DB = Path(sys.argv[1]), Path(sys.argv[2])


class Picker(ModalScreen[str]):
    schema = None  # not the app's, so the app builds a new one each time rather than keep this one

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__()

    def on_screen_resume(self) -> None:
        self.dismiss("np.digital_economy")


screens.InitiativePicker = Picker  # type: ignore[misc,assignment]


def say(line: str) -> None:
    os.write(1, (line + "\n").encode())  # one write: the line is whole or absent when killed


def saved(app: NatprojApp) -> bool:
    visual = app.query_one("#status-saved", Static).visual
    return "✓ saved" in str(getattr(visual, "plain", visual))


async def session(rng: random.Random) -> None:
    app = NatprojApp(corpus_path=CORPUS, db_path=DB, labels_path=None, annotator="killer")
    assert app.startup_error is None and not app.store.read_only, app.startup_error or app.read_only_reason
    async with app.run_test(size=(80, 24)) as pilot:
        while app.reader is None:  # the corpus loads in a worker, then the first document opens
            await pilot.pause(0.01)
        await pilot.press("enter")
        say("OPEN")
        for _ in range(rng.randint(3, 25)):
            store = app.store
            here = app.reader.annotation_at() if app.reader else None
            if here is not None and rng.random() < 0.25:
                say(f"DEL? {here.id}")
                await pilot.press("d")
                if store.get(here.id) is None and saved(app):
                    say(f"DEL {here.id}")
                continue
            before = {a.id for a in store.all()}
            await pilot.press("j", "i")
            new = {a.id for a in store.all()} - before
            if new and saved(app):
                for ann_id in new:
                    say(f"ACK {ann_id}")
        await pilot.press("ctrl+q")
    say("QUIT")


def child(seed: int) -> None:
    say(f"PID {os.getpid()}")
    rng = random.Random(seed)
    while True:
        asyncio.run(session(rng))


async def warm_up(db: Path) -> None:
    """One session on a scratch database, so every child starts with Textual's caches (CSS, the
    cleaning code's compiled patterns) already filled: about 0.4 s less per trial."""
    app = NatprojApp(corpus_path=CORPUS, db_path=db, labels_path=None, annotator="warm-up")
    async with app.run_test(size=(80, 24)) as pilot:
        while app.reader is None:
            await pilot.pause(0.01)
        await pilot.press("enter", "j", "i", "ctrl+q")


def main() -> None:
    scratch = DB.with_name(DB.name + ".warm-up.json")
    asyncio.run(warm_up(scratch))
    for leftover in DB.parent.glob(scratch.name + "*"):
        leftover.unlink()
    say("READY")
    for line in sys.stdin:
        pid = os.fork()
        if pid == 0:
            try:
                child(int(line))
            finally:
                os._exit(1)
        _, status = os.waitpid(pid, 0)
        say(f"EXIT {pid} {status}")


if __name__ == "__main__":
    main()
