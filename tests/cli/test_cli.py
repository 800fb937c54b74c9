"""The command line: thin shells, one clear line per user error, exit code 2."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tariqa.cli import app
from tests.conftest import small_record, write_yaml

runner = CliRunner()


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "cli.db")


def run(db: str, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--db", db, *args])
    assert "Traceback" not in result.output + result.stderr
    return result.exit_code, result.stdout, result.stderr


def loaded(db: str, tmp_path: Path) -> str:
    write_yaml(tmp_path / "r.yaml", small_record())
    code, _, err = run(db, "import", str(tmp_path / "r.yaml"))
    assert code == 0, err
    return db


def test_import_events_and_filters(db: str, tmp_path: Path) -> None:
    loaded(db, tmp_path)
    code, out, _ = run(db, "events", "--group", "ATP", "--output", "json")
    assert code == 0
    rows = json.loads(out)
    assert [r["id"] for r in rows] == ["atp-fm-2017-baku", "atp-aze-tur-2021"]
    assert rows[1]["date"] == "2021-06"  # month precision shown as such
    code, out, _ = run(db, "events", "--group", "ATP", "--track", "leaders", "-o", "csv")
    assert out.splitlines()[0].startswith("id,date,group,format")
    assert len(out.splitlines()) == 2
    code, out, _ = run(db, "events", "--format-id", "atp-fm", "--since", "2017-01-01", "--until", "2018-01-01")
    assert "Baku" in out and code == 0
    code, out, _ = run(db, "events", "--kind", "declaration", "--level", "head-of-state-or-government", "-o", "json")
    assert [r["id"] for r in json.loads(out)] == ["atp-aze-tur-2021"]


def test_groups(db: str, tmp_path: Path) -> None:
    loaded(db, tmp_path)
    code, out, _ = run(db, "groups", "-o", "json")
    assert json.loads(out) == [
        {
            "id": "ATP",
            "name": "Azerbaijan–Türkiye–Pakistan",
            "members": ["AZE", "TUR", "PAK"],
            "start_date": None,
            "checked_through": None,
            "events": 2,
            "joint_events": 1,
            "member_pairs": 1,
            "formats": 1,
            "high": 1,
            "medium": 1,
            "low": 0,
        }
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["events", "--group", "NOPE"], "unknown group 'NOPE' (known: ATP)"),
        (["events", "--format-id", "atp-x"], "unknown format 'atp-x'"),
        (["events", "--since", "2021-13-01"], "--since: '2021-13-01' is not a valid date"),
        (["export", "out", "--format", "xml"], "unknown format 'xml'"),
        (["import", "missing.yaml"], "missing.yaml: no such file or directory"),
    ],
)
def test_user_errors_exit_2_with_one_line(db: str, tmp_path: Path, args: list[str], message: str) -> None:
    loaded(db, tmp_path)
    code, _, err = run(db, *args)
    assert code == 2
    assert message in err
    assert len(err.strip().splitlines()) == 1


def test_invalid_import_lists_every_problem_and_writes_nothing(db: str, tmp_path: Path) -> None:
    data = small_record()
    data["events"][0]["date"] = "2021-13-01"
    data["events"][1]["host"] = "XXX"
    path = write_yaml(tmp_path / "bad.yaml", data)
    code, _, err = run(db, "import", str(path))
    assert code == 2
    assert "2 problems found; nothing was written" in err
    assert f"{path}:32: date: '2021-13-01' is not a valid date" in err
    code, out, _ = run(db, "groups", "-o", "json")
    assert json.loads(out) == []


def test_conflict_and_replace(db: str, tmp_path: Path) -> None:
    loaded(db, tmp_path)
    data = small_record()
    data["events"][0]["city"] = "Ganja"
    path = write_yaml(tmp_path / "r2.yaml", data)
    code, _, err = run(db, "import", str(path))
    assert code == 2 and "use --replace" in err
    code, out, _ = run(db, "import", str(path), "--replace")
    assert code == 0 and "events" in out


def test_validate_files_writes_nothing(db: str, tmp_path: Path) -> None:
    path = write_yaml(tmp_path / "r.yaml", small_record())
    code, out, err = run(db, "validate", str(path))
    assert code == 0 and "an import would succeed" in err and "dry run" in out
    code, out, _ = run(db, "events", "-o", "json")
    assert json.loads(out) == []
    code, _, err = run(db, "validate")
    assert code == 0 and "the record passes every check" in err


def test_export_every_format(db: str, tmp_path: Path) -> None:
    loaded(db, tmp_path)
    for fmt in ("yaml", "json", "csv", "datapackage"):
        code, out, err = run(db, "export", str(tmp_path / fmt), "--format", fmt)
        assert code == 0, err
        assert (tmp_path / fmt / f"events.{'csv' if fmt == 'datapackage' else fmt}").exists()
    (tmp_path / "afile").write_text("x")
    code, _, err = run(db, "export", str(tmp_path / "afile"))
    assert code == 2 and "is a file, not a folder" in err


def test_sources_check(db: str, tmp_path: Path) -> None:
    data = small_record()
    data["sources"].append({"url": "http://mfa.gov.az/en/news/a/", "publisher": "Dup", "title": "D"})
    data["sources"].append({"url": "http://localhost:8000/x", "publisher": "Me", "title": "L"})
    write_yaml(tmp_path / "r.yaml", data)
    run(db, "import", str(tmp_path / "r.yaml"))
    code, out, _ = run(db, "sources", "check", "-o", "json")
    assert code == 1
    kinds = sorted((f["kind"], f["subject"]) for f in json.loads(out))
    assert kinds == [
        ("duplicate", "https://mfa.gov.az/en/news/a"),
        ("unreachable", "http://localhost:8000/x"),
        ("unused", "http://localhost:8000/x"),
        ("unused", "http://mfa.gov.az/en/news/a/"),
    ]


def test_not_a_database(tmp_path: Path) -> None:
    bad = tmp_path / "x.db"
    bad.write_text("not a database")
    code, _, err = run(str(bad), "groups")
    assert code == 2 and "is not a SQLite database" in err


def test_console_script_has_no_traceback(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "tariqa", "--db", str(tmp_path / "x.db"), "events", "--group", "NOPE"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 2
    assert proc.stderr.strip() == "error: unknown group 'NOPE' (known: none)"
