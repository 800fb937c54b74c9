"""Run a command and measure its wall time and peak memory (max RSS of its processes)."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

LAUNCH = str(Path(__file__).with_name("_launch.py"))


@dataclass
class Measure:
    seconds: float
    peak_mb: float


def measure(cmd: list[str]) -> Measure:
    """Wall time and peak resident memory of one run of ``cmd`` (which must succeed).

    The disk caches are written out first: a command that wrote a large database leaves
    the kernel writing it back for seconds, which would be charged to the next one."""
    os.sync()
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, LAUNCH, *cmd], capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"benchmark command failed: {' '.join(cmd)}\n{proc.stderr}")
    peak_kb = int(proc.stderr.strip().splitlines()[-1])
    return Measure(elapsed, peak_kb / 1024)


def best_of(cmd: list[str], runs: int = 5) -> Measure:
    """The median time (and the peak memory) over several runs."""
    return interleaved([cmd], runs)[0]


def interleaved(cmds: list[list[str]], runs: int = 3) -> list[Measure]:
    """The median time (and peak memory) of each command over ``runs`` rounds, each round
    running every command once in turn, so that a machine whose speed drifts slows all of
    them alike (ratios between them stay fair)."""
    results: list[list[Measure]] = [[] for _ in cmds]
    for _ in range(runs):
        for cmd, found in zip(cmds, results, strict=True):
            found.append(measure(cmd))
    return [Measure(statistics.median(r.seconds for r in rs), max(r.peak_mb for r in rs)) for rs in results]
