"""Out of the box: ``make run`` fetches the ATP documents when the network answers, within
a time limit, and otherwise (offline, or in CI) says in one line how to do it later and
goes on; the probe and the time limit underneath."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tariqa.errors import UsageError
from tariqa.fetch.archive import Archive
from tariqa.fetch.client import FetchOptions
from tariqa.fetch.probe import network_answers
from tariqa.fetch.sources import fetch_urls
from tariqa.storage import Store
from tests.fetch.servers import Reply, Site, html
from tests.fetch.test_sources import load

ROOT = Path(__file__).resolve().parents[2]
LATER = "run `tariqa sources fetch --group ATP --only documents` when you are online"


def closed_port() -> int:
    """A port on 127.0.0.1 where nothing listens (taken from the system, then released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def site() -> Iterator[Site]:
    with Site() as s:
        s.routes["/declaration"] = Reply(200, html("Baku Declaration", "The ministers condemned terrorism."))
        s.routes["/news"] = Reply(200, html("News", "The ministers met in Baku."))
        yield s


def test_probe_answers_only_when_something_listens(site: Site) -> None:
    dead = f"http://127.0.0.1:{closed_port()}/x"
    assert network_answers([site.url("/declaration")], timeout=2)
    assert network_answers([dead, site.url("/declaration")], timeout=2)  # the next site is tried
    started = time.monotonic()
    assert not network_answers([dead], timeout=2)
    assert time.monotonic() - started < 2.5
    assert not network_answers([site.url("/declaration")], proxy=f"http://127.0.0.1:{closed_port()}", timeout=2)
    assert not network_answers(["not a url"], timeout=1)


def test_time_limit_stops_starting_fetches_and_the_next_run_does_the_rest(sqlite_store: Store, tmp_path: Path) -> None:
    with Site() as slow:
        urls = [slow.url(f"/p{i}") for i in range(6)]
        for i in range(6):
            slow.routes[f"/p{i}"] = Reply(200, html(f"P{i}", "Text of a page."), stall=0.4)
        archive = Archive.open(tmp_path / "archive")
        options = FetchOptions(concurrency=1, delay=0, timeout=5, retries=0)
        sizes: list[int] = []
        first = fetch_urls(sqlite_store, urls, options=options, archive=archive, time_limit=0.2, planned=sizes.append)
        assert sizes == [6] and len(first.rows) == 1 and first.rows[0].outcome == "ok"
        assert sorted(first.left) == sorted(set(urls) - {first.rows[0].url})
        pages = [path for path, _ in slow.hits if path != "/robots.txt"]
        assert len(pages) == 1  # only the fetch under way when the time was up was made
        rest = fetch_urls(sqlite_store, urls, options=options, archive=archive)
        assert len(rest.rows) == 5 and rest.left == () and len(rest.skipped) == 1
        with pytest.raises(UsageError, match="time limit must be a positive number"):
            fetch_urls(sqlite_store, urls, options=options, archive=archive, time_limit=0)


def run_cli(db: str, archive: Path, *args: str, env: dict[str, str]) -> tuple[int, str]:
    import tariqa.cli

    result = CliRunner().invoke(tariqa.cli.app, ["--db", db, *args, "--archive", str(archive)], env=env)
    return result.exit_code, result.stderr


FETCH = ("sources", "fetch", "--group", "ATP", "--only", "documents", "--if-online", "--time-limit", "60")


def test_if_online_fetches_when_the_sites_answer(sqlite_store: Store, tmp_path: Path, site: Site) -> None:
    load(sqlite_store, tmp_path, site)
    code, err = run_cli(sqlite_store.url, tmp_path / "archive", *FETCH, env={"CI": ""})
    assert code == 0, err
    assert err.startswith("fetched 1 URLs: 1 ok; 0 already fetched\n") and "atp-baku-2017: text version 1 (" in err
    assert sqlite_store.text_versions("atp-baku-2017")


def test_if_online_in_ci_or_offline_says_how_to_fetch_later_in_one_line(
    sqlite_store: Store, tmp_path: Path, site: Site
) -> None:
    load(sqlite_store, tmp_path, site)
    code, err = run_cli(sqlite_store.url, tmp_path / "archive", *FETCH, env={"CI": "true"})
    assert (code, err) == (0, f"nothing fetched (running in CI): {LATER}\n")
    assert site.hits == [] and sqlite_store.fetch_history() == []
    site.__exit__()  # the sites stop answering: offline
    started = time.monotonic()
    code, err = run_cli(sqlite_store.url, tmp_path / "archive", *FETCH, env={"CI": ""})
    assert (code, err) == (0, f"nothing fetched (no site answered within 5 s): {LATER}\n")
    assert time.monotonic() - started < 10 and sqlite_store.fetch_history() == []


def test_make_run_in_ci_skips_the_fetch_with_one_line(tmp_path: Path) -> None:
    """The Makefile's own fetch step, run as make would run it (through a ``tariqa`` that is
    this checkout), in CI: one line, exit 0, and nothing fetched."""
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    tariqa = venv / "bin" / "tariqa"
    tariqa.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m tariqa "$@"\n')
    tariqa.chmod(0o755)
    dry = subprocess.run(
        ["make", "-n", "-o", "install", "run", f"VENV={venv}"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    lines = dry.stdout.replace("\\\n", " ").splitlines()
    (step,) = [line for line in lines if " sources fetch " in line]
    env = os.environ | {"CI": "true", "PYTHONPATH": str(ROOT), "TARIQA_DATA_DIR": str(tmp_path / "data")}
    init = subprocess.run([str(tariqa), "init"], env=env, capture_output=True, text=True, timeout=120)
    assert init.returncode == 0, init.stderr
    ran = subprocess.run(["sh", "-c", step], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert ran.returncode == 0 and ran.stdout == ""
    assert ran.stderr == f"nothing fetched (running in CI): {LATER}\n"
    assert not list((tmp_path / "data" / "archive").rglob("*.warc.gz"))
