"""GDELT fixtures: the real samples in ../shared/data/gdelt and rows built in code."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.shared_data import requires_sample, sample_folder

ROOT = Path(__file__).parents[2]
#: The real GDELT samples (see their README); or point TARIQA_GDELT_SAMPLES at a copy.
SAMPLES = sample_folder("gdelt", "TARIQA_GDELT_SAMPLES")
V2_SAMPLE = SAMPLES / "20191024143000.export.CSV"
V1_SAMPLE = SAMPLES / "gdelt1_sample_events.tsv"
needs_samples = requires_sample(V2_SAMPLE, "TARIQA_GDELT_SAMPLES")


def template() -> list[str]:
    """The 61 fields of a 2.0 row, to build rows from: typed like real rows (empty codes,
    counts, tone, geography, a source URL) and the same whether or not the shared samples
    are there."""
    f = [""] * 61
    f[4] = "2020.0137"  # FractionDate
    f[25], f[31], f[32], f[33], f[34] = "0", "4", "1", "4", "-1.25"  # IsRootEvent, mentions, sources, articles, tone
    for geo in (35, 43, 51):  # Actor1Geo, Actor2Geo, ActionGeo
        f[geo : geo + 8] = ["4", "Baku, Baki, Azerbaijan", "AJ", "AJ09", "", "40.3953", "49.8822", "-2161292"]
    f[60] = "https://news.example.org/2020/01/item"
    return f


def row(
    event_id: int, day: int, a1: str, a2: str, code: str, quad: int, goldstein: float, added: int | None = None
) -> str:
    """One 2.0 row (61 fields) with the given event, date, actors and code."""
    f = template()
    f[0], f[1], f[2], f[3] = str(event_id), str(day), str(day // 100), str(day // 10000)
    f[7], f[17] = a1, a2
    f[26], f[27], f[28], f[29], f[30] = code, code[:3], code[:2], str(quad), str(goldstein)
    f[59] = str(added if added is not None else day * 1_000_000 + 143000)
    return "\t".join(f)


#: Events among AZE, TUR and PAK in two months, with known indices (see test_dyads).
KNOWN = [
    row(1, 20200105, "TUR", "AZE", "042", 1, 1.9),
    row(2, 20200106, "TUR", "AZE", "057", 1, 8.0),
    row(3, 20200107, "AZE", "TUR", "111", 3, -2.0),
    row(4, 20200108, "PAK", "TUR", "190", 4, -10.0),
    row(5, 20200109, "TUR", "TUR", "042", 1, 1.9),  # same state: not a dyad
    row(6, 20200110, "USA", "TUR", "042", 1, 1.9),  # not a member: volume only
    row(7, 20200205, "AZE", "PAK", "072", 2, 8.3),
    row(8, 20200206, "", "PAK", "010", 1, 0.0),  # no country: volume only
]


@pytest.fixture
def known_file(tmp_path: Path) -> Path:
    path = tmp_path / "20200101000000.export.CSV"
    path.write_text("\n".join(KNOWN) + "\n", encoding="utf-8")
    return path
