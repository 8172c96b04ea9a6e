"""Reliability (#9): a corpus folder with every kind of bad file. Each bad file gets one line naming
it; every good document loads whole.

Already covered elsewhere, not repeated here: a PNG/PDF header or an empty file given to the decoder
(test_corpus_loading.test_bad_bytes_give_a_reason), a dangling link and a folder loop in a walk
(test_corpus_loading.test_folder_loads_recursively_and_skips_bad_files_with_reasons), bad JSONL
lines and repeated JSONL ids (test_corpus_loading.test_jsonl_corpus_with_a_malformed_line), one
name in two paths (test_corpus_cli.test_same_name_in_two_given_paths_gets_two_ids).
"""

from __future__ import annotations

import io
import json
import os
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tui.cli import main
from tui.corpus import index_corpus, open_corpus
from tui.corpus.decode import decode_bytes

EN = ("The Digital Economy national project will help the region. Broadband access should reach "
      "97 per cent of households by 2024, the governor said.")
RU = ("Доля социально значимых услуг в электронном виде составит 95 процентов к 2030 году. "
      "Об этом сообщил губернатор Рязанской области.")
FURNITURE = "Leave a Reply\n\nShare this:\n"


def _png() -> bytes:
    return b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8


def _zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("article.txt", ("Headline\n\n" + EN + "\n") * 40)
    return buf.getvalue()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Good English and Russian articles beside one file of each bad kind (as .txt, so the walk
    reads them instead of passing them over by their extension)."""
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "good_en.txt").write_text(f"Ryazan goes digital\n\n{EN}\n", encoding="utf-8")
    (root / "good_ru.txt").write_text(f"Рязань станет цифровой\n\n{RU}\n", encoding="utf-8")
    (root / "empty.txt").write_bytes(b"")
    (root / "image.txt").write_bytes(_png())
    (root / "archive.txt").write_bytes(_zip())
    (root / "furniture.txt").write_text(FURNITURE, encoding="utf-8")
    (root / "utf16_ru.txt").write_bytes(f"Цифровая Рязань\n\n{RU}\n".encode("utf-16-le"))
    (root / "utf16_en.txt").write_bytes(f"Digital Ryazan\n\n{EN}\n".encode("utf-16-be"))
    # one bad byte in the middle of an otherwise plain ASCII/UTF-8 English file
    raw = f"Broken byte\n\n{EN}\n".encode()
    (root / "bad_utf8_en.txt").write_bytes(raw[:40] + b"\xff" + raw[40:])
    os.symlink(root / "loop.txt", root / "loop.txt")
    return root


SKIPPED = {
    "empty.txt": "empty file",
    "image.txt": "binary file",
    "archive.txt": "binary file",
    "furniture.txt": "no article text (only site furniture)",
    "loop.txt": "symbolic link loop",
}
LOADED = {"good_en", "good_ru", "utf16_ru", "utf16_en", "bad_utf8_en"}


def _check_loaded(docs: dict[str, str]) -> None:
    assert set(docs) == LOADED
    assert EN in docs["good_en"] and RU in docs["good_ru"]
    assert RU in docs["utf16_ru"] and EN in docs["utf16_en"]
    # the bytes around the bad one are kept as they were
    assert EN[:25] in docs["bad_utf8_en"] and EN[30:] in docs["bad_utf8_en"]


def test_open_corpus_skips_each_bad_file_with_its_reason(folder: Path) -> None:
    corpus = open_corpus(folder)
    assert {Path(s.path).name: s.reason for s in corpus.skipped} == SKIPPED
    _check_loaded({d.id: d.text for d in corpus.documents})


def test_clean_prints_one_line_per_bad_file_and_cleans_the_rest(folder: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["clean", "--json", str(folder)]) == 0
    out, err = capsys.readouterr()
    assert sorted(err.splitlines()) == sorted(f"{folder / name}: {why}" for name, why in SKIPPED.items())
    _check_loaded({d["id"]: d["text"] for d in map(json.loads, out.splitlines())})


def test_binary_files_given_by_name(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    png, archive, good = tmp_path / "photo.png", tmp_path / "bundle.zip", tmp_path / "good.txt"
    png.write_bytes(_png())
    archive.write_bytes(_zip())
    good.write_text(f"Headline\n\n{EN}\n", encoding="utf-8")
    assert main(["clean", str(png), str(archive), str(good)]) == 0
    out, err = capsys.readouterr()
    assert err.splitlines() == [f"{png}: binary file", f"{archive}: binary file"]
    assert EN in out


def test_one_bad_byte_in_a_russian_utf8_file_keeps_the_article(tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    raw = f"Рязань станет цифровой\n\n{RU}\n".encode()
    cut = raw.index("губернатор".encode())
    path = tmp_path / "ru.txt"
    path.write_bytes(raw[:cut] + b"\xff" + raw[cut:])
    corpus = open_corpus(tmp_path)
    [doc] = corpus.documents
    assert RU[:60] in doc.text and "губернатор Рязанской области." in doc.text
    assert doc.text.count("\ufffd") == 1 and doc.encoding == "utf-8"
    # the user is told, in the corpus (for the app) and by `clean`
    line = f"{path}: 1 invalid UTF-8 byte sequence replaced (U+FFFD)"
    assert [str(n) for n in corpus.notices] == [line] and not corpus.skipped
    assert main(["clean", str(path)]) == 0
    assert capsys.readouterr().err.splitlines() == [line]


def test_many_bad_bytes_are_not_utf8_and_go_to_the_detector() -> None:
    # a cp1251 article is all "bad bytes" to UTF-8: it must not come out as a row of U+FFFD
    decoded = decode_bytes(f"Рязань станет цифровой\n\n{RU}\n".encode("cp1251"))
    assert decoded.encoding == "cp1251" and RU in decoded.text and not decoded.replaced
    # ASCII with one stray high byte has no multi-byte UTF-8 in it: a legacy 8-bit file, not UTF-8
    decoded = decode_bytes(f"Headline\n\n{EN}\n".encode() + b"\xa0\n")
    assert "\ufffd" not in decoded.text and not decoded.replaced


def test_a_one_megabyte_line_loads_whole(tmp_path: Path) -> None:
    sentence = "Broadband access in the region should reach 97 per cent of households by 2024. "
    line = (sentence * (1_000_000 // len(sentence) + 1))[:1_000_000].rstrip()
    (tmp_path / "one_line.txt").write_text(line, encoding="utf-8")
    [doc] = open_corpus(tmp_path).documents
    assert doc.text == line  # one paragraph, nothing removed as furniture
    assert len(doc.sentences) > 10_000
    mid = len(line) // 2
    assert doc.sentence_at(mid) is not None and doc.raw_offset(mid) == mid


def test_a_50_megabyte_file_loads_or_is_named_and_the_rest_loads(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "good.txt").write_text(f"Headline\n\n{EN}\n", encoding="utf-8")
    paragraph = ("The share of digital services grew by 5 per cent in the region this year, officials "
                 "said. ") * 20
    last = "This is the very last sentence of the big file."
    with (root / "big.txt").open("w", encoding="utf-8") as f:
        f.write("A very big file\n\n")
        for _ in range(50 * 2**20 // (len(paragraph) + 2) + 1):
            f.write(paragraph + "\n\n")
        f.write(last + "\n")
    assert (root / "big.txt").stat().st_size > 50 * 2**20
    corpus = open_corpus(root)
    assert corpus.get("good") is not None and EN in corpus.get("good").text  # type: ignore[union-attr]
    big = corpus.get("big")
    if big is None:  # refusing it is fine, as long as the user is told which file and why
        [skip] = corpus.skipped
        assert Path(skip.path).name == "big.txt" and "large" in skip.reason
    else:
        assert not corpus.skipped and big.text.endswith(last)


@pytest.fixture
def denied(tmp_path: Path, deny_reading: Callable[[Path], None]) -> Iterator[Path]:
    """A file this process may not read: chmod 000, and for root (whom that does not stop) the
    loader's open refuses it as the kernel would."""
    secret = tmp_path / "corpus" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text(f"Secret\n\n{EN}\n", encoding="utf-8")
    (tmp_path / "corpus" / "open.txt").write_text(f"Open\n\n{RU}\n", encoding="utf-8")
    secret.chmod(0)
    if os.geteuid() == 0:
        deny_reading(secret)
    yield secret
    secret.chmod(0o644)


