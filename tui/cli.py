"""The ``natproj-tui`` command: the app by default, subcommands for scripting."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from tui.commands import REGISTRARS, CommandError


def common_options(*, suppress: bool = False) -> argparse.ArgumentParser:
    """Options every command takes. Subcommands get them with SUPPRESS defaults, so that
    ``natproj-tui --db X export`` keeps X instead of the subparser resetting it to None."""
    default = argparse.SUPPRESS if suppress else None
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--corpus", type=Path, default=default,
                        help="folder of .txt/.md files, or a JSONL file of documents")
    common.add_argument("--db", type=Path, default=default, help="the TinyDB annotation file")
    common.add_argument("--labels", type=Path, default=default, help="label schema (TOML)")
    common.add_argument("--annotator", default=default,
                        help="name recorded on each annotation (default: login name)")
    return common


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="natproj-tui",
        parents=[common_options()],
        description="Read, highlight and annotate news about Russian national projects.",
    )
    parser.add_argument("--read-only", action="store_true", help="open the database without writing to it")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for register in REGISTRARS:
        register(sub, common_options(suppress=True))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command is None:
            from tui.commands.app import run_app

            return run_app(args)
        return int(args.func(args) or 0)
    except CommandError as e:
        print(f"natproj-tui: error: {e}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
