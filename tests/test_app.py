"""The walking skeleton (#2), driven by real key presses: list, reader, sentence cursor, i/t tags,
the side panel, and the database file written at once and read back after a restart."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Static

from tui.corpus import Corpus
from tui.store import open_read_only

DIGITAL = "np.digital_economy"
SIZE = (120, 40)


async def ready(app: Any, pilot: Pilot[Any]) -> None:
    """Wait until the corpus worker has finished and its result is on screen."""
    await app.workers.wait_for_complete()
    await pilot.pause()


def screen_text(app: Any) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def status_text(app: Any) -> str:
    info = app.query_one("#status-info", Static).visual
    saved = app.query_one("#status-saved", Static).visual
    return f"{getattr(info, 'plain', info)} | {getattr(saved, 'plain', saved)}"


def reader_lines(app: Any) -> list[str]:
    """The reader's rows as drawn, gutter (2 cells: "▌" marks the cursor sentence) included."""
    view = app.reader_view
    return [view.render_line(y).text for y in range(view.scrollable_content_region.height)]


def reader_text(app: Any) -> str:
    return " ".join(" ".join(line[2:] for line in reader_lines(app)).split())


def style_at(app: Any, offset: int) -> Any:
    """The style the reader draws the character at ``offset`` of the text with."""
    view = app.reader_view
    line = view.line_of(offset)
    y = line - round(view.scroll_offset.y)
    assert 0 <= y < view.scrollable_content_region.height, "not on screen"
    col = 2 + offset - view.lines[line][0]
    return next(iter(view.render_line(y).crop(col, col + 1))).style


async def test_list_shows_every_document_with_title_date_and_count(make_app: Callable[..., Any],
                                                                    corpus: Corpus) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        lst = app.documents.option_list
        assert lst.option_count == len(corpus.documents) == 5
        shown = screen_text(app)
        tatarstan = corpus.get("003_1cb1f2dc3a841b0e")
        assert "Tatarstan plans" in shown and tatarstan.date in shown
        assert "0/5 documents done" in app.sub_title
        prompt = lst.get_option_at_index(3).prompt.plain
        assert tatarstan.title in prompt and "todo" in prompt and f"0/{len(tatarstan.sentences)}" in prompt


async def test_choosing_a_document_shows_its_clean_text(make_app: Callable[..., Any], corpus: Corpus) -> None:
    app = make_app()
    doc = corpus.documents[1]  # has a site counter the cleaner removed
    assert doc.removed
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        # at start the first document is open and the reader has the keys
        assert app.reader.doc.id == corpus.documents[0].id and app.focused is app.reader_view
        await pilot.press("shift+tab")
        assert app.focused is app.documents.option_list
        await pilot.press("j", "enter")
        assert app.reader.doc.id == doc.id
        assert app.focused is app.reader_view
        shown = reader_text(app)
        first_words = " ".join(doc.text.split()[:8])
        assert first_words in shown
        for removed in doc.removed:
            if removed.reason == "site-counter":
                assert removed.text.strip() not in shown


