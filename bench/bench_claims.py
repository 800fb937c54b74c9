"""Claims target: `tariqa check` of 100 claims in under 1 s.

The 15 shipped ATP claims are repeated (with new ids) to 100 and checked against the
reference record in a temporary SQLite file: once through the library (`check_file`:
reading, validating against the store, checking), and once as the whole command in a
fresh process (start-up included). Run: `python bench/bench_claims.py`.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from tariqa.claims.check import check_file
from tariqa.io import plan, read_inputs
from tariqa.reference import reference_paths
from tariqa.storage import open_store

N_CLAIMS = 100
TARGET_SECONDS = 1.0
EXAMPLE = Path(__file__).parent.parent / "tariqa" / "data" / "claims" / "atp.yaml"


def build(folder: Path) -> tuple[str, Path]:
    """A database with the reference record, and a file of N_CLAIMS claims."""
    db = str(folder / "ref.db")
    with open_store(db) as store:
        store.import_items(read_inputs(plan(reference_paths())))
    example = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    shipped = example["claims"]
    claims = [dict(shipped[i % len(shipped)], id=f"claim-{i}") for i in range(N_CLAIMS)]
    path = folder / "claims.yaml"
    path.write_text(yaml.safe_dump({"group": "ATP", "claims": claims}, allow_unicode=True), encoding="utf-8")
    return db, path


def _median(run: object, times: int = 5) -> tuple[float, float]:
    seconds = []
    for _ in range(times):
        start = time.perf_counter()
        run()  # type: ignore[operator]
        seconds.append(time.perf_counter() - start)
    return statistics.median(seconds), seconds[0]


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db, path = build(Path(tmp))
        with open_store(db) as store:
            lib, first = _median(lambda: check_file(store, path))
            verdicts = check_file(store, path)
        command = [sys.executable, "-m", "tariqa", "--db", db, "check", str(path), "--output", "json"]

        def run() -> None:  # exit 1: the record contradicts a claim (some of the shipped ones are)
            done = subprocess.run(command, capture_output=True)
            if done.returncode not in (0, 1):
                raise SystemExit(done.stderr.decode(errors="replace"))

        cli, _ = _median(run)
    verdict = "ok" if cli < TARGET_SECONDS else "TOO SLOW"
    print(f"check_file, {len(verdicts)} claims: {lib:.3f} s median of 5 (first {first:.3f} s)")
    print(
        f"tariqa check, {N_CLAIMS} claims, whole command in a new process: {cli:.3f} s median of 5 "
        f"(target < {TARGET_SECONDS} s: {verdict})"
    )


if __name__ == "__main__":
    main()
