"""Each record check finds what it should, and only that."""

from __future__ import annotations

import copy
from datetime import date
from pathlib import Path
from typing import Any

from tariqa.io import plan, read_inputs
from tariqa.quality import check_record
from tariqa.storage import Store
from tests.conftest import small_record, write_yaml

AS_OF = date(2018, 6, 1)


def rounds(*specs: tuple[str, int | None]) -> dict[str, Any]:
    """small_record() with atp-fm rounds on the given (date, ordinal) pairs."""
    data = small_record()
    template = data["events"][0]
    data["documents"] = []
    data["events"] = [data["events"][1]]
    for i, (day, ordinal) in enumerate(specs):
        event = copy.deepcopy(template) | {"id": f"round-{i}", "date": day, "documents": [], "confidence": "medium"}
        if ordinal is None:
            event.pop("ordinal")
        else:
            event["ordinal"] = ordinal
        data["events"].append(event)
    return data


def findings(store: Store, tmp_path: Path, data: dict[str, Any], as_of: date = AS_OF) -> list[tuple[str, str]]:
    write_yaml(tmp_path / "r.yaml", data)
    store.import_items(read_inputs(plan([tmp_path / "r.yaml"])), replace=True)
    return [(f.kind, f.subject) for f in check_record(store, as_of)]


def test_a_clean_record_has_no_findings(sqlite_store: Store, tmp_path: Path) -> None:
    assert findings(sqlite_store, tmp_path, rounds(("2017-01-10", 1), ("2017-12-01", 2))) == []


def test_ordinals_must_rise_with_dates(sqlite_store: Store, tmp_path: Path) -> None:
    data = rounds(("2017-01-10", 2), ("2017-12-01", 1))
    assert ("ordinal", "round-1") in findings(sqlite_store, tmp_path, data)


def test_an_ordinal_gap_needs_a_note(sqlite_store: Store, tmp_path: Path) -> None:
    data = rounds(("2017-01-10", 1), ("2017-12-01", 3))
    assert findings(sqlite_store, tmp_path, data) == [("ordinal", "atp-fm")]


def test_an_explained_gap_is_fine(sqlite_store: Store, tmp_path: Path) -> None:
    data = rounds(("2017-01-10", 1), ("2017-12-01", 3))
    data["events"][2]["conflicts"] = [{"field": "ordinal", "note": "Round 2 is not documented."}]
    assert findings(sqlite_store, tmp_path, data) == []


def test_two_events_for_one_meeting(sqlite_store: Store, tmp_path: Path) -> None:
    data = rounds(("2017-01-10", None), ("2017-01-10", None))
    assert ("duplicate", "round-1") in findings(sqlite_store, tmp_path, data)


def test_an_active_format_that_lapsed(sqlite_store: Store, tmp_path: Path) -> None:
    data = rounds(("2015-01-10", 1), ("2016-01-10", 2))
    assert ("status", "atp-fm") in findings(sqlite_store, tmp_path, data, as_of=date(2019, 1, 1))
    data["formats"][0]["status"] = "dormant"
    assert ("status", "atp-fm") not in findings(sqlite_store, tmp_path, data, as_of=date(2019, 1, 1))


def test_an_active_format_without_rounds(sqlite_store: Store, tmp_path: Path) -> None:
    assert ("status", "atp-fm") in findings(sqlite_store, tmp_path, rounds())


def test_observed_cadence_must_match_the_rounds(sqlite_store: Store, tmp_path: Path) -> None:
    data = rounds(("2010-01-10", 1), ("2013-01-10", 2), ("2016-01-10", 3))
    data["formats"][0]["cadence_basis"] = "observed"
    assert ("cadence", "atp-fm") in findings(sqlite_store, tmp_path, data, as_of=date(2016, 6, 1))


def test_a_planned_event_in_the_past(sqlite_store: Store, tmp_path: Path) -> None:
    data = rounds(("2017-01-10", 1), ("2018-05-01", None))
    data["events"][2]["status"] = "planned"
    assert ("planned", "round-1") in findings(sqlite_store, tmp_path, data, as_of=date(2018, 6, 1))


def test_high_confidence_needs_two_independent_outlets(sqlite_store: Store, tmp_path: Path) -> None:
    data = rounds(("2017-01-10", 1), ("2017-12-01", 2))
    a, b = data["sources"][0]["url"], data["sources"][1]["url"]
    data["events"][1] |= {"confidence": "high", "sources": [a]}  # one outlet
    data["events"][2] |= {"confidence": "high", "sources": [a, b]}  # two publishers
    assert ("confidence", "round-0") in findings(sqlite_store, tmp_path, data)
    assert ("confidence", "round-1") not in findings(sqlite_store, tmp_path, data)
    data["sources"][1]["publisher"] = data["sources"][0]["publisher"].upper() + " (English)"  # the same outlet
    assert ("confidence", "round-1") in findings(sqlite_store, tmp_path, data)
