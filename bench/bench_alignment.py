"""Alignment target: UN voting alignment of all pairs of three states over every session in < 2 s.

Measures the whole path a user waits for: reading the shared vote data (both layouts, about
1.1 million rows, and the ideal points) and computing every pair's measures and the group's
unanimity per session; the reading and the computing are also shown apart.
Run: `python bench/bench_alignment.py` (TARIQA_UNGA_DIR, else ../shared/data/unga).
"""

from __future__ import annotations

import statistics
import sys
import time

from tariqa.io.unvotes import default_unga_dir, find_ideal_points, read_ideal_points, read_unga
from tariqa.stats.alignment import alignment

STATES = ("AZE", "TUR", "PAK")
TARGET_SECONDS = 2.0
RUNS = 5


def main() -> None:
    folder = default_unga_dir()
    ideal_path = find_ideal_points(folder)
    if not folder.is_dir() or ideal_path is None:
        print(f"alignment benchmark skipped: no UN vote data in {folder}", file=sys.stderr)
        return
    total, reading, computing = [], [], []
    for _ in range(RUNS):
        start = time.perf_counter()
        votes = read_unga(folder)
        ideal = read_ideal_points(ideal_path)
        read = time.perf_counter()
        result = alignment(votes, STATES, by="session", ideal=ideal)
        done = time.perf_counter()
        total.append(done - start)
        reading.append(read - start)
        computing.append(done - read)
    seconds = statistics.median(total)
    verdict = "ok" if seconds < TARGET_SECONDS else "TOO SLOW"
    sessions = len({r.period for r in result.pairs})
    print(
        f"alignment, {len(votes):,} votes, {len(result.pairs)} pair-sessions over {sessions} sessions"
        f" + {len(result.group)} group rows: {seconds:.3f} s median of {RUNS} (reading"
        f" {statistics.median(reading):.3f} s, computing {statistics.median(computing):.3f} s;"
        f" first {total[0]:.3f} s; target < {TARGET_SECONDS} s: {verdict})"
    )


if __name__ == "__main__":
    main()
