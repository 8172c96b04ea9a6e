"""``tui.files.replacing``: the old file or the complete new one, and devices or pipes left in place."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest

from tui.files import replacing


def test_an_error_inside_the_block_keeps_the_old_file_and_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    target.write_text("old\n", encoding="utf-8")
    with pytest.raises(RuntimeError), replacing(target) as fh:
        fh.write("half of the new")
        raise RuntimeError("disk full, say")
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]


def test_a_complete_block_replaces_with_ordinary_permissions(tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    with replacing(target) as fh:
        fh.write("Цифровая экономика\n")
    assert target.read_text(encoding="utf-8") == "Цифровая экономика\n"
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask


def test_a_named_pipe_is_written_into_and_stays_a_pipe(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[str] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_text(encoding="utf-8")))
    reader.start()
    with replacing(fifo) as fh:
        fh.write("line\n")
    reader.join(5)
    assert got == ["line\n"] and stat.S_ISFIFO(fifo.stat().st_mode)
