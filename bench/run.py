"""Run every benchmark and print (and save) the figures: `make bench`."""

from __future__ import annotations

import json
import os
import platform
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import bench_alignment
import bench_autocode
import bench_claims
import bench_exchange
import bench_fetch
import bench_gdelt
import bench_indicators
import bench_record
import bench_registry
import bench_reliability
import bench_report
import bench_segment
import bench_semantic
import bench_web


def main() -> None:
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    print(f"machine: {machine}")
    figures = {}
    for name, m in bench_record.run().items():
        print(f"{name:60s} {m.seconds:7.2f} s {m.peak_mb:8.0f} MB peak", flush=True)
        figures[name] = {"seconds": round(m.seconds, 3), "peak_mb": round(m.peak_mb)}
    out = Path(__file__).parent / "results"
    out.mkdir(exist_ok=True)
    (out / "latest.json").write_text(json.dumps({"machine": machine, "figures": figures}, indent=2) + "\n")
    print("\n# reliability (issue 4: 100,000 units x 3 coders under 2 s)", flush=True)
    bench_reliability.main()
    print("\n# reading and sentence-splitting 150 MB (issue 4 baseline)", flush=True)
    bench_segment.main([])
    print("\n# auto-coding about 1,000,000 sentences, in 1 process then 2 (issue 4)", flush=True)
    bench_autocode.main(["--workers", "1"])
    bench_autocode.main(["--workers", "2", "--store"])
    print("\n# semantic auto-coding: gold-set macro-F1 per method; 100,000 sentences embedded (issue 23)", flush=True)
    bench_semantic.main([])
    print("\n# indicators on 100,000 events and 20,000 coded documents (issue 5: under 5 s)", flush=True)
    bench_indicators.main()
    print("\n# UN voting alignment, all pairs of three states, every session (issue 5: under 2 s)", flush=True)
    bench_alignment.main()
    print("\n# tariqa check of 100 claims (issue 5: under 1 s)", flush=True)
    bench_claims.main()
    print("\n# the report (issue 6: ATP + 3 comparators under 10 s; 10,000 events under 60 s)", flush=True)
    bench_report.main()
    print("\n# the registry: --compare ALL under 3 s, the report with every group under 15 s (issue 22)", flush=True)
    bench_registry.main()
    print("\n# the web: 20 concurrent clients, p95 under 150 ms, every filter and depth (issues 7, 17)", flush=True)
    bench_web.main([])
    print("\n# GDELT: 5M-row ingest + dyads against pandas and a bare DuckDB scan; 20M rows under 2 GB (issue 8)")
    bench_gdelt.main()
    print("\n# fetching: 1,000 local pages over 8 sites under 30 s; HTML extraction >= 50 pages/s (issue 19)")
    bench_fetch.main()
    print("\n# REFI-QDA: 1,000 documents, 100,000 codings: export under 30 s, re-import under 60 s, < 1 GB")
    bench_exchange.main([])


if __name__ == "__main__":
    main()
