"""Checks and types the fields of the target form. Plain Python (no Textual) so it is tested alone.

The form hands over what the user typed (strings, or the pre-filled values the suggester gave);
this module turns them into the typed attributes the store keeps, or says per field what is wrong.
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

FIELDS = ("metric", "value", "unit", "qualifier", "deadline", "baseline", "region", "status", "initiative")
QUALIFIERS = ("up_to", "over", "about", "at_least", "less_than")
STATUSES = ("goal", "achieved")
YEAR_MIN = 1990
YEAR_MAX = 2100

# Spaces of any kind are digit-group separators in Russian ("1 500"), as are apostrophes in some feeds.
_GROUP_SPACES = re.compile(r"[\s\u00a0\u202f_']")
_ENGLISH_THOUSANDS = re.compile(r"[+-]?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?")
_PLAIN_NUMBER = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)")


@dataclass
class TargetCheck:
    """The typed attributes when every field is valid, and a message per field that is not."""

    attrs: dict[str, Any] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors


def _text(raw: Any) -> str:
    return "" if raw is None else str(raw).strip()


def parse_number(raw: Any) -> int | float | None:
    """A number typed in English or Russian style: "95", "42.5", "42,5", "1,587", "1 500".

    Returns None for an empty field; raises ValueError for anything else that is not a number.
    Whole numbers typed without a decimal separator stay ``int``.
    """
    if isinstance(raw, bool):
        raise ValueError("not a number")
    if isinstance(raw, (int, float)):
        if isinstance(raw, float) and not math.isfinite(raw):
            raise ValueError("not a finite number")
        return raw
    text = _GROUP_SPACES.sub("", _text(raw))
    if not text:
        return None
    if _ENGLISH_THOUSANDS.fullmatch(text):
        text = text.replace(",", "")
    elif text.count(",") == 1 and "." not in text:
        text = text.replace(",", ".")  # a Russian decimal comma
    if not _PLAIN_NUMBER.fullmatch(text):
        raise ValueError("not a number")
    if "." in text:
        return float(text)
    return int(text)


def parse_year(raw: Any) -> int | None:
    """A deadline year between YEAR_MIN and YEAR_MAX; None for an empty field, else ValueError."""
    if isinstance(raw, bool):
        raise ValueError("not a year")
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    text = _text(raw)
    if not text:
        return None
    if not re.fullmatch(r"[0-9]{4}", text):
        raise ValueError("not a 4-digit year")
    year = int(text)
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise ValueError("out of range")
    return year


def check_target(fields: Mapping[str, Any], initiatives: Collection[str] = ()) -> TargetCheck:
    """Type every field of ``fields`` (the keys of FIELDS; missing ones count as empty).

    ``initiatives`` are the schema ids an ``initiative`` may name; empty text becomes None.
    """
    check = TargetCheck()
    attrs = check.attrs
    for key in ("metric", "unit", "region"):
        attrs[key] = _text(fields.get(key)) or None

    for key, what in (("value", "Value"), ("baseline", "Baseline")):
        try:
            attrs[key] = parse_number(fields.get(key))
        except ValueError:
            attrs[key] = None
            check.errors[key] = f"{what} must be a number, e.g. 95, 42.5 or 1 500."

    try:
        attrs["deadline"] = parse_year(fields.get("deadline"))
    except ValueError:
        attrs["deadline"] = None
        check.errors["deadline"] = f"Deadline must be a 4-digit year from {YEAR_MIN} to {YEAR_MAX}, or empty."

    qualifier = _text(fields.get("qualifier"))
    if qualifier in ("", "none"):
        attrs["qualifier"] = None
    elif qualifier in QUALIFIERS:
        attrs["qualifier"] = qualifier
    else:
        attrs["qualifier"] = None
        check.errors["qualifier"] = f"Qualifier must be one of: none, {', '.join(QUALIFIERS)}."

    status = _text(fields.get("status")) or "goal"
    if status in STATUSES:
        attrs["status"] = status
    else:
        attrs["status"] = "goal"
        check.errors["status"] = "Status must be goal or achieved."

    initiative = _text(fields.get("initiative"))
    if not initiative or initiative == "none":
        attrs["initiative"] = None
    elif initiative in initiatives:
        attrs["initiative"] = initiative
    else:
        attrs["initiative"] = None
        check.errors["initiative"] = f"Initiative {initiative!r} is not in the label schema."
    check.attrs = {key: attrs[key] for key in FIELDS}
    return check
