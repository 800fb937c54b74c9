"""Where the dyads expressions run: embedded DuckDB (default), Apache Spark, or BigQuery.

The expressions in :mod:`tariqa.eventdata.dyads` are the same on every engine; only
the source table differs: the Parquet store for DuckDB and Spark, GDELT's public tables
for BigQuery. Spark and BigQuery run them through Ibis's backends; the embedded DuckDB
runs them as SQL compiled ahead of time (:mod:`tariqa.eventdata.compiled`), so it
imports neither Ibis nor pandas. PySpark and the BigQuery client are optional extras,
imported lazily, and so is Ibis.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tariqa.errors import MissingExtra, UsageError
from tariqa.eventdata import compiled
from tariqa.eventdata import parquet as st
from tariqa.eventdata.indices import ALL_MONTHS, VOLUME_SCHEMA, Window, members_codes, to_rows
from tariqa.eventdata.layouts import ANALYSIS_COLUMNS

if TYPE_CHECKING:
    import ibis.expr.types as ir

#: GDELT's public BigQuery tables of events: 2.0 (2015-02-19 on) and 1.0 (1979 on).
BIGQUERY_TABLES = {"2.0": ("gdelt-bq", "gdeltv2", "events"), "1.0": ("gdelt-bq", "full", "events")}


class Engine(StrEnum):
    duckdb = "duckdb"
    spark = "spark"
    bigquery = "bigquery"


@dataclass
class DyadResult:
    """The indices, the CAMEO root breakdown, and the months' volumes, as plain rows."""

    rows: list[dict[str, Any]]
    roots: list[dict[str, Any]]
    engine: str
    members: list[str] = field(default_factory=list)


def _embedded(store: Path, members: Sequence[str], window: Window, volume_table: Any) -> DyadResult:
    """The dyads on an embedded DuckDB over the store's files, as SQL compiled ahead of time
    from the expressions every engine runs (:mod:`~tariqa.eventdata.compiled`)."""
    import duckdb
    import pyarrow as pa

    codes, bounds = members_codes(members), window.bounds()
    con = duckdb.connect(config={"threads": max(1, os.cpu_count() or 1)})
    paths = ", ".join(compiled.quote(str(p)) for p in st.event_files(store))
    cols = ", ".join(ANALYSIS_COLUMNS)
    con.execute(f"CREATE VIEW {compiled.EVENTS} AS SELECT {cols} FROM read_parquet([{paths}], hive_partitioning=false)")
    if volume_table is not None:
        schema = pa.schema([(name, pa.int64()) for name in VOLUME_SCHEMA])
        con.register(compiled.VOLUME, pa.Table.from_pydict(dict(volume_table), schema=schema))
    rows = con.sql(compiled.dyads_sql(codes, bounds, volume_table is not None)).arrow().read_all()
    roots = con.sql(compiled.roots_sql(codes, bounds)).arrow().read_all()
    return DyadResult(to_rows(rows), to_rows(roots), "", list(members))


def spark_session(master: str | None = None) -> Any:
    """A Spark session: ``master`` (``local[2]``, ``spark://host:7077``, ``yarn``), or
    Spark Connect when ``SPARK_REMOTE`` is set (``sc://host:15002``), else local."""
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise MissingExtra("pyspark", "spark") from None
    builder = SparkSession.builder.appName("tariqa-gdelt")
    if os.environ.get("SPARK_REMOTE") and not master:
        return builder.remote(os.environ["SPARK_REMOTE"]).getOrCreate()
    builder = builder.master(master or "local[2]").config("spark.sql.session.timeZone", "UTC")
    return builder.config("spark.ui.enabled", "false").getOrCreate()


def spark_events(store: Path, session: Any) -> tuple[Any, ir.Table]:
    """An Ibis PySpark backend on ``session`` and the store's events (the path must be
    readable by the cluster: a shared file system, HDFS or an object store URL)."""
    import ibis

    st.event_files(store)
    con = ibis.pyspark.connect(session)
    table = con.read_parquet(str(store / "events"), table_name="gdelt_events")
    return con, table.select(*ANALYSIS_COLUMNS)


