"""The ``natproj-tui`` command: the app by default, subcommands for scripting."""

from __future__ import annotations

import argparse
import codecs
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from tui.commands import REGISTRARS, CommandError
from tui.store.errors import StoreError

# Paths each command reads (argparse dests). One that does not exist is a usage error (exit 2), like
# a mistyped option: nothing has run yet. `clean` is not listed: it names each missing file and
# cleans the rest, as it does for any other file it cannot read.
READS: dict[str | None, tuple[str, ...]] = {
    None: ("corpus", "labels"),  # the app: a missing --db is created
    "export": ("corpus", "labels", "db"),
    "stats": ("corpus", "labels", "db"),
    "import": ("corpus", "labels", "file"),
    "merge": ("corpus", "labels", "inputs"),
    "agree": ("corpus", "labels", "a", "b"),
    "figures": ("corpus", "labels", "files"),
    "clean": ("corpus", "labels"),
}
REPLACE = "natproj-tui-replace"


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


def _given_paths(args: argparse.Namespace) -> Iterator[tuple[str, Path]]:
    for dest in READS.get(args.command, ("corpus", "labels")):
        value = getattr(args, dest, None)
        for path in value if isinstance(value, list) else [value]:
            if isinstance(path, Path):
                yield dest, path


def check_paths(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """Exit 2 with argparse's usage line when a path the command reads does not exist."""
    for dest, path in _given_paths(args):
        if path.exists() or str(path) == "-":
            continue
        culprit = parser
        if args.command is not None:
            for action in parser._actions:  # the subcommand's own parser prints its own usage
                if isinstance(action, argparse._SubParsersAction):
                    culprit = action.choices[args.command]
        name = f"--{dest}" if dest in ("corpus", "labels", "db") else dest.upper()
        culprit.error(f"argument {name}: no such file or folder: {path}")


class _Replaced:
    """Characters the output encoding could not represent (shown as '?'), counted for one warning."""

    count = 0

    @classmethod
    def handler(cls, err: UnicodeError) -> tuple[str, int]:
        assert isinstance(err, UnicodeEncodeError)
        cls.count += err.end - err.start
        return "?" * (err.end - err.start), err.end


codecs.register_error(REPLACE, _Replaced.handler)


def _encoding_of(stream: object) -> str | None:
    enc = getattr(stream, "encoding", None)
    try:
        return codecs.lookup(enc).name if enc else None
    except LookupError:
        return None


def tolerate_narrow_output() -> None:
    """On a non-UTF-8 stdout/stderr (LANG=ru_RU.KOI8-R, PYTHONIOENCODING=latin-1), print what can be
    printed instead of dying with UnicodeEncodeError halfway through a Russian text."""
    for stream in (sys.stdout, sys.stderr):
        if _encoding_of(stream) not in (None, "utf-8") and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors=REPLACE)  # type: ignore[union-attr]


def _warn_replaced() -> None:
    if _Replaced.count:
        enc = getattr(sys.stdout, "encoding", None) or "?"
        print(f"natproj-tui: warning: {_Replaced.count} characters cannot be written in {enc} and were "
              "printed as '?'; use a UTF-8 locale (LANG=C.UTF-8) or PYTHONIOENCODING=utf-8",
              file=sys.stderr)
        _Replaced.count = 0


def main(argv: Sequence[str] | None = None) -> int:
    tolerate_narrow_output()
    parser = build_parser()
    args = parser.parse_args(argv)
    check_paths(parser, args)
    try:
        if args.command is None:
            from tui.commands.app import run_app

            return run_app(args)
        return int(args.func(args) or 0)
    except (CommandError, StoreError) as e:  # a StoreError can come mid-command (a disk fills up)
        print(f"natproj-tui: error: {e}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    finally:
        _warn_replaced()


if __name__ == "__main__":
    raise SystemExit(main())
