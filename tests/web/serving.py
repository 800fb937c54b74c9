"""The real server and command line in child processes, for tests that need real processes."""

from __future__ import annotations

import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx


def tariqa(db: str, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tariqa", "--db", db, *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def ok(db: str, *args: str, stdin: str | None = None) -> str:
    done = tariqa(db, *args, stdin=stdin)
    assert done.returncode == 0, f"tariqa {' '.join(args)}: {done.stderr}"
    return done.stdout


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """``tariqa serve`` in a child process."""

    def __init__(self, db: str, log: Path, workers: int = 2) -> None:
        self.db, self.log, self.workers, self.port = db, log, workers, free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen[str] | None = None

    def start(self) -> None:
        cmd = [sys.executable, "-m", "tariqa", "--db", self.db, "serve", "--port", str(self.port)]
        cmd += ["--workers", str(self.workers)]
        with self.log.open("a") as log:
            self.proc = subprocess.Popen(cmd, stdout=log, stderr=log, text=True)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            assert self.proc.poll() is None, self.log.read_text()[-3000:]
            try:
                if httpx.get(self.url + "/login", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.2)
        raise AssertionError("the server did not start within 60 s")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            self.proc.wait(timeout=60)
        self.proc = None


VERSION = re.compile(r'name="version" value="([0-9a-f]*)"')


def edit_event(client: httpx.Client, key: str, summary: str) -> httpx.Response:
    """Save a new summary of an event through the web form, on the version just read."""
    current = client.get("/api/events/" + key).json()["event"]
    form = client.get("/edit/events", params={"key": key}).text
    version = VERSION.search(form)
    assert version is not None
    data = _event_form(current) | {"summary": summary, "version": version.group(1)}
    return client.post("/edit/events", params={"key": key}, data=data, follow_redirects=False)


def _event_form(event: dict[str, Any]) -> dict[str, str]:
    lists = {"states": ", ".join, "sources": "\n".join}
    out: dict[str, str] = {}
    for name, value in event.items():
        if name in lists:
            out[name] = lists[name](value)
        elif isinstance(value, str | int):
            out[name] = str(value)
    return out
