"""The start of a big document, shown while the whole is prepared: its text is how the whole one
begins, a file is read only that far, saved annotations in it show, and the whole takes over
where the user is, also when the two texts differ."""

from __future__ import annotations

from pathlib import Path

import pytest

import tui.corpus.index as index_module
import tui.session
from tui.corpus import open_corpus, scan_corpus
from tui.corpus.pipeline import prepare_document
from tui.labels import LabelSchema
from tui.session import Reader, Session
from tui.store import AnnotationStore

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def long_text() -> str:
    """The seeds one after another, three times over: ~45,000 characters in English and Russian."""
    return "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")) * 3)


@pytest.mark.parametrize("encoding", ["utf-8", "cp1251", "utf-16"])
def test_the_preview_is_how_the_whole_text_begins(tmp_path: Path, encoding: str) -> None:
    text = long_text()
    if encoding == "cp1251":  # Russian and Latin only: what cp1251 can hold
        text = text.encode("cp1251", errors="ignore").decode("cp1251")
    root = tmp_path / "c"
    root.mkdir()
    (root / "long.txt").write_bytes(text.encode(encoding))
    corpus = scan_corpus(root, cache=False)
    corpus.index.fill()
    preview = corpus.preview("long", 5_000)
    whole = corpus.get("long")
    assert preview is not None and whole is not None
    assert not preview.complete and whole.complete
    assert whole.encoding == preview.encoding
    assert 2_000 < len(preview.text) < len(whole.text) // 2
    assert whole.text.startswith(preview.text)
    assert whole.raw.startswith(preview.raw)
    # every sentence but the last (which the cut may end early) is one of the whole's
    assert preview.sentences[:-1] == whole.sentences[:len(preview.sentences) - 1]


def test_a_preview_reads_only_the_start_of_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "c"
    root.mkdir()
    (root / "long.txt").write_text(long_text() * 20, encoding="utf-8")  # ~0.9 MB
    corpus = scan_corpus(root, cache=False)
    corpus.index.fill()
    read: list[int] = []
    real_open = open

    class Counting:
        def __init__(self, f: object) -> None:
            self._f = f

        def __enter__(self) -> Counting:
            return self

        def __exit__(self, *exc: object) -> None:
            self._f.close()  # type: ignore[attr-defined]

        def read(self, n: int = -1) -> bytes:
            data = self._f.read(n)  # type: ignore[attr-defined]
            read.append(len(data))
            return data

    def counting_open(path: object, mode: str = "r", *args: object, **kwargs: object) -> object:
        f = real_open(path, mode, *args, **kwargs)  # type: ignore[call-overload]
        return Counting(f) if "b" in mode else f

    def whole_file(*args: object) -> object:
        raise AssertionError("the whole file was read for a preview")

    monkeypatch.setattr(index_module, "read_text_file", whole_file)
    monkeypatch.setattr("builtins.open", counting_open)
    preview = corpus.preview("long", 20_000)
    assert preview is not None and len(preview.text) > 10_000
    assert sum(read) <= 4 * 20_000 + 8192


def test_the_preview_shows_saved_annotations_in_it_and_changes_nothing(
        seeds: Path, store: AnnotationStore, schema: LabelSchema, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tui.session, "PREVIEW_CHARS", 600)
    corpus = scan_corpus(seeds, cache=False)
    corpus.index.fill()
    doc_id = corpus.ids()[1]
    session = Session(corpus, store, schema)
    whole = session.open(doc_id)
    early = session.tag_initiative("np.data_economy")
    whole.goto(whole.doc.sentences[-1].start)
    late = session.tag_initiative("np.data_economy")
    assert early is not None and late is not None
    session.open(corpus.ids()[0])
    before = [a.to_dict() for a in store.for_doc(doc_id)]

    preview = session.preview(doc_id)
    assert preview is not None and not preview.doc.complete
    assert [a.id for a in preview.annotations] == [early.id]
    assert [a.to_dict() for a in store.for_doc(doc_id)] == before  # no re-anchoring against a part
    preview.goto(preview.doc.sentences[2].start)
    session.prepare(doc_id)
    again = session.open(doc_id)
    assert again is not preview and again.doc.complete
    assert again.sentence_index == 2
    assert {a.id for a in again.annotations} == {early.id, late.id}


def test_the_whole_takes_over_where_the_user_is_when_the_texts_differ(tmp_path: Path) -> None:
    # a line repeated under every headline is furniture for the corpus, but not for one document
    # prepared alone: the whole drops it, the (statistics-less) stand-in keeps it
    root = tmp_path / "c"
    root.mkdir()
    for i in range(12):
        (root / f"d{i:02d}.txt").write_text(
            f"Headline number {i} on the data economy\n\nMinistry Digest | Weekly\n\n"
            f"RUSSIA, March {i + 1} - The region connected {i * 10} schools. It plans 95% by 2030.\n\n"
            "A second paragraph. It has two sentences.\n", encoding="utf-8")
    whole_doc = open_corpus(root).documents[0]
    part = prepare_document(whole_doc.id, whole_doc.raw, path=whole_doc.path)
    part.complete = False
    assert "Ministry Digest" in part.text and "Ministry Digest" not in whole_doc.text
    preview = Reader(part, [], [], [])
    preview.goto(part.text.index("A second paragraph"))
    preview.search("sentences")
    whole = Reader(whole_doc, [], [], [])
    whole.continue_from(preview)
    assert whole_doc.text[whole.pos:].startswith("sentences")
    assert whole.query == "sentences" and whole.matches