async def test_j_and_k_move_the_marked_sentence(make_app: Callable[..., Any]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        doc = app.reader.doc
        await pilot.press("j", "j", "j")
        assert app.reader.sentence_index == 3
        assert f"sentence 4/{len(doc.sentences)}" in status_text(app)
        lines = reader_lines(app)
        marked = [line for line in lines if line.startswith("▌")]
        sentence = doc.text[doc.sentences[3].start:doc.sentences[3].end]
        assert marked and " ".join(" ".join(m[2:] for m in marked).split()).startswith(
            " ".join(sentence.split())[:30])
        await pilot.press("k")
        assert app.reader.sentence_index == 2
        assert f"sentence 3/{len(doc.sentences)}" in status_text(app)


async def test_i_tags_the_sentence_and_the_file_has_it_at_once(
        make_app: Callable[..., Any], answers: dict[str, Any], db_path: Path) -> None:
    answers["InitiativePicker"] = DIGITAL
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("j", "j", "i")
        await pilot.pause()
        r = app.reader
        start, end = r.passage()
        # the picker got the schema (and a suggestion, or None)
        name, args, _ = answers["calls"][-1]
        assert name == "InitiativePicker" and args[0] is app.schema
        with open_read_only(db_path) as other:  # a second reader of the file, while the app runs
            anns = other.for_doc(r.doc.id)
        assert [(a.kind, a.label, a.start, a.end, a.scope) for a in anns] == [
            ("initiative", DIGITAL, start, end, "passage")]
        assert anns[0].quote == r.doc.text[start:end] and anns[0].annotator == "tester"
        assert "✓ saved" in status_text(app)
        panel = app.panel
        assert len(panel.ids) == 1
        assert "Digital Economy" in panel.get_option_at_index(0).prompt.plain
        assert "1 annotations" in app.sub_title


async def test_t_tags_a_target_with_the_form_answer(make_app: Callable[..., Any], answers: dict[str, Any],
                                                    db_path: Path) -> None:
    attrs = {"metric": "share of services online", "value": 93, "unit": "%", "qualifier": None,
             "deadline": 2024, "baseline": None, "region": None, "status": "goal", "initiative": DIGITAL}
    answers["TargetForm"] = attrs
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("f", "t")
        await pilot.pause()
        name, args, _ = answers["calls"][-1]
        prefill, schema, quote = args
        assert name == "TargetForm" and schema is app.schema
        start, end = app.reader.passage()
        assert quote == app.reader.doc.text[start:end]
        assert "value" in prefill and "status" in prefill
        with open_read_only(db_path) as other:
            anns = other.for_doc(app.reader.doc.id)
        assert [(a.kind, a.label, a.attrs) for a in anns] == [("target", "target", attrs)]


async def test_cancelled_picker_writes_nothing(make_app: Callable[..., Any], answers: dict[str, Any],
                                               db_path: Path) -> None:
    answers["InitiativePicker"] = None
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("i")
        await pilot.pause()
        assert app.store.count() == 0
        assert "saved" not in status_text(app)


async def test_tagged_text_is_drawn_in_the_label_colour(make_app: Callable[..., Any],
                                                        answers: dict[str, Any]) -> None:
    answers["InitiativePicker"] = DIGITAL
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("j", "j", "i")
        await pilot.pause()
        colour = app.schema.color(DIGITAL).lower()
        start, end = app.reader.passage()
        for offset in (start, (start + end) // 2, end - 1):
            style = style_at(app, offset)
            assert style.color.triplet.hex == colour and style.underline
        await pilot.press("j")  # the next sentence is not tagged: no label colour there
        style = style_at(app, app.reader.passage()[0])
        assert style.color.triplet.hex != colour and not style.underline


async def test_figures_have_a_style_per_kind(make_app: Callable[..., Any]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        view = app.reader_view
        styles: dict[str, Any] = {}
        plain = view.rich_style
        for fig in app.reader.figures[:4]:
            await pilot.press("f")
            assert app.reader.pos == fig.start
            styles.setdefault(fig.kind, style_at(app, fig.start))
        assert styles
        for style in styles.values():
            assert style.bold or style.italic  # visible without colour too
            assert style != plain
        if len(styles) > 1:
            assert len({str(s) for s in styles.values()}) > 1


async def test_tags_survive_a_restart(make_app: Callable[..., Any], answers: dict[str, Any]) -> None:
    answers["InitiativePicker"] = DIGITAL
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("j", "i")
        await pilot.pause()
        doc_id = app.reader.doc.id
        quote = app.store.for_doc(doc_id)[0].quote
        await pilot.press("q")
    again = make_app()
    async with again.run_test(size=SIZE) as pilot:
        await ready(again, pilot)
        assert again.reader.doc.id == doc_id  # it opens on the first document not done
        rows = again.panel
        assert len(rows.ids) == 1 and quote[:20] in rows.get_option_at_index(0).prompt.plain
        prompt = again.documents.option_list.get_option(doc_id).prompt.plain
        assert "1 ann." in prompt and "in progress" in prompt
        assert "1 annotations" in again.sub_title


async def test_real_initiative_picker_by_digit(make_app: Callable[..., Any], db_path: Path) -> None:
    """With the real picker: digits pick a label (the first root is a national project)."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("j", "i")
        await pilot.pause()
        await pilot.press("1")
        await pilot.pause()
        anns = app.store.for_doc(app.reader.doc.id)
        assert len(anns) == 1 and anns[0].label in app.schema and anns[0].kind == "initiative"
