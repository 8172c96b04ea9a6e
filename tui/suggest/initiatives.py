"""Initiatives named in a text, found by the label schema's aliases.

A match is kept when its alias is strong, or — for a weak alias, an ordinary phrase such as
"digital economy" — when the text marks it as a name: Capitalised As In The Alias, «quoted», or
next to a word like "national project" / «нацпроект». The suggested span is the name itself: words
such as "national project" and the quotes around it are trimmed off, as the labelling guide wants.
"""

from __future__ import annotations

import re

from tui.labels import LabelSchema
from tui.suggest.gazetteer import CLOSE_QUOTES, OPEN_QUOTES, Alias, gazetteer
from tui.suggest.model import Suggestion

_Q_OPEN = "[\"«“„'‘]"
_Q_CLOSE = "[\"»”'’]"
_EN_KIND = r"(?:national|federal|regional)\s+(?:project|programme|program)s?|(?:strategic\s+)?initiatives?"
_RU_KIND = (r"нац(?:иональн[а-яё]*\s+)?про(?:ект|грамм)[а-яё]*|федеральн[а-яё]*\s+проект[а-яё]*"
            r"|региональн[а-яё]*\s+проект[а-яё]*|стратегическ[а-яё]*\s+инициатив[а-яё]*")
# a project word right after the name: "Digital Economy national project", "Internet Access project"
_CUE_AFTER = re.compile(rf"\s*{_Q_CLOSE}?\s*(?:{_EN_KIND}|projects?|programmes?|{_RU_KIND})(?![\w])",
                        re.IGNORECASE)
# … or right before it: "the federal project Digital Public Administration", «нацпроекта "Цифровая экономика"»
_CUE_BEFORE = re.compile(rf"(?<![\w])(?:{_EN_KIND}|{_RU_KIND})\s*{_Q_OPEN}?\s*$", re.IGNORECASE)
_TRIM_HEAD = re.compile(rf"^(?:the\s+)?(?:{_EN_KIND}|{_RU_KIND})\s*", re.IGNORECASE)
_TRIM_TAIL = re.compile(rf"\s*(?:{_EN_KIND}|projects?|programmes?)$", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+")
_TRIM_CHARS = " \t\n" + OPEN_QUOTES + CLOSE_QUOTES


def _title_case_line(text: str, start: int, end: int) -> bool:
    """A headline Where Every Word Is Capitalised says nothing about which words are names."""
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", end)
    words = [w for w in _WORD.findall(text[lo:hi if hi >= 0 else len(text)]) if len(w) > 3]
    return len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


def _capitalised_as_written(text: str, start: int, end: int, alias: str) -> bool:
    """"Internet Access" written so (not "Internet access"); needs two capitalised words to mean much."""
    want = _WORD.findall(alias)
    got = _WORD.findall(text[start:end])
    caps = [i for i, w in enumerate(want) if w[0].isupper()]
    if len(caps) < 2 or len(got) != len(want) or not all(got[i][0].isupper() for i in caps):
        return False
    return not _title_case_line(text, start, end)


def _marked_as_name(text: str, start: int, end: int, alias: Alias) -> str | None:
    """Why a weak alias's match is a name here, or None when it is just a phrase."""
    if (start > 0 and text[start - 1] in OPEN_QUOTES) or (end < len(text) and text[end] in CLOSE_QUOTES):
        return "quoted"
    if _CUE_AFTER.match(text, end) or _CUE_BEFORE.search(text[max(0, start - 40):start]):
        return "next to a project word"
    if _capitalised_as_written(text, start, end, alias.text):
        return "capitalised"
    return None


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """The name without "national project" words and quotes around it."""
    found = text[start:end]
    head = _TRIM_HEAD.match(found)
    tail = _TRIM_TAIL.search(found)
    s = head.end() if head and head.end() < len(found) else 0
    e = tail.start() if tail and tail.start() > s else len(found)
    while s < e and found[s] in _TRIM_CHARS:
        s += 1
    while e > s and found[e - 1] in _TRIM_CHARS:
        e -= 1
    return (start + s, start + e) if s < e else (start, end)


def _choose(alias: Alias, at: int, mentioned: list[tuple[int, str]], schema: LabelSchema) -> str:
    """Of the labels sharing an alias, the one whose national project is named nearest to it."""
    if len(alias.labels) == 1:
        return alias.labels[0]
    best: tuple[int, str] | None = None
    for label_id in alias.labels:
        above = {a.id for a in schema.ancestors(label_id)}
        for pos, other in mentioned:
            if other in above and (best is None or abs(pos - at) < best[0]):
                best = (abs(pos - at), label_id)
    return best[1] if best else alias.labels[0]


def suggest_initiatives(doc_id: str, text: str, schema: LabelSchema) -> list[Suggestion]:
    """Non-overlapping alias matches, longest alias first at each place, in text order."""
    gaz = gazetteer(schema)
    # the longest alias at every place a name starts (the alternation is ordered longest first) …
    candidates: list[tuple[int, int, Alias, str]] = []
    for start, end, index in gaz.matcher.matches(text):
        alias = gaz.aliases[index]
        why = "" if not alias.weak else _marked_as_name(text, start, end, alias)
        if why is not None:  # None: a weak alias used as a phrase, not a name
            candidates.append((start, end, alias, why))
    # … then the longest of overlapping ones: «нацпроект "Экономика данных и цифровая трансформация
    # государства"» is the full name, not "нацпроект Экономика данных" followed by leftovers
    found: list[tuple[int, int, Alias, str]] = []
    taken: list[tuple[int, int]] = []
    for cand in sorted(candidates, key=lambda c: (c[0] - c[1], c[0])):
        if all(cand[1] <= s or cand[0] >= e for s, e in taken):
            found.append(cand)
            taken.append((cand[0], cand[1]))
    found.sort(key=lambda c: c[0])
    mentioned = [(start, a.labels[0]) for start, _, a, _ in found if len(a.labels) == 1]
    out: list[Suggestion] = []
    for start, end, alias, why in found:
        s, e = _trim(text, start, end)
        reason = f"alias {alias.text!r}" + (f" ({why})" if why else "")
        label = _choose(alias, start, mentioned, schema)
        out.append(Suggestion(doc_id, "initiative", label, s, e, reason=reason))
    return out


def best_initiative(text: str, start: int, end: int, schema: LabelSchema, *, window: int = 0) -> str | None:
    """The initiative a passage most likely belongs to: the most specific one named in
    ``text[start-window:end+window]`` (a federal project over its national project), nearest first."""
    lo, hi = max(0, start - window), min(len(text), end + window)
    sugs = suggest_initiatives("", text[lo:hi], schema)
    if not sugs:
        return None
    middle = (start + end) / 2 - lo

    def rank(s: Suggestion) -> tuple[int, float]:
        return (-schema.depth(s.label), abs((s.start + s.end) / 2 - middle))

    return min(sugs, key=rank).label
