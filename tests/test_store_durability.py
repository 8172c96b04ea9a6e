"""Acknowledged means on disk: SIGKILL at random moments, failing writes, torn journal lines."""

from __future__ import annotations

import errno
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tui.store import Annotation, AnnotationStore, StoreError
from tui.store.store import open_read_only

TEXT = "The share of services available online will reach 95 per cent by 2030 in Ryazan Oblast."

# A fork server: imports the store once, then for each line on stdin forks a writer that adds, edits
# and deletes as fast as it can. Forking skips ~0.15 s of imports per trial, so every kill can land
# anywhere from opening the database (folding the killed writer's journal in) to the middle of a
# write. A line is printed (in one os.write, so it is whole or absent) only once the call returned;
# "~id" comes before a delete starts, so the parent knows that record may or may not be there.
SERVER = """
import os, sys
from tui.store import Annotation, AnnotationStore
db, text = sys.argv[1], sys.argv[2]

def say(line):
    os.write(1, (line + "\\n").encode())

def writer():
    say(f"PID {os.getpid()}")
    with AnnotationStore(db, annotator="killer") as s:
        say("OPEN")
        i = 0
        while True:
            i += 1
            a = s.add(Annotation.anchored(text, i % 40, i % 40 + 5, doc=f"doc{i % 13}", kind="target",
                                          label="target", attrs={"n": i, "region": "Рязанская область"}))
            say("+" + a.id)
            if i % 5 == 0:
                s.update(a.id, note=f"edited {i}")
                say("=" + a.id)
            if i % 9 == 0:
                say("~" + a.id)
                s.delete(a.id)
                say("-" + a.id)
            if i % 60 == 0:
                s.compact()

say("READY")
for line in sys.stdin:
    pid = os.fork()
    if pid == 0:
        try:
            writer()
        finally:
            os._exit(3)
    _, status = os.waitpid(pid, 0)
    say(f"EXIT {pid} {status}")
"""


