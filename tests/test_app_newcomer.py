"""What a newcomer ran into annotating a seed document end to end in tmux (#6), each fixed and
kept fixed here: `u` after `x` brings the rejected suggestion back (it used to undo the annotation
before it), a target typed over a suggested figure answers that suggestion, "//phrase" typed into
the search box searches the corpus too; and every key of the keymap reaches its action."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from test_app import DIGITAL, SIZE, ready, status_text
from textual import events
from textual.widgets import Input

from tui.app.commands import GLOBAL, KEYMAP, LIST, READER, list_keys
from tui.app.corpus_search import next_in_corpus
from tui.corpus import Corpus
from tui.store import open_read_only

TARGET = {"metric": "schoolchildren trained", "value": 100000, "unit": None, "qualifier": "over",
          "deadline": None, "baseline": None, "region": None, "status": "achieved", "initiative": None}


async def test_undo_after_a_reject_brings_the_suggestion_back(make_app: Callable[..., Any],
                                                              db_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        r = app.reader
        doc = r.doc.id
        first, second = r.suggestions[0], r.suggestions[1]
        r.goto(first.start)
        app._sync()
        await pilot.press("a")
        r.goto(second.start)
        app._sync()
        await pilot.press("x")
        assert second not in r.suggestions and second.key in app.store.rejected(doc)
        await pilot.press("u")  # the rejection is undone, the accepted annotation stays
        assert second in r.suggestions and second.key not in app.store.rejected(doc)
        assert app.store.count(doc) == 1 and r.pos == second.start
        assert "undid: rejection of" in status_text(app) and "✓ saved" in status_text(app)
        with open_read_only(db_path) as other:
            assert other.count(doc) == 1 and second.key not in other.rejected(doc)
        await pilot.press("ctrl+r")  # and redone
        assert second not in r.suggestions and second.key in app.store.rejected(doc)
        await pilot.press("u", "u")  # then the accept before it
        assert app.store.count(doc) == 0 and second.key not in app.store.rejected(doc)
        assert first in r.suggestions and second in r.suggestions
        assert app.check_action("undo", ()) is None  # nothing more to undo: shown disabled
        await pilot.press("ctrl+r", "ctrl+r")
        assert app.store.count(doc) == 1 and second.key in app.store.rejected(doc)


async def test_a_target_typed_over_a_suggested_figure_answers_the_suggestion(
        make_app: Callable[..., Any], answers: dict[str, Any]) -> None:
    answers["TargetForm"] = TARGET
    answers["InitiativePicker"] = DIGITAL
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        r = app.reader
        # a target suggestion that is shorter than its sentence, so the passage tag differs from it
        sug = next(s for s in r.suggestions if s.kind == "target"
                   and r.doc.sentences[r.doc.sentence_at(s.start)].start < s.start)
        r.goto(r.doc.sentences[r.doc.sentence_at(sug.start)].start)
        app._sync()
        assert r.suggestion_at() == sug
        await pilot.press("i")  # an initiative over it does not answer a target suggestion
        assert sug in r.suggestions
        await pilot.press("t")
        await pilot.pause()
        [target] = [a for a in app.store.for_doc(r.doc.id) if a.kind == "target"]
        assert target.start < sug.start and sug.end <= target.end
        assert sug not in r.suggestions and r.suggestion_at() is None
        assert "suggested:" not in status_text(app)
        await pilot.press("u")  # the target undone: the suggestion is offered again
        assert sug in r.suggestions


async def test_two_slashes_typed_in_the_search_box_search_the_corpus(make_app: Callable[..., Any],
                                                                     corpus: Corpus) -> None:
    app = make_app()
    phrase = "Tatarstan"
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        # "/" opens the box, then the user types "//Tatarstan" as the help line reads
        await pilot.press("slash", "slash", "slash", *phrase, "enter")
        await ready(app, pilot)  # the corpus search runs in a worker
        ids = [d.id for d in corpus.documents]
        assert (app.reader.doc.id, app.reader.pos) == next_in_corpus(corpus, ids, phrase, ids[0], 0)
        assert "no document has" not in status_text(app)


def _action(cmd_action: str) -> tuple[str, tuple[int, ...]]:
    name, _, args = cmd_action.partition("(")
    return name, tuple(int(a) for a in args.rstrip(")").split(",") if a.strip())


@pytest.mark.parametrize("where", [GLOBAL, READER, LIST, "forwarded"])
async def test_every_key_reaches_its_action(make_app: Callable[..., Any], where: str) -> None:
    """Each key of the keymap, pressed where it applies, runs its action with its arguments.

    The actions are replaced by recorders (their effects have tests of their own), and every
    action is allowed, so this checks the wiring alone: keymap -> bindings -> action."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        calls: list[tuple[str, tuple[int, ...]]] = []
        names = {_action(cmd.action)[0] for cmd in KEYMAP if cmd.action}
        for name in names:
            setattr(app, f"action_{name}", lambda *args, _n=name: calls.append((_n, args)))
        app.check_action = lambda action, parameters: True  # type: ignore[method-assign]
        if where == "forwarded":
            # reader keys pressed in the document list: the reader takes them
            cmds = [c for c in KEYMAP if c.where == READER and c.bind]
            taken = list_keys()  # keys the list keeps for itself
        else:
            cmds = [c for c in KEYMAP if c.where == where and c.bind]
            taken = set()
        assert cmds
        pressed = 0
        for cmd in cmds:
            for key in cmd.keys.split(","):
                if key in taken:
                    continue
                focus = app.documents.option_list if where in (LIST, "forwarded") else app.reader_view
                focus.focus()
                await pilot.pause()
                calls.clear()
                await pilot.press(key)
                assert calls == [_action(cmd.action)], (key, cmd.action, calls)
                pressed += 1
        assert pressed >= (len(cmds) if where != "forwarded" else len(cmds) - 4)  # less j k / esc



