"""The OpenAPI schema, with the errors each operation can give.

Every error is answered as ``{"error": "..."}`` (schema ``Error``). An operation's errors are
those its route declares with :func:`errors` (404, 400, 409, 413: what its code can raise)
and those its permission and parameters imply: 401 for every route (no login, or an
invalid API token, when reading is not public), 403 for routes that need more than reading
or change something (role, CSRF token), 422 for routes whose query or body can be invalid.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from fastapi.routing import APIRoute
from pydantic import BaseModel

from tariqa.web.http import flat_routes

WHY = {
    400: "A request the record cannot answer (the message says why)",
    401: "Not logged in while reading is not public, or an invalid or revoked API token",
    403: "The user's role may not do this, or a form's CSRF token is missing or wrong",
    404: "No such record",
    409: "The record already exists with other content",
    413: "The upload is too large",
    422: "Invalid parameters, body or file",
    429: "Too many failed logins (Retry-After says how many seconds to wait)",
}
_REF = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}


class Error(BaseModel):
    """What every error response holds: one message."""

    error: str


def errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    """The ``responses`` of a route that can answer with these errors (beyond those its
    permission and parameters imply)."""
    return {code: {"description": WHY[code]} for code in codes}


def schema(app: FastAPI) -> dict[str, Any]:
    """The application's OpenAPI schema (made once)."""
    if app.openapi_schema:
        return app.openapi_schema
    found = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
    components = found.setdefault("components", {}).setdefault("schemas", {})
    components["Error"] = Error.model_json_schema()
    for name in ("HTTPValidationError", "ValidationError"):
        components.pop(name, None)
    for route in flat_routes(app.routes):
        if isinstance(route, APIRoute) and route.include_in_schema:
            for method in route.methods or ():
                operation = found["paths"][route.path_format][method.lower()]
                _declare(operation["responses"], _implied(route, method))
    app.openapi_schema = found
    return found


def _implied(route: APIRoute, method: str) -> set[int]:
    from tariqa.web.docs import _need

    codes = {401}
    if _need(route) != "read" or method != "GET":
        codes.add(403)
    d = route.dependant
    path_typed = any(p.field_info.annotation is not str for p in d.path_params)
    if d.query_params or d.body_params or path_typed:
        codes.add(422)
    return codes


def _declare(responses: dict[str, Any], implied: set[int]) -> None:
    responses.pop("422", None)  # FastAPI's, with its own shape of validation errors
    for code in sorted(implied | {int(c) for c in responses if c[0] == "4"}):
        responses[str(code)] = {"description": WHY[code], "content": _REF}
