"""docs/web.md lists every route with who may use it, generated from the application."""

from __future__ import annotations

from pathlib import Path

from tariqa.web.docs import rewrite, routes

DOC = Path(__file__).parents[2] / "docs" / "web.md"


def test_the_route_reference_matches_the_application() -> None:
    text = DOC.read_text(encoding="utf-8")
    assert rewrite(text) == text, "run: python -m tariqa.web.docs docs/web.md"


def test_write_routes_need_more_than_reading() -> None:
    for methods, path, who, _ in routes():
        if "POST" in methods and path not in ("/login", "/logout", "/claims", "/api/claims"):
            assert who in ("coder, editor, admin", "editor, admin", "admin"), path
