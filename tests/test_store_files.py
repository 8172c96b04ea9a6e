"""A database that is not ours is never touched; one writer per file; unwritable places."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tui.store import Annotation, AnnotationStore, DatabaseCorrupt, DatabaseLocked, DatabaseTooNew, StoreError
from tui.store.store import open_read_only

TEXT = "Доля услуг в электронном виде достигнет 95% к 2030 году."


def ann() -> Annotation:
    return Annotation.anchored(TEXT, 40, 43, doc="d", kind="target", label="target")


@pytest.mark.parametrize(
    ("content", "reason", "where"),
    [
        ('{"annotations": {"1": {"doc": "d",,}}}', "invalid JSON", ", line 1 col 35"),
        ('{"annotations":\n  {"1": tru', "invalid JSON", ", line 2 col 12"),
        ("[1, 2, 3]", "top level is a JSON list", ""),
        ('{"users": {"1": {"name": "x"}}}', "unexpected table 'users'", ""),
        ('{"annotations": {"1": {"doc": "d"}}}', "an annotation has no 'id'", ""),
        ('{"annotations": []}', "table 'annotations' is not an object", ""),
    ],
)
def test_a_file_that_is_not_ours_is_left_untouched(tmp_path: Path, content: str, reason: str,
                                                     where: str) -> None:
    db = tmp_path / "labels.json"
    db.write_text(content, encoding="utf-8")
    for read_only in (False, True):
        with pytest.raises(DatabaseCorrupt) as caught:
            AnnotationStore(db, read_only=read_only)
        message = str(caught.value)
        assert message.startswith(f"{db}: not a natproj-tui database (")
        assert reason in message and "left untouched" in message and "\n" not in message
        assert f"{where});" in message if where else "line" not in message
        assert db.read_text(encoding="utf-8") == content
    # the lock is free again: a writer could open another file name at once
    with AnnotationStore(tmp_path / "fresh.json") as s:
        s.add(ann())


def test_a_file_from_a_newer_natproj_tui_says_upgrade_and_is_left_untouched(tmp_path: Path) -> None:
    db = tmp_path / "labels.json"
    content = '{"meta": {"1": {"schema": "natproj-tui", "version": 99}}, "annotations": {}}'
    db.write_text(content, encoding="utf-8")
    for read_only in (False, True):
        with pytest.raises(DatabaseTooNew) as caught:
            AnnotationStore(db, read_only=read_only)
        assert str(caught.value) == (f"{db}: written by a newer natproj-tui (database version 99, this one "
                                     "reads up to 1); it was left untouched — upgrade natproj-tui to open it")
        assert isinstance(caught.value, DatabaseCorrupt)  # callers that refuse a bad file refuse it too
        assert db.read_text(encoding="utf-8") == content


def test_a_damaged_journal_is_reported_not_replayed(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    with AnnotationStore(db) as s:
        s.add(ann())
    journal = Path(str(db) + ".journal")
    journal.write_text('{"op": "put"\n{"op": "del", "id": "x"}\n', encoding="utf-8")
    before = db.read_bytes()
    with pytest.raises(DatabaseCorrupt, match=r"\.journal: .*line 1"):
        AnnotationStore(db)
    assert db.read_bytes() == before


def test_an_empty_file_is_an_empty_database(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    db.write_text("", encoding="utf-8")
    with AnnotationStore(db) as s:
        assert s.count() == 0
        s.add(ann())
    with open_read_only(db) as s:
        assert s.count() == 1


def test_a_second_writer_gets_a_clear_message_and_may_read(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    with AnnotationStore(db) as first:
        a = first.add(ann())
        with pytest.raises(DatabaseLocked) as caught:
            AnnotationStore(db)
        assert str(caught.value) == (
            f"{db} is open in another natproj-tui (pid {os.getpid()}); use --read-only or another --db"
        )
        with open_read_only(db) as viewer:  # sees acknowledged changes still in the journal
            assert viewer.get(a.id) == a
    with AnnotationStore(db) as again:
        assert again.count() == 1


HOLDER = """
import sys, time
from tui.store import AnnotationStore
s = AnnotationStore(sys.argv[1])
print("ready", flush=True)
time.sleep(60)
"""


def test_lock_of_another_process_then_its_stale_lock_after_sigkill(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    child = subprocess.Popen([sys.executable, "-c", HOLDER, str(db)], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "ready"
        with pytest.raises(DatabaseLocked, match=f"pid {child.pid}\\)"):
            AnnotationStore(db)
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    assert Path(str(db) + ".lock").exists()  # left behind by the killed holder
    with AnnotationStore(db) as s:
        s.add(ann())
    with open_read_only(db) as s:
        assert s.count() == 1


def test_unwritable_folder_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_open = os.open

    def refuse(path: object, *args: object, **kwargs: object) -> int:
        if str(path).endswith(".lock"):
            raise PermissionError(errno.EACCES, "Permission denied")
        return real_open(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", refuse)
    with pytest.raises(StoreError, match=r"db\.json: cannot write here \(Permission denied\); use --read"):
        AnnotationStore(tmp_path / "db.json")


def test_read_only_file_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "db.json"
    with AnnotationStore(db) as s:
        s.add(ann())
    # the tests may run as root, who may write anything: ask the check itself
    monkeypatch.setattr(os, "access", lambda path, mode: Path(path) != db)
    with pytest.raises(StoreError, match="the file is read-only; use --read-only"):
        AnnotationStore(db)
    with AnnotationStore(tmp_path / "other.json") as s:  # the lock was given back
        s.add(ann())


def test_a_hand_edited_file_is_read_in_full_and_a_broken_edit_is_caught(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    with AnnotationStore(db) as s:
        a = s.add(ann())
        s.update(a.id, note="before")
    text = db.read_text(encoding="utf-8")
    db.write_text(text.replace('"note":"before"', '"note":"after"'), encoding="utf-8")
    with open_read_only(db) as s:  # the checksum no longer matches: every line is parsed
        assert s.get(a.id).note == "after"  # type: ignore[union-attr]
    broken = text.replace('"note":"before"', '"note":"before')
    db.write_text(broken, encoding="utf-8")
    line = broken[:broken.index('"note":"before')].count("\n") + 1
    with pytest.raises(DatabaseCorrupt, match=f"invalid JSON: .*, line {line} col "):
        AnnotationStore(db)
    assert db.read_text(encoding="utf-8") == broken


def test_odd_ids_and_attributes_survive_the_fast_open(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    odd = Annotation.anchored(TEXT, 0, 4, doc='say "hi"\\ там', kind="target", label="target",
                              attrs={"id": "not the record id", "doc": "nor the doc"}, id='x"y\\z')
    with AnnotationStore(db) as s:
        plain = s.add(ann())
        s.add(odd)
    with AnnotationStore(db) as s:
        assert s.for_doc('say "hi"\\ там')[0].attrs == odd.attrs
        assert s.get('x"y\\z') is not None and s.get(plain.id) is not None
        assert s.count() == 2 and s.docs() == sorted(['say "hi"\\ там', "d"])