async def test_angle_brackets_step_through_the_open_suggestions(make_app: Callable[..., Any]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        r = app.reader
        starts = sorted({s.start for s in r.suggestions})
        stops = [s for s in starts if s > r.pos]  # from the first sentence on
        assert len(stops) >= 3
        seen = []
        for _ in stops:
            await pilot.press("greater_than_sign")
            seen.append(r.pos)
            assert r.suggestion_at() is not None and "suggested:" in status_text(app)
        assert seen == stops
        await pilot.press("greater_than_sign")
        assert "no more open suggestions below" in status_text(app)
        await pilot.press("x", "less_than_sign")  # the one just rejected is no longer a stop
        assert r.pos < seen[-1] and r.pos in starts
        await pilot.press("v", "less_than_sign")  # a jump ends a selection rather than stretch it
        assert r.selection is None



@pytest.mark.parametrize(("where", "box_id"), [("reader", "#search"), ("list", "#doc-filter"),
                                              ("panel", "#search")])
async def test_keys_typed_right_after_the_search_key_go_into_the_box(make_app: Callable[..., Any], where: str,
                                                                     box_id: str) -> None:
    # a burst ("/tat" typed fast, or pasted) once reached the reader before the box had focus:
    # "t" opened the target form and "a" accepted a suggestion
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        if where != "reader":
            app.query_one("#annotations" if where == "panel" else "#doc-list").focus()
            await pilot.pause()
        for key, char in [("slash", "/"), ("t", "t"), ("a", "a"), ("t", "t")]:
            app.post_message(events.Key(key, char))  # all queued before the first is handled
        await pilot.pause()
        box = app.query_one(box_id, Input)
        assert len(app.screen_stack) == 1 and app.focused is box and box.value == "tat"
        assert app.store.count() == 0
        app.post_message(events.Key("enter", None))
        await pilot.pause()
        assert app.focused is not box and len(app.screen_stack) == 1


async def test_keys_read_after_quit_open_nothing_on_the_closing_app(make_app: Callable[..., Any]) -> None:
    # "q" then "e" typed fast: the export dialog was pushed onto the closing app and its mounting
    # ended the session with a traceback
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        for key in ("q", "e", "s"):
            app.post_message(events.Key(key, key))
        await pilot.pause()
        assert len(app.screen_stack) == 1
    assert app.return_code == 0


@pytest.mark.parametrize("keys", [("enter", "j"), ("end", "j")])
async def test_a_key_typed_right_after_choosing_a_panel_row_acts_from_that_row(
        make_app: Callable[..., Any], answers: dict[str, Any], keys: tuple[str, str]) -> None:
    # the panel told the app by a message, which came after the "j" typed behind it: "j" moved the
    # cursor on, then the message put it back on the annotation
    answers["InitiativePicker"] = DIGITAL
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("J", "i")  # the second paragraph's first sentence
        tagged = app.reader.sentence_index
        await pilot.press("K")
        app.panel.focus()
        await pilot.pause()
        if keys[0] == "enter":
            await pilot.press("home")  # a row to choose
        for key in keys:
            app.post_message(events.Key(key, None if key in ("enter", "end") else key))
        await pilot.pause()
        assert app.reader.sentence_index == tagged + 1
