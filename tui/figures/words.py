"""Reading a run of number words ("two hundred and fifty thousand", "Three quarters", "полтора
миллиона", "двух") into a value, stopping at the first word that cannot continue the number."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from tui.figures import lexicon as lx
from tui.figures.patterns import WORD_RUN


@dataclass(frozen=True, slots=True)
class WordNumber:
    start: int
    end: int
    value: lx.WordValue
    words: tuple[str, ...]  # lower case, as read
    first: str  # category of the first word
    has_scale: bool


MAX_WORDS = 16  # no number is spelled longer; bounds the work on a list of number words


def _tokens(text: str, pos: int) -> Iterator[tuple[str, int, str]]:
    """(word, end, separator after it), read one at a time: the parser stops at the first word that
    does not continue the number, so a long run of number words costs no more than its number."""
    for _ in range(MAX_WORDS):
        m = WORD_RUN.match(text, pos)
        if not m:
            return
        sep = m.group("sep")
        yield m.group("w").lower(), m.end("w"), " ".join(sep.lower().split()) if sep else ""
        if not sep:
            return
        pos = m.end()


def read_words(text: str, start: int, *, article: bool = False) -> WordNumber | None:
    """The number spelled from ``start``; ``article`` says an "a"/"an" stands before it, which lets
    a bare scale or fraction word be a number ("a million", "a third")."""
    tokens = _tokens(text, start)
    total: lx.WordValue = 0
    small: lx.WordValue = 0
    last: str | None = None
    last_scale: lx.WordValue | None = None
    end = start
    used: list[str] = []
    sep_before = ""
    for word, we, sep_after in tokens:
        cat, v = lx.NUMBER_WORDS[word]
        if sep_before == "and a":
            # "one and a half", "two and a half million"
            if not (word == "half" and last in (lx.UNIT, lx.TEEN, lx.TENS)):
                break
            small += v
            last = lx.SESQUI  # behaves like "полтора": only a scale may follow
        elif sep_before == "a":
            # "half a million"
            if not (last == lx.FRAC and used == ["half"] and cat in (lx.SCALE, lx.HUNDRED)):
                break
            total += small * v
            small = 0
            last, last_scale = lx.SCALE, v
        elif sep_before == "and" and (last not in (lx.HUNDRED, lx.HUNDREDS, lx.SCALE)
                                      or cat not in (lx.UNIT, lx.TEEN, lx.TENS)):
            break
        elif cat == lx.UNIT:
            if last not in (None, lx.TENS, lx.HUNDREDS, lx.HUNDRED, lx.SCALE):
                break
            small += v
            last = cat
        elif cat in (lx.TEEN, lx.TENS):
            if last not in (None, lx.HUNDREDS, lx.HUNDRED, lx.SCALE):
                break
            small += v
            last = cat
        elif cat == lx.HUNDREDS:
            if last not in (None, lx.SCALE):
                break
            small += v
            last = cat
        elif cat == lx.HUNDRED:
            if last in (lx.UNIT, lx.TEEN) and small < 100:
                small *= v
            elif last is None and article:
                small = v
            else:
                break
            last = cat
        elif cat == lx.SCALE:
            if last == lx.SCALE or (last_scale is not None and v >= last_scale):
                break
            if last is None and not (article or word in lx.STANDALONE_WORDS):
                break
            total += (small or 1) * v
            small = 0
            last, last_scale = cat, v
        elif cat == lx.FRAC:
            if last is None:
                small = v
            elif last in (lx.UNIT, lx.TEEN, lx.TENS) and last_scale is None and not total:
                small *= v  # "Three quarters", "две трети"
            else:
                break
            last = cat
        elif cat == lx.SESQUI:
            if last is not None:
                break
            small = v
            last = cat
        used.append(word)
        end = we
        sep_before = sep_after
        if last == lx.FRAC and len(used) > 1:
            break  # "three quarters" is complete; "three quarters million" is not English
    if not used:
        return None
    first = lx.NUMBER_WORDS[used[0]][0]
    return WordNumber(start, end, total + small, tuple(used), first, last_scale is not None)
