"""Shared fixtures: stores on SQLite (always) and PostgreSQL (when a server is reachable;
always in CI), small records built in code, and a CLI runner."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from tariqa.storage import Store, open_store

PG_URL = os.environ.get("TARIQA_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:55432/postgres")


@pytest.fixture(autouse=True, scope="session")
def _own_data_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The tests get an empty data folder of their own (and so no UN vote data, no default
    database), set before any fixture: what a user keeps in theirs, or a ../shared beside
    the checkout, cannot change a verdict. A test that needs data says so and points at it."""
    patch = pytest.MonkeyPatch()
    patch.setenv("TARIQA_DATA_DIR", str(tmp_path_factory.mktemp("data-folder")))
    patch.delenv("TARIQA_UNGA_DIR", raising=False)
    patch.delenv("TARIQA_DATABASE_URL", raising=False)
    yield
    patch.undo()


def _pg_admin():  # type: ignore[no-untyped-def]
    import psycopg

    try:
        return psycopg.connect(PG_URL, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as exc:
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL must be reachable in CI at {PG_URL}: {exc}")
        pytest.skip(f"no PostgreSQL server at {PG_URL}")


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test; dropped afterwards."""
    admin = _pg_admin()
    name = f"tariqa_test_{uuid.uuid4().hex[:12]}"
    admin.execute(f'CREATE DATABASE "{name}"')
    base = PG_URL.rsplit("/", 1)[0]
    try:
        yield f"{base}/{name}"
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "test.db")
    return str(request.getfixturevalue("pg_url"))


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    with open_store(db_url) as s:
        yield s


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[Store]:
    with open_store(str(tmp_path / "test.db")) as s:
        yield s


URL_A = "https://mfa.gov.az/en/news/a"
URL_B = "https://www.aa.com.tr/en/b"


def small_record() -> dict[str, list[dict[str, object]]]:
    """A tiny, valid record: one group, one format, two sources, two events, one document."""
    return {
        "groups": [{"id": "ATP", "name": "Azerbaijan–Türkiye–Pakistan", "members": ["AZE", "TUR", "PAK"]}],
        "formats": [
            {
                "id": "atp-fm",
                "group": "ATP",
                "name": "Foreign ministers",
                "track": "political-diplomatic",
                "level": "minister",
                "cadence_months": 12,
                "cadence_basis": "declared",
                "rotation": ["AZE", "PAK", "TUR"],
            }
        ],
        "sources": [
            {"url": URL_A, "publisher": "MFA of Azerbaijan", "title": "A", "kind": "official"},
            {
                "url": URL_B,
                "publisher": "Anadolu Agency",
                "title": "B",
                "kind": "news",
                "published": "2021-01-13",
            },
        ],
        "events": [
            {
                "id": "atp-fm-2017-baku",
                "date": "2017-11-30",
                "group": "ATP",
                "format": "atp-fm",
                "ordinal": 1,
                "track": "political-diplomatic",
                "level": "minister",
                "kind": "meeting",
                "host": "AZE",
                "city": "Baku",
                "states": ["AZE", "TUR", "PAK"],
                "participants": [{"state": "AZE", "name": "Elmar Mammadyarov", "role": "Minister"}],
                "documents": ["atp-baku-2017"],
                "summary": "First trilateral meeting of the three foreign ministers.",
                "sources": [URL_A],
                "confidence": "high",
            },
            {
                "id": "atp-aze-tur-2021",
                "date": "2021-06-01",
                "date_precision": "month",
                "group": "ATP",
                "track": "leaders",
                "level": "head-of-state-or-government",
                "kind": "declaration",
                "states": ["AZE", "TUR"],
                "summary": "A bilateral declaration between two members.",
                "sources": [URL_A, URL_B],
                "confidence": "medium",
                "conflicts": [{"field": "date", "values": ["2021-06-15"], "sources": [URL_B], "note": "B differs."}],
            },
        ],
        "documents": [
            {
                "id": "atp-baku-2017",
                "title": "Baku Declaration",
                "date": "2017-11-30",
                "kind": "declaration",
                "signatories": ["AZE", "TUR", "PAK"],
                "event": "atp-fm-2017-baku",
                "summary_points": ["Support for territorial integrity."],
                "sources": [URL_A],
            }
        ],
        "trade_flows": [
            {
                "reporter": "TUR",
                "partner": "AZE",
                "year": 2019,
                "value_usd": 4.5e9,
                "direction": "total",
                "source": URL_B,
            }
        ],
    }


def write_yaml(path: Path, data: object) -> Path:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path
