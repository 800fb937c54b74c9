"""Validated scalar types shared by the entities: slugs, ISO codes, dates, URLs."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import AfterValidator, BeforeValidator, Field

from tariqa.dates import parse_day

_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_GROUP = re.compile(r"^[A-Z][A-Z0-9-]*$")


@lru_cache(maxsize=1)
def _alpha3() -> frozenset[str]:
    import pycountry

    codes = {c.alpha_3 for c in pycountry.countries}
    return frozenset(codes | {"XKX"})  # Kosovo: user-assigned code in wide use


def is_iso3(code: str) -> bool:
    """True for an ISO 3166-1 alpha-3 country code.

    >>> is_iso3("AZE"), is_iso3("XYZ")
    (True, False)
    """
    return code in _alpha3()


def _check_slug(value: str) -> str:
    if not _SLUG.match(value):
        raise ValueError(f"{value!r} is not a valid id (lowercase letters, digits, hyphens)")
    return value


def _check_group_id(value: str) -> str:
    if not _GROUP.match(value):
        raise ValueError(f"{value!r} is not a valid group id (capital letters, digits, hyphens)")
    return value


_PARTIAL = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def _check_partial_date(value: str) -> str:
    """A date known to the year, month or day: ``2021``, ``2021-07`` or ``2021-07-27``."""
    if not _PARTIAL.match(value):
        raise ValueError(f"{value!r} is not a date (expected YYYY, YYYY-MM or YYYY-MM-DD)")
    padded = value + "-01-01"[len(value) - 4 :] if len(value) < 10 else value
    try:
        parse_day(padded)
    except ValueError:
        raise ValueError(f"{value!r} is not a valid date") from None
    return value


@lru_cache(maxsize=65536)
def _check_url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or " " in value:
        raise ValueError(f"{value!r} is not an http(s) URL")
    return value


# Each checked type below has one validator that cleans and checks its value: one Python
# call per value instead of two (codes and URLs are most of the values an import reads).
def _iso3(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    code = value.strip().upper()
    if code not in _alpha3():
        raise ValueError(f"{code!r} is not an ISO 3166-1 alpha-3 country code")
    return code


def _slug(value: Any) -> Any:
    return _check_slug(value.strip()) if isinstance(value, str) else value


def _group_id(value: Any) -> Any:
    return _check_group_id(value.strip()) if isinstance(value, str) else value


def _url(value: Any) -> Any:
    return _check_url(value.strip()) if isinstance(value, str) else value


def _strip(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


ISO3 = Annotated[str, BeforeValidator(_iso3)]
Slug = Annotated[str, BeforeValidator(_slug)]
GroupId = Annotated[str, BeforeValidator(_group_id)]
Day = Annotated[date, BeforeValidator(parse_day)]
PartialDate = Annotated[str, BeforeValidator(lambda v: str(v).strip()), AfterValidator(_check_partial_date)]
Url = Annotated[str, BeforeValidator(_url)]
Text = Annotated[str, BeforeValidator(_strip), Field(min_length=1)]
#: Optional free text: surrounding space is removed and an empty text is no value.
OptText = Annotated[str | None, BeforeValidator(lambda v: (v.strip() or None) if isinstance(v, str) else v)]
