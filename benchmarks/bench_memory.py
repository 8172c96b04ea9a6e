"""Peak memory (RSS): the app on a 10,000-document corpus, and batch work at two corpus sizes.

    python benchmarks/bench_memory.py                  # app on 10,000 documents; batch at 1,000 and 4,000
    python benchmarks/bench_memory.py --app-mb 5 --sizes 500 2000

Every figure is the peak resident set (ru_maxrss) of a fresh process doing one thing:
  app cold / warm   - NatprojApp headless until the background index is done, then 20 documents
                      opened (cold: empty metadata cache; warm: the cache the cold run wrote)
  eager corpus      - the baseline: ``open_corpus`` of the same corpus (what the app held before)
  clean eager       - the baseline: every document prepared and kept, then written as JSON
                      (``open_paths``, as ``natproj-tui clean --json`` did before it streamed)
  clean, figures,   - the commands as a user runs them (``tui.cli.main``): ``clean --json``,
  export              ``figures``, and ``export --format spans`` of a database with the same 20,000
                      annotations at every size (written by an unmeasured process first)
  export in the app - ``write_export`` spans over the lazy corpus the app holds, same annotations
"python" is the interpreter with the package imported, for reference. For the batch lines the
growth from the small to the large corpus is printed: streaming should stay flat.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

CHILD = r"""
import asyncio, json, os, resource, sys
from pathlib import Path
mode, corpus = sys.argv[1], Path(sys.argv[2])
work = Path(sys.argv[3])

def peak():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

if mode == "python":
    import tui.app.app, tui.corpus  # noqa
elif mode == "eager":
    from tui.corpus import open_corpus
    c = open_corpus(corpus)
elif mode == "app":
    from tui.app.app import NatprojApp
    async def main():
        app = NatprojApp(corpus, work / "db.json", None, "bench", False)
        async with app.run_test(size=(120, 40)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            for doc_id in app.session.corpus.ids()[::max(1, len(app.session.corpus.ids()) // 20)][:20]:
                app.open_document(doc_id)
                await pilot.press("j")
            await pilot.press("q")
    asyncio.run(main())
elif mode == "clean-eager":
    from tui.corpus import open_paths
    from tui.commands.corpus import document_json
    with open(os.devnull, "w") as out:
        for doc in open_paths([corpus]).documents:
            out.write(json.dumps(document_json(doc), ensure_ascii=False) + "\n")
elif mode in ("clean", "figures", "export"):
    from tui.cli import main
    argv = {"clean": ["clean", "--json", str(corpus)], "figures": ["figures", str(corpus)],
            "export": ["export", "--corpus", str(corpus), "--db", str(work / "db.json"), "--format", "spans",
                       "-o", os.devnull]}[mode]
    sys.stdout = open(os.devnull, "w")
    assert main(argv) == 0
elif mode == "make-db":
    from tui.corpus import index_corpus
    from tui.store import Annotation, AnnotationStore
    infos = list(index_corpus(corpus, cache=work / "cache", jobs=1).infos())
    # the same 20,000 annotations at every corpus size: the store is held in memory by design
    # (TinyDB), so only the corpus side is measured for growth
    per_doc = max(1, 20_000 // max(1, len(infos)))
    anns = [Annotation(doc=info.id, kind="initiative", label="np.digital_economy", start=s, end=s + 1,
                       quote="?", scope="span") for info in infos for s in (info.starts or [])[:per_doc]]
    with AnnotationStore(work / "db.json", annotator="bench") as store:
        store.add_many(anns)
elif mode == "export-app":
    from tui.corpus import index_corpus
    from tui.dataset import write_export
    from tui.store import AnnotationStore
    lazy = index_corpus(corpus, cache=work / "cache", jobs=1)
    with AnnotationStore(work / "db.json", annotator="bench") as store, open(os.devnull, "w") as out:
        write_export(out, "spans", lazy, store)
print(json.dumps({"peak_mb": peak()}), file=sys.__stdout__)  # a command's stdout went to devnull
"""


def run(mode: str, corpus: Path, cache: Path) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "NATPROJ_TUI_CACHE": str(cache)}

        def child(what: str) -> str:
            return subprocess.run([sys.executable, "-c", CHILD, what, str(corpus), tmp], capture_output=True,
                                  text=True, env=env, check=True).stdout

        if mode.startswith("export"):
            child("make-db")
        got = child(mode)
    return json.loads(got.strip().splitlines()[-1])["peak_mb"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--app-mb", type=float, default=23.3, help="corpus for the app (23.3 MB: 10,000 files)")
    ap.add_argument("--corpus", type=Path, help="use this folder for the app instead of generating one")
    ap.add_argument("--sizes", type=int, nargs=2, default=[1000, 4000], help="documents, batch runs")
    args = ap.parse_args()

    from make_corpus import write_corpus

    work = Path(tempfile.mkdtemp(prefix="bench-memory-"))
    try:
        cache = work / "cache"
        corpus = args.corpus
        if corpus is None:
            corpus = work / "app"
            write_corpus(corpus, int(args.app_mb * 2**20))
        n = sum(1 for _ in corpus.rglob("*.txt"))
        print(f"app corpus: {n} files")
        print(f"{'python + imports':24s} {run('python', corpus, cache):8.1f} MB")
        eager = run("eager", corpus, cache)
        print(f"{'eager corpus (baseline)':24s} {eager:8.1f} MB")
        shutil.rmtree(cache, ignore_errors=True)
        cold = run("app", corpus, cache)
        warm = run("app", corpus, cache)
        print(f"{'app cold':24s} {cold:8.1f} MB   ratio vs baseline {cold / eager:5.2f}x")
        print(f"{'app warm':24s} {warm:8.1f} MB   ratio vs baseline {warm / eager:5.2f}x")
        print("budget: app <= 300 MB")
        small, large = args.sizes
        folders = {}
        for docs in (small, large):
            folders[docs] = work / f"batch{docs}"
            write_corpus(folders[docs], docs * 2_450)
        for mode in ("clean-eager", "clean", "figures", "export", "export-app"):
            peaks = []
            for docs in (small, large):
                shutil.rmtree(cache, ignore_errors=True)
                peaks.append(run(mode, folders[docs], cache))
            print(f"{mode:24s} {small:6d} docs {peaks[0]:8.1f} MB   {large:6d} docs {peaks[1]:8.1f} MB   "
                  f"growth {peaks[1] - peaks[0]:+7.1f} MB")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
