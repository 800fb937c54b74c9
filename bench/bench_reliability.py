"""Reliability target: `reliability_report` on 100,000 units x 3 coders x 5 codes in < 2 s.

Each code is scored present (1) or absent (0) per unit; coders disagree with the seeded
"true" coding on about 10 % of units and leave about 2 % of cells missing (nan).
Run: `python bench/bench_reliability.py`.
"""

from __future__ import annotations

import statistics
import time

import numpy as np

from tariqa.stats.reliability import reliability_report

N_UNITS = 100_000
N_CODERS = 3
CODES = ("trade", "security", "energy", "transport", "culture")
TARGET_SECONDS = 2.0


def build(seed: int = 1) -> dict[str, np.ndarray]:
    """Binary ratings, shape (coders, units), for each code."""
    rng = np.random.default_rng(seed)
    ratings = {}
    for k, code in enumerate(CODES):
        truth = rng.random(N_UNITS) < 0.1 + 0.08 * k  # prevalence 10 % to 42 %
        flips = rng.random((N_CODERS, N_UNITS)) < 0.1
        coded = (truth ^ flips).astype(float)
        coded[rng.random((N_CODERS, N_UNITS)) < 0.02] = np.nan
        ratings[code] = coded
    return ratings


def main() -> None:
    ratings = build()
    times = []
    for _ in range(5):
        start = time.perf_counter()
        rows = reliability_report(ratings)
        times.append(time.perf_counter() - start)
    seconds = statistics.median(times)
    for row in rows:
        if row.code is None:
            print(f"overall {row.statistic:20s} {row.value:.4f}  ({row.n_units} units)")
    verdict = "ok" if seconds < TARGET_SECONDS else "TOO SLOW"
    print(
        f"reliability_report, {N_UNITS:,} units x {N_CODERS} coders x {len(CODES)} codes: "
        f"{seconds:.3f} s median of 5 (first {times[0]:.3f} s; target < {TARGET_SECONDS} s: {verdict})"
    )


if __name__ == "__main__":
    main()
