"""``natproj-tui clean FILE…``: print the clean text (or JSON with what was removed and why)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from tui.commands.errors import CommandError

if TYPE_CHECKING:
    from tui.corpus import Document


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("clean", help="print a file's clean text", parents=[common],
                       description="Clean text files, folders or JSONL corpora. Files that cannot be read "
                                   "are listed on stderr as 'path: reason', then documents loaded with a "
                                   "caveat (a repeated id, invalid UTF-8 bytes) as 'path: what'.")
    p.add_argument("files", nargs="+", type=Path, metavar="FILE",
                   help="a text file, a folder of .txt/.md files or a .jsonl of documents")
    p.add_argument("--json", action="store_true",
                   help="one JSON object a line: metadata, text, removed parts (raw offsets) and "
                        "passages (clean offsets)")
    p.set_defaults(func=run)


def document_json(doc: Document) -> dict:
    return {
        "id": doc.id, "title": doc.title, "date": doc.date, "place": doc.place, "source": doc.source,
        "lang": doc.lang, "text": doc.text,
        "removed": [{"start": r.start, "end": r.end, "reason": r.reason, "text": r.text}
                    for r in doc.removed],
        "passages": [{"start": s.start, "end": s.end} for s in doc.sentences],
    }


def run(args: argparse.Namespace) -> int:
    # imported here: the cleaner is not needed to build the parser for another command
    from tui.corpus.pipeline import stream_paths

    corpus = stream_paths(args.files)
    for line in [*corpus.skipped, *corpus.notices]:
        print(line, file=sys.stderr)
    told = len(corpus.skipped)
    out = sys.stdout
    n = 0
    for doc in corpus.documents:  # one prepared document at a time: memory stays flat
        if args.json:
            out.write(json.dumps(document_json(doc), ensure_ascii=False) + "\n")
        else:
            out.write(("\n" if n else "") + doc.text + "\n")
        n += 1
    for line in corpus.skipped[told:]:  # texts that turned out to be only site furniture
        print(line, file=sys.stderr)
    if not n:
        raise CommandError("nothing could be cleaned")
    return 0
