"""How long suggestions take, and how good they are on the labeled seeds.

Speed: median and p95 of suggest_initiatives and suggest_targets per seed document and for one
large document (the seeds repeated), with a naive matcher (every alias its own regex, each call)
as the baseline run in the same process. Quality (``--gold``): initiative precision/recall against
the gold mentions, and target candidate recall and attribute accuracy against the gold targets,
with the real figure detector and with the gold figures.

    python benchmarks/bench_suggest.py [--mb 1.0] [--repeat 7] [--gold]
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from timing import p95

from tui.corpus import open_corpus, prepare_document
from tui.figures import find_figures
from tui.figures.scoring import gold_figures
from tui.labels import LabelSchema, load_labels
from tui.suggest import suggest_initiatives, suggest_targets
from tui.suggest.gazetteer import gazetteer

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT.parent / "shared" / "eval" / "seeds-gold.jsonl"


def naive_initiatives(text: str, schema: LabelSchema) -> int:
    """Every alias on its own, compiled on each call: what a simple loop over the schema costs."""
    hits = 0
    for lab in schema.labels:
        for alias in lab.all_aliases:
            hits += sum(1 for _ in re.finditer(re.escape(alias), text, re.IGNORECASE))
    return hits


def timed(fn: Callable[[], object], repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t0) * 1000)
    return out


def report(name: str, ms: list[float]) -> float:
    med = statistics.median(ms)
    print(f"{name:<44} median {med:9.2f} ms   p95 {p95(ms):9.2f} ms")
    return med


def gold_report(schema: LabelSchema) -> None:
    corpus = open_corpus(ROOT / "seeds")
    rows = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines()]
    by_name = {lab.name: lab.id for lab in schema.labels}
    tp = fp = fn = gone = 0
    for g in rows:
        doc = corpus.get(g["id"])
        pred = {(doc.raw_offset(s.start), doc.raw_offset(s.end - 1) + 1, s.label)
                for s in suggest_initiatives(doc.id, doc.text, schema)}
        gold = set()
        for sp in g["initiative_spans"]:
            if doc.offsets.to_clean(sp["start"]) is None:
                gone += 1  # inside removed boilerplate: nothing to suggest on
            else:
                gold.add((sp["start"], sp["end"], by_name[sp["canonical"]]))
        tp, fp, fn = tp + len(pred & gold), fp + len(pred - gold), fn + len(gold - pred)
    print(f"initiatives (exact span + label): tp={tp} fp={fp} fn={fn} precision={tp / max(tp + fp, 1):.2f} "
          f"recall={tp / max(tp + fn, 1):.2f} (+{gone} gold mentions inside removed boilerplate)")
    attrs = ("value", "unit", "deadline", "status", "region", "initiative")
    for source in ("find_figures", "gold figures"):
        n = hit = cands = 0
        right = dict.fromkeys(attrs, 0)
        for g in rows:
            doc = corpus.get(g["id"])
            figs = find_figures(doc.text, doc.lang) if source == "find_figures" else gold_figures(doc, g)
            sugs = suggest_targets(doc, figs, schema)
            cands += len(sugs)
            for t in g["targets"]:
                n += 1
                at = doc.offsets.to_clean(t["figure_start"])
                over = sorted((s for s in sugs if s.start <= at < s.end),
                              key=lambda s, t=t: (s.attrs["value"] != t["value"], s.end - s.start))
                if over:
                    hit += 1
                    want = {**t, "initiative": by_name.get(t.get("initiative") or "")}
                    for k in attrs:
                        right[k] += over[0].attrs[k] == want.get(k)
        acc = " ".join(f"{k}={right[k] / max(hit, 1):.2f}" for k in attrs)
        print(f"targets with {source:<13}: recall={hit}/{n} candidates={cands} | {acc}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=1.0, help="size of the large document")
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--gold", action="store_true", help="print quality on the labeled seeds and stop")
    args = ap.parse_args()
    schema = load_labels(None)
    if args.gold:
        gold_report(schema)
        return
    t0 = time.perf_counter()
    gazetteer(schema)
    print(f"compile the alias regex once: {(time.perf_counter() - t0) * 1000:.1f} ms "
          f"({len(gazetteer(schema).aliases)} aliases)")

    docs = open_corpus(ROOT / "seeds").documents
    figs = {d.id: find_figures(d.text, d.lang) for d in docs}
    per_doc_init = [t for d in docs for t in timed(lambda d=d: suggest_initiatives(d.id, d.text, schema),
                                                    args.repeat)]
    per_doc_naive = [t for d in docs
                     for t in timed(lambda d=d: naive_initiatives(d.text, schema), args.repeat)]
    per_doc_tgt = [t for d in docs for t in timed(lambda d=d: suggest_targets(d, figs[d.id], schema),
                                                   args.repeat)]
    print(f"-- per seed document ({len(docs)} docs, ~{sum(len(d.text) for d in docs) // len(docs)} chars)")
    a = report("suggest_initiatives", per_doc_init)
    b = report("baseline: one regex per alias", per_doc_naive)
    print(f"{'':<44} ratio baseline/ours {b / a:.1f}x")
    report("suggest_targets", per_doc_tgt)

    unit = "\n\n".join(d.text for d in docs)
    big_text = "\n\n".join([unit] * max(1, int(args.mb * 1_000_000 / len(unit))))
    big = prepare_document("big", big_text)
    big_figs = find_figures(big.text, big.lang)
    print(f"-- one document of {len(big.text) / 1e6:.2f} MB, {len(big_figs)} figures")
    a = report("suggest_initiatives", timed(lambda: suggest_initiatives(big.id, big.text, schema), 3))
    b = report("baseline: one regex per alias", timed(lambda: naive_initiatives(big.text, schema), 3))
    print(f"{'':<44} ratio baseline/ours {b / a:.1f}x")
    report("suggest_targets", timed(lambda: suggest_targets(big, big_figs, schema), 3))


if __name__ == "__main__":
    main()
