"""The checks every GDELT row passes before it is stored, as DuckDB SQL.

Each check is a condition that fails a row, the field it names and the reason (SQL that
builds the text). Every row pays for the conditions, so they are cheap: arithmetic on the
integer dates, GLOB patterns, one regular expression; they are tested together, and only a
failing row goes through them one by one for its reason.
"""

from __future__ import annotations


def date_ok(v: str) -> str:
    """SQL: the integer ``v`` is a real date written YYYYMMDD (arithmetic, no parsing)."""
    y, m, d = f"({v} // 10000)", f"({v} // 100 % 100)", f"({v} % 100)"
    leap = f"({y} % 4 = 0 AND ({y} % 100 <> 0 OR {y} % 400 = 0))"
    days = f"CASE WHEN {m} = 2 THEN 28 + {leap}::INTEGER WHEN {m} IN (4, 6, 9, 11) THEN 30 ELSE 31 END"
    return f"({v} BETWEEN 10000101 AND 99991231 AND {m} BETWEEN 1 AND 12 AND {d} BETWEEN 1 AND {days})"


def time_ok(v: str) -> str:
    """SQL: the integer ``v`` is a real date and time written YYYYMMDDHHMMSS."""
    return (
        f"({v} BETWEEN 10000101000000 AND 99991231235959 AND {date_ok(f'({v} // 1000000)')}"
        f" AND {v} // 10000 % 100 < 24 AND {v} // 100 % 100 < 60 AND {v} % 100 < 60)"
    )


_ADDED_DAY = "(CASE WHEN DATEADDED > 99999999 THEN DATEADDED // 1000000 ELSE DATEADDED END)"

#: The checks of a row, in order: a condition that fails it, the field, and the reason (SQL).
#: Every row pays for the conditions, so they are cheap (arithmetic, GLOB, one regular
#: expression); the first one a row fails names the field and the reason.
_CHECKS = (
    ("GLOBALEVENTID IS NULL", "GLOBALEVENTID", "'missing'"),
    ("DATEADDED IS NULL", "DATEADDED", "'missing (the row has too few fields)'"),
    (
        f"SQLDATE IS NULL OR NOT {date_ok('SQLDATE')}",
        "SQLDATE",
        "'''' || coalesce(SQLDATE::VARCHAR, '') || ''' is not a date (YYYYMMDD)'",
    ),
    (
        f"NOT ({date_ok('DATEADDED')} OR {time_ok('DATEADDED')})",
        "DATEADDED",
        "'''' || DATEADDED || ''' is not a date (YYYYMMDD or YYYYMMDDHHMMSS)'",
    ),
    ("SQLDATE < 19790101", "SQLDATE", "SQLDATE || ' is before 1979-01-01, where GDELT starts'"),
    (
        f"SQLDATE > {_ADDED_DAY} + 10000",
        "SQLDATE",
        "SQLDATE || ' is more than a year after the row was added (' || DATEADDED || ')'",
    ),
    (
        "EventRootCode IS NULL OR NOT EventRootCode GLOB '[0-9][0-9]'",
        "EventRootCode",
        "'''' || coalesce(EventRootCode, '') || ''' is not a 2-digit CAMEO root code'",
    ),
    (
        "EventCode IS NULL OR NOT regexp_full_match(EventCode, '[0-9]{2,4}')"
        " OR NOT starts_with(EventCode, EventRootCode)",
        "EventCode",
        "'''' || coalesce(EventCode, '') || ''' is not a CAMEO code under root ' || EventRootCode",
    ),
    (
        "QuadClass IS NULL OR QuadClass NOT BETWEEN 1 AND 4",
        "QuadClass",
        "coalesce(QuadClass::VARCHAR, 'empty') || ' is not 1-4'",
    ),
    (
        "GoldsteinScale IS NULL OR GoldsteinScale NOT BETWEEN -10 AND 10",
        "GoldsteinScale",
        "coalesce(GoldsteinScale::VARCHAR, 'empty') || ' is not in -10..10'",
    ),
)


def problem_sql() -> str:
    """SQL: NULL for a good row, else ``field<TAB>reason`` of the first check it fails.

    Every row is tested once against all the conditions together; only a failing row goes
    through them one by one for its reason.
    """
    failed = " OR ".join(f"({cond})" for cond, _, _ in _CHECKS)
    whens = " ".join(f"WHEN {cond} THEN '{field}' || chr(9) || {msg}" for cond, field, msg in _CHECKS)
    return f"CASE WHEN {failed} THEN (CASE {whens} END) END"
