"""Issue 5 target: all indicators for a synthetic record of 100,000 events and 20,000 coded
documents in under 5 s on 2 cores; and the coordination calendar.

The record: `tariqa.synthetic` (100,000 events over 20 groups of three states, six formats
each) plus 20,000 documents signed by one to three members of a group, each with a short
text and five settled codings drawn from the default codebook (100,000 codings). Timings
are of the command line (interpreter start-up included), median of 3.
Run: `python bench/bench_indicators.py`.
"""

from __future__ import annotations

import random
import re
import shutil
import sys
import tempfile
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

from _measure import Measure, best_of, measure

from tariqa.model import Coding, Document, DocumentText, Entity, Parsed
from tariqa.storage import open_store
from tariqa.synthetic import synthetic_record

N_EVENTS = 100_000
N_DOCUMENTS = 20_000
GROUPS = [f"SYN{i:03d}" for i in range(20)]
TARIQA = [sys.executable, "-m", "tariqa"]
TEXT = "The parties met again. They condemned terrorism. Trade and energy links grew. Brotherhood was stressed. "
CODES = (
    "threat-terrorism",
    "threat-separatism",
    "support-karabakh",
    "support-kashmir",
    "support-cyprus",
    "economy-trade",
    "economy-energy",
    "identity-brotherhood",
    "institution-regular-meetings",
    "defence-exercises",
)


def documents(members: dict[str, list[str]], seed: int = 2) -> Iterator[Entity]:
    rng = random.Random(seed)
    sentences = [(m.start(), m.end()) for m in re.finditer(r"[^.]+\.", TEXT)]
    pairs = [(span, code) for span in sentences for code in CODES]
    for i in range(N_DOCUMENTS):
        group = GROUPS[i % len(GROUPS)]
        doc = f"doc-{i:06d}"
        yield Document(
            id=doc,
            title=f"Statement {i}",
            date=date(2000, 1, 1) + timedelta(days=rng.randrange(25 * 365)),
            kind="statement",
            signatories=rng.sample(members[group], rng.choice((1, 1, 2, 3))),
        )
        yield DocumentText(id=doc, text=TEXT)
        for (start, end), code in rng.sample(pairs, 5):
            yield Coding(document=doc, start=start, end=end, code=code, coder="a", status="manual")


def build(db: str) -> None:
    measure([*TARIQA, "--db", db, "codebook", "import"])
    items = list(synthetic_record(N_EVENTS))
    members = {e.id: list(e.members) for e in items if e.collection == "groups"}  # type: ignore[attr-defined]
    items += list(documents(members))
    with open_store(db) as store:
        store.import_items(Parsed(e, "synthetic", str(i)) for i, e in enumerate(items))


def run() -> dict[str, Measure]:
    tmp = Path(tempfile.mkdtemp(prefix="tariqa-bench-ind-"))
    try:
        db = str(tmp / "ind.db")
        build(db)
        base = [*TARIQA, "--db", db, "indicators", "-o", "json"]
        return {
            "indicators, one group (5,000 events, 1,000 coded documents)": best_of([*base, "-g", "SYN000"], 3),
            "indicators, 20 groups compared (100,000 events, 20,000 documents)": best_of(
                [*base, "-g", GROUPS[0], "--compare", ",".join(GROUPS[1:])], 3
            ),
            "indicators --by year, one group (25 years)": best_of([*base, "-g", "SYN000", "--by", "year"], 3),
            "calendar 2027, 20 groups": best_of([*TARIQA, "--db", db, "calendar", "2027", "-g", ",".join(GROUPS)], 3),
        }
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main() -> None:
    for name, m in run().items():
        verdict = "" if "calendar" in name else f"  (target < 5 s: {'ok' if m.seconds < 5 else 'TOO SLOW'})"
        print(f"{name:70s} {m.seconds:6.2f} s {m.peak_mb:6.0f} MB peak{verdict}", flush=True)


if __name__ == "__main__":
    main()
