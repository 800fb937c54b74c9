"""A synthetic GDELT 2.0 event file with realistic value distributions, for tests and benchmarks.

The distributions follow the real 15-minute export of 2019-10-24 14:30 (2,111 rows): the mix
of CAMEO root codes, blank actor countries (about 40% of actors), IsRootEvent (60%), the
skewed NumMentions/NumSources/NumArticles, AvgTone around -2, geo types, back-dated
SQLDATEs (a few percent one month or one year early). GoldsteinScale and QuadClass are
derived from the event code as GDELT derives them. Azerbaijan, Türkiye and Pakistan are
over-represented so that their dyads are not empty. Output is deterministic for a seed:
the same seed and row count give a byte-identical file.
"""

from __future__ import annotations

import gzip
import zipfile
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import IO, Any, cast

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv

from tariqa.errors import UsageError
from tariqa.eventdata.cameo import GOLDSTEIN, quad_class
from tariqa.eventdata.layouts import V2

CHUNK = 250_000
FIRST_ID = 900_000_000

#: Root-code counts in the real 2.0 sample (roots 01..20).
_ROOT_WEIGHTS = (297, 131, 169, 460, 165, 47, 73, 116, 45, 21, 149, 46, 24, 31, 2, 23, 93, 43, 176, 20)
#: Actor country codes with weights; "" is an actor without a country (about 40%).
_COUNTRIES = {
    "": 400,
    "USA": 190,
    "GBR": 45,
    "RUS": 26,
    "CHN": 20,
    "IRN": 19,
    "TUR": 30,
    "PAK": 22,
    "AZE": 12,
    "ARM": 6,
    "IND": 18,
    "SYR": 16,
    "CAN": 15,
    "JPN": 12,
    "FRA": 12,
    "UKR": 11,
    "DEU": 10,
    "ISR": 10,
    "AFG": 8,
    "SAU": 8,
    "ROM": 3,
    "EUR": 8,
    "AFR": 14,
}
#: FIPS 10-4 geo country codes for the actor countries (geo fields are not CAMEO).
_FIPS = {
    "USA": "US",
    "GBR": "UK",
    "RUS": "RS",
    "CHN": "CH",
    "IRN": "IR",
    "TUR": "TU",
    "PAK": "PK",
    "AZE": "AJ",
    "ARM": "AM",
    "IND": "IN",
    "SYR": "SY",
    "CAN": "CA",
    "JPN": "JA",
    "FRA": "FR",
    "UKR": "UP",
    "DEU": "GM",
    "ISR": "IS",
    "AFG": "AF",
    "SAU": "SA",
    "ROM": "RO",
}
_TYPES = ("", "", "", "GOV", "GOV", "MIL", "BUS", "MED", "CVL", "COP", "JUD", "LEG", "OPP", "EDU")
_GEO_TYPES = (0, 1, 2, 3, 4, 5)
_GEO_WEIGHTS = (0.17, 0.22, 0.10, 0.15, 0.30, 0.06)


