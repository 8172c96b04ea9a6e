"""``natproj-tui clean``: text or JSON on stdout, skipped files on stderr, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tui.cli import main

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "002_996ce17b3d202062.txt"


def test_clean_prints_the_clean_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["clean", str(SEED)]) == 0
    out, err = capsys.readouterr()
    headline = "Lyubimov: the national project will help the Ryazan region become a digital region"
    assert out.startswith(headline + "\n\n")
    assert "Leave a Reply" not in out and "Author: wedocount" not in out
    assert out.rstrip().endswith("the region is overfulfilling the targets.")
    assert err == ""


def test_clean_json_has_metadata_removed_parts_and_passages(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["clean", "--json", str(SEED)]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert len(lines) == 1
    d = json.loads(lines[0])
    assert list(d) == ["id", "title", "date", "place", "source", "lang", "text", "removed", "passages"]
    assert (d["id"], d["place"], d["source"], d["lang"], d["date"]) == (
        "002_996ce17b3d202062", "Ryazan", "RIA Novosti", "en", None)
    raw = SEED.read_text(encoding="utf-8")
    assert [r["reason"] for r in d["removed"]] == ["byline", "comment-form", "comment-form"]
    for r in d["removed"]:
        assert raw[r["start"]:r["end"]] == r["text"]
    assert d["passages"][0] == {"start": 0, "end": len(d["title"])}
    passages = [d["text"][p["start"]:p["end"]] for p in d["passages"]]
    assert all(p.strip() == p and p for p in passages)
    assert len(d["passages"]) > 20


def test_bad_files_are_listed_and_the_rest_cleaned(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "blob.txt"
    binary.write_bytes(bytes(range(256)) * 4)
    missing = tmp_path / "missing.txt"
    assert main(["clean", str(empty), str(SEED), str(binary), str(missing)]) == 0
    out, err = capsys.readouterr()
    assert "Lyubimov" in out
    assert err.splitlines() == [f"{empty}: empty file", f"{binary}: binary file",
                                f"{missing}: no such file or folder"]


def test_nothing_cleaned_is_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert main(["clean", str(empty)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines() == [f"{empty}: empty file", "natproj-tui: error: nothing could be cleaned"]
    assert "Traceback" not in err


def test_clean_reads_legacy_encodings_and_jsonl(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ru = tmp_path / "ru.txt"
    ru.write_bytes("Заголовок\r\n\r\nГубернатор заявил об этом. Работа идёт.\r\n".encode("koi8-r"))
    jl = tmp_path / "docs.jsonl"
    good = json.dumps({"id": "j1", "text": "Title J\n\nBody sentence."})
    jl.write_text(good + "\n{broken\n", encoding="utf-8")
    assert main(["clean", "--json", str(ru), str(jl)]) == 0
    out, err = capsys.readouterr()
    docs = [json.loads(line) for line in out.splitlines()]
    assert [(d["id"], d["lang"], d["title"]) for d in docs] == [
        ("ru", "ru", "Заголовок"), ("j1", "en", "Title J")]
    assert docs[0]["text"] == "Заголовок\n\nГубернатор заявил об этом. Работа идёт."
    assert err.startswith(f"{jl}: line 2: not valid JSON")


def test_same_name_in_two_given_paths_gets_two_ids(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "x.txt").write_text(f"Title {folder}\n\nBody {folder}.\n", encoding="utf-8")
    assert main(["clean", "--json", str(tmp_path / "a" / "x.txt"), str(tmp_path / "b" / "x.txt")]) == 0
    ids = [json.loads(line)["id"] for line in capsys.readouterr().out.splitlines()]
    assert ids == ["x", "x~2"]
