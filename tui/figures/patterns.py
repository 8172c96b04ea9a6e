"""The regular expressions of the figure detector, built from lexicon.py.

``TOKEN`` finds where a figure may start (a digit number, a number word, a month, or something to
skip whole: a URL, a phone number, a time, a footnote mark). The other patterns are anchored at a
position and read what follows a number (its magnitude, unit, currency, a range's second half) or
what precedes it (a qualifier, a currency sign, a reference word). All of them run with ``re``
and no backtracking across lines beyond a few characters.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from tui.figures import lexicon as lx

SP = r"[ \t\u00a0\u202f\u2009]"  # a space inside a line (never a newline)


def words(items: Iterable[str]) -> str:
    """An alternation of lexicon keys as a trie ("per cent|percent" -> "per(?:\\ cent|cent)"), so
    at each place the engine follows one branch per character instead of trying every word;
    spaces inside a key match any run of in-line spaces. Longer keys come first at each branch."""
    return _branch(_trie(items))[0]


def _trie(keys: Iterable[str]) -> dict[str, dict]:
    """Nested dicts, a character a level; "" marks where a key ends."""
    trie: dict[str, dict] = {}
    for key in set(keys):
        node = trie
        for ch in key:
            node = node.setdefault(ch, {})
        node[""] = {}
    return trie


def _branch(node: dict[str, dict]) -> tuple[str, int]:
    """The regex of a trie node, and its depth (levels below it, the end mark counting as one),
    which orders the branches; made in one pass, as asking each child's depth again at every
    level was a quarter of this module's import."""
    ends = "" in node
    below = sorted(((ch, *_branch(node[ch])) for ch in node if ch), key=lambda b: (-b[2], b[0]))
    depth = 1 + max([1] * ends + [d for _, _, d in below], default=0)
    if not below:
        return "", depth
    branches = [(f"{SP}+" if ch == " " else re.escape(ch)) + rx for ch, rx, _ in below]
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return (f"(?:{body})?" if ends else body), depth


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


# One pass finds where a figure may start: a digit (or a phone's "+"/"(", a footnote's "["), a
# number word, a month or a URL to skip. Every such token starts right after a non-word character
# (the digit patterns look behind for one, words start at a word boundary), so the scanning
# pattern consumes that character first, and the token starts one character after the match.
# Why this shape: a pattern that opens with a character class lets the engine skip through the
# text in its fast loop, and a choice whose every branch opens with a literal or a class is
# decided by one character test per branch, without entering it. A leading lookahead or \b, and
# branches that open with a group, made the engine enter the whole pattern at every character;
# the scan took ~40% of the detector's time. So the scan only says "a run of digits is here" (DIGIT_AT
# then reads the token there, its lookbehinds intact) and spells out the words of the lexicon as
# a trie whose root letters are the branches (which word it was is looked up in the lexicon).
_MONTH_WORDS = [*lx.MONTHS_EN, *lx.MONTHS_RU]
assert not set(lx.NUMBER_WORDS) & set(_MONTH_WORDS), "a word is both a number and a month"


def _root_branches(keys: Iterable[str]) -> list[str]:
    """The trie of ``keys`` as one branch per first letter, each ending at a word end."""
    trie = _trie(keys)
    return [re.escape(ch) + _branch(trie[ch])[0] + r"(?!\w)" for ch in sorted(trie)]


_URLS = [r"https?://[^\s<>\"«»]+", r"www\.[^\s<>\"«»]+"]
# A phone's "+7"/"(495)" and a footnote's "[1]" are found at their digit (the scan consumed the
# mark before it as the non-word character), and read from the mark: DIGIT_MARKS
DIGIT_MARKS = "+(["
_WORDS = _root_branches([*lx.NUMBER_WORDS, *_MONTH_WORDS])
# The character before a token: \W takes up to four Unicode category lookups a character (6% of
# the detector's work); this class is the same for digits and the letters of English and Russian
# but lets the other letters through ("é", "ß", Greek), and is tested with one bitmap. After one
# of those, a number fails the lookbehind of its own pattern (DIGIT_AT), a URL that of its branch
# (_after_non_word), and the detector drops a word (detect._follows_word_char).
_BEFORE_TOKEN = r"[^0-9A-Za-z_\u0400-\u0481\u048a-\u04ff]"


def _after_non_word(branch: str) -> str:
    """``branch`` checking, after its first (literal) character, that a non-word character stands
    before it; the literal first keeps the branch skipped by one test where it cannot start."""
    return rf"{branch[0]}(?<=\W{branch[0]}){branch[1:]}"


