"""The detector's one-pass scan (patterns.TOKEN): a token is found after any non-word character, a
phone or footnote is read from its mark, and a digit token never starts inside another."""

from __future__ import annotations

import re

import pytest

from tui.figures import find_figures
from tui.figures.patterns import words


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("(5%) of homes", [("5%", "percent", 5)]),
        ("(five schools)", [("five", "number", 5)]),
        ("«пять» школ", [("пять", "number", 5)]),
        ("—2024", [("2024", "year", 2024)]),
        ("five", [("five", "number", 5)]),  # at the very start of the text
        ("2024", [("2024", "year", 2024)]),
        ("see note[1] and 95%", [("95%", "percent", 95)]),  # a footnote glued to a word
        ("call (495) 123-45-67 or +7 495 123-45-67 by 2024", [("2024", "year", 2024)]),
        ("On March 10:30 sharp", [("March 10", "date", None)]),  # no "30" out of the time
        ("from 2019–2024 and 24/7 service", [("from 2019–2024", "range", None)]),
        ("İstanbul got Five new hubs and 1,5 млн", [("Five", "number", 5), ("1,5 млн", "number", 1500000)]),
        ("http://example.ru/2024/05 reports 97 per cent", [("97 per cent", "percent", 97)]),
        ("998 objects and 100 000 users", [("998", "number", 998), ("100 000", "number", 100000)]),
    ],
)
def test_scan_finds_each_token_once(text: str, expected: list[tuple[str, str, int | None]]) -> None:
    assert [(f.text, f.kind, f.value) for f in find_figures(text)] == expected


def test_upper_case_text_reads_like_lower_case() -> None:
    # the words after a number are read on the lowered text; the spans stay in the original
    text = "SHARE WILL REACH 95 PER CENT BY 2024, OR 1,2 ТРЛН РУБЛЕЙ"
    got = find_figures(text)
    assert [(f.text, f.kind, f.value) for f in got] == [
        ("95 PER CENT", "percent", 95), ("2024", "year", 2024), ("1,2 ТРЛН РУБЛЕЙ", "money", 1200000000000)]
    assert all(text[f.start:f.end] == f.text for f in got)


@pytest.mark.parametrize(("keys", "text", "expected"), [
    (["m", "mil", "million", "mln"], "million people", "million"),  # the longest key at a place wins
    (["m", "mil", "million", "mln"], "mil.", "mil"),  # a key that ends where a longer one goes on
    (["per cent", "percent", "pct"], "per \u00a0 cent", "per \u00a0 cent"),  # a space in a key: any run
    (["млн", "млрд", "миллион", "миллиона"], "миллиона", "миллиона"),
])
def test_a_lexicon_trie_matches_the_longest_key(keys: list[str], text: str, expected: str) -> None:
    m = re.compile(words(keys)).match(text)
    assert m is not None and m.group() == expected
