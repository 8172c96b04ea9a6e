"""Figure detection: our detector against quantulum3 (a peer that extracts quantities), in one run.

    python benchmarks/bench_figures.py [--mb 2] [--peer-mb 0.1] [--repeat 3] [--cli-mb 20] [--jobs 1 2]

Prints, on text from benchmarks/make_corpus.py (seed paragraphs, Russian news, site furniture):
  detector  - MB/s (UTF-8 bytes of text per CPU second) of find_figures, median and p95 over repeats
  peer      - the same for quantulum3 on the first --peer-mb of that text, and ours on that same part,
              with the ratio (quantulum3 runs at a few dozen KB/s, so it gets a slice)
  F1        - core F1 (the eval README's rule, tui/figures/scoring.py) and value accuracy of both on our
              own cases (tests/data/figures/cases.jsonl) and on the labeled seeds
  cli       - ``natproj-tui figures FOLDER`` over a --cli-mb corpus written in mixed encodings, for each
              --jobs value: MB/s by wall clock and by CPU time (read + decode + detect + print)
CPU time is reported next to wall time because a shared machine's wall clock says more about the
neighbours than about the code.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_corpus import make_texts, write_corpus

from tui.figures import find_figures
from tui.figures.scoring import Score, Span, score, spans

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "tests" / "data" / "figures" / "cases.jsonl"
SEEDS = ROOT / "tests" / "data" / "figures" / "seeds-figures.jsonl"


def quantulum() -> Callable[[str], list[Span]] | None:
    try:
        warnings.filterwarnings("ignore")  # "classifier dependencies not installed": we use the rules
        from quantulum3 import parser
    except ImportError as e:
        print(f"quantulum3 not importable ({e}); pip install 'quantulum3>=0.10'")
        return None

    def parse(text: str) -> list[Span]:
        out = []
        for q in parser.parse(text):
            kind = "percent" if q.unit.name in ("percentage", "per cent", "percent") else None
            out.append(Span(q.span[0], q.span[1], kind, q.value))
        return out

    return parse


def ours(text: str) -> list[Span]:
    return spans(find_figures(text))


def rates(fn: Callable[[str], Any], texts: Sequence[str], repeat: int) -> tuple[float, float]:
    """(median, p95) MB/s by CPU time; p95 of the time is the slow end of the rate."""
    mb = sum(len(t.encode("utf-8")) for t in texts) / 2**20
    got = []
    for _ in range(repeat):
        t0 = time.process_time()
        for t in texts:
            fn(t)
        got.append(mb / max(time.process_time() - t0, 1e-9))
    got.sort()
    return statistics.median(got), got[max(0, int(len(got) * 0.05) - 1)] if len(got) >= 20 else got[0]


def slice_mb(texts: list[str], mb: float) -> list[str]:
    out, size = [], 0
    for t in texts:
        if size >= mb * 2**20:
            break
        out.append(t)
        size += len(t.encode("utf-8"))
    return out


def load_cases(path: Path) -> list[tuple[str, list[Span]]]:
    items = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            rec = json.loads(line)
            text, gold, pos = rec["text"], [], 0
            for f in rec["figures"]:
                if "start" in f:
                    gold.append(Span(f["start"], f["end"], f["kind"], f.get("value")))
                    continue
                start = text.index(f["text"], pos)
                pos = start + len(f["text"])
                gold.append(Span(start, pos, f["kind"], f.get("value")))
            items.append((text, gold))
    return items


def f1_line(name: str, s: Score) -> str:
    return (f"  {name:10s} F1 {s.f1:.3f}  P {s.precision:.3f}  R {s.recall:.3f}  "
            f"value acc {s.value_accuracy:.3f}  (tp {s.tp}, fp {s.fp}, fn {s.fn})")


def bench_cli(mb: float, jobs: list[int]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        paths = write_corpus(folder, int(mb * 2**20))
        size = mb  # UTF-8 MB of text, whatever encoding the files are in
        disk = sum(p.stat().st_size for p in paths) / 2**20
        print(f"cli: {len(paths)} files, {size:.0f} MB of text ({disk:.1f} MB on disk)")
        exe = Path(sys.executable).with_name("natproj-tui")
        cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "tui"]
        for n in jobs:
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            t0 = time.perf_counter()
            with open(os.devnull, "w") as sink:
                subprocess.run([*cmd, "figures", str(folder), "--jobs", str(n)], stdout=sink, check=True)
            wall = time.perf_counter() - t0
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
            print(f"  --jobs {n}: {wall:.2f} s wall -> {size / wall:.2f} MB/s; {cpu:.2f} s CPU in all "
                  f"processes -> {size / cpu:.2f} MB/s per core")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=2, help="text for our detector (MB)")
    ap.add_argument("--peer-mb", type=float, default=0.1, help="slice of it for the speed comparison (MB)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--cli-mb", type=float, default=20, help="corpus for the CLI run (MB; 0 skips)")
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    args = ap.parse_args()

    texts = make_texts(int(args.mb * 2**20))
    med, p95 = rates(ours, texts, args.repeat)
    print(f"detector: {args.mb:g} MB, {len(texts)} documents: median {med:.2f} MB/s, p95 {p95:.2f} MB/s")

    peer = quantulum()
    part = slice_mb(texts, args.peer_mb)
    ours_part, _ = rates(ours, part, args.repeat)
    if peer:
        import importlib.metadata as md

        peer_part, _ = rates(peer, part, 1)
        print(f"peer: quantulum3 {md.version('quantulum3')} on {args.peer_mb:g} MB: {peer_part:.3f} MB/s; "
              f"ours on the same text {ours_part:.2f} MB/s; ratio {ours_part / peer_part:.0f}x")

    for name, path in (("own cases", CASES), ("seeds", SEEDS)):
        items = load_cases(path)
        print(f"F1 on {name} ({len(items)} texts, {sum(len(g) for _, g in items)} figures):")
        print(f1_line("ours", score((t, g, ours(t)) for t, g in items)))
        if peer:
            print(f1_line("quantulum3", score((t, g, peer(t)) for t, g in items)))

    if args.cli_mb > 0:
        bench_cli(args.cli_mb, args.jobs)


if __name__ == "__main__":
    main()
