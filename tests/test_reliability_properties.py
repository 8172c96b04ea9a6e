"""Reliability (#9), property-based: cleaning never loses a sentence of the article, whatever site
furniture surrounds it, and the offsets of every kept sentence map back to the raw file exactly.

Already covered by other properties, not repeated: every clean offset maps to the same raw
character (test_corpus_clean), figure spans sorted, disjoint and inside the text (test_figures_properties),
export -> import -> export stable for any annotations (test_dataset_roundtrip).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.corpus import open_corpus, prepare_document
from tui.figures import find_figures

EN_WORDS = [
    "region", "governor", "digital", "services", "share", "households", "broadband", "access",
    "schools", "hospitals", "connected", "platform", "budget", "project", "citizens", "rural",
    "towns", "network", "data", "centre"
]
RU_WORDS = [
    "регион", "губернатор", "цифровые", "услуги", "доля", "домохозяйств", "доступ", "школы",
    "больницы", "подключены", "платформа", "бюджет", "проект", "граждане", "сёла", "сеть", "данные",
    "центр"
]
NUMBERS = ("95 per cent", "1,587", "2024", "42.5%", "115 million", "95%", "1,5 млн", "2030 году")
FURNITURE = ("Leave a Reply", "Share this:", "Author: wedocount", "© 2021 All rights reserved",
             "More to be posted soon…", "date 2021-03-04", "Tags: digital, economy")


@st.composite
def sentence(draw: st.DrawFn) -> str:
    words = draw(st.sampled_from([EN_WORDS, RU_WORDS]))
    body = draw(st.lists(st.one_of(st.sampled_from(words), st.sampled_from(NUMBERS)),
                         min_size=4, max_size=14))
    return (" ".join(body)).capitalize() + draw(st.sampled_from([".", ".", "!", "?"]))


paragraph = st.lists(sentence(), min_size=1, max_size=4)
article = st.lists(paragraph, min_size=1, max_size=5)
edge = st.lists(st.sampled_from(FURNITURE), max_size=3)
newline = st.sampled_from(["\n", "\r\n"])


def _squash(text: str) -> str:
    return " ".join(text.split())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=sentence(), body=article, head=edge, tail=edge, nl=newline)
def test_cleaning_keeps_every_sentence_of_the_article(title: str, body: list[list[str]], head: list[str],
                                                       tail: list[str], nl: str) -> None:
    parts = [*head, title.rstrip(".!?"), *(" ".join(p) for p in body), *tail]
    raw = (nl * 2).join(parts) + nl
    doc = prepare_document("x", raw)
    clean = _squash(doc.text)
    for p in body:
        for s in p:
            assert s in clean, f"lost {s!r}"
    for s in doc.sentences:  # every sentence the reader shows is a verbatim stretch of the raw file
        raw_start, raw_end = doc.raw_offset(s.start), doc.raw_offset(s.end - 1) + 1
        assert _squash(doc.raw[raw_start:raw_end]) == _squash(doc.text[s.start:s.end])
    for f in find_figures(doc.text, doc.lang):
        assert 0 <= f.start < f.end <= len(doc.text) and doc.text[f.start:f.end] == f.text


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(bodies=st.lists(article, min_size=3, max_size=6), tail=st.lists(st.sampled_from(FURNITURE), min_size=1,
                                                                        max_size=2))
def test_lines_repeated_across_a_corpus_never_take_an_article_sentence(  # type: ignore[no-untyped-def]
        tmp_path_factory, bodies: list, tail: list[str]) -> None:
    # every file ends with the same furniture (dropped as repeated), but the articles share words,
    # numbers and whole sentences, which must stay inside the article (a body made only of lines
    # every file has cannot be told from furniture, and is not generated; a shared first paragraph
    # is the xfail case below)
    folder = tmp_path_factory.mktemp("corpus")
    shared = bodies[0][0][0]
    for n, body in enumerate(bodies):
        first = f"Document {n} opens with its own words about {n + 3} schools."
        last = f"Only document {n} ends this way."
        text = "\n\n".join([f"Headline number {n}", first, shared, *(" ".join(p) for p in body), last,
                             *tail]) + "\n"
        (folder / f"doc{n}.txt").write_text(text, encoding="utf-8")
    corpus = open_corpus(folder)
    assert not corpus.skipped
    for n, body in enumerate(bodies):
        doc = corpus.get(f"doc{n}")
        assert doc is not None
        clean = _squash(doc.text)
        for p in body:
            for s in p:
                assert s in clean, f"doc{n} lost {s!r}"


@pytest.mark.parametrize("lede", [
    "The ministry said that 95 per cent of schools are connected.",
    "Доля социально значимых услуг в электронном виде составит 95 процентов к 2030 году.",
    "Broadband access will reach 97 per cent of rural households by 2024",  # no full stop: a figure
    "The governor thanked the operators for their work in the villages.",  # no figure: a sentence
])
def test_a_lede_shared_by_republished_articles_is_kept(tmp_path: Path, lede: str) -> None:
    site = "Regional Digest | news desk"  # repeated furniture beside it still goes
    for n in range(3):
        text = f"{site}\n\nHeadline number {n}\n\n{lede}\n\nOnly document {n} says this.\n"
        (tmp_path / f"d{n}.txt").write_text(text, encoding="utf-8")
    for doc in open_corpus(tmp_path).documents:
        assert lede in doc.text, doc.removed
        assert [(r.reason, r.text) for r in doc.removed] == [("repeated-across-corpus", site)]
