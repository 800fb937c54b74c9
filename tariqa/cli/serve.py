"""``tariqa serve``: the web application."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from tariqa.cli._common import db_option, err, user_errors


@user_errors
def serve(
    ctx: typer.Context,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    workers: Annotated[
        int, typer.Option(min=1, max=64, help="Worker processes (use PostgreSQL for more than one).")
    ] = 1,
    anonymous_read: Annotated[
        bool, typer.Option(help="Let visitors who are not logged in read (never write) the record.")
    ] = False,
    secure_cookies: Annotated[bool, typer.Option(help="Send cookies over HTTPS only (behind a TLS proxy).")] = False,
    gdelt_store: Annotated[
        Path | None, typer.Option(help="A GDELT store (tariqa gdelt ingest): group pages show its event data.")
    ] = None,
    forwarded_allow_ips: Annotated[
        str | None,
        typer.Option(
            help="Addresses of the reverse proxies (comma-separated, or '*') whose X-Forwarded-For and "
            "X-Forwarded-Proto headers are trusted; without it they are ignored, so clients cannot pose "
            "as other addresses to escape login throttling."
        ),
    ] = None,
) -> None:
    """Serve the web application: the record, coding, analysis and editing in the browser.

    Example: tariqa serve --port 8000 --anonymous-read
    """
    import uvicorn

    from tariqa.errors import UsageError
    from tariqa.settings import Settings
    from tariqa.storage import open_store
    from tariqa.storage.location import resolve_url

    if gdelt_store is not None and not gdelt_store.is_dir():
        raise UsageError(f"--gdelt-store {gdelt_store}: no such folder")
    _check_port_free(host, port)
    url = resolve_url(db_option(ctx))
    open_store(url).close()  # create or upgrade the schema once, before the workers start
    settings = Settings.read(
        database=url,
        gdelt_folder=gdelt_store.resolve() if gdelt_store else None,
        anonymous_read=anonymous_read,
        secure_cookies=secure_cookies,
        forwarded_allow_ips=forwarded_allow_ips,
    )
    os.environ.update(settings.to_environment())  # the workers build their app from it
    err.print(f"tariqa is serving {url} at http://{host}:{port}/ (Ctrl+C stops it)")
    uvicorn.run(
        "tariqa.web.server:app_from_env",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="warning",
        proxy_headers=bool(forwarded_allow_ips),
        forwarded_allow_ips=forwarded_allow_ips or None,
    )


def _check_port_free(host: str, port: int) -> None:
    """One clear line instead of uvicorn's log when the port is taken (say, by a second
    ``tariqa serve``); uvicorn binds it again a moment later."""
    import socket

    from tariqa.errors import UsageError

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn does: TIME_WAIT is no obstacle
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise UsageError(
                f"--port {port}: cannot listen on {host}:{port} ({exc.strerror}); "
                "is another tariqa serve running? choose another --port"
            ) from None
