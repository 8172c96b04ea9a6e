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

# Adds, edits and deletes as fast as it can; a line is printed only once the call has returned.
# "~id" is printed before a delete starts, so the parent knows that record may or may not be there.
WRITER = """
import sys
from tui.store import Annotation, AnnotationStore
text = sys.argv[2]
with AnnotationStore(sys.argv[1], annotator="killer") as s:
    i = 0
    while True:
        i += 1
        a = s.add(Annotation.anchored(text, i % 40, i % 40 + 5, doc=f"doc{i % 13}", kind="target",
                                      label="target", attrs={"n": i, "region": "Рязанская область"}))
        print("+" + a.id, flush=True)
        if i % 5 == 0:
            s.update(a.id, note=f"edited {i}")
            print("=" + a.id, flush=True)
        if i % 9 == 0:
            print("~" + a.id, flush=True)
            s.delete(a.id)
            print("-" + a.id, flush=True)
        if i % 60 == 0:
            s.compact()
"""


def test_sigkill_at_random_moments_never_loses_an_acknowledged_change(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    rng = random.Random(5)
    present: set[str] = set()
    edited: set[str] = set()
    gone: set[str] = set()
    trials = 55
    for trial in range(trials):
        child = subprocess.Popen([sys.executable, "-c", WRITER, str(db), TEXT],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        # ~0.15 s of the window is start-up, so some kills land while the store opens and folds
        # the previous journal in; the rest land among adds, edits, deletes and rewrites.
        time.sleep(rng.uniform(0.12, 0.4))
        child.send_signal(signal.SIGKILL)
        out, err = child.communicate()
        assert child.returncode == -signal.SIGKILL, f"trial {trial}: writer failed:\n{err}"
        maybe: set[str] = set()
        for line in out.splitlines():
            if not line.endswith(tuple("0123456789abcdef")) or len(line) != 33:
                continue  # a line torn by the kill was never complete
            sign, ann_id = line[0], line[1:]
            if sign == "+":
                present.add(ann_id)
            elif sign == "=":
                edited.add(ann_id)
            elif sign == "~":
                maybe.add(ann_id)
            elif sign == "-":
                gone.add(ann_id)
        json.loads(db.read_text(encoding="utf-8"))  # the TinyDB file always parses
        with open_read_only(db) as s:
            ids = {a.id for a in s.all()}
            assert present - gone - maybe <= ids, f"trial {trial}: lost {present - gone - maybe - ids}"
            assert not ids & gone, f"trial {trial}: deleted records came back"
            for ann_id in edited - gone - maybe:
                assert s.get(ann_id).note.startswith("edited")  # type: ignore[union-attr]
        gone |= maybe - ids  # a delete that reached the disk before the kill is a delete
    assert len(present) > 200  # the trials really wrote something
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
