"""Strict date parsing shared by the model and the command line (no third-party imports)."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MIN_YEAR, MAX_YEAR = 1800, 2100


def parse_day(value: Any) -> Any:
    """Accept ``date`` objects and strict ``YYYY-MM-DD`` strings, with a plain message.

    >>> parse_day("2021-07-27")
    datetime.date(2021, 7, 27)
    """
    if isinstance(value, date) or value is None:
        return value
    text = str(value).strip()
    if not _DATE.match(text):
        raise ValueError(f"{text!r} is not a valid date (expected YYYY-MM-DD)")
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a valid date") from None
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise ValueError(f"{text!r} is outside the years {MIN_YEAR}-{MAX_YEAR}")
    return day
