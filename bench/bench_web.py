"""Issues 7 and 17 targets: with 100,000 events and 20,000 documents, at 20 concurrent
clients every page answers with p95 under 150 ms and no errors: the dashboard, an event
page, and ``/events`` and ``/api/events`` for every documented filter (alone and combined)
at the first page, page 50 and the last page; on SQLite (2 workers) and on PostgreSQL
(4 workers). The reader opens a 50-page document in under 300 ms.

The server is `tariqa serve` on 127.0.0.1 with the synthetic record of `bench_indicators`
(20 groups of three states) plus one 50-page document (about 150,000 characters, 200
codings). The load tool is ApacheBench (`ab`, Debian's apache2-utils: 20 concurrent
connections, each sending back to back) on the same two cores as the server; without it,
an asyncio client (httpx) does the same, but its own CPU use inflates the latencies.
Every page is opened before timing (counts and derived results are cached per worker
under the record's revision). PostgreSQL runs when `TARIQA_BENCH_POSTGRES_URL` (or
`TARIQA_TEST_POSTGRES_URL`) reaches a server; a database is made there, vacuumed after
loading, and dropped after.

Run: `python bench/bench_web.py [--requests N] [--sqlite-only]`.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import bench_indicators
import httpx

from tariqa.model import Coding, Document, DocumentText, Parsed
from tariqa.storage import open_store

CLIENTS = 20
TARGET_MS = 150.0
READER_TARGET_MS = 300.0
PAGES = {
    "home": "/",
    "home (API)": "/api",
    "dashboard": "/groups/SYN000",
    "event page": "/events/syn005-0012345",
}
#: Every filter of the events list, alone and in the combinations people use.
FILTERS = {
    "no filter": "",
    "group": "group=SYN003",
    "format": "format=syn003-leaders",
    "track": "track=leaders",
    "level": "level=minister",
    "kind": "kind=meeting",
    "state": "state=PAK",
    "since+until": "since=2010-01-01&until=2015-12-31",
    "group+track": "group=SYN003&track=leaders",
    "state+kind": "state=PAK&kind=meeting",
    "state+since": "state=PAK&since=2010-01-01",
    "group+state+kind": "group=SYN003&state=PAK&kind=meeting",
    "track+level+kind": "track=leaders&level=minister&kind=meeting",
    "all filters": "group=SYN003&format=syn003-leaders&track=leaders&level=minister&kind=meeting"
    "&state=PAK&since=2005-01-01&until=2020-12-31",
}


def build(db: str) -> None:
    bench_indicators.N_DOCUMENTS = 20_000
    bench_indicators.build(db)
    sentence = "The delegations reviewed cooperation in trade, energy and defence and agreed to meet again. "
    text = sentence * 1600  # about 150,000 characters: 50 pages of 3,000
    step = len(sentence)
    codings = [
        Coding(document="long-report", start=i * step, end=(i + 1) * step - 1, code=code, coder="bench")
        for i, code in zip(range(0, 1600, 8), ["economy-trade", "economy-energy", "defence"] * 200, strict=False)
    ]
    items = [
        Document(id="long-report", title="A 50-page report", kind="briefing"),
        DocumentText(id="long-report", text=text),
    ]
    with open_store(db) as store:
        store.import_items(Parsed(e, "bench", str(i)) for i, e in enumerate([*items, *codings]))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serving(db: str, workers: int) -> Iterator[str]:
    port = free_port()
    command = [sys.executable, "-m", "tariqa", "--db", db, "serve", "--port", str(port)]
    command += ["--workers", str(workers), "--anonymous-read"]
    server = subprocess.Popen(command, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if httpx.get(base + "/api", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        yield base
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(30)


async def hammer(base: str, path: str, requests: int) -> tuple[list[float], int]:
    """``requests`` requests from CLIENTS concurrent connections: latencies (ms) and errors."""
    latencies: list[float] = []
    errors = 0
    queue = asyncio.Queue[int]()
    for i in range(requests):
        queue.put_nowait(i)
    limits = httpx.Limits(max_connections=CLIENTS)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as client:

        async def worker() -> None:
            nonlocal errors
            while not queue.empty():
                queue.get_nowait()
                start = time.perf_counter()
                response = await client.get(path)
                latencies.append((time.perf_counter() - start) * 1000)
                errors += response.status_code != 200

        await asyncio.gather(*(worker() for _ in range(CLIENTS)))
    return latencies, errors


def ab(base: str, path: str, requests: int) -> tuple[float, float, int]:
    """(p50 ms, p95 ms, failed requests) measured by ApacheBench."""
    out = subprocess.run(
        ["ab", "-q", "-n", str(requests), "-c", str(CLIENTS), base + path],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    failed = int(re.search(r"Failed requests:\s+(\d+)", out).group(1))  # type: ignore[union-attr]
    non_2xx = re.search(r"Non-2xx responses:\s+(\d+)", out)
    percent = dict(re.findall(r"^\s+(\d+)%\s+(\d+)", out, re.M))
    return float(percent["50"]), float(percent["95"]), failed + (int(non_2xx.group(1)) if non_2xx else 0)


def measured(base: str, path: str, requests: int) -> tuple[float, float, int]:
    if shutil.which("ab"):
        return ab(base, path, requests)
    latencies, errors = asyncio.run(hammer(base, path, requests))
    return statistics.median(latencies), p95(latencies), errors


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[18]


def cells(base: str) -> Iterator[tuple[str, str, str]]:
    """(name, page depth, path) of every cell of the matrix."""
    yield from ((name, "", path) for name, path in PAGES.items())
    for name, query in FILTERS.items():
        listing = httpx.get(f"{base}/api/events?{query}", timeout=60).json()
        last = listing["pages"]
        for depth in sorted({1, min(50, last), last}):
            label = "first" if depth == 1 else ("last" if depth == last else "50")
            for endpoint in ("/events", "/api/events"):
                sep = "&" if query else ""
                yield f"{endpoint} {name}", f"page {depth} ({label})", f"{endpoint}?{query}{sep}page={depth}"


def run_matrix(base: str, database: str, requests: int) -> list[str]:
    """Time every cell; return the cells over the target."""
    matrix = list(cells(base))
    for _, _, path in matrix:  # open every page on every worker first (concurrent requests reach them all)
        if shutil.which("ab"):  # new connections, as in the timing, spread over the workers
            ab(base, path, 4 * CLIENTS)
        else:
            asyncio.run(hammer(base, path, 4 * CLIENTS))
    over = []
    for name, depth, path in matrix:
        median, high, errors = measured(base, path, requests)
        ok = high < TARGET_MS and not errors
        print(
            f"{database:10s} {name:34s} {depth:17s} p50 {median:6.1f} ms  p95 {high:6.1f} ms  {errors} errors"
            f"  {'ok' if ok else 'TOO SLOW'}",
            flush=True,
        )
        if not ok:
            over.append(f"{database} {name} {depth}")
    return over


def reader(base: str) -> None:
    httpx.get(base + "/documents/long-report", timeout=60)
    times = []
    for _ in range(10):
        start = time.perf_counter()
        assert httpx.get(base + "/documents/long-report", timeout=30).status_code == 200
        times.append((time.perf_counter() - start) * 1000)
    verdict = "ok" if statistics.median(times) < READER_TARGET_MS else "TOO SLOW"
    print(f"reader, 50-page document: median {statistics.median(times):6.1f} ms (target < 300 ms: {verdict})")


@contextmanager
def postgres_database() -> Iterator[str | None]:
    url = os.environ.get("TARIQA_BENCH_POSTGRES_URL") or os.environ.get("TARIQA_TEST_POSTGRES_URL")
    if not url:
        yield None
        return
    import psycopg

    try:
        admin = psycopg.connect(url, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as exc:
        print(f"PostgreSQL skipped: no server at {url} ({exc})")
        yield None
        return
    name = f"tariqa_bench_{uuid.uuid4().hex[:8]}"
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{url.rsplit('/', 1)[0]}/{name}"
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def settle(url: str) -> None:
    """VACUUM the freshly loaded database, as an operator would after a bulk load, so that
    autovacuum does not start during the timing (the import has ANALYZEd it already)."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("VACUUM")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=400, help="requests per cell (default 400)")
    parser.add_argument("--sqlite-only", action="store_true")
    args = parser.parse_args(argv)
    print(f"load tool: {'ApacheBench (ab)' if shutil.which('ab') else 'httpx (asyncio)'}; {CLIENTS} clients")
    over: list[str] = []
    tmp = Path(tempfile.mkdtemp(prefix="tariqa-bench-web-"))
    try:
        db = str(tmp / "web.db")
        build(db)
        with serving(db, workers=2) as base:
            over += run_matrix(base, "sqlite", args.requests)
            reader(base)
        if not args.sqlite_only:
            with postgres_database() as pg:
                if pg is not None:
                    build(pg)
                    settle(pg)
                    with serving(pg, workers=4) as base:
                        over += run_matrix(base, "postgresql", args.requests)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"{len(over)} cells over the target" + (": " + "; ".join(over) if over else ""))


if __name__ == "__main__":
    main(sys.argv[1:])
