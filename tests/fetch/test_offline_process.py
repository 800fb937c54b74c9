"""The offline promise checked from the outside: the CLI tour and the web pages run as
fresh processes (so imports count too) in which every Internet connection and name lookup
is refused and written down by a ``sitecustomize`` module; none may be attempted."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GUARD = """
import os, socket

_LOG = os.environ["TARIQA_TEST_NETWORK_LOG"]


def _refuse(what, target):
    with open(_LOG, "a", encoding="utf-8") as log:
        log.write(f"{what} {target!r}\\n")
    raise OSError("the network is disabled in this process")


_connect, _connect_ex = socket.socket.connect, socket.socket.connect_ex


def connect(self, address):
    if self.family in (socket.AF_INET, socket.AF_INET6):
        _refuse("connect", address)
    return _connect(self, address)


def connect_ex(self, address):
    if self.family in (socket.AF_INET, socket.AF_INET6):
        _refuse("connect", address)
    return _connect_ex(self, address)


socket.socket.connect, socket.socket.connect_ex = connect, connect_ex
socket.getaddrinfo = lambda host, *a, **k: _refuse("lookup", host)
"""
WEB = """
import sys
from fastapi.testclient import TestClient
from tariqa.web import Settings, create_app

with TestClient(create_app(Settings(database=sys.argv[1], anonymous_read=True))) as client:
    event = client.get("/api/events", params={"group": "ATP"}).json()["events"][0]["id"]
    pages = ["/", "/groups/ATP", "/events", "/sources", "/sources?group=ATP", f"/events/{event}", "/documents",
             "/groups/ATP/alignment", "/groups/ATP/calendar", "/themes", "/claims"]
    for page in pages:
        status = client.get(page).status_code
        assert status == 200, (page, status)
    print(len(pages), "pages")
"""


def test_cli_tour_and_web_pages_attempt_no_connection(tmp_path: Path) -> None:
    (tmp_path / "guard").mkdir()
    (tmp_path / "guard" / "sitecustomize.py").write_text(GUARD)
    log = tmp_path / "network.log"
    db = str(tmp_path / "tour.db")
    env = os.environ | {
        "PYTHONPATH": os.pathsep.join([str(tmp_path / "guard"), str(ROOT)]),
        "TARIQA_TEST_NETWORK_LOG": str(log),
        "TARIQA_DATA_DIR": str(tmp_path / "data"),
        "CI": "",
    }

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, *args], env=env, capture_output=True, text=True, timeout=300)

    # the guard is in force: a deliberate connection and name lookup are refused and written down
    probe = run(
        "-c",
        "import socket\ntry: socket.socket().connect(('127.0.0.1', 9))\nexcept OSError: pass\n"
        "socket.getaddrinfo('example.org', 443)",
    )
    assert probe.returncode != 0 and log.read_text() == "connect ('127.0.0.1', 9)\nlookup 'example.org'\n"
    log.unlink()

    tour = [
        (["init"], 0),
        (["groups"], 0),
        (["events", "--group", "ATP", "-o", "json"], 0),
        (["indicators", "--group", "ATP"], 0),
        (["report", "--group", "ATP", "--out", str(tmp_path / "report")], 0),
        (["check", "atp", "-o", "json"], None),  # exits 1 when the record contradicts a claim
        (["sources", "check"], None),  # exits 1 when it finds something to look at
        (["sources", "health", "--group", "ATP", "-o", "csv"], 0),
        (["docs", "list"], 0),
        (["alignment", "--group", "ATP"], 2),  # no vote data: says to run `tariqa unga fetch`
    ]
    for args, code in tour:
        done = run("-m", "tariqa", "--db", db, *args)
        assert done.returncode in ((0, 1) if code is None else (code,)), (args, done.stderr[-2000:])
    assert (tmp_path / "report" / "index.html").is_file()
    web = run("-c", WEB, db)
    assert web.returncode == 0 and web.stdout.strip() == "11 pages", web.stderr[-2000:]
    assert not log.exists(), log.read_text()
