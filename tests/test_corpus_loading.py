"""Reading real-world files: encodings, mojibake, newlines, bad files, JSONL corpora, ids."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import ftfy.bad_codecs  # noqa: F401  (registers sloppy-windows-1252)
import pytest

from tui.corpus import decode as decode_module
from tui.corpus import open_corpus
from tui.corpus.decode import DecodeError, decode_bytes
from tui.corpus.loader import folder_ids, list_folder

RU = ("Правительство утвердило паспорт национального проекта «Экономика данных». "
      "К 2030 году доля отечественного программного обеспечения составит 80 процентов.")
RU_PLAIN = ("Губернатор Рязанской области заявил, что доля социально значимых услуг в электронном виде "
            "составит 95 процентов. Связь получат 998 объектов.")
EN = ("The Digital Economy national project will help the region. Broadband access should reach "
      "97 per cent of households, the governor said.")
EN_ACCENTS = "Café owners in Zürich paid 5 € for a crème brûlée at the Señor’s fête. Naïve, he said."


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        ("utf-8", RU + "\n\n" + EN),
        ("utf-8-sig", RU + "\n\n" + EN),
        ("utf-16", RU + "\n\n" + EN),  # Python writes a BOM
        ("utf-16-le", RU + "\n\n" + EN),  # no BOM
        ("utf-16-be", RU + "\n\n" + EN),  # no BOM
        ("utf-16-le", EN),  # no BOM, Latin only
        ("cp1251", RU_PLAIN),
        ("koi8-r", RU_PLAIN),
        ("cp1251", "Цифровая экономика"),
        ("koi8-r", "Цифровая экономика"),
        ("cp1252", EN_ACCENTS),
        ("latin-1", EN_ACCENTS.replace("€", "EUR").replace("’", "'")),
    ],
)
def test_every_encoding_a_user_meets_decodes_exactly(encoding: str, text: str) -> None:
    assert decode_bytes(text.encode(encoding)).text == text


def test_bom_is_not_part_of_the_text() -> None:
    assert decode_bytes(("\ufeff" + EN).encode("utf-8")).text == EN
    assert not decode_bytes(EN.encode("utf-8-sig")).text.startswith("\ufeff")


@pytest.mark.parametrize(
    ("text", "misread_as"),
    [
        ("Mikhail Mishustin’s opening remarks: “It works” – 95%", "sloppy-windows-1252"),
        ("Правительство утвердило паспорт «Экономики данных» — 95%", "sloppy-windows-1252"),
        ("Привет, мир. Цифровая экономика", "cp1251"),
    ],
)
def test_mojibake_is_repaired(text: str, misread_as: str) -> None:
    broken = text.encode("utf-8").decode(misread_as)
    assert broken != text
    decoded = decode_bytes(broken.encode("utf-8"))
    assert decoded.text == text and decoded.repaired


def test_a_text_without_lead_characters_skips_the_search_for_mojibake(
        monkeypatch: pytest.MonkeyPatch) -> None:
    searched: list[str] = []

    class Spy:
        @staticmethod
        def search(text: str) -> None:
            searched.append(text)

    monkeypatch.setattr(decode_module, "_MISREAD", Spy)
    for text in (EN, "Quotes “and” dashes — 95\u00a0%"):  # no "Â"…"ô", no Cyrillic: nothing to repair
        assert decode_bytes(text.encode("utf-8")).text == text
    assert searched == []
    for text in ("café “crème”", RU, "Quotes “and” dashes"):
        for encoding in ("utf-8", "utf-16", "cp1251" if text is RU else "cp1252"):
            decode_bytes(text.encode(encoding))
    # each encoding of the accents and the Russian is searched; the quotes have no lead in any
    assert len(searched) == 6 and not any(t.startswith("Quotes") for t in searched)


def test_clean_text_is_left_alone() -> None:
    # straight quotes, double hyphens and ligature-free text stay exactly (fix_encoding, not fix_text)
    for text in ('He said "yes" -- twice.', EN_ACCENTS, RU, "ﬁnance ½ ‘quoted’"):
        decoded = decode_bytes(text.encode("utf-8"))
        assert decoded.text == text and not decoded.repaired


def test_a_stray_control_character_is_no_binary_file() -> None:
    for encoding in ("utf-8", "utf-16", "cp1251"):
        text = f"{RU}\x0c{RU}"  # a form feed, as old exports have between pages
        assert decode_bytes(text.encode(encoding)).text == text


def test_crlf_and_lone_cr_become_newlines() -> None:
    assert decode_bytes(b"one\r\ntwo\rthree\n").text == "one\ntwo\nthree\n"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"   \n\n\t ", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00" + bytes(range(256)), "binary file"),
        (b"%PDF-1.7\n" + bytes(range(0, 40)) * 20, "binary file"),
        (("Отчёт" + "\x01\x02\x03" * 40).encode("utf-16"), "binary file"),  # control characters in UTF-16
    ],
)
def test_bad_bytes_give_a_reason(data: bytes, reason: str) -> None:
    with pytest.raises(DecodeError) as exc:
        decode_bytes(data)
    assert str(exc.value) == reason


def _write(folder: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))
    return path


def test_folder_loads_recursively_and_skips_bad_files_with_reasons(tmp_path: Path) -> None:
    _write(tmp_path, "a.txt", "Headline A\n\n" + EN)
    _write(tmp_path, "sub/b.md", "Заголовок\n\n" + RU_PLAIN, "cp1251")
    _write(tmp_path, "sub/deeper/c.txt", "Headline C\r\n\r\n" + EN.replace(". ", ".\r"), "utf-16")
    _write(tmp_path, "notes.csv", "not,a,document")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "image.txt").write_bytes(b"\x00\x01\x02\x03GIF89a" * 50)
    os.symlink(tmp_path / "loop.txt", tmp_path / "loop.txt")
    os.symlink(tmp_path / "missing.txt", tmp_path / "dangling.txt")
    os.symlink(tmp_path, tmp_path / "sub" / "back")  # a folder loop must not hang the walk
    calls: list[tuple[int, int]] = []
    corpus = open_corpus(tmp_path, progress=lambda done, total: calls.append((done, total)))
    assert sorted(d.id for d in corpus.documents) == ["a", "sub/b", "sub/deeper/c"]
    reasons = {Path(s.path).name: s.reason for s in corpus.skipped}
    assert reasons == {
        "empty.txt": "empty file",
        "image.txt": "binary file",
        "loop.txt": "symbolic link loop",
        "dangling.txt": "broken symbolic link",
    }
    assert all("\n" not in s.reason and "Traceback" not in s.reason for s in corpus.skipped)
    assert calls[0] == (0, 3) and calls[-1] == (3, 3)
    b = corpus.get("sub/b")
    assert b is not None and b.lang == "ru" and b.encoding == "cp1251" and b.title == "Заголовок"
    c = corpus.get("sub/deeper/c")
    assert c is not None and "\r" not in c.raw and c.title == "Headline C"


def test_unreadable_file_is_skipped(tmp_path: Path, deny_reading: Callable[[Path], None]) -> None:
    good = _write(tmp_path, "good.txt", "Title\n\n" + EN)
    deny_reading(_write(tmp_path, "secret.txt", "Title\n\n" + EN))
    corpus = open_corpus(tmp_path)
    assert [d.id for d in corpus.documents] == ["good"]
    assert [(Path(s.path).name, s.reason) for s in corpus.skipped] == [("secret.txt", "permission denied")]
    assert good.exists()


def test_same_stem_in_two_folders_gets_distinct_stable_ids(tmp_path: Path) -> None:
    _write(tmp_path, "2020/report.txt", "Report 2020\n\n" + EN)
    _write(tmp_path, "2021/report.txt", "Report 2021\n\n" + EN)
    _write(tmp_path, "x.txt", "X title\n\n" + EN)
    _write(tmp_path, "x.md", "X md title\n\n" + EN)
    first = [d.id for d in open_corpus(tmp_path).documents]
    assert first == ["2020/report", "2021/report", "x.md", "x.txt"]
    _write(tmp_path, "2022/report.txt", "Report 2022\n\n" + EN)
    second = [d.id for d in open_corpus(tmp_path).documents]
    assert set(first) <= set(second)


@pytest.mark.parametrize("given", [".", "./", "", "sub/..", "{abs}", "{abs}/"])
def test_ids_do_not_depend_on_how_the_folder_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                      given: str) -> None:
    _write(tmp_path, "2021/report.v2.txt", "Report\n\n" + EN)
    _write(tmp_path, "x.txt", "X title\n\n" + EN)
    _write(tmp_path, "x.md", "X md title\n\n" + EN)
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path)
    root = Path(given.format(abs=tmp_path))
    files, _ = list_folder(root)
    assert folder_ids(root, files) == ["2021/report.v2", "x.md", "x.txt"]


def test_jsonl_corpus_with_a_malformed_line(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "d1", "text": "Headline one\r\n\r\n" + EN, "date": "2021-03-04", "source": "TASS"}),
        "{not json",
        json.dumps({"id": "d2", "text": RU_PLAIN, "title": "Рязань станет цифровой"}, ensure_ascii=False),
        json.dumps(["a", "list"]),
        json.dumps({"id": "d3"}),
        "",
        json.dumps({"id": "d1", "text": "Second headline\n\n" + EN}),
        json.dumps({"text": "No id here\n\n" + EN}),
    ]
    path = tmp_path / "corpus.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    corpus = open_corpus(path)
    assert [d.id for d in corpus.documents] == ["d1", "d2", "d1~2", "corpus-8"]
    assert [s.reason for s in corpus.skipped] == [
        "line 2: not valid JSON (Expecting property name enclosed in double quotes)",
        "line 4: not a JSON object",
        'line 5: no "text"',
    ]
    d1 = corpus.get("d1")
    assert d1 is not None and d1.date == "2021-03-04" and d1.source == "TASS" and "\r" not in d1.text
    d2 = corpus.get("d2")
    assert d2 is not None and d2.title == "Рязань станет цифровой" and d2.lang == "ru"
    assert d2.text == RU_PLAIN


def test_one_file_path_and_missing_path(tmp_path: Path) -> None:
    path = _write(tmp_path, "only.txt", "Only\n\n" + EN)
    assert [d.id for d in open_corpus(path).documents] == ["only"]
    missing = open_corpus(tmp_path / "nope")
    assert missing.documents == [] and missing.skipped[0].reason == "no such file or folder"
