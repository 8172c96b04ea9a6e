"""The stored sample files in tests/data/corpus: a cp1251 Russian page with CRLF and furniture, and
an English page with mojibake, both read as a user would open them."""

from __future__ import annotations

from pathlib import Path

from tui.corpus import open_corpus

DATA = Path(__file__).resolve().parent / "data" / "corpus"


def test_sample_pages_load_clean_and_describe_themselves() -> None:
    corpus = open_corpus(DATA)
    assert corpus.skipped == []
    ru = corpus.get("ryazan_cp1251")
    assert ru is not None
    assert (ru.encoding, ru.lang, ru.title, ru.date, ru.place, ru.source) == (
        "cp1251", "ru", "Рязанская область станет цифровым регионом", "2021-03-04", "Рязань", "РИА Новости")
    assert [r.reason for r in ru.removed] == ["navigation", "repeated-headline", "byline", "comment-form",
                                              "license-footer"]
    assert ru.text.endswith("Губернатор поручил решить вопрос с доступом в интернет для сельхозпредприятий.")
    assert "т.е. почти все." in ru.text and "\r" not in ru.raw
    texts = [ru.text[s.start:s.end] for s in ru.sentences]
    sentence = ("По его словам, доля социально значимых услуг в электронном виде составит до 95 %, "
                "т.е. почти все.")
    assert sentence in texts
    assert any(t.startswith("РЯЗАНЬ, 4 марта 2021 г. — РИА Новости.") for t in texts)

    en = corpus.get("kazan_mojibake")
    assert en is not None
    assert (en.lang, en.title, en.date, en.place) == (
        "en", "Kazan’s mayor opens an IT lyceum in every district", "2022-09-01", "Kazan")
    assert [r.reason for r in en.removed] == ["site-counter", "comment-form", "comment-form"]
    texts = [en.text[s.start:s.end] for s in en.sentences]
    assert "The project is free for students." in texts
    assert "Teachers will be retrained by Sept. 2023." in texts
