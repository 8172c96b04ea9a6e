"""What a label key costs the frame after it: the annotation panel redraws only what changed and
asks the screen for no new layout, the collector's full passes wait for a pause in the keys, and
closed dialogs do not stay in memory."""

from __future__ import annotations

import gc
import itertools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from test_app import DIGITAL, SIZE, ready
from textual._compositor import Compositor
from textual.app import App, ComposeResult
from textual.screen import Screen
from textual.widgets import Input, Static

from tui.app import collector as collector_module
from tui.app.collector import NEVER, OVERDUE, PAUSE, IdleCollector
from tui.app.widgets.annotation_panel import AnnotationPanel, annotation_prompt
from tui.session import AnnotationRow


def row(n: int, quote: str = "") -> AnnotationRow:
    return AnnotationRow(f"a{n}", "initiative", DIGITAL, "Digital economy", "#5f87ff",
                         quote or f"quote {n}", "", "manual", False, n * 10, n * 10 + 5)


class Host(App[None]):
    def compose(self) -> ComposeResult:
        yield AnnotationPanel(id="panel")


async def test_the_panel_keeps_the_rows_above_a_change_and_draws_what_a_full_redraw_draws() -> None:
    async with Host().run_test(size=(40, 30)) as pilot:
        panel = pilot.app.query_one(AnnotationPanel)
        panel.set_rows([row(1), row(3, "a quote long enough to wrap over two lines of the panel")])
        await pilot.pause()
        width = panel.scrollable_content_region.width
        first = panel._row_lines(0, width)
        panel.set_rows([row(1), row(2), row(3, "a quote long enough to wrap over two lines of the panel")])
        await pilot.pause()
        assert panel._row_lines(0, width) is first  # not wrapped or drawn again
        region = panel.scrollable_content_region
        partial = [list(s) for s in panel.render_lines(region.reset_offset)]
        panel._drawn.clear()
        panel.refresh()
        full = [list(s) for s in panel.render_lines(region.reset_offset)]
        assert partial == full
        assert panel.virtual_size.height == sum(len(panel._row_lines(i, width)) for i in range(3)) > 6
        texts = ["".join(seg.text for seg in line) for line in full]
        assert any("quote 2" in t for t in texts) and any("wrap over" in t for t in texts)


async def test_a_new_theme_redraws_the_rows_it_kept() -> None:
    async with Host().run_test(size=(40, 30)) as pilot:
        panel = pilot.app.query_one(AnnotationPanel)
        panel.set_rows([row(1), row(2)])
        panel.show_current("a1")
        await pilot.pause()
        region = panel.scrollable_content_region.reset_offset
        before = [list(s) for s in panel.render_lines(region)]
        pilot.app.theme = "gruvbox"  # dark, like the default: the rows' own colours stay the same
        await pilot.pause()
        after = [list(s) for s in panel.render_lines(region)]
        panel._drawn.clear()
        panel.refresh()
        assert after == [list(s) for s in panel.render_lines(region)] != before


async def test_rows_wrap_again_when_the_scroll_bar_narrows_the_panel() -> None:
    # the scroll bar takes two cells: the rows measured at the old width drew past their lines
    words = "share of schools with broadband internet access in the region by the end of 2024"
    async with Host().run_test(size=(34, 16)) as pilot:
        panel = pilot.app.query_one(AnnotationPanel)
        panel.set_rows([row(n) for n in range(3)])
        await pilot.pause()
        wide = panel._width()

        def height(quote: str, width: int) -> int:
            return annotation_prompt(row(0, quote)).get_height(panel.styles, width - 2)

        # a quote that takes one more line once the bar has taken its two cells
        quote = next(q for q in (words[:k] for k in range(20, len(words)))
                     if height(q, wide - 2) > height(q, wide))
        for many in (20, 21):  # the bar comes with the first; the second is measured at its width
            panel.set_rows([row(n, quote) for n in range(many)])
            await pilot.pause()
        width = panel._width()
        assert width == wide - 2
        heights = [b - a for a, b in itertools.pairwise(panel._starts)]
        assert heights == [panel._prompts[r].get_height(panel.styles, width - 2) for r in panel._rows]
        panel.focus()
        for _ in range(21):  # every row drawn, highlighted and not
            await pilot.press("down")
        assert panel.highlighted == 20 and panel.scroll_y == panel.max_scroll_y


