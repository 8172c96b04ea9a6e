"""``natproj-tui figures FILE…``: placeholder (figures owner deepens)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from tui.commands.errors import CommandError
from tui.figures import find_figures


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("figures", help="list the figures of files", parents=[common])
    p.add_argument("files", nargs="+", type=Path, metavar="FILE")
    p.add_argument("--json", action="store_true", help="one JSON object per file")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    for path in args.files:
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as e:
            raise CommandError(f"{path}: {e.strerror}") from None
        figs = find_figures(text)
        if args.json:
            print(json.dumps({"file": str(path), "figures": [f.to_dict() for f in figs]}, ensure_ascii=False))
        else:
            for f in figs:
                print(f"{path}:{f.start}-{f.end}\t{f.kind}\t{f.value}\t{f.text}")
    return 0
