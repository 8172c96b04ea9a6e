"""Title, date, place and source of a news text, read from its first lines and its datelines."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from tui.corpus.dates import DateMatch, infer_year, parse_date

# "RUSSIA, February 6 -", "RYAZAN, March 4 – RIA Novosti.", "МОСКВА, 4 марта — РИА Новости."
_PLACE = r"(?P<place>[A-ZА-ЯЁ][A-ZА-ЯЁ'.\- ]{1,40}?)"
DATELINE = re.compile(rf"^{_PLACE},\s+(?=\S)")
_DASH = re.compile(r"^\s*(?:[-–—]|,)\s*")
AGENCIES = [
    "TASS", "RIA Novosti", "Interfax", "RBC", "Kommersant", "Vedomosti", "Izvestia", "Sputnik",
    "Rossiyskaya Gazeta", "RG", "ComNews", "CNews", "D-Russia", "Prime", "Reuters", "Bloomberg",
    "ТАСС", "РИА Новости", "Интерфакс", "РБК", "Коммерсантъ", "Ведомости", "Известия", "Российская газета",
]
_AGENCY = "|".join(re.escape(a) for a in sorted(AGENCIES, key=len, reverse=True))
_SOURCE_PATTERNS = [
    re.compile(rf"\b(?P<src>{_AGENCY}) (?:writes|reports|reported|said|informs)\b"),
    re.compile(rf"\baccording to (?:the )?(?P<src>{_AGENCY})\b"),
    re.compile(rf"(?:сообщает|сообщил[аи]?|передает|передаёт|пишет|пишут|информирует) (?P<src>{_AGENCY})\b"),
    re.compile(rf"(?:^|\s)[-–—] (?P<src>{_AGENCY})\.?$", re.M),
]
_SENTENCE_END = re.compile(r"[.!?…](?=\s|$)")
TITLE_MAX = 250


@dataclass(frozen=True, slots=True)
class Dateline:
    place: str | None
    date: DateMatch
    source: str | None
    end: int  # where the text after the dateline (and its "– Agency.") begins in the line
    whole_line: bool  # the line is only the date ("17 March 2020, Tuesday")
    date_text: str = ""  # the date as written ("February 6", "17 March 2020, Tuesday")


def _place_name(place: str) -> str:
    return " ".join(w.capitalize() if w.isupper() and len(w) > 1 else w for w in place.split())


@lru_cache(maxsize=4096)
def find_dateline(line: str) -> Dateline | None:
    """A dateline at the start of ``line``: an optional upper-case place, a day and month, then a
    dash, a comma or the line end."""
    place = None
    pos = 0
    m = DATELINE.match(line)
    if m and m["place"].strip().isupper():
        place, pos = _place_name(m["place"].strip()), m.end()
    date = parse_date(line[pos:pos + 60])
    if date is None or date.start != 0:
        return None
    end = pos + date.end
    rest = line[end:]
    dash = _DASH.match(rest)
    date_text = line[pos:end]
    if not rest.strip():
        return Dateline(place, date, None, len(line), True, date_text)
    if dash is None:
        return None
    end += dash.end()
    source = None
    agency = re.match(rf"(?P<src>{_AGENCY})\s*\.\s*", line[end:])
    if agency:
        source, end = agency["src"], end + agency.end()
    return Dateline(place, date, source, end, False, date_text)


def find_source(text: str) -> str | None:
    """An agency the text cites ("TASS writes", "сообщает Интерфакс"), looked for where news
    texts name it: the first and last paragraphs."""
    if len(text) > 3000:
        text = text[:1500] + "\n" + text[-1500:]
    if not any(agency in text for agency in AGENCIES):  # plain substring tests are far cheaper
        return None
    for pattern in _SOURCE_PATTERNS:
        m = pattern.search(text)
        if m:
            return m["src"]
    return None


def headline(line: str) -> str:
    """A line used as the title: itself when it is headline-sized, else its first sentence, clipped."""
    if len(line) <= TITLE_MAX:
        return line
    m = _SENTENCE_END.search(line, 0, TITLE_MAX)
    return line[: m.end()] if m else line[: TITLE_MAX - 1].rstrip() + "…"


def date_of(dateline: Dateline, text: str) -> str | None:
    year = infer_year(dateline.date, text)
    d = dateline.date
    return None if year is None else f"{year:04d}-{d.month:02d}-{d.day:02d}"
