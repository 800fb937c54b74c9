"""The API's schema (``/api/openapi.json``) and its browsable documentation (``/api/docs``:
Swagger UI from ``static/vendor/swagger-ui``, started by ``static/api-docs.js``), both for
whoever may read, like every page."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

from tariqa.web.auth import Reader

router = APIRouter(include_in_schema=False)


@router.get("/api/openapi.json")
def schema(request: Request, user: Reader) -> Response:
    """The OpenAPI schema of the JSON API."""
    return JSONResponse(request.app.openapi())


@router.get("/api/docs")
def docs(request: Request, user: Reader) -> Response:
    """The API's documentation to browse and try (Swagger UI, served by the application)."""
    context = {"request": request, "csrf": getattr(request.state, "csrf", None)}
    response: Response = request.app.state.templates.TemplateResponse(request, "api_docs.html", context)
    return response
