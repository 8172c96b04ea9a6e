"""Reliability (#9): faults around the running app. SIGKILL of the real app while it saves, two
instances on one database, and real terminals (a pty) with NO_COLOR, LANG=C and TERM=dumb.

The store's own kill test (a bare writer loop) is tests/test_store_durability.py; this one kills the
app: Textual, the session and the store together, driven by key presses (tests/data/reliability/
app_driver.py).
"""

from __future__ import annotations

import json
import os
import pty
import random
import re
import select
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import pytest

from tui.cli import main
from tui.corpus import open_corpus
from tui.store import AnnotationStore, open_read_only

DRIVER = Path(__file__).parent / "data" / "reliability" / "app_driver.py"
SEED = Path(__file__).resolve().parents[1] / "seeds" / "002_996ce17b3d202062.txt"
TRIALS = 52
# Share of kills aimed at the key presses that save (the rest land while the app starts, opens the
# database and folds the killed session's journal into it). A trial among saves costs ~1 s (the app
# has to start first), one at start-up ~0.3 s; this mix keeps 52 kills near 30 s.
AMONG_SAVES = 0.4


@dataclass
class Tally:
    acked: set[str] = field(default_factory=set)
    deleted: set[str] = field(default_factory=set)
    saves: int = 0
    mid_session: int = 0  # kills that landed after the app had opened a document
    errors: list[str] = field(default_factory=list)


class Driver:
    """The fork server: one warm Python with the app imported; each trial is a forked child."""

    def __init__(self, corpus: Path, db: Path) -> None:
        self.db = db
        self.proc = subprocess.Popen([sys.executable, str(DRIVER), str(corpus), str(db)],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     text=True, bufsize=1)
        assert self._line() == "READY"

    @property
    def out(self) -> IO[str]:
        assert self.proc.stdout is not None
        return self.proc.stdout

    def _line(self) -> str:
        line = self.out.readline()
        if not line:
            assert self.proc.stderr is not None
            raise AssertionError(f"driver died:\n{self.proc.stderr.read()[-3000:]}")
        return line.rstrip("\n")

    def start(self, seed: int) -> int:
        assert self.proc.stdin is not None
        self.proc.stdin.write(f"{seed}\n")
        self.proc.stdin.flush()
        line = self._line()
        assert line.startswith("PID "), line
        return int(line.split()[1])

    def until(self, prefix: str, lines: list[str], timeout: float = 15.0) -> None:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            line = self._line()
            lines.append(line)
            if line.startswith(prefix):
                return
        raise AssertionError(f"no {prefix} within {timeout} s; got {lines[-5:]}")

    def close(self) -> None:
        if self.proc.stdin is not None:
            self.proc.stdin.close()
        self.proc.wait(timeout=10)


def _trials(driver: Driver, rng: random.Random, tally: Tally, texts: dict[str, str]) -> None:
    for trial in range(TRIALS):
        pid = driver.start(rng.randrange(10**6))
        lines: list[str] = []
        if rng.random() >= AMONG_SAVES:  # while the app starts: opening the database, folding the journal
            time.sleep(rng.uniform(0.0, 0.5))
        else:  # among key presses that save, delete, quit and reopen
            driver.until("OPEN", lines)
            time.sleep(rng.uniform(0.05, 0.8))
        os.kill(pid, signal.SIGKILL)
        driver.until(f"EXIT {pid} ", lines)
        status = int(lines[-1].split()[2])
        if not (os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL):
            tally.errors.append(f"trial {trial}: the app ended by itself (status {status}): {lines[-4:]}")
            return
        maybe: set[str] = set()
        for line in lines:
            word, _, ann_id = line.partition(" ")
            if word == "ACK":
                tally.acked.add(ann_id)
                tally.saves += 1
            elif word == "DEL?":
                maybe.add(ann_id)
            elif word == "DEL":
                tally.deleted.add(ann_id)
                maybe.discard(ann_id)
            elif word == "OPEN":
                tally.mid_session += 1
        try:
            json.loads(driver.db.read_text(encoding="utf-8") or "{}")  # the TinyDB file always parses
            with open_read_only(driver.db) as s:
                ids = {a.id for a in s.all()}
                # every acknowledged annotation is there whole: the label picked, who, and its quote
                broken = sorted(a.id for a in s.all() if a.id in tally.acked and not (
                    a.label == "np.digital_economy" and a.annotator == "killer" and a.quote
                    and texts.get(a.doc, "")[a.start:a.end] == a.quote))
        except Exception as e:
            tally.errors.append(f"trial {trial}: the database does not open: {e}")
            return
        if broken:
            tally.errors.append(f"trial {trial}: acknowledged but changed: {broken}")
            return
        lost = tally.acked - tally.deleted - maybe - ids
        back = ids & tally.deleted
        if lost or back:
            tally.errors.append(f"trial {trial}: lost {sorted(lost)}, deleted but back {sorted(back)}")
            return
        tally.deleted |= maybe - ids  # a delete that reached the disk before the kill


