"""HTTP behaviour every route shares: HEAD answered like GET, 405 with Allow, and error
responses declared in the OpenAPI schema, answered as ``{"error": str}`` in the domain's
words (never the command line's)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from tariqa.storage import open_store
from tariqa.web import Settings, create_app
from tests.web.conftest import client_for
from tests.web.live import running

PASSWORD = "correct horse battery staple"
ERRORS = ("400", "401", "403", "404", "409", "413", "422", "429")
CLI_WORDS = re.compile(r"\(command line\)|(?<![\w-])--[a-z][a-z-]+|TARIQA_[A-Z_]+|\btariqa [a-z]+ ")


def _values(public: TestClient) -> dict[str, str]:
    source = public.get("/api/events/fm-2").json()["sources"][0]["id"]
    return {
        "group_id": "ATP",
        "event_id": "fm-2",
        "document_id": "atp-baku-2017",
        "source_id": source,
        "collection": "events",
        "key": "watch-none",  # a candidate event (tariqa.web.review)
    }


def _flat(routes: list[Any]) -> list[Any]:
    """Routes, with those of included routers (which FastAPI keeps inside them)."""
    found = []
    for route in routes:
        inner = getattr(route, "original_router", None)
        found += _flat(inner.routes) if inner is not None else [route]
    return found


def _get_routes(client: TestClient) -> list[str]:
    routes = _flat(client.app.routes)  # type: ignore[attr-defined]
    return sorted({r.path for r in routes if isinstance(r, APIRoute) and "GET" in (r.methods or ())})


def test_head_is_answered_like_get_on_every_get_route(public: TestClient) -> None:
    values = _values(public)
    checked = 0
    for path in _get_routes(public):
        concrete = re.sub(r"\{(\w+)\}", lambda m: values[m.group(1)], path)
        if path == "/edit/{collection}":
            concrete += "?key=fm-2"
        got = public.get(concrete, follow_redirects=False)
        head = public.head(concrete, follow_redirects=False)
        assert head.status_code == got.status_code, (path, head.status_code, got.status_code)
        assert head.content == b"", path
        assert head.headers.get("content-type") == got.headers.get("content-type"), path
        checked += 1
    assert checked >= 40
    assert public.head("/static/app.css").status_code == 200


def test_head_through_a_real_server(db: str) -> None:
    with running(create_app(Settings(database=db, anonymous_read=True))) as url:
        with httpx.Client(base_url=url) as client:
            got, head = client.get("/api/events"), client.head("/api/events")
            assert head.status_code == 200 and head.content == b""
            assert head.headers["content-length"] == got.headers["content-length"]
            assert client.head("/events").status_code == 200
            assert client.get("/api").status_code == 200  # the connection still works after HEAD


@pytest.mark.parametrize(
    ("method", "path", "allow"),
    [
        ("PUT", "/api/events", "GET, HEAD"),
        ("POST", "/api/events", "GET, HEAD"),
        ("DELETE", "/claims", "GET, HEAD, POST"),
        ("PATCH", "/api/claims", "POST"),
        ("GET", "/logout", "POST"),
        ("HEAD", "/logout", "POST"),
        ("PUT", "/login", "GET, HEAD, POST"),
    ],
)
def test_405_says_what_is_allowed(public: TestClient, method: str, path: str, allow: str) -> None:
    response = public.request(method, path)
    assert response.status_code == 405 and response.headers["allow"] == allow
    if path.startswith("/api/") and method != "HEAD":
        assert response.json() == {"error": "Method Not Allowed"}


def _schema(public: TestClient) -> dict[str, Any]:
    return public.get("/api/openapi.json").json()  # type: ignore[no-any-return]


def test_the_schema_declares_every_error_with_one_error_schema(public: TestClient) -> None:
    schema = _schema(public)
    error = schema["components"]["schemas"]["Error"]
    assert error["type"] == "object" and error["required"] == ["error"]
    assert error["properties"] == {"error": {"title": "Error", "type": "string"}}
    assert "HTTPValidationError" not in schema["components"]["schemas"]
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            codes = [c for c in operation["responses"] if c[0] in "45"]
            assert codes and set(codes) <= set(ERRORS), (method, path, codes)
            assert "401" in codes, (method, path)  # everything needs a login unless reading is public
            if method != "get" or "admin" in path:
                assert "403" in codes, (method, path)
            if "{" in path:
                assert "404" in codes, (method, path)
            if operation.get("parameters", []) and any(p["in"] == "query" for p in operation["parameters"]):
                assert "422" in codes, (method, path)
            for code in codes:
                content = operation["responses"][code]["content"]["application/json"]
                assert content["schema"] == {"$ref": "#/components/schemas/Error"}, (method, path, code)


@pytest.fixture(scope="module")
def token(db: str) -> str:
    store = open_store(db)
    user = store.add_user("hank", PASSWORD, "coder")
    return str(store.new_api_token(user, "http tests"))


def _failing_requests(token: str, tmp: Path) -> list[tuple[str, str, dict[str, Any]]]:
    auth = {"headers": {"Authorization": f"Bearer {token}"}}
    big = b"claims: []\n" + b"#" * 6_000_000
    return [
        ("get", "/api/groups/NOPE", {}),
        ("get", "/api/groups/NOPE/timeline.svg", {}),
        ("get", "/api/groups/NOPE/calendar", {}),
        ("get", "/api/groups/ATP/calendar?year=1200", {}),
        ("get", "/api/groups/NOPE/calendar.ics", {}),
        ("get", "/api/groups/NOPE/alignment", {}),
        ("get", "/api/groups/ATP/alignment?by=decade", {}),
        ("get", "/api/groups/NOPE/event-data", {}),
        ("get", "/api/groups/NOPE/report.zip", {}),
        ("get", "/api/events?group=NOPE", {}),
        ("get", "/api/events?format=nope", {}),
        ("get", "/api/events?track=nope", {}),
        ("get", "/api/events?since=yesterday", {}),
        ("get", "/api/events?page=0", {}),
        ("get", "/api/events/nope", {}),
        ("get", "/api/sources/nope", {}),
        ("get", "/api/documents/nope", {}),
        ("get", "/api/themes?code=nope", {}),
        ("get", "/api/themes?by=nope", {}),
        ("get", "/api/reliability?coders=nobody,noone", {}),
        ("get", "/api/reliability?unit=word", {}),
        ("get", "/api/compare?groups=NOPE", {}),
        ("get", "/api/admin/users", auth),
        ("get", "/api/events", {"headers": {"Authorization": "Bearer wrong"}}),
        ("post", "/api/documents/atp-baku-2017/codings", {"json": {"start": 0, "end": 4, "code": "threat"}}),
        (
            "post",
            "/api/documents/atp-baku-2017/codings",
            {"json": {"start": 0, "end": 99_999, "code": "threat"}, **auth},
        ),
        ("post", "/api/documents/atp-baku-2017/codings", {"json": {"start": 0, "end": 4, "code": "nope"}, **auth}),
        (
            "post",
            "/api/documents/atp-baku-2017/codings",
            {"json": {"start": 0, "end": 6, "code": "threat", "memo": "b"}, **auth},
        ),
        ("post", "/api/documents/nope/codings", {"json": {"start": 0, "end": 4, "code": "threat"}, **auth}),
        ("post", "/api/documents/atp-baku-2017/codings", {"json": {"start": "x"}, **auth}),
        ("post", "/api/codings/nope/review", {"json": {"decision": "accept"}, **auth}),
        ("post", "/api/codings/nope/review", {"json": {"decision": "maybe"}, **auth}),
        ("post", "/api/claims", {"files": {"file": ("c.yaml", big)}}),
        ("post", "/api/claims", {"files": {"file": ("c.yaml", b"\xff\xfe not text")}}),
        ("post", "/api/claims", {"files": {"file": ("c.yaml", b"claims: [{id: 1}]\n")}}),
        ("post", "/api/claims", {"files": {"file": ("c.yaml", b": : not yaml [")}}),
        ("post", "/api/claims", {}),
    ]


def test_failing_requests_get_declared_errors_in_the_domain_s_words(db: str, token: str, tmp_path: Path) -> None:
    empty_store = tmp_path / "gdelt"
    empty_store.mkdir()
    with client_for(db, anonymous_read=True, gdelt_folder=empty_store) as client:
        schema = _schema(client)
        coding = {"start": 0, "end": 6, "code": "threat", "memo": "a"}
        headers = {"Authorization": f"Bearer {token}"}
        assert client.post("/api/documents/atp-baku-2017/codings", json=coding, headers=headers).status_code == 201
        seen = set()
        empty = client.get("/api/groups/ATP/event-data").json()  # a GDELT store without events: no rows, and why
        assert empty["rows"] == [] and "holds no events yet" in empty["why_empty"]
        assert "holds no events yet" in client.get("/groups/ATP/event-data").text
        for method, url, kwargs in _failing_requests(token, tmp_path):
            response = client.request(method.upper(), url, **kwargs)
            path = next(p for p in schema["paths"] if re.fullmatch(re.sub(r"\{\w+\}", "[^/]+", p), url.split("?")[0]))
            declared = set(schema["paths"][path][method]["responses"])
            status = str(response.status_code)
            assert status in declared, (method, url, status, response.text[:200])
            assert status in ERRORS, (method, url, status, response.text[:200])
            body = response.json()
            assert set(body) == {"error"} and isinstance(body["error"], str) and body["error"], (method, url)
            assert not CLI_WORDS.search(body["error"]), (method, url, body["error"])
            seen.add(status)
    assert seen == {"400", "401", "403", "404", "409", "413", "422"}
