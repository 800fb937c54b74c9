"""Issue 7 targets: with 100,000 events and 10,000 documents, at 20 concurrent clients the
dashboard, the events list and an event page answer with p95 under 150 ms and no errors;
the reader opens a 50-page document in under 300 ms.

The server is `tariqa serve` (uvicorn, 2 workers) on 127.0.0.1 over a SQLite file with the
synthetic record of `bench_indicators` (10,000 documents here) plus one 50-page document
(about 150,000 characters, 200 codings). The load tool is ApacheBench (`ab`, Debian's
apache2-utils: 20 concurrent connections, 2,000 requests per page, each connection sending
back to back); without it, an asyncio client (httpx) does the same, but on 2 cores its
own CPU use inflates the latencies. Every page is opened before timing (derived results
are cached per worker under the record's revision).
Run: `python bench/bench_web.py`.
"""

from __future__ import annotations

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
from pathlib import Path

import bench_indicators
import httpx

from tariqa.model import Coding, Document, DocumentText, Parsed
from tariqa.storage import open_store

CLIENTS = 20
REQUESTS = 400
AB_REQUESTS = 2000
TARGET_MS = 150.0
READER_TARGET_MS = 300.0
PAGES = {
    "dashboard": "/groups/SYN000",
    "events list": "/events?group=SYN003&page=7",
    "events list, all groups": "/events?page=120",
    "event page": "/events/syn005-0012345",
}


def build(db: str) -> None:
    bench_indicators.N_DOCUMENTS = 10_000
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


async def hammer(base: str, path: str) -> tuple[list[float], int]:
    """REQUESTS requests from CLIENTS concurrent connections: latencies (ms) and errors."""
    latencies: list[float] = []
    errors = 0
    queue = asyncio.Queue[int]()
    for i in range(REQUESTS):
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


def ab(base: str, path: str) -> tuple[float, float, int]:
    """(p50 ms, p95 ms, failed requests) measured by ApacheBench."""
    out = subprocess.run(
        ["ab", "-q", "-n", str(AB_REQUESTS), "-c", str(CLIENTS), base + path],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    failed = int(re.search(r"Failed requests:\s+(\d+)", out).group(1))  # type: ignore[union-attr]
    non_2xx = re.search(r"Non-2xx responses:\s+(\d+)", out)
    percent = dict(re.findall(r"^\s+(\d+)%\s+(\d+)", out, re.M))
    return float(percent["50"]), float(percent["95"]), failed + (int(non_2xx.group(1)) if non_2xx else 0)


def measured(base: str, path: str) -> tuple[float, float, int]:
    if shutil.which("ab"):
        return ab(base, path)
    latencies, errors = asyncio.run(hammer(base, path))
    return statistics.median(latencies), p95(latencies), errors


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[18]


def main() -> None:
    tmp = Path(tempfile.mkdtemp(prefix="tariqa-bench-web-"))
    server = None
    try:
        db = str(tmp / "web.db")
        build(db)
        port = free_port()
        env = dict(os.environ, TARIQA_DATABASE_URL=db)
        command = [sys.executable, "-m", "tariqa", "serve", "--port", str(port), "--workers", "2", "--anonymous-read"]
        server = subprocess.Popen(command, env=env, stderr=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        for _ in range(200):
            try:
                if httpx.get(base + "/api", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        for path in [*PAGES.values(), "/groups/SYN000/timeline.svg", "/documents/long-report"] * 6:  # both workers
            httpx.get(base + path, timeout=60)
        print(f"load tool: {'ApacheBench (ab)' if shutil.which('ab') else 'httpx (asyncio)'}", flush=True)
        for name, path in PAGES.items():
            median, high, errors = measured(base, path)
            verdict = "ok" if high < TARGET_MS and not errors else "TOO SLOW"
            print(
                f"{name:28s} {CLIENTS} clients: p50 {median:6.1f} ms, p95 {high:6.1f} ms, "
                f"{errors} errors (target p95 < {TARGET_MS:g} ms: {verdict})",
                flush=True,
            )
        times = []
        for _ in range(10):
            start = time.perf_counter()
            assert httpx.get(base + "/documents/long-report", timeout=30).status_code == 200
            times.append((time.perf_counter() - start) * 1000)
        verdict = "ok" if statistics.median(times) < READER_TARGET_MS else "TOO SLOW"
        print(
            f"{'reader, 50-page document':28s} median {statistics.median(times):6.1f} ms (target < 300 ms: {verdict})"
        )
    finally:
        if server is not None:
            server.send_signal(signal.SIGINT)
            server.wait(10)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
