"""What the dataset subcommands do: export, import, merge, agree, stats (their options are in
dataset.py)."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

from rich.console import Console
from rich.table import Table

from tui.commands.errors import CommandError
from tui.corpus import Corpus, LazyCorpus, index_corpus
from tui.corpus.pipeline import stream_paths
from tui.dataset import (
    ImportFailed,
    apply_import,
    compare,
    compute_stats,
    merge_stores,
    read_import,
)
from tui.dataset.export import export, store_statuses
from tui.files import replacing
from tui.labels import LabelSchemaError, load_labels
from tui.paths import default_annotator, resolve
from tui.store import AnnotationStore, StoreError

# --- shared helpers --------------------------------------------------------------------------------

def _indexed(path: Path) -> LazyCorpus:
    """The corpus as the app lists it, from the same metadata cache: the commands that need a
    document's text only now and then (stats: none; agree: the shared ones; import: the ones its
    lines name) prepare just those, where reading the whole corpus took 14 s on 10,000 documents."""
    if not path.exists():
        raise CommandError(f"{path}: no such corpus")
    return index_corpus(path, _progress_printer(sys.stderr.isatty(), "indexing", "files"))


@contextlib.contextmanager
def _store(path: Path, *, read_only: bool, annotator: str = "") -> Iterator[AnnotationStore]:
    if read_only and not path.exists():
        raise CommandError(f"{path}: no such database")
    try:
        store = AnnotationStore(path, annotator=annotator, read_only=read_only)
    except StoreError as e:
        raise CommandError(str(e)) from None
    except (ValueError, OSError) as e:  # a store that does not wrap every parse or file error
        raise CommandError(f"{path}: cannot open the database ({e})") from None
    try:
        yield store
    finally:
        store.close()


@contextlib.contextmanager
def _output(name: str) -> Iterator[IO[str]]:
    """stdout for "-", else a temp file beside the target that replaces it only when complete."""
    if name == "-":
        try:
            yield sys.stdout
            sys.stdout.flush()
        except BrokenPipeError:
            # the reader (e.g. `head`) closed the pipe: stop quietly, as other Unix tools do
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        return
    target = Path(name)
    if target.is_dir():
        raise CommandError(f"{target}: is a folder")
    existed = target.exists()
    try:
        with replacing(target) as fh:
            yield fh
    except OSError as e:  # a full disk or a read-only folder: the old file stays as it was
        kept = "; the previous file was kept" if existed and target.is_file() else ""
        raise CommandError(f"{target}: cannot write ({e.strerror or e}){kept}") from None


def _progress_printer(enabled: bool, what: str = "export",
                      noun: str = "documents") -> Callable[[int, int], None] | None:
    """A throttled "export: n/total documents" line on stderr ("\\r" on a terminal, lines otherwise)."""
    if not enabled:
        return None
    tty = sys.stderr.isatty()
    last = [0.0, -1]

    def show(done: int, total: int) -> None:
        if not total:
            return  # nothing to do (an index the cache held whole): no "0/0" line
        now = time.monotonic()
        step = max(total // 10, 1)
        due = now - last[0] >= 0.1 if tty else done // step != last[1]
        if done == total or due:
            last[0], last[1] = now, done // step
            end = "\n" if done == total else ""
            line = f"{what}: {done}/{total} {noun}"
            sys.stderr.write(f"\r{line}{end}" if tty else f"{line}\n")
            sys.stderr.flush()

    return show


def _console() -> Console:
    # a pipe gets rich's 80 columns by default, which would cut label ids; files are read wide
    return Console() if sys.stdout.isatty() else Console(width=160)


def _fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


# --- export ----------------------------------------------------------------------------------------

def run_export(args: argparse.Namespace) -> int:
    loc = resolve(args.corpus, args.db, args.labels)
    native = args.format == "native"  # the store's own records: no text needed
    if not native and not loc.corpus.exists():
        raise CommandError(f"{loc.corpus}: no such corpus")
    annotator = args.annotator  # for export, --annotator selects whose annotations go out
    progress = _progress_printer(args.progress or sys.stderr.isatty())
    report = None
    with _store(loc.db, read_only=True) as store, _output(args.output) as out:
        # streamed: each document is prepared when its lines are written and then let go, so
        # memory does not grow with the corpus (the whole corpus once took 17 KB a document)
        corpus = Corpus([]) if native else stream_paths([loc.corpus])
        report = export(out, args.format, corpus, store, unit=args.unit, kind=args.kind, annotator=annotator,
                        status=args.status, progress=progress)
    if report is None:  # stdout closed early
        return 0
    skipped = ", ".join(f"{n} {why}" for why, n in report.skipped().items())
    where = "stdout" if args.output == "-" else args.output
    notes = [f"left out: {skipped}"] if skipped else []
    if report.reanchored:
        notes.append(f"{report.reanchored} found again in changed text")
    print(f"exported {report.annotations} annotations in {report.lines} lines to {where}"
          + (f" ({'; '.join(notes)})" if notes else ""), file=sys.stderr)
    return 0


# --- import ----------------------------------------------------------------------------------------

def run_import(args: argparse.Namespace) -> int:
    loc = resolve(args.corpus, args.db, args.labels)
    if not args.file.is_file():
        raise CommandError(f"{args.file}: no such file")
    try:
        schema = load_labels(loc.labels)
    except LabelSchemaError as e:
        raise CommandError(str(e)) from None
    corpus = _indexed(loc.corpus) if loc.corpus.exists() else None
    try:
        plan = read_import(args.file, corpus, schema, fmt=args.format,
                           annotator=args.annotator or default_annotator())
    except ImportFailed as e:
        raise CommandError(str(e)) from None
    with _store(loc.db, read_only=False) as store:
        try:
            result = apply_import(plan, store)
        except StoreError as e:  # one journal write holds the whole import: it failed as a whole
            why = str(e).removesuffix("; the change was not applied")
            raise CommandError(f"{why}; nothing of {args.file} was imported") from None
    extra = f", {plan.not_accepted} not accepted lines skipped" if plan.not_accepted else ""
    print(f"imported {result.added} annotations from {args.file} ({plan.format}) into {loc.db}: "
          f"{result.duplicates} already there, {result.statuses} document statuses set{extra}",
          file=sys.stderr)
    return 0


# --- merge -----------------------------------------------------------------------------------------

def run_merge(args: argparse.Namespace) -> int:
    out: Path = args.output
    if out.resolve() in {p.resolve() for p in args.inputs}:
        raise CommandError(f"{out}: the output must not be one of the inputs")
    if out.exists():
        if not args.force:
            raise CommandError(f"{out}: already exists (give --force to replace it)")
        out.unlink()
    with contextlib.ExitStack() as stack:
        stores = [stack.enter_context(_store(p, read_only=True)) for p in args.inputs]
        target = stack.enter_context(_store(out, read_only=False))
        result = merge_stores(stores, target)
    print(f"merged {len(args.inputs)} databases into {out}: {result.written} annotations "
          f"({result.duplicates} duplicates joined), {result.statuses} document statuses", file=sys.stderr)
    return 0


# --- agree -----------------------------------------------------------------------------------------

def run_agree(args: argparse.Namespace) -> int:
    if args.b is None and not args.pair:
        raise CommandError("agree needs two databases, or one merged database and --pair NAME_A NAME_B")
    loc = resolve(args.corpus, None, args.labels)
    corpus = _indexed(loc.corpus)
    with contextlib.ExitStack() as stack:
        sa = stack.enter_context(_store(args.a, read_only=True))
        sb = stack.enter_context(_store(args.b, read_only=True)) if args.b else sa
        anns_a, anns_b = list(sa.all()), list(sb.all())
        if args.pair:
            anns_a = [x for x in anns_a if x.annotator == args.pair[0]]
            anns_b = [x for x in anns_b if x.annotator == args.pair[1]]
        # one merged database has one status per document, so it counts for both annotators
        result = compare(corpus, anns_a, anns_b, store_statuses(sa), store_statuses(sb))
    if args.json:
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
        return 0
    _print_agreement(result, args)
    return 0


def _print_agreement(result: Any, args: argparse.Namespace) -> None:
    console = _console()
    name_a = args.pair[0] if args.pair else str(args.a)
    name_b = args.pair[1] if args.pair else str(args.b)
    console.print(f"A = {name_a}, B = {name_b}: {result.documents} shared documents, "
                  f"{result.passages} passages; Cohen's kappa on passage label sets: {_fmt(result.kappa)}")
    if result.skipped_documents:
        console.print(f"not in the corpus (left out): {', '.join(result.skipped_documents)}")
    table = Table(title="Agreement per label (P, R, F1 of B against A; exact and overlapping spans)")
    table.add_column("label", no_wrap=True)
    for col in ("kappa", "A", "B", "exact P", "exact R", "exact F1", "overlap P", "overlap R", "overlap F1"):
        table.add_column(col, justify="right")
    for label, s in result.spans.items():
        kappa = result.kappa if label == "(all)" else result.kappa_by_label.get(label)
        table.add_row(label, _fmt(kappa), str(s.a), str(s.b), _fmt(s.exact_p), _fmt(s.exact_r),
                      _fmt(s.exact_f1), _fmt(s.overlap_p), _fmt(s.overlap_r), _fmt(s.overlap_f1))
    console.print(table)


# --- stats -----------------------------------------------------------------------------------------

def run_stats(args: argparse.Namespace) -> int:
    loc = resolve(args.corpus, args.db, args.labels)
    if not loc.db.exists():
        raise CommandError(f"{loc.db}: no such database")
    corpus = _indexed(loc.corpus) if loc.corpus.exists() else None
    with _store(loc.db, read_only=True) as store:
        stats = compute_stats(store, corpus)
    if args.json:
        print(json.dumps(stats.to_dict(), ensure_ascii=False, indent=2))
        return 0
    console = _console()
    console.print(f"{stats.total} annotations ({stats.orphaned} orphaned) on {stats.annotated_documents} "
                  f"documents; {stats.documents} documents in all")
    table = Table(title="Annotation counts")
    table.add_column("counted by")
    table.add_column("name", no_wrap=True)
    table.add_column("count", justify="right")
    for title, counts in (("label", stats.per_label), ("kind", stats.per_kind),
                          ("document status", stats.per_status), ("annotator", stats.per_annotator),
                          ("target deadline", stats.targets_by_deadline)):
        for i, (name, n) in enumerate(counts.items()):
            table.add_row(title if i == 0 else "", name, str(n), end_section=i == len(counts) - 1)
    console.print(table)
    return 0

