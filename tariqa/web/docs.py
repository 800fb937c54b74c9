"""The route reference in docs/web.md is generated from the application:
``python -m tariqa.web.docs docs/web.md`` rewrites the part between the markers, and a
test fails when the file and the code disagree."""

from __future__ import annotations

import sys
from typing import Any

from tariqa.generated import replace_block, rewrite_file
from tariqa.web.http import flat_routes

BEGIN = "<!-- BEGIN generated from the application's routes -->"
END = "<!-- END generated -->"
WHO = {"read": "anyone who may read", "code": "coder, editor, admin", "edit": "editor, admin", "admin": "admin"}


def _need(route: Any) -> str:
    """What a route requires, read from its permission dependency (``auth.require``)."""
    for dependency in route.dependant.dependencies:
        call = dependency.call
        cells = dict(zip(call.__code__.co_freevars, call.__closure__ or (), strict=False))
        if "need" in cells:
            return str(cells["need"].cell_contents)
    return "public" if route.path in ("/login", "/logout") else "read"


def routes() -> list[tuple[str, str, str, str]]:
    """(methods, path, who may use it, summary) of every route, by path."""
    from fastapi.routing import APIRoute

    from tariqa.storage import open_store
    from tariqa.web import Settings, create_app

    app = create_app(Settings(), open_store("sqlite://"))
    found = []
    for route in flat_routes(app.routes):
        if isinstance(route, APIRoute):
            need = _need(route)
            doc = (route.endpoint.__doc__ or "").strip().splitlines()
            summary = route.summary or (doc[0] if doc else "")
            found.append((", ".join(sorted(route.methods or ())), route.path, WHO.get(need, need), summary))
    twins = {path: what for _, path, _, what in found if path.startswith("/api")}
    found = [(m, p, who, what or _twin(p, twins)) for m, p, who, what in found]
    return sorted(set(found), key=lambda r: (r[1], r[0]))


def _twin(path: str, twins: dict[str, str]) -> str:
    api = "/api" + (path if path != "/" else "")
    return f"the page of `{api}`: {twins[api].lower()}" if api in twins else ""


def reference() -> str:
    lines = [BEGIN, "", "| Method | Path | Who | What |", "|---|---|---|---|"]
    lines += [f"| {m} | `{p}` | {who} | {what} |" for m, p, who, what in routes()]
    return "\n".join([*lines, "", END])


def rewrite(text: str) -> str:
    """``text`` with the generated block replaced by the current reference."""
    return replace_block(text, BEGIN, END, reference())


if __name__ == "__main__":  # pragma: no cover
    rewrite_file(sys.argv[1], rewrite)
