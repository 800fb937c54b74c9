"""Logging in and out, roles on every route, CSRF, rate limiting and API tokens."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from tariqa.storage import open_store
from tests.web.conftest import client_for

PASSWORD = "correct horse battery staple"


@pytest.fixture(scope="module")
def users(db: str) -> dict[str, str]:
    store = open_store(db)
    for name, role in (
        ("vera", "viewer"),
        ("cora", "coder"),
        ("ed", "editor"),
        ("ada", "admin"),
        ("gone", "coder"),
        ("rita", "coder"),
    ):
        if name not in {u.name for u in store.users()}:
            store.add_user(name, PASSWORD, role)
    store.disable_user("gone")
    return {"viewer": "vera", "coder": "cora", "editor": "ed", "admin": "ada"}


@pytest.fixture
def client(db: str, users: dict[str, str]) -> Iterator[TestClient]:
    with client_for(db, login_attempts=3) as c:
        c.follow_redirects = False
        yield c


def csrf_of(page: str) -> str:
    found = re.search(r'name="csrf" value="([^"]*)"', page)
    assert found, "no CSRF field in the page"
    return found.group(1)


def log_in(client: TestClient, name: str, password: str = PASSWORD) -> str:
    """Log in through the form; return the session's CSRF token."""
    form = client.get("/login")
    response = client.post(
        "/login", data={"name": name, "password": password, "csrf": csrf_of(form.text), "next": "/events"}
    )
    assert response.status_code == 303, response.text[:300]
    assert response.headers["location"] == "/events"
    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie
    return csrf_of(client.get("/").text)


def test_login_then_read_then_logout(client: TestClient) -> None:
    csrf = log_in(client, "vera")
    assert client.get("/api/groups/ATP").status_code == 200
    assert "vera (viewer)" in client.get("/").text
    assert client.post("/logout", data={"csrf": csrf}).status_code == 303
    assert client.get("/api/groups/ATP").status_code == 401


def test_wrong_password_disabled_user_and_forged_login(client: TestClient) -> None:
    form = client.get("/login")
    bad = client.post("/login", data={"name": "vera", "password": "wrong", "csrf": csrf_of(form.text)})
    assert bad.status_code == 401 and "Wrong name or password" in bad.text
    gone = client.post(
        "/login", data={"name": "gone", "password": PASSWORD, "csrf": csrf_of(client.get("/login").text)}
    )
    assert gone.status_code == 401
    forged = client.post("/login", data={"name": "vera", "password": PASSWORD, "csrf": "forged"})
    assert forged.status_code == 403


def test_login_is_rate_limited(db: str, users: dict[str, str]) -> None:
    with client_for(db, login_attempts=3) as client:
        client.follow_redirects = False
        for _ in range(3):
            form = client.get("/login")
            client.post("/login", data={"name": "rita", "password": "nope", "csrf": csrf_of(form.text)})
        form = client.get("/login")
        blocked = client.post("/login", data={"name": "rita", "password": PASSWORD, "csrf": csrf_of(form.text)})
        assert blocked.status_code == 429


def test_open_redirects_are_refused(client: TestClient) -> None:
    form = client.get("/login?next=//evil.example/x")
    assert 'value="/"' in form.text
    response = client.post(
        "/login",
        data={"name": "vera", "password": PASSWORD, "csrf": csrf_of(form.text), "next": "https://evil.example"},
    )
    assert response.headers["location"] == "/"


def test_coding_needs_the_coder_role_and_a_csrf_token(client: TestClient) -> None:
    body = {"start": 0, "end": 9, "code": "threat", "memo": ""}
    log_in(client, "vera")
    assert (
        client.post("/documents/atp-baku-2017/codings", data=body | {"csrf": csrf_of(client.get("/").text)}).status_code
        == 403
    )
    csrf = log_in(client, "cora")
    assert client.post("/documents/atp-baku-2017/codings", data=body).status_code == 403  # no token
    assert client.post("/documents/atp-baku-2017/codings", data=body | {"csrf": "forged"}).status_code == 403
    made = client.post("/documents/atp-baku-2017/codings", data=body | {"csrf": csrf})
    assert made.status_code == 303
    codings = client.get("/api/documents/atp-baku-2017").json()["codings"]
    assert any(c["code"] == "threat" and c["coder"] == "cora" and c["end"] == 9 for c in codings)


def test_bad_coding_is_shown_and_nothing_saved(client: TestClient) -> None:
    csrf = log_in(client, "cora")
    before = client.get("/api/documents/atp-baku-2017").json()["codings"]
    for body in ({"start": 5, "end": 99_999, "code": "threat"}, {"start": 0, "end": 4, "code": "no-such-code"}):
        response = client.post("/documents/atp-baku-2017/codings", data=body | {"csrf": csrf})
        assert response.status_code == 422 and "Not saved" in response.text
    assert client.get("/api/documents/atp-baku-2017").json()["codings"] == before


