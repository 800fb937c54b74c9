"""No network at import, on a page render or in a report build: a tour of the offline
commands runs with every outbound connection refused, and none is attempted."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from tests.conftest import small_record, write_yaml


def test_offline_commands_attempt_no_connection(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    attempts: list[object] = []

    def refuse(self: socket.socket, address: object) -> None:
        attempts.append(address)
        raise OSError("network disabled in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", lambda *a, **k: refuse(None, a))  # type: ignore[arg-type]

    import tariqa.cli
    import tariqa.fetch.client
    import tariqa.fetch.gdelt
    import tariqa.fetch.health
    import tariqa.fetch.sources
    import tariqa.fetch.texts
    import tariqa.fetch.unga

    runner = CliRunner()
    db = str(tmp_path / "t.db")
    write_yaml(tmp_path / "r.yaml", small_record())
    tour = [
        ["import", str(tmp_path / "r.yaml")],
        ["groups"],
        ["events", "--group", "ATP", "-o", "json"],
        ["sources", "check"],
        ["sources", "health", "-o", "csv"],
        ["indicators", "--group", "ATP"],
        ["docs", "list"],
        ["report", "--group", "ATP", "--out", str(tmp_path / "report")],
    ]
    for args in tour:
        result = runner.invoke(tariqa.cli.app, ["--db", db, *args])
        assert result.exit_code in (0, 1), (args, result.output, result.stderr)
    assert (tmp_path / "report" / "index.html").is_file()
    from tariqa.web import Settings, create_app

    with TestClient(create_app(Settings(database=db, anonymous_read=True))) as client:
        for page in ("/", "/groups/ATP", "/events"):
            assert client.get(page).status_code == 200
    assert attempts == []


def test_fetch_commands_refuse_bad_input_with_one_line(tmp_path: Path) -> None:
    import tariqa.cli

    runner = CliRunner()
    db = str(tmp_path / "t.db")
    write_yaml(tmp_path / "r.yaml", small_record())
    assert runner.invoke(tariqa.cli.app, ["--db", db, "import", str(tmp_path / "r.yaml")]).exit_code == 0
    cases = {
        ("sources", "fetch", "--concurrency", "0"): "must be at least 1",
        ("sources", "fetch", "--group", "NOPE"): "unknown group 'NOPE'",
        ("sources", "fetch", "--only", "trade"): "documents, events, all",
        ("gdelt", "fetch", "--since", "2019-10-25", "--until", "2019-10-24", "--out", str(tmp_path / "g")): "ends",
    }
    for args, message in cases.items():
        result = runner.invoke(tariqa.cli.app, ["--db", db, *args])
        assert result.exit_code == 2 and message in result.stderr, (args, result.stderr)
    assert not (tmp_path / "g").exists()
