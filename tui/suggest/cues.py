"""Words that tell a promise from a result, and the deadline year of a promise.

``status`` looks for the cue nearest to the figure: "will", "plans", "should", "by 2024",
«будет», «к 2024 году» make a goal; "has reached", "already", "to date", "last year", «составила»,
«уже» make a reported result. With no cue at all a figure stated in the present ("115 million
records are registered") is a result.
"""

from __future__ import annotations

import re

_YEAR = r"((?:19|20)\d\d)"
# a year that is a deadline whatever the verb: "by 2024", "until the end of 2030", «к 2024 году», «до 2030 г.»
_STRONG_DEADLINE = re.compile(
    rf"(?<![\w])(?:by|until|till|through|before|no\s+later\s+than|as\s+early\s+as|not\s+later\s+than)"
    rf"\s+(?:the\s+(?:end|beginning|start)\s+of\s+)?{_YEAR}(?!\d)"
    rf"|(?<![\w])(?:к|до|не\s+позднее)\s+(?:концу\s+|конца\s+|началу\s+)?{_YEAR}(?!\d)",
    re.IGNORECASE,
)
# "in 2022", «в 2022 году»: a deadline only in a sentence about the future
_WEAK_DEADLINE = re.compile(rf"(?<![\w])(?:in|for|в|на)\s+{_YEAR}(?!\d)(?!\s*[-–—]\s*\d)", re.IGNORECASE)

_GOAL = re.compile(
    r"(?<![\w])(?:will|shall|won't|plans?|planned|planning|should|must|needs?\s+to|necessary|aims?|aimed"
    r"|intends?|intended|going\s+to|expected|targets?|goals?|tasks?|envisages?|is\s+to\s+be|are\s+to\s+be"
    r"|to\s+(?:increase|raise|bring|reach|achieve|ensure|provide|create|connect|train|reduce|grow)"
    r"|будет|будут|станет|планир[а-яё]*|должн[а-яё]*|необходимо|нужно|предстоит|намерен[а-яё]*"
    r"|задач[а-яё]*|цел[ьи][а-яё]*|ожида[а-яё]*|увеличить|довести|обеспечить|достичь|создать|подключить"
    r")(?![\w])",
    re.IGNORECASE,
)
_ACHIEVED = re.compile(
    r"(?<![\w])(?:already|to\s+date|so\s+far|as\s+of|today|currently|now|last\s+year|in\s+the\s+past"
    r"|ha(?:s|ve)\s+(?:already\s+)?(?:been\s+)?[a-z]+(?:ed|en|wn|ne|lt|ght)|had|was|were|reached|achieved"
    r"|amounted|totall?ed|completed|exceeded|rose|grew|increased|decreased|fell|obtained|created"
    r"|уже|составил[аио]?|составляет|составляют|достиг(?:ла|ли|ло|нут[а-яё]*)?|удалось|был[аио]?"
    r"|сегодня|на\s+сегодняшний\s+день|в\s+прошлом\s+году|по\s+итогам|вырос(?:ла|ли|ло)?|превысил[аио]?"
    r"|увеличил[аио]?(?:сь)?|получил[аио]?|создан[аоы]?|подключен[аоы]?"
    r")(?![\w])",
    re.IGNORECASE,
)

_FUTURE_AUX = re.compile(r"(?<![\w])(?:will\s+(?:have\s+)?be(?:en)?|shall\s+be|should\s+be|must\s+be|to\s+be"
                         r"|будет|будут|должн[а-яё]*\s+быть)\s+(?:[\w-]+\s+)?$", re.IGNORECASE)


def _nearest(rx: re.Pattern[str], text: str, lo: int, hi: int, at: int) -> tuple[int, re.Match[str]] | None:
    best: tuple[int, re.Match[str]] | None = None
    for m in rx.finditer(text, lo, hi):
        d = 0 if m.start() <= at < m.end() else min(abs(m.start() - at), abs(m.end() - at))
        if best is None or d < best[0]:
            best = (d, m)
    return best


def status(text: str, lo: int, hi: int, at: int) -> str:
    """"goal" or "achieved" for a figure at ``at`` in the sentence ``text[lo:hi]``."""
    goal = _nearest(_GOAL, text, lo, hi, at)
    deadline = _nearest(_STRONG_DEADLINE, text, lo, hi, at)
    if deadline is not None and (goal is None or deadline[0] < goal[0]):
        goal = deadline
    done = _nearest(_ACHIEVED, text, lo, hi, at)
    if goal is None:
        return "achieved"
    if done is None:
        return "goal"
    # "will be connected", «будет подключено»: a participle after a future auxiliary is a promise
    if _FUTURE_AUX.search(text, max(lo, done[1].start() - 16), done[1].start()):
        return "goal"
    return "goal" if goal[0] <= done[0] else "achieved"


def deadline(text: str, lo: int, hi: int, at: int, *, is_goal: bool) -> int | None:
    """The deadline year nearest to ``at`` in ``text[lo:hi]``; "in 2022" counts only for a goal."""
    best = _nearest(_STRONG_DEADLINE, text, lo, hi, at)
    if best is None and is_goal:
        best = _nearest(_WEAK_DEADLINE, text, lo, hi, at)
    if best is None:
        return None
    m = best[1]
    return int(next(g for g in m.groups() if g))
