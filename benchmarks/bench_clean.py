"""Cleaning throughput on a large synthetic corpus (benchmarks/make_corpus.py).

    python benchmarks/bench_clean.py [--mb 20] [--repeat 3]

Prints MB/s (UTF-8 bytes of raw text per second) as median and p95 over repeats for:
  prepare  - prepare_document on in-memory texts with corpus stats (clean + metadata + segmentation)
  clean    - the cleaning step alone (furniture removal + offset map)
  open     - open_corpus on the same corpus written as files in mixed encodings (read + decode +
             corpus stats + prepare)
and, as the baseline run in the same script, syntok segmentation alone on 1 MB of the English
documents (the segmenter DESIGN.md first suggested for English), so "ratio" says how many times
faster each stage is than that one step of the alternative.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_corpus import make_texts, write_corpus

from tui.corpus import open_corpus, prepare_document
from tui.corpus.boilerplate import CorpusStats
from tui.corpus.clean import clean


def _rates(fn, mb: float, repeat: int) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    rates = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        rates.append(mb / (time.perf_counter() - t0))
    rates.sort()
    # p95 of the time is the 5th percentile of the rate (the slow end)
    slow = rates[max(0, int(len(rates) * 0.05) - 1)] if len(rates) > 1 else rates[0]
    return statistics.median(rates), slow


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=20)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    texts = make_texts(int(args.mb * 2**20))
    mb = sum(len(t.encode("utf-8")) for t in texts) / 2**20
    print(f"corpus: {len(texts)} documents, {mb:.1f} MB")
    stats = CorpusStats.from_texts(texts)

    def prepare() -> None:
        for i, t in enumerate(texts):
            prepare_document(str(i), t, stats=stats, normalised=True)

    def clean_only() -> None:
        for t in texts:
            clean(t, stats)

    with tempfile.TemporaryDirectory() as tmp:
        write_corpus(Path(tmp), int(args.mb * 2**20))

        def open_all() -> None:
            corpus = open_corpus(Path(tmp))
            assert not corpus.skipped, corpus.skipped[:3]

        results = {
            "clean": _rates(clean_only, mb, args.repeat),
            "prepare": _rates(prepare, mb, args.repeat),
            "open": _rates(open_all, mb, args.repeat),
        }

    import syntok.segmenter as syntok_segmenter

    # syntok is the English half of the suggestion, so it gets the English documents only
    english = [t for t in texts if not any("\u0400" <= ch <= "\u04ff" for ch in t[:300])]
    sample = "\n\n".join(english)[: 2**20]

    def syntok_only() -> None:
        for paragraph in syntok_segmenter.analyze(sample):
            for _sentence in paragraph:
                pass

    base_median, _ = _rates(syntok_only, len(sample.encode("utf-8")) / 2**20, 1)
    for name, (median, slow) in results.items():
        print(f"{name:8s} median {median:6.2f} MB/s   p95 {slow:6.2f} MB/s   ratio vs baseline "
              f"{median / base_median:5.1f}x")
    print(f"baseline syntok segmentation alone: {base_median:.2f} MB/s")
    seed_dir = Path(__file__).resolve().parents[1] / "seeds"
    seeds = [p.read_text(encoding="utf-8") for p in sorted(seed_dir.glob("*.txt"))]
    t0 = time.perf_counter()
    for i, t in enumerate(seeds):
        prepare_document(str(i), t)
    print(f"the five seeds: {(time.perf_counter() - t0) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
