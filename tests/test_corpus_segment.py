"""Sentences and paragraphs in English and Russian, with offsets into the clean text."""

from __future__ import annotations

import pytest

from tui.corpus import prepare_document
from tui.corpus.segment import paragraphs, segment, sentences

CASES = [
    # English
    ("Mr. Smith met Dr. Jones at 5 p.m. on Monday. They talked.",
     ["Mr. Smith met Dr. Jones at 5 p.m. on Monday.", "They talked."]),
    ("The U.S. economy grew 2.5 per cent. Russia's grew 3.1%.",
     ["The U.S. economy grew 2.5 per cent.", "Russia's grew 3.1%."]),
    ("See No. 5 in the list. It is new.", ["See No. 5 in the list.", "It is new."]),
    ("J. R. R. Tolkien wrote books. He died in 1973.", ["J. R. R. Tolkien wrote books.", "He died in 1973."]),
    ("He said: “It works.” Then he left.", ["He said: “It works.”", "Then he left."]),
    ("“Is it done?” she asked. “Yes!” he replied.", ["“Is it done?” she asked.", "“Yes!” he replied."]),
    ("The plan (approx. 10 bn rubles) covers roads, i.e. bridges. Done.",
     ["The plan (approx. 10 bn rubles) covers roads, i.e. bridges.", "Done."]),
    ("It costs $1.5 million vs. $2 million in Jan. 2020 and more. OK.",
     ["It costs $1.5 million vs. $2 million in Jan. 2020 and more.", "OK."]),
    ("Gov. Lyubimov spoke. St. Petersburg agreed.", ["Gov. Lyubimov spoke.", "St. Petersburg agreed."]),
    ("Visit www.gov.ru today. Or mail info@gov.ru now.",
     ["Visit www.gov.ru today.", "Or mail info@gov.ru now."]),
    ("He said no. Then he left.", ["He said no.", "Then he left."]),
    ("Over 86,000 young people took courses. About 115 million records exist.",
     ["Over 86,000 young people took courses.", "About 115 million records exist."]),
    ("Is it ready? Not yet! We will see…", ["Is it ready?", "Not yet!", "We will see…"]),
    ("Putin noted that “the IT industry determines the dynamics.” The head of state stressed it.",
     ["Putin noted that “the IT industry determines the dynamics.”", "The head of state stressed it."]),
    ("The share is 42.5 per cent, up from 30.1 per cent in 2019", [
        "The share is 42.5 per cent, up from 30.1 per cent in 2019"]),
    # Russian
    ("Президент В. В. Путин заявил об этом. Это т.е. важно.",
     ["Президент В. В. Путин заявил об этом.", "Это т.е. важно."]),
    ("Доля составит 1,5 млн руб. в 2024 году. Это важно.",
     ["Доля составит 1,5 млн руб. в 2024 году.", "Это важно."]),
    ("См. п. 5 ст. 10 закона. Далее.", ["См. п. 5 ст. 10 закона.", "Далее."]),
    ("Он сказал: «Это работает». Затем ушёл.", ["Он сказал: «Это работает».", "Затем ушёл."]),
    ("«Мы станем цифровым регионом!» — сказал губернатор. Работа идёт.",
     ["«Мы станем цифровым регионом!» — сказал губернатор.", "Работа идёт."]),
    ("В 2021 г. подключат 998 объектов. Связь появится в сёлах.",
     ["В 2021 г. подключат 998 объектов.", "Связь появится в сёлах."]),
    ("Доля услуг выросла до 42,5 %. Цель — 95 % к 2030 году.",
     ["Доля услуг выросла до 42,5 %.", "Цель — 95 % к 2030 году."]),
    ("Проект ведут Минцифры и т. д. Итоги подведут позже.",
     ["Проект ведут Минцифры и т. д.", "Итоги подведут позже."]),
    ("Зачем это нужно? Ответ прост!", ["Зачем это нужно?", "Ответ прост!"]),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_sentences(text: str, expected: list[str]) -> None:
    assert [text[s:e] for s, e in sentences(text)] == expected


def test_paragraphs_are_blank_line_blocks_trimmed() -> None:
    text = "One line\nsame paragraph.\n\n  Second.  \n\n\nThird."
    assert [text[s:e] for s, e in paragraphs(text)] == ["One line\nsame paragraph.", "Second.", "Third."]


def test_sentences_carry_their_paragraph_and_stay_inside_it() -> None:
    text = "First one. Second one.\n\nThird one. Fourth one."
    paras, sents = segment(text)
    assert [(text[s.start:s.end], s.paragraph) for s in sents] == [
        ("First one.", 0), ("Second one.", 0), ("Third one.", 1), ("Fourth one.", 1)]
    assert paras == [(0, 22), (24, 46)]


def test_russian_paragraph_in_an_english_text_uses_russian_rules() -> None:
    doc = prepare_document("x", "Headline\n\nThe Governor spoke. St. Petersburg agreed.\n\n"
                                "Губернатор заявил: «Это важно». Работа идёт.")
    assert [doc.text[s.start:s.end] for s in doc.sentences] == [
        "Headline", "The Governor spoke.", "St. Petersburg agreed.", "Губернатор заявил: «Это важно».",
        "Работа идёт."]
    assert doc.sentence_at(doc.text.index("Petersburg")) == 2
    assert doc.sentence_at(0) == 0
