"""Cleaning: every furniture reason, the edge rule, the corpus signal, the offset map, the gold."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.corpus import open_corpus, prepare_document
from tui.corpus.boilerplate import CorpusStats, classify_line

ROOT = Path(__file__).resolve().parents[1]
# A copy of ../shared/eval, so the suite runs on a clone that has only the project.
EVAL = Path(__file__).resolve().parent / "data" / "eval"

BODY = ("The Digital Economy national project will help the region become digital. The share of "
        "services online will reach 95 per cent by 2024.\n\n"
        "Broadband will reach 97 per cent of households, the governor said. Work is underway.")


def _reasons(raw: str) -> dict[str, str]:
    return {r.text: r.reason for r in prepare_document("x", raw).removed}


@pytest.mark.parametrize(
    ("furniture", "reason", "where"),
    [
        ("There were 1,587 press releases posted in the last 24 hours and 424,928 in the last 365 days.",
         "site-counter", "top"),
        ("Просмотров: 1 024", "site-counter", "bottom"),
        ("Leave a Reply", "comment-form", "bottom"),
        ("Your email address will not be published. Required fields are marked *", "comment-form", "bottom"),
        ("Оставить комментарий", "comment-form", "bottom"),
        ("All content on this site is licensed under", "license-footer", "bottom"),
        ("Creative Commons Attribution 4.0 International", "license-footer", "bottom"),
        ("© 2024 Example News. All rights reserved.", "license-footer", "bottom"),
        ("Все права защищены.", "license-footer", "bottom"),
        ("Author: wedocount", "byline", "bottom"),
        ("Автор: Иван Петров", "byline", "bottom"),
        ("By John Smith", "byline", "header"),
        ("More to be posted soon…", "more-to-come", "bottom"),
        ("Новость дополняется", "more-to-come", "bottom"),
        ("Share this:", "share-buttons", "bottom"),
        ("Читайте также: новости региона", "navigation", "bottom"),
        ("Tags: digital economy, Ryazan", "tags", "bottom"),
        ("Photo: press service", "photo-credit", "header"),
        ("Source: TASS", "source-line", "bottom"),
    ],
)
def test_each_furniture_reason_is_removed_and_named(furniture: str, reason: str, where: str) -> None:
    if where == "top":
        raw = f"{furniture}\n\nHeadline of the story\n\n{BODY}\n"
    elif where == "header":
        raw = f"Headline of the story\n{furniture}\n\n{BODY}\n"
    else:
        raw = f"Headline of the story\n\n{BODY}\n\n{furniture}\n"
    doc = prepare_document("x", raw)
    assert [(r.text, r.reason) for r in doc.removed] == [(furniture, reason)]
    assert furniture not in doc.text
    assert doc.title == "Headline of the story"
    for r in doc.removed:
        assert doc.raw[r.start:r.end] == r.text


def test_source_line_sets_the_source() -> None:
    assert prepare_document("x", f"Headline\n\n{BODY}\n\nSource: Interfax\n").source == "Interfax"


def test_furniture_words_inside_the_article_are_kept() -> None:
    # the same words in the middle of an article are the article: only edges are furniture
    middle = "Leave a Reply\n\nAuthor: wedocount\n\nMore to be posted soon…"
    raw = f"Headline\n\n{BODY}\n\n{middle}\n\nThe minister concluded the meeting. Everyone agreed.\n"
    doc = prepare_document("x", raw)
    assert doc.removed == []
    assert middle in doc.text


def test_prose_sentences_do_not_look_like_furniture() -> None:
    for line in [
        "By 2024, 100 per cent of priority services will be provided without a personal visit.",
        "The project is licensed by the ministry and will run until 2030.",
        "Share of households with broadband access should be ensured up to 97%.",
        "Source code of the platform will be published, the minister said.",
        "by the end of the year",
    ]:
        assert classify_line(line) is None, line


def test_leading_date_marker_and_repeated_headline() -> None:
    raw = (" date 2024-02-06 RUSSIA, February 6 - Minister holds a session on digital transformation\n\n"
           f"{BODY}\n\nMinister holds a session on digital transformation\n\nThe session closed at noon.\n")
    doc = prepare_document("x", raw)
    assert [(r.reason, r.start) for r in doc.removed] == [("date-prefix", 0), ("repeated-headline", raw.index(
        "\n\nMinister holds") + 2)]
    assert doc.title == "Minister holds a session on digital transformation"
    assert doc.text.startswith("RUSSIA, February 6 - Minister")
    assert doc.text.endswith("The session closed at noon.")
    assert doc.date == "2024-02-06" and doc.place == "Russia"


def _body(i: int) -> str:
    return (f"The region number {i} connected {i * 17 + 3} schools to broadband this year, the "
            f"governor said at a meeting on national projects. Work in district {i} goes on.")


def test_date_marker_on_a_line_of_its_own() -> None:
    doc = prepare_document("x", f"date 2021-05-06\nHeadline here\n\n{BODY}\n")
    assert [(r.reason, r.text) for r in doc.removed] == [("date-prefix", "date 2021-05-06")]
    assert doc.title == "Headline here" and doc.date == "2021-05-06"
    assert doc.text.startswith("Headline here\n\n")


def test_lines_repeated_across_the_corpus_are_removed_at_the_edges_only(tmp_path: Path) -> None:
    for i in range(6):
        footer = "Subscribe to the Regional Digest newsletter for weekly updates"
        (tmp_path / f"d{i}.txt").write_text(
            f"Regional Digest | news desk\n\nHeadline number {i}\n\n{_body(i)}\n\n"
            f"Regional Digest | news desk\n\nThe minister spoke for {i} minutes.\n\n{footer} #{i}\n",
            encoding="utf-8")
    corpus = open_corpus(tmp_path)
    for i, doc in enumerate(corpus.documents):
        assert doc.title == f"Headline number {i}"
        top = [r for r in doc.removed if r.start == 0]
        assert [r.reason for r in top] == ["repeated-across-corpus"]
        # the same line in the middle is kept: it is not at an edge
        assert "Regional Digest | news desk" in doc.text
        assert doc.removed[-1].reason in {"repeated-across-corpus", "navigation"}
        assert doc.text.endswith(f"The minister spoke for {i} minutes.")
    # one document alone has no corpus signal
    alone = prepare_document("d0", corpus.documents[0].raw)
    assert alone.text.startswith("Regional Digest | news desk")


def test_a_republished_article_keeps_its_headline_and_body(tmp_path: Path) -> None:
    article = f"Ryazan will become a digital region\n\n{BODY}\n\nThe governor thanked the operators.\n"
    for i in range(5):
        (tmp_path / f"site{i}.txt").write_text(f"Site {i} front page\n\n{article}\nSite {i} footer\n",
                                               encoding="utf-8")
    (tmp_path / "other.txt").write_text(f"Another story\n\n{_body(1)}\n", encoding="utf-8")
    for doc in open_corpus(tmp_path).documents:
        assert not [r for r in doc.removed if r.reason == "repeated-across-corpus"]
        if doc.id.startswith("site"):
            assert "Ryazan will become a digital region" in doc.text and BODY in doc.text


def test_corpus_threshold_is_at_least_three_and_thirty_percent() -> None:
    assert CorpusStats.from_texts(["a\nb"] * 2).is_repeated("a") is False
    docs = [f"Furniture line\nx {i}" for i in range(3)]
    stats = CorpusStats.from_texts(docs + [f"doc {i}" for i in range(7)])
    assert stats.threshold == 3 and stats.is_repeated("Furniture line")
    stats = CorpusStats.from_texts(docs + [f"doc {i}" for i in range(17)])
    assert stats.threshold == 6 and not stats.is_repeated("Furniture line")


def _check_map(doc_text: str, doc) -> None:  # type: ignore[no-untyped-def]
    prev = -1
    shown = {}
    for i, ch in enumerate(doc_text):
        r = doc.raw_offset(i)
        assert doc.raw[r] == ch
        assert r > prev
        prev = r
        shown[r] = i
    # and back: every raw character is either shown at its clean offset or reported as dropped
    for r in range(len(doc.raw)):
        assert doc.offsets.to_clean(r) == shown.get(r)


line_text = st.text(alphabet=st.sampled_from(list("abc XYZ.,—é\u00a0\tЖ")), min_size=0, max_size=30)
furniture = st.sampled_from(["Leave a Reply", "Author: someone", "More to be posted soon…", "Headline",
                             " date 2021-01-02 ", "Share this:", "© 2020"])
newline = st.sampled_from(["\n", "\n\n", "\r\n", "\r", "\n \n", "\n\n\n"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.one_of(line_text, furniture), newline), min_size=0, max_size=15))
def test_every_clean_offset_maps_to_the_same_raw_character(parts: list[tuple[str, str]]) -> None:
    raw = "".join(a + b for a, b in parts)
    doc = prepare_document("x", raw)
    _check_map(doc.text, doc)
    assert "\n\n\n" not in doc.text and doc.text == doc.text.strip()
    for r in doc.removed:
        assert doc.raw[r.start:r.end] == r.text
    # any clean range inside one piece is the same raw slice
    for a, b in doc.paragraphs:
        assert doc.text[a:b] == "".join(doc.raw[doc.raw_offset(i)] for i in range(a, b))
    for s in doc.sentences:
        assert doc.paragraphs[s.paragraph][0] <= s.start < s.end <= doc.paragraphs[s.paragraph][1]


def test_paragraphs_are_separated_by_a_blank_line_after_a_removed_line() -> None:
    doc = prepare_document("x", "Headline\nFirst paragraph here.\nSecond line.\nLeave a Reply\n")
    assert doc.text == "Headline\nFirst paragraph here.\nSecond line."
    doc = prepare_document("x", "Headline\nHeadline\nBody sentence one. Two.\n")
    assert doc.text == "Headline\n\nBody sentence one. Two."
    _check_map(doc.text, doc)


# --- the labeled dev set -----------------------------------------------------------------------

def _gold() -> list[dict]:
    path = EVAL / "seeds-gold.jsonl"
    assert path.is_file(), f"{path} is missing: copy ../shared/eval/seeds-gold.jsonl into tests/data/eval"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_gold_boilerplate_is_removed_and_every_article_line_kept() -> None:
    corpus = open_corpus(ROOT / "seeds")
    gold = _gold()
    assert len(gold) == 5
    for g in gold:
        doc = corpus.get(g["id"])
        assert doc is not None, g["id"]
        assert doc.raw == (ROOT / g["file"]).read_text(encoding="utf-8")
        covered = [(r.start, r.end) for r in doc.removed]
        shown = {doc.raw_offset(i) for i in range(len(doc.text))}
        for b in g["boilerplate"] + g["boilerplate_spans"]:
            if b["required"]:
                assert any(s <= b["start"] and b["end"] <= e for s, e in covered), (g["id"], b["text"])
                assert not shown & set(range(b["start"], b["end"])), (g["id"], b["text"])
        labeled = {b["line_no"] for b in g["boilerplate"]}
        raw = doc.raw
        for span in g["boilerplate_spans"]:
            raw = raw[:span["start"]] + " " * (span["end"] - span["start"]) + raw[span["end"]:]
        for n, line in enumerate(raw.split("\n"), 1):
            if line.strip() and n not in labeled:
                assert line.strip() in doc.text, (g["id"], n, line[:60])
        # every sentence of the article survives whole, not only its line
        assert not [r for r in doc.removed if r.reason not in {b["reason"] for b in
                    g["boilerplate"] + g["boilerplate_spans"]} and r.reason != "timestamp"], g["id"]



def test_markdown_heading_is_the_title_without_its_marks() -> None:
    raw = "# Ryazan goes digital\n\nThe governor spoke.\n\n# Ryazan goes digital\n\nEnd.\n"
    doc = prepare_document("x", raw)
    assert doc.title == "Ryazan goes digital"
    assert [r.reason for r in doc.removed] == ["repeated-headline"]


def test_a_file_of_only_furniture_is_skipped_with_a_reason(tmp_path: Path) -> None:
    (tmp_path / "furniture.txt").write_text("Leave a Reply\n\nShare this:\n", encoding="utf-8")
    (tmp_path / "real.txt").write_text(f"Headline\n\n{BODY}\n", encoding="utf-8")
    corpus = open_corpus(tmp_path)
    assert [d.id for d in corpus.documents] == ["real"]
    assert [(Path(s.path).name, s.reason) for s in corpus.skipped] == [
        ("furniture.txt", "no article text (only site furniture)")]