def test_api_tokens_work_without_cookies_or_csrf(db: str, client: TestClient) -> None:
    store = open_store(db)
    token = store.new_api_token(store.user("cora"), "script")
    with client_for(db) as api:
        headers = {"Authorization": f"Bearer {token}"}
        assert api.get("/api/groups/ATP", headers=headers).status_code == 200
        made = api.post(
            "/api/documents/atp-baku-2017/codings", json={"start": 0, "end": 4, "code": "norms"}, headers=headers
        )
        assert made.status_code == 201 and made.json()["coder"] == "cora"
        assert api.get("/api/groups/ATP", headers={"Authorization": "Bearer wrong"}).status_code == 401


def test_every_write_route_refuses_viewers(client: TestClient) -> None:
    csrf = log_in(client, "vera")
    writes = ("/documents/atp-baku-2017/codings", "/codings/x/review", "/edit/events?key=fm-2", "/new/sources")
    for path in writes:
        assert client.post(path, data={"csrf": csrf}).status_code == 403, path
    for path in ("/edit/events?key=fm-2", "/new/events", "/new/documents"):
        assert client.get(path).status_code == 403, path


def test_an_expired_session_is_anonymous(db: str, client: TestClient) -> None:
    store = open_store(db)
    token, _ = store.start_session(store.user("vera"), hours=-1)
    client.cookies.set("tariqa_session", token)
    assert client.get("/api/groups/ATP").status_code == 401
    assert client.get("/groups/ATP").headers["location"].startswith("/login")


def test_coders_write_memos_on_documents(client: TestClient) -> None:
    csrf = log_in(client, "cora")
    assert (
        client.post("/documents/atp-baku-2017/memos", data={"text": "Compare with the 2021 text."}).status_code == 403
    )
    saved = client.post("/documents/atp-baku-2017/memos", data={"text": "Compare with the 2021 text.", "csrf": csrf})
    assert saved.status_code == 303
    memos = client.get("/api/documents/atp-baku-2017").json()["memos"]
    assert [(m["author"], m["text"]) for m in memos] == [("cora", "Compare with the 2021 text.")]
    assert client.post("/documents/no-such-doc/memos", data={"text": "x", "csrf": csrf}).status_code == 404


def test_admins_manage_accounts_in_the_browser(client: TestClient) -> None:
    csrf = log_in(client, "ed")
    assert client.get("/admin/users").status_code == 403
    assert client.get("/api/admin/users").status_code == 403
    csrf = log_in(client, "ada")
    assert "vera" in {u["name"] for u in client.get("/api/admin/users").json()["users"]}
    added = client.post(
        "/admin/users", data={"name": "nadia", "password": "long enough secret", "role": "coder", "csrf": csrf}
    )
    assert added.status_code == 303
    assert client.post("/admin/users", data={"name": "x", "password": "short", "csrf": csrf}).status_code == 422
    assert client.post("/admin/users/nadia/role", data={"role": "editor", "csrf": csrf}).status_code == 303
    assert client.post("/admin/users/nadia/role", data={"role": "emperor", "csrf": csrf}).status_code == 422
    assert client.post("/admin/users/nadia/disable", data={"csrf": csrf}).status_code == 303
    assert client.post("/admin/users/nadia/disable", data={}).status_code == 403  # no CSRF token
    accounts = {u["name"]: u for u in client.get("/api/admin/users").json()["users"]}
    assert accounts["nadia"]["role"] == "editor" and not accounts["nadia"]["active"]


def test_admins_list_and_revoke_api_tokens(db: str, client: TestClient) -> None:
    store = open_store(db)
    rita = store.user("rita")
    for old in store.api_tokens(rita):
        store.revoke_api_token(rita, old.id)
    token = store.new_api_token(rita, "weekly report")
    store.new_api_token(rita, "notebook")
    assert store.token_user(token) is not None
    csrf = log_in(client, "ada")
    accounts = {u["name"]: u for u in client.get("/api/admin/users").json()["users"]}
    tokens = accounts["rita"]["tokens"]
    assert [(t["label"], t["last_used"] is not None) for t in tokens] == [("weekly report", True), ("notebook", False)]
    assert token not in client.get("/admin/users").text and "weekly report" in client.get("/admin/users").text
    revoke = f"/admin/users/rita/tokens/{tokens[0]['id']}/revoke"
    assert client.post(revoke, data={}).status_code == 403  # no CSRF token
    assert store.token_user(token) is not None
    assert client.post(revoke, data={"csrf": csrf}).status_code == 303
    assert store.token_user(token) is None
    assert client.post(revoke, data={"csrf": csrf}).status_code == 422  # already gone: shown, nothing changed
    assert client.post(f"/admin/users/vera/tokens/{tokens[1]['id']}/revoke", data={"csrf": csrf}).status_code == 422
    assert [t.label for t in store.api_tokens(rita)] == ["notebook"]  # another user's id revokes nothing
    csrf = log_in(client, "ed")
    assert client.post(f"/admin/users/rita/tokens/{tokens[1]['id']}/revoke", data={"csrf": csrf}).status_code == 403
    assert [t.label for t in store.api_tokens(rita)] == ["notebook"]
