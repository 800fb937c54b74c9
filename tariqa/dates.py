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


def shown(day: date | str | None, precision: str = "day", end: date | str | None = None) -> str:
    """A date as precisely as it is known, never more: a year-precise date is ``1947``,
    never ``1947-01-01``; a month-precise one ``2021-03``. With ``end``, a span.

    >>> shown(date(1947, 1, 1), "year"), shown("2021-03-01", "month"), shown(date(2021, 3, 14))
    ('1947', '2021-03', '2021-03-14')
    >>> shown("2021-09-12", end="2021-09-20")
    '2021-09-12 – 2021-09-20'
    >>> shown(None)
    ''
    """
    if day is None:
        return ""
    text = day.isoformat() if isinstance(day, date) else str(day)
    cut = {"year": 4, "month": 7}.get(str(getattr(precision, "value", precision)), 10)
    out = text[:cut]
    if end is not None and precision == "day":
        last = end.isoformat() if isinstance(end, date) else str(end)
        if last != text:
            out += f" – {last}"
    return out
