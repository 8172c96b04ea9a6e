"""``natproj-tui figures``: text and JSON output, --jobs, --clean, bad files and usage errors."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tui.cli import main
from tui.commands.figures import Job, _results
from tui.corpus import prepare_document
from tui.figures import find_figures

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["figures", *argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "docs"
    (root / "sub").mkdir(parents=True)
    (root / "a.txt").write_text("Growth of up to 95% by 2024.\n", encoding="utf-8")
    (root / "sub" / "b.txt").write_text("Выделят 1,5 млн рублей к 2024 году.\n", encoding="cp1251")
    (root / "c.md").write_text("No figures here.\n", encoding="utf-8")
    return root


def test_text_output_names_document_offsets_kind_and_value(folder: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run([str(folder)], capsys)
    assert code == 0 and err == ""
    assert out.splitlines() == [
        "a:16-19\tpercent\t95\t%\tup_to\t95%",
        "a:23-27\tyear\t2024\t\t\t2024",
        "sub/b:8-22\tmoney\t1500000\tRUB\t\t1,5 млн рублей",
        "sub/b:25-29\tyear\t2024\t\t\t2024",
    ]


def test_json_output_is_one_object_per_document(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run([str(folder), "--json"], capsys)
    assert code == 0
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in records] == ["a", "c", "sub/b"]
    assert records[1]["figures"] == []
    fig = records[0]["figures"][0]
    assert set(fig) == {"start", "end", "text", "kind", "value", "unit", "qualifier", "low", "high"}
    assert (fig["text"], fig["kind"], fig["value"], fig["qualifier"]) == ("95%", "percent", 95, "up_to")
    text = (folder / "a.txt").read_text(encoding="utf-8")
    assert all(text[f["start"]:f["end"]] == f["text"] for f in records[0]["figures"])


def test_jobs_2_prints_exactly_what_jobs_1_prints(folder: Path, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    jsonl = tmp_path / "docs.jsonl"
    jsonl.write_text(json.dumps({"id": "j1", "text": "Over 100,000 schoolchildren, 42.5 per cent."}) + "\n"
                     + "not json\n", encoding="utf-8")
    argv = [str(SEEDS), str(folder), str(jsonl), "--json"]
    one = run([*argv, "--jobs", "1"], capsys)
    two = run([*argv, "--jobs", "2"], capsys)
    assert one == two
    assert one[1].count("\n") == 5 + 3 + 1  # every document, in input order
    assert f"{jsonl}: line 2: not valid JSON" in one[2]


def test_clean_gives_offsets_into_the_article_text(capsys: pytest.CaptureFixture[str]) -> None:
    path = SEEDS / "001_0e3b955f7091d000.txt"
    code, out, _ = run([str(path), "--json", "--clean"], capsys)
    assert code == 0
    got = json.loads(out)["figures"]
    doc = prepare_document("x", path.read_text(encoding="utf-8"))
    assert [f["text"] for f in got] == [f.text for f in find_figures(doc.text, doc.lang)]
    assert all(doc.text[f["start"]:f["end"]] == f["text"] for f in got)
    raw = json.loads(run([str(path), "--json"], capsys)[1])["figures"]
    assert len(raw) > len(got)  # the site furniture ("1,587 press releases") is cleaned away


def test_a_bad_file_is_named_on_stderr_and_the_rest_goes_on(folder: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    (folder / "bin.txt").write_bytes(b"\x00\x01\x02\x03 binary")
    code, out, err = run([str(folder)], capsys)
    assert code == 0
    assert err.splitlines() == [f"{folder / 'bin.txt'}: binary file"]
    assert "a:16-19\tpercent" in out


def test_nothing_readable_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bin.txt"
    bad.write_bytes(b"\x00\x01\x02\x03")
    code, out, err = run([str(bad)], capsys)
    assert code == 1 and out == ""
    assert err.splitlines() == [f"{bad}: binary file", "natproj-tui: error: no document could be read"]
    empty = tmp_path / "empty"
    empty.mkdir()
    code, _, err = run([str(empty)], capsys)
    assert code == 1 and "no documents found" in err


def test_a_missing_path_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["figures", str(tmp_path / "nope.txt")])
    assert exc.value.code == 2
    assert "no such file or folder" in capsys.readouterr().err


@pytest.mark.parametrize("value", ["0", "two"])
def test_jobs_must_be_a_positive_number(value: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["figures", str(SEEDS), "--jobs", value])
    assert exc.value.code == 2
    assert "--jobs" in capsys.readouterr().err


def test_results_stream_one_document_at_a_time(folder: Path) -> None:
    """The first result is out before the next job is even asked for: nothing is gathered."""
    asked: list[str] = []

    def work() -> Iterator[Job]:
        for name in ("a.txt", "c.md"):
            asked.append(name)
            yield Job(folder / name, name, False, False)

    results = _results(work(), 1)
    first = next(results)
    assert "95%" in first.out and asked == ["a.txt"]
