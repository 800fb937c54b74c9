"""Issue 6 targets: the ATP report with three comparators in under 10 s on 2 cores; the
report of a group with 10,000 events in under 60 s.

Both are timed through the command line (start-up included): the first on the reference
record (`tariqa init`), with the shipped ATP claims file; the second on a synthetic group
of 10,000 events (`tariqa.synthetic`, one group, six formats, 2,001 sources).
Run: `python bench/bench_report.py`.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from _measure import Measure, best_of, measure

from tariqa.model import Parsed
from tariqa.storage import open_store
from tariqa.synthetic import synthetic_record

TARIQA = [sys.executable, "-m", "tariqa"]
CLAIMS = Path(__file__).parent.parent / "tariqa" / "data" / "claims" / "atp.yaml"
TARGETS = {"ATP": 10.0, "SYN000": 60.0}


def run() -> dict[str, Measure]:
    tmp = Path(tempfile.mkdtemp(prefix="tariqa-bench-report-"))
    try:
        reference = str(tmp / "reference.db")
        measure([*TARIQA, "--db", reference, "init"])
        atp = [*TARIQA, "--db", reference, "report", "-g", "ATP", "--compare", "TAG,QUAD,AUKUS"]
        results = {
            "report ATP + 3 comparators, with claims (median of 3)": best_of(
                [*atp, "--claims", str(CLAIMS), "--out", str(tmp / "atp")], 3
            )
        }
        synthetic = str(tmp / "synthetic.db")
        with open_store(synthetic) as store:
            store.import_items(Parsed(e, "synthetic", str(i)) for i, e in enumerate(synthetic_record(10_000, groups=1)))
        results["report of a group with 10,000 events"] = measure(
            [*TARIQA, "--db", synthetic, "report", "-g", "SYN000", "--out", str(tmp / "syn")]
        )
        size = (tmp / "syn" / "index.html").stat().st_size / 1e6
        print(f"(the 10,000-event report's index.html is {size:.1f} MB)")
        return results
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main() -> None:
    for name, m in run().items():
        target = TARGETS["ATP" if "ATP" in name else "SYN000"]
        verdict = "ok" if m.seconds < target else "TOO SLOW"
        print(f"{name:60s} {m.seconds:6.2f} s {m.peak_mb:6.0f} MB peak  (target < {target:g} s: {verdict})", flush=True)


if __name__ == "__main__":
    main()