def bigquery_table(version: str = "2.0") -> ir.Table:
    """GDELT's public events table as an unbound Ibis table (for compiling SQL offline)."""
    import ibis

    from tariqa.eventdata.dyads import event_schema

    project, dataset, name = BIGQUERY_TABLES[version]
    return ibis.table(event_schema(), name=name, catalog=project, database=dataset)


def bigquery_sql(members: Sequence[str], window: Window = ALL_MONTHS, version: str = "2.0") -> str:
    """The BigQuery SQL of the dyads query on GDELT's public table, compiled without a
    connection (the same expression the other engines run)."""
    import ibis

    from tariqa.eventdata.dyads import dyad_expr

    return str(ibis.to_sql(dyad_expr(bigquery_table(version), members, window), dialect="bigquery"))


def bigquery_connect(project: str | None) -> Any:
    """A BigQuery connection billed to ``project``, with Application Default Credentials.

    Fails with a clear message when the extra is missing or there are no credentials
    (never opens a browser).
    """
    if not project:
        raise UsageError("the BigQuery engine needs a project: the Google Cloud project billed for the queries")
    try:
        import google.auth
        import google.auth.exceptions
    except ImportError:
        raise MissingExtra("google-cloud-bigquery", "bigquery") from None
    try:
        credentials, _ = google.auth.default(scopes=["https://www.googleapis.com/auth/bigquery"])
    except google.auth.exceptions.DefaultCredentialsError as exc:
        raise UsageError(
            "no Google Cloud credentials for BigQuery: run 'gcloud auth application-default login' or set"
            f" GOOGLE_APPLICATION_CREDENTIALS to a service-account key file ({str(exc).splitlines()[0]})"
        ) from None
    import ibis

    try:
        return ibis.bigquery.connect(project_id=project, credentials=credentials)
    except ImportError:
        raise MissingExtra("google-cloud-bigquery", "bigquery") from None


def _run(con: Any, events: ir.Table, members: Sequence[str], window: Window, volume_table: Any) -> DyadResult:
    """The dyads expressions on an Ibis backend (Spark or BigQuery)."""
    import ibis

    from tariqa.eventdata.dyads import dyad_expr, roots_expr

    vol = None if volume_table is None else ibis.memtable(volume_table, schema=VOLUME_SCHEMA)
    rows = to_rows(con.to_pyarrow(dyad_expr(events, members, window, vol)))
    roots = to_rows(con.to_pyarrow(roots_expr(events, members, window)))
    return DyadResult(rows, roots, "", list(members))


def dyads(
    members: Sequence[str],
    *,
    store: Path | None = None,
    window: Window = ALL_MONTHS,
    engine: Engine = Engine.duckdb,
    volume_table: Any = None,
    project: str | None = None,
    spark_master: str | None = None,
    bigquery_version: str = "2.0",
) -> DyadResult:
    """Monthly dyadic indices for ``members`` (ISO3) on the chosen engine.

    ``volume_table`` (a mapping ``{"month": [YYYYMM, ...], "volume": [...]}``) gives the
    monthly total event volume instead of counting the store's events.
    """
    result = _dyads(members, store, window, engine, volume_table, project, spark_master, bigquery_version)
    result.engine = engine.value
    return result


def _dyads(
    members: Sequence[str],
    store: Path | None,
    window: Window,
    engine: Engine,
    volume_table: Any,
    project: str | None,
    spark_master: str | None,
    bigquery_version: str,
) -> DyadResult:
    if engine is Engine.bigquery:
        con = bigquery_connect(project)
        project_id, dataset, name = BIGQUERY_TABLES[bigquery_version]
        events = con.table(name, database=f"{project_id}.{dataset}").select(*ANALYSIS_COLUMNS)
    elif store is None:
        raise UsageError("the DuckDB and Spark engines need a GDELT Parquet folder to read")
    elif engine is Engine.spark:
        con, events = spark_events(store, spark_session(spark_master))
    else:
        return _embedded(store, members, window, volume_table)
    return _run(con, events, members, window, volume_table)
