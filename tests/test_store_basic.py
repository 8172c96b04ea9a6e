"""Records, status, rejected suggestions, indexes and the TinyDB file format."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tinydb import TinyDB

from tui.paths import default_annotator
from tui.store import Annotation, AnnotationStore, StoreError
from tui.store.store import open_read_only

TEXT = "В 2024 году 95% школ получат доступ к интернету. Digital Economy national project."


def ann(start: int = 2, end: int = 6, doc: str = "d1", **fields: object) -> Annotation:
    return Annotation.anchored(TEXT, start, end, doc=doc, kind="target", label="target", **fields)


def test_add_get_for_doc_count_and_reopen(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    with AnnotationStore(db, annotator="alice") as s:
        late = s.add(ann(12, 15))
        early = s.add(ann(2, 6))
        other = s.add(ann(0, 1, doc="d2"))
        assert [a.id for a in s.for_doc("d1")] == [early.id, late.id]
        assert s.count() == 3 and s.count("d1") == 2 and s.count("nope") == 0
        assert s.get(other.id) == other
        assert {a.id for a in s.all()} == {early.id, late.id, other.id}
    with AnnotationStore(db) as s:
        assert [a.quote for a in s.for_doc("d1")] == ["2024", "95%"]
        assert s.get(other.id) == other


def test_annotator_and_times(tmp_path: Path) -> None:
    with AnnotationStore(tmp_path / "db.json", annotator="alice") as s:
        a = s.add(ann())
        b = s.add(ann(annotator="bob"))
        assert (a.annotator, b.annotator) == ("alice", "bob")
        assert a.created.endswith("Z") and a.updated == a.created
        edited = s.update(a.id, note="checked")
        assert edited.note == "checked" and edited.created == a.created and edited.updated >= a.created
    with AnnotationStore(tmp_path / "other.json") as s:
        assert s.add(ann()).annotator == default_annotator() != ""


def test_update_and_delete(tmp_path: Path) -> None:
    with AnnotationStore(tmp_path / "db.json") as s:
        a = s.add(ann())
        moved = s.update(a.id, doc="d9", start=0, end=1)
        assert s.for_doc("d1") == [] and s.for_doc("d9") == [moved]
        assert s.delete(a.id) == moved
        assert s.get(a.id) is None and s.count() == 0
        with pytest.raises(KeyError):
            s.delete(a.id)
        with pytest.raises(ValueError):
            s.update(s.add(ann()).id, id="other")


def test_add_rejects_duplicates_and_bad_records(tmp_path: Path) -> None:
    with AnnotationStore(tmp_path / "db.json") as s:
        a = s.add(ann())
        with pytest.raises(ValueError, match="already"):
            s.add(a)
        with pytest.raises(ValueError, match="kind"):
            s.add(Annotation(doc="d", kind="bogus", label="x", start=0, end=1, quote="x"))
        assert s.count() == 1


def test_doc_sha256_is_filled_from_the_last_known_text(tmp_path: Path) -> None:
    with AnnotationStore(tmp_path / "db.json") as s:
        s.reanchor("d1", TEXT)
        a = s.add(ann())
        assert len(a.doc_sha256) == 64


def test_document_status(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    with AnnotationStore(db) as s:
        assert s.status("d1") == "todo"
        s.set_status("d1", "in_progress")
        s.set_status("d2", "skipped")
        s.set_status("d1", "done")
        with pytest.raises(ValueError, match="status"):
            s.set_status("d1", "finished")
    with open_read_only(db) as s:
        assert s.statuses() == {"d1": "done", "d2": "skipped"}
        assert s.status("d3") == "todo"


def test_rejected_suggestions_are_remembered(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    with AnnotationStore(db) as s:
        s.reject("d1", "target:0:4")
        s.reject("d1", "target:0:4")
        s.reject("d1", "initiative:7:9")
        s.unreject("d1", "initiative:7:9")
    with AnnotationStore(db) as s:
        assert s.rejected("d1") == {"target:0:4"}
        assert s.rejected("d2") == set()


def test_file_is_plain_tinydb_utf8_with_a_schema_version(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    with AnnotationStore(db) as s:
        a = s.add(ann(0, 6))
        s.set_status("d1", "done")
    raw = db.read_text(encoding="utf-8")
    assert "В 2024" in raw  # Russian is stored as is, not as \u escapes
    data = json.loads(raw)
    assert (data["meta"]["1"]["schema"], data["meta"]["1"]["version"]) == ("natproj-tui", 1)
    plain = TinyDB(db, encoding="utf-8")
    try:
        rows = plain.table("annotations").all()
        assert [r["id"] for r in rows] == [a.id]
        assert plain.table("documents").all()[0]["status"] == "done"
    finally:
        plain.close()


def test_read_only_never_writes(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    with AnnotationStore(db) as s:
        a = s.add(ann())
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    with open_read_only(db) as s:
        assert s.get(a.id) == a
        for change in (lambda: s.add(ann()), lambda: s.delete(a.id), lambda: s.set_status("d1", "done"),
                       lambda: s.reject("d1", "k"), lambda: s.update(a.id, note="n")):
            with pytest.raises(StoreError, match="read-only"):
                change()
        s.reanchor("d1", "x" + TEXT)  # shown moved in memory only
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before
    with open_read_only(tmp_path / "missing.json") as s:
        assert s.count() == 0
    assert not (tmp_path / "missing.json").exists()


def test_index_by_document_stays_right_after_many_changes(tmp_path: Path) -> None:
    with AnnotationStore(tmp_path / "db.json") as s:
        made = s.add_many(ann(i % 20, i % 20 + 3, doc=f"d{i % 7}") for i in range(300))
        for a in made[::3]:
            s.delete(a.id)
        for a in made[1::3]:
            s.update(a.id, doc="moved")
        for doc in [f"d{i}" for i in range(7)] + ["moved"]:
            expected = sorted((a for a in s.all() if a.doc == doc), key=lambda a: (a.start, a.end, a.id))
            assert s.for_doc(doc) == expected
            assert s.count(doc) == len(expected)
        assert s.count() == 200


def test_every_call_works_on_records_loaded_from_the_file(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    with AnnotationStore(db) as s:
        a, b, c = (s.add(ann(i, i + 4, doc=doc)) for i, doc in ((0, "d1"), (2, "d1"), (5, "d2")))
    with AnnotationStore(db) as s:  # loaded rows are built into records only when first used
        assert s.update(a.id, doc="d3").doc == "d3"
        assert s.delete(b.id) == b
        assert s.undo() == b and s.count("d1") == 1
        assert [x.id for x in s.reanchor("d2", "no such text")] == [c.id]
        assert [x.id for x in s.orphans()] == [c.id]
        assert {x.id for x in s.all()} == {a.id, b.id, c.id}
        assert s.for_doc("d3")[0].doc == "d3" and s.for_doc("d1") == [b]
    with AnnotationStore(db) as s:
        assert [x.id for x in s.orphans()] == [c.id]  # read from a row that was never built
        assert s.get("nope") is None


def test_a_file_we_wrote_opens_without_parsing_every_record(tmp_path: Path) -> None:
    from tui.store.layout import Raw
    from tui.store.snapshot import decode_fast

    db = tmp_path / "db.json"
    with AnnotationStore(db) as s:
        made = s.add_many(ann(i % 9, i % 9 + 3, doc=f"d{i % 4}") for i in range(50))
    fast = decode_fast(db.read_bytes())
    assert fast is not None
    _, records = fast
    assert set(records) == {a.id for a in made}
    assert all(isinstance(r, Raw) and r.doc == s.get(i).doc for i, r in records.items())  # type: ignore[union-attr]
    assert decode_fast(db.read_bytes().replace(b'"d1"', b'"d7"', 1)) is None  # checksum catches edits
