"""The figure detector: one left-to-right scan over the text.

One pass of patterns.TOKEN (digits, words) finds where a figure may start; the reader for each looks
at what follows (magnitude, unit, currency, a range's second half, a month) with anchored
patterns and at the few words before it (qualifier, currency code, "from", a reference word) with
plain string splitting, and the scan resumes after what the figure consumed, so figures come out
sorted and never overlap.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tui.figures import lexicon as lx
from tui.figures import patterns as pt
from tui.figures.language import detect_language, local_language
from tui.figures.model import Figure
from tui.figures.normalise import Number, as_number, english_grouped, plain, scaled, space_grouped
from tui.figures.words import read_words

_DASHES = "-‐"
_SYMBOLS = "$€£¥₽"
_SPACES_AND_MARKS = pt.IN_LINE_SPACES + pt.OPENING_MARKS
_REACH = 40  # how far back the words before a number are read
_SPACE_OR_HYPHEN = pt.IN_LINE_SPACES + "-"
_DASHES_ALL = "-–—‒"  # a range's dash, right after its first number or after one space ("10 - 15")
_new = object.__new__
# Figure is a frozen dataclass: its generated __init__ sets each field through object.__setattr__,
# which made building the figures a tenth of the detector's time; the slots' own setters do the
# same job in half the time (a figure built here equals one built by Figure(...))
_SET_FIGURE = tuple(getattr(Figure, f).__set__ for f in
                    ("start", "end", "text", "kind", "value", "unit", "qualifier", "low", "high"))


@dataclass(slots=True)
class _Scan:
    text: str
    lang: str | None
    low: str  # where the words after a number are read, with ``pat`` (the text lowered, as a rule)
    pat: pt.Following
    last_end: int = 0  # end of the last figure: nothing before it may be taken again
    _doc_lang: str | None = field(default=None)

    def doc_lang(self) -> str:
        if self._doc_lang is None:
            self._doc_lang = self.lang if self.lang in ("en", "ru") else detect_language(self.text)
        return self._doc_lang

    def lang_at(self, start: int, end: int) -> str:
        return local_language(self.text, start, end, self.doc_lang)


@dataclass(slots=True)
class _Left:
    """What lies right before a position: ``nearest`` is the nearest word, lower case and without
    opening marks ("" when there is none), ``last`` the same word as written, ``start`` where it
    begins and ``gap`` how many spaces (and opening marks) lie between it and the position."""

    nearest: str
    start: int
    gap: int
    last: str
    before: str  # the text read, up to the end of ``last``: the words further back, when asked

    def words(self) -> list[str]:
        """Up to three words, nearest last, as ``nearest`` is written."""
        return [w.lower().lstrip(pt.OPENING_MARKS) for w in self.before.rsplit(None, 3)[-3:]]


def _left(scan: _Scan, pos: int) -> _Left:
    # called for every number: most callers want the nearest word alone, so the words further
    # back are split only when a qualifier may span them (``_Left.words``)
    lo = pos - _REACH if pos - _REACH > scan.last_end else scan.last_end
    seg = scan.text[lo:pos]
    stripped = seg.rstrip(_SPACES_AND_MARKS)
    parts = stripped.rsplit(None, 1)
    if not parts:
        return _Left("", pos, len(seg), "", "")
    last = parts[-1]
    nearest = last.lower().lstrip(pt.OPENING_MARKS)  # "(up to 95%)": the word is "up"
    return _Left(nearest, lo + len(stripped) - len(last), len(seg) - len(stripped), last, stripped)


def _qualifier(left: _Left) -> str | None:
    nearest = left.nearest
    if nearest not in lx.QUALIFIER_LAST_WORDS or (left.gap == 0 and nearest != "~"):
        return None
    if nearest not in lx.PHRASE_LAST_WORDS:
        return lx.QUALIFIERS.get(nearest)
    w = left.words()
    for k in (3, 2, 1):
        if len(w) >= k:
            q = lx.QUALIFIERS.get(" ".join(w[-k:]))
            if q:
                return q
    return None


def _currency_before(left: _Left, pos: int) -> tuple[str, int] | None:
    """("USD", start) for "$3", "$ 3", "US$3", "RUB 1.5"."""
    if not left.nearest or left.gap > 1:
        return None
    last = left.last
    if left.gap == 0:
        for sym in ("US$", *_SYMBOLS):
            if last.endswith(sym):
                return lx.CURRENCY_BEFORE[sym.lower()], pos - len(sym)
        return None
    code = left.nearest.rstrip(".")
    # a code is capitalised ("RUB 5", "Rub. 5"): "rub 5" is more likely the verb
    if code in lx.CURRENCY_BEFORE and (not code.isalpha() or last[:1].isupper()):
        return lx.CURRENCY_BEFORE[code], left.start
    return None


@dataclass(slots=True)
class _Quantity:
    start: int  # includes a currency sign before the number
    end: int  # end of the figure's text
    resume: int  # where scanning goes on (past "году", "г." that are not part of the span)
    value: Number
    kind: str
    unit: str | None
    factor: int | None  # the magnitude word's, when one followed
    year_like: bool
    digits_start: int


def _follow(scan: _Scan, e: int) -> re.Match[str] | None:
    """FOLLOW at ``e``, when the next word (past one space or hyphen) can begin one of its words:
    most numbers are followed by a counted noun or end a clause, and the check is far cheaper
    than the match."""
    low = scan.low
    c = low[e:e + 1]
    if c and c in _SPACE_OR_HYPHEN:
        c = low[e + 1:e + 2]
    if not c or c.lower() not in pt.FOLLOW_FIRST:
        return None
    return scan.pat.follow.match(low, e)


def _digits(scan: _Scan, m: re.Match[str], start: int) -> tuple[Number, int]:
    """The value of a NUMBER match (starting at ``start``) and where it ends."""
    s = m.group("plain")
    if s is not None:
        return (int(s) if s.isdigit() else plain(s)), m.end()
    s = m.group("en")
    if s is not None:
        ambiguous = s.count(",") == 1 and "." not in s
        return english_grouped(s, russian=ambiguous and scan.lang_at(start, m.end()) == "ru"), m.end()
    return space_grouped(m.group("sp")), m.end()


def _quantity(scan: _Scan, m: re.Match[str], s: int, left: _Left | None = None) -> _Quantity | None:
    """A digit number (a NUMBER match starting at ``s``) with what follows it (magnitude, %,
    currency, duration or measure unit) and a currency sign before it; None when it is not a
    figure (an ordinal, "5G")."""
    text = scan.text
    value, e = _digits(scan, m, s)
    year_like = type(value) is int and e - s == 4 and 1900 <= value <= 2100
    start = s
    currency = None
    prev = text[s - 1] if s else "\n"
    if prev in _SYMBOLS or prev in pt.IN_LINE_SPACES:
        if left is None:
            left = _left(scan, s)
        # most numbers have a plain word before them: only a code or a sign makes it money
        if left.gap == 0 or (left.gap == 1 and left.nearest.rstrip(".") in lx.CURRENCY_BEFORE):
            got = _currency_before(left, s)
            if got:
                currency, start = got
                year_like = False
    end = resume = e
    kind = "money" if currency else "number"
    unit = currency
    factor: int | None = None
    nxt = text[e:e + 1]
    fm = _follow(scan, e)
    if currency and (mm := scan.pat.money_magnitude.match(scan.low, e)):
        factor = lx.MONEY_MAGNITUDES[mm.group("mag").lower()]
        end = resume = mm.end()
        fm = None
    elif fm is not None and fm.lastgroup == "mag":
        word = " ".join(fm.group("mag").lower().split())
        factor = lx.MAGNITUDES[word]
        end = fm.end()
        if word in lx.MAGNITUDE_DOTTED and text[end:end + 1] == ".":
            end += 1
        resume = end
        fm = scan.pat.follow.match(scan.low, end)
        if fm is not None and fm.lastgroup not in ("pct", "cur"):
            fm = None
    if factor:
        value = scaled(value, factor)
        year_like = False
    if fm is not None and not (currency and fm.lastgroup in ("pct", "cur")):
        group = fm.lastgroup
        if group == "pct":
            kind, unit = "percent", lx.PERCENT_WORDS[" ".join(fm.group("pct").lower().split())]
            end = resume = fm.end()
            year_like = False
        elif group == "cur":
            word = " ".join(fm.group("cur").lower().split())
            kind, unit = "money", lx.CURRENCY_AFTER[word]
            end = fm.end()
            if word in lx.CURRENCY_DOTTED and text[end:end + 1] == ".":
                end += 1
            resume = end
            year_like = False
        elif group == "yn" and year_like:
            # "в 2021 году", "2024 г.": the noun is left out of the span, like "by" before it
            kind = "year"
            resume = fm.end() + (text[fm.end():fm.end() + 1] == ".")
        elif group in ("yn", "dur") and not currency:
            dm = fm if group == "dur" else scan.pat.duration.match(scan.low, e)
            if dm is not None and not year_like:
                kind, unit = "duration", lx.DURATION_UNITS[dm.group("dur").lower()]
                end = resume = dm.end()
        elif group == "meas":
            unit = lx.MEASURE_UNITS[" ".join(fm.group("meas").lower().split())]
            end = resume = fm.end()
            year_like = False
    if end == e and resume == e:
        if nxt.isalpha():
            return None  # "5th", "1990s", "5G", "3D"
        if nxt in _DASHES and (rs := scan.pat.ru_suffix.match(scan.low, e)):
            if not year_like:
                return None  # "5-й", "152-ФЗ"
            kind = "year"  # "в 2021-м году"
            resume = rs.end()
    return _Quantity(start, end, max(resume, end), value, kind, unit, factor, year_like, s)


def _is_excluded(scan: _Scan, m: re.Match[str], s: int, left: _Left) -> bool:
    """Numbers that are names or ids: "Covid-19", "No. 474", "Attribution 4.0", list markers."""
    text = scan.text
    if s >= 2 and text[s - 1] in _DASHES and text[s - 2].isalpha():
        return True
    nearest = left.nearest
    if nearest:
        if nearest in lx.REFERENCE_WORDS or nearest[-1:] in ("№", "#"):
            return True
        p = m.group("plain")
        if p is not None and "." in p and left.gap == 1 and left.last[:1].isupper() \
                and left.last.isalpha() and nearest not in lx.FUNCTION_WORDS \
                and nearest not in lx.CURRENCY_BEFORE and scan.pat.follow.match(scan.low, m.end()) is None:
            return True  # "Attribution 4.0", "Industry 4.0": a name, not an amount
    if (s == 0 or text[s - 1] == "\n") and m.end() - s <= 2:
        return bool(pt.LIST_MARKER.match(text, m.end()))
    return False


def _figure(scan: _Scan, start: int, end: int, kind: str, value: Number | None = None,
            unit: str | None = None, qualifier: str | None = None, low: Number | None = None,
            high: Number | None = None) -> Figure:
    f = _new(Figure)
    s_start, s_end, s_text, s_kind, s_value, s_unit, s_qualifier, s_low, s_high = _SET_FIGURE
    s_start(f, start)
    s_end(f, end)
    s_text(f, scan.text[start:end])
    s_kind(f, kind)
    s_value(f, value if value is None or type(value) is int else as_number(value))
    s_unit(f, unit)
    s_qualifier(f, qualifier)
    s_low(f, low if low is None or type(low) is int else as_number(low))
    s_high(f, high if high is None or type(high) is int else as_number(high))
    return f


def _range(scan: _Scan, q1: _Quantity, left: _Left) -> tuple[Figure, int] | None:
    """"10–15%", "2019–2024", "from 42.5 to 70 per cent", "от 1,5 до 2 трлн рублей"."""
    text = scan.text
    opener = left.nearest if left.gap else None
    if opener not in lx.RANGE_OPENERS:
        opener = None
    e = q1.end
    c = text[e:e + 1]
    if c and (c in _DASHES_ALL or (c in pt.IN_LINE_SPACES and text[e + 1:e + 2] in _DASHES_ALL and
                                   text[e + 1:e + 2])) and (dm := pt.RANGE_DASH.match(text, e)):
        p = dm.end()
    elif opener and (wm := scan.pat.range_word.match(scan.low, q1.end)) and \
            wm.group("conn").lower() in lx.RANGE_OPENERS[opener]:
        p = wm.end()
    else:
        return None
    m2 = pt.NUMBER_AT.match(text, p)
    if not m2:
        return None
    q2 = _quantity(scan, m2, p)
    if q2 is None:
        return None
    if q1.year_like and q2.year_like:
        low, high, unit = q1.value, q2.value, None
    else:
        if q1.kind not in ("number", q2.kind) or (q1.kind == "number" and q1.unit and q1.unit != q2.unit):
            return None
        low = q1.value
        if not q1.factor and q2.factor:
            low = scaled(low, q2.factor)  # "5–7 million": the magnitude belongs to both ends
        high, unit = q2.value, q2.unit or q1.unit
    if not high > low:
        return None
    start = left.start if opener else q1.start
    return _figure(scan, start, q2.end, "range", unit=unit, low=low, high=high), q2.resume


def _read_number(scan: _Scan, m: re.Match[str], s: int) -> tuple[Figure | None, int]:
    text = scan.text
    left = _left(scan, s)
    if _is_excluded(scan, m, s, left):
        return None, m.end()
    plain_digits = m.group("plain")
    # a day and a month: "17 March 2020", "6 февраля", "17-18 March"
    if plain_digits and len(plain_digits) <= 2 and 1 <= int(plain_digits) <= 31:
        dm = pt.DAY_MONTH.match(text, m.end())
        if dm:
            end = dm.end("year") if dm.group("year") else dm.end("month")
            return _figure(scan, s, end, "date"), end
    q = _quantity(scan, m, s, left)
    if q is None:
        return None, m.end()
    if q.start != s:
        left = _left(scan, q.start)  # before the currency sign
    got = _range(scan, q, left)
    if got:
        return got
    if q.kind == "number" and q.year_like and q.unit is None:
        qual = _qualifier(left)
        if qual in lx.AMOUNT_QUALIFIERS:
            return _figure(scan, q.start, q.end, "number", q.value, None, qual), q.resume
        return _figure(scan, q.start, q.end, "year", q.value), q.resume
    if q.kind == "year":
        return _figure(scan, q.digits_start, q.digits_start + 4, "year", q.value), q.resume
    return _figure(scan, q.start, q.end, q.kind, q.value, q.unit, _qualifier(left)), q.resume


def _read_words(scan: _Scan, s: int, e: int) -> tuple[Figure | None, int]:
    """A run of number words from ``s`` (the scan found a number word at ``s:e``)."""
    text = scan.text
    left = _left(scan, s)
    nearest = left.nearest if left.gap else ""
    article = nearest in ("a", "an")
    wn = read_words(text, s, article=article)
    if wn is None:
        return None, e
    first = wn.words[0]
    start = s
    if wn.first in (lx.SCALE, lx.HUNDRED, lx.FRAC):
        if article:
            start = left.start
            left = _left(scan, start)
        elif first not in lx.STANDALONE_WORDS:
            return None, wn.end  # "million-strong", "third stage", "quarter" alone
        if wn.first == lx.FRAC and nearest in lx.ORDINALS_BEFORE_FRACTION:
            return None, wn.end  # "the first half of 2024"
    end = wn.end
    value: Number = wn.value
    kind, unit = "number", None
    fm = scan.pat.follow.match(scan.low, end)
    if fm is not None and fm.lastgroup == "mag" and not wn.has_scale:
        value = scaled(value, lx.MAGNITUDES[" ".join(fm.group("mag").lower().split())])
        end = fm.end()
        fm = scan.pat.follow.match(scan.low, end)
    if fm is not None:
        group = fm.lastgroup
        if group == "pct":
            kind, unit, end = "percent", lx.PERCENT_WORDS[" ".join(fm.group("pct").lower().split())], fm.end()
        elif group == "cur":
            kind, unit, end = "money", lx.CURRENCY_AFTER[" ".join(fm.group("cur").lower().split())], fm.end()
        elif group in ("dur", "yn"):
            dm = fm if group == "dur" else scan.pat.duration.match(scan.low, end)
            if dm is not None and not (wn.first == lx.FRAC and text[end:end + 1] in _DASHES):
                kind, unit, end = "duration", lx.DURATION_UNITS[dm.group("dur").lower()], dm.end()
        elif group == "meas":
            unit, end = lx.MEASURE_UNITS[" ".join(fm.group("meas").lower().split())], fm.end()
    if end == wn.end:
        if wn.words == (first,) and first in lx.ONE_WORDS:
            return None, wn.end  # "one of the aims", "один из"
        if text[end:end + 1] in _DASHES and text[end + 1:end + 2].isalpha():
            return None, wn.end  # "half-year", "one-time"
    return _figure(scan, start, end, kind, value, unit, _qualifier(left)), end


def _read_month(scan: _Scan, s: int, e: int) -> tuple[Figure | None, int]:
    """"February 6", "March 17, 2020", "March 2020", "в феврале 2024 года"; a bare month is not a
    figure (the scan found a month's name at ``s:e``)."""
    text = scan.text
    english = text[s].isascii()
    if english and not text[s].isupper():
        return None, e  # "may", "march": English months are read only capitalised
    if english and (dm := pt.MONTH_DAY.match(text, e)) and 1 <= int(dm.group("day")) <= 31:
        return _figure(scan, s, dm.end(), "date"), dm.end()
    if ym := pt.MONTH_YEAR.match(text, e):
        return _figure(scan, s, ym.end("year"), "date"), ym.end()
    return None, e


_DATE_OR_SKIP_NEXT = frozenset("-./:(")


def _digit_token(text: str, s: int, r: int) -> tuple[re.Match[str] | None, str | None]:
    """The token at the run of digits ``s:r`` and its kind ("date", "skip", "num"). DIGIT_AT tries dates,
    phones, times and ids before numbers, which made it cost three plain number matches; those
    all go on from their first run of digits with "-", ".", "/", ":", "(", or a space and a digit
    or "(" after "8" or three digits ("8 (495)", "495 123-45-67"), or are a run of eight or more,
    so any other number is read as one directly."""
    c = text[r:r + 1]
    if r - s >= 8 or c in _DATE_OR_SKIP_NEXT or (
            c in " \u00a0" and c and (r - s == 3 or text[s:r] == "8")
            and (text[r + 1:r + 2].isdecimal() or text[r + 1:r + 2] == "(")):
        d = pt.DIGIT_AT.match(text, s)
        return d, d.lastgroup if d is not None else None
    return pt.NUMBER_AT.match(text, s), "num"


def _follows_word_char(text: str, s: int) -> bool:
    r"""Whether the character before ``s`` is one that \w matches."""
    c = text[s - 1]
    return c.isalnum() or c == "_"  # the regex engine's own test for \w


def find_figures(text: str, lang: str | None = None) -> list[Figure]:
    """Every figure in ``text`` (English or Russian), sorted and non-overlapping, with
    ``text == source[start:end]``.

    ``lang`` ("en"/"ru") is the document's language; without it the letters decide. Where notation
    is ambiguous the sentence around the number decides first, so a Russian quote in an English
    release still reads "1,5 млн" as 1.5 million.

    Decisions on edge cases (the labels' conventions in ../shared/eval/README.md):

    - Span: the number with its magnitude word, %, currency or unit ("115 million", "42.5 per
      cent", "1,2 трлн рублей", "RUB 1.5 billion", "$3 bn", "100 тыс."). Qualifiers are left out and
      go to ``qualifier`` ("up to 95%" -> "95%", up_to; "свыше 100 тыс." -> over; "до 95%" ->
      up_to). A counted noun stays out ("115 million records" -> "115 million").
    - Numbers: "1,587" is 1587 in English and 1.587 in Russian (one comma before three digits is
      the only ambiguous shape; "1,5" is 1.5 everywhere, "1,000,000" a million everywhere).
      "100 000" (groups of three after a space of any width) is one number in both languages.
    - Values: money in units of its currency (RUB 1.5 billion -> 1500000000, unit RUB), percent as
      the percent (42.5), durations as the count (two years -> 2, unit year), ints when whole.
      "percentage points"/"п.п." are percent with unit "pp"; "в 2 раза" is a number, unit "times".
    - Years: a bare 1900–2100 integer is a year ("in 2022", "by 2024" -> "2024"), unless an amount
      qualifier stands before it ("over 2000 people" is a number). "к 2024 году", "до 2030 года",
      "2021 г.": the span is the four digits, without "к"/"до" or the noun; "до" is no qualifier
      of a year. "2019–2024", "с 2019 по 2024" are year ranges.
    - Dates: a day with its month ("February 6", "6 февраля", "17 March 2020" whole, "17-18 March"),
      a month with its year ("March 2020", "феврале 2024"), ISO "2024-02-06" and "06.02.2024".
      Value null. A bare month ("in January") is no figure; English months only when capitalised
      ("May 5", not "may").
    - Ranges: "10–15%", "5–7 million" (the magnitude applies to both ends), "from 42.5 to 70 per
      cent", "between 5 and 7", "от 5 до 7 млн": kind range, value null, low/high set; the span
      includes "from"/"between"/"от"/"с". A dash between numbers is a range only when the second
      is larger.
    - Number words (own lexicon, not text2num: see lexicon.py): "five", "пять", "двух лет"
      (duration 2 year), "a million" (the article is in the span), "half a million", "one and a
      half", "Three quarters" (0.75), "две трети", "полтора миллиона", "half" (0.5). The bare word
      "one"/"один" is no figure ("one of the aims"), but "one million"/"one year" are. "third"
      or "quarter" alone are ordinals; "the first half" is a half-year, not 0.5. Plurals of
      scale words ("thousands of", "миллионы") are vague amounts and no figures.
    - Not figures: ordinals ("fourth generation", "5th", "5-й"), names with numbers ("5G", "4G",
      "Covid-19", "Су-57", "152-ФЗ"), a decimal right after a capitalised name ("Attribution
      4.0", "Industry 4.0"), numbers after a reference word ("No. 474", "№ 204", "ст. 12",
      "version 2"), phone numbers, times ("10:30"), runs of 8+ digits (ids), slashed numbers
      ("24/7"), URLs, "[1]" footnotes and list markers at a line start ("1. ").
    """
    if not text:
        return []
    out: list[Figure] = []
    lowered = text.lower()
    if len(lowered) == len(text):
        source, token = lowered, pt.TOKEN
        scan = _Scan(text, lang, lowered, pt.LOWERED)
    else:
        following, token = pt.case_blind()
        source = text
        scan = _Scan(text, lang, text, following)
    pos = 0  # where the last figure (or skipped stretch) ended: nothing before it is read again
    digit_end = 0  # where the last digit token ended: one never starts inside another ("10:30")
    # A scan match opens with the non-word character before its token; the newline put in front
    # is that character for a token at the very start, and shifts every match one place to the
    # right, so a match's start is where its token starts in ``source``
    for m in token.finditer("\n" + source):
        s = m.start()
        e = m.end() - 1
        if source[s].isdecimal():
            if s < digit_end:
                continue
            # "+7 495 …", "(495) …", "[1]" are read from the mark before the digit
            if s > digit_end and text[s - 1] in pt.DIGIT_MARKS and (d := pt.DIGIT_AT.match(text, s - 1)):
                s -= 1
                group = d.lastgroup
            else:
                d, group = _digit_token(text, s, e)
                if d is None:
                    continue
            digit_end = e = d.end()
            if s < pos:
                continue
            if group == "num":
                fig, resume = _read_number(scan, d, s)
            elif group == "skip":
                pos = e
                continue
            else:
                fig, resume = _figure(scan, s, e, "date"), e
        elif s < pos:
            continue
        elif s and _follows_word_char(source, s):
            continue  # a letter that the scan's class lets through (pt.TOKEN)
        elif (word := source[s:e] if source is lowered else source[s:e].lower()) in pt.MONTH_WORDS:
            fig, resume = _read_month(scan, s, e)
        elif word in lx.NUMBER_WORDS:
            fig, resume = _read_words(scan, s, e)
        else:
            pos = e  # a URL
            continue
        if fig is not None:
            out.append(fig)
            scan.last_end = fig.end
        pos = resume if resume > e else e
    return out
