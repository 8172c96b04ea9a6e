"""Each modal screen driven with real key presses in a tiny host app; the dismissed value is checked."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from test_screens_helpers import (
    NOTHING,
    PREFILLED,
    QUOTE,
    STATS,
    FakeStats,
    add,
    hosted,
    make_corpus,
    result,
    screen_text,
)
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input, ProgressBar, Static, TextArea

import tui.dataset
from tui.app.screens import (
    ConfirmDialog,
    ExportDialog,
    HelpScreen,
    InitiativePicker,
    NoteDialog,
    StatsScreen,
    TargetForm,
)
from tui.app.screens.charts import Bar, bar_text, columns, horizontal_bars, stacked
from tui.labels import load_labels
from tui.store import AnnotationStore


@pytest.fixture(scope="module")
def schema():
    return load_labels()


# --- InitiativePicker ------------------------------------------------------------------------------


async def test_picker_digit_picks_the_numbered_line(schema) -> None:
    async with hosted(lambda: InitiativePicker(schema)) as pilot:
        text = screen_text(pilot)
        assert "1 ▶ ██ Digital Economy" in text and "2 ▶ ██ Data Economy" in text
        await pilot.press("2")
        assert result(pilot) == "np.data_economy"


async def test_picker_highlights_the_suggestion_and_enter_picks_it(schema) -> None:
    async with hosted(lambda: InitiativePicker(schema, suggested="fp.de.security")) as pilot:
        assert "fp.de.security" in screen_text(pilot)  # the status line names the highlighted id
        await pilot.press("enter")
        assert result(pilot) == "fp.de.security"


async def test_picker_arrows_move_and_expand(schema) -> None:
    async with hosted(lambda: InitiativePicker(schema)) as pilot:
        await pilot.press("right", "down", "enter")  # open Digital Economy, go to its first child
        assert result(pilot) == schema.children("np.digital_economy")[0].id


async def test_picker_filters_in_english(schema) -> None:
    async with hosted(lambda: InitiativePicker(schema)) as pilot:
        await pilot.press(*"infra")
        text = screen_text(pilot)
        assert "Information Infrastructure" in text
        assert "Digital Departments" not in text
        await pilot.press("enter")
        assert result(pilot) == "fp.de.infrastructure"


async def test_picker_filters_in_russian_and_digits_follow_the_filter(schema) -> None:
    async with hosted(lambda: InitiativePicker(schema)) as pilot:
        await pilot.press(*"данных")
        text = screen_text(pilot)
        assert "«Экономика данных»" in text  # the alias that matched is shown
        await pilot.press("1")
        assert result(pilot) == "np.data_economy"


async def test_picker_numbers_only_the_matches_while_filtering(schema) -> None:
    async with hosted(lambda: InitiativePicker(schema)) as pilot:
        await pilot.press(*"security")
        text = screen_text(pilot)
        assert "  ▼ ██ Digital Economy" in text  # shown as the context of a match, without a digit
        assert "1   ██ Information Security" in text and "2   ██ Cybersecurity Infrastructure" in text
        await pilot.press("2")
        assert result(pilot) == "fp.dx.cybersecurity"


async def test_picker_no_match_says_so_and_enter_does_nothing(schema) -> None:
    async with hosted(lambda: InitiativePicker(schema)) as pilot:
        await pilot.press(*"zzzz")
        assert "No label matches 'zzzz'" in screen_text(pilot)
        await pilot.press("enter")
        assert result(pilot) is NOTHING
        await pilot.press("escape")
        assert result(pilot) is None


async def test_picker_escape_cancels(schema) -> None:
    async with hosted(lambda: InitiativePicker(schema, suggested="np.data_economy")) as pilot:
        await pilot.press("escape")
        assert result(pilot) is None


async def test_picker_reset_starts_over_as_a_new_picker_would(schema) -> None:
    async with hosted(lambda: InitiativePicker(schema, suggested="fp.de.security")) as pilot:
        picker = pilot.app.screen
        assert isinstance(picker, InitiativePicker)
        await pilot.press(*"данных")
        assert "«Экономика данных»" in screen_text(pilot)
        picker.reset("np.data_economy")
        await pilot.pause()
        text = screen_text(pilot)
        assert picker.query_one(Input).value == "" and "«" not in text  # the filter is gone
        assert "np.data_economy · national project" in text  # the new suggestion is highlighted
        assert "Information Security" not in text  # the old suggestion's branch is closed again
        assert "1 ▶ ██ Digital Economy" in text and "2 ▶ ██ Data Economy" in text
        assert "→ Expand" in text  # a key the filter had taken away
        await pilot.press("enter")
        assert result(pilot) == "np.data_economy"


# --- TargetForm ------------------------------------------------------------------------------------



async def set_field(pilot: Pilot, name: str, text: str) -> None:
    field_input = pilot.app.screen.query_one(f"#field-{name}", Input)
    field_input.focus()
    field_input.value = ""
    await pilot.press(*text)


async def test_target_form_saves_typed_values_with_enter(schema) -> None:
    async with hosted(lambda: TargetForm(PREFILLED, schema, QUOTE)) as pilot:
        assert "socially significant services" in screen_text(pilot)
        await pilot.press(*"online")  # metric has the focus first
        await set_field(pilot, "deadline", "2024")
        await set_field(pilot, "value", "42,5")
        await pilot.press("enter")
        assert result(pilot) == {**PREFILLED, "metric": "online", "value": 42.5, "deadline": 2024}


async def test_target_form_blocks_a_bad_value_with_a_visible_message(schema) -> None:
    async with hosted(lambda: TargetForm(PREFILLED, schema, QUOTE)) as pilot:
        await set_field(pilot, "value", "lots")
        await pilot.press("enter")
        assert result(pilot) is NOTHING
        assert "Value must be a number" in screen_text(pilot)
        assert pilot.app.focused.id == "field-value"
        assert pilot.app.screen.query_one("#row-value").has_class("-current", "-invalid")
        await set_field(pilot, "value", "7")
        assert "Value must be a number" not in screen_text(pilot)
        await pilot.press("enter")
        assert result(pilot)["value"] == 7


@pytest.mark.parametrize("year", ["24", "1850", "20x4"])
async def test_target_form_blocks_a_bad_deadline(schema, year: str) -> None:
    async with hosted(lambda: TargetForm(PREFILLED, schema, QUOTE)) as pilot:
        await set_field(pilot, "deadline", year)
        await pilot.press("enter")
        assert result(pilot) is NOTHING
        assert "Deadline must be a 4-digit year" in screen_text(pilot)


async def test_target_form_selects_and_prefill_round_trip(schema) -> None:
    attrs = {**PREFILLED, "qualifier": "about", "status": "achieved", "initiative": "np.data_economy",
             "deadline": 2030, "baseline": 12.0, "region": "Ryazan Oblast", "extra": "kept"}
    async with hosted(lambda: TargetForm(attrs, schema, QUOTE)) as pilot:
        await pilot.press("enter")
        assert result(pilot) == {**attrs, "baseline": 12, "metric": None}


async def test_target_form_select_opens_with_space_and_enter_chooses_there(schema) -> None:
    async with hosted(lambda: TargetForm(PREFILLED, schema, QUOTE)) as pilot:
        pilot.app.screen.query_one("#field-status").focus()
        await pilot.press("space", "down", "enter")  # open, move to "achieved", choose
        assert result(pilot) is NOTHING  # enter chose in the drop-down, it did not save
        await pilot.press("enter")
        assert result(pilot)["status"] == "achieved"


async def test_target_form_enter_on_the_cancel_button_cancels(schema) -> None:
    async with hosted(lambda: TargetForm(PREFILLED, schema, QUOTE)) as pilot:
        pilot.app.screen.query_one("#target-cancel").focus()
        await pilot.press("enter")
        assert result(pilot) is None


async def test_target_form_reset_shows_another_target_as_a_new_form_would(schema) -> None:
    attrs = {**PREFILLED, "qualifier": "about", "status": "achieved", "initiative": "np.data_economy",
             "deadline": 2030, "region": "Ryazan Oblast", "extra": "kept"}
    async with hosted(lambda: TargetForm(PREFILLED, schema, QUOTE)) as pilot:
        form = pilot.app.screen
        assert isinstance(form, TargetForm)
        await set_field(pilot, "value", "lots")
        await pilot.press("enter")
        assert "Value must be a number" in screen_text(pilot)
        assert form.reset(attrs, "Ryazan will connect 300 schools by 2030.")
        await pilot.pause()
        text = screen_text(pilot)
        assert "Ryazan will connect 300 schools" in text and "socially significant" not in text
        assert "Value must be a number" not in text and not form.query(".-invalid")
        assert pilot.app.focused.id == "field-metric"
        await pilot.press("enter")
        assert result(pilot) == {**attrs, "metric": None}
        # an initiative the schema lacks needs its own choice in the list: a new form shows it
        assert not form.reset({**attrs, "initiative": "np.gone"}, QUOTE)


async def test_target_form_escape_cancels(schema) -> None:
    async with hosted(lambda: TargetForm(PREFILLED, schema, QUOTE)) as pilot:
        await pilot.press(*"abc", "escape")
        assert result(pilot) is None


# --- NoteDialog, ConfirmDialog, HelpScreen ---------------------------------------------------------


async def test_note_enter_saves_edited_text() -> None:
    async with hosted(lambda: NoteDialog("first")) as pilot:
        await pilot.press("space", *"check")
        await pilot.press("enter")
        assert result(pilot) == "first check"


async def test_note_ctrl_s_saves_and_ctrl_j_adds_a_line() -> None:
    async with hosted(lambda: NoteDialog("")) as pilot:
        await pilot.press("a", "ctrl+j", "b")
        assert pilot.app.screen.query_one(TextArea).text == "a\nb"
        await pilot.press("ctrl+s")
        assert result(pilot) == "a\nb"


async def test_note_escape_cancels() -> None:
    async with hosted(lambda: NoteDialog("keep")) as pilot:
        await pilot.press("x", "escape")
        assert result(pilot) is None


@pytest.mark.parametrize(("keys", "expected"), [(("y",), True), (("enter",), True), (("n",), False),
                                                (("escape",), False)])
async def test_confirm(keys: tuple[str, ...], expected: bool) -> None:
    async with hosted(lambda: ConfirmDialog("Delete [b]this[/b] annotation?")) as pilot:
        assert "Delete [b]this[/b] annotation?" in screen_text(pilot)  # no markup parsing
        await pilot.press(*keys)
        assert result(pilot) is expected


SECTIONS = [
    ("Global", [("?", "help"), ("ctrl+q", "quit")]),
    ("Document list", [("j/k", "move"), ("enter", "open")]),
    ("Reader", [(f"key{n}", f"reader action {n}") for n in range(30)]),
    ("Annotating", [("i", "tag as initiative"), ("t", "tag as target")]),
]


async def test_help_lists_sections_and_scrolls() -> None:
    async with hosted(lambda: HelpScreen(SECTIONS)) as pilot:
        text = screen_text(pilot)
        assert "Global" in text and "ctrl+q" in text and "Document list" in text
        assert "tag as target" not in text  # below the fold at 80x24
        await pilot.press("end")
        assert "tag as target" in screen_text(pilot)


@pytest.mark.parametrize("key", ["escape", "question_mark"])
async def test_help_closes(key: str) -> None:
    async with hosted(lambda: HelpScreen(SECTIONS)) as pilot:
        await pilot.press(key)
        assert result(pilot) is None


# --- StatsScreen -----------------------------------------------------------------------------------


async def test_stats_shows_counts_names_and_bars(schema) -> None:
    async with hosted(lambda: StatsScreen(STATS, schema=schema)) as pilot:
        text = screen_text(pilot)
        assert "75 annotations · 23 documents · 7 done" in text
        assert "Digital Economy" in text and "old.label" in text  # names from the schema, ids otherwise
        lines = {line.split("│")[1].strip().split()[0]: line for line in text.splitlines() if "%" in line}
        # the biggest label gets the longest bar
        assert lines["target"].count("█") > lines["Digital"].count("█") > lines["Information"].count("█")
        assert "2021 2024 2030 none" in text  # deadline years in order, "none" last
        await pilot.press("end")
        text = screen_text(pilot)
        assert "done 7" in text and "todo 12" in text
        await pilot.press("escape")
        assert result(pilot) is None


async def test_stats_with_no_data_and_no_schema() -> None:
    async with hosted(lambda: StatsScreen(FakeStats())) as pilot:
        assert "no annotations yet" in screen_text(pilot)


async def test_stats_reads_the_real_stats(tmp_path: Path, schema) -> None:
    corpus = make_corpus()
    with AnnotationStore(tmp_path / "db.json", annotator="alice") as store:
        add(store, corpus, "doc_a", "95% of schools by 2024", "target", attrs={"deadline": 2024})
        add(store, corpus, "doc_a", "Digital Economy national project", "np.digital_economy")
        stats = tui.dataset.compute_stats(store, corpus)
        async with hosted(lambda: StatsScreen(stats, schema=schema)) as pilot:
            text = screen_text(pilot)
            assert "2 annotations" in text and "2024" in text


def test_chart_drawing_is_proportional() -> None:
    assert bar_text(10, 10, 8) == "█" * 8
    assert bar_text(5, 10, 8) == "█" * 4
    assert bar_text(1, 1000, 8) == "▏"  # small but seen
    assert bar_text(0, 10, 8) == ""
    bars = [Bar("a", 3), Bar("bb", 1)]
    # 29 cells of bar at 3; 1 is a third of that, to the eighth of a cell
    drawn = horizontal_bars(bars, 40).plain.splitlines()
    assert drawn == ["a  3   75% " + "█" * 29, "bb 1   25% " + "█" * 9 + "▋"]
    split = stacked([Bar("done", 1, fill="█"), Bar("todo", 2, fill="░")], 30).plain.splitlines()
    assert split[0] == "█" * 10 + "░" * 20
    cols = columns([Bar("2024", 4), Bar("2030", 2)], 40, rows=2).plain.splitlines()
    assert cols == [" 4    2   ", "████      ", "████ ████ ", "2024 2030 "]


# --- ExportDialog ----------------------------------------------------------------------------------


@pytest.fixture
def store(tmp_path: Path):
    corpus = make_corpus()
    with AnnotationStore(tmp_path / "db.json", annotator="alice") as s:
        add(s, corpus, "doc_a", "95% of schools by 2024", "target", attrs={"value": 95, "deadline": 2024})
        add(s, corpus, "doc_a", "Digital Economy national project", "np.digital_economy")
        add(s, corpus, "doc_b", "70 per cent by 2030", "target", attrs={"value": 70})
        s.set_status("doc_a", "done")
        yield s, corpus


async def test_export_writes_the_default_file(tmp_path: Path, store) -> None:
    s, corpus = store
    async with hosted(lambda: ExportDialog(corpus, s, tmp_path)) as pilot:
        await pilot.press("enter")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        out = tmp_path / "export-spans.jsonl"
        assert result(pilot) == str(out)
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 2 and {line["meta"]["doc"] for line in lines} == {"doc_a", "doc_b"}
    assert not list(tmp_path.glob("*.tmp"))
    assert out.stat().st_mode & 0o044  # readable by others as usual, not a private temp file


async def test_export_choices_reach_write_export(tmp_path: Path, store, monkeypatch) -> None:
    s, corpus = store
    calls: list[dict[str, Any]] = []
    seen: list[tuple[float, float | None]] = []

    def fake_write_export(out, fmt, corpus, store, *, unit="document", kind=None, annotator=None,
                          status=None, progress=None) -> int:
        calls.append({"fmt": fmt, "unit": unit, "kind": kind, "status": status})
        for done in range(1, 6):
            out.write(f"{done}\n")
            progress(done, 5)
        return 5

    monkeypatch.setattr(tui.dataset, "write_export", fake_write_export)
    monkeypatch.setattr("tui.app.screens.export.PROGRESS_EVERY", 0.0)
    async with hosted(lambda: ExportDialog(corpus, s, tmp_path)) as pilot:
        screen = pilot.app.screen
        bar = screen.query_one(ProgressBar)
        bar.watch(bar, "progress", lambda value: seen.append((value, bar.total)), init=False)
        # format: records (three down from spans); unit is greyed out for records
        await pilot.press("space", "down", "down", "enter")
        assert screen.query_one("#export-unit").disabled
        assert screen.query_one("#export-path", Input).value == str(tmp_path / "export-records.jsonl")
        await pilot.press("tab", "space", "down", "down", "enter")  # scope (unit is skipped): targets only
        await pilot.press("tab", "space")  # only done documents
        await pilot.press("enter")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert result(pilot) == str(tmp_path / "export-records.jsonl")
    assert calls == [{"fmt": "records", "unit": "document", "kind": "target", "status": "done"}]
    assert (tmp_path / "export-records.jsonl").read_text() == "1\n2\n3\n4\n5\n"
    assert seen[-1] == (5, 5) and len(seen) >= 2


async def test_export_to_a_missing_folder_is_an_inline_error(tmp_path: Path, store) -> None:
    s, corpus = store
    async with hosted(lambda: ExportDialog(corpus, s, tmp_path)) as pilot:
        path_input = pilot.app.screen.query_one("#export-path", Input)
        path_input.value = str(tmp_path / "no" / "such" / "out.jsonl")
        await pilot.press("enter")
        await pilot.pause()
        assert result(pilot) is NOTHING
        assert "does not exist" in screen_text(pilot)


async def test_a_failing_export_keeps_the_old_file_and_the_dialog(tmp_path: Path, store, monkeypatch) -> None:
    s, corpus = store
    (tmp_path / "export-spans.jsonl").write_text("old\n")

    def broken(out, fmt, corpus, store, **kwargs) -> int:
        out.write("half a line")
        raise OSError("disk full")

    monkeypatch.setattr(tui.dataset, "write_export", broken)
    async with hosted(lambda: ExportDialog(corpus, s, tmp_path)) as pilot:
        await pilot.press("enter")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert result(pilot) is NOTHING
        assert "Export failed: disk full" in screen_text(pilot)
        await pilot.press("escape")
        assert result(pilot) is None
    assert (tmp_path / "export-spans.jsonl").read_text() == "old\n"  # the old file, untouched
    assert not list(tmp_path.glob("*.tmp"))


async def test_escape_cancels_a_running_export_and_leaves_no_file(tmp_path: Path, store, monkeypatch) -> None:
    s, corpus = store
    started = threading.Event()

    def slow(out, fmt, corpus, store, *, progress=None, **kwargs) -> int:
        for done in range(1, 500):
            out.write(f"{done}\n")
            started.set()
            progress(done, 500)  # raises once escape was pressed
            time.sleep(0.01)
        return 500

    monkeypatch.setattr(tui.dataset, "write_export", slow)
    async with hosted(lambda: ExportDialog(corpus, s, tmp_path)) as pilot:
        await pilot.press("enter")
        assert started.wait(5)
        await pilot.press("escape")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert result(pilot) is None
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith((".export", "export"))) == []


# --- small terminals -------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [(40, 12), (80, 24)])
async def test_every_screen_opens_at_small_and_normal_sizes(size, schema, tmp_path: Path, store) -> None:
    s, corpus = store
    makers: list[Callable[[], Screen[Any]]] = [
        lambda: InitiativePicker(schema, suggested="fp.de.security"),
        lambda: TargetForm(PREFILLED, schema, QUOTE * 5),
        lambda: NoteDialog("a note"),
        lambda: HelpScreen(SECTIONS),
        lambda: StatsScreen(STATS, schema=schema),
        lambda: ExportDialog(corpus, s, tmp_path),
        lambda: ConfirmDialog("Sure?"),
    ]
    for make in makers:
        async with hosted(make, size=size) as pilot:
            assert pilot.app.screen.query(Static)  # composed and laid out without an error
            await pilot.press("escape")
            assert result(pilot) in (None, False)


def test_export_into_a_pipe_writes_through_it_and_leaves_it_a_pipe(tmp_path: Path, store) -> None:
    """A device or a FIFO (/dev/null, a named pipe) is written as it is: the temp-and-rename would
    put a plain file in its place (as root, /dev/null itself)."""
    import os
    import stat

    from tui.app.screens.export import ExportRequest, write_atomically

    s, corpus = store
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[str] = []
    reader = threading.Thread(target=lambda: got.extend(fifo.read_text(encoding="utf-8").splitlines()))
    reader.start()
    lines = write_atomically(ExportRequest(fifo, "records", "document", None, None), corpus, s, None)
    reader.join()
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert lines == len(got) == 3 and {json.loads(line)["doc"] for line in got} == {"doc_a", "doc_b"}
    assert not list(tmp_path.glob(".pipe.*"))
