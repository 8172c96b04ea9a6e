"""``natproj-tui figures FILE… [--json] [--jobs N] [--clean]``: the figures of texts, streamed.

Each FILE is a text file, a folder (recursive .txt/.md) or a .jsonl of documents. Documents are
read one at a time and their figures printed as soon as they are found, so memory does not grow
with the corpus; ``--jobs N`` spreads files over N processes and still prints in input order.
Offsets are into the decoded text of the file (what the labels in ../shared/eval use); with
``--clean`` they are into the cleaned article text the app shows (slower: it cleans each text).
A file that cannot be read is named on stderr ("path: reason") and the rest goes on.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tui.commands.errors import CommandError
from tui.corpus.document import Skipped
from tui.corpus.loader import JSONL_SUFFIXES, Source, folder_ids, list_folder, read_jsonl, read_text_file
from tui.figures import Figure, find_figures


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("figures", help="list the figures of files", parents=[common],
                       description="Find the figures (percentages, amounts, money, years, dates, ranges, "
                                   "durations) of text files, folders or JSONL corpora. Files that cannot "
                                   "be read are listed on stderr as 'path: reason'.")
    p.add_argument("files", nargs="+", type=Path, metavar="FILE",
                   help="a text file, a folder of .txt/.md files or a .jsonl of documents")
    p.add_argument("--json", action="store_true",
                   help="one JSON object a document: {id, path, figures: [{start, end, text, kind, value, "
                        "unit, qualifier, low, high}]}")
    p.add_argument("--jobs", type=_jobs, default=1, metavar="N", help="worker processes (default 1)")
    p.add_argument("--clean", action="store_true",
                   help="find figures in the cleaned article text (offsets as in the app)")
    p.set_defaults(func=run)


def _jobs(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return n


@dataclass(frozen=True, slots=True)
class Job:
    """One unit of work: a text file (with its document id) or a whole JSONL file."""

    path: Path
    doc_id: str | None  # None for a JSONL file: its lines carry their ids
    json: bool
    clean: bool


@dataclass(frozen=True, slots=True)
class Done:
    out: str  # what to print on stdout, ready
    errors: tuple[str, ...]  # lines for stderr: what could not be read
    documents: int
    notes: tuple[str, ...] = ()  # lines for stderr: read, with a caveat (a repeated id, bad bytes)


def jobs(paths: list[Path], *, as_json: bool, clean: bool) -> Iterator[Job | Skipped]:
    """The work, in input order; a folder is listed (names only) as it is reached."""
    for path in paths:
        if path.is_dir():
            files, skipped = list_folder(path)
            yield from skipped
            for f, doc_id in zip(files, folder_ids(path, files), strict=True):
                yield Job(f, doc_id, as_json, clean)
        elif path.suffix.lower() in JSONL_SUFFIXES:
            yield Job(path, None, as_json, clean)
        else:
            yield Job(path, path.stem, as_json, clean)


def format_figures(doc_id: str, path: str, figures: list[Figure], *, as_json: bool) -> str:
    if as_json:
        return json.dumps({"id": doc_id, "path": path, "figures": [f.to_dict() for f in figures]},
                          ensure_ascii=False) + "\n"
    lines = []
    for f in figures:
        value = f"{f.low}–{f.high}" if f.kind == "range" else ("" if f.value is None else str(f.value))
        text = f.text.replace("\n", " ").replace("\t", " ")
        lines.append(f"{doc_id}:{f.start}-{f.end}\t{f.kind}\t{value}\t{f.unit or ''}\t{f.qualifier or ''}"
                     f"\t{text}\n")
    return "".join(lines)


def _one(source: Source, job: Job) -> str:
    if job.clean:
        from tui.corpus.pipeline import prepare_document  # only --clean needs the cleaner

        doc = prepare_document(source.id, source.raw, path=source.path, title=source.title, date=source.date,
                               source=source.source, encoding=source.encoding, normalised=True)
        figures = find_figures(doc.text, doc.lang)
    else:
        figures = find_figures(source.raw)
    return format_figures(source.id, source.path, figures, as_json=job.json)


def process(job: Job) -> Done:
    """Read, find, format: what a worker process runs (so only strings travel back)."""
    if job.doc_id is None:
        sources, skipped = read_jsonl(job.path)
    else:
        got = read_text_file(job.path, job.doc_id)
        sources, skipped = ([], [got]) if isinstance(got, Skipped) else ([got], [])
    errors = tuple(map(str, skipped))
    notes = tuple(f"{s.path}: {note}" for s in sources for note in s.notes)
    return Done("".join(_one(s, job) for s in sources), errors, len(sources), notes)


def _results(work: Iterator[Job | Skipped], n_jobs: int) -> Iterator[Done]:
    """Each job's result in input order; skipped paths pass straight through."""
    if n_jobs == 1:
        yield from map(_process_or_skip, work)
        return
    from multiprocessing import Pool  # a tenth of the command's start, and --jobs 1 needs none of it

    with Pool(n_jobs) as pool:
        # imap keeps the input order and pulls the work lazily, so memory stays flat; chunks of 64
        # files (not 16) cut the round trips through the pool's pipes, which took a quarter of the
        # CPU per core of --jobs 2 on a folder of small files
        yield from pool.imap(_process_or_skip, work, chunksize=64)


def _process_or_skip(item: Job | Skipped) -> Done:
    if isinstance(item, Skipped):
        return Done("", (f"{item.path}: {item.reason}",), 0)
    return process(item)


def run(args: argparse.Namespace) -> int:
    out = sys.stdout
    documents = failures = 0
    try:
        for done in _results(jobs(args.files, as_json=args.json, clean=args.clean), args.jobs):
            if done.out:
                out.write(done.out)
            for line in (*done.errors, *done.notes):
                print(line, file=sys.stderr)
            documents += done.documents
            failures += len(done.errors)
        out.flush()
    except BrokenPipeError:
        # the reader stopped early ("| head"): not an error; keep Python from complaining at exit
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    if not documents:
        raise CommandError("no document could be read" if failures else "no documents found")
    return 0
