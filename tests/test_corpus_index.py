"""The lazy corpus index and its metadata cache: same documents as open_corpus, cache hits and
misses by (size, mtime_ns), a corrupt or stale cache ignored, files that change under it."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from tui.corpus import DocInfo, index_corpus, open_corpus, scan_corpus
from tui.corpus import index as index_module
from tui.corpus.cache import MetaCache
from tui.corpus.document import pack_starts, unpack_starts

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
FURNITURE = "Subscribe to our channel for more news"  # no pattern: repeated-across-corpus only


def article(n: int, body: str = "") -> str:
    return (f"Headline number {n} about the digital economy\n\n"
            f"RUSSIA, March {n % 27 + 1} - The region connected {n * 10} schools to the internet. "
            f"Officials said 95 per cent of services are online.{body}\n\nA second paragraph with detail.\n")


def make(folder: Path, n: int, *, furniture: bool = False) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        text = article(i) + (f"\n{FURNITURE}\n" if furniture else "")
        (folder / f"doc{i:03d}.txt").write_text(text, encoding="utf-8")
    return folder


def same_as_eager(root: Path, cache: Path) -> None:
    """The lazy corpus lists and prepares exactly what open_corpus does."""
    eager = open_corpus(root)
    lazy = scan_corpus(root, cache=cache)
    lazy.index.fill()
    assert lazy.ids() == [d.id for d in eager.documents]
    assert lazy.infos() == [DocInfo.of(d) for d in eager.documents]
    for d in eager.documents:
        got = lazy.get(d.id)
        assert got is not None and (got.text, got.title, got.removed) == (d.text, d.title, d.removed)
    assert sorted(lazy.skipped, key=lambda s: s.path) == sorted(eager.skipped, key=lambda s: s.path)


def test_lazy_corpus_equals_open_corpus_on_the_seeds(tmp_path: Path) -> None:
    same_as_eager(SEEDS, tmp_path / "cache")
    # and again from the cache alone
    warm = scan_corpus(SEEDS, cache=tmp_path / "cache")
    assert warm.index.cache_hits == len(warm.ids()) == 5
    assert warm.infos() == [DocInfo.of(d) for d in open_corpus(SEEDS).documents]
    assert not warm.ready  # listed from the cache; opening waits for the walk that checks it
    warm.index.fill()
    assert warm.ready and not warm.index.relisted


def test_a_warm_list_knows_each_documents_sentences(tmp_path: Path) -> None:
    index_corpus(SEEDS, cache=tmp_path / "cache")
    warm = scan_corpus(SEEDS, cache=tmp_path / "cache")
    for doc in open_corpus(SEEDS).documents:
        info = warm.info(doc.id)
        assert info is not None and info.passages == len(doc.sentences) > 1
        assert info.starts == [s.start for s in doc.sentences]
        for offset in (0, doc.sentences[1].start - 1, doc.sentences[-1].start, len(doc.text) - 1):
            assert info.sentence_at(offset) == doc.sentence_at(offset)


@pytest.mark.parametrize("starts", [[], [0], [0, 41, 57, 2024], [7, 7, 100000]])
def test_packed_sentence_starts_come_back_the_same(starts: list[int]) -> None:
    packed = pack_starts(starts)
    assert unpack_starts(packed) == starts
    assert DocInfo("d", packed_starts=packed).passages == len(starts)


def test_warm_scan_reads_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make(tmp_path / "c", 6)
    index_corpus(root, cache=tmp_path / "cache")

    def no_reading(*args: object) -> object:
        raise AssertionError("a cached file was read")

    monkeypatch.setattr(index_module, "read_text_file", no_reading)
    monkeypatch.setattr(index_module, "facts_of_file", no_reading)
    real_walk = index_module.walk_folder
    monkeypatch.setattr(index_module, "walk_folder", no_reading)
    warm = scan_corpus(root, cache=tmp_path / "cache")  # the list, not even a stat of the folder
    assert len(warm.ids()) == 6 and not warm.ready
    assert warm.info("doc003").title == "Headline number 3 about the digital economy"
    assert warm.info("doc003").passages == 3
    monkeypatch.setattr(index_module, "walk_folder", real_walk)
    warm.index.fill()  # the walk finds nothing changed: still nothing read
    assert warm.ready and not warm.index.relisted and len(warm.ids()) == 6


def test_a_changed_size_or_mtime_is_a_miss(tmp_path: Path) -> None:
    root = make(tmp_path / "c", 5)
    cache = tmp_path / "cache"
    index_corpus(root, cache=cache)
    grown = root / "doc001.txt"
    grown.write_text(article(1).replace("Headline number 1", "Changed headline"), encoding="utf-8")
    touched = root / "doc002.txt"
    st = touched.stat()
    os.utime(touched, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))  # same size, new mtime
    again = scan_corpus(root, cache=cache)
    assert again.info("doc001").title == "Headline number 1 about the digital economy"  # as cached
    again.index.fill()
    assert again.index.relisted and again.index.cache_hits == 3  # the walk found two stamps changed
    assert again.info("doc001").title == "Changed headline about the digital economy"
    assert scan_corpus(root, cache=cache).index.cache_hits == 5


@pytest.mark.parametrize("garbage", [b"", b"{not json", b"[1, 2]", b'{"rules": "old", "entries": {}}',
                                     b'{"rules": "old", "keys": ["doc000.txt"]}\n{}'])
def test_a_corrupt_or_stale_cache_is_ignored_and_replaced(tmp_path: Path, garbage: bytes) -> None:
    root = make(tmp_path / "c", 4)
    cache = tmp_path / "cache"
    index_corpus(root, cache=cache)
    path = MetaCache(root, cache).path
    path.write_bytes(garbage)
    again = scan_corpus(root, cache=cache)
    assert again.index.cache_hits == 0 and not again.ready
    again.index.fill()
    assert again.info("doc002").passages == 3
    head, sig = path.read_bytes().split(b"\n")  # rewritten whole: the list, then the statistics facts
    assert len(json.loads(head)["keys"]) == len(json.loads(sig)["edges"]) == 4
    assert scan_corpus(root, cache=cache).index.cache_hits == 4


def test_a_cache_with_sentence_starts_in_another_shape_is_ignored(tmp_path: Path) -> None:
    root = make(tmp_path / "c", 3)
    cache = tmp_path / "cache"
    index_corpus(root, cache=cache)
    path = MetaCache(root, cache).path
    head, sig = path.read_bytes().split(b"\n")
    data = json.loads(head)
    data["starts"] = [[0, 50] for _ in data["starts"]]  # lists, as version 2 wrote them
    path.write_bytes(json.dumps(data).encode() + b"\n" + sig)
    again = scan_corpus(root, cache=cache)
    assert again.index.cache_hits == 0
    again.index.fill()
    assert again.info("doc001").passages == 3


def test_a_cache_whose_second_half_is_damaged_lists_then_indexes_again(tmp_path: Path) -> None:
    root = make(tmp_path / "c", 4, furniture=True)
    cache = tmp_path / "cache"
    index_corpus(root, cache=cache)
    path = MetaCache(root, cache).path
    head = path.read_bytes().split(b"\n")[0]
    path.write_bytes(head + b"\n{cut sho")
    warm = scan_corpus(root, cache=cache)
    assert len(warm.ids()) == 4 and warm.info("doc002").passages == 3  # the list needs only the first half
    indexed: list[int] = []
    warm.index.fill(lambda done, total: indexed.append(total))
    assert indexed[0] == 4 and warm.ready  # every file read again, for its statistics facts
    same_as_eager(root, cache)


def test_a_deleted_file_leaves_the_list(tmp_path: Path) -> None:
    root = make(tmp_path / "c", 4)
    cache = tmp_path / "cache"
    index_corpus(root, cache=cache)
    (root / "doc001.txt").unlink()
    again = scan_corpus(root, cache=cache)
    assert len(again.ids()) == 4  # the cache's list, until the walk
    assert again.get("doc001") is None  # opening waits for the walk
    assert again.ids() == ["doc000", "doc002", "doc003"] and again.index.relisted
    # deleted after the listing, before it is opened: no document, no exception
    (root / "doc002.txt").unlink()
    again.index.fill()
    assert again.get("doc002") is None


def test_progress_and_updates_are_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(index_module, "REPORT_EVERY", 0.0)
    root = make(tmp_path / "c", 5)
    calls: list[tuple[int, int]] = []
    updated: list[str] = []
    lazy = scan_corpus(root, cache=tmp_path / "cache")
    lazy.index.fill(lambda done, total: calls.append((done, total)), updated.extend)
    assert calls[0] == (0, 5) and calls[-1] == (5, 5)
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)
    assert set(updated) == set(lazy.ids())


def test_new_files_that_make_a_line_repeated_reclean_the_cached_ones(tmp_path: Path) -> None:
    """A line becomes furniture only once it repeats in enough documents: the cached documents
    that have it are cleaned again, so the lazy corpus still equals open_corpus."""
    root = make(tmp_path / "c", 10)
    cache = tmp_path / "cache"
    index_corpus(root, cache=cache)
    for i in range(10, 16):
        (root / f"doc{i:03d}.txt").write_text(article(i) + f"\n{FURNITURE}\n", encoding="utf-8")
    for i in range(3):  # three cached documents get the line too: 9 of 16 documents have it now
        path = root / f"doc{i:03d}.txt"
        text = path.read_text(encoding="utf-8")
        os.utime(path, ns=(0, 0))
        path.write_text(text, encoding="utf-8")  # unchanged content, new stamp: indexed again
    shutil.rmtree(cache)
    index_corpus(root, cache=cache)
    for i in range(3, 10):
        path = root / f"doc{i:03d}.txt"
        st = path.stat()
        path.write_text(path.read_text(encoding="utf-8") + f"\n{FURNITURE}\n", encoding="utf-8")
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    same_as_eager(root, cache)
    doc = open_corpus(root).get("doc012")
    assert doc is not None and any(r.reason == "repeated-across-corpus" for r in doc.removed)


def test_bad_files_are_skipped_with_the_same_reasons(tmp_path: Path) -> None:
    root = make(tmp_path / "c", 3)
    (root / "empty.txt").write_bytes(b"")
    (root / "image.txt").write_bytes(b"\x00\x01\x02GIF89a" * 50)
    (root / "furniture.txt").write_text("Share this:\n\nLeave a Reply\n", encoding="utf-8")
    os.symlink(root / "missing.txt", root / "dangling.txt")
    same_as_eager(root, tmp_path / "cache")
    warm = index_corpus(root, cache=tmp_path / "cache")
    reasons = {Path(s.path).name: s.reason for s in warm.skipped}
    assert reasons["empty.txt"] == "empty file" and reasons["image.txt"] == "binary file"
    assert reasons["dangling.txt"] == "broken symbolic link"
    assert reasons["furniture.txt"].startswith("no article text")
    assert "furniture" not in warm.ids()


def test_jsonl_and_single_file_corpora(tmp_path: Path) -> None:
    lines = [json.dumps({"id": f"d{i}", "text": article(i)}) for i in range(4)]
    jsonl = tmp_path / "docs.jsonl"
    jsonl.write_text("\n".join(lines) + "\n{bad\n", encoding="utf-8")
    same_as_eager(jsonl, tmp_path / "cache")
    single = tmp_path / "one.txt"
    single.write_text(article(7), encoding="utf-8")
    same_as_eager(single, tmp_path / "cache")
    missing = scan_corpus(tmp_path / "nowhere", cache=tmp_path / "cache")
    assert missing.ids() == [] and missing.skipped[0].reason == "no such file or folder"


def test_documents_are_prepared_on_demand_and_few_are_kept(tmp_path: Path) -> None:
    root = make(tmp_path / "c", index_module.LRU_SIZE + 4)
    lazy = index_corpus(root, cache=False)
    assert lazy.index._lru == {}
    seen = [d.id for d in lazy.documents]  # streaming: each prepared, few kept
    assert seen == lazy.ids() and len(lazy.index._lru) == index_module.LRU_SIZE
    assert lazy.get("doc000") is lazy.get("doc000")