# "\d\d*", not "\d+": a branch that opens with a class is skipped by one test when the character
# after the non-word one is no digit, but a repeat is entered every time (8% of the scan)
_SCAN = "|".join([r"\d\d*", *map(_after_non_word, _URLS), *_WORDS])
# run on text.lower() (the fast way to ignore case: digits and punctuation are unchanged by it);
# case_blind() has the re.I pair, for a text whose lower() changes its length ("İ")
TOKEN = re.compile(rf"{_BEFORE_TOKEN}(?:{_SCAN})")
MONTH_WORDS = frozenset(_MONTH_WORDS)
# what starts at a digit (or "+", "(", "["): read where the scan found one
DIGIT_AT = re.compile(rf"(?P<date>{ISO_DATE}|{DOTTED_DATE})"
                      rf"|(?P<skip>{BRACKET_REF}|{PHONE}|{TIME}|{LONG_ID}|{SLASHED})|(?P<num>{NUMBER})")
NUMBER_AT = re.compile(NUMBER)

# ---------------------------------------------------------------- what follows a number

# one pattern for every word that may follow a number, so reading a number costs one or two
# matches; where two groups share a word ("года") the first listed wins and the reader asks again
# These read the lowered text (see Following), so they are compiled without re.I
FOLLOW = re.compile(
    rf"(?:{SP}|-)?(?:(?P<pct>%|(?:{words(k for k in lx.PERCENT_WORDS if k != '%')})(?!\w))"
    rf"|(?P<cur>₽|(?:{words(k for k in lx.CURRENCY_AFTER if k != '₽')})(?!\w))"
    rf"|(?P<mag>{words(lx.MAGNITUDES)})(?!\w)"
    rf"|(?P<yn>{words(lx.YEAR_NOUNS)})(?!\w)"
    rf"|(?P<dur>{words(lx.DURATION_UNITS)})(?!\w)"
    rf"|(?P<meas>{words(lx.MEASURE_UNITS)})(?![\w/]))")
# the characters a FOLLOW word can begin with (after its optional space or hyphen)
FOLLOW_FIRST = frozenset(k[0] for table in (lx.PERCENT_WORDS, lx.CURRENCY_AFTER, lx.MAGNITUDES, lx.YEAR_NOUNS,
                                            lx.DURATION_UNITS, lx.MEASURE_UNITS) for k in table)
MONEY_MAGNITUDE = re.compile(rf"(?P<mag>{words(lx.MONEY_MAGNITUDES)})(?!\w)")
DURATION = re.compile(rf"(?:{SP}|-)?(?P<dur>{words(lx.DURATION_UNITS)})(?!\w)")
# Russian case endings on a digit number: "2021-м году" (a year), "5-й" (an ordinal)
RU_SUFFIX = re.compile(r"-(?:[а-яё]{1,3})(?!\w)")
RANGE_WORD = re.compile(rf"{SP}+(?P<conn>to|and|до|по|и){SP}+(?:[$€£¥₽]{SP}?)?(?=\d)")
EN_ORDINAL = re.compile(r"(?:st|nd|rd|th|s)(?!\w)", re.I)



@dataclass(frozen=True, slots=True)
class Following:
    """The patterns that read the words after a number, for one way of ignoring case. The detector
    runs them on the lowered text, without re.I: a case-blind literal cannot be tested before the
    engine enters its branch, and these tries have dozens of branches (FOLLOW ran 2.6x slower with
    re.I). ``case_blind()`` is for a text whose lower() changes its length, run on the text itself."""

    follow: re.Pattern[str]
    money_magnitude: re.Pattern[str]
    duration: re.Pattern[str]
    ru_suffix: re.Pattern[str]
    range_word: re.Pattern[str]


RANGE_DASH = re.compile(rf"{SP}?[-–—‒]{SP}?(?=\d)")
LOWERED = Following(FOLLOW, MONEY_MAGNITUDE, DURATION, RU_SUFFIX, RANGE_WORD)


@functools.cache
def case_blind() -> tuple[Following, re.Pattern[str]]:
    """The re.I twins of LOWERED and TOKEN, for the rare text whose lower() changes its length
    ("İ"): compiled when one is met, not at every start (they took ~20 ms)."""
    following = Following(*(re.compile(p.pattern, re.I) for p in
                            (FOLLOW, MONEY_MAGNITUDE, DURATION, RU_SUFFIX, RANGE_WORD)))
    return following, re.compile(TOKEN.pattern, re.I)

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
