"""The labeled seeds (a copy of ../shared/eval/seeds-figures.jsonl, since CI clones only this project)
scored by the eval README's core-F1 rule (tui/figures/scoring.py): the bar is F1 >= 0.97 and value
accuracy >= 0.97."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tui.figures import find_figures
from tui.figures.scoring import Span, covers, match, score, spans

SEEDS = Path(__file__).parent / "data" / "figures" / "seeds-figures.jsonl"


def load() -> list[dict[str, Any]]:
    if not SEEDS.is_file():
        pytest.fail(f"{SEEDS} is missing: copy ../shared/eval/seeds-figures.jsonl there")
    with SEEDS.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def test_core_rule_is_the_readme_rule() -> None:
    text = "reach up to 95% by 2024 and in 04th Jan 2019"
    gold = Span(12, 15)  # "95%"
    assert covers(text, gold, Span(9, 15))  # "to 95%": digit-free slack
    assert covers(text, gold, Span(12, 14))  # "95" is the core
    assert not covers(text, gold, Span(13, 15))  # half the core
    assert not covers(text, gold, Span(12, 23))  # reaches past with digits ("by 2024")
    date = Span(31, 44)  # "04th Jan 2019"
    assert text[date.start:date.end] == "04th Jan 2019"
    assert not covers(text, date, Span(40, 44))  # the year alone is not the date


def test_matching_is_one_to_one() -> None:
    text = "95% 95%"
    assert match(text, [Span(0, 3)], [Span(0, 3), Span(0, 2)]) == [(0, 0)]
    s = score([(text, [Span(0, 3)], [Span(0, 3), Span(4, 7)])])
    assert (s.tp, s.fp, s.fn) == (1, 1, 0)


def test_seeds_reach_the_bar() -> None:
    records = load()
    result = score((r["text"], spans(r["figures"]), spans(find_figures(r["text"], lang=r.get("lang"))))
                   for r in records)
    assert result.tp + result.fn == sum(len(r["figures"]) for r in records) >= 38
    assert result.f1 >= 0.97, f"core F1 {result.f1:.3f} (tp {result.tp}, fp {result.fp}, fn {result.fn})"
    assert result.value_accuracy >= 0.97, f"value accuracy {result.value_ok}/{result.value_n}"
    assert result.kind_accuracy >= 0.97, f"kind accuracy {result.kind_ok}/{result.tp}"
