"""GDELT event-file layouts (1.0 with 57 or 58 columns, 2.0 with 61) and the stored schema.

All layouts are tab-separated, with no header and no quoting. GDELT 2.0 adds an ADM2Code
column to each of the three geo blocks; the 1.0 daily files (from 2013-04-01) add SOURCEURL
at the end of the 57 historical columns. A store keeps one of three column sets, named by
2.0 column names; columns a layout lacks are stored as NULL.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

#: GDELT column types (the BigQuery names) and the DuckDB types they are stored as.
DUCKDB_TYPES = {"INTEGER": "BIGINT", "FLOAT": "DOUBLE", "STRING": "VARCHAR"}

_ACTOR = (
    "Code",
    "Name",
    "CountryCode",
    "KnownGroupCode",
    "EthnicCode",
    "Religion1Code",
    "Religion2Code",
    "Type1Code",
    "Type2Code",
    "Type3Code",
)


def _geo(prefix: str, adm2: bool) -> list[tuple[str, str]]:
    cols = [
        (f"{prefix}_Type", "INTEGER"),
        (f"{prefix}_FullName", "STRING"),
        (f"{prefix}_CountryCode", "STRING"),
        (f"{prefix}_ADM1Code", "STRING"),
    ]
    if adm2:
        cols.append((f"{prefix}_ADM2Code", "STRING"))
    return [*cols, (f"{prefix}_Lat", "FLOAT"), (f"{prefix}_Long", "FLOAT"), (f"{prefix}_FeatureID", "STRING")]


def _columns(adm2: bool, sourceurl: bool) -> tuple[tuple[str, str], ...]:
    cols: list[tuple[str, str]] = [
        ("GLOBALEVENTID", "INTEGER"),
        ("SQLDATE", "INTEGER"),
        ("MonthYear", "INTEGER"),
        ("Year", "INTEGER"),
        ("FractionDate", "FLOAT"),
    ]
    for actor in ("Actor1", "Actor2"):
        cols += [(f"{actor}{name}", "STRING") for name in _ACTOR]
    cols += [
        ("IsRootEvent", "INTEGER"),
        ("EventCode", "STRING"),
        ("EventBaseCode", "STRING"),
        ("EventRootCode", "STRING"),
        ("QuadClass", "INTEGER"),
        ("GoldsteinScale", "FLOAT"),
        ("NumMentions", "INTEGER"),
        ("NumSources", "INTEGER"),
        ("NumArticles", "INTEGER"),
        ("AvgTone", "FLOAT"),
    ]
    for prefix in ("Actor1Geo", "Actor2Geo", "ActionGeo"):
        cols += _geo(prefix, adm2)
    cols.append(("DATEADDED", "INTEGER"))
    if sourceurl:
        cols.append(("SOURCEURL", "STRING"))
    return tuple(cols)


@dataclass(frozen=True)
class Layout:
    """One GDELT event layout: its name and its columns in file order."""

    name: str
    columns: tuple[tuple[str, str], ...]

    @property
    def width(self) -> int:
        return len(self.columns)


V1_HISTORICAL = Layout("1.0-historical", _columns(adm2=False, sourceurl=False))
V1_DAILY = Layout("1.0-daily", _columns(adm2=False, sourceurl=True))
V2 = Layout("2.0", _columns(adm2=True, sourceurl=True))
LAYOUTS = {layout.width: layout for layout in (V1_HISTORICAL, V1_DAILY, V2)}

#: The column sets a store can keep (``tariqa gdelt ingest --columns``), in stored order.
#: ``lean`` (the default): what tariqa's analyses and its row checks read, nothing more. An
#: event stays traceable: GLOBALEVENTID finds it in GDELT's files and tables, and the
#: store's manifest names the file it came from.
LEAN = (
    "GLOBALEVENTID",
    "SQLDATE",
    "Actor1CountryCode",
    "Actor2CountryCode",
    "EventCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "DATEADDED",
)
#: ``core``: also the actors' codes and first type (to tell governments from others), the
#: event's weight and tone, whether it is a root event, and the article's URL.
CORE = (
    "GLOBALEVENTID",
    "SQLDATE",
    "Actor1Code",
    "Actor1CountryCode",
    "Actor1Type1Code",
    "Actor2Code",
    "Actor2CountryCode",
    "Actor2Type1Code",
    "IsRootEvent",
    "EventCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "AvgTone",
    "DATEADDED",
    "SOURCEURL",
)
#: ``extended``: also the actors' names, known groups and other types, the base code, the
#: source and article counts, and where the action happened. Left out: MonthYear, Year and
#: FractionDate (derived from SQLDATE), the actors' ethnic and religion codes, and the
#: actors' geo blocks.
EXTENDED = (
    "GLOBALEVENTID",
    "SQLDATE",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "ActionGeo_Type",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "DATEADDED",
    "SOURCEURL",
)
#: ``all``: every field of the 2.0 layout (a 1.0 file's missing ADM2 codes are NULL).
COLUMN_SETS = {"lean": LEAN, "core": CORE, "extended": EXTENDED, "all": tuple(name for name, _ in V2.columns)}


class ColumnSet(StrEnum):
    """Which columns a GDELT folder keeps (see :data:`COLUMN_SETS`)."""

    LEAN = "lean"
    CORE = "core"
    EXTENDED = "extended"
    ALL = "all"


DEFAULT_COLUMNS = "lean"
#: Columns whose values nearly all differ (an article's URL serves only its few events):
#: Parquet dictionary encoding would only cost time (a quarter of an ingest's CPU on 5
#: million rows) and space.
UNIQUE_VALUED = frozenset(
    {"GLOBALEVENTID", "FractionDate", "AvgTone", "SOURCEURL"}
    | {name for name, _ in V2.columns if name.endswith(("_Lat", "_Long"))}
)
#: GDELT's type of every column (the 2.0 layout has them all).
TYPES = dict(V2.columns)

#: Columns that analyses read; the only ones the engines need to see.
ANALYSIS_COLUMNS = (
    "GLOBALEVENTID",
    "SQLDATE",
    "Actor1CountryCode",
    "Actor2CountryCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
)


def layout_for_width(width: int) -> Layout | None:
    """The layout with ``width`` tab-separated fields, if any.

    >>> layout_for_width(61).name, layout_for_width(57).name, layout_for_width(40)
    ('2.0', '1.0-historical', None)
    """
    return LAYOUTS.get(width)


#: ISO 3166 alpha-3 codes whose CAMEO actor country code differs (GDELT's CAMEO.country.txt).
ISO_TO_CAMEO = {"ROU": "ROM", "TLS": "TMP", "IMN": "IMY", "MNE": "MTN"}
#: ISO codes with no CAMEO country code at all: GDELT never codes these as actor countries.
NO_CAMEO = frozenset(
    {"ATA", "ATF", "BES", "BLM", "BVT", "CCK", "CUW", "CXR", "GGY", "HMD", "IOT", "JEY", "MAF", "SGS", "SXM", "UMI"}
)


def cameo_country(iso3: str) -> str:
    """The CAMEO actor country code GDELT uses for an ISO 3166 alpha-3 code.

    Most are the same; Romania is ROM, Timor-Leste TMP, Isle of Man IMY, Montenegro MTN.

    >>> cameo_country("TUR"), cameo_country("ROU")
    ('TUR', 'ROM')
    """
    code = iso3.upper()
    if code in NO_CAMEO:
        raise ValueError(f"{iso3} has no CAMEO country code, so GDELT has no events for it as an actor")
    return ISO_TO_CAMEO.get(code, code)


def iso_country(cameo: str) -> str:
    """The ISO 3166 alpha-3 code for a CAMEO actor country code (the inverse of
    :func:`cameo_country`).

    >>> iso_country("ROM"), iso_country("PAK")
    ('ROU', 'PAK')
    """
    inverse = {v: k for k, v in ISO_TO_CAMEO.items()}
    return inverse.get(cameo, cameo)
