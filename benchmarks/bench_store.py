"""Save latency (one keypress) and open time of the annotation store vs plain TinyDB JSONStorage.

    python benchmarks/bench_store.py            # 1k, 10k, 100k annotations
    python benchmarks/bench_store.py --sizes 1000 10000 --plain-100k 5

The store's add() is what one keypress costs (journal append + fsync). Plain TinyDB rewrites and
fsyncs the whole file per insert, so it gets few iterations at large sizes.
"""

from __future__ import annotations

import argparse
import gc
import json
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from tinydb import TinyDB

from tui.store import Annotation, AnnotationStore

RU = ("В 2024 году 95% школ Рязанской области получат доступ к интернету, сообщили в правительстве "
      "региона в рамках национального проекта «Цифровая экономика».")
EN = ("By 2030, 97 per cent of households will have broadband under the Digital Economy national project, "
      "the Ministry of Digital Development said on Tuesday.")
SHA = "9f" * 32


def make(i: int, heavy: bool = False) -> Annotation:
    """Half Russian, half English; half targets with attributes, half initiatives (all heavy with --heavy)."""
    text = RU if heavy or i % 2 else EN
    start = i % 60
    fields: dict = {"doc": f"doc{i % 1000:04d}", "annotator": "bench", "doc_sha256": SHA}
    if heavy or i % 4 < 2:
        fields.update(kind="target", label="target", attrs={
            "metric": ("доля школ с доступом к интернету" if text is RU
                       else "share of households with broadband"),
            "value": 95, "unit": "%", "qualifier": None, "deadline": 2024,
            "region": "Рязанская область" if text is RU else None, "status": "goal",
            "initiative": "np.digital_economy"})
    else:
        fields.update(kind="initiative", label="np.digital_economy")
    return Annotation.anchored(text, start, start + 25, **fields)


def pct(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def timed(fn: Callable[[], object], n: int) -> list[float]:
    out = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return out


def bench_store(folder: Path, n: int, iterations: int, heavy: bool) -> dict[str, float]:
    db = folder / f"store-{n}.json"
    with AnnotationStore(db, annotator="bench") as s:
        s.add_many(make(i, heavy) for i in range(n))
    t = time.perf_counter()
    s = AnnotationStore(db, annotator="bench")
    open_ms = (time.perf_counter() - t) * 1000
    counter = iter(range(n, n + 10 * iterations))
    adds = timed(lambda: s.add(make(next(counter))), iterations)
    ids = [a.id for a in s.for_doc("doc0001")]
    edits = timed(lambda: s.update(ids[0], note="x"), iterations)
    reads = timed(lambda: s.for_doc("doc0002"), iterations)
    undos = timed(s.undo, min(iterations, 50))
    t = time.perf_counter()
    s.close()
    close_ms = (time.perf_counter() - t) * 1000
    gc.unfreeze()
    gc.collect()
    return {"open": open_ms, "add50": pct(adds, .5), "add95": pct(adds, .95), "edit95": pct(edits, .95),
            "read95": pct(reads, .95), "undo95": pct(undos, .95), "close": close_ms,
            "size": db.stat().st_size / 1e6}


def bench_plain(folder: Path, n: int, iterations: int, heavy: bool) -> dict[str, float]:
    db = folder / f"plain-{n}.json"
    rows = {str(i + 1): make(i, heavy).to_dict() for i in range(n)}
    db.write_text(json.dumps({"annotations": rows}, ensure_ascii=False), encoding="utf-8")
    t = time.perf_counter()
    plain = TinyDB(db, encoding="utf-8", ensure_ascii=False)
    table = plain.table("annotations")
    table.all()
    open_ms = (time.perf_counter() - t) * 1000
    counter = iter(range(n, n + 10 * iterations))
    adds = timed(lambda: table.insert(make(next(counter)).to_dict()), iterations)
    plain.close()
    return {"open": open_ms, "add50": pct(adds, .5), "add95": pct(adds, .95)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000])
    parser.add_argument("--iterations", type=int, default=300, help="store keypresses timed per size")
    parser.add_argument("--plain-100k", type=int, default=20, help="plain TinyDB inserts timed at 100k")
    parser.add_argument("--heavy", action="store_true",
                        help="every record a Russian target with full attributes (the worst case for open)")
    args = parser.parse_args()
    print(f"{'records':>8} | {'':6} | {'open ms':>8} | {'add p50':>8} | {'add p95':>8} | "
          f"{'edit p95':>8} | {'for_doc p95':>11} | {'undo p95':>8} | {'close ms':>8} | file MB")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for n in args.sizes:
            ours = bench_store(folder, n, args.iterations, args.heavy)
            plain_iterations = 100 if n <= 1000 else 30 if n <= 10_000 else args.plain_100k
            base = bench_plain(folder, n, plain_iterations, args.heavy)
            print(f"{n:>8} | store  | {ours['open']:8.1f} | {ours['add50']:8.2f} | {ours['add95']:8.2f} | "
                  f"{ours['edit95']:8.2f} | {ours['read95']:11.3f} | {ours['undo95']:8.2f} | "
                  f"{ours['close']:8.1f} | {ours['size']:.1f}")
            print(f"{n:>8} | TinyDB | {base['open']:8.1f} | {base['add50']:8.2f} | {base['add95']:8.2f} | "
                  f"{'':8} | {'':11} | {'':8} | {'':8} | ({plain_iterations} inserts)")
            print(f"{n:>8} | ratio  | {'':8} | {base['add50'] / ours['add50']:7.0f}x | "
                  f"{base['add95'] / ours['add95']:7.0f}x |  (plain TinyDB / store, add latency)")
    print("budget: add p95 < 16 ms (one frame) and open < 1000 ms at 100,000 annotations")


if __name__ == "__main__":
    main()