def test_sigkill_at_random_moments_never_loses_an_acknowledged_change(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    rng = random.Random(5)
    present: set[str] = set()
    edited: set[str] = set()
    gone: set[str] = set()
    trials = 60
    at_open = 0  # kills that landed before the writer had opened the database
    among_writes = 0  # kills after at least one acknowledged add
    server = subprocess.Popen([sys.executable, "-c", SERVER, str(db), TEXT], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, bufsize=1)
    assert server.stdin is not None and server.stdout is not None
    assert server.stdout.readline() == "READY\n"
    try:
        for trial in range(trials):
            server.stdin.write("go\n")
            server.stdin.flush()
            first = server.stdout.readline()
            assert first.startswith("PID "), first
            pid = int(first.split()[1])
            # every fourth kill follows the child's first line at once, so it lands while the store
            # opens and folds the last journal in; the rest wait for the store to be open (however
            # slow a loaded machine makes that) and land anywhere among the writes
            lines: list[str] = []
            if trial % 4:
                while not lines or lines[-1] != "OPEN":
                    line = server.stdout.readline()
                    assert line and not line.startswith("EXIT"), f"trial {trial}: the writer ended: {line}"
                    lines.append(line.rstrip("\n"))
                time.sleep(rng.uniform(0.0, 0.08))
            os.kill(pid, signal.SIGKILL)
            for line in server.stdout:
                if line.startswith(f"EXIT {pid} "):
                    status = int(line.split()[2])
                    break
                lines.append(line.rstrip("\n"))
            else:
                raise AssertionError(f"server died: {server.stderr.read() if server.stderr else ''}")
            assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, (
                f"trial {trial}: the writer ended by itself: {lines[-3:]}")
            at_open += "OPEN" not in lines
            among_writes += any(line.startswith("+") for line in lines)
            maybe: set[str] = set()
            for line in lines:
                sign, ann_id = line[0], line[1:]
                if sign == "+":
                    present.add(ann_id)
                elif sign == "=":
                    edited.add(ann_id)
                elif sign == "~":
                    maybe.add(ann_id)
                elif sign == "-":
                    gone.add(ann_id)
            if not db.exists():  # killed before the very first open created the file
                assert not present, f"trial {trial}: acknowledged {len(present)} but there is no file"
                continue
            json.loads(db.read_text(encoding="utf-8") or "{}")  # the TinyDB file always parses
            with open_read_only(db) as s:
                ids = {a.id for a in s.all()}
                assert present - gone - maybe <= ids, f"trial {trial}: lost {present - gone - maybe - ids}"
                assert not ids & gone, f"trial {trial}: deleted records came back"
                for ann_id in present - gone - maybe:  # every acknowledged record, whole
                    a = s.get(ann_id)
                    assert a is not None and a.quote == TEXT[a.start:a.end] and a.annotator == "killer"
                    assert a.attrs["region"] == "Рязанская область" and a.doc == f"doc{a.attrs['n'] % 13}"
                    edit = f"edited {a.attrs['n']}"  # an edit the kill cut short may or may not be there
                    assert a.note == edit if ann_id in edited else a.note in ("", edit)
            gone |= maybe - ids  # a delete that reached the disk before the kill is a delete
    finally:
        server.stdin.close()
        server.wait(timeout=10)
    # the kills landed both while the database opened and among the writes
    assert len(present) > 300 and at_open >= 5 and among_writes >= 30, (len(present), at_open, among_writes)
    with AnnotationStore(db) as s:  # and a writer opens it after all that
        assert s.count() >= len(present - gone)


@pytest.mark.parametrize("call", ["write", "fsync"])
def test_a_failing_write_is_an_error_and_leaves_the_last_good_state(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, call: str) -> None:
    db = tmp_path / "db.json"
    with AnnotationStore(db) as s:
        kept = s.add(Annotation.anchored(TEXT, 0, 3, doc="d", kind="target", label="target"))
        s.set_status("d", "in_progress")
        real = getattr(os, call)

        def disk_full(fd: int, *args: object) -> object:
            if call == "write":  # half an entry reaches the file before the disk fills up
                real(fd, b'{"op": "put", "ann": {"doc"')
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(os, call, disk_full)
        lost = Annotation.anchored(TEXT, 4, 9, doc="d", kind="target", label="target")
        changes = [lambda: s.add(lost), lambda: s.update(kept.id, note="x"), lambda: s.delete(kept.id),
                   lambda: s.set_status("d", "done"), lambda: s.reject("d", "k"), s.undo]
        for change in changes:
            with pytest.raises(StoreError, match=r"db\.json: could not save \(No space left on device\)"):
                change()
        assert s.get(lost.id) is None and s.get(kept.id) == kept and s.status("d") == "in_progress"
        assert s.rejected("d") == set() and s.count() == 1 and s.can_undo
        monkeypatch.undo()
        after = s.add(Annotation.anchored(TEXT, 10, 15, doc="d", kind="target", label="target"))
        # the journal holds no half entry in front of the next good one: a fresh reader replays it
        with open_read_only(db) as viewer:
            assert {a.id for a in viewer.all()} == {kept.id, after.id}


def test_a_torn_last_journal_line_was_never_acknowledged(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    with AnnotationStore(db) as s:
        a = s.add(Annotation.anchored(TEXT, 0, 3, doc="d", kind="target", label="target"))
    with Path(str(db) + ".journal").open("ab") as journal:
        journal.write(b'{"op": "del", "id": "' + a.id.encode())  # killed mid-line
    with AnnotationStore(db) as s:
        assert s.get(a.id) == a


def test_changes_live_in_the_journal_until_compacted(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    journal = Path(str(db) + ".journal")
    s = AnnotationStore(db)
    a = s.add(Annotation.anchored(TEXT, 0, 3, doc="d", kind="target", label="target"))
    assert s.pending and a.id in journal.read_text(encoding="utf-8")
    assert a.id not in db.read_text(encoding="utf-8")
    s.flush()
    assert not s.pending and journal.read_bytes() == b"" and a.id in db.read_text(encoding="utf-8")
    s.delete(a.id)
    with open_read_only(db) as viewer:
        assert viewer.get(a.id) is None
    s.close()
    assert a.id not in db.read_text(encoding="utf-8") and journal.read_bytes() == b""
