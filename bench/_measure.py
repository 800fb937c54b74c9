"""Run a command and measure its wall time and peak memory (max RSS of the process)."""

from __future__ import annotations

import os
import statistics
import subprocess
import time
from dataclasses import dataclass


@dataclass
class Measure:
    seconds: float
    peak_mb: float


def measure(cmd: list[str], env: dict[str, str] | None = None) -> Measure:
    """Wall time and peak resident memory of one run of ``cmd`` (which must succeed)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    stderr = proc.stderr.read().decode() if proc.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"benchmark command failed: {' '.join(cmd)}\n{stderr}")
    return Measure(elapsed, usage.ru_maxrss / 1024)


def best_of(cmd: list[str], runs: int = 5) -> Measure:
    """The median time (and the peak memory) over several runs."""
    results = [measure(cmd) for _ in range(runs)]
    return Measure(statistics.median(r.seconds for r in results), max(r.peak_mb for r in results))
