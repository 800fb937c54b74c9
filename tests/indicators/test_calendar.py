"""The coordination calendar: projected rounds, planned events, flags and iCalendar."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import icalendar
import pytest
from typer.testing import CliRunner

from tariqa.cli import app
from tariqa.errors import UsageError
from tariqa.indicators.calendar import coordination_calendar, to_ics
from tariqa.indicators.regularity import add_months
from tariqa.storage import Store, open_store
from tests.conftest import small_record, write_yaml
from tests.indicators.test_indicators import ALL, event

AS_OF = date(2022, 3, 1)


def record() -> dict[str, Any]:
    data = small_record()
    data["events"] = [
        data["events"][0],  # atp-fm round 1, 2017-11-30, AZE
        event("fm-2", "2018-11-30", ALL, format="atp-fm", ordinal=2, host="PAK"),
        event("fm-3", "2019-11-30", ALL, format="atp-fm", ordinal=3, host="TUR"),
        event("fm-4", "2020-11-30", ALL, format="atp-fm", ordinal=4, host="AZE"),
        event("fm-5", "2021-11-30", ALL, format="atp-fm", ordinal=5, host="PAK"),
        event("speakers-planned", "2022-07-01", ALL, track="parliamentary", level="speaker", status="planned"),
    ]
    data["formats"].append(
        {
            "id": "atp-old",
            "group": "ATP",
            "name": "A format that stopped",
            "track": "economic-energy-connectivity",
            "level": "officials",
            "cadence_months": 6,
            "cadence_basis": "observed",
        }
    )
    data["events"].append(event("old-1", "2018-01-10", ALL, format="atp-old", level="officials"))
    data["events"].append(event("old-2", "2018-07-10", ALL, format="atp-old", level="officials"))
    return data


@pytest.fixture
def store(tmp_path: Path) -> Store:
    db = str(tmp_path / "c.db")
    result = CliRunner().invoke(app, ["--db", db, "import", str(write_yaml(tmp_path / "r.yaml", record()))])
    assert result.exit_code == 0, result.stderr
    return open_store(db)


def test_projects_the_next_round_with_host_and_ordinal(store: Store) -> None:
    cal = coordination_calendar(store, 2022, ["ATP"], AS_OF)
    projected = [e for e in cal.entries if e.kind == "projected"]
    assert [(e.format, e.ordinal, e.host) for e in projected] == [("atp-fm", 6, "TUR")]
    (entry,) = projected
    assert entry.expected == add_months(date(2021, 11, 30), 12)
    assert (entry.start, entry.end) == (add_months(entry.expected, -3), add_months(entry.expected, 3))


def test_planned_events_and_lapsed_formats(store: Store) -> None:
    cal = coordination_calendar(store, 2022, ["ATP"], AS_OF)
    assert [e.event for e in cal.entries if e.kind == "planned"] == ["speakers-planned"]
    assert [(f.format, f.status) for f in cal.flags] == [("atp-old", "dormant")]  # one vocabulary with formats
    assert "over twice its cadence (6 months)" in cal.flags[0].reason


def test_a_round_whose_window_closed_is_overdue_not_projected(store: Store) -> None:
    """Round 6 was due about 2022-11-30 (window to 2023-03-01); by June 2023 it is overdue:
    flagged, not projected into the past, and the next projection is still round 6."""
    late = date(2023, 6, 1)
    cal = coordination_calendar(store, 2023, ["ATP"], late)
    fm = [e for e in cal.entries if e.format == "atp-fm"]
    assert all(e.end >= late for e in fm)  # nothing projected into a closed window
    assert [(e.ordinal, e.host) for e in fm] == [(6, "TUR")]  # round 6, hosted as round 6 would be
    assert fm[0].expected == add_months(date(2021, 11, 30), 24)
    (flag,) = [f for f in cal.flags if f.format == "atp-fm"]
    assert flag.status == "overdue" and "round 6 was expected about 2022-11-30" in flag.reason


def test_windows_that_cross_into_the_year_are_kept(store: Store) -> None:
    cal = coordination_calendar(store, 2023, ["ATP"], AS_OF)
    assert [e.ordinal for e in cal.entries if e.format == "atp-fm"] == [6, 7]  # round 6 ends in 2023
    assert [e.host for e in cal.entries if e.format == "atp-fm"] == ["TUR", "AZE"]


def test_ics_round_trips_through_icalendar(store: Store) -> None:
    cal = coordination_calendar(store, 2022, ["ATP"], AS_OF)
    data = to_ics(cal, "ATP 2022")
    assert data == to_ics(coordination_calendar(store, 2022, ["ATP"], AS_OF), "ATP 2022")  # deterministic
    parsed = icalendar.Calendar.from_ical(data)
    items = parsed.walk("VEVENT")
    assert len(items) == len(cal.entries) == 2
    assert {str(i["uid"]) for i in items} == {"atp-fm-round-6@tariqa", "speakers-planned@tariqa"}
    assert parsed.to_ical() == data
    planned = next(i for i in items if str(i["uid"]).startswith("speakers"))
    assert planned.decoded("dtstart") == date(2022, 7, 1)
    assert planned.decoded("dtend") == date(2022, 7, 2)  # exclusive end of an all-day item


def test_year_out_of_range(store: Store) -> None:
    with pytest.raises(UsageError, match="out of range"):
        coordination_calendar(store, 2016, ["ATP"], AS_OF)
    with pytest.raises(UsageError, match="out of range"):
        coordination_calendar(store, 2033, ["ATP"], AS_OF)


def test_cli_writes_ics_and_refuses_bad_input(store: Store, tmp_path: Path) -> None:
    runner = CliRunner()
    ics = tmp_path / "atp.ics"
    args = ["--db", store.url, "calendar", "2022", "--group", "ATP", "--as-of", "2022-03-01"]
    result = runner.invoke(app, [*args, "--ics", str(ics), "--output", "json"])
    assert result.exit_code == 0, result.stderr
    assert ics.read_bytes().startswith(b"BEGIN:VCALENDAR")
    assert '"atp-old"' in result.stdout
    folder = runner.invoke(app, [*args, "--ics", str(tmp_path)])
    assert folder.exit_code == 2 and "folder" in folder.stderr
    far = runner.invoke(app, ["--db", store.url, "calendar", "3000", "--group", "ATP"])
    assert far.exit_code == 2 and "out of range" in far.stderr
    nogroup = runner.invoke(app, ["--db", store.url, "calendar", "2022"])
    assert nogroup.exit_code == 2 and "--group" in nogroup.stderr
