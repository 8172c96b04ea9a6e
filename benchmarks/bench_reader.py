"""Reader speed: opening a big document and what one cursor key costs, a seed vs 1 MB.

    python benchmarks/bench_reader.py              # a seed (~3 KB) and a 1 MB document
    python benchmarks/bench_reader.py --mb 5 --docs 3 --keys 100

Measured in the real app (headless):
  open          - until the reader has drawn the document and its keys work: a small one is
                  prepared in place; of a big one the start (``PREVIEW_CHARS``) is
  first_key     - the first cursor key right after that (on a big document's start)
  whole         - until the whole document replaces that start: preparing it from the file in a
                  worker (the corpus is indexed lazily), re-anchoring, figures, suggestions, wrapping
  reopen        - the same again after another document (the corpus and the session keep a few)
  key           - the cursor key's handler (session + widget updates + one frame of lines)
  press_cpu     - CPU of a whole key press with Textual's frame (process time around Pilot.press,
                  which includes the pilot's own idle checks: an upper bound)
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from timing import p95

from tui.app.app import NatprojApp
from tui.app.widgets.document_view import wrap_lines

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def big_text(mb: float) -> str:
    """Seed articles, repeated to ``mb`` megabytes, as one document."""
    parts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    body = "\n\n".join(parts)
    out = []
    size = 0
    while size < mb * 1_000_000:
        out.append(body)
        size += len(body)
    return "\n\n".join(out)


def frame(app: NatprojApp) -> None:
    """Render the reader's visible lines, as the next screen update does."""
    view = app.reader_view
    view.render_lines(view.size.region)


async def measure(corpus: Path, doc_ids: list[str], keys: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        app = NatprojApp(corpus, Path(tmp) / "db.json", None, "bench", False)
        async with app.run_test(size=(120, 40)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            other = next(d for d in app.session.corpus.ids() if d not in doc_ids)
            opened: list[float] = []
            first_key: list[float] = []
            whole: list[float] = []
            for doc_id in doc_ids:  # each opened for the first time
                app.open_document(other)
                await pilot.pause()
                t = time.perf_counter()
                app.open_document(doc_id)  # a big one shows its start; a worker prepares the whole
                frame(app)
                opened.append(time.perf_counter() - t)
                assert app.reader is not None and app.reader.doc.id == doc_id
                k = time.perf_counter()
                app.action_sentence(1)
                frame(app)
                first_key.append(time.perf_counter() - k)
                while not app.reader.doc.complete:
                    await asyncio.sleep(0.001)
                whole.append(time.perf_counter() - t)
                await pilot.pause()
            doc_id = doc_ids[-1]
            # again, after another document: prepared documents stay in the corpus's LRU
            app.open_document(other)
            await pilot.pause()
            t = time.perf_counter()
            app.open_document(doc_id)
            frame(app)
            reopened = time.perf_counter() - t
            await pilot.pause()
            handler: list[float] = []
            for i in range(keys):
                t = time.perf_counter()
                app.action_sentence(1 if i < keys // 2 else -1)
                frame(app)
                handler.append(time.perf_counter() - t)
            cpu: list[float] = []
            for i in range(min(keys, 40)):
                c = time.process_time()
                await pilot.press("j" if i % 2 == 0 else "k")
                cpu.append(time.process_time() - c)
            text = app.reader.doc.text
            t = time.perf_counter()
            wrap_lines(text, 80)
            wrap = time.perf_counter() - t
    ms = 1000
    return {
        "open_median_ms": statistics.median(opened) * ms,
        "open_p95_ms": p95(opened) * ms,
        "first_key_p95_ms": p95(first_key) * ms,
        "whole_median_s": statistics.median(whole),
        "reopen_ms": reopened * ms,
        "key_median_ms": statistics.median(handler) * ms,
        "key_p95_ms": p95(handler) * ms,
        "press_cpu_median_ms": statistics.median(cpu) * ms,
        "press_cpu_p95_ms": p95(cpu) * ms,
        "wrap_80_s": wrap,
        "chars": len(text),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=float, default=1.0)
    parser.add_argument("--docs", type=int, default=5, help="documents of each kind, each opened once")
    parser.add_argument("--keys", type=int, default=200)
    args = parser.parse_args()
    seeds = sorted(p.stem for p in SEEDS.glob("*.txt"))
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        for k in range(args.docs):  # the seeds under other names: unprepared, like the big ones
            for p in SEEDS.glob("*.txt"):
                shutil.copy(p, corpus / f"{p.stem}_{k}.txt")
        big = big_text(args.mb)
        for k in range(args.docs):
            (corpus / f"zz_big_{k}.txt").write_text(big, encoding="utf-8")
        small_ids = [f"{seeds[k % len(seeds)]}_{k}" for k in range(args.docs)]
        small = asyncio.run(measure(corpus, small_ids, args.keys))
        large = asyncio.run(measure(corpus, [f"zz_big_{k}" for k in range(args.docs)], args.keys))
    print(f"{'':22}{'seed':>12}{f'{args.mb:g} MB':>12}{'ratio':>8}")
    for key in small:
        a, b = small[key], large[key]
        ratio = b / a if a else float("nan")
        print(f"{key:22}{a:12.3f}{b:12.3f}{ratio:8.1f}")
    print("budget: opening a 1 MB document and moving the cursor <= 50 ms (open_p95_ms, key_p95_ms)")


if __name__ == "__main__":
    main()