async def test_ten_labels_in_a_row_bring_the_panel_its_scroll_bar(make_app: Callable[..., Any],
                                                                  answers: dict[str, Any]) -> None:
    # on the seeds at 120x40 the eighth label brought the bar, and the app stopped (IndexError)
    answers["InitiativePicker"] = DIGITAL
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        for _ in range(10):
            await pilot.press("i", "j")
            await pilot.pause()
        assert len(app.panel.ids) == 10 and app.panel.max_scroll_y > 0
        assert app.panel.highlighted is None  # the cursor sits on an unlabelled sentence
    assert app.return_code in (None, 0)


async def test_rows_past_the_bottom_scroll_into_view(make_app: Callable[..., Any]) -> None:
    async with Host().run_test(size=(40, 12)) as pilot:
        panel = pilot.app.query_one(AnnotationPanel)
        panel.set_rows([row(n) for n in range(3)])
        await pilot.pause()
        assert panel.max_scroll_y == 0
        panel.set_rows([row(n) for n in range(30)])  # now taller than the panel: a scroll bar
        await pilot.pause()
        assert panel.max_scroll_y > 0 and panel.virtual_size.height == 60
        panel.focus()
        await pilot.press("end")
        assert panel.highlighted == 29 and panel.scroll_y == panel.max_scroll_y


async def test_a_label_key_asks_the_screen_for_no_new_layout_or_full_redraw(
        make_app: Callable[..., Any], monkeypatch: pytest.MonkeyPatch) -> None:
    # a new layout draws every widget again (OptionList.set_options asked for one on every label),
    # and so does a full redraw (setting App.sub_title, the progress, asked for one)
    layouts: list[Screen[Any]] = []
    full: list[Compositor] = []
    real = Screen._refresh_layout
    real_full = Compositor.render_full_update

    def counted(self: Screen[Any], *args: Any, **kwargs: Any) -> None:
        layouts.append(self)
        real(self, *args, **kwargs)

    def counted_full(self: Compositor, *args: Any, **kwargs: Any) -> Any:
        full.append(self)
        return real_full(self, *args, **kwargs)

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("greater_than_sign")
        assert app.reader.suggestion_at() is not None
        monkeypatch.setattr(Screen, "_refresh_layout", counted)
        monkeypatch.setattr(Compositor, "render_full_update", counted_full)
        for _ in range(3):
            await pilot.press("a")  # accept the suggestion: one more row in the panel
            await pilot.pause()
            await pilot.press("greater_than_sign")
        await pilot.pause()  # the counts' own frame, after the key's
        assert len(app.panel.ids) == 3 and "3 annotations" in app.sub_title
        assert "3 annotations" in str(app.query_one("#title-bar", Static).visual)
        assert layouts == [] and full == []


async def test_a_label_key_shows_all_it_changed_in_its_first_frame(make_app: Callable[..., Any]) -> None:
    # the list row and the corpus progress were drawn a frame or two later, 35-45 ms after the key
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        first: dict[int, str] = {}  # the first frame of the main screen that had n annotations saved
        draw = app._display

        def display(screen: Screen[Any], renderable: Any) -> None:
            draw(screen, renderable)
            n = app.store.count()
            if n not in first and screen is app.screen_stack[0]:
                strips = screen._compositor.render_strips()
                first[n] = "\n".join("".join(s.text for s in strip) for strip in strips)

        await pilot.press("greater_than_sign")
        app._display = display
        await pilot.press("a")  # accept the suggestion
        await pilot.pause()
        await pilot.press("j", "i", "1")  # the picker's first line
        await pilot.pause()
        first.pop(0, None)
        assert sorted(first) == [1, 2]
        for n, frame in first.items():
            assert f"· {n} annotations ·" in frame  # the corpus progress in the title line
            assert f"· {n} ann." in frame  # the document's row in the list
            assert "· en · in progress" in frame  # the document's title: "todo" until the first label


async def test_panel_keys_move_through_the_rows_and_enter_goes_back_to_the_reader(
        make_app: Callable[..., Any], answers: dict[str, Any]) -> None:
    answers["InitiativePicker"] = DIGITAL
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("i", "J", "J", "i", "J", "i")
        first, _, last = app.panel.ids
        app.panel.focus()
        await pilot.press("end")
        assert app.reader.annotation_at().id == last and app.focused is app.panel
        await pilot.press("home")
        assert app.reader.annotation_at().id == first
        await pilot.press("down", "enter")
        assert app.focused is app.reader_view and app.reader.annotation_at().id == app.panel.ids[1]
        await pilot.click(AnnotationPanel, offset=(3, 1))  # the first row's first line
        assert app.reader.annotation_at().id == first and app.focused is app.reader_view


