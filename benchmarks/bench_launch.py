"""Launch time on a large corpus: until the document list shows every document, cold and warm.

    python benchmarks/bench_launch.py                       # a 10,000-document corpus (~28 MB)
    python benchmarks/bench_launch.py --corpus DIR --repeat 5

Prints median and p95 over ``--repeat`` runs of:
  index cold   - scan + fill of the corpus with an empty metadata cache (domain level: every file
                 read and prepared once, in ``--jobs`` processes)
  scan warm    - the fast pass with the cache in place (what stands between launch and the list):
                 the list read from the cache, no file touched
  check warm   - what follows in the background: the rest of the cache, a walk and stat of the
                 folder to find changes, the corpus statistics
  app cold     - NatprojApp headless (Textual run_test), from the app's start to a DocumentList with
                 every row, empty cache; "full" also waits for the background pass to finish
  app warm     - the same with the cache written by the cold run
Each app run is a fresh process; "process" adds the interpreter start and imports. The baseline,
measured in the same run, is what the app did before: ``open_corpus`` (prepare every document)
before showing the list; ratio = baseline / median.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from timing import p95  # noqa: E402  (a sibling file, found through the line above)

CHILD = r"""
import asyncio, json, sys, time
t0 = time.perf_counter()
from pathlib import Path
from tui.app.app import NatprojApp

async def main():
    corpus, db, n = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
    t1 = time.perf_counter()
    app = NatprojApp(corpus, db, None, "bench", False)
    out = {}
    async with app.run_test(size=(120, 40)) as pilot:
        while True:
            lst = app.query("#doc-list")
            if lst and lst.first().option_count >= n:
                break
            await asyncio.sleep(0.002)
        # the rows are set: Textual paints them on its next refresh, while the worker goes on
        # (waiting for the pilot's idle here would also count the first document opening)
        t = time.perf_counter()
        out["list"], out["process"] = t - t1, t - t0
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        out["full"] = time.perf_counter() - t1
        out["rows"] = app.documents.option_list.option_count
        out["opened"] = app.reader.doc.id if app.reader else None
    print(json.dumps(out))

asyncio.run(main())
"""


def line(name: str, xs: list[float], baseline: float | None = None) -> str:
    med = statistics.median(xs)
    ratio = f"   ratio vs baseline {baseline / med:7.1f}x" if baseline else ""
    return f"{name:22s} median {med:8.3f} s   p95 {p95(xs):8.3f} s{ratio}"


def app_run(corpus: Path, cache: Path, n: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "NATPROJ_TUI_CACHE": str(cache)}
        got = subprocess.run([sys.executable, "-c", CHILD, str(corpus), str(Path(tmp) / "db.json"), str(n)],
                             capture_output=True, text=True, env=env, check=True)
    return json.loads(got.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, help="a folder of .txt files (default: generate one)")
    ap.add_argument("--mb", type=float, default=23.3,
                    help="size of the generated corpus (23.3 MB: 10,000 files)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--jobs", type=int, default=None, help="processes for the cold index (default: cores)")
    ap.add_argument("--no-baseline", action="store_true", help="skip the (slow) eager open_corpus baseline")
    args = ap.parse_args()

    from make_corpus import write_corpus

    from tui.corpus import open_corpus
    from tui.corpus.index import index_corpus, scan_corpus

    work = Path(tempfile.mkdtemp(prefix="bench-launch-"))
    try:
        corpus = args.corpus
        if corpus is None:
            corpus = work / "corpus"
            write_corpus(corpus, int(args.mb * 2**20))
        size = sum(f.stat().st_size for f in corpus.rglob("*.txt")) / 2**20
        cache = work / "cache"
        cold, warm, check = [], [], []
        n = 0
        for _ in range(args.repeat):
            shutil.rmtree(cache, ignore_errors=True)
            t = time.perf_counter()
            lazy = index_corpus(corpus, cache=cache, jobs=args.jobs)
            cold.append(time.perf_counter() - t)
            n = len(lazy.ids())
            t = time.perf_counter()
            again = scan_corpus(corpus, cache=cache)
            warm.append(time.perf_counter() - t)
            assert again.index.pending() == 0 and len(again.ids()) == n  # listed from the cache
            t = time.perf_counter()
            again.index.fill()
            check.append(time.perf_counter() - t)
            assert again.ready and not again.index.relisted
        print(f"corpus: {n} documents, {size:.1f} MB on disk, {os.cpu_count()} cores")
        baseline = None
        if not args.no_baseline:
            t = time.perf_counter()
            eager = open_corpus(corpus)
            baseline = time.perf_counter() - t
            assert len(eager.documents) == n
            print(f"{'baseline open_corpus':22s}        {baseline:8.3f} s   (the list waited for it)")
        print(line("index cold (domain)", cold, baseline))
        print(line("scan warm (domain)", warm, baseline))
        print(line("check warm (domain)", check))
        app_cold: list[dict[str, float]] = []
        app_warm: list[dict[str, float]] = []
        for _ in range(args.repeat):
            shutil.rmtree(cache, ignore_errors=True)
            app_cold.append(app_run(corpus, cache, n))
            app_warm.append(app_run(corpus, cache, n))
        for name, runs in (("app cold", app_cold), ("app warm", app_warm)):
            assert all(r["rows"] == n and r["opened"] for r in runs), runs
            print(line(f"{name}: list", [r["list"] for r in runs], baseline))
            print(line(f"{name}: + process", [r["process"] for r in runs]))
            print(line(f"{name}: full", [r["full"] for r in runs]))
        print("budget: list <= 1.0 s cold, <= 0.3 s warm")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
