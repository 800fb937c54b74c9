"""``tariqa gdelt``: the thin shell over the library, exit codes and one-line errors."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from typer.testing import CliRunner

from tariqa.cli import app
from tariqa.tasks.eventdata import COLUMNS

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    assert "Traceback" not in result.output + result.stderr
    return result.exit_code, result.stdout, result.stderr


def test_synth_ingest_dyads(tmp_path: Path, known_file: Path) -> None:
    db = str(tmp_path / "r.db")
    assert run("--db", db, "init")[0] == 0  # the reference record, with group ATP
    synthetic = tmp_path / "s.CSV.zip"
    code, _, err = run("gdelt", "synth", "--rows", "3000", "--out", str(synthetic), "--per-day", "100")
    assert code == 0 and "3,000" in err
    store = str(tmp_path / "store")
    code, _, err = run("gdelt", "ingest", str(synthetic), str(known_file), "--store", store)
    assert code == 0, err
    assert "total: read 3,008, kept 3,008, quarantined 0, duplicates 0" in err
    code, _, err = run("gdelt", "ingest", str(synthetic), "--store", store)
    assert code == 0 and "already ingested, skipped" in err
    code, out, err = run("--db", db, "gdelt", "dyads", "--group", "ATP", "--store", store, "--output", "csv")
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out)))
    jan = next(r for r in rows if r["subject"] == "TUR->AZE" and r["month"] == "2020-01")
    assert jan["events"] == "2"
    code, out, _ = run("--db", db, "gdelt", "dyads", "--group", "ATP", "--store", store, "--roots", "-o", "json")
    assert code == 0 and {"root", "events", "goldstein_sum"} <= set(json.loads(out)[0])
    target = tmp_path / "d.parquet"
    code, _, _ = run("--db", db, "gdelt", "dyads", "-g", "ATP", "--store", store, "-o", "parquet", "--out", str(target))
    assert code == 0 and target.read_bytes()[:4] == b"PAR1"


def test_errors_are_one_line_and_exit_2(tmp_path: Path, known_file: Path) -> None:
    db = str(tmp_path / "r.db")
    run("--db", db, "init")
    bad = tmp_path / "bad.CSV"
    bad.write_text("a\tb\n")
    code, _, err = run("gdelt", "ingest", str(bad), "--store", str(tmp_path / "s"))
    assert code == 2 and "bad.CSV:1: columns: 2 tab-separated fields" in err
    assert len(err.strip().splitlines()) == 1
    code, _, err = run("--db", db, "gdelt", "dyads", "-g", "ATP", "--engine", "bigquery")
    assert code == 2 and "--project" in err
    code, _, err = run("--db", db, "gdelt", "dyads", "-g", "ATP", "--store", str(tmp_path), "--since", "2020-13")
    assert code == 2 and "--since" in err


def test_help_has_examples() -> None:
    for command in ("ingest", "dyads", "synth"):
        code, out, _ = run("gdelt", command, "--help")
        assert code == 0 and "Example:" in out


def test_columns_option(tmp_path: Path, known_file: Path) -> None:
    store = str(tmp_path / "store")
    code, _, err = run("gdelt", "ingest", str(known_file), "--store", store, "--columns", "extended")
    assert code == 0, err
    more = tmp_path / "more.CSV"
    more.write_text(known_file.read_text().replace("\n", "\n", 1))
    code, _, err = run("gdelt", "ingest", str(more), "--store", store, "--columns", "all")
    assert code == 2 and "keeps the extended column set" in err and len(err.strip().splitlines()) == 1
    code, _, err = run("gdelt", "ingest", str(more), "--store", store, "--columns", "wide")
    assert code == 2 and "wide" in err


def test_the_columns_option_offers_every_column_set() -> None:
    from tariqa.cli.gdelt import ColumnSet
    from tariqa.eventdata.layouts import COLUMN_SETS, DEFAULT_COLUMNS

    assert [c.value for c in ColumnSet] == list(COLUMN_SETS) and DEFAULT_COLUMNS in COLUMN_SETS


def test_no_rows_print_the_header_and_say_why(tmp_path: Path, known_file: Path) -> None:
    db = str(tmp_path / "r.db")
    assert run("--db", db, "init")[0] == 0
    empty = tmp_path / "empty"
    empty.mkdir()
    code, out, err = run("--db", db, "gdelt", "dyads", "-g", "ATP", "--store", str(empty), "-o", "csv")
    assert code == 0 and out.splitlines() == [",".join(COLUMNS)]
    assert err.splitlines() == [f"no rows: the GDELT folder {empty} holds no events yet (nothing was ingested into it)"]
    store = str(tmp_path / "store")
    assert run("gdelt", "ingest", str(known_file), "--store", store)[0] == 0
    code, out, err = run("--db", db, "gdelt", "dyads", "-g", "ATP", "--store", store, "--since", "2021-03", "-o", "csv")
    assert code == 0 and out.splitlines() == [",".join(COLUMNS)]
    assert err.strip() == (
        "no rows: no event between two of AZE, TUR, PAK from 2021-03 on; the folder holds events of 2020-01 to 2020-02"
    )
    code, out, err = run("--db", db, "gdelt", "dyads", "-g", "QUAD", "--store", store, "--roots", "-o", "csv")
    assert code == 0 and out.splitlines() == ["kind,subject,month,root,events,goldstein_sum"]
    assert "no event between two of AUS, IND, JPN, USA in any month" in err
    code, out, err = run("--db", db, "gdelt", "dyads", "-g", "QUAD", "--store", store, "--until", "2020-01")
    assert code == 0 and "month" in out and "dyad" in out  # the table's header
    assert "QUAD" not in out and "up to 2020-01" in err
    code, out, _ = run("--db", db, "gdelt", "dyads", "-g", "QUAD", "--store", store, "-o", "json")
    assert code == 0 and json.loads(out) == []
    code, _, err = run("--db", db, "gdelt", "dyads", "-g", "ATP", "--store", str(tmp_path / "nowhere"))
    assert code == 2 and "no such store" in err
