"""The observatory web application (FastAPI, Jinja2, htmx): see :func:`create_app`."""

from __future__ import annotations

from tariqa.settings import Settings
from tariqa.web.app import create_app

__all__ = ["Settings", "create_app"]
