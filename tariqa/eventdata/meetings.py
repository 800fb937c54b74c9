"""Meetings between given states in a GDELT store: one row per pair, day and place.

:func:`pair_meetings` asks DuckDB for the consultations, visits and meetings (CAMEO 036
"express intent to meet or negotiate", 04x "consult", 05x "engage in diplomatic
cooperation") whose two actors are two different states of ``countries`` (CAMEO actor
codes), grouped by the unordered pair, the day (SQLDATE) and the place where the action
happened, with the number of events and up to ``max_urls`` source URLs.

It needs the article's URL and the action's geography, so a store kept with the
``extended`` column set (place = ActionGeo country and first-order region) or ``all``
(place = ActionGeo feature, with its full name); the ``lean`` and ``core`` sets lack them
and give a :class:`~tariqa.errors.UsageError`. Partitions outside the window are not
read (hive partitions by year and month).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from tariqa.errors import UsageError
from tariqa.eventdata import parquet as st

#: Column sets that keep what meetings need.
MEETING_COLUMN_SETS = ("extended", "all")


@dataclass(frozen=True)
class PairMeeting:
    """Events of one pair of states on one day at one place."""

    first: str
    second: str
    day: date
    place: str
    place_name: str
    place_country: str
    events: int
    urls: tuple[str, ...]


def _check(store: Path) -> str:
    if not (store / "events").is_dir():
        raise UsageError(f"{store}: not a GDELT store (no events folder)")
    column_set = st.column_set(store) or "lean"
    if column_set not in MEETING_COLUMN_SETS:
        raise UsageError(
            f"{store}: the store keeps the {column_set!r} column set, without article URLs and places;"
            f" meetings need a store ingested with the 'extended' or 'all' column set"
        )
    return column_set


def pair_meetings(
    store: Path,
    countries: Sequence[str],
    *,
    since: date | None = None,
    until: date | None = None,
    max_urls: int = 20,
    threads: int = 2,
) -> list[PairMeeting]:
    """Pair-day-place meetings of ``countries`` (CAMEO actor codes) in ``store``."""
    import duckdb

    column_set = _check(store)
    codes = sorted({c.upper() for c in countries})
    if len(codes) < 2 or not all(c.isalpha() and len(c) == 3 for c in codes):
        raise UsageError("meetings need two or more three-letter country codes")
    if column_set == "all":
        place = "ActionGeo_FeatureID"
        name = "ANY_VALUE(ActionGeo_FullName)"
    else:
        place = "ActionGeo_CountryCode || ':' || COALESCE(ActionGeo_ADM1Code, '')"
        name = "ANY_VALUE(ActionGeo_ADM1Code)"
    where = [
        "Actor1CountryCode IN $codes",
        "Actor2CountryCode IN $codes",
        "Actor1CountryCode <> Actor2CountryCode",
        "(EventRootCode IN ('04', '05') OR EventCode LIKE '036%')",
        "ActionGeo_Type > 0",
        f"({place}) IS NOT NULL",
    ]
    params: dict[str, object] = {"codes": codes, "max_urls": max_urls}
    if since is not None:
        where.append("SQLDATE >= $since AND year >= $since_year")
        params.update(since=int(since.strftime("%Y%m%d")), since_year=since.year)
    if until is not None:
        where.append("SQLDATE <= $until AND year <= $until_year")
        params.update(until=int(until.strftime("%Y%m%d")), until_year=until.year)
    glob = str(store / "events" / "**" / "*.parquet").replace("'", "''")
    sql = f"""
        SELECT least(Actor1CountryCode, Actor2CountryCode) AS first,
               greatest(Actor1CountryCode, Actor2CountryCode) AS second,
               SQLDATE AS day, {place} AS place, {name} AS place_name,
               ANY_VALUE(ActionGeo_CountryCode) AS place_country,
               count(*) AS events,
               list_slice(list(DISTINCT SOURCEURL ORDER BY SOURCEURL), 1, $max_urls) AS urls
        FROM read_parquet('{glob}', hive_partitioning = true)
        WHERE {" AND ".join(where)}
        GROUP BY ALL
        ORDER BY day, place, first, second
    """  # noqa: S608  (the column names are constants; every value is a parameter)
    con = duckdb.connect(config={"threads": threads})
    try:
        rows = con.execute(sql, params).fetchall()
    finally:
        con.close()
    out = []
    for first, second, day, place_key, place_name, country, events, urls in rows:
        d = date(day // 10000, day // 100 % 100, day % 100)
        out.append(
            PairMeeting(
                first,
                second,
                d,
                str(place_key),
                str(place_name or ""),
                str(country or ""),
                int(events),
                tuple(u for u in urls if u),
            )
        )
    return out