def test_full_collections_wait_for_a_pause_in_the_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    passes: list[int] = []

    def seen(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            passes.append(info["generation"])

    saved = gc.get_threshold()
    clock = [100.0]
    monkeypatch.setattr(collector_module.time, "monotonic", lambda: clock[0])
    collector = IdleCollector()
    gc.callbacks.append(seen)
    try:
        collector.hold()
        assert gc.get_threshold()[2] == NEVER
        gc.collect()  # no middle passes owed from before the test
        passes.clear()
        collector.key()
        clock[0] += PAUSE / 2
        assert not collector.tick() and 2 not in passes  # the keys have not paused yet
        clock[0] += PAUSE
        assert collector.tick() and passes[-1] == 2
        passes.clear()
        clock[0] += 10
        assert not collector.tick() and passes == []  # no key since: nothing owed
        for _ in range(OVERDUE):
            gc.collect(1)  # middle passes, as a long run of keys makes them
        collector.key()
        assert collector.tick() and passes[-1] == 2  # overdue: runs without a pause
    finally:
        gc.callbacks.remove(seen)
        collector.release()
    assert gc.get_threshold() == saved


async def test_closed_dialogs_do_not_stay_in_memory(make_app: Callable[..., Any], db_path: Path) -> None:
    from textual._styles_cache import StylesCache

    def alive() -> int:
        return sum(type(o) is StylesCache for o in gc.get_objects())

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        for _ in range(3):
            await pilot.press("question_mark", "escape")
        app._collector.key()
        app._collector._last_key -= PAUSE
        app._collector.tick()
        before = alive()
        for _ in range(10):
            await pilot.press("question_mark", "escape")  # a new help screen each time (the
            # label dialogs are built once and kept)
        app._collector.key()  # (the app's own tick may have run a pass since the last key)
        app._collector._last_key -= PAUSE
        assert app._collector.tick()
        assert alive() - before < 12


async def test_the_picker_is_built_once_and_closing_it_lays_out_nothing(
        make_app: Callable[..., Any], monkeypatch: pytest.MonkeyPatch) -> None:
    # Textual removes a closed screen unless it is installed, and the removal laid out and drew the
    # whole main screen again (3 frames, 40-60 ms after the key); a new picker per "i"
    # also composed a dozen widgets, and its Footer rebuilt one per key when the picker closed
    from tui.app.screens import InitiativePicker

    layouts: list[Screen[Any]] = []
    real = Screen._refresh_layout

    def counted(self: Screen[Any], *args: Any, **kwargs: Any) -> None:
        layouts.append(self)
        real(self, *args, **kwargs)

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("i", *"data")
        picker = app.screen
        assert isinstance(picker, InitiativePicker)
        widgets = list(picker.walk_children())
        await pilot.press("escape", "j")
        monkeypatch.setattr(Screen, "_refresh_layout", counted)
        await pilot.press("i")
        assert app.screen is picker and picker.query_one("#picker-filter", Input).value == ""
        assert [s for s in layouts if s is not picker] == []  # (a new tree may resize the box)
        layouts.clear()
        await pilot.press("1")
        for _ in range(5):  # the frames after the label's own
            await pilot.pause(0.02)
        assert app.screen is not picker
        assert [a.label for a in app.store.for_doc(app.reader.doc.id)] == [DIGITAL]
        assert layouts == []
        assert list(picker.walk_children()) == widgets


async def test_the_target_form_is_kept_and_shows_each_sentence_anew(make_app: Callable[..., Any]) -> None:
    from tui.app.screens import TargetForm

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("t", *"first metric", "escape", "j", "t")
        form = app.screen
        assert isinstance(form, TargetForm)
        assert form.query_one("#field-metric", Input).value == ""  # what was typed is gone
        assert form.quote == app.session.current_quote()
        await pilot.press(*"share online", "enter")
        await pilot.pause()
        assert app.screen is not form
        [target] = app.store.for_doc(app.reader.doc.id)
        assert target.kind == "target" and target.attrs["metric"] == "share online"
        await pilot.press("j", "t")
        assert app.screen is form and form.query_one("#field-metric", Input).value == ""


async def test_a_dialog_blanks_the_key_lines_but_keeps_their_height(make_app: Callable[..., Any]) -> None:
    # a new height laid out and drew the whole screen behind the picker before the picker came up
    from tui.app.widgets.key_bar import KeyBar

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        bar = app.query_one(KeyBar)
        height, keys = bar.size.height, bar.render().plain
        assert height == 2 and "i initiative" in keys
        await pilot.press("i")
        assert len(app.screen_stack) == 2
        assert bar.size.height == height and bar.render().plain.strip() == ""
        await pilot.press("escape")
        assert bar.size.height == height and bar.render().plain == keys
