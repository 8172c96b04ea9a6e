"""Re-anchoring after a document's clean text changed: found near the old place, or orphaned."""

from __future__ import annotations

from pathlib import Path

from tui.store import Annotation, AnnotationStore

OLD = ("Ryazan Oblast will connect 95% of schools by 2024. "
       "Across Russia, 95% of hospitals will be online by 2030.")


def target(text: str, quote: str, nth: int = 0) -> Annotation:
    start = -1
    for _ in range(nth + 1):
        start = text.index(quote, start + 1)
    return Annotation.anchored(text, start, start + len(quote), doc="d", kind="target", label="target")


def test_unchanged_text_changes_nothing(tmp_path: Path) -> None:
    with AnnotationStore(tmp_path / "db.json") as s:
        a = s.add(target(OLD, "95% of schools"))
        assert s.reanchor("d", OLD) == []
        again = s.get(a.id)
        assert again is not None and (again.start, again.end, again.orphaned) == (a.start, a.end, False)


def test_shifted_text_moves_the_offsets(tmp_path: Path) -> None:
    new = "RYAZAN, March 4. " + OLD
    with AnnotationStore(tmp_path / "db.json") as s:
        a = s.add(target(OLD, "95% of schools"))
        assert s.reanchor("d", new) == []
        moved = s.get(a.id)
        assert moved is not None and new[moved.start:moved.end] == "95% of schools"
        assert moved.start == a.start + 17 and moved.prefix.endswith("will connect ")


def test_a_repeated_quote_goes_to_the_occurrence_with_the_same_context(tmp_path: Path) -> None:
    new = "Update: 95% of the target was met. " + OLD.replace("Ryazan Oblast", "The Ryazan region")
    with AnnotationStore(tmp_path / "db.json") as s:
        second = s.add(target(OLD, "95%", nth=1))  # the hospitals one
        first = s.add(target(OLD, "95%", nth=0))  # the schools one
        s.reanchor("d", new)
        got2, got1 = s.get(second.id), s.get(first.id)
        assert got1 is not None and got2 is not None
        assert new[got2.end:].startswith(" of hospitals") and new[got1.end:].startswith(" of schools")


def test_changed_spacing_is_still_found(tmp_path: Path) -> None:
    new = OLD.replace("95% of schools", "95%  of\nschools")
    with AnnotationStore(tmp_path / "db.json") as s:
        a = s.add(target(OLD, "95% of schools by 2024"))
        assert s.reanchor("d", new) == []
        got = s.get(a.id)
        assert got is not None and got.quote == "95%  of\nschools by 2024" == new[got.start:got.end]


def test_a_vanished_quote_is_orphaned_listed_kept_and_can_come_back(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    new = OLD.replace("95% of schools", "most schools")
    with AnnotationStore(db) as s:
        lost = s.add(target(OLD, "95% of schools"))
        kept = s.add(target(OLD, "hospitals"))
        orphans = s.reanchor("d", new)
        assert [o.id for o in orphans] == [lost.id]
        assert orphans[0].quote == "95% of schools" and orphans[0].start == lost.start  # kept as it was
        assert s.count() == 2 and [o.id for o in s.orphans()] == [lost.id]
        assert s.get(kept.id).orphaned is False  # type: ignore[union-attr]
    with AnnotationStore(db) as s:  # the mark is durable
        assert [o.id for o in s.orphans()] == [lost.id]
        assert s.reanchor("d", OLD) == []  # the old text is back: so is the record
        assert s.orphans() == [] and s.get(lost.id).quote == "95% of schools"  # type: ignore[union-attr]
