"""The web application: FastAPI with server-rendered Jinja2 pages and htmx (vendored).

Every page has a JSON twin under ``/api/`` (same function, same permission), documented in
the OpenAPI schema; HTML routes are left out of the schema. Errors a user can cause are
answered with a page (or JSON) and the right status, never a traceback.
"""

from __future__ import annotations

import contextlib
import functools
import logging
from collections.abc import AsyncIterator, Mapping
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from tariqa.dates import shown
from tariqa.errors import ConflictError, DatabaseUnavailable, NotFound, Problems, TariqaError
from tariqa.settings import Settings
from tariqa.storage import Store, open_store
from tariqa.version import __version__
from tariqa.web import figures, openapi
from tariqa.web.http import HeadAsGet, allowed_methods
from tariqa.web.pages import Cache

log = logging.getLogger("tariqa.web")

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def _folder(name: str) -> Path:
    return Path(str(resources.files("tariqa.web") / name))


def create_app(settings: Settings | None = None, store: Store | None = None) -> FastAPI:
    """The application; ``store`` defaults to the database of ``settings.database``."""
    settings = settings or Settings()
    owned = store is None

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        if owned:
            app.state.store.close()  # the application opened it, so it closes it

    app = FastAPI(
        lifespan=lifespan,
        title="tariqa",
        version=__version__,
        description="The record of informal cooperation between states, its coded documents and analysis.",
        docs_url=None,  # served by web.apidocs, behind the reading permission
        openapi_url=None,
        redoc_url=None,
    )
    app.state.settings = settings
    app.openapi = functools.partial(openapi.schema, app)  # type: ignore[method-assign]
    app.state.store = store or open_store(settings.database)
    app.state.cache = Cache()
    templates = Jinja2Templates(directory=str(_folder("templates")))
    templates.env.globals["version"] = __version__
    templates.env.globals["narrow"] = {"width": figures.NARROW, "media": figures.PHONE}
    templates.env.filters["shown"] = shown_date
    app.state.templates = templates
    app.mount("/static", StaticFiles(directory=str(_folder("static"))), name="static")

    app.add_middleware(HeadAsGet)
    app.add_middleware(SecurityHeaders)

    _errors(app)
    from tariqa.web import admin, analysis, apidocs, auth, coding, editing, links, review, views

    app.include_router(auth.router)
    app.include_router(apidocs.router)
    app.include_router(views.router)
    app.include_router(links.router)
    app.include_router(coding.router)
    app.include_router(editing.router)
    app.include_router(analysis.router)
    app.include_router(admin.router)
    app.include_router(review.router)
    return app


def shown_date(day: Any, precision: Any = None, end: Any = None) -> str:
    """The templates' ``shown`` filter: a date at its precision (day when none is given),
    with its end day if it spans several, as :func:`tariqa.dates.shown` writes it.

    >>> shown_date("1947-01-01", "year"), shown_date("2021-09-12", None, "2021-09-20"), shown_date(None)
    ('1947', '2021-09-12 – 2021-09-20', '')
    """
    return shown(day or None, precision or "day", end or None)  # or: a field the record leaves out


class SecurityHeaders:
    """Adds :data:`HEADERS` to every response (plain ASGI: cheaper than a
    BaseHTTPMiddleware on every request)."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.raw = [(k.lower().encode(), v.encode()) for k, v in HEADERS.items()]

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Any) -> None:
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = [*message.get("headers", []), *(h for h in self.raw if h[0] not in present)]
            await send(message)

        await self.app(scope, receive, with_headers)


def wants_json(request: Request) -> bool:
    """Whether errors are answered in JSON: under /api/, but for the API's HTML documentation."""
    path = request.url.path
    return path == "/api" or (path.startswith("/api/") and path != "/api/docs")


def error_response(request: Request, status: int, message: str, headers: Mapping[str, str] | None = None) -> Response:
    if wants_json(request):
        return JSONResponse({"error": message}, status_code=status, headers=headers)
    templates: Jinja2Templates = request.app.state.templates
    context = {"request": request, "status": status, "message": message, "user": getattr(request.state, "user", None)}
    return templates.TemplateResponse(request, "error.html", context, status_code=status, headers=headers)


def _errors(app: FastAPI) -> None:
    @app.exception_handler(NotFound)
    async def not_found(request: Request, exc: NotFound) -> Response:
        return error_response(request, 404, str(exc))

    @app.exception_handler(Problems)
    async def problems(request: Request, exc: Problems) -> Response:
        status = 409 if isinstance(exc, ConflictError) else 422
        return error_response(request, status, "; ".join(str(p) for p in exc.problems[:20]))

    @app.exception_handler(DatabaseUnavailable)
    async def unavailable(request: Request, exc: DatabaseUnavailable) -> Response:
        log.error("%s: %s", request.url.path, exc)
        response = error_response(request, 503, str(exc))
        response.headers["Retry-After"] = "5"
        return response

    @app.exception_handler(TariqaError)
    async def tariqa_error(request: Request, exc: TariqaError) -> Response:
        return error_response(request, 400, str(exc))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 401 and not wants_json(request):
            return HTMLResponse(status_code=303, headers={"Location": f"/login?next={request.url.path}"})
        headers = dict(exc.headers or {})
        if exc.status_code == 405:  # every method of the path, not only the first route's
            headers["Allow"] = allowed_methods(request.app, request.scope["path"])
        return error_response(request, exc.status_code, str(exc.detail), headers)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s", request.url.path)
        return error_response(request, 500, "an unexpected error: it is logged on the server")

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        where = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors()[:10])
        return error_response(request, 422, f"invalid request: {where}")