def test_an_unreadable_file_is_named_by_clean(denied: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["clean", str(denied.parent)]) == 0
    out, err = capsys.readouterr()
    assert err == f"{denied}: permission denied\n"
    assert RU in out and EN not in out


def test_only_bad_files_is_exit_1_with_one_line_each(tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.txt").write_bytes(b"")
    (tmp_path / "b.txt").write_text(FURNITURE, encoding="utf-8")
    assert main(["clean", str(tmp_path)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [f"{tmp_path / 'a.txt'}: empty file",
                   f"{tmp_path / 'b.txt'}: no article text (only site furniture)",
                   "natproj-tui: error: nothing could be cleaned"]


def test_a_repeated_document_id_is_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "docs.jsonl"
    rows = [{"id": "d1", "text": f"One\n\n{EN}"}, {"id": "d1", "text": f"Two\n\n{RU}"}]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    assert main(["clean", str(path)]) == 0
    out, err = capsys.readouterr()
    assert EN in out and RU in out  # both load, under different ids
    assert err.splitlines() == [f"{path}:2: repeated document id 'd1', loaded as 'd1~2'"]


def test_a_repeated_id_reaches_the_app_and_figures(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "docs.jsonl"
    rows = [{"id": "d1", "text": f"One\n\n{EN}"}, {"id": "d1", "text": f"Two\n\n{RU}"},
            {"id": "d1~2", "text": f"Three\n\n{EN}"}]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    lines = [f"{path}:2: repeated document id 'd1', loaded as 'd1~2'",
             f"{path}:3: repeated document id 'd1~2', loaded as 'd1~2~2'"]
    lazy = index_corpus(path, cache=False)  # what the app opens
    assert lazy.ids() == ["d1", "d1~2", "d1~2~2"]
    assert [str(n) for n in lazy.notices] == lines and not lazy.skipped
    assert [str(n) for n in open_corpus(path).notices] == lines
    assert main(["figures", str(path)]) == 0
    assert capsys.readouterr().err.splitlines() == lines


def test_one_name_in_two_given_paths_is_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "x.txt").write_text(f"Title {folder}\n\n{EN}\n", encoding="utf-8")
    assert main(["clean", str(tmp_path / "a"), str(tmp_path / "b")]) == 0
    assert capsys.readouterr().err.splitlines() == [
        f"{tmp_path / 'b' / 'x.txt'}: repeated document id 'x', loaded as 'x~2'"]


def test_bad_bytes_are_told_by_the_lazy_index_and_its_cache(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    root.mkdir()
    raw = f"Рязань станет цифровой\n\n{RU}\n".encode()
    # inside a character ("н" is d0 bd): its lead, the stray byte and its continuation are three
    (root / "ru.txt").write_bytes(raw[:20] + b"\xff" + raw[20:])
    (root / "en.txt").write_text(f"Headline\n\n{EN}\n", encoding="utf-8")
    line = f"{root / 'ru.txt'}: 3 invalid UTF-8 byte sequences replaced (U+FFFD)"
    for _ in range(2):  # indexed, then taken from the metadata cache
        corpus = index_corpus(root, cache=tmp_path / "cache")
        assert [str(n) for n in corpus.notices] == [line] and not corpus.skipped
        assert corpus.ids() == ["en", "ru"]
    assert corpus.index.cache_hits == 2
    assert RU in corpus.get("ru").text  # type: ignore[union-attr]