def test_sigkill_of_the_app_while_it_saves_loses_no_acknowledged_annotation(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEED, corpus)
    driver = Driver(corpus, tmp_path / "db.json")
    tally = Tally()
    try:
        _trials(driver, random.Random(9), tally, {d.id: d.text for d in open_corpus(corpus).documents})
    finally:
        driver.close()
    assert not tally.errors
    with AnnotationStore(driver.db) as s:  # a writer takes over the killed app's lock and journal
        ids = {a.id for a in s.all()}
    assert ids >= tally.acked - tally.deleted and not ids & tally.deleted
    # the kills really landed among saves, not only at start-up
    assert tally.saves >= 10 and tally.mid_session >= 12, (tally.saves, tally.mid_session)


async def test_a_second_instance_is_told_and_cannot_touch_the_first(
        tmp_path: Path, make_app: Callable[..., Any], capsys: pytest.CaptureFixture[str]) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEED, corpus)
    db = tmp_path / "shared.json"
    first = Driver(corpus, db)
    try:
        pid = first.start(7)
        lines: list[str] = []
        first.until("ACK", lines)
        # the second app: told who holds the file, opens it read-only, refuses every change
        second = make_app(corpus_path=corpus, db_path=db)
        assert second.store.read_only
        assert second.read_only_reason == (
            f"{db} is open in another natproj-tui (pid {pid}); use --read-only or another --db")
        async with second.run_test(size=(100, 30)) as pilot:
            await second.workers.wait_for_complete()
            await pilot.pause()
            await pilot.press("enter", "j", "i", "escape", "m", "u")
            await pilot.pause()
            assert any("Read-only" in str(n.message) for n in second._notifications)
        # a script gets one line and exit 1; reading (export) still works beside the writer
        assert main(["stats", "--db", str(db)]) == 0
        jsonl = tmp_path / "x.jsonl"
        assert main(["export", "--db", str(db), "--format", "native", "-o", str(jsonl)]) == 0
        capsys.readouterr()
        assert main(["import", str(jsonl), "--db", str(db), "--corpus", str(corpus)]) == 1
        assert capsys.readouterr().err == (f"natproj-tui: error: {db} is open in another natproj-tui "
                                           f"(pid {pid}); use --read-only or another --db\n")
        first.until("ACK", lines)  # the first goes on saving after all that
        os.kill(pid, signal.SIGKILL)
        first.until(f"EXIT {pid} ", lines)
    finally:
        first.close()
    acked = {line.split()[1] for line in lines if line.startswith("ACK ")}
    deleted = {line.split()[1] for line in lines if line.startswith("DEL? ")}
    with AnnotationStore(db) as s:
        ids = {a.id for a in s.all()}
        assert acked - deleted <= ids
        assert {a.annotator for a in s.all()} == {"killer"}  # nothing from the second instance


# -- real terminals, through a pty -----------------------------------------------------------------

