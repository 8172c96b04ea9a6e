"""The regular expressions of the figure detector, built from lexicon.py.

``TOKEN`` finds where a figure may start (a digit number, a number word, a month, or something to
skip whole: a URL, a phone number, a time). The other patterns are anchored at a position and read
what follows a number (its magnitude, unit, currency, a range's second half) or what precedes it
(a qualifier, a currency sign, a reference word). All of them run with ``re`` and no backtracking
across lines beyond a few characters.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from tui.figures import lexicon as lx

SP = r"[ \t\u00a0\u202f\u2009]"  # a space inside a line (never a newline)


def words(items: Iterable[str]) -> str:
    """An alternation of lexicon keys as a trie ("per cent|percent" -> "per(?:\\ cent|cent)"), so
    at each place the engine follows one branch per character instead of trying every word;
    spaces inside a key match any run of in-line spaces. Longer keys come first at each branch."""
    trie: dict[str, dict] = {}
    for key in set(items):
        node = trie
        for ch in key:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_regex(trie)


def _trie_regex(node: dict[str, dict]) -> str:
    ends = "" in node
    branches = []
    for ch in sorted((c for c in node if c), key=lambda c: (-_depth(node[c]), c)):
        atom = f"{SP}+" if ch == " " else re.escape(ch)
        branches.append(atom + _trie_regex(node[ch]))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:
        return f"(?:{body})?"
    return body


def _depth(node: dict[str, dict]) -> int:
    return 1 + max((_depth(n) for n in node.values()), default=0)


# ---------------------------------------------------------------- the scanner's tokens

URL = r"(?:https?://|www\.)[^\s<>\"«»]+"  # lower case: the word pass runs on lowered text
PHONE = (r"(?<![\w+])(?:"
         r"\+\d{1,3}[ \u00a0-]?\(?\d{2,5}\)?[ \u00a0-]?\d{2,4}[ \u00a0-]?\d{2}[ \u00a0-]?\d{2}"
         r"|(?:8[ \u00a0-]?)?\(\d{3,5}\)[ \u00a0-]?\d{1,3}[ \u00a0-]?\d{2}[ \u00a0-]?\d{2}"
         r"|(?:8[ \u00a0-])?\d{3}[ \u00a0-]\d{3}-\d{2}-\d{2}"
         r"|\d{3}-\d{2}-\d{2}|\d{3}-\d{3}-\d{4}"
         r")(?![\d-])")
TIME = r"(?<![\w.,:])\d{1,2}:\d{2}(?::\d{2})?(?![\d:])"
BRACKET_REF = r"\[\d+\]"
LONG_ID = r"(?<![\w.,])\d{8,}(?!\w)"  # an unseparated run of 8+ digits is an id, not an amount
SLASHED = r"(?<![\w.,])\d+(?:/\d+)+(?![\w])"  # "24/7", "1/3", "2021/22": not read as figures

ISO_DATE = r"(?<![\w.,-])\d{4}-[01]\d-[0-3]\d(?![\d])"
# "06.02.2024", "06/02/2024"
DOTTED_DATE = r"(?<![\w.,/])[0-3]?\d(?P<dsep>[./])[01]?\d(?P=dsep)(?:19|20)\d\d(?![\d/])"

# a digit number: English thousands groups, space groups (Russian style) or a plain decimal
NUMBER = (r"(?<![\w.,])(?:"
          r"(?P<en>\d{1,3}(?:,\d{3})+(?:\.\d+)?)"
          r"|(?P<sp>\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?:,\d+)?)"
          r"|(?P<plain>\d+(?:[.,]\d+)?)"
          r")(?![.,]?\d)")


# Two passes find where a figure may start, each far cheaper than one regex of every branch (the
# engine would try them all at every character): digits (or a phone's "+"/"("), and words.
DIGIT_TOKEN = re.compile(
    rf"(?=[\d+(\[])(?:(?P<date>{ISO_DATE}|{DOTTED_DATE})"
    rf"|(?P<skip>{BRACKET_REF}|{PHONE}|{TIME}|{LONG_ID}|{SLASHED})|(?P<num>{NUMBER}))")
_MONTH_WORDS = [*lx.MONTHS_EN, *lx.MONTHS_RU]
_WORD_KEYS = [*lx.NUMBER_WORDS, *_MONTH_WORDS, "http", "www"]
# a word start is tried only where its first letter can begin a key: a bitmap test, not a trie walk
_FIRST_LETTERS = "".join(sorted({k[0] for k in _WORD_KEYS} | {k[0].upper() for k in _WORD_KEYS}))
_WORD_TOKEN = (rf"\b(?=[{_FIRST_LETTERS}])(?:(?P<skip>{URL})|(?P<word>{words(lx.NUMBER_WORDS)})"
               rf"|(?P<month>{words(_MONTH_WORDS)}))(?!\w)")
WORD_TOKEN_LOWER = re.compile(_WORD_TOKEN)  # run on text.lower(): the fast way to ignore case
WORD_TOKEN = re.compile(_WORD_TOKEN, re.I)  # when lower() changes the length ("İ")
NUMBER_AT = re.compile(NUMBER)

# ---------------------------------------------------------------- what follows a number

# one pattern for every word that may follow a number, so reading a number costs one or two
# matches; where two groups share a word ("года") the first listed wins and the reader asks again
FOLLOW = re.compile(
    rf"(?:{SP}|-)?(?:(?P<pct>%|(?:{words(k for k in lx.PERCENT_WORDS if k != '%')})(?!\w))"
    rf"|(?P<cur>₽|(?:{words(k for k in lx.CURRENCY_AFTER if k != '₽')})(?!\w))"
    rf"|(?P<mag>{words(lx.MAGNITUDES)})(?!\w)"
    rf"|(?P<yn>{words(lx.YEAR_NOUNS)})(?!\w)"
    rf"|(?P<dur>{words(lx.DURATION_UNITS)})(?!\w)"
    rf"|(?P<meas>{words(lx.MEASURE_UNITS)})(?![\w/]))", re.I)
MONEY_MAGNITUDE = re.compile(rf"(?P<mag>{words(lx.MONEY_MAGNITUDES)})(?!\w)", re.I)
DURATION = re.compile(rf"(?:{SP}|-)?(?P<dur>{words(lx.DURATION_UNITS)})(?!\w)", re.I)
# Russian case endings on a digit number: "2021-м году" (a year), "5-й" (an ordinal)
RU_SUFFIX = re.compile(r"-(?:[а-яё]{1,3})(?!\w)", re.I)
EN_ORDINAL = re.compile(r"(?:st|nd|rd|th|s)(?!\w)", re.I)

RANGE_DASH = re.compile(rf"{SP}?[-–—‒]{SP}?(?=\d)")
RANGE_WORD = re.compile(rf"{SP}+(?P<conn>to|and|до|по|и){SP}+(?:[$€£¥₽]{SP}?)?(?=\d)", re.I)

_MONTH_EN = (rf"(?:{words(k.capitalize() for k in lx.MONTH_NAMES_EN)}"
             rf"|(?:{words(k.capitalize() for k in lx.MONTHS_EN if k not in lx.MONTH_NAMES_EN)})\.?)")
# after a day: the month, maybe the year ("17 March 2020", "6 февраля 2024 года")
DAY_MONTH = re.compile(
    rf"(?:{SP}?[-–]{SP}?(?P<day2>[0-3]?\d))?{SP}+(?P<month>{_MONTH_EN}"
    rf"|(?i:{words(lx.MONTHS_RU)}))(?![\w])(?:,?{SP}+(?P<year>(?:1[89]|20)\d\d)(?!\d))?")
# after a month: the day and maybe the year ("February 6", "March 17, 2020"), or the year alone
MONTH_DAY = re.compile(rf"\.?{SP}+(?P<day>[0-3]?\d)(?![\d.,]\d|\w|%)(?:{SP}?[-–]{SP}?[0-3]?\d(?!\d))?"
                       rf"(?:,?{SP}+(?P<year>(?:1[89]|20)\d\d)(?!\d))?")
MONTH_YEAR = re.compile(rf"\.?{SP}+(?P<year>(?:1[89]|20)\d\d)(?![\d\w%])")
LIST_MARKER = re.compile(r"[.)]\s")

# what precedes a number is read by splitting the few words before it (detect.py), not by regex
IN_LINE_SPACES = " \t\u00a0\u202f\u2009"
OPENING_MARKS = "(«\"“„'"

# ---------------------------------------------------------------- a run of number words

WORD_RUN = re.compile(
    rf"(?P<w>{words(lx.NUMBER_WORDS)})(?![\w])"
    rf"(?:(?P<sep>{SP}+and{SP}+a{SP}+|{SP}+and{SP}+|{SP}+a{SP}+|{SP}+|{SP}?-{SP}?))?", re.I)
