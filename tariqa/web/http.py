"""What every route shares at the HTTP level: HEAD answered as GET without a body (uptime
monitors use it), and the methods a path allows, for the ``Allow`` header of a 405."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from starlette.routing import Route


class HeadAsGet:
    """Answers HEAD as the same request with GET would be answered, without the body (plain
    ASGI). The server keeps its own scope, so it still knows the request was HEAD."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def without_body(message: Any) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        await self.app(dict(scope, method="GET"), receive, without_body)


def flat_routes(routes: list[Any]) -> list[Any]:
    """Routes, with those of included routers (which FastAPI keeps inside them)."""
    flat = []
    for route in routes:
        inner = getattr(route, "original_router", None)
        flat += flat_routes(inner.routes) if inner is not None else [route]
    return flat


def allowed_methods(app: FastAPI, path: str) -> str:
    """The methods some route of ``app`` answers at ``path``, HEAD wherever GET is."""
    methods: set[str] = set()
    for route in flat_routes(app.routes):
        if isinstance(route, Route) and route.methods and route.path_regex.match(path):
            methods |= route.methods
    if "GET" in methods:
        methods.add("HEAD")
    return ", ".join(sorted(methods))
