"""Our own English and Russian cases (tests/data/figures/cases.jsonl): every figure of each text,
with span, kind, value, unit, qualifier and range bounds; an empty list means "no figures"."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest

from tui.figures import Figure, find_figures

CASES = Path(__file__).parent / "data" / "figures" / "cases.jsonl"


def load_cases() -> list[dict[str, Any]]:
    cases = []
    with CASES.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if line.strip():
                case = json.loads(line)
                case["line"] = n
                cases.append(case)
    return cases


def expected_spans(case: dict[str, Any]) -> list[dict[str, Any]]:
    """Each expected figure with its offsets: spans are found in order, each after the last."""
    out, pos = [], 0
    for f in case["figures"]:
        start = case["text"].find(f["text"], pos)
        assert start >= 0, f"cases.jsonl:{case['line']}: {f['text']!r} is not in the text after {pos}"
        out.append({**f, "start": start, "end": start + len(f["text"])})
        pos = start + len(f["text"])
    return out


def same_number(a: object, b: object) -> bool:
    if a is None or b is None:
        return a is b
    assert isinstance(a, (int, float)) and isinstance(b, (int, float))
    return math.isclose(a, b, rel_tol=1e-9)


def describe(figs: list[Figure]) -> list[tuple[object, ...]]:
    return [(f.text, f.kind, f.value, f.unit, f.qualifier, f.low, f.high) for f in figs]


CASE_LIST = load_cases()


def test_there_are_enough_cases_in_both_languages() -> None:
    langs = [c["lang"] for c in CASE_LIST]
    assert len(CASE_LIST) >= 150
    assert langs.count("en") >= 60 and langs.count("ru") >= 60
    assert sum(1 for c in CASE_LIST if not c["figures"]) >= 30  # negatives


@pytest.mark.parametrize("case", CASE_LIST, ids=lambda c: f"{c['line']}-{c['lang']}-{c['text'][:40]}")
def test_case(case: dict[str, Any]) -> None:
    want = expected_spans(case)
    got = find_figures(case["text"], lang=case["lang"])
    shown = f"got {describe(got)}"
    assert [(f.start, f.end) for f in got] == [(w["start"], w["end"]) for w in want], shown
    for f, w in zip(got, want, strict=True):
        assert f.text == w["text"]
        assert f.kind == w["kind"], shown
        assert same_number(f.value, w["value"]), shown
        assert f.unit == w["unit"], shown
        assert f.qualifier == w["qualifier"], shown
        assert same_number(f.low, w.get("low")), shown
        assert same_number(f.high, w.get("high")), shown


@pytest.mark.parametrize("case", [c for c in CASE_LIST if c["figures"]][:40],
                         ids=lambda c: f"{c['line']}-nolang")
def test_language_is_found_without_a_hint(case: dict[str, Any]) -> None:
    """Without ``lang`` the letters decide, and the result is the same."""
    assert describe(find_figures(case["text"])) == describe(find_figures(case["text"], lang=case["lang"]))
