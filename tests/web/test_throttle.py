"""Login throttling: per name and address, per address across names, atomic under
concurrent attempts (real threads against a real server, on SQLite and PostgreSQL), a
Retry-After on every refusal, and no trust in X-Forwarded-For unless a proxy is named."""

from __future__ import annotations

import re
import sqlite3
import threading
from pathlib import Path

import httpx
import pytest

from tariqa.storage import open_store
from tariqa.web import Settings, create_app
from tests.web.conftest import client_for
from tests.web.live import running, tariqa_serve

PASSWORD = "correct horse battery staple"


def _csrf(page: str) -> str:
    found = re.search(r'name="csrf" value="([^"]*)"', page)
    assert found
    return found.group(1)


def _attempt(client: httpx.Client | object, name: str, password: str, headers: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    form = client.get("/login")  # type: ignore[attr-defined]
    data = {"name": name, "password": password, "csrf": _csrf(form.text)}
    return client.post("/login", data=data, headers=headers or {})  # type: ignore[attr-defined]


def _retry_after(response: httpx.Response, window: int) -> int:
    seconds = int(response.headers["retry-after"])
    assert 1 <= seconds <= window
    return seconds


def test_one_address_is_throttled_across_names(tmp_path: Path) -> None:
    db = str(tmp_path / "t.db")
    with open_store(db) as store:
        store.add_user("amina", PASSWORD, "viewer")
    with client_for(db, login_attempts=5, login_attempts_per_address=20) as client:
        client.follow_redirects = False
        statuses = [_attempt(client, f"name{i % 6}", "wrong password").status_code for i in range(30)]
        assert statuses == [401] * 20 + [429] * 10
        refused = _attempt(client, "amina", PASSWORD)  # the right password of a seventh name
        assert refused.status_code == 429
        assert _retry_after(refused, 300) >= 290  # when the 20th newest failure, just made, leaves the window
        assert "too many failed logins" in refused.text


def test_every_refusal_says_when_to_retry(tmp_path: Path) -> None:
    db = str(tmp_path / "t.db")
    with client_for(db, login_attempts=2, login_window=120) as client:
        client.follow_redirects = False
        assert [_attempt(client, "amina", "wrong password").status_code for _ in range(2)] == [401, 401]
        refused = _attempt(client, "amina", "wrong password")
        assert refused.status_code == 429 and _retry_after(refused, 120) > 0


def test_a_good_login_does_not_count_as_a_failure(tmp_path: Path) -> None:
    db = str(tmp_path / "t.db")
    with open_store(db) as store:
        store.add_user("amina", PASSWORD, "viewer")
    with client_for(db, login_attempts=2) as client:
        client.follow_redirects = False
        for _ in range(4):
            assert _attempt(client, "amina", PASSWORD).status_code == 303
        assert _attempt(client, "amina", "wrong password").status_code == 401


@pytest.mark.slow
def test_concurrent_wrong_passwords_cannot_exceed_the_limit(db_url: str) -> None:
    with open_store(db_url) as store:
        store.add_user("amina", PASSWORD, "viewer")
    app = create_app(Settings(database=db_url, login_attempts=5, login_attempts_per_address=1000))
    with running(app) as url:
        clients = [httpx.Client(base_url=url, timeout=60) for _ in range(30)]
        forms = [_csrf(c.get("/login").text) for c in clients]
        start = threading.Barrier(len(clients))
        answers: list[httpx.Response] = []

        def attempt(client: httpx.Client, csrf: str) -> None:
            start.wait()
            answers.append(client.post("/login", data={"name": "amina", "password": "wrong", "csrf": csrf}))

        threads = [threading.Thread(target=attempt, args=pair) for pair in zip(clients, forms, strict=True)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(120)
        for client in clients:
            client.close()
    statuses = sorted(r.status_code for r in answers)
    assert statuses == [401] * 5 + [429] * 25
    assert all(int(r.headers["retry-after"]) > 0 for r in answers if r.status_code == 429)


def _addresses(db: Path) -> list[str]:
    with sqlite3.connect(db) as con:
        return [row[0] for row in con.execute("SELECT address FROM login_failures ORDER BY id")]


@pytest.mark.slow
def test_a_forged_forwarded_for_is_ignored_by_default(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    with open_store(str(db)) as store:
        store.add_user("amina", PASSWORD, "viewer")
    with tariqa_serve(str(db)) as url, httpx.Client(base_url=url) as client:
        statuses = [
            _attempt(client, "amina", "wrong password", {"X-Forwarded-For": f"198.51.100.{i}"}).status_code
            for i in range(6)
        ]
    assert statuses == [401] * 5 + [429]
    assert _addresses(db) == ["127.0.0.1"] * 5


@pytest.mark.slow
def test_a_named_proxy_is_trusted(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    with tariqa_serve(str(db), "--forwarded-allow-ips", "127.0.0.1") as url, httpx.Client(base_url=url) as client:
        for i in range(6):
            response = _attempt(client, "amina", "wrong password", {"X-Forwarded-For": f"198.51.100.{i}"})
            assert response.status_code == 401
    assert _addresses(db) == [f"198.51.100.{i}" for i in range(6)]
