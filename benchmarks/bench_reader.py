"""Reader speed: opening a big document and what one cursor key costs, a seed vs 1 MB.

    python benchmarks/bench_reader.py              # a seed (~3 KB) and a 1 MB document
    python benchmarks/bench_reader.py --mb 5 --keys 100

Measured in the real app (headless):
  open_blocked  - how long opening holds the screen (a big document is prepared in a worker, so
                  this is only the hand-off; a small one opens in place)
  open          - until the reader shows the document: preparing it from the file (the corpus is
                  indexed lazily), re-anchoring, figures, suggestions, wrapping
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


async def measure(corpus: Path, doc_id: str, keys: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        app = NatprojApp(corpus, Path(tmp) / "db.json", None, "bench", False)
        async with app.run_test(size=(120, 40)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            other = next(d for d in app.session.corpus.ids() if d != doc_id)
            app.open_document(other)
            await pilot.pause()
            t = time.perf_counter()
            app.open_document(doc_id)
            blocked = time.perf_counter() - t  # what the key's handler costs the screen
            while app.reader is None or app.reader.doc.id != doc_id:  # a big one: a worker prepares it
                await asyncio.sleep(0.001)
            opened = time.perf_counter() - t
            await pilot.pause()
            # again, after another document: prepared documents stay in the corpus's LRU
            app.open_document(other)
            await pilot.pause()
            t = time.perf_counter()
            app.open_document(doc_id)
            reopened = time.perf_counter() - t
            await pilot.pause()
            handler: list[float] = []
            for i in range(keys):
                t = time.perf_counter()
                app.action_sentence(1 if i < keys // 2 else -1)
                for y in range(app.reader_view.scrollable_content_region.height):  # one frame's lines
                    app.reader_view.render_line(y)
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
    return {
        "open_blocked_s": blocked,
        "open_s": opened,
        "reopen_s": reopened,
        "key_median_ms": statistics.median(handler) * 1000,
        "key_p95_ms": p95(handler) * 1000,
        "press_cpu_median_ms": statistics.median(cpu) * 1000,
        "press_cpu_p95_ms": p95(cpu) * 1000,
        "wrap_80_s": wrap,
        "chars": len(text),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=float, default=1.0)
    parser.add_argument("--keys", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        shutil.copytree(SEEDS, corpus)
        (corpus / "zz_big.txt").write_text(big_text(args.mb), encoding="utf-8")
        small_id = sorted(p.stem for p in SEEDS.glob("*.txt"))[0]
        small = asyncio.run(measure(corpus, small_id, args.keys))
        big = asyncio.run(measure(corpus, "zz_big", args.keys))
    print(f"{'':22}{'seed':>12}{f'{args.mb:g} MB':>12}{'ratio':>8}")
    for key in ("chars", "open_blocked_s", "open_s", "reopen_s", "wrap_80_s", "key_median_ms", "key_p95_ms",
                "press_cpu_median_ms", "press_cpu_p95_ms"):
        a, b = small[key], big[key]
        ratio = b / a if a else float("nan")
        print(f"{key:22}{a:12.3f}{b:12.3f}{ratio:8.1f}")


if __name__ == "__main__":
    main()
