"""What a figure measures: a short noun phrase next to it, for a target's ``metric``.

Four places are tried, most specific first:
1. "95 per cent of <households with broadband access>" → "share of households with broadband access";
2. a "share of …" / «доля …» phrase in the sentence → that phrase up to its verb;
3. the subject of "… is 70 per cent" / «… составит 95%»;
4. the words after the figure: "115 million <records> are <registered on the portal>" →
   "records registered on the portal" (auxiliary verbs dropped, the participle phrase kept).
It is a starting point that the annotator edits, so it stays short and never crosses a clause.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tui.figures.model import Figure

_MAX_WORDS = 14
_WORD = re.compile(r"\d+(?:[.,]\d+)*|[^\W_][\w'’.-]*[\w]|[^\W_]")
_SHARE = re.compile(
    r"(?<![\w])(?:share|proportion|percentage|number|level|volume|amount|coverage|доля|долю|доли|долей"
    r"|количество|количества|число|числа|уровень|уровня|объ[её]м|объ[её]ма|охват)(?![\w])",
    re.IGNORECASE,
)
_HARD_STOP = re.compile(r"[;:()\[\]–—!?\"«»“”]|[,.](?=\s|$)|\s-\s")
_STOP_WORDS = frozenset(
    [
        "is", "are", "was", "were", "will", "would", "should", "must", "can", "could", "may",
        "might", "has", "have", "had", "be", "been", "being", "to", "by", "up", "which", "that",
        "who", "where", "including", "such", "according", "as", "when", "while", "if", "because",
        "than", "from", "является", "составит", "составляет", "составила", "составило", "составили",
        "достигнет", "достигла", "достигло", "достигли", "будет", "будут", "должна", "должно",
        "должны", "должен", "увеличится", "вырастет", "уже", "которые", "который",
        "которая", "которое", "может", "могут", "сможет", "смогут"
    ]
)
_AUX = frozenset([
    "is", "are", "was", "were", "will", "would", "should", "must", "can", "could", "may", "has",
    "have", "had", "be", "been", "being", "already", "also", "now", "still", "not", "yet", "будет",
    "будут", "было", "были", "был", "была", "уже"
])
_PARTICIPLE = re.compile(r"[a-z]+(?:ed|en|wn|ne|lt|ght|nt)$|sent|built|made|held|given|set|paid|put|run|done"
                         r"|seen|shown|known|grown|[а-яё]+(?:ны|ен|на|но|ан|ано|аны)$", re.IGNORECASE)
_YEAR_PHRASE = re.compile(r"(?:by|in|until|до|к|в)\s+(?:the\s+end\s+of\s+)?(?:19|20)\d\d", re.IGNORECASE)
_FRACTION = re.compile(r"quarter|half|third|fifth|четверт|половин|трет", re.IGNORECASE)
# the verb right before the figure: "is 70 per cent", "will reach 95%", «составит 95%»
_VERB_BEFORE = re.compile(
    r"(?<![\w])(?:is|are|was|were|will\s+be|reached|will\s+reach|amounted\s+to|totall?ed|составит|составляет"
    r"|составила|составило|составили|достигнет|достигла|достигло)(?:\s+(?:already|up\s+to|about|over|уже|около))?"
    r"\s*$", re.IGNORECASE)
_LEADING = frozenset(["the", "a", "an", "of", "in", "on", "at", "for", "with", "и", "в", "на"])


@dataclass(frozen=True, slots=True)
class Metric:
    text: str
    start: int  # where in the document the phrase it came from starts and ends
    end: int


def _words(text: str, start: int, hi: int) -> list[re.Match[str]]:
    """Words from ``start`` up to the first hard stop (punctuation or a year phrase) before ``hi``."""
    m = _HARD_STOP.search(text, start, hi)
    stop = m.start() if m else hi
    y = _YEAR_PHRASE.search(text, start, stop)
    if y:
        stop = y.start()
    return list(_WORD.finditer(text, start, stop))


def _phrase(text: str, start: int, hi: int, figures: list[Figure]) -> tuple[list[str], int, int] | None:
    """The noun phrase from ``start``, then an auxiliary-free participle phrase, as words."""
    words = _words(text, start, hi)
    out: list[re.Match[str]] = []
    i = 0
    while i < len(words) and words[i].group(0).casefold() not in _STOP_WORDS and len(out) < _MAX_WORDS:
        if any(f.start <= words[i].start() < f.end for f in figures):
            break
        out.append(words[i])
        i += 1
    # "… are registered on the portal": skip the auxiliaries, keep a participle and what follows it
    j = i
    while j < len(words) and words[j].group(0).casefold() in _AUX:
        j += 1
    if j > i and j < len(words) and _PARTICIPLE.fullmatch(words[j].group(0)):
        while j < len(words) and len(out) < _MAX_WORDS:
            w = words[j].group(0).casefold()
            inside_figure = any(f.start <= words[j].start() < f.end for f in figures)
            if (w in _STOP_WORDS and w not in ("by", "to")) or inside_figure:
                break
            out.append(words[j])
            j += 1
    while out and out[-1].group(0).casefold() in _LEADING | {"and", "or", "и", "или", "by", "to"}:
        out.pop()
    while out and out[0].group(0).casefold() in _LEADING:
        out.pop(0)
    if not out:
        return None
    return [w.group(0) for w in out], out[0].start(), out[-1].end()


def _subject(text: str, lo: int, fig: Figure) -> tuple[list[str], int] | None:
    """The words before "is"/"составит" + the figure, back to the start of their clause."""
    v = _VERB_BEFORE.search(text, lo, fig.start)
    if v is None:
        return None
    clause = max([lo, *(m.end() for m in _HARD_STOP.finditer(text, lo, v.start()))])
    words = [w.group(0) for w in _WORD.finditer(text, clause, v.start())]
    while words and words[0].casefold() in _LEADING | {"and", "that", "while", "и", "а"}:
        words.pop(0)
    if not words or len(words) > _MAX_WORDS:
        return None
    start = text.index(words[0], clause)
    return words, start


def find_metric(text: str, lo: int, hi: int, fig: Figure, figures: list[Figure]) -> Metric | None:
    """A metric for ``fig`` from its sentence ``text[lo:hi]``, or None when nothing fits."""
    others = [f for f in figures if f is not fig and lo <= f.start < hi and f.kind not in ("year", "date")]
    after = text[fig.end:hi]
    is_share = fig.unit in ("%", "share") or fig.kind == "percent" or bool(_FRACTION.search(fig.text))
    # 1. "93 percent of communities …", "Three quarters of all notifications …"; a number inside
    # ("… with population over 2,000 people") belongs to the phrase
    m = re.match(r"\s+of\s+", after)
    if is_share and m:
        got = _phrase(text, fig.end + m.end(), hi, [])
        if got:
            words, s, e = got
            return Metric("share of " + " ".join(words), fig.start, e)
    # 2. the nearest "share of …" phrase in the sentence
    best: tuple[int, Metric] | None = None
    for sm in _SHARE.finditer(text, lo, hi):
        got = _phrase(text, sm.end(), hi, [*others, fig])
        if not got:
            continue
        words, s, e = got
        if words and words[0].casefold() == "of":
            words = words[1:]
        phrase = " ".join([sm.group(0).casefold(), *(["of"] if not re.match(r"[а-яё]", sm.group(0), re.I)
                                                      and words[:1] != ["of"] else []), *words])
        d = min(abs(sm.start() - fig.end), abs(fig.start - e))
        if best is None or d < best[0]:
            best = (d, Metric(phrase, min(sm.start(), fig.start), max(e, fig.end)))
    if best is not None:
        return best[1]
    # 3. "the interaction of citizens with the state is 70 per cent": the subject before the verb
    subject = _subject(text, lo, fig)
    if subject is not None:
        words, s = subject
        if is_share and words[0].casefold() not in ("share", "доля"):
            words = ["share of" if re.match(r"[a-z]", words[0], re.IGNORECASE) else "доля", *words]
        return Metric(" ".join(words), s, fig.end)
    # 4. the words right after the figure
    got = _phrase(text, fig.end, hi, others)
    if got:
        words, s, e = got
        if is_share and re.match(r"[а-яё]", words[0], re.IGNORECASE):
            words = ["доля", *words]  # «95% жителей» → «доля жителей»
        return Metric(" ".join(words), fig.start, e)
    return None


_COUNTED_ALWAYS = frozenset(["people", "children", "schoolchildren", "staff", "personnel", "youth"])
_VERB_LIKE = re.compile(r"[a-z]+ed$", re.IGNORECASE)


def counted_noun(text: str, fig: Figure, hi: int) -> str | None:
    """The thing a bare number counts, for ``unit``: "115 million <records> are …" → "records",
    "86,000 young <people> have …" → "people", «96 <услуг>» → "услуг"; "share" for "three quarters"."""
    if fig.kind != "number" or fig.unit is not None:
        return None
    if _FRACTION.search(fig.text):
        return "share"
    noun: list[str] = []
    for w in _words(text, fig.end, hi):
        word = w.group(0)
        low = word.casefold()
        if low in _STOP_WORDS or low in _AUX or low in ("of", "in", "on", "at", "for", "with") \
                or not word.isalpha():
            break
        # "100,000 schoolchildren completed …": a verb after the noun ends it ("advanced schools" does not)
        if noun and (_VERB_LIKE.fullmatch(word) or (low == "and" and _is_counted(noun[-1]))):
            break
        noun.append(word)
        if re.match(r"[а-яё]", word, re.IGNORECASE):
            return word  # Russian: the noun right after a number («96 услуг», «1000 школ»)
        if len(noun) > 4:
            return None
    if not noun:
        return None
    return noun[-1] if _is_counted(noun[-1]) else None


def _is_counted(word: str) -> bool:
    return word.casefold() in _COUNTED_ALWAYS or (word.islower() and word.endswith("s"))
