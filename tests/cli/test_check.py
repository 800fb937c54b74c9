"""``tariqa check``: every output format, the shipped example, and clear errors that change nothing."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tariqa.cli import app
from tests.conftest import small_record, write_yaml

runner = CliRunner()
CLAIM = {
    "id": "second-round",
    "text": "The second round | was held in Islamabad.",
    "published": {"url": "https://example.org/a"},
    "check": {"type": "round", "format": "atp-fm", "ordinal": 1, "city": "Baku", "date": "2017-11"},
}


def run(db: str, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--db", db, *args])
    assert "Traceback" not in result.output + result.stderr
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "cli.db")
    code, _, err = run(path, "import", str(write_yaml(tmp_path / "r.yaml", small_record())))
    assert code == 0, err
    return path


@pytest.fixture
def claims(tmp_path: Path) -> Path:
    return write_yaml(tmp_path / "claims.yaml", {"group": "ATP", "claims": [CLAIM]})


def test_json_csv_markdown_and_table(db: str, claims: Path) -> None:
    code, out, err = run(db, "check", str(claims), "--output", "json")
    assert code == 0, err
    [row] = json.loads(out)
    assert row["verdict"] == "supported" and row["events"] == ["atp-fm-2017-baku"]
    assert row["sources"] == ["https://mfa.gov.az/en/news/a"] and row["published"] == "https://example.org/a"
    assert "1 claims: 1 supported" in err
    code, out, _ = run(db, "check", str(claims), "-o", "csv")
    [parsed] = list(csv.DictReader(io.StringIO(out)))
    assert parsed["verdict"] == "supported" and json.loads(parsed["events"]) == ["atp-fm-2017-baku"]
    code, out, _ = run(db, "check", str(claims), "-o", "markdown")
    assert out.splitlines()[0] == "| claim | verdict | explanation | events | sources |"
    assert "round \\| was held" in out and "**supported**" in out
    code, out, _ = run(db, "check", str(claims))
    assert code == 0 and "supported" in out and "second-round" in out


def content_digest(db: str) -> str:
    """A digest of the database's content, read through SQLite (never by opening the file
    beside it: that would drop the locks of connections this process may hold)."""
    with closing(sqlite3.connect(db)) as con:
        return hashlib.sha256("\n".join(con.iterdump()).encode()).hexdigest()


def test_bad_claims_exit_2_with_located_problems_and_change_nothing(db: str, tmp_path: Path) -> None:
    before = content_digest(db)
    bad = dict(CLAIM, check={"type": "count", "format": "atp-zz", "between": [3, 1]})
    other = dict(CLAIM, id="other", check={"type": "exists", "group": "NATO"})
    path = write_yaml(tmp_path / "bad.yaml", {"claims": [bad, other]})
    code, out, err = run(db, "check", str(path))
    assert code == 2 and out == ""
    assert "error: 1 problem found" in err
    assert f"{path}:" in err and "claims[0].check: between [3, 1]: the low end is above the high end" in err
    path = write_yaml(
        tmp_path / "bad.yaml",
        {"claims": [dict(bad, check={"type": "count", "format": "atp-zz", "at_least": 1}), other]},
    )
    code, _, err = run(db, "check", str(path))
    assert code == 2
    assert "claims[0].check.format: unknown format 'atp-zz'" in err
    assert "claims[1].check.group: unknown group 'NATO' (known: ATP)" in err
    (tmp_path / "notyaml.yaml").write_text("claims: [\n")
    code, _, err = run(db, "check", str(tmp_path / "notyaml.yaml"))
    assert code == 2 and "notyaml.yaml:2: not YAML" in err
    code, _, err = run(db, "check", str(tmp_path / "missing.yaml"))
    assert code == 2 and "no such file" in err
    assert content_digest(db) == before


def test_the_shipped_example_by_name(tmp_path: Path) -> None:
    db = str(tmp_path / "ref.db")
    assert run(db, "init")[0] == 0
    code, out, err = run(db, "check", "atp", "-o", "json")
    assert code == 1, err  # the record contradicts published claims: a check that finds problems exits 1
    verdicts = {r["id"]: r["verdict"] for r in json.loads(out)}
    assert verdicts["dailysabah-2024-speakers-baku-declaration-2022"] == "contradicted"
    assert "15 claims" in err


def test_help_has_an_example() -> None:
    result = runner.invoke(app, ["check", "--help"])
    assert result.exit_code == 0 and "Example:" in result.output


def claim(id_: str, **check: object) -> dict[str, object]:
    return dict(CLAIM, id=id_, check={"type": "round", "format": "atp-fm", **check})


SUPPORTED = claim("supported", ordinal=1, city="Baku", date="2017-11")
IMPRECISE = claim("imprecise", ordinal=1, date="2017-11-15")  # the right month, the wrong day
UNVERIFIABLE = claim("unverifiable", ordinal=7, city="Baku")  # no seventh round in the record
CONTRADICTED = claim("contradicted", ordinal=1, city="Ankara")


@pytest.mark.parametrize(
    ("claims", "code", "tally"),
    [
        ([SUPPORTED, IMPRECISE, UNVERIFIABLE], 0, "3 claims: 1 imprecise, 1 supported, 1 unverifiable"),
        ([IMPRECISE, UNVERIFIABLE], 0, "2 claims: 1 imprecise, 1 unverifiable"),
        ([SUPPORTED, CONTRADICTED, UNVERIFIABLE], 1, "3 claims: 1 contradicted, 1 supported, 1 unverifiable"),
    ],
)
def test_exit_code_is_1_only_when_the_record_contradicts_a_claim(
    db: str, tmp_path: Path, claims: list[dict[str, object]], code: int, tally: str
) -> None:
    """The README: 0 when every claim is supported, imprecise or unverifiable; 1 when the
    record contradicts one; 2 for an invalid file or a usage error (below)."""
    path = write_yaml(tmp_path / "claims.yaml", {"group": "ATP", "claims": claims})
    for output in ("table", "json", "csv", "markdown"):
        got, _, err = run(db, "check", str(path), "--output", output)
        assert got == code and err.strip().splitlines()[-1] == tally, err


@pytest.mark.parametrize(
    "args",
    [
        ["check"],
        ["check", "{claims}", "--output", "pdf"],
        ["check", "{claims}", "--nope"],
        ["check", "{tmp}/none.yaml"],
    ],
)
def test_usage_errors_exit_2(db: str, tmp_path: Path, claims: Path, args: list[str]) -> None:
    code, out, _ = run(db, *(a.format(claims=claims, tmp=tmp_path) for a in args))
    assert code == 2 and out == ""