def _pty_run(argv: list[str], env: dict[str, str], keys: bytes | None = b"\x11",
             timeout: float = 30.0) -> tuple[int, bytes]:
    """Run ``natproj-tui`` on a pseudo-terminal; once the screen has been still for a second, type
    ``keys`` (ctrl+q by default). Returns the exit code and every byte drawn."""
    pid, fd = pty.fork()
    if pid == 0:  # pragma: no cover - the child
        os.execve(sys.executable, [sys.executable, "-m", "tui", *argv], env)
    out = b""
    sent = keys is None
    last = time.monotonic()
    end = last + timeout
    try:
        while time.monotonic() < end:
            ready, _, _ = select.select([fd], [], [], 0.1)
            if ready:
                try:
                    chunk = os.read(fd, 65536)
                except OSError:  # the child closed the terminal
                    break
                if not chunk:
                    break
                out += chunk
                last = time.monotonic()
            if not sent and len(out) > 2000 and time.monotonic() - last > 1.0:
                os.write(fd, keys)  # type: ignore[arg-type]
                sent = True
        else:
            os.kill(pid, signal.SIGKILL)
    finally:
        _, status = os.waitpid(pid, 0)
        os.close(fd)
    return os.waitstatus_to_exitcode(status), out


def _colours(out: bytes) -> set[tuple[int, ...]]:
    """Every foreground/background colour in the escape codes: (index,) or (r, g, b)."""
    found: set[tuple[int, ...]] = set()
    for params in re.findall(rb"\x1b\[([0-9;]*)m", out):
        p = [int(x) for x in params.split(b";") if x]
        i = 0
        while i < len(p):
            if p[i] in (38, 48) and i + 2 < len(p) and p[i + 1] == 5:
                found.add((p[i + 2],))
                i += 3
            elif p[i] in (38, 48) and i + 4 < len(p) and p[i + 1] == 2:
                found.add(tuple(p[i + 2:i + 5]))
                i += 5
            else:
                i += 1
    return found


def _grey(colour: tuple[int, ...]) -> bool:
    if len(colour) == 3:
        return colour[0] == colour[1] == colour[2]
    return colour[0] in (0, 7, 8, 15, 16, 231) or colour[0] >= 232  # xterm-256's black, white, greys


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "PYTHONIO", "NO_COLOR"))}
    env.update(extra)
    return env


def test_the_app_runs_on_a_real_terminal_with_no_color_and_the_c_locale(tmp_path: Path, seeds: Path) -> None:
    db = tmp_path / "db.json"
    code, out = _pty_run(["--corpus", str(seeds), "--db", str(db)],
                         _env(TERM="xterm-256color", NO_COLOR="1", LANG="C", LC_ALL="C"))
    text = re.sub(rb"\x1b\[[0-9;?<>=$]*[A-Za-z~]", b"", out).decode("utf-8")
    assert code == 0 and "Traceback" not in text, text[-2000:]
    assert "natproj-tui" in text and "Lyubimov" in text  # the list of documents was drawn
    assert "─" in text  # in UTF-8, although LANG=C
    colours = _colours(out)
    assert colours and all(_grey(c) for c in colours), sorted(c for c in colours if not _grey(c))
    with open_read_only(db) as s:
        assert s.count() == 0


def test_the_app_on_term_dumb_says_why(tmp_path: Path, seeds: Path) -> None:
    db = tmp_path / "db.json"
    code, out = _pty_run(["--corpus", str(seeds), "--db", str(db)], _env(TERM="dumb"), keys=None)
    assert code == 1
    assert out.decode() == ("natproj-tui: error: TERM=dumb: this terminal cannot move the cursor, so the "
                            "app cannot be drawn; run it in a full terminal, or use the subcommands "
                            "(clean, figures, export, stats)\r\n")
    assert not db.exists()


def test_scripting_commands_work_on_term_dumb(tmp_path: Path, seeds: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "tui", "clean", str(SEED)], capture_output=True,
                          env=_env(TERM="dumb", NO_COLOR="1"), timeout=60)
    assert done.returncode == 0 and done.stderr == b"" and b"\x1b[" not in done.stdout
    assert b"Lyubimov" in done.stdout
