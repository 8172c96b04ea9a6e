"""Reliability (#9): a broken label schema stops the command with one line naming the file and line
(exit 1, no traceback), and nothing is written. The parser's own cases are in tests/test_labels.py;
these go through the command line as a user meets them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tui.cli import main

GOOD = '[[label]]\nid = "np.a"\nname = "A"\n\n'
CASES = {
    "syntax": (GOOD + '[[label]]\nid = "np.b"\nname = "B\n', 7, "TOML syntax error"),
    "duplicate": (GOOD + '[[label]]\nid = "np.a"\nname = "Again"\n', 6, "duplicate label id 'np.a'"),
    "unknown_parent": (GOOD + '[[label]]\nid = "fp.b"\nname = "B"\nparent = "np.zz"\n', 8,
                       "label 'fp.b' has an unknown parent 'np.zz'"),
    "cycle": ('[[label]]\nid = "a"\nname = "A"\nparent = "b"\n\n'
              '[[label]]\nid = "b"\nname = "B"\nparent = "a"\n', 4, "parents form a cycle: a -> b -> a"),
    "empty": ("# nothing here yet\nversion = 1\n", None, "empty schema"),
}


def _schema(tmp_path: Path, case: str) -> tuple[Path, str]:
    text, line, problem = CASES[case]
    path = tmp_path / f"{case}.toml"
    path.write_text(text, encoding="utf-8")
    where = f"{path}:{line}: " if line is not None else f"{path}: "
    return path, where + problem


def _one_error_line(err: str, expected: str) -> None:
    assert err.count("\n") == 1 and "Traceback" not in err, err
    assert err.startswith(f"natproj-tui: error: {expected}"), err


@pytest.mark.parametrize("case", list(CASES))
def test_the_app_refuses_to_start_on_a_broken_schema(tmp_path: Path, case: str,
                                                      monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("TERM", "xterm-256color")  # CI may say TERM=dumb, which the app refuses first
    path, expected = _schema(tmp_path, case)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Headline\n\nThe region will reach 95 per cent by 2030.\n",
                                  encoding="utf-8")
    db = tmp_path / "db.json"
    assert main(["--corpus", str(corpus), "--db", str(db), "--labels", str(path)]) == 1
    _one_error_line(capsys.readouterr().err, expected)
    assert not db.exists()  # the broken schema stopped it before anything was opened for writing


@pytest.mark.parametrize("case", ["syntax", "cycle"])
def test_import_refuses_a_broken_schema_and_writes_nothing(tmp_path: Path, case: str,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    path, expected = _schema(tmp_path, case)
    data = tmp_path / "in.jsonl"
    data.write_text(json.dumps({"text": "Some text", "label": [[0, 4, "target"]]}) + "\n", encoding="utf-8")
    db = tmp_path / "db.json"
    assert main(["import", str(data), "--db", str(db), "--labels", str(path),
                 "--corpus", str(tmp_path)]) == 1
    _one_error_line(capsys.readouterr().err, expected)
    assert not db.exists()
