"""Paragraphs and sentences of the clean text, as offsets.

Why razdel for both languages (DESIGN.md suggested razdel for Russian and syntok for English):
measured on the same English press releases, syntok segments at 0.12 MB/s and razdel at 7.4 MB/s,
and on our English checks (initials, "U.S.", "No. 5", "p.m.", decimals, quotes, e-mail addresses)
both gave the same splits except after a few English abbreviations that razdel does not know
("approx.", "Gov.", "St.", "Jan."), which were wrong in syntok too ("Gov."). razdel plus a short list
of English abbreviations after which a split is undone is right on every case in
tests/test_corpus_segment.py and keeps a whole corpus fast enough to clean on open. razdel gives
exact character offsets, so no realignment is needed.
"""

from __future__ import annotations

import re

import razdel

from tui.corpus.document import Sentence

_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?!\n)[^\n]*)*")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]+")
_LATIN = re.compile(r"[A-Za-z]+")

# English titles razdel splits after when a capitalised name follows ("Gov. Lyubimov").
def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


EN_TITLES = _words(
    "mr mrs ms dr prof gen sen rep gov lt col capt sgt st mt ave dept univ corp inc ltd jr sr "
    "approx vs rev hon pres messrs adm cmdr maj"
)
# Abbreviations that only stay in the sentence when a number follows ("Jan. 2020", "Fig. 3");
# before a capital they may end the sentence ("He said no. Then…").
EN_BEFORE_NUMBER = _words("no nos fig vol art sect ch pp ca jan feb mar apr jun jul aug sep sept oct nov dec")
RU_BEFORE_NUMBER = _words("г гг ул д им ст п пп рис табл см стр ок тыс млн млрд руб")
_INNER_END = re.compile(r"[.!?…;][\"'”»)\]]*\s")
_LAST_WORD = re.compile(r"(?<!\w)(\w+)\.\s*$")
# razdel reads "no." as the number sign in any language; in English before a capitalised word it
# ends a sentence ("He said no. Then…"), while "No. 5" stays whole.
_EN_NO = re.compile(r"(?<=\bno\.)\s+(?=[A-Z][a-z])")


def language_of(text: str) -> str:
    """'ru' when Cyrillic letters outnumber Latin ones, else 'en'."""
    sample = text if len(text) <= 20000 else text[:10000] + text[-10000:]
    cyrillic = sum(map(len, _CYRILLIC.findall(sample)))
    return "ru" if cyrillic and cyrillic > sum(map(len, _LATIN.findall(sample))) else "en"


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Blank-line separated blocks, trimmed of surrounding spaces."""
    out = []
    for m in _PARAGRAPH.finditer(text):
        start, end = m.start(), m.end()
        chunk = text[start:end]
        lead = len(chunk) - len(chunk.lstrip())
        trail = len(chunk) - len(chunk.rstrip())
        if end - trail > start + lead:
            out.append((start + lead, end - trail))
    return out


def _rejoin_after_abbreviation(spans: list[tuple[int, int]], text: str, lang: str) -> list[tuple[int, int]]:
    titles = EN_TITLES if lang == "en" else frozenset()
    before_number = EN_BEFORE_NUMBER if lang == "en" else RU_BEFORE_NUMBER
    out: list[tuple[int, int]] = []
    for start, end in spans:
        if out:
            prev_start, prev_end = out[-1]
            m = _LAST_WORD.search(text, max(prev_start, prev_end - 12), prev_end)
            word = m.group(1).lower() if m else ""
            first = text[start:start + 1]
            if word in titles or (word in before_number and first.isdigit()):
                out[-1] = (out[-1][0], end)
                continue
        out.append((start, end))
    return out


def sentences(text: str, start: int = 0, end: int | None = None,
              lang: str | None = None) -> list[tuple[int, int]]:
    """Sentence spans of ``text[start:end]`` (one paragraph), offsets into ``text``."""
    end = len(text) if end is None else end
    chunk = text[start:end]
    if not _INNER_END.search(chunk):
        return [(start, end)]  # no sentence end before the last character: one sentence
    lang = lang or language_of(chunk)
    spans = [(start + s.start, start + s.stop) for s in razdel.sentenize(chunk) if s.text.strip()]
    if lang == "en" and "no. " in chunk:
        spans = [part for s, e in spans for part in _split_at(_EN_NO, text, s, e)]
    return _rejoin_after_abbreviation(spans, text, lang)


def _split_at(pattern: re.Pattern[str], text: str, start: int, end: int) -> list[tuple[int, int]]:
    out = []
    for m in pattern.finditer(text, start, end):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, end))
    return out


def segment(text: str, lang: str | None = None) -> tuple[list[tuple[int, int]], list[Sentence]]:
    """Paragraphs and their sentences; a paragraph's language is its own (a Russian quote in an
    English text is split by Russian rules)."""
    paras = paragraphs(text)
    sents: list[Sentence] = []
    for i, (ps, pe) in enumerate(paras):
        chunk_lang = language_of(text[ps:pe]) if lang is None or _CYRILLIC.search(text, ps, pe) else lang
        sents.extend(Sentence(s, e, i) for s, e in sentences(text, ps, pe, chunk_lang))
    return paras, sents
