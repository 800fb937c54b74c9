"""Serving the application with uvicorn: each worker process builds the same application
from the settings ``tariqa serve`` handed over (:meth:`Settings.to_environment`)."""

from __future__ import annotations

from fastapi import FastAPI

from tariqa.settings import Settings
from tariqa.web.app import create_app


def app_from_env() -> FastAPI:
    """The application factory uvicorn calls in each worker."""
    return create_app(Settings.from_environment())
