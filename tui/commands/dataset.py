"""The dataset subcommands' options: export, import, merge, agree, stats.

What they do is in dataset_run.py, imported only when one of them runs: it loads rich, TinyDB and
the dataset code, which other commands do not need.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from tui.dataset.formats import FORMATS, IMPORT_FORMATS, UNITS
from tui.lazy import lazy_function
from tui.store.records import KINDS, STATUSES

RUN = "tui.commands.dataset_run"


def register_export(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("export", help="write the labeled dataset as JSONL", parents=[common],
                       description="Write the annotations as JSONL (spans, doccano, records or native).")
    p.add_argument("--format", choices=FORMATS, default="spans", help="output format (default: spans)")
    p.add_argument("--unit", choices=UNITS, default="document",
                   help="one line per document or per passage (spans and doccano)")
    p.add_argument("--kind", choices=KINDS, help="only this kind of annotation")
    p.add_argument("--status", choices=STATUSES, help="only documents with this status")
    p.add_argument("-o", "--output", default="-", help="output file, or - for stdout (default)")
    p.add_argument("--progress", action="store_true",
                   help="show progress on stderr even when it is not a terminal")
    p.set_defaults(func=lazy_function(RUN, "run_export"))


def register_import(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("import", help="read a native, spans or doccano JSONL file into the database",
                       parents=[common], description="Import annotations; a file with any bad line "
                       "imports nothing and every bad line is reported with its number.")
    p.add_argument("file", type=Path, help="the JSONL file to import")
    p.add_argument("--format", choices=IMPORT_FORMATS, help="the file's format (default: detected)")
    p.set_defaults(func=lazy_function(RUN, "run_import"))


def register_merge(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("merge", help="join annotators' databases into one", parents=[common],
                       description="Join databases: each record keeps its annotator; the same span by the "
                       "same annotator is one record (the newest wins).")
    p.add_argument("inputs", nargs="+", type=Path, metavar="DB", help="databases to join")
    p.add_argument("-o", "--output", type=Path, required=True, help="the merged database (a new file)")
    p.add_argument("--force", action="store_true", help="replace the output file if it exists")
    p.set_defaults(func=lazy_function(RUN, "run_merge"))


def register_agree(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("agree", help="agreement between two annotators", parents=[common],
                       description="Cohen's kappa on passage (sentence) labels and span precision/recall/F1 "
                       "(exact and overlap) per label. B is scored against A.")
    p.add_argument("a", type=Path, metavar="A", help="first annotator's database")
    p.add_argument("b", type=Path, metavar="B", nargs="?",
                   help="second annotator's database (omit with --pair to compare two annotators of A)")
    p.add_argument("--pair", nargs=2, metavar=("NAME_A", "NAME_B"),
                   help="compare these two annotators (within one merged database, or one in each file)")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.set_defaults(func=lazy_function(RUN, "run_agree"))


def register_stats(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("stats", help="counts per label, kind, document status and annotator",
                       parents=[common])
    p.add_argument("--json", action="store_true", help="print JSON instead of tables")
    p.set_defaults(func=lazy_function(RUN, "run_stats"))


REGISTRARS = [register_export, register_import, register_merge, register_agree, register_stats]
