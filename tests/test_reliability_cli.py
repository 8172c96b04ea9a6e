"""Reliability (#9): the command line. Usage errors exit 2; a bad import file is reported line by line
and writes nothing (even when the disk fills up halfway); output survives a non-UTF-8 terminal.

Covered elsewhere: an unknown top-level option (test_cli.test_unknown_option_is_a_usage_error), bad
spans/doccano lines through the CLI
(test_dataset_roundtrip.test_cli_bad_lines_are_reported_and_nothing_is_written).
"""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tui.cli import main
from tui.corpus import open_corpus
from tui.store import Annotation, AnnotationStore, open_read_only

DIGITAL = "np.digital_economy"


def _usage_error(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: natproj-tui") and "Traceback" not in err
    return err.splitlines()[-1]


@pytest.mark.parametrize(
    ("argv", "last_line"),
    [
        (["export", "--bogus"], "natproj-tui: error: unrecognized arguments: --bogus"),
        (["export", "--format", "xml"],
         "natproj-tui export: error: argument --format: invalid choice: 'xml'"),
        (["import"], "natproj-tui import: error: the following arguments are required: file"),
        (["clean"], "natproj-tui clean: error: the following arguments are required: FILE"),
        (["nonsense"], "natproj-tui: error: argument COMMAND: invalid choice: 'nonsense'"),
    ],
)
def test_bad_options_are_usage_errors(argv: list[str], last_line: str,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    assert _usage_error(argv, capsys).startswith(last_line)


@pytest.mark.parametrize(
    ("argv", "usage_of", "named"),
    [
        (["--corpus", "{nope}"], "natproj-tui", "argument --corpus"),
        (["--labels", "{nope}"], "natproj-tui", "argument --labels"),
        (["stats", "--db", "{nope}"], "natproj-tui stats", "argument --db"),
        (["export", "--corpus", "{nope}"], "natproj-tui export", "argument --corpus"),
        (["import", "{nope}"], "natproj-tui import", "argument FILE"),
        (["merge", "{nope}", "-o", "{tmp}/out.json"], "natproj-tui merge", "argument INPUTS"),
        (["agree", "{nope}", "{nope}"], "natproj-tui agree", "argument A"),
    ],
)
def test_a_missing_path_is_a_usage_error(tmp_path: Path, argv: list[str], usage_of: str, named: str,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    nope = tmp_path / "no" / "such.thing"
    argv = [a.format(nope=nope, tmp=tmp_path) for a in argv]
    last = _usage_error(argv, capsys)
    assert last == f"{usage_of}: error: {named}: no such file or folder: {nope}"
    assert list(tmp_path.iterdir()) == []  # nothing was created on the way


# -- import: every bad line with its number, nothing written ------------------------------------------

@pytest.fixture
def native(tmp_path: Path, seeds: Path) -> tuple[Path, list[str]]:
    """A valid native export of two annotations and a status, as lines."""
    doc = open_corpus(seeds).documents[0]
    src = tmp_path / "src.json"
    with AnnotationStore(src, annotator="other") as s:
        s.add(Annotation.anchored(doc.text, 0, 8, doc=doc.id, kind="initiative", label=DIGITAL))
        s.add(Annotation.anchored(doc.text, 10, 20, doc=doc.id, kind="target", label="target"))
        s.set_status(doc.id, "done")
    out = tmp_path / "native.jsonl"
    assert main(["export", "--db", str(src), "--format", "native", "-o", str(out)]) == 0
    return out, out.read_text(encoding="utf-8").splitlines()


def _existing_db(path: Path) -> bytes:
    with AnnotationStore(path, annotator="me") as s:
        s.add(Annotation.anchored("Some earlier work", 0, 4, doc="old", kind="target", label="target"))
    return path.read_bytes()


def test_import_lists_every_bad_line_and_writes_nothing(tmp_path: Path, seeds: Path,
                                                        native: tuple[Path, list[str]],
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    _, lines = native
    good = json.loads(lines[1])
    outside = dict(good, id="a" * 32, start=0, end=10**6)
    mismatch = dict(good, id="b" * 32, quote="not what the text says")
    unknown = dict(good, id="c" * 32, label="np.no_such_project")
    bad = tmp_path / "bad.jsonl"
    bad.write_text("\n".join([lines[0], lines[1], '{"record": "annotation", "doc": ', json.dumps(outside),
                              json.dumps(mismatch), lines[2], json.dumps(unknown)]) + "\n", encoding="utf-8")
    db = tmp_path / "annotations.json"
    before = _existing_db(db)
    capsys.readouterr()
    assert main(["import", str(bad), "--db", str(db), "--corpus", str(seeds)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert "Traceback" not in "\n".join(err)
    assert err[0].startswith(f"natproj-tui: error: {bad}:3: not valid JSON")
    assert err[1].startswith(f"{bad}:4: ") and "outside" in err[1]
    assert err[2].startswith(f"{bad}:5: ") and "does not match the text" in err[2]
    assert err[3].startswith(f"{bad}:7: unknown label 'np.no_such_project'")
    assert err[4] == f"{bad}: nothing imported (4 bad lines)" and len(err) == 5
    assert db.read_bytes() == before
    with open_read_only(db) as s:
        assert [a.doc for a in s.all()] == ["old"] and s.statuses() == {}


def test_an_import_cut_short_by_a_full_disk_writes_nothing(tmp_path: Path, seeds: Path,
                                                           native: tuple[Path, list[str]],
                                                           monkeypatch: pytest.MonkeyPatch,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    path, lines = native
    db = tmp_path / "annotations.json"
    _existing_db(db)
    capsys.readouterr()
    real_write = os.write
    # room for about one annotation's journal entry and a half: written one at a time, the first
    # would stay behind; written as one batch, the torn batch is cut off again
    room = [len(lines[1]) * 3 // 2]

    def fills_up(fd: int, data: bytes) -> int:
        if len(data) > room[0]:
            real_write(fd, bytes(data[: room[0]]))
            room[0] = 0
            raise OSError(errno.ENOSPC, "No space left on device")
        room[0] -= len(data)
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", fills_up)
    assert main(["import", str(path), "--db", str(db), "--corpus", str(seeds)]) == 1
    monkeypatch.setattr(os, "write", real_write)
    err = capsys.readouterr().err
    assert err == (f"natproj-tui: error: {db}: could not save (No space left on device); "
                   f"nothing of {path} was imported\n")
    with open_read_only(db) as s:
        assert [a.doc for a in s.all()] == ["old"] and s.statuses() == {}


# -- terminals that are not UTF-8 -------------------------------------------------------------------

RU = ("Доля социально значимых услуг в электронном виде составит 95 процентов к 2030 году. "
      "Об этом сообщил губернатор Рязанской области.")


def _run(argv: list[str], **env: str) -> subprocess.CompletedProcess[bytes]:
    full = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "PYTHONIO"))}
    full.update(env)
    return subprocess.run([sys.executable, "-m", "tui", *argv], capture_output=True, env=full, timeout=60)


def test_clean_of_russian_text_on_a_latin1_terminal(tmp_path: Path) -> None:
    path = tmp_path / "ru.txt"
    path.write_text(f"Рязань станет цифровой\n\nThe governor said 95 per cent. {RU}\n", encoding="utf-8")
    done = _run(["clean", str(path)], LANG="C", PYTHONIOENCODING="latin-1")
    err = done.stderr.decode("latin-1")
    assert done.returncode == 0 and "Traceback" not in err, err
    assert b"The governor said 95 per cent." in done.stdout and b"?????" in done.stdout
    assert err.startswith("natproj-tui: warning: ") and "cannot be written in iso8859-1" in err
    assert "PYTHONIOENCODING=utf-8" in err and err.count("\n") == 1


def test_clean_under_the_c_locale_is_plain_utf8(tmp_path: Path) -> None:
    path = tmp_path / "ru.txt"
    path.write_text(f"Рязань станет цифровой\n\n{RU}\n", encoding="utf-8")
    done = _run(["clean", str(path)], LANG="C", LC_ALL="C")  # Python reads the C locale as UTF-8
    assert done.returncode == 0 and done.stderr == b""
    assert RU in done.stdout.decode("utf-8")


def test_the_app_on_a_latin1_terminal_says_why_it_cannot_draw(tmp_path: Path, seeds: Path) -> None:
    db = tmp_path / "db.json"
    done = _run(["--corpus", str(seeds), "--db", str(db)], PYTHONIOENCODING="latin-1", TERM="xterm-256color")
    err = done.stderr.decode("latin-1")
    assert done.returncode == 1 and "Traceback" not in err, err
    assert err == ("natproj-tui: error: the terminal's encoding is iso8859-1, but the app draws Unicode "
                   "(Russian text, box lines); use a UTF-8 locale (LANG=C.UTF-8) or PYTHONIOENCODING=utf-8\n")
    assert not db.exists()


def test_export_into_a_named_pipe_writes_through_it_and_leaves_it_a_pipe(
        tmp_path: Path, native: tuple[Path, list[str]], capsys: pytest.CaptureFixture[str]) -> None:
    # `-o /dev/null` or a FIFO: the temp-file-and-rename would put a plain file in place of the
    # device (as root, /dev/null itself); such a target is written straight through
    import stat
    import threading

    _, lines = native
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[str] = []
    reader = threading.Thread(target=lambda: got.extend(fifo.read_text(encoding="utf-8").splitlines()),
                              daemon=True)
    reader.start()
    assert main(["export", "--db", str(tmp_path / "src.json"), "--format", "native", "-o", str(fifo)]) == 0
    assert stat.S_ISFIFO(fifo.stat().st_mode)  # else the reader would wait on the old pipe for ever
    reader.join()
    assert got == lines
    assert not list(tmp_path.glob(".pipe.*"))
    assert capsys.readouterr().err.endswith(f"exported 2 annotations in 3 lines to {fifo}\n")
