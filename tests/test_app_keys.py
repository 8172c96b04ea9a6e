"""The annotation workflow (#6) through real keys: navigation, selection, suggestions, undo, notes,
done, raw view, search, filter, help, palette, stats and export dialogs."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from test_app import DIGITAL, SIZE, reader_text, ready, status_text
from test_dataset_helpers import live_documents
from textual.widgets import Input

from tui.app.commands import KEYMAP, help_sections
from tui.app.widgets.key_bar import KeyBar
from tui.corpus import index as index_module
from tui.store import open_read_only


def key_bar(app: Any) -> str:
    return app.query_one(KeyBar).render().plain


async def test_paragraph_figure_and_document_keys(make_app: Callable[..., Any]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        r = app.reader
        first_doc = r.doc.id
        await pilot.press("J")
        assert r.sentence.paragraph == 1
        await pilot.press("J", "K")
        assert r.sentence.paragraph == 1 and r.pos == r.sentence.start
        fig = next(f for f in r.figures if f.start > r.pos)
        await pilot.press("f")
        assert r.pos == fig.start
        assert "figure: " + fig.kind in status_text(app)
        await pilot.press("f", "F")
        assert r.pos == fig.start
        await pilot.press("right_square_bracket")
        assert app.reader.doc.id != first_doc
        assert app.documents.option_list.highlighted_option.id == app.reader.doc.id
        await pilot.press("left_square_bracket")
        assert app.reader.doc.id == first_doc


async def test_span_selection_by_word_then_tag(make_app: Callable[..., Any], answers: dict[str, Any],
                                               db_path: Path) -> None:
    answers["InitiativePicker"] = DIGITAL
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("j", "j", "j", "v", "w", "shift+right", "b")
        r = app.reader
        start, end = r.selection
        words = r.doc.text[start:end].split()
        assert len(words) == 2 and "selection: 2 words" in status_text(app)
        await pilot.press("escape")
        assert r.selection is None
        await pilot.press("v", "w", "w", "i")
        await pilot.pause()
        with open_read_only(db_path) as other:
            ann = other.for_doc(r.doc.id)[0]
        assert ann.scope == "span" and len(ann.quote.split()) == 3
        assert ann.quote == r.doc.text[ann.start:ann.end] and ann.quote == ann.quote.strip()
        assert r.selection is None  # a tag ends the selection


async def test_accept_and_reject_suggestions(make_app: Callable[..., Any], db_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        r = app.reader
        first, second = r.suggestions[0], r.suggestions[1]
        assert "a" not in app.screen.active_bindings or r.suggestion_at() is not None
        r.goto(first.start)
        app._sync()
        assert "suggested: " in status_text(app) and "a" in app.screen.active_bindings
        await pilot.press("a")
        anns = app.store.for_doc(r.doc.id)
        assert [(a.origin, a.label, a.start, a.end) for a in anns] == [
            ("suggestion", first.label, first.start, first.end)]
        r.goto(second.start)
        app._sync()
        await pilot.press("x")
        assert second.key in app.store.rejected(r.doc.id)
        assert second not in r.suggestions
        assert app.store.count(r.doc.id) == 1
    with open_read_only(db_path) as other:
        assert second.key in other.rejected(r.doc.id)


async def test_delete_undo_redo(make_app: Callable[..., Any], answers: dict[str, Any]) -> None:
    answers["InitiativePicker"] = DIGITAL
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("j", "i")
        doc = app.reader.doc.id
        assert app.store.count(doc) == 1
        await pilot.press("d")
        assert app.store.count(doc) == 0 and len(app.panel.ids) == 0
        await pilot.press("u")
        assert app.store.count(doc) == 1 and len(app.panel.ids) == 1
        await pilot.press("ctrl+r")
        assert app.store.count(doc) == 0
        await pilot.press("u")
        assert app.store.count(doc) == 1
        assert "✓ saved" in status_text(app)


async def test_note_on_the_annotation_under_the_cursor(make_app: Callable[..., Any],
                                                       answers: dict[str, Any]) -> None:
    answers["InitiativePicker"] = DIGITAL
    answers["NoteDialog"] = "check the deadline"
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("n")  # nothing under the cursor: no dialog
        assert not [c for c in answers["calls"] if c[0] == "NoteDialog"]
        await pilot.press("i", "n")
        await pilot.pause()
        ann = app.store.for_doc(app.reader.doc.id)[0]
        assert ann.note == "check the deadline"
        assert "check the deadline" in app.panel.get_option_at_index(0).prompt.plain


async def test_mark_done_goes_to_the_next_document_not_done(make_app: Callable[..., Any]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        ids = [d.id for d in app.session.corpus.documents]
        await pilot.press("m")
        assert app.store.status(ids[0]) == "done"
        assert app.reader.doc.id == ids[1]
        assert "done" in app.documents.option_list.get_option(ids[0]).prompt.plain
        assert "1/5 documents done" in app.sub_title


async def test_raw_view_shows_what_was_removed_and_why(make_app: Callable[..., Any]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("right_square_bracket")  # the second seed: a site counter was removed
        doc = app.reader.doc
        reason = doc.removed[0].reason
        assert f"⟦{reason}⟧" not in reader_text(app)
        await pilot.press("r")
        assert f"⟦{reason}⟧" in reader_text(app)
        title = app.query_one("#doc-title").visual.plain
        assert "RAW VIEW" in title
        await pilot.press("j")  # the cursor still moves by clean sentences
        assert app.reader.sentence_index == 1
        await pilot.press("r")
        assert f"⟦{reason}⟧" not in reader_text(app)


async def test_search_jumps_between_matches(make_app: Callable[..., Any]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("slash")
        box = app.query_one("#search", Input)
        assert app.focused is box and box.display
        await pilot.press(*"digital")
        r = app.reader
        count = r.doc.text.lower().count("digital")
        assert len(r.matches) == count > 2
        first = r.match
        assert r.doc.text[r.pos:r.pos + 7].lower() == "digital"
        await pilot.press("enter")  # go to that match: the reader has the keys again
        assert app.focused is app.reader_view and r.match == first
        await pilot.press("semicolon")
        assert r.match == (first + 1) % count
        await pilot.press("comma")
        assert r.match == first
        assert f"match {r.match + 1}/{count}" in status_text(app)
        await pilot.press("slash", "enter")  # the same words again: the next match
        assert r.match == (first + 1) % count and app.focused is app.reader_view
        await pilot.press("escape")  # in the reader: clears the search and closes the box
        assert r.matches == [] and not box.display
        await pilot.press("slash", *"zzqx")
        assert r.matches == [] and "0 matches" in status_text(app)
        await pilot.press("escape")  # in the box: closes it, back to the reader
        assert not box.display and box.value == "" and app.focused is app.reader_view


async def test_filter_the_document_list_by_typing(make_app: Callable[..., Any]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("shift+tab", "slash", *"tatar")
        lst = app.documents.option_list
        assert [o.id for o in lst.options] == ["003_1cb1f2dc3a841b0e"]
        await pilot.press("enter", "enter")  # back to the list, then open
        assert app.reader.doc.id == "003_1cb1f2dc3a841b0e"
        app.documents.option_list.focus()
        await pilot.press("escape")
        assert lst.option_count == 5


async def test_help_names_every_key(make_app: Callable[..., Any]) -> None:
    listed = {title for _, rows in help_sections() for _, title in rows}
    assert {cmd.title for cmd in KEYMAP} <= listed
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("question_mark")
        assert type(app.screen).__name__ == "HelpScreen"
        await pilot.press("escape")
        assert type(app.screen).__name__ != "HelpScreen"


async def test_command_palette_runs_app_commands(make_app: Callable[..., Any]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"raw")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.reader.raw


async def test_stats_and_export_dialogs(make_app: Callable[..., Any], answers: dict[str, Any],
                                        db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    answers["ExportDialog"] = str(db_path.parent / "out.jsonl")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        # the counts need the documents' ids only: on 10,000 documents the key once froze the
        # screen for 11 s while every one was prepared
        made, _ = live_documents(monkeypatch, index_module)
        await pilot.press("s")
        assert type(app.screen).__name__ == "StatsScreen" and made == []
        assert "5 documents" in str(app.screen.query_one("#stats-summary").render())
        await pilot.press("escape")
        await pilot.press("e")
        await pilot.pause()
        name, args, _ = answers["calls"][-1]
        assert name == "ExportDialog"
        assert args == (app.session.corpus, app.store, db_path.parent)


async def test_footer_shows_what_applies_now(make_app: Callable[..., Any], answers: dict[str, Any]) -> None:
    answers["InitiativePicker"] = DIGITAL
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        keys = app.screen.active_bindings
        assert {"j", "k", "J", "K", "f", "F", "v", "i", "t", "r", "m", "u"} <= set(keys)
        assert "d" not in keys and "w" not in keys  # nothing to delete, no selection
        bar = key_bar(app)
        assert " i initiative " in bar and " t target " in bar and " d delete" not in bar
        await pilot.press("v")
        assert "w" in app.screen.active_bindings and "escape" in app.screen.active_bindings
        assert " wb word " in key_bar(app)
        await pilot.press("escape", "i")
        assert "d" in app.screen.active_bindings and "n" in app.screen.active_bindings
        assert " d delete " in key_bar(app)
        await pilot.press("shift+tab")  # the list: its own keys in the footer
        bar = key_bar(app)
        assert " / filter " in bar and "open" in bar and " i initiative" not in bar


async def test_click_moves_the_cursor_to_the_sentence(make_app: Callable[..., Any]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        view = app.reader_view
        target = app.reader.doc.sentences[4]
        line = view.line_of(target.start + 3)
        await pilot.click(view, offset=(2 + target.start + 3 - view.lines[line][0], line))
        assert app.reader.sentence_index == 4
