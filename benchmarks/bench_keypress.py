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
  frame a / 1 / ⏎ - what the user waits for: from a key entering the app's message queue to the
                   first frame written to the terminal that was drawn after the label was saved;
                   "a" accepts the suggestion under the cursor, "1" picks the first initiative in
                   the picker that "i" opened, "⏎" saves the target form that "t" opened with the
                   figure's values (the dialog closes in that same frame)
  settled a/1/⏎  - from the key to the last frame it caused (no frame for QUIET s after it); for
                   "1" and "⏎" Textual draws the whole main screen as the dialog closes and then,
                   a frame or two later, the widgets the key changed once more (the same text)
  frame i, t, j  - the same for opening the picker, opening the target form and moving to the
                   next sentence (no label)
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
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_corpus import write_corpus
from textual import events
from timing import p95

from tui.corpus import index_corpus, open_corpus
from tui.labels import load_labels
from tui.session import Session
from tui.store import Annotation, AnnotationStore

LABEL = "np.digital_economy"
QUIET = 0.1  # s without a frame after which a key's frames are taken to be over


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


class FrameClock:
    """Times a key to the first frame drawn once ``done(screen)`` holds for the screen drawn.

    Textual writes each frame through ``App._display``; wrapping it is the one place that sees a
    frame leave for the terminal (the headless driver discards it after that)."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.frames: list[tuple[float, bool]] = []
        self.done: Callable[[Any], bool] = lambda screen: True
        draw = app._display

        def display(screen: Any, renderable: Any) -> None:
            draw(screen, renderable)
            self.frames.append((time.perf_counter(), self.done(screen)))

        app._display = display

    async def press(self, key: str, done: Callable[[Any], bool]) -> float:
        self.frames.clear()
        self.done = done
        t = self.pressed = time.perf_counter()
        self.app.post_message(events.Key(key, key if len(key) == 1 else None))
        while time.perf_counter() - t < 5:
            await asyncio.sleep(0.0002)
            for when, shown in self.frames:
                if shown:
                    return when - t
        raise RuntimeError(f"no frame showed the result of {key!r} within 5 s")

    async def settle(self, since: float) -> float:
        """Wait until no frame has come for QUIET s; how long after ``since`` the last one came."""
        while True:
            last = self.frames[-1][0]
            await asyncio.sleep(QUIET)
            if self.frames[-1][0] == last:
                return last - since


async def frame_level(app: Any, pilot: Any, keys: int) -> dict[str, list[float]]:
    clock = FrameClock(app)
    store = app.session.store
    out: dict[str, list[float]] = {f"{level} {key}": [] for level in ("frame", "settled") for key in "a1⏎"}
    out.update({"frame i": [], "frame t": [], "frame j": []})
    reader = app.reader
    main = app.screen

    async def wrap_around() -> None:  # back to the top once the cursor has run out of the document
        reader.goto(0)
        app._sync()
        await pilot.pause()

    async def label(key: str, in_dialog: bool = False) -> None:
        """Time ``key`` to the frame that shows its label (with the main screen back, if it closes
        a dialog), then undo the label, untimed."""
        n = store.count()
        shown = await clock.press(key, lambda s: store.count() == n + 1 and (s is main or not in_dialog))
        name = "⏎" if key == "enter" else key
        out[f"frame {name}"].append(shown)
        out[f"settled {name}"].append(await clock.settle(clock.pressed))
        await pilot.press("u")

    async def dialog(key: str) -> None:  # time ``key`` to the frame that shows its dialog
        out[f"frame {key}"].append(await clock.press(key, lambda s: s is not main))
        await pilot.pause()

    for _ in range(keys):
        if reader.sentence_index == len(reader.doc.sentences) - 1:
            await wrap_around()
        where = app.reader.pos
        out["frame j"].append(await clock.press("j", lambda s, w=where: app.reader.pos != w))
        await pilot.pause()
        await dialog("i")
        await label("1", in_dialog=True)
        await pilot.press("greater_than_sign")  # the next open suggestion
        if reader.suggestion_at() is None:
            await wrap_around()
            await pilot.press("greater_than_sign")
        await label("a")
        await dialog("t")  # prefilled from the suggestion's figure
        await label("enter", in_dialog=True)
    return out


async def app_level(corpus_dir: Path, db: Path, doc_id: str, keys: int) -> dict[str, list[float]]:
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
        gc.collect()
        out = {"app handler": handler, **await frame_level(app, pilot, min(keys, 60))}
        await pilot.press("q")
    return out


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
        for name, xs in asyncio.run(app_level(corpus_dir, db, doc_id, args.keys)).items():
            report(name, xs, b)
    print("budget: p95 <= 16 ms (one frame) at 100,000 annotations")


if __name__ == "__main__":
    main()
