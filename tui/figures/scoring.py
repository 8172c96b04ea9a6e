"""Scoring a figure detector against labeled spans, by the rule of ../shared/eval/README.md.

A prediction matches a gold figure when it covers the gold figure's numeric core (from its first to
its last number, number word or month name) and reaches at most 20 digit-free characters past the
gold span on either side ("up to 95%" for "95%" counts, "2019" for "04th Jan 2019" does not).
Matching is one-to-one, closest pairs first. Used by the tests and benchmarks/bench_figures.py, so
our detector and a peer are scored the same way without the team's eval folder.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tui.figures.model import Figure

if TYPE_CHECKING:  # only for the type: the figures do not depend on the corpus at run time
    from tui.corpus import Document

SLACK = 20
CORE = re.compile(
    r"\d+|\b(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|twenty|"
    r"thirty|forty|fifty|sixty|seventy|eighty|ninety|hundreds?|thousands?|millions?|billions?|"
    r"trillions?|dozens?|half|quarters?|thirds?|jan\w*|feb\w*|mar\w*|apr\w*|may|jun\w*|jul\w*|aug\w*|"
    r"sep\w*|oct\w*|nov\w*|dec\w*|один|одна|два|две|двух|три|тр[её]х|четыр\w*|пят\w*|шест\w*|сем\w*|"
    r"восем\w*|девят\w*|десят\w*|\w+надцат\w*|двадцат\w*|тридцат\w*|сорок\w*|сто|ста|\w+сот\w*|"
    r"тысяч\w*|миллион\w*|миллиард\w*|млн|млрд|трлн|тыс|полтор\w*|половин\w*|треть|трети|четверт\w*|"
    r"январ\w*|феврал\w*|март\w*|апрел\w*|ма[йяе]|июн\w*|июл\w*|август\w*|сентябр\w*|октябр\w*|"
    r"ноябр\w*|декабр\w*)\b", re.I)


@dataclass(frozen=True, slots=True)
class Span:
    """A figure as scored: offsets, and the kind/value when the source gives them."""

    start: int
    end: int
    kind: str | None = None
    value: float | int | None = None


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    kind_ok: int = 0
    value_ok: int = 0
    value_n: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def kind_accuracy(self) -> float:
        return self.kind_ok / self.tp if self.tp else 1.0

    @property
    def value_accuracy(self) -> float:
        return self.value_ok / self.value_n if self.value_n else 1.0


def core(text: str, g: Span) -> tuple[int, int]:
    toks = list(CORE.finditer(text, g.start, g.end))
    if not toks:
        return g.start, g.end
    return toks[0].start(), toks[-1].end()


def covers(text: str, g: Span, p: Span) -> bool:
    cs, ce = core(text, g)
    if not (p.start <= cs and p.end >= ce):
        return False
    left = text[p.start:g.start] if p.start < g.start else ""
    right = text[g.end:p.end] if p.end > g.end else ""
    return all(len(x) <= SLACK and not any(ch.isdigit() for ch in x) for x in (left, right))


def match(text: str, gold: Sequence[Span], pred: Sequence[Span]) -> list[tuple[int, int]]:
    cands = sorted((abs(g.start - p.start) + abs(g.end - p.end), i, j)
                   for i, g in enumerate(gold) for j, p in enumerate(pred) if covers(text, g, p))
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, i, j in cands:
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            pairs.append((i, j))
    return pairs


def score(items: Iterable[tuple[str, Sequence[Span], Sequence[Span]]]) -> Score:
    """``items``: (text, gold spans, predicted spans) per text."""
    s = Score()
    for text, gold, pred in items:
        pairs = match(text, gold, pred)
        s.tp += len(pairs)
        s.fp += len(pred) - len(pairs)
        s.fn += len(gold) - len(pairs)
        for i, j in pairs:
            g, p = gold[i], pred[j]
            s.kind_ok += g.kind is not None and p.kind == g.kind
            if isinstance(g.value, (int, float)):
                s.value_n += 1
                s.value_ok += isinstance(p.value, (int, float)) and math.isclose(p.value, g.value,
                                                                                  rel_tol=1e-6)
    return s


def spans(figures: Iterable[Any]) -> list[Span]:
    """Spans of anything with start/end (and maybe kind/value): our Figures, gold dicts."""
    out = []
    for f in figures:
        get = f.get if isinstance(f, dict) else lambda k, f=f: getattr(f, k, None)
        out.append(Span(get("start"), get("end"), get("kind"), get("value")))
    return out


def gold_figures(doc: Document, row: dict[str, Any]) -> list[Figure]:
    """The labeled figures of a dev-set row (raw offsets) as Figures on ``doc``'s clean text, sorted;
    a figure inside removed furniture has no clean offsets and is left out. Lets the suggestion
    tests and benchmarks run on the gold figures, apart from the detector's mistakes."""
    figs = []
    for f in row["figures"]:
        c0, c1 = doc.offsets.to_clean(f["start"]), doc.offsets.to_clean(f["end"] - 1)
        if c0 is not None and c1 is not None:
            figs.append(Figure(c0, c1 + 1, doc.text[c0:c1 + 1], f["kind"], f["value"], f["unit"],
                               f["qualifier"], f.get("low"), f.get("high")))
    return sorted(figs, key=lambda f: f.start)
