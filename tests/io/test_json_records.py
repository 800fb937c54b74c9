"""A record given as a line of JSON is validated by pydantic from the text itself (the
fast path of large JSON imports); whatever it is, the outcome must be the one of the
general path, ``json.loads`` then validation of the mapping: the same entity, or the
same problems in the same words."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tariqa.errors import Problem
from tariqa.io.validation import parse_json_record, parse_record
from tariqa.model import Parsed
from tests.conftest import small_record

RECORD = small_record()


def outcome(items: list[Parsed | Problem]) -> list[object]:
    return [i if isinstance(i, Problem) else (type(i.entity).__name__, i.entity.canonical()) for i in items]


def both_ways(collection: str, text: str) -> tuple[list[object], list[object]]:
    fast = outcome(list(parse_json_record(collection, text, "f.json", "7")))
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        slow: list[object] = [Problem("f.json", "7", "", f"malformed JSON: {exc.msg}")]
    else:
        slow = outcome(list(parse_record(collection, data, "f.json", "7")))
    return fast, slow


EVENT = RECORD["events"][0]

CASES: list[tuple[str, Any]] = [
    ("valid", {}),
    ("codes in lower case, with spaces", {"states": [" aze", "tur ", "PAK"], "host": "aze "}),
    ("unknown country", {"states": ["AZE", "XXX"]}),
    ("impossible day", {"date": "2021-02-30"}),
    ("date as a number", {"date": 20210101}),
    ("id as a number", {"id": 5}),
    ("ordinal as text", {"ordinal": "2"}),
    ("ordinal as a fraction", {"ordinal": 1.5}),
    ("ordinal as a boolean", {"ordinal": True}),
    ("unknown confidence", {"confidence": "certain"}),
    ("unknown field", {"venue": "x"}),
    ("sources as text", {"sources": "https://example.org/a"}),
    ("empty participant name", {"participants": [{"state": "pak", "name": "  "}]}),
    ("nested unknown field", {"participants": [{"state": "PAK", "rank": 1}]}),
    ("not-a-number amount", {"values": [{"what": "contract", "amount": math.nan}]}),
    ("infinite amount", {"values": [{"what": "contract", "amount": math.inf}]}),
]


@pytest.mark.parametrize(("case", "change"), CASES, ids=[c for c, _ in CASES])
def test_an_event_line_gives_what_the_mapping_gives(case: str, change: dict[str, Any]) -> None:
    fast, slow = both_ways("events", json.dumps(EVENT | change, ensure_ascii=False))
    assert fast == slow
    assert fast and (case != "valid" or not isinstance(fast[0], Problem))


@pytest.mark.parametrize(
    "text",
    ["[1, 2]", '"text"', "null", '{"id": "x",}', '{"id": "x"', "{}", '{"id": "x", "id": "y"}'],
)
def test_lines_that_are_no_record(text: str) -> None:
    fast, slow = both_ways("events", text)
    assert fast == slow and fast


def test_an_unknown_record_type() -> None:
    fast, slow = both_ways("meetings", json.dumps(EVENT))
    assert fast == slow and "unknown record type 'meetings'" in str(fast[0])


def test_every_collection_of_the_small_record() -> None:
    for collection, records in RECORD.items():
        for record in records:
            fast, slow = both_ways(collection, json.dumps(record, ensure_ascii=False))
            assert fast == slow and not isinstance(fast[0], Problem)


ODD_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 3),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(["", " ", "aze", "AZE ", "2021-07-27", "2021", "2021-7-1", "x y", "https://a.example/b", "ß"]),
    st.lists(st.sampled_from(["AZE", "tur", "", "https://a.example/b", "atp-fm"]), max_size=3),
    st.fixed_dictionaries({"state": st.sampled_from(["PAK", "pak", "XX", ""])}),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from([*EVENT, "venue"]), ODD_VALUES, max_size=4))
def test_any_change_to_an_event(change: dict[str, Any]) -> None:
    fast, slow = both_ways("events", json.dumps(EVENT | change, ensure_ascii=False))
    assert fast == slow
