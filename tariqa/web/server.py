"""Serving the application with uvicorn: settings come from the environment, so that each
worker process builds the same application (``tariqa serve`` sets them)."""

from __future__ import annotations

import os
from pathlib import Path

from fastapi import FastAPI

from tariqa.web.app import Settings, create_app


def settings_from_env() -> Settings:
    return Settings(
        db=os.environ.get("TARIQA_DATABASE_URL") or None,
        anonymous_read=os.environ.get("TARIQA_ANONYMOUS_READ", "") in ("1", "true", "yes"),
        secure_cookies=os.environ.get("TARIQA_SECURE_COOKIES", "") in ("1", "true", "yes"),
        gdelt_store=Path(os.environ["TARIQA_GDELT_STORE"]) if os.environ.get("TARIQA_GDELT_STORE") else None,
    )


def app_from_env() -> FastAPI:
    """The application factory uvicorn calls in each worker."""
    return create_app(settings_from_env())
