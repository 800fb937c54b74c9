"""The observatory web application (FastAPI, Jinja2, htmx): see :func:`create_app`."""

from __future__ import annotations

from tariqa.web.app import Settings, create_app

__all__ = ["Settings", "create_app"]
