"""Issue 22 targets: `tariqa indicators --group ATP --compare ALL` (ATP within the whole
registry of sixteen groups) under 3 s; the ATP report with the whole registry as
comparators (`tariqa report --group ATP --compare ALL`) under 15 s.

Both are timed through the command line (start-up included) on the reference record
(`tariqa init`), as the median of three runs; the machine is printed with the figures.
Also times the datapackage export of the reference record (no target; for the record).
Run: `python bench/bench_registry.py`.
"""

from __future__ import annotations

import os
import platform
import shutil
import sys
import tempfile
from pathlib import Path

from _measure import Measure, best_of, measure

TARIQA = [sys.executable, "-m", "tariqa"]
TARGETS = {"indicators": 3.0, "report": 15.0, "export": None}


def run() -> dict[str, Measure]:
    tmp = Path(tempfile.mkdtemp(prefix="tariqa-bench-registry-"))
    try:
        db = str(tmp / "reference.db")
        measure([*TARIQA, "--db", db, "init"])
        return {
            "indicators ATP --compare ALL (16 groups, median of 3)": best_of(
                [*TARIQA, "--db", db, "indicators", "--group", "ATP", "--compare", "ALL", "-o", "json"], 3
            ),
            "report ATP --compare ALL (16 groups, median of 3)": best_of(
                [*TARIQA, "--db", db, "report", "--group", "ATP", "--compare", "ALL", "--out", str(tmp / "report")], 3
            ),
            "export --format datapackage of the reference record": measure(
                [*TARIQA, "--db", db, "export", str(tmp / "package"), "--format", "datapackage"]
            ),
        }
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main() -> None:
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    for name, m in run().items():
        target = TARGETS[name.split()[0]]
        verdict = "" if target is None else f"  (target < {target:g} s: {'ok' if m.seconds < target else 'TOO SLOW'})"
        print(f"{name:60s} {m.seconds:6.2f} s {m.peak_mb:6.0f} MB peak{verdict}", flush=True)


if __name__ == "__main__":
    main()
