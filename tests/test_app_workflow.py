"""The annotation workflow (#6) as a newcomer meets it: where the keys go at start and from the
list, corpus search, mouse selection, dialogs that keep the global keys out, the panel, tiny
terminals with a dialog open. Real keys; the screen and the database file are both checked."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from test_app import DIGITAL, SIZE, reader_lines, ready, screen_text, status_text, style_at
from test_corpus_index import FURNITURE, make
from test_dataset_helpers import live_documents
from textual.widgets import Input

from tui.app.commands import GLOBAL, KEYMAP, LIST, READER, CorpusSearchCommands, NatprojCommands
from tui.app.corpus_search import corpus_hits, next_in_corpus
from tui.app.screens.target_form import as_field_text
from tui.app.widgets.document_list import DocumentList
from tui.app.widgets.document_view import GUTTER, DocumentView
from tui.corpus import Corpus, index_corpus
from tui.corpus import index as index_module
from tui.session import WORD, describe_figure
from tui.store import open_read_only
from tui.suggest import prefill_target


def saved(db_path: Path, doc_id: str) -> list[Any]:
    with open_read_only(db_path) as other:  # a second reader of the file, while the app runs
        return other.for_doc(doc_id)


async def test_reader_has_the_keys_at_start_and_reader_keys_work_from_the_list(
        make_app: Callable[..., Any], db_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        doc = app.reader.doc
        assert app.focused is app.reader_view
        await pilot.press("j")  # a newcomer's first key moves the reader, not the list
        assert app.reader.sentence_index == 1 and app.documents.option_list.highlighted == 0
        await pilot.press("shift+tab")
        assert app.focused is app.documents.option_list
        await pilot.press("i")  # from the list: the real picker, for the open document
        await pilot.pause()
        assert type(app.screen).__name__ == "InitiativePicker"
        await pilot.press("1")
        await pilot.pause()
        anns = saved(db_path, doc.id)
        assert len(anns) == 1 and anns[0].kind == "initiative" and anns[0].start == app.reader.passage()[0]
        assert app.focused is app.reader_view
        await pilot.press("shift+tab", "t")  # the target form from the list, then cancelled
        await pilot.pause()
        assert type(app.screen).__name__ == "TargetForm"
        r = app.reader
        start, end = r.passage()
        expected = prefill_target(r.doc.text, start, end, r.figures, app.schema)
        for name in ("metric", "value", "unit", "deadline", "region"):
            assert app.screen.query_one(f"#field-{name}", Input).value == as_field_text(expected.get(name))
        await pilot.press("escape")
        await pilot.pause()
        assert len(saved(db_path, doc.id)) == 1
        await pilot.press("shift+tab", "f")
        assert app.focused is app.reader_view and app.reader.figure_at() is not None
        await pilot.press("shift+tab", "j", "enter")  # enter opens the highlighted one, reader focused
        assert app.reader.doc.id != doc.id and app.focused is app.reader_view


def test_every_key_is_bound_where_it_applies_and_listed_in_the_palette() -> None:
    bound = {
        GLOBAL: {b.key for b in _app_bindings()},
        LIST: {b.key for b in DocumentList.BINDINGS},  # type: ignore[union-attr]
        READER: {b.key for b in DocumentView.BINDINGS},  # type: ignore[union-attr]
    }
    for cmd in KEYMAP:
        if cmd.bind:
            assert set(cmd.keys.split(",")) <= bound[cmd.where], cmd
    assert all(cmd.action for cmd in KEYMAP if cmd.palette)


def _app_bindings() -> list[Any]:
    from tui.app.app import NatprojApp

    return list(NatprojApp.BINDINGS)  # type: ignore[arg-type]


async def test_palette_offers_every_command_that_applies(make_app: Callable[..., Any],
                                                         answers: dict[str, Any]) -> None:
    answers["InitiativePicker"] = DIGITAL
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        r = app.reader
        await pilot.press("i", "slash", *"digital", "enter", "v")  # an annotation, matches, a selection
        sug = r.suggestions[0]
        r.goto(sug.start)  # also a suggestion under the cursor (the selection's end moves there)
        app._sync()
        offered = {cmd.title for cmd in NatprojCommands(app.screen)._commands()}
        wanted = {cmd.title for cmd in KEYMAP if cmd.palette}
        missing = wanted - offered
        # with the cursor on the suggestion, the annotation may no longer be under it
        assert missing <= {c.title for c in KEYMAP if c.action in ("delete", "note")}, missing
        await pilot.press("escape", "escape")
        assert r.selection is None and not r.matches


async def test_corpus_search_from_the_box_and_the_palette(make_app: Callable[..., Any],
                                                          corpus: Corpus) -> None:
    app = make_app()
    phrase = "Tatarstan"
    hits = corpus_hits(corpus, phrase)
    assert hits and hits[0].doc_id != corpus.documents[0].id
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("slash", "slash", *phrase, "enter")
        await ready(app, pilot)  # the corpus search runs in a worker
        r = app.reader
        ids = [d.id for d in corpus.documents]
        want = next_in_corpus(corpus, ids, phrase, ids[0], 0)
        assert want is not None
        assert (r.doc.id, r.pos) == want and app.focused is app.reader_view
        assert r.matches and f"match 1/{len(r.matches)}" in status_text(app)
        title = r.doc.title or r.doc.id
        assert title[:20] in status_text(app)
        await pilot.press("slash", "enter")  # again: the next match in the corpus
        await ready(app, pilot)  # the corpus search runs in a worker
        assert (app.reader.doc.id, app.reader.pos) == next_in_corpus(corpus, ids, phrase, *want)
        await pilot.press("escape")  # clears the search
        # the palette: a line per document holding the phrase, opening it at its first match
        last = hits[-1]
        await pilot.press("ctrl+p", *phrase.lower())
        await pilot.pause(0.3)
        found = [h async for h in CorpusSearchCommands(app.screen).search(phrase.lower())]
        assert len(found) == len(hits)
        await pilot.press("escape")  # the palette closes, then its line for the last document runs
        await pilot.pause()
        found[-1].command()
        await pilot.pause()
        assert app.reader.doc.id == last.doc_id and app.reader.pos == last.first


async def test_mouse_drag_selects_words_and_escape_cancels(make_app: Callable[..., Any],
                                                           answers: dict[str, Any], db_path: Path) -> None:
    answers["InitiativePicker"] = DIGITAL
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        view = app.reader_view
        text = app.reader.doc.text
        line_start, line_end = view.lines[0]
        words = list(WORD.finditer(text, line_start, line_end))
        assert len(words) >= 4
        border = view.content_region.x - view.region.x  # the reader's left border
        x0 = border + GUTTER + words[1].start() - line_start
        x1 = border + GUTTER + words[3].start() - line_start
        await pilot.mouse_down(view, offset=(x0, 0))
        await pilot.hover(view, offset=(x1, 0))
        await pilot.mouse_up(view, offset=(x1, 0))
        r = app.reader
        assert r.selection is not None
        assert r.selection == (words[1].start(), words[3].end())
        assert "selection: 3 words" in status_text(app)
        await pilot.press("escape")
        assert r.selection is None
        await pilot.mouse_down(view, offset=(x0, 0))
        await pilot.hover(view, offset=(x1, 0))
        await pilot.mouse_up(view, offset=(x1, 0))
        await pilot.press("i")
        await pilot.pause()
        ann = saved(db_path, r.doc.id)[0]
        assert ann.scope == "span" and (ann.start, ann.end) == (words[1].start(), words[3].end())


async def test_global_keys_do_not_fire_over_a_dialog(make_app: Callable[..., Any]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("t")
        await pilot.pause()
        form = app.screen
        form.query_one("#field-qualifier").focus()  # a drop-down: typed letters are not text
        await pilot.press("s", "e", "q", "question_mark")
        await pilot.pause()
        assert app.screen is form and app.return_code is None
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("s")  # on the main screen they work
        assert type(app.screen).__name__ == "StatsScreen"


async def test_panel_rows_move_the_reader_and_keys_act_on_that_row(
        make_app: Callable[..., Any], answers: dict[str, Any], db_path: Path) -> None:
    answers["InitiativePicker"] = DIGITAL
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("i", "J", "J", "i")  # two tagged passages
        doc = app.reader.doc.id
        first, second = sorted(saved(db_path, doc), key=lambda a: a.start)
        assert "✓ saved" in status_text(app) and "✓ tagged initiative" in status_text(app)
        await pilot.press("j")  # the message goes with the next key; the indicator stays
        assert "✓ tagged" not in status_text(app) and "✓ saved" in status_text(app)
        app.panel.focus()
        await pilot.press("home")
        await pilot.pause()
        assert app.reader.annotation_at().id == first.id and app.focused is app.panel
        await pilot.press("d")  # acts on the row shown
        assert [a.id for a in saved(db_path, doc)] == [second.id]
        await pilot.press("u")
        assert len(saved(db_path, doc)) == 2


async def test_overlapping_annotations_and_suggestions_stay_visible(
        make_app: Callable[..., Any], answers: dict[str, Any]) -> None:
    answers["InitiativePicker"] = DIGITAL
    answers["TargetForm"] = {"metric": "m", "value": 1, "unit": None, "qualifier": None, "deadline": None,
                             "baseline": None, "region": None, "status": "goal", "initiative": None}
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("j", "i", "v", "w", "t")  # a passage initiative, a target inside it
        await pilot.pause()
        r = app.reader
        inner = next(a for a in r.annotations if a.kind == "target")
        await pilot.press("k")  # the cursor off that sentence: the styles are the marks' own
        plain = app.reader_view.rich_style
        style = style_at(app, inner.start)
        assert style.underline and style.color.triplet.hex == app.schema.color(DIGITAL).lower()
        assert style.bgcolor is not None and style.bgcolor != plain.bgcolor  # the target's tint
        sug = r.suggestions[0]
        r.goto(max(0, sug.start - 1))
        r.goto(r.doc.sentences[0].start if r.doc.sentence_at(sug.start) != 0 else r.doc.sentences[-1].start)
        app._sync()
        await pilot.pause()
        sug_style = style_at(app, sug.start)
        assert sug_style.dim or sug_style.italic


async def test_figure_value_in_the_status_line_and_the_cursor_kept_in_view(
        make_app: Callable[..., Any]) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        r = app.reader
        for fig in r.figures:  # the detector's own figures, each with its normalised value
            await pilot.press("f")
            assert r.pos == fig.start and describe_figure(fig) in status_text(app)
            assert any(line.startswith("▌") for line in reader_lines(app))  # still on screen
        await pilot.press("v", "w")  # the selection is drawn apart from the cursor sentence
        start, end = r.selection
        assert style_at(app, start).reverse and style_at(app, end - 1).reverse
        await pilot.press("escape")
        assert not style_at(app, start).reverse


async def test_tiny_terminal_with_a_dialog_open_and_back(make_app: Callable[..., Any], db_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("t")
        await pilot.pause()
        await pilot.resize_terminal(40, 12)
        await pilot.pause()
        await pilot.press("tab", "tab", "x")
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert type(app.screen).__name__ == "TargetForm"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.resize_terminal(40, 12)
        await pilot.press("i")
        await pilot.pause()
        await pilot.press("2", "j", "r", "r", "question_mark")
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpScreen"
        await pilot.press("escape")
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert len(saved(db_path, app.reader.doc.id)) == 1
        assert "Annotations" in screen_text(app)  # the panel is back at full size
        assert app.query_one("#search", Input).display is False


def test_next_in_corpus_goes_on_then_wraps_round(corpus: Corpus) -> None:
    ids = [d.id for d in corpus.documents]
    phrase = "digital"
    where = [(d.id, m) for d in corpus.documents for m in
             (i for i in range(len(d.text)) if d.text[i:i + len(phrase)].lower() == phrase)]
    assert len(where) > 3
    seen, at = [], (ids[0], -1)
    for _ in where:
        got = next_in_corpus(corpus, ids, phrase, *at)
        assert got is not None
        seen.append(got)
        at = got
    assert seen == sorted(where, key=lambda w: (ids.index(w[0]), w[1]))
    assert next_in_corpus(corpus, ids, phrase, *at) == seen[0]  # round again
    assert next_in_corpus(corpus, ids, "no such phrase zzq", ids[0], 0) is None
    assert next_in_corpus(corpus, ids, "d", ids[0], 0) is None  # too short to mean anything
    hits = corpus_hits(corpus, phrase)
    assert [(h.doc_id, h.count) for h in hits] == [
        (d.id, d.text.lower().count(phrase)) for d in corpus.documents if phrase in d.text.lower()]


def test_a_corpus_search_prepares_only_the_documents_whose_raw_text_holds_the_phrase(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # a rare phrase over 10,000 documents once prepared every one of them: 9 s
    lazy = index_corpus(make(tmp_path / "corpus", 30, furniture=True))
    made, _ = live_documents(monkeypatch, index_module)
    assert corpus_hits(lazy, "no such phrase zzq") == [] and made == []
    assert next_in_corpus(lazy, lazy.ids(), "no such phrase zzq", None, -1) is None and made == []
    # in every raw text, but cleaned away as furniture from every one: prepared, and no hit
    assert corpus_hits(lazy, FURNITURE) == [] and len(made) == 30
    made.clear()
    hits = corpus_hits(lazy, "connected 70 schools")
    assert [(h.doc_id, h.count) for h in hits] == [("doc007", 1)] and len(made) == 1
    assert next_in_corpus(lazy, lazy.ids(), "CONNECTED 70 schools", "doc001", 0) == ("doc007", hits[0].first)
    assert corpus_hits(lazy, "connected", stop=lambda: True) == []  # a newer query: the scan ends


async def test_a_label_draws_again_only_the_lines_it_changed(make_app: Callable[..., Any],
                                                             answers: dict[str, Any]) -> None:
    answers["InitiativePicker"] = DIGITAL
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        view = app.reader_view
        await pilot.press("j", "j")
        drawn: list[int] = []
        draw = view.render_line

        def counting(y: int) -> Any:
            drawn.append(y)
            return draw(y)

        view.render_line = counting  # type: ignore[method-assign]
        region = view.size.region
        before = [strip.text for strip in view.render_lines(region)]
        drawn.clear()
        await pilot.press("i")
        assert app.store.count() == 1
        partial = view.render_lines(region)
        start, end = view._display.cursor  # the tagged sentence: its lines are all that changed
        tagged = view.line_of(end - 1) - view.line_of(start) + 1
        assert 0 < len(set(drawn)) <= tagged < len(before)
        view._strips.clear()
        view.refresh()  # everything drawn anew: the same lines, the same styles
        assert [list(s) for s in view.render_lines(region)] == [list(s) for s in partial]


async def test_the_panel_measures_again_only_the_rows_that_changed() -> None:
    from dataclasses import replace

    from textual.app import App, ComposeResult

    from tui.app.widgets.annotation_panel import AnnotationPanel
    from tui.session import AnnotationRow

    class Host(App[None]):
        def compose(self) -> ComposeResult:
            yield AnnotationPanel(id="panel")

    def row(n: int) -> AnnotationRow:
        return AnnotationRow(f"a{n}", "initiative", DIGITAL, "Digital economy", "#5f87ff", f"quote {n}", "",
                             "manual", False, n * 10, n * 10 + 5)

    def prompts(panel: AnnotationPanel) -> list[Any]:
        return [panel.get_option_at_index(k).prompt for k in range(panel.option_count)]

    async with Host().run_test(size=SIZE) as pilot:
        panel = pilot.app.query_one(AnnotationPanel)
        panel.set_rows([row(1), row(3)])
        first = prompts(panel)
        panel.set_rows([row(1), row(2), row(3)])  # a row added between them
        second = prompts(panel)
        assert second[0] is first[0] and second[2] is first[1] and len(second) == 3
        panel.set_rows([row(1), replace(row(2), note="check the source"), row(3)])
        third = prompts(panel)
        assert third[0] is first[0] and third[2] is first[1]
        assert "✎" in third[1].plain and "✎" not in second[1].plain


def test_the_raw_text_never_rules_out_a_document_whose_clean_text_holds_the_phrase(corpus: Corpus) -> None:
    # the corpus search skips a document whose raw text lacks the phrase: sound only because the
    # clean text is cut from the raw text line by line; any piece of a clean line must be found
    tried = 0
    for doc in corpus.documents:
        for start in range(0, len(doc.text) - 12, 97):
            phrase = doc.text[start:start + 12]
            if "\n" in phrase or len(phrase.strip()) < 2:
                continue
            tried += 1
            hits = corpus_hits(corpus, phrase, limit=len(corpus.documents))
            assert doc.id in [h.doc_id for h in hits], phrase
    assert tried > 100