def _codes_by_root() -> list[np.ndarray]:
    """For each root 01..20, its event codes, the root's generic code ("X0") weighted up."""
    out = []
    for r in range(1, 21):
        root = f"{r:02d}"
        codes = [c for c in GOLDSTEIN if len(c) > 2 and c.startswith(root)]
        generic = f"{root}0"
        out.append(np.array(codes + [generic] * max(1, len(codes) // 2) if generic in GOLDSTEIN else codes))
    return out


def _pick(rng: np.random.Generator, table: dict[str, int], n: int) -> np.ndarray:
    keys = np.array(list(table))
    weights = np.array(list(table.values()), dtype=float)
    return keys[rng.choice(len(keys), size=n, p=weights / weights.sum())]


def _dates(
    rng: np.random.Generator, n: int, span: tuple[datetime, datetime], part: tuple[float, float]
) -> dict[str, Any]:
    """DATEADDED (15-minute batches, ascending through the file like GDELT's stream, over the
    ``part`` of ``span``) and SQLDATE, a few events back-dated a month or a year."""
    start, end = span
    quarters = int((end - start).total_seconds() // 900)
    low, high = int(quarters * part[0]), max(int(quarters * part[1]), int(quarters * part[0]) + 1)
    batch = np.sort(rng.integers(low, high, n))
    added = np.datetime64(start, "s") + batch * np.timedelta64(900, "s")
    day = added.astype("datetime64[D]")
    shift = rng.choice(3, size=n, p=(0.96, 0.025, 0.015))
    months = day.astype("datetime64[M]")
    dom = (day - months).astype(int)
    back = np.where(shift == 1, months - 1, np.where(shift == 2, months - 12, months))
    event_day = np.minimum(back + dom.astype("timedelta64[D]"), (back + 1).astype("datetime64[D]") - 1)
    sqldate = _yyyymmdd(event_day)
    seconds = (added - day).astype(np.int64)
    hhmmss = seconds // 3600 * 10000 + seconds % 3600 // 60 * 100
    dateadded = _yyyymmdd(day) * 1_000_000 + hhmmss
    year = sqldate // 10000
    month = sqldate // 100 % 100
    fraction = np.round(year + (month * 30 + sqldate % 100) / 365, 4)
    return {
        "SQLDATE": sqldate,
        "MonthYear": sqldate // 100,
        "Year": year,
        "FractionDate": fraction,
        "DATEADDED": dateadded,
    }


def _mapped(values: np.ndarray, func: Callable[[str], Any]) -> np.ndarray:
    """``func`` applied to each distinct value only, then spread back."""
    uniques, inverse = np.unique(values, return_inverse=True)
    return np.array([func(str(u)) for u in uniques])[inverse] if len(values) else np.array([], dtype=str)


def _yyyymmdd(days: np.ndarray) -> np.ndarray:
    """Dates as YYYYMMDD integers, vectorised."""
    years = days.astype("datetime64[Y]").astype(np.int64) + 1970
    months = days.astype("datetime64[M]")
    month = months.astype(np.int64) % 12 + 1
    dom = (days - months.astype("datetime64[D]")).astype(np.int64) + 1
    return years * 10000 + month * 100 + dom  # type: ignore[no-any-return]


def _actor(rng: np.random.Generator, n: int, prefix: str, cols: dict[str, Any]) -> np.ndarray:
    country = _pick(rng, _COUNTRIES, n)
    types = np.array(_TYPES)[rng.integers(0, len(_TYPES), n)]
    has_actor = (country != "") | (rng.random(n) < 0.5)
    code = np.where(has_actor, np.char.add(country, types), "")
    name = np.where(country != "", np.char.add("ACTOR ", country), np.where(has_actor, "POLICE", ""))
    cols[f"{prefix}Code"] = code
    cols[f"{prefix}Name"] = name
    cols[f"{prefix}CountryCode"] = country
    for field in ("KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code"):
        cols[f"{prefix}{field}"] = np.full(n, "")
    cols[f"{prefix}Type1Code"] = np.where(has_actor, types, "")
    cols[f"{prefix}Type2Code"] = np.full(n, "")
    cols[f"{prefix}Type3Code"] = np.full(n, "")
    return country


def _geo(rng: np.random.Generator, n: int, prefix: str, country: np.ndarray, cols: dict[str, Any]) -> None:
    gtype = rng.choice(_GEO_TYPES, size=n, p=_GEO_WEIGHTS)
    fips = _mapped(country, lambda c: _FIPS.get(c, "US"))
    blank = gtype == 0
    cols[f"{prefix}_Type"] = gtype
    cols[f"{prefix}_FullName"] = np.where(blank, "", np.char.add("Place, ", fips))
    cols[f"{prefix}_CountryCode"] = np.where(blank, "", fips)
    cols[f"{prefix}_ADM1Code"] = np.where(blank, "", np.char.add(fips, "00"))
    cols[f"{prefix}_ADM2Code"] = np.where(blank, "", rng.integers(10000, 99999, n).astype(str))
    lat = np.round(rng.uniform(-60, 70, n), 4)
    lon = np.round(rng.uniform(-180, 180, n), 4)
    cols[f"{prefix}_Lat"] = pa.array(lat, mask=blank)
    cols[f"{prefix}_Long"] = pa.array(lon, mask=blank)
    cols[f"{prefix}_FeatureID"] = np.where(blank, "", rng.integers(-3_000_000, 3_000_000, n).astype(str))


def _chunk(
    rng: np.random.Generator, first_id: int, n: int, span: tuple[datetime, datetime], part: tuple[float, float]
) -> pa.Table:
    cols: dict[str, Any] = {"GLOBALEVENTID": np.arange(first_id, first_id + n, dtype=np.int64)}
    dates = _dates(rng, n, span, part)
    cols.update({k: v for k, v in dates.items() if k != "DATEADDED"})
    a1 = _actor(rng, n, "Actor1", cols)
    a2 = _actor(rng, n, "Actor2", cols)
    weights = np.array(_ROOT_WEIGHTS, dtype=float)
    roots = rng.choice(20, size=n, p=weights / weights.sum())
    by_root = _codes_by_root()
    codes = np.empty(n, dtype=object)
    for r in range(20):
        mask = roots == r
        codes[mask] = by_root[r][rng.integers(0, len(by_root[r]), int(mask.sum()))]
    codes = codes.astype(str)
    cols["IsRootEvent"] = (rng.random(n) < 0.6).astype(np.int64)
    cols["EventCode"] = codes
    cols["EventBaseCode"] = _mapped(codes, lambda c: c[:3])
    cols["EventRootCode"] = _mapped(codes, lambda c: c[:2])
    cols["QuadClass"] = np.array([quad_class(f"{r + 1:02d}") for r in range(20)])[roots]
    cols["GoldsteinScale"] = _mapped(codes, GOLDSTEIN.__getitem__).astype(float)
    mentions = 1 + rng.negative_binomial(1, 0.2, n)
    cols["NumMentions"] = mentions
    cols["NumSources"] = 1 + (rng.random(n) < 0.04) * rng.integers(1, 4, n)
    cols["NumArticles"] = np.maximum(1, mentions - rng.integers(0, 2, n))
    cols["AvgTone"] = np.round(np.clip(rng.normal(-2.0, 3.5, n), -30, 30), 10)
    for prefix, country in (("Actor1Geo", a1), ("Actor2Geo", a2), ("ActionGeo", a1)):
        _geo(rng, n, prefix, country, cols)
    cols["DATEADDED"] = dates["DATEADDED"]
    cols["SOURCEURL"] = np.char.add("https://news.example.org/story/", rng.integers(0, n + 1, n).astype(str))
    return pa.table({name: cols[name] for name, _ in V2.columns})


def _open_out(path: Path) -> tuple[IO[bytes], Callable[[], None]]:
    """A binary stream to write the TSV into: plain, gzip, or the one member of a zip."""
    name = path.name.lower()
    if name.endswith(".gz"):
        raw = path.open("wb")
        gz = cast(IO[bytes], gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=1, mtime=0))

        def close_gz() -> None:
            gz.close()
            raw.close()

        return gz, close_gz
    if name.endswith(".zip"):
        archive = zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1)
        info = zipfile.ZipInfo(path.name[:-4] if path.name[:-4].lower().endswith(".csv") else path.stem + ".CSV")
        info.date_time = (2020, 1, 1, 0, 0, 0)
        info.compress_type = zipfile.ZIP_DEFLATED
        member = archive.open(info, "w", force_zip64=True)

        def close() -> None:
            member.close()
            archive.close()

        return member, close
    handle = path.open("wb")
    return handle, handle.close


def synthesize(
    out: Path,
    rows: int,
    *,
    seed: int = 0,
    start: date = date(2019, 10, 1),
    per_day: int = 100_000,
    on_rows: Callable[[int], None] | None = None,
) -> int:
    """Write ``rows`` synthetic GDELT 2.0 events (61 tab-separated columns) to ``out``.

    The events are added from ``start`` on at ``per_day`` events a day (GDELT 2.0 adds about
    100,000 a day), in time order like a concatenation of GDELT's 15-minute files.

    ``out`` ending in ``.gz`` or ``.zip`` is compressed like GDELT's files. Returns the number
    of rows written; ``on_rows`` is called with the running total after each chunk.
    """
    if rows < 0:
        raise UsageError("the number of rows must be zero or more")
    if out.is_dir():
        raise UsageError(f"{out} is a directory; give a file name")
    if per_day < 1:
        raise UsageError("at least one event a day is needed")
    rng = np.random.default_rng(seed)
    first = datetime(start.year, start.month, start.day)
    span = (first, first + timedelta(days=max(rows, 1) / per_day))
    options = pacsv.WriteOptions(include_header=False, delimiter="\t", quoting_style="none")
    stream, close = _open_out(out)
    try:
        done = 0
        while done < rows:
            n = min(CHUNK, rows - done)
            table = _chunk(rng, FIRST_ID + done, n, span, (done / rows, (done + n) / rows))
            pacsv.write_csv(table, stream, write_options=options)
            done += n
            if on_rows:
                on_rows(done)
    finally:
        close()
    return rows
