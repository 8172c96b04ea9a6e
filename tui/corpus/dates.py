"""Our own small parser of news datelines (English and Russian month names).

dateparser fills in the current year silently and dateutil misreads "4 марта 2021 г.", so the
year here comes only from the text: the date itself, or a weekday that fits one of the years the
text mentions.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

EN_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
# Stems cover every case form: "марта", "март", "мае", "сентября".
RU_MONTH_STEMS = [
    ("январ", 1), ("феврал", 2), ("март", 3), ("апрел", 4), ("ма", 5), ("июн", 6), ("июл", 7),
    ("август", 8), ("сентябр", 9), ("октябр", 10), ("ноябр", 11), ("декабр", 12),
]
WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
    "понедельник": 0, "вторник": 1, "среда": 2, "четверг": 3, "пятница": 4, "суббота": 5,
    "воскресенье": 6,
}

_EN_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
             r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_RU_MONTH = (r"(?:январ[ья]|феврал[ья]|марта?|апрел[ья]|ма[йя]|июн[ья]|июл[ья]|августа?"
             r"|сентябр[ья]|октябр[ья]|ноябр[ья]|декабр[ья])")
_MONTH = rf"(?P<month>{_EN_MONTH}|{_RU_MONTH})"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_WEEKDAY = r"(?P<weekday>" + "|".join(WEEKDAYS) + r")"

# "17 March 2020", "March 17, 2020", "4 марта 2021 г.", "2020-03-17", "17.03.2020"
DAY_MONTH = re.compile(
    rf"\b{_DAY}\s+{_MONTH}(?:,?\s+{_YEAR}(?:\s*г(?:ода|\.)?)?)?(?:,\s*{_WEEKDAY})?(?!\w)", re.I)
MONTH_DAY = re.compile(rf"\b{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?(?:,\s*{_WEEKDAY})?(?!\w)", re.I)
ISO = re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b")
NUMERIC = re.compile(r"\b(?P<day>[0-3]?\d)\.(?P<month>[01]?\d)\.(?P<year>(?:19|20)\d\d)\b")
YEARS = re.compile(r"\b(?:19[5-9]\d|20\d\d)\b")


@dataclass(frozen=True, slots=True)
class DateMatch:
    start: int
    end: int
    month: int
    day: int
    year: int | None
    weekday: int | None

    def iso(self) -> str | None:
        if self.year is None:
            return None
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


def month_number(word: str) -> int | None:
    w = word.lower().rstrip(".")
    if w in EN_MONTHS:
        return EN_MONTHS[w]
    for stem, n in RU_MONTH_STEMS:
        if w.startswith(stem) and (stem != "ма" or w in ("май", "мая", "мае")):
            return n
    return None


def _valid(year: int | None, month: int, day: int) -> bool:
    try:
        dt.date(year or 2000, month, day)  # 2000 is a leap year, so 29 February passes without a year
    except ValueError:
        return False
    return True


def parse_date(text: str) -> DateMatch | None:
    """The first calendar date in ``text`` (a day with its month; the year when written)."""
    found: list[DateMatch] = []
    for pattern in (ISO, NUMERIC):
        m = pattern.search(text)
        if m and _valid(int(m["year"]), int(m["month"]), int(m["day"])):
            found.append(DateMatch(m.start(), m.end(), int(m["month"]), int(m["day"]), int(m["year"]), None))
    for pattern in (DAY_MONTH, MONTH_DAY):
        for m in pattern.finditer(text):
            month = month_number(m["month"])
            year = int(m["year"]) if m["year"] else None
            if month is None or not _valid(year, month, int(m["day"])):
                continue
            weekday = WEEKDAYS.get(m["weekday"].lower()) if m["weekday"] else None
            found.append(DateMatch(m.start(), m.end(), month, int(m["day"]), year, weekday))
            break
    return min(found, key=lambda d: d.start) if found else None


def infer_year(match: DateMatch, text: str) -> int | None:
    """A weekday next to the date fixes the year among the years the text mentions (when exactly
    one of them fits); without a weekday the year is not implied."""
    if match.year is not None:
        return match.year
    if match.weekday is None:
        return None
    fits = {int(y) for y in YEARS.findall(text)
            if _valid(int(y), match.month, match.day)
            and dt.date(int(y), match.month, match.day).weekday() == match.weekday}
    return fits.pop() if len(fits) == 1 else None
