"""Reading files: format detection, located problems, and bad input that changes nothing."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from tariqa.errors import ImportProblems, InputError, SchemaVersionError, StorageError
from tariqa.io import export, plan, read_inputs
from tariqa.storage import Store, open_store
from tests.conftest import small_record, write_yaml


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def problems_of(store: Store, *paths: str) -> list[str]:
    with pytest.raises(ImportProblems) as info:
        store.import_items(read_inputs(plan(paths)))
    assert store.count("events") == 0 and store.count("groups") == 0
    return [str(p) for p in info.value.problems]


def csv_export(store: Store) -> None:
    write_yaml(Path("r.yaml"), small_record())
    store.import_items(read_inputs(plan(["r.yaml"])))
    export(store, "csv", "csv")


def test_csv_problem_names_file_line_and_field(sqlite_store: Store, tmp_path: Path) -> None:
    csv_export(sqlite_store)
    lines = Path("csv/events.csv").read_text().splitlines()
    lines[1] = lines[1].replace("2021-06-01", "2021-13-01")
    Path("csv/events.csv").write_text("\n".join(lines) + "\n")
    with open_store("other.db") as fresh:
        assert problems_of(fresh, "csv") == ["csv/events.csv:2: date: '2021-13-01' is not a valid date"]


def test_wrong_column_names(sqlite_store: Store) -> None:
    Path("events.csv").write_text("id,dat,group\nx,2021-01-01,ATP\n")
    assert problems_of(sqlite_store, "events.csv") == [
        "events.csv:1: dat: unknown column (expected some of: id, date, date_precision, end_date, group, "
        "format, concerns, ordinal, status, track, level, kind, host, city, mode, alongside, states, "
        "participants, documents, values, summary, sources, confidence, conflicts)"
    ]


def test_malformed_csv_cells(sqlite_store: Store) -> None:
    Path("groups.csv").write_text('id,name,members\nATP,A,"[""AZE"",\nTAG,T\n')
    found = problems_of(sqlite_store, "groups.csv")
    assert found and found[0].startswith("groups.csv:2")


def test_csv_with_an_unknown_name() -> None:
    Path("meetings.csv").write_text("id\nx\n")
    with pytest.raises(InputError, match="cannot tell which records this CSV holds"):
        plan(["meetings.csv"])


def test_malformed_yaml_gives_the_line(sqlite_store: Store) -> None:
    Path("bad.yaml").write_text("groups:\n  - id: ATP\n    name: [unclosed\n")
    [message] = problems_of(sqlite_store, "bad.yaml")
    assert message.startswith("bad.yaml:4: malformed YAML")


def test_malformed_json_gives_the_line(sqlite_store: Store) -> None:
    Path("bad.json").write_text('{\n  "groups": [\n    {"id": "ATP",}\n  ]\n}\n')
    assert problems_of(sqlite_store, "bad.json") == [
        "bad.json:3: malformed JSON: Expecting property name enclosed in double quotes"
    ]


def test_pretty_printed_json_is_read(sqlite_store: Store) -> None:
    Path("r.json").write_text(json.dumps(small_record(), indent=2))
    sqlite_store.import_items(read_inputs(plan(["r.json"])))
    assert sqlite_store.count("events") == 2


def test_json_record_errors_name_the_record(sqlite_store: Store) -> None:
    data = small_record()
    data["events"][1]["host"] = "ZZZ"
    Path("r.json").write_text(json.dumps(data, indent=1))
    assert problems_of(sqlite_store, "r.json") == [
        "r.json:events[1]: host: 'ZZZ' is not an ISO 3166-1 alpha-3 country code"
    ]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("states", ["AZE", "ZZZ"], "states.1: 'ZZZ' is not an ISO 3166-1 alpha-3 country code"),
        ("date", "2021-02-29", "date: '2021-02-29' is not a valid date"),
        ("date", "30/11/2017", "date: '30/11/2017' is not a valid date (expected YYYY-MM-DD)"),
        ("end_date", "2017-11-01", "end_date 2017-11-01 is before date 2017-11-30"),
        ("sources", [], "sources: must not be empty"),
        ("confidence", "certain", "confidence: 'certain': Input should be 'high', 'medium' or 'low'"),
        ("id", "Has Spaces", "id: 'Has Spaces' is not a valid id (lowercase letters, digits, hyphens)"),
        ("colour", "red", "colour: unknown field"),
    ],
)
def test_invalid_fields(sqlite_store: Store, field: str, value: object, message: str) -> None:
    data = small_record()
    data["events"][0][field] = value
    write_yaml(Path("r.yaml"), data)
    found = problems_of(sqlite_store, "r.yaml")
    assert any(message in m for m in found), found


def test_missing_source_field(sqlite_store: Store) -> None:
    data = small_record()
    del data["events"][0]["sources"]
    write_yaml(Path("r.yaml"), data)
    assert "r.yaml:31: sources: is required" in problems_of(sqlite_store, "r.yaml")


def test_group_with_one_member(sqlite_store: Store) -> None:
    data = small_record()
    data["groups"][0]["members"] = ["AZE"]
    write_yaml(Path("r.yaml"), data)
    found = problems_of(sqlite_store, "r.yaml")
    assert any("members: List should have at least 2 items" in m for m in found), found


def test_binary_file_with_text_extension() -> None:
    Path("x.yaml").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    with pytest.raises(InputError, match="binary file"):
        plan(["x.yaml"])


def test_not_utf8() -> None:
    Path("x.yaml").write_bytes("groups:\n  - name: T\xfcrkiye\n".encode("latin-1"))
    with pytest.raises(InputError, match="not UTF-8"):
        plan(["x.yaml"])


def test_too_large_file_is_refused_before_reading() -> None:
    with open("huge.yaml", "wb") as fh:  # a sparse 1 GB file: no disk used
        fh.truncate(1024**3)
    with pytest.raises(InputError, match=r"huge.yaml: the file is 1.0 GB, over the 512.0 MB limit"):
        plan(["huge.yaml"])


def test_missing_path() -> None:
    with pytest.raises(InputError, match=r"nope\.yaml: no such file"):
        plan(["nope.yaml"])


def test_a_file_that_is_not_a_database() -> None:
    Path("x.db").write_text("hello, I am text")
    with pytest.raises(StorageError, match="is not a SQLite database"):
        open_store("x.db")


def test_a_sqlite_database_of_another_program() -> None:
    con = sqlite3.connect("other.db")
    con.execute("create table songs (title text)")
    con.commit()
    con.close()
    with pytest.raises(StorageError, match=r"has tables \(songs\) but is not a tariqa database"):
        open_store("other.db")


def test_a_newer_schema_is_refused(tmp_path: Path) -> None:
    open_store("t.db").close()
    con = sqlite3.connect("t.db")
    con.execute("update alembic_version set version_num = '9999_future'")
    con.commit()
    con.close()
    with pytest.raises(SchemaVersionError, match="'9999_future', newer than this tariqa knows"):
        open_store("t.db")


def test_nothing_is_written_when_a_later_file_is_bad(sqlite_store: Store) -> None:
    write_yaml(Path("a.yaml"), small_record())
    Path("b.yaml").write_text("events: [ {id: x}\n")
    problems_of(sqlite_store, "a.yaml", "b.yaml")
    assert sqlite_store.count("sources") == 0
