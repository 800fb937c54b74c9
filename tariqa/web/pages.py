"""Registering a page and its JSON twin from one function.

A page function takes FastAPI parameters (the request, the user dependency, path and query
parameters) and returns plain data. :func:`page` registers it at ``/api/PATH`` (JSON,
in the OpenAPI schema) and at ``PATH`` (the same data rendered by a template).
"""

from __future__ import annotations

import dataclasses
import functools
import json
import threading
import time
from collections.abc import Callable
from datetime import date, datetime
from enum import Enum
from pathlib import PurePath
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

PageFunction = Callable[..., dict[str, Any]]


def store_of(request: Request) -> Any:
    """The application's Store."""
    return request.app.state.store


def cache_of(request: Request) -> Cache:
    """The application's cache of derived results (one per application: two apps in one
    process, over two databases, never see each other's results)."""
    cache: Cache = request.app.state.cache
    return cache


def page(
    router: APIRouter, path: str, template: str, summary: str, tag: str, errors: tuple[int, ...] = ()
) -> Callable[[PageFunction], PageFunction]:
    """Register a page function at ``/api/PATH`` and ``PATH``; ``errors``: the error statuses
    its code can answer with besides those its permission and parameters imply (see
    :mod:`tariqa.web.openapi`)."""
    from tariqa.web.openapi import errors as declared

    def register(fn: PageFunction) -> PageFunction:
        api = "/api" + (path if path != "/" else "")

        @functools.wraps(fn)
        def twin(*args: Any, **kwargs: Any) -> Any:
            data = fn(*args, **kwargs)
            return data if isinstance(data, Response) else PlainJSON(data)

        router.get(api, summary=summary, tags=[tag], responses=declared(*errors))(twin)

        @functools.wraps(fn)
        def html(*args: Any, **kwargs: Any) -> Response:
            request: Request = kwargs["request"]
            data = fn(*args, **kwargs)
            return render(request, template, data)

        router.get(path, include_in_schema=False)(html)
        return fn

    return register


class PlainJSON(Response):
    """JSON written by the standard library: the page's data is plain already, and FastAPI's
    own encoder walks every value again (8 ms for a page of 50 events, json.dumps 0.8 ms)."""

    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=False, separators=(",", ":"), default=_plain).encode()


def _plain(value: Any) -> Any:
    """What json.dumps cannot write itself: dates, enums, models, dataclasses, sets, paths."""
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json")
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    if isinstance(value, set | frozenset):
        return sorted(value)
    if isinstance(value, PurePath):
        return str(value)
    raise TypeError(f"{type(value).__name__} is not JSON")


def render(request: Request, template: str, data: dict[str, Any], status: int = 200) -> Response:
    context = {
        "request": request,
        "user": getattr(request.state, "user", None),
        "csrf": getattr(request.state, "csrf", None),
        "data": data,
        "api": "/api" + request.url.path + (f"?{request.url.query}" if request.url.query else ""),
    }
    response: Response = request.app.state.templates.TemplateResponse(request, template, context, status_code=status)
    return response


class Cache:
    """Results kept for ``seconds`` per worker process. Keys include the store's URL and
    ``Store.revision()``, so a change to the record is seen at once (and two databases
    served by one process never share an entry); the time limit only bounds memory and covers
    PostgreSQL imports made outside the application. Concurrent requests for a missing
    entry compute it once (the others wait for it)."""

    def __init__(self, seconds: float = 300.0, size: int = 256) -> None:
        self.seconds, self.size = seconds, size
        self.items: dict[tuple[Any, ...], tuple[float, Any]] = {}
        self.locks: dict[tuple[Any, ...], threading.Lock] = {}
        self.guard = threading.Lock()

    def get(self, key: tuple[Any, ...], make: Callable[[], Any]) -> Any:
        found = self._fresh(key)
        if found is not None:
            return found[0]
        with self.guard:
            lock = self.locks.setdefault(key, threading.Lock())
        with lock:
            found = self._fresh(key)
            if found is not None:
                return found[0]
            value = make()
            with self.guard:
                if len(self.items) >= self.size:
                    oldest = next(iter(self.items))
                    self.items.pop(oldest)
                    self.locks.pop(oldest, None)
                self.items[key] = (time.monotonic(), value)
            return value

    def _fresh(self, key: tuple[Any, ...]) -> tuple[Any] | None:
        found = self.items.get(key)
        if found and time.monotonic() - found[0] < self.seconds:
            return (found[1],)
        return None

    def clear(self) -> None:
        with self.guard:
            self.items.clear()
            self.locks.clear()
