"""Export speed with 100,000 annotations, per format.

    python benchmarks/bench_export.py                     # 100,000 annotations over 1,000 documents
    python benchmarks/bench_export.py --annotations 20000 --docs 500 --repeat 5

Builds a corpus from benchmarks/make_corpus.py in memory (prepared once, not timed), a database
with ``add_many`` (initiatives on whole sentences, targets on spans, half of them Russian), then
times ``write_export`` into a file for each format: median and p95 over ``--repeat`` runs. The
baseline, in the same run, is the least any exporter must do: ``json.dumps`` of every record's
``to_dict()``, one line each; ratio = export time / baseline time (lower is better).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_corpus import make_texts
from timing import p95

from tui.corpus import Corpus, prepare_document
from tui.corpus.boilerplate import CorpusStats
from tui.dataset import write_export
from tui.store import Annotation, AnnotationStore

FORMATS = ("native", "records", "spans", "doccano")


def build(folder: Path, docs: int, n: int) -> tuple[Corpus, AnnotationStore]:
    texts: list[str] = []
    size = 400_000
    while len(texts) < docs:
        texts = make_texts(size)
        size *= 2
    texts = texts[:docs]
    stats = CorpusStats.from_texts(texts)
    corpus = Corpus([prepare_document(f"doc{i:05d}", t, stats=stats, normalised=True)
                     for i, t in enumerate(texts)])
    anns: list[Annotation] = []
    i = 0
    while len(anns) < n:
        doc = corpus.documents[i % docs]
        s = doc.sentences[(i // docs) % len(doc.sentences)]
        if i % 2:
            anns.append(Annotation.anchored(doc.text, s.start, s.end, doc=doc.id, kind="initiative",
                                            label="np.digital_economy", scope="passage", annotator="bench"))
        else:
            end = min(s.end, s.start + 40)
            anns.append(Annotation.anchored(doc.text, s.start, end, doc=doc.id, kind="target", label="target",
                                            scope="span", annotator="bench",
                                            attrs={"metric": "share of services online", "value": 95,
                                                   "unit": "%", "qualifier": None, "deadline": 2024,
                                                   "region": None, "status": "goal", "initiative": None}))
        i += 1
    store = AnnotationStore(folder / "db.json", annotator="bench")
    store.add_many(anns)
    return corpus, store


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--annotations", type=int, default=100_000)
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--formats", nargs="+", default=list(FORMATS))
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        t = time.perf_counter()
        corpus, store = build(folder, args.docs, args.annotations)
        print(f"{store.count()} annotations over {len(corpus.documents)} documents "
              f"(built in {time.perf_counter() - t:.1f} s)")
        base: list[float] = []
        for _ in range(args.repeat):
            t = time.perf_counter()
            with open(folder / "base.jsonl", "w", encoding="utf-8") as out:
                for a in store.all():
                    out.write(json.dumps(a.to_dict(), ensure_ascii=False) + "\n")
            base.append(time.perf_counter() - t)
        b = statistics.median(base)
        print(f"{'baseline json.dumps':20s} median {b:7.3f} s   p95 {p95(base):7.3f} s")
        for fmt in args.formats:
            times: list[float] = []
            lines = 0
            for _ in range(args.repeat):
                t = time.perf_counter()
                with open(folder / f"{fmt}.jsonl", "w", encoding="utf-8") as out:
                    lines = write_export(out, fmt, corpus, store)
                times.append(time.perf_counter() - t)
            med = statistics.median(times)
            print(f"{'export ' + fmt:20s} median {med:7.3f} s   p95 {p95(times):7.3f} s   "
                  f"ratio vs baseline {med / b:5.2f}x   ({lines} lines)")
        store.close()
    print("budget: export of 100,000 annotations <= 2 s")


if __name__ == "__main__":
    main()
