"""Metadata: title, ISO date (year only when the text gives or implies it), place, source, language."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tui.corpus import open_corpus, prepare_document
from tui.corpus.dates import parse_date
from tui.corpus.metadata import find_dateline

ROOT = Path(__file__).resolve().parents[1]
# A copy of ../shared/eval, so the suite runs on a clone that has only the project.
EVAL = Path(__file__).resolve().parent / "data" / "eval"
BODY = "The governor said the project will connect 998 objects. Work is underway."

EXPECTED_PLACE_SOURCE = {
    "000_9a9279d87597d3ea": ("Russia", None),
    "001_0e3b955f7091d000": ("Russia", None),
    "002_996ce17b3d202062": ("Ryazan", "RIA Novosti"),
    "003_1cb1f2dc3a841b0e": (None, None),
    "004_53081c1829c6c7b5": (None, "TASS"),
}


def test_seed_metadata_matches_the_gold() -> None:
    path = EVAL / "seeds-gold.jsonl"
    assert path.is_file(), f"{path} is missing: copy ../shared/eval/seeds-gold.jsonl into tests/data/eval"
    gold = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    corpus = open_corpus(ROOT / "seeds")
    assert len(gold) == len(corpus.documents) == 5
    for g in gold:
        doc = corpus.get(g["id"])
        assert doc is not None
        assert (doc.title, doc.date, doc.lang, doc.date_text) == (g["title"], g["date"], g["language"],
                                                                   g["date_text"]), g["id"]
        assert (doc.place, doc.source) == EXPECTED_PLACE_SOURCE[g["id"]]


@pytest.mark.parametrize(
    ("first_lines", "title", "date", "place", "source"),
    [
        ("date 2021-03-04 Headline of the day", "Headline of the day", "2021-03-04", None, None),
        ("Headline\n\nRYAZAN, March 4 – RIA Novosti. " + BODY, "Headline", None, "Ryazan", "RIA Novosti"),
        ("Headline\n\nMOSCOW, March 4, 2021 – TASS. " + BODY, "Headline", "2021-03-04", "Moscow", "TASS"),
        ("Headline\n\n17 March 2020, Tuesday", "Headline", "2020-03-17", None, None),
        # a weekday fits exactly one of the years the text names
        ("Headline\n\n17 March, Tuesday\n\nBy 2024 and after 2020 things changed.", "Headline",
         "2020-03-17", None, None),
        ("Headline\n\n17 March\n\nIn 2020 things changed.", "Headline", None, None, None),
        ("17 March 2020, Tuesday\nThe real headline", "The real headline", "2020-03-17", None, None),
        ("NIZHNY NOVGOROD, December 1 - Regional news headline", "Regional news headline", None,
         "Nizhny Novgorod", None),
        ("Заголовок новости\n\nМОСКВА, 4 марта 2021 г. — РИА Новости. Губернатор заявил об этом.",
         "Заголовок новости", "2021-03-04", "Москва", "РИА Новости"),
        ("Заголовок\n\nРЯЗАНЬ, 4 марта — ТАСС. Губернатор заявил об этом.",
         "Заголовок", None, "Рязань", "ТАСС"),
        ("Заголовок\n\nГубернатор заявил об этом, сообщает Интерфакс.",
         "Заголовок", None, None, "Интерфакс"),
        ("Headline\n\n" + BODY + " It was reported according to Interfax.",
         "Headline", None, None, "Interfax"),
        ("Headline\n\n2020-02-29 " + BODY, "Headline", None, None, None),  # a date mid-line is no dateline
    ],
)
def test_metadata_cases(first_lines: str, title: str, date: str | None, place: str | None,
                        source: str | None) -> None:
    doc = prepare_document("x", first_lines + "\n\n" + BODY)
    assert (doc.title, doc.date, doc.place, doc.source) == (title, date, place, source)


def test_a_paragraph_without_a_headline_gives_its_first_sentence_as_title() -> None:
    long = "The governor said that the region will connect all schools to broadband. " * 6
    expected = "The governor said that the region will connect all schools to broadband."
    assert prepare_document("x", long).title == expected


@pytest.mark.parametrize(
    ("text", "iso", "month", "day"),
    [
        ("4 марта 2021 г.", "2021-03-04", 3, 4),
        ("17 March 2020, Tuesday", "2020-03-17", 3, 17),
        ("March 17, 2020", "2020-03-17", 3, 17),
        ("2020-03-17", "2020-03-17", 3, 17),
        ("17.03.2020", "2020-03-17", 3, 17),
        ("1 мая", None, 5, 1),
        ("February 30", None, None, None),
    ],
)
def test_parse_date(text: str, iso: str | None, month: int | None, day: int | None) -> None:
    d = parse_date(text)
    if month is None:
        assert d is None
    else:
        assert d is not None and (d.iso(), d.month, d.day) == (iso, month, day)


def test_dateline_needs_an_upper_case_place_and_a_dash() -> None:
    assert find_dateline("Russia, February 6 - text") is None  # "Russia," is a sentence opening
    assert find_dateline("On March 17, speaking at a meeting") is None
    dl = find_dateline("RUSSIA, February 6 - Mikhail Mishustin holds a session")
    assert dl is not None and dl.place == "Russia" and dl.date_text == "February 6"


@pytest.mark.parametrize(
    ("text", "lang"),
    [("Цифровая экономика и Data Economy: доля услуг 95%", "ru"),
     ("The Digital Economy («Цифровая экономика») project", "en"),
     ("12345", "en")],
)
def test_language(text: str, lang: str) -> None:
    assert prepare_document("x", "Title\n\n" + text).lang == lang
