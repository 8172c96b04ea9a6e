"""A key that adds a label, up to visible saved state, with 100,000 annotations in the database.

    python benchmarks/bench_keypress.py                   # 100,000 annotations over 5,000 documents
    python benchmarks/bench_keypress.py --annotations 10000 --keys 100

Levels, each as median and p95 over ``--keys`` presses; between presses (untimed) the cursor
moves to the next sentence and the label is undone, so the open document keeps its ~20 records:
  store.add      - the baseline: the durable write alone (journal append + fsync)
  session        - Session.tag_initiative + the list row + the corpus progress (what the app asks
                   of the domain for one key)
  app handler    - in the headless app: the store change through the app's own write path (panel,
                   list row, progress, title, reader marks) and a frame's worth of reader lines
  pilot i,1      - wall time of pressing "i" then "1" (the picker) with Pilot, including Textual's
                   screen push/pop and the pilot's idle waits: an upper bound
ratio = median / store.add median.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_corpus import write_corpus
from timing import p95

from tui.corpus import index_corpus, open_corpus
from tui.labels import load_labels
from tui.session import Session
from tui.store import Annotation, AnnotationStore

LABEL = "np.digital_economy"


def report(name: str, xs: list[float], base: float | None) -> None:
    med = statistics.median(xs) * 1000
    ratio = f"   ratio vs store.add {med / base:6.1f}x" if base else ""
    print(f"{name:14s} median {med:7.2f} ms   p95 {p95(xs) * 1000:7.2f} ms{ratio}")


def build(folder: Path, docs: int, n: int) -> tuple[Path, Path, str]:
    corpus_dir = folder / "corpus"
    size = docs * 2_450
    write_corpus(corpus_dir, size)
    corpus = open_corpus(corpus_dir)
    anns = []
    i = 0
    documents = corpus.documents
    while len(anns) < n:
        doc = documents[i % len(documents)]
        s = doc.sentences[(i // len(documents)) % len(doc.sentences)]
        anns.append(Annotation.anchored(doc.text, s.start, s.end, doc=doc.id, kind="initiative", label=LABEL,
                                        scope="passage", annotator="bench", doc_sha256=doc.sha256))
        i += 1
    db = folder / "db.json"
    with AnnotationStore(db, annotator="bench") as store:
        store.add_many(anns)
    return corpus_dir, db, documents[len(documents) // 2].id


def timed(n: int, before: Callable[[], object], action: Callable[[], object]) -> list[float]:
    out = []
    for _ in range(n):
        before()
        t = time.perf_counter()
        action()
        out.append(time.perf_counter() - t)
    return out


async def app_level(corpus_dir: Path, db: Path, doc_id: str, keys: int) -> tuple[list[float], list[float]]:
    from tui.app.app import NatprojApp

    app = NatprojApp(corpus_dir, db, None, "bench", False)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        app.open_document(doc_id)
        await pilot.pause()
        view = app.reader_view

        def key() -> None:
            app._write(lambda: app.session.tag_initiative(LABEL), app._describe("tagged"))
            view.render_lines(view.size.region)  # the reader's lines, as the next frame draws them

        def between() -> None:
            app.session.undo()
            app.action_sentence(1)

        handler = timed(keys, between, key)
        app.open_document(doc_id)
        view.focus()
        await pilot.pause()
        pressed = []
        for _ in range(min(keys, 30)):
            await pilot.press("j")
            t = time.perf_counter()
            await pilot.press("i", "1")
            pressed.append(time.perf_counter() - t)
        await pilot.press("q")
    return handler, pressed


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--annotations", type=int, default=100_000)
    ap.add_argument("--docs", type=int, default=5000)
    ap.add_argument("--keys", type=int, default=200)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        t = time.perf_counter()
        corpus_dir, db, doc_id = build(folder, args.docs, args.annotations)
        print(f"{args.annotations} annotations over {args.docs} documents (built in "
              f"{time.perf_counter() - t:.1f} s)")
        corpus = index_corpus(corpus_dir, cache=folder / "cache")
        store = AnnotationStore(db, annotator="bench")
        gc.freeze()
        session = Session(corpus, store, load_labels(None))
        reader = session.open(doc_id)
        session.rows()
        session.progress()
        other = corpus.get(corpus.ids()[0])  # the baseline's records go elsewhere: the open document
        assert other is not None and other.id != doc_id  # keeps its ~20 for the levels below
        sentences = iter(range(10**9))

        def add() -> None:
            s = other.sentences[next(sentences) % len(other.sentences)]
            store.add(Annotation.anchored(other.text, s.start, s.end, doc=other.id, kind="initiative",
                                          label=LABEL, scope="passage"))

        base = timed(args.keys, lambda: None, add)
        b = statistics.median(base) * 1000

        def tag() -> None:
            session.tag_initiative(LABEL)
            session.row(doc_id)
            session.progress()

        def between() -> None:
            session.undo()
            reader.next_sentence(1) or reader.goto(0)

        sess = timed(args.keys, between, tag)
        store.close()
        report("store.add", base, None)
        report("session", sess, b)
        handler, pressed = asyncio.run(app_level(corpus_dir, db, doc_id, args.keys))
        report("app handler", handler, b)
        report("pilot i,1", pressed, b)
    print("budget: p95 <= 16 ms (one frame) at 100,000 annotations")


if __name__ == "__main__":
    main()
