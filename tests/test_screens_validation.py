"""The target form's checks, without Textual: numbers in both languages, years, choices, typing."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tui.app.screens.target_validation import FIELDS, check_target, parse_number, parse_year

SCHEMA_IDS = ("np.digital_economy", "fp.de.security")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("95", 95), ("42.5", 42.5), ("42,5", 42.5), ("1,587", 1587), ("1 500", 1500),
        ("1\u00a0500,5", 1500.5), ("-3", -3), ("0.75", 0.75), ("", None), ("  ", None),
        (70, 70), (42.5, 42.5),
    ],
)
def test_numbers_typed_in_english_or_russian_style(text, expected) -> None:
    value = parse_number(text)
    assert value == expected
    assert type(value) is type(expected)


@pytest.mark.parametrize("text", ["95%", "abc", "1.2.3", "nan", "inf", "1,2,3", "1e6", True, float("nan")])
def test_non_numbers_are_refused(text) -> None:
    with pytest.raises(ValueError):
        parse_number(text)


@pytest.mark.parametrize(("text", "expected"), [("2024", 2024), ("1990", 1990), ("2100", 2100), ("", None),
                                                (2030, 2030), (2030.0, 2030), (" 2024 ", 2024)])
def test_years(text, expected) -> None:
    assert parse_year(text) == expected


@pytest.mark.parametrize("text", ["24", "1989", "2101", "20245", "2024.5", "next year", "２０２４"])
def test_bad_years_are_refused(text) -> None:
    with pytest.raises(ValueError):
        parse_year(text)


def test_a_valid_form_comes_back_typed_and_empty_text_becomes_none() -> None:
    check = check_target(
        {"metric": "  share of services online ", "value": "95", "unit": "%", "qualifier": "up_to",
         "deadline": "2024", "baseline": "", "region": "", "status": "goal", "initiative": "fp.de.security"},
        SCHEMA_IDS,
    )
    assert check.ok, check.errors
    assert check.attrs == {
        "metric": "share of services online", "value": 95, "unit": "%", "qualifier": "up_to",
        "deadline": 2024, "baseline": None, "region": None, "status": "goal", "initiative": "fp.de.security",
    }
    assert list(check.attrs) == list(FIELDS)


def test_every_bad_field_gets_its_own_message() -> None:
    check = check_target({"value": "ninety", "deadline": "24", "baseline": "x", "qualifier": "roughly",
                          "status": "maybe", "initiative": "np.unknown"}, SCHEMA_IDS)
    assert not check.ok
    assert set(check.errors) == {"value", "deadline", "baseline", "qualifier", "status", "initiative"}
    assert "number" in check.errors["value"]
    assert "4-digit year" in check.errors["deadline"]


def test_missing_fields_default_to_an_empty_goal() -> None:
    check = check_target({})
    assert check.ok
    assert check.attrs["status"] == "goal"
    assert all(check.attrs[k] is None for k in FIELDS if k != "status")


def test_none_choices_mean_no_value() -> None:
    check = check_target({"qualifier": "none", "initiative": "none"}, SCHEMA_IDS)
    assert check.ok
    assert check.attrs["qualifier"] is None and check.attrs["initiative"] is None


def test_the_checks_load_without_textual() -> None:
    code = ("import sys, tui.app.screens.target_validation; "
            "print(any(m.split('.')[0] == 'textual' for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
