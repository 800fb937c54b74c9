"""A web application over a small record built in code, with and without anonymous reading."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from tariqa.cli import app as cli
from tariqa.web import Settings, create_app
from tests.conftest import write_yaml
from tests.indicators.test_indicators import record


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    tmp = tmp_path_factory.mktemp("web")
    path = str(tmp / "web.db")
    runner = CliRunner()
    assert runner.invoke(cli, ["--db", path, "codebook", "import"]).exit_code == 0
    result = runner.invoke(cli, ["--db", path, "import", str(write_yaml(tmp / "r.yaml", record()))])
    assert result.exit_code == 0, result.stderr
    return path


def client_for(db: str, **settings: Any) -> TestClient:
    return TestClient(create_app(Settings(database=db, **settings)), raise_server_exceptions=False)


@pytest.fixture(scope="module")
def public(db: str) -> Iterator[TestClient]:
    """Anonymous visitors may read."""
    with client_for(db, anonymous_read=True) as client:
        yield client


@pytest.fixture(scope="module")
def private(db: str) -> Iterator[TestClient]:
    """The default: nothing without logging in."""
    with client_for(db) as client:
        yield client


def fixture_path(tmp: Path) -> Path:
    return tmp
