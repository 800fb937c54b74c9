"""Date expressions and their resolution against the anchor day and the event's tense."""

from __future__ import annotations

from datetime import date

import pytest

from tariqa.vocab import Precision
from tariqa.watch.dates import date_expressions, date_in_url, first_full_date, labelled_date, resolve


def _one(text: str, anchor: date, tense: str) -> str:
    exprs = date_expressions(text)
    assert exprs, text
    when = resolve(exprs[0], anchor, tense)
    assert when is not None
    return str(when) + ("" if when.end is None else f"..{when.end}")


@pytest.mark.parametrize(
    ("text", "anchor", "tense", "expected"),
    [
        ("met on Wednesday", date(2021, 1, 14), "past", "2021-01-13"),  # Thursday page: yesterday
        ("will meet on Wednesday", date(2021, 1, 11), "future", "2021-01-13"),  # Monday page: in two days
        ("was due on Wednesday", date(2027, 4, 19), "near", "2027-04-21"),  # postponed: nearest Wednesday
        ("was scheduled for Wednesday", date(2015, 12, 24), "near", "2015-12-23"),
        ("on Thursday next week", date(2027, 3, 5), "future", "2027-03-11"),
        ("held yesterday", date(2013, 3, 29), "past", "2013-03-28"),
        ("starting tomorrow", date(2021, 2, 17), "future", "2021-02-18"),
        ("next month", date(2026, 11, 20), "future", "2026-12"),
        ("last month", date(2021, 3, 10), "near", "2021-02"),
        ("later this year", date(2014, 2, 19), "future", "2014"),
        ("in 2018", date(2017, 12, 1), "future", "2018"),
        ("in September", date(2021, 6, 27), "future", "2021-09"),
        ("in September", date(2022, 1, 10), "past", "2021-09"),
        ("on 30 November", date(2017, 12, 1), "past", "2017-11-30"),
        ("on Dec. 23", date(2019, 12, 24), "past", "2019-12-23"),
        ("on January 20", date(2027, 1, 8), "future", "2027-01-20"),
        ("from 4 to 8 October 2021", date(2021, 10, 5), "past", "2021-10-04..2021-10-08"),
        ("in May 2025", date(2025, 11, 10), "past", "2025-05"),
    ],
)
def test_resolution(text: str, anchor: date, tense: str, expected: str) -> None:
    assert _one(text, anchor, tense) == expected


def test_precision_of_coarse_dates() -> None:
    when = resolve(date_expressions("next year")[0], date(2022, 7, 22), "future")
    assert when is not None and when.precision is Precision.YEAR and when.day == date(2023, 1, 1)
    assert when.last() == date(2023, 12, 31)


def test_no_date_in_plain_words() -> None:
    assert date_expressions("The ministers discussed trade and energy.") == []


def test_publication_dates() -> None:
    assert date_in_url("https://n.example/22-Sep-2021/story") == date(2021, 9, 22)
    assert date_in_url("https://n.example/story/213377.html") is None
    assert labelled_date("Title\nPublished on: 18/04/2023\nText") == date(2023, 4, 18)
    assert labelled_date("Text.\n\n[Baku Evening Post, 23 September 2026]") == date(2026, 9, 23)
    assert labelled_date("The meeting of 30 November 2017 was the first.") is None
    found = first_full_date("Apr 19, 2027 14:47")
    assert found is not None and found[0] == date(2027, 4, 19)
