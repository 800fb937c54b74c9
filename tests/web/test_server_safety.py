"""The real server when things go wrong around it: its file replaced or emptied, a second
server on its port, SIGTERM in the middle of saves."""

from __future__ import annotations

import os
import sqlite3
import threading
from pathlib import Path

import httpx
import pytest

from tests.conftest import write_yaml
from tests.indicators.test_indicators import record
from tests.web.serving import Server, edit_event, ok, tariqa

pytestmark = pytest.mark.slow


@pytest.fixture
def served(tmp_path: Path) -> tuple[str, str]:
    """A SQLite database with a small record, a document with text, and an editor's token."""
    db = str(tmp_path / "served.db")
    ok(db, "codebook", "import")
    ok(db, "import", str(write_yaml(tmp_path / "r.yaml", record())))
    text = tmp_path / "declaration.txt"
    text.write_text("The ministers condemned terrorism and agreed to expand trade and energy links. " * 50)
    ok(db, "docs", "import", str(text), "--kind", "declaration")
    ok(db, "users", "add", "ed", "--role", "editor", "--password-stdin", stdin="an editor's long password\n")
    return db, ok(db, "users", "token", "ed", "--label", "t").strip().split()[-1]


def code(client: httpx.Client, start: int) -> httpx.Response:
    return client.post("/api/documents/declaration/codings", json={"start": start, "end": start + 8, "code": "economy"})


def test_a_second_server_on_the_same_port_gets_one_clear_line(served: tuple[str, str], tmp_path: Path) -> None:
    db, _ = served
    server = Server(db, tmp_path / "server.log", workers=1)
    server.start()
    try:
        done = tariqa(db, "serve", "--port", str(server.port))
        assert done.returncode == 2 and "Traceback" not in done.stderr
        assert done.stderr.count("\n") == 1 and f"--port {server.port}" in done.stderr
        assert "another tariqa serve" in done.stderr
    finally:
        server.stop()


@pytest.mark.parametrize("how", ["replaced", "emptied"])
def test_a_file_changed_under_the_server_refuses_writes(served: tuple[str, str], tmp_path: Path, how: str) -> None:
    db, token = served
    server = Server(db, tmp_path / "server.log", workers=1)
    server.start()
    try:
        with httpx.Client(base_url=server.url, headers={"Authorization": f"Bearer {token}"}, timeout=30) as client:
            assert code(client, 0).status_code == 201
            if how == "replaced":
                other = tmp_path / "other.db"
                ok(str(other), "groups")
                os.replace(other, db)
            else:
                os.truncate(db, 0)
            refused = code(client, 100)
            assert refused.status_code == 503 and refused.headers["retry-after"] == "5"
            assert how in refused.json()["error"] and "nothing was written" in refused.json()["error"]
            assert client.get("/api/documents").status_code == 503
            assert "Traceback" not in server.log.read_text()
    finally:
        server.stop()


def test_sigterm_during_saves_leaves_each_save_whole_or_absent(served: tuple[str, str], tmp_path: Path) -> None:
    """Saves are in flight when the server is told to stop: every acknowledged one is
    there, and no record changed without its audit row (or the other way round)."""
    db, token = served
    server = Server(db, tmp_path / "server.log", workers=2)
    server.start()
    acknowledged: list[str] = []
    stop = threading.Event()

    def writer(offset: int) -> None:
        with httpx.Client(base_url=server.url, headers={"Authorization": f"Bearer {token}"}, timeout=30) as client:
            n = 0
            while not stop.is_set():
                try:
                    r = code(client, offset + n * 17 % 3000)
                except httpx.HTTPError:
                    return  # the server went away mid-request: not acknowledged
                if r.status_code == 201:
                    acknowledged.append(r.json()["key"])
                n += 1

    def editor() -> None:
        with httpx.Client(base_url=server.url, headers={"Authorization": f"Bearer {token}"}, timeout=30) as client:
            n = 0
            while not stop.is_set():
                try:
                    edit_event(client, "atp-fm-2017-baku", f"Edit number {n}.")
                except (httpx.HTTPError, ValueError, KeyError):
                    return
                n += 1

    threads = [threading.Thread(target=writer, args=(k * 5,)) for k in range(3)]
    threads.append(threading.Thread(target=editor))
    for t in threads:
        t.start()
    threading.Event().wait(3)
    server.stop()  # SIGTERM while the writers are still sending
    stop.set()
    for t in threads:
        t.join(timeout=60)
    assert acknowledged
    with sqlite3.connect(db) as con:
        stored = {row[0] for row in con.execute("SELECT id FROM codings")}
        body = con.execute("SELECT body FROM events WHERE id = 'atp-fm-2017-baku'").fetchone()[0]
        audited = con.execute(
            'SELECT "after", count(*) OVER () FROM record_changes WHERE "key" = \'atp-fm-2017-baku\' ORDER BY id DESC'
        ).fetchone()
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert set(acknowledged) <= stored
    assert audited is not None and audited[1] > 1 and audited[0] == body  # the newest change is the stored body
