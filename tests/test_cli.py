"""The command line: usage errors, help, and the README/CI contract."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from tui.cli import build_parser, main

ROOT = Path(__file__).resolve().parents[1]


def test_unknown_option_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--no-such-option"])
    assert exc.value.code == 2
    assert "unrecognized arguments: --no-such-option" in capsys.readouterr().err


def test_help_lists_every_subcommand(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    for name in ("clean", "figures", "export"):
        assert re.search(rf"^\s+{name}\s", out, re.M), name


def test_subcommands_accept_the_common_options() -> None:
    args = build_parser().parse_args(["export", "--db", "x.json", "--corpus", "seeds", "-o", "-"])
    assert args.db == Path("x.json") and args.corpus == Path("seeds")


def test_ci_runs_the_readme_test_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    marker = readme.index("<!-- test-command -->")
    command = readme[marker + 2]
    assert "pytest" in command and "pip install" in command
    extracted = subprocess.run(
        ["awk", "/<!-- test-command -->/{getline; getline; print; exit}", str(ROOT / "README.md")],
        capture_output=True, text=True, check=True,
    ).stdout.strip()
    assert extracted == command
    assert "README.md" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_common_options_before_the_subcommand_are_kept() -> None:
    args = build_parser().parse_args(["--db", "before.json", "export", "-o", "-"])
    assert args.db == Path("before.json")
    assert args.corpus is None
