"""Turning the text of a number into its value, in the language's own notation.

English writes thousands with commas ("1,587" = 1587) and decimals with a point; Russian writes
decimals with a comma ("1,5 млн" = 1.5 million) and thousands with a space ("100 000", read as one
number in both). Only one shape is ambiguous, a single comma before exactly three digits ("1,587"):
the language decides.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

Number = int | Decimal | Fraction

_SPACES = str.maketrans("", "", " \u00a0\u202f\u2009")


def english_grouped(s: str, *, russian: bool) -> Decimal:
    """"1,587" / "1,000,000" / "1,587.5". In Russian a single comma group is a decimal comma."""
    if russian and s.count(",") == 1 and "." not in s:
        return Decimal(s.replace(",", "."))
    return Decimal(s.replace(",", ""))


def space_grouped(s: str) -> Decimal:
    """"100 000", "1 500 000,5" (spaces of any width; a comma is the decimal mark)."""
    return Decimal(s.translate(_SPACES).replace(",", "."))


def plain(s: str) -> Decimal:
    """"2024", "42.5", "1,5": one mark at most, and with a fraction other than three digits it is a
    decimal mark in either language."""
    return Decimal(s.replace(",", "."))


def as_number(x: Number) -> int | float:
    """An int when whole (115000000, not 115000000.0), else a float."""
    if type(x) is int:
        return x
    if type(x) is Fraction:  # not isinstance: Fraction's ABC check is slow on the hot path
        if x.denominator == 1:
            return int(x)
        return float(x)
    if x == x.to_integral_value():
        return int(x)
    return float(x)


def scaled(x: Number, factor: int | Fraction) -> Number:
    """``x`` times a magnitude, kept exact (1.2 * 10**12 is 1200000000000, not ...0002)."""
    if type(x) is Fraction or type(factor) is Fraction:
        return Fraction(x) * Fraction(factor)
    return x * factor  # int or Decimal times an int stays exact
