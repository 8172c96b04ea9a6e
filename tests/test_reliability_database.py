"""Reliability (#9): a database that is damaged, not ours, too new, read-only or on a full disk.

The command line and the app say so in one line, and the last good state stays on disk: every case
reopens the file afterwards and compares it with what was there before. The store's own API cases
(each table shape, a damaged journal, ENOSPC on the journal) are in tests/test_store_files.py and
tests/test_store_durability.py; these go through what a user runs.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

import pytest

from tui.cli import main
from tui.store import Annotation, AnnotationStore, StoreError, open_read_only

TEXT = "Доля услуг в электронном виде достигнет 95% к 2030 году."
SIZE = (120, 40)
DIGITAL = "np.digital_economy"


def _disk_full(*args: object) -> NoReturn:
    """os.fsync / os.write / os.pwrite on a full disk."""
    raise OSError(errno.ENOSPC, "No space left on device")


def _good_db(path: Path, n: int = 3) -> list[Annotation]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with AnnotationStore(path, annotator="ann") as s:
        return [s.add(Annotation.anchored(TEXT, i, i + 5, doc="d", kind="target", label="target"))
                for i in range(n)]


def _ids(path: Path) -> set[str]:
    with open_read_only(path) as s:
        return {a.id for a in s.all()}


def _valid_import(tmp_path: Path, seeds: Path) -> Path:
    """A native export of one good annotation on a seed document (imports cleanly)."""
    from tui.corpus import open_corpus

    doc = open_corpus(seeds).documents[0]
    src = tmp_path / "src.json"
    with AnnotationStore(src, annotator="other") as s:
        s.add(Annotation.anchored(doc.text, 0, 8, doc=doc.id, kind="initiative", label=DIGITAL))
    out = tmp_path / "native.jsonl"
    assert main(["export", "--db", str(src), "--format", "native", "-o", str(out)]) == 0
    return out


def _one_line(err: str) -> str:
    assert err.count("\n") == 1 and "Traceback" not in err, err
    assert err.startswith("natproj-tui: error: "), err
    return err


def _broken(path: Path, kind: str) -> bytes:
    """Turn a good database file into one of the bad kinds; returns its bytes."""
    if kind == "truncated":
        data = path.read_bytes()
        data = data[: len(data) // 2]
    elif kind == "wrong_shape":
        data = b'{"_default": {"1": {"name": "a TinyDB file of another program"}}, "users": {}}'
    elif kind == "list":
        data = b"[1, 2, 3]"
    else:  # newer
        data = b'{"meta": {"1": {"schema": "natproj-tui", "version": 7}}, "annotations": {}}'
    path.write_bytes(data)
    return data


REASONS = {
    "truncated": "invalid JSON",
    "wrong_shape": "wrong shape: unexpected table 'users'",
    "list": "the top level is a JSON list",
}
NEWER = "written by a newer natproj-tui (database version 7, this one reads up to 1); it was left untouched"


@pytest.mark.parametrize("kind", [*REASONS, "newer"])
@pytest.mark.parametrize("command", ["stats", "export", "import", "app"])
def test_a_bad_database_is_one_line_and_left_untouched(tmp_path: Path, kind: str, command: str, seeds: Path,
                                                        monkeypatch: pytest.MonkeyPatch,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("TERM", "xterm-256color")  # CI may say TERM=dumb, which the app refuses first
    db = tmp_path / "annotations.json"
    _good_db(db)
    data = _broken(db, kind)
    jsonl = _valid_import(tmp_path, seeds)
    capsys.readouterr()
    argv = {
        "stats": ["stats", "--db", str(db), "--corpus", str(seeds)],
        "export": ["export", "--db", str(db), "--corpus", str(seeds), "-o", str(tmp_path / "out.jsonl")],
        "import": ["import", str(jsonl), "--db", str(db), "--corpus", str(seeds)],
        "app": ["--db", str(db), "--corpus", str(seeds)],
    }[command]
    assert main(argv) == 1
    err = _one_line(capsys.readouterr().err)
    if kind == "newer":
        assert f"{db}: {NEWER} — upgrade natproj-tui to open it" in err
    else:
        assert f"{db}: not a natproj-tui database ({REASONS[kind]}" in err
    assert "left untouched" in err
    assert db.read_bytes() == data
    assert not (tmp_path / "out.jsonl").exists()


def _deny(monkeypatch: pytest.MonkeyPatch, target: Callable[[str], bool], code: int) -> None:
    """Make os.open fail for the paths ``target`` picks (root ignores file modes, so a read-only
    file or folder is simulated where the store opens files)."""
    real_open = os.open

    def refuse(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if target(str(path)) and flags & (os.O_WRONLY | os.O_RDWR):
            raise OSError(code, os.strerror(code), str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)


def test_import_into_a_read_only_folder(tmp_path: Path, seeds: Path, monkeypatch: pytest.MonkeyPatch,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "ro" / "annotations.json"
    before = _good_db(db)
    data = db.read_bytes()
    jsonl = _valid_import(tmp_path, seeds)
    capsys.readouterr()
    _deny(monkeypatch, lambda p: p.startswith(str(db.parent)), errno.EROFS)
    assert main(["import", str(jsonl), "--db", str(db), "--corpus", str(seeds)]) == 1
    err = _one_line(capsys.readouterr().err)
    assert err == (f"natproj-tui: error: {db}: cannot write here (Read-only file system); "
                   "use --read-only or another --db\n")
    monkeypatch.undo()
    assert db.read_bytes() == data and _ids(db) == {a.id for a in before}


def test_import_when_the_disk_fills_up(tmp_path: Path, seeds: Path, monkeypatch: pytest.MonkeyPatch,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "annotations.json"
    before = _good_db(db)
    data = db.read_bytes()
    out = _valid_import(tmp_path, seeds)
    capsys.readouterr()
    real_fsync = os.fsync

    monkeypatch.setattr(os, "fsync", _disk_full)
    assert main(["import", str(out), "--db", str(db), "--corpus", str(seeds)]) == 1
    err = _one_line(capsys.readouterr().err)
    assert "No space left on device" in err and str(db) in err
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert db.read_bytes() == data and _ids(db) == {a.id for a in before}


def test_export_to_a_full_disk_keeps_the_old_output(tmp_path: Path, seeds: Path,
                                                     monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "annotations.json"
    _good_db(db)
    out = tmp_path / "out.jsonl"
    out.write_text("the previous export\n", encoding="utf-8")

    monkeypatch.setattr(os, "fsync", _disk_full)
    assert main(["export", "--db", str(db), "--format", "native", "-o", str(out)]) == 1
    err = _one_line(capsys.readouterr().err)
    assert str(out) in err and "No space left on device" in err
    assert out.read_text(encoding="utf-8") == "the previous export\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


@pytest.mark.parametrize("call", ["replace", "fsync"])
def test_a_failed_rewrite_keeps_every_change_in_the_journal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                            call: str) -> None:
    db = tmp_path / "annotations.json"
    before = _good_db(db)
    old = db.read_bytes()
    s = AnnotationStore(db, annotator="ann")
    added = s.add(Annotation.anchored(TEXT, 10, 20, doc="d", kind="target", label="target"))
    code = errno.EROFS if call == "replace" else errno.ENOSPC
    real = getattr(os, call)

    def fail(*args: Any) -> Any:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, call, fail)
    with pytest.raises(StoreError, match=f"could not rewrite the database \\({os.strerror(code)}\\); "
                                         "your changes are safe in the journal"):
        s.compact()
    s.close()  # closing on the same broken disk does not raise and does not lose the journal
    monkeypatch.setattr(os, call, real)
    assert db.read_bytes() == old  # the last good file, whole
    assert _ids(db) == {a.id for a in before} | {added.id}  # and the journal on top of it
    with AnnotationStore(db) as again:  # a writer folds the journal in once the disk is back
        assert again.count() == 4
    assert _ids(db) == {a.id for a in before} | {added.id}


# -- the app -----------------------------------------------------------------------------------------

async def _ready(app: Any, pilot: Any) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()


def _saved_text(app: Any) -> str:
    from textual.widgets import Static

    visual = app.query_one("#status-saved", Static).visual
    return str(getattr(visual, "plain", visual))


async def test_the_app_on_a_read_only_folder_opens_read_only_and_says_why(
        make_app: Callable[..., Any], answers: dict[str, Any], db_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    before = _good_db(db_path)
    data = db_path.read_bytes()
    answers["InitiativePicker"] = DIGITAL
    _deny(monkeypatch, lambda p: p.startswith(str(db_path.parent)), errno.EROFS)
    app = make_app()
    assert app.store.read_only
    assert app.read_only_reason == (f"{db_path}: cannot write here (Read-only file system); "
                                   "use --read-only or another --db")
    async with app.run_test(size=SIZE) as pilot:
        await _ready(app, pilot)
        assert "READ-ONLY" in _saved_text(app)
        await pilot.press("enter", "i")
        await pilot.pause()
        assert app.store.count() == 3
    monkeypatch.undo()
    assert db_path.read_bytes() == data and _ids(db_path) == {a.id for a in before}


async def test_the_app_on_a_full_disk_says_not_saved_and_keeps_the_last_good_state(
        make_app: Callable[..., Any], answers: dict[str, Any], db_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    answers["InitiativePicker"] = DIGITAL
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await _ready(app, pilot)
        await pilot.press("enter", "i")
        await pilot.pause()
        assert "saved" in _saved_text(app) and app.store.count() == 1
        [kept] = app.store.all()
        real_fsync = os.fsync

        monkeypatch.setattr(os, "fsync", _disk_full)
        await pilot.press("j", "i")
        await pilot.pause()
        assert "not saved" in _saved_text(app)
        assert any("No space left on device" in str(n.message) for n in app._notifications)
        assert app.store.count() == 1
        monkeypatch.setattr(os, "fsync", real_fsync)
    # the app closed the store on the way out; the file holds exactly the acknowledged annotation
    with open_read_only(db_path) as s:
        assert [a.id for a in s.all()] == [kept.id] and s.get(kept.id) == kept


def test_a_full_disk_at_open_still_opens_and_refuses_the_first_change(
        tmp_path: Path, seeds: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    # on a full disk even the lock file's pid cannot be written: the database still opens (the
    # lock is held all the same), reading works, and the import that needs room says so
    db = tmp_path / "annotations.json"
    before = _good_db(db)
    data = db.read_bytes()
    jsonl = _valid_import(tmp_path, seeds)
    capsys.readouterr()

    monkeypatch.setattr(os, "pwrite", _disk_full)
    monkeypatch.setattr(os, "write", _disk_full)
    assert main(["stats", "--db", str(db), "--corpus", str(seeds)]) == 0
    assert main(["import", str(jsonl), "--db", str(db), "--corpus", str(seeds)]) == 1
    err = capsys.readouterr().err
    assert err.endswith(f"natproj-tui: error: {db}: could not save (No space left on device); "
                        f"nothing of {jsonl} was imported\n"), err
    monkeypatch.undo()
    assert db.read_bytes() == data and _ids(db) == {a.id for a in before}
