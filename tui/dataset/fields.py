"""Fixed, typed columns of the flat formats, so every line has the same keys and types."""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

# Target attributes in the order the dataset card lists them; every exported line carries all of them.
ATTR_KEYS = ("metric", "value", "unit", "qualifier", "deadline", "baseline", "region", "status", "initiative")
_ISO_DAY = re.compile(r"\d{4}-\d\d-\d\d")
NUMBER_ATTRS = frozenset({"value", "baseline"})
YEAR_ATTRS = frozenset({"deadline"})


def _as_float(value: Any) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        number = float(value)
    elif isinstance(value, str):
        try:
            number = float(value.replace(",", ".").strip())
        except ValueError:
            return None
    else:
        return None
    return number if math.isfinite(number) else None


def _as_year(value: Any) -> int | None:
    number = _as_float(value)
    return int(number) if number is not None and number.is_integer() else None


def _as_text(value: Any) -> str | None:
    if value is None or value == "":
        return None
    return str(value)


# each column's conversion, looked up once rather than for every key of every exported line
_CONVERTERS = tuple((key, _as_float if key in NUMBER_ATTRS else _as_year if key in YEAR_ATTRS else _as_text)
                    for key in ATTR_KEYS)


def iso_date(value: str | None) -> str | None:
    """A document date as exported: ``YYYY-MM-DD`` of a real calendar day, else null.

    pyarrow (under Hugging Face ``datasets``) reads such strings as timestamps, so the card declares
    the column ``date32``; one odd string would make the whole column fail to load.
    """
    if not value or not _ISO_DAY.fullmatch(value):
        return None
    try:
        return dt.date(int(value[:4]), int(value[5:7]), int(value[8:])).isoformat()
    except ValueError:  # 2024-02-30
        return None


def typed_attrs(attrs: dict[str, Any] | None) -> dict[str, Any]:
    """All of ATTR_KEYS with one type each: numbers as float, the deadline as an int year, the rest str.

    Values that cannot take the column's type become null (the native export keeps them as typed).
    """
    if not attrs:  # an initiative's: half of a typical export
        return dict.fromkeys(ATTR_KEYS)
    get = attrs.get
    return {key: convert(get(key)) for key, convert in _CONVERTERS}


def stored_attrs(typed: dict[str, Any] | None) -> dict[str, Any]:
    """Attributes to store from an imported span: the typed columns, or {} when all are null."""
    if not typed:
        return {}
    clean = typed_attrs(typed)
    return clean if any(v is not None for v in clean.values()) else {}


# Column types of the flat formats, as Hugging Face `datasets` Value dtypes (the dataset card lists
# them; tests load the exports with exactly these Features).
ATTR_TYPES: dict[str, str] = {
    "metric": "string", "value": "float64", "unit": "string", "qualifier": "string", "deadline": "int64",
    "baseline": "float64", "region": "string", "status": "string", "initiative": "string",
}
RECORD_TYPES: dict[str, str] = {
    "id": "string", "doc": "string", "kind": "string", "label": "string", "scope": "string",
    "start": "int64", "end": "int64", "text": "string", "context": "string", "context_start": "int64",
    **{("target_status" if k == "status" else k): v for k, v in ATTR_TYPES.items()},
    "note": "string", "annotator": "string", "origin": "string", "created": "string", "updated": "string",
    "title": "string", "date": "date32", "source": "string", "lang": "string", "doc_status": "string",
}
SPAN_TYPES: dict[str, str | dict[str, str]] = {
    "start": "int64", "end": "int64", "label": "string", "text": "string", "kind": "string",
    "scope": "string", "annotator": "string", "attrs": ATTR_TYPES,
}
META_TYPES: dict[str, str] = {
    "doc": "string", "title": "string", "date": "date32", "source": "string", "lang": "string",
    "status": "string", "offset": "int64", "passage": "int64",
}
