"""Reliability over stored codings: units built from sentences and characters."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tariqa.cli import app
from tests.conftest import small_record, write_yaml

TEXT = "First point made. Second point made. Third point made.\n"  # 3 sentences, 55 characters
runner = CliRunner()


def span(part: str) -> tuple[int, int]:
    start = TEXT.index(part)
    return start, start + len(part)


def coding(part: str, code: str, coder: str) -> dict[str, object]:
    start, end = span(part)
    return {"document": "atp-baku-2017", "start": start, "end": end, "code": code, "coder": coder}


@pytest.fixture
def db(tmp_path: Path) -> str:
    data = small_record()
    data["document_texts"] = [{"id": "atp-baku-2017", "text": TEXT}]
    data["codings"] = [
        coding("First point made.", "threat", "a"),
        coding("Second point", "threat", "a"),
        coding("First point", "threat", "b"),
    ]
    write_yaml(tmp_path / "r.yaml", data)
    path = str(tmp_path / "r.db")
    assert runner.invoke(app, ["--db", path, "codebook", "import"]).exit_code == 0
    assert runner.invoke(app, ["--db", path, "import", str(tmp_path / "r.yaml")]).exit_code == 0
    return path


def stats(db: str, *args: str) -> dict[tuple[str, str], float]:
    result = runner.invoke(app, ["--db", db, "reliability", *args, "-o", "json"])
    assert result.exit_code == 0, result.stderr
    return {(r["code"], r["statistic"]): r["value"] for r in json.loads(result.stdout)}


def test_sentence_units(db: str) -> None:
    # a = [1, 1, 0], b = [1, 0, 0]: agreement 2/3, p_e = 4/9, kappa = (2/9)/(5/9) = 0.4
    found = stats(db, "--unit", "sentence", "--coders", "a,b")
    assert found[("threat", "percent_agreement")] == round(2 / 3, 4)
    assert found[("threat", "cohen_kappa")] == 0.4


def test_character_units(db: str) -> None:
    a1, a2 = span("First point made."), span("Second point")
    b = span("First point")
    coded_a, coded_b = (a1[1] - a1[0]) + (a2[1] - a2[0]), b[1] - b[0]
    both, n = coded_b, len(TEXT)
    agree = (n - coded_a - coded_b + both + both) / n
    found = stats(db, "--unit", "character")
    assert found[("threat", "percent_agreement")] == round(agree, 4)
    assert found[("threat", "jaccard_coded_only")] == round(both / coded_a, 4)
    assert ("threat", "alpha_u") in found


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--coders", "a"], "at least 2 coders"),
        (["--coders", "a,zed"], "no settled codings by 'zed'"),
        (["--unit", "word"], "Invalid value for '--unit'"),
        (["--code", "nope"], "unknown code 'nope'"),
    ],
)
def test_errors(db: str, args: list[str], message: str) -> None:
    result = runner.invoke(app, ["--db", db, "reliability", *args])
    assert result.exit_code == 2 and message in result.stderr
