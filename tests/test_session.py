"""The reader's state and annotation decisions, without Textual."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.corpus import Corpus, prepare_document
from tui.figures import Figure
from tui.labels import LabelSchema
from tui.session import Reader, Session, describe_figure, overlap_depths
from tui.store import AnnotationStore, open_read_only
from tui.suggest import Suggestion

TEXT = (
    "Headline about the Digital Economy national project\n\n"
    "The share of services online will reach 95 per cent by 2024. Another sentence follows here.\n\n"
    "A second paragraph starts. It has 1,587 schools and ends."
)


def make_reader(text: str = TEXT, figures: list[Figure] | None = None,
                suggestions: list[Suggestion] | None = None) -> Reader:
    doc = prepare_document("doc", text)
    return Reader(doc, figures or [], suggestions or [], [])


@pytest.fixture
def session(corpus: Corpus, store: AnnotationStore, schema: LabelSchema) -> Session:
    return Session(corpus, store, schema)


def first_doc(session: Session) -> str:
    return session.corpus.documents[0].id


# -- moving ----------------------------------------------------------------------------------


def test_cursor_starts_on_the_first_sentence_and_moves_by_sentence() -> None:
    r = make_reader()
    sentences = r.doc.sentences
    assert r.sentence_index == 0
    assert r.next_sentence(1)
    assert r.sentence_index == 1 and r.pos == sentences[1].start
    r.next_sentence(1)
    r.next_sentence(-1)
    assert r.sentence_index == 1
    for _ in range(len(sentences) + 3):
        r.next_sentence(1)
    assert r.sentence_index == len(sentences) - 1
    assert not r.next_sentence(1)  # nothing beyond the last one


def test_paragraph_moves_to_the_first_sentence_of_the_next_and_previous_paragraph() -> None:
    r = make_reader()
    sentences = r.doc.sentences
    paragraphs = [s.paragraph for s in sentences]
    r.next_paragraph(1)
    assert r.sentence.paragraph == paragraphs[0] + 1
    r.next_paragraph(1)
    last_para_first = paragraphs.index(r.sentence.paragraph)
    assert r.sentence_index == last_para_first
    r.next_sentence(1)  # into the middle of that paragraph: K goes back to its start first
    r.next_paragraph(-1)
    assert r.sentence_index == last_para_first
    r.next_paragraph(-1)
    assert r.sentence.paragraph == sentences[last_para_first].paragraph - 1
    assert r.pos == next(s.start for s in sentences if s.paragraph == r.sentence.paragraph)


def test_passage_is_the_sentence_without_trailing_space() -> None:
    r = make_reader()
    r.next_sentence(1)
    start, end = r.passage()
    quote = r.doc.text[start:end]
    assert quote == quote.strip() and quote.startswith("The share")
    assert r.span() == (start, end, "passage")


def test_figure_navigation_and_the_figure_under_the_cursor() -> None:
    text = TEXT
    a = text.index("95 per cent")
    b = text.index("1,587")
    figs = [Figure(a, a + 11, "95 per cent", "percent", 95, "%"), Figure(b, b + 5, "1,587", "number", 1587)]
    r = make_reader(text, figs)
    assert r.figure_at() is None  # the headline has no figure
    assert r.next_figure(1) is figs[0]
    assert r.pos == a and r.figure_at() is figs[0]
    assert r.next_figure(1) is figs[1]
    assert r.next_figure(1) is None
    assert r.next_figure(-1) is figs[0]
    r.goto(text.index("Another"))  # a sentence without a figure
    assert r.figure_at() is None
    r.goto(text.index("The share"))  # the sentence's first figure counts as "under the cursor"
    assert r.figure_at() is figs[0]
    assert describe_figure(figs[0]) == "percent 95 %"
    years = Figure(0, 9, "2019–2024", "range", None, None, None, 2019, 2024)
    assert describe_figure(years) == "range 2019–2024"


# -- selection -------------------------------------------------------------------------------


def test_selection_grows_and_shrinks_word_by_word() -> None:
    r = make_reader()
    r.goto(TEXT.index("95 per cent"))
    assert r.start_selection()
    assert r.doc.text[slice(*r.selection)] == "95"
    r.extend(1)
    r.extend(1)
    assert r.doc.text[slice(*r.selection)] == "95 per cent"
    assert r.span()[2] == "span"
    r.extend(-1)
    assert r.doc.text[slice(*r.selection)] == "95 per"
    r.extend(-2)  # past the anchor: the selection now grows to the left
    assert r.doc.text[slice(*r.selection)] == "reach 95"
    assert r.cancel_selection()
    assert r.selection is None and r.span()[2] == "passage"


def test_words_keep_numbers_and_hyphenated_names_whole() -> None:
    r = make_reader("It has 1,587 schools, 42.5% growth and Covid-19 cases.")
    r.goto(7)
    r.start_selection()
    assert r.doc.text[slice(*r.selection)] == "1,587"
    r.extend(2)
    assert r.doc.text[slice(*r.selection)] == "1,587 schools, 42.5%"
    r.extend(3)
    assert r.doc.text[slice(*r.selection)].endswith("Covid-19")


def test_sentence_keys_extend_an_open_selection() -> None:
    r = make_reader()
    r.goto(TEXT.index("The share"))
    r.start_selection()
    r.next_sentence(1)
    start, end = r.selection
    assert r.doc.text[start:end].startswith("The share") and r.doc.text[start:end].endswith("follows here")


# -- search ----------------------------------------------------------------------------------


def test_search_finds_every_match_and_cycles() -> None:
    r = make_reader()
    r.next_sentence(1)
    n = r.search("SENTENCE")
    assert n == TEXT.lower().count("sentence") == 1
    assert r.doc.text[slice(*r.matches[r.match])].lower() == "sentence"
    assert r.pos == r.matches[r.match][0]
    r.search("the")
    first = r.match
    r.next_match(1)
    assert r.match == (first + 1) % len(r.matches)
    r.next_match(-1)
    assert r.match == first
    assert r.search("no such words") == 0 and r.match is None


# -- what is under the cursor ----------------------------------------------------------------


def test_annotation_under_the_cursor_prefers_the_one_holding_it(session: Session) -> None:
    r = session.open(first_doc(session))
    r.next_sentence(2)
    passage = session.tag_initiative("np.digital_economy")
    start, _end = r.passage()
    r.goto(start + 5)
    r.start_selection()
    r.extend(1)
    span = session.tag_initiative("np.data_economy")
    assert span.scope == "span" and passage.scope == "passage"
    r.goto(span.start)
    assert r.annotation_at().id == span.id  # the smaller one holding the cursor
    r.goto(start)
    assert r.annotation_at().id == passage.id
    r.next_sentence(1)
    assert r.annotation_at() is None


def test_overlapping_annotations_get_different_layers() -> None:
    assert overlap_depths([(0, 10), (5, 15), (12, 20), (30, 40)]) == [0, 1, 0, 0]
    assert overlap_depths([(0, 100), (10, 20), (15, 18)]) == [0, 1, 2]


# -- annotating through the session ----------------------------------------------------------


def test_tagging_the_current_sentence_writes_an_anchored_record(session: Session, db_path: Path) -> None:
    r = session.open(first_doc(session))
    r.next_sentence(3)
    start, end = r.passage()
    ann = session.tag_initiative("np.digital_economy")
    assert (ann.start, ann.end, ann.scope, ann.kind) == (start, end, "passage", "initiative")
    assert ann.quote == r.doc.text[start:end]
    assert ann.doc_sha256 == r.doc.sha256 and ann.annotator == "tester" and ann.origin == "manual"
    with open_read_only(db_path) as other:  # durable: another reader of the file sees it now
        assert [a.id for a in other.for_doc(r.doc.id)] == [ann.id]
        assert other.status(r.doc.id) == "in_progress"
    assert [a.id for a in r.annotations] == [ann.id]
    row = session.row(r.doc)
    assert row.annotations == 1 and row.annotated == 1 and row.status == "in_progress"


def test_unknown_label_is_refused(session: Session) -> None:
    session.open(first_doc(session))
    with pytest.raises(ValueError, match="unknown label"):
        session.tag_initiative("np.no_such_thing")


def test_target_uses_the_prefill_of_the_span(session: Session, store: AnnotationStore) -> None:
    r = session.open(first_doc(session))
    r.next_figure(1)
    prefill = session.target_prefill()
    assert set(prefill) >= {"metric", "value", "unit", "qualifier", "deadline", "status"}
    ann = session.tag_target({**prefill, "metric": "records on the portal"})
    assert ann.kind == "target" and ann.label == "target"
    assert store.get(ann.id).attrs["metric"] == "records on the portal"
    assert session.current_quote() == r.doc.text[r.passage()[0]:r.passage()[1]]


def test_accepting_and_rejecting_suggestions(session: Session, store: AnnotationStore) -> None:
    r = session.open(first_doc(session))
    assert r.suggestions, "the seed names initiatives the gazetteer knows"
    first, second = r.suggestions[0], r.suggestions[1]
    r.goto(first.start)
    ann = session.accept()
    assert ann.origin == "suggestion"
    assert (ann.start, ann.end, ann.label) == (first.start, first.end, first.label)
    assert first not in r.suggestions  # an accepted one is no longer offered
    r.goto(second.start)
    assert session.reject() == second
    assert second.key in store.rejected(r.doc.id)
    assert second not in r.suggestions
    session.reader = None
    again = session.open(r.doc.id)  # reopened: the rejection is remembered
    assert second.key not in {s.key for s in again.suggestions}


def test_delete_undo_redo_move_the_cursor_to_the_record(session: Session, store: AnnotationStore) -> None:
    r = session.open(first_doc(session))
    r.next_sentence(4)
    ann = session.tag_initiative("np.digital_economy")
    r.next_sentence(3)
    assert session.delete() is None  # nothing under the cursor here
    r.goto(ann.start)
    assert session.delete().id == ann.id and store.count(r.doc.id) == 0
    r.goto(0)
    assert session.undo().id == ann.id and store.count(r.doc.id) == 1
    assert r.pos == ann.start and r.annotation_at().id == ann.id
    assert session.redo().id == ann.id and store.count(r.doc.id) == 0
    assert r.annotations == []


def test_undo_of_a_change_in_another_document_opens_it(session: Session) -> None:
    ids = [d.id for d in session.corpus.documents]
    session.open(ids[0])
    ann = session.tag_initiative("np.digital_economy")
    session.open(ids[1])
    session.undo()
    assert session.reader.doc.id == ids[0] and session.reader.pos == ann.start


def test_note_is_saved_on_the_record(session: Session, store: AnnotationStore) -> None:
    session.open(first_doc(session))
    ann = session.tag_initiative("np.digital_economy")
    assert session.annotation_here().id == ann.id
    session.set_note(ann.id, "check the year")
    assert store.get(ann.id).note == "check the year"
    assert session.annotation_rows()[0].note == "check the year"


def test_mark_done_returns_the_next_document_not_done(session: Session, store: AnnotationStore) -> None:
    ids = [d.id for d in session.corpus.documents]
    store.set_status(ids[1], "done")
    session.open(ids[0])
    assert session.mark_done() == ids[2]  # ids[1] is already done
    assert store.status(ids[0]) == "done"
    for doc_id in [*ids[2:], ids[1]]:
        store.set_status(doc_id, "done")
    session.open(ids[4])
    assert session.mark_done() is None
    assert session.first_open() == ids[0]  # all done: start on the first one


def test_neighbour_follows_the_given_order(session: Session) -> None:
    ids = [d.id for d in session.corpus.documents]
    assert session.neighbour(1) == ids[0]
    session.open(ids[1])
    assert session.neighbour(1) == ids[2] and session.neighbour(-1) == ids[0]
    assert session.neighbour(1, among=[ids[1], ids[4]]) == ids[4]
    session.open(ids[4])
    assert session.neighbour(1) is None


def test_rows_filter_and_corpus_progress(session: Session) -> None:
    rows = session.rows()
    assert len(rows) == 5 and all(r.passages > 0 for r in rows)
    tatarstan = session.rows("tatarstan")
    assert [r.id for r in tatarstan] == ["003_1cb1f2dc3a841b0e"]
    assert session.rows("TASS")[0].source == "TASS"
    before = session.progress()
    session.open(rows[0].id)
    session.tag_initiative("np.digital_economy")
    after = session.progress()
    assert after.annotations == before.annotations + 1 and after.annotated == before.annotated + 1
    assert "0/5 documents done" in after.describe()


def test_progress_taken_from_the_rows_equals_progress_counted_alone(session: Session, corpus: Corpus,
                                                                    schema: LabelSchema) -> None:
    session.open(corpus.documents[1].id)
    session.tag_initiative("np.digital_economy")
    session.refresh()  # forget the tally: the next rows() builds it
    session.rows("no row matches this")
    from_rows = session.progress()
    alone = Session(corpus, session.store, schema).progress()
    assert from_rows == alone and alone.annotations == 1 and alone.passages > 0


def test_read_only_store_refuses_changes(corpus: Corpus, schema: LabelSchema, db_path: Path) -> None:
    AnnotationStore(db_path).close()
    from tui.store import StoreError

    with open_read_only(db_path) as ro:
        s = Session(corpus, ro, schema)
        s.open(corpus.documents[0].id)
        with pytest.raises(StoreError):
            s.tag_initiative("np.digital_economy")


# -- the raw view ----------------------------------------------------------------------------


def test_raw_view_shows_removed_text_with_its_reason(session: Session) -> None:
    doc = next(d for d in session.corpus.documents if d.removed)
    r = session.open(doc.id)
    clean = r.display()
    assert clean.text == doc.text and not clean.raw
    r.toggle_raw()
    raw = r.display()
    assert raw.raw
    for removed in doc.removed:
        assert f"⟦{removed.reason}⟧" in raw.text
    reasons = [raw.text[s:e] for s, e, k in raw.marks if k == "reason"]
    assert sorted(x.strip(" ⟦⟧") for x in reasons) == sorted(x.reason for x in doc.removed)
    removed_marks = [raw.text[s:e] for s, e, k in raw.marks if k == "removed"]
    assert [m for m in removed_marks] == [x.text for x in sorted(doc.removed, key=lambda x: x.start)]
    # the cursor sentence is found again in the raw text
    c0, c1 = raw.cursor
    p0, p1 = r.passage()
    assert raw.text[c0:c1] == doc.text[p0:p1]


def test_cursor_info_names_position_figure_and_annotation(session: Session, schema: LabelSchema) -> None:
    r = session.open(first_doc(session))
    info = r.cursor_info(schema)
    assert info.position.startswith("¶ 1/") and f"sentence 1/{len(r.doc.sentences)}" in info.position
    r.next_figure(1)
    assert r.cursor_info(schema).figure is not None
    session.tag_initiative("np.digital_economy")
    assert r.cursor_info(schema).annotation == "initiative Digital Economy"
