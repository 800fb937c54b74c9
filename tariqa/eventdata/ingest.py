"""Ingesting GDELT event files into a Parquet store partitioned by event year and month.

Files are read by DuckDB's parallel CSV reader (consecutive small files of one layout in
one scan) and written, in one streaming pass, to a staging directory inside the store:
valid rows partitioned by year and month, malformed rows apart with their reason. Only
when every file has passed are the new rows deduplicated (by GLOBALEVENTID, against each
other and against the partitions they touch) and moved into place; a failure leaves the
store as it was.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from tariqa.errors import InputError, UsageError
from tariqa.eventdata import parquet as st
from tariqa.eventdata.checks import problem_sql
from tariqa.eventdata.idranges import IdRange, no_repeats, stored_ranges, summarize
from tariqa.eventdata.layouts import COLUMN_SETS, DEFAULT_COLUMNS, DUCKDB_TYPES, UNIQUE_VALUED, V2
from tariqa.eventdata.partitions import ROW_GROUP, PartitionWriter, merge
from tariqa.eventdata.sources import Source, expand, inspect, line_of, unzip_to

#: Default share of a file's rows that may be malformed (quarantined) before the file is
#: refused as a whole: more than this says the file is not what it claims to be.
MAX_BAD = 0.01


@dataclass
class FileResult:
    """What happened to one input file."""

    file: str
    layout: str
    read: int = 0
    kept: int = 0
    quarantined: int = 0
    duplicates: int = 0
    skipped: bool = False  # the same file was ingested before


@dataclass
class IngestSummary:
    """The outcome of one ingest: per file, and where the quarantined rows went."""

    store: Path
    files: list[FileResult]
    quarantine: Path | None

    @property
    def totals(self) -> dict[str, int]:
        keys = ("read", "kept", "quarantined", "duplicates")
        return {k: sum(getattr(f, k) for f in self.files) for k in keys}


def _reader(paths: list[Path], source: Source, table: str) -> str:
    """A DuckDB read_csv call for files of ``source``'s layout and compression (1.0 reads
    both widths)."""
    layout = V2 if source.layout.width == 61 else source.layout
    columns = layout.columns if layout is V2 else _v1_columns()
    spec = ", ".join(f"'{name}': '{DUCKDB_TYPES[kind]}'" for name, kind in columns)
    padding = "false" if layout is V2 else "true"
    files = ", ".join(f"'{_quote(p)}'" for p in paths)
    compression = "gzip" if source.compression == "gzip" else "none"
    return (
        f"read_csv([{files}], delim='\\t', header=false, quote='', escape='', auto_detect=false,"
        f" columns={{{spec}}}, null_padding={padding}, compression='{compression}', store_rejects=true,"
        f" rejects_table='{table}', rejects_scan='{table}_scan', strict_mode=true)"
    )


def _v1_columns() -> tuple[tuple[str, str], ...]:
    from tariqa.eventdata.layouts import V1_DAILY

    return V1_DAILY.columns


def _quote(path: Path) -> str:
    return str(path).replace("'", "''")


def _select(source: Source, names: tuple[str, ...]) -> str:
    present = {name for name, _ in source.layout.columns} | ({"SOURCEURL"} if source.layout.width >= 57 else set())
    return ", ".join(name if name in present else f"NULL::VARCHAR AS {name}" for name in names)


def connect(workdir: Path, memory_limit: str = "1GB") -> duckdb.DuckDBPyConnection:
    """A DuckDB connection for ingestion: all cores, bounded memory, spilling to ``workdir``."""
    con = duckdb.connect(
        config={
            "threads": max(1, os.cpu_count() or 1),
            "memory_limit": memory_limit,
            "temp_directory": str(workdir / "spill"),
            "preserve_insertion_order": False,
        }
    )
    con.execute("SET enable_progress_bar = false")
    return con


@dataclass
class _Staged:
    """One staged file: its lines DuckDB rejected, the partitions its good rows went to, and
    the range of their ids."""

    k: int
    source: Source
    rejects: list[tuple[Any, ...]]
    parts: set[tuple[int, int]]
    ids: IdRange | None


#: Staging folders: ``f<k>`` holds input file k's malformed rows, and its good rows unless it
#: shared a scan with other files; ``g<k>`` holds the good rows of the files read in one scan
#: with file k first (their files keep a ``_k`` column).
_OWN, _GROUP = "f", "g"


def _own_dir(k: int) -> str:
    return f"{_OWN}{k}"


def _group_dir(k: int) -> str:
    return f"{_GROUP}{k}"


def _in_group_dir(path: Path, staging: Path) -> bool:
    return path.relative_to(staging).parts[0].startswith(_GROUP)


#: Stored files keep min/max statistics for the numeric columns only (GLOBALEVENTID's prove
#: that an ingest repeats nothing; SQLDATE's let queries skip row groups).
_NUMERIC = frozenset(name for name, kind in V2.columns if kind != "STRING")


#: At most this many files, and this many bytes, are read by one DuckDB query: a query costs
#: some 40 ms before it reads a row, more than a quarter-hour GDELT file takes to read.
GROUP_FILES = 256
GROUP_BYTES = 1 << 30


def _groups(todo: list[tuple[int, Source]]) -> list[list[tuple[int, Source]]]:
    """Consecutive files of one reader (2.0 or 1.0; gzip or not), in bounded groups."""
    groups: list[list[tuple[int, Source]]] = []
    sizes: list[int] = []
    for k, source in todo:
        size = source.path.stat().st_size
        if groups and _kind(groups[-1][0][1]) == _kind(source):
            if len(groups[-1]) < GROUP_FILES and sizes[-1] + size <= GROUP_BYTES:
                groups[-1].append((k, source))
                sizes[-1] += size
                continue
        groups.append([(k, source)])
        sizes.append(size)
    return groups


def _kind(source: Source) -> tuple[bool, bool]:
    return source.layout.width == 61, source.compression == "gzip"


def _stage_group(
    con: Any, group: list[tuple[int, Source]], staging: Path, names: tuple[str, ...]
) -> list[tuple[FileResult, _Staged]]:
    """Stage a group of files with one query (see :func:`_stage`); when DuckDB cannot read
    the group, stage its files one by one, so that the error names its file."""
    try:
        return _stage(con, group, staging, names)
    except InputError:
        if len(group) == 1:
            raise
    for folder in [_group_dir(group[0][0]), *(_own_dir(k) for k, _ in group)]:  # what the group wrote
        shutil.rmtree(staging / folder, ignore_errors=True)
    return [one for member in group for one in _stage(con, [member], staging, names)]


def _stage(
    con: Any, group: list[tuple[int, Source]], staging: Path, names: tuple[str, ...]
) -> list[tuple[FileResult, _Staged]]:
    """Write each file's rows to ``staging/f<k>``; return its counts and what was staged.

    Good rows go to their year/month partition; rows failing a check to ``year=0/month=0``
    with their ``_problem``. DuckDB reads the group's files in one scan.
    """
    source = group[0][1]
    paths = [unzip_to(s, staging / f"src-{k}.tsv") if s.compression == "zip" else s.path for k, s in group]
    table = f"rejects_{group[0][0]}"
    ks = [k for k, _ in group]
    number = f"{ks}[file_index::BIGINT + 1]" if len(ks) > 1 else str(ks[0])  # the file's k
    columns = _select(source, names)
    query = (
        f"SELECT {columns}, _p AS _problem, ({number})::INTEGER AS _k,"
        f" (CASE WHEN _p IS NULL THEN SQLDATE // 10000 ELSE 0 END)::INTEGER AS year,"
        f" (CASE WHEN _p IS NULL THEN SQLDATE // 100 % 100 ELSE 0 END)::INTEGER AS month"
        f" FROM (SELECT {columns}, {problem_sql()} AS _p, file_index"
        f" FROM {_reader(paths, source, table)})"
    )
    writer = PartitionWriter(
        staging,
        by_file="_k",
        folders={k: _own_dir(k) for k in ks},
        shared=_group_dir(ks[0]) if len(ks) > 1 else None,  # good rows of many files: a file a month
        track="GLOBALEVENTID",
        drop=["_problem"],
        keep_in=(0, 0),
        plain=UNIQUE_VALUED,
        statistics=_NUMERIC,
    )
    where = source.path if len(group) == 1 else f"{source.path} and {len(group) - 1} more"
    try:
        # (a streaming result needs the connection to itself: fetch every earlier result in full)
        reader = con.sql(query).to_arrow_reader(ROW_GROUP)
    except duckdb.Error as exc:
        raise InputError(f"{where}: cannot be read: {str(exc).splitlines()[0]}") from None
    with reader, writer:
        for batch in _batches(reader, where):
            writer.write(batch)
    rejects = _rejects(con, table, paths)
    staged = []
    for i, (k, s) in enumerate(group):
        counts = {(y, m): n for (f, y, m), n in writer.counts.items() if f == k}
        bad = counts.pop((0, 0), 0)
        kept = sum(counts.values())
        mine = rejects.get(str(paths[i]), [])
        result = FileResult(str(s.path), s.layout.name, kept + bad + len(mine), kept, bad + len(mine))
        staged.append((result, _Staged(k, s, mine, set(counts), summarize(writer.tracked.get(k, [])))))
    return staged


def _batches(reader: Any, where: object) -> Iterator[pa.RecordBatch]:
    """The batches of a DuckDB stream; a failure to read (which DuckDB may report through
    Arrow as an OSError, e.g. a truncated gzip) becomes an InputError naming ``where``.
    Errors of whoever consumes the batches (such as a full disk) pass unchanged."""
    while True:
        try:
            batch = reader.read_next_batch()
        except StopIteration:
            return
        except (duckdb.Error, pa.ArrowException, OSError) as exc:
            raise InputError(f"{where}: cannot be read: {str(exc).splitlines()[0]}") from None
        yield batch


def _rejects(con: Any, table: str, paths: list[Path]) -> dict[str, list[tuple[Any, ...]]]:
    """The lines DuckDB rejected, by file: line, field, kind, message and the raw line."""
    rows = con.execute(
        "SELECT s.file_path, r.line, CASE WHEN r.error_type::VARCHAR IN ('MISSING COLUMNS', 'TOO MANY COLUMNS')"
        " THEN 'columns' ELSE coalesce(r.column_name, 'columns') END, r.error_type::VARCHAR, r.error_message,"
        f" r.csv_line FROM {table} r JOIN {table}_scan s USING (scan_id, file_id)"
        " QUALIFY row_number() OVER (PARTITION BY s.file_path, r.line ORDER BY r.column_idx) = 1"
        " ORDER BY s.file_path, r.line"
    ).fetchall()
    found: dict[str, list[tuple[Any, ...]]] = {}
    for path, *rest in rows:
        found.setdefault(path, []).append(tuple(rest))
    return found


def _first_problem(con: Any, source: Source, k: int, staging: Path, rejects: list[tuple[Any, ...]]) -> str:
    """The first problem of a refused file, as ``file:line: field: message``."""
    if rejects:
        line, column, kind, message, _ = rejects[0]
        return f"{source.path}:{line}: {column}: {_reject_reason(kind, message)}"
    row = con.execute(
        f"SELECT GLOBALEVENTID, _problem FROM read_parquet('{_quote(staging / _own_dir(k))}/year=0/**/*.parquet')"
        " ORDER BY GLOBALEVENTID LIMIT 1"
    ).fetchall()[0]
    event_id, problem = row
    field, message = problem.split("\t", 1)
    plain = staging / f"src-{k}.tsv" if source.compression == "zip" else source.path
    line = line_of(plain, "none" if source.compression == "zip" else source.compression, event_id)
    where = f":{line}" if line else f": event {event_id}"
    return f"{source.path}{where}: {field}: {message}"


def _reject_reason(kind: str, message: str) -> str:
    first = message.splitlines()[0] if message else kind
    return {
        "MISSING COLUMNS": "too few fields for the layout",
        "TOO MANY COLUMNS": "too many fields for the layout",
    }.get(kind, first)


def _check_share(
    con: Any, source: Source, k: int, staging: Path, result: FileResult, rejects: list[Any], max_bad: float
) -> None:
    if result.quarantined and result.quarantined > max_bad * result.read:
        first = _first_problem(con, source, k, staging, rejects)
        share = f"{result.quarantined} of {result.read} rows malformed"
        raise InputError(f"{first} ({share}, more than the {max_bad:.0%} allowed; nothing was written)")


def _quarantine(con: Any, staged: list[_Staged], staging: Path, target: Path, names: tuple[str, ...]) -> int:
    """Write every malformed row, with its reason, to one TSV file; return the row count."""
    con.execute(
        "CREATE OR REPLACE TEMP TABLE quarantine"
        " (file VARCHAR, line BIGINT, event BIGINT, field VARCHAR, reason VARCHAR, raw VARCHAR)"
    )
    for one in staged:
        k, source = one.k, one.source
        for line, column, kind, message, raw in one.rejects:
            con.execute(
                "INSERT INTO quarantine VALUES (?, ?, NULL, ?, ?, ?)",
                [str(source.path), line, column, _reject_reason(kind, message), raw],
            )
        bad = staging / _own_dir(k) / "year=0"
        if bad.is_dir():
            fields = ", ".join(f"coalesce({n}::VARCHAR, '')" for n in names)
            con.execute(
                f"INSERT INTO quarantine SELECT ?, NULL, GLOBALEVENTID, split_part(_problem, chr(9), 1),"
                f" split_part(_problem, chr(9), 2), concat_ws(chr(9), {fields})"
                f" FROM read_parquet('{_quote(bad)}/**/*.parquet')",
                [str(source.path)],
            )
    rows = con.execute("SELECT count(*) FROM quarantine").fetchall()[0][0]
    if rows:
        con.execute(
            f"COPY (SELECT * FROM quarantine ORDER BY file, line NULLS LAST, event) TO '{_quote(target)}'"
            " (FORMAT csv, DELIMITER '\t', HEADER true, QUOTE '\"')"
        )
    return int(rows)


def _dedupe(con: Any, job: _Job, results: dict[int, FileResult], staged: list[_Staged]) -> Path:
    """Drop rows whose GLOBALEVENTID is stored already or repeats among the new rows.

    Returns the directory holding the rows to add, partitioned like the store. When the id
    ranges prove that nothing repeats (the usual case) nothing is read; otherwise the new
    rows are searched for repeats and rewritten without them.
    """
    store, staging = job.store, job.staging
    staged_files = staging.glob(f"[{_OWN}{_GROUP}]*/year=*/month=*/*.parquet")
    good = sorted(p for p in staged_files if p.parent.parent.name != "year=0")
    if not good:
        return staging
    touched = sorted(set().union(*(one.parts for one in staged)))
    stored = [p for y, m in touched for p in st.partition_files(store, y, m)]
    new = [one.ids for one in staged if one.ids is not None]
    old = stored_ranges(stored)
    if old is not None and no_repeats(new, old):
        return staging
    files = ", ".join(f"'{_quote(p)}'" for p in good)
    own = f"regexp_extract(filename, '/{_OWN}([0-9]+)/', 1)::INT"  # k from a file's own folder
    shared = any(_in_group_dir(p, staging) for p in good)  # files read in one scan keep their _k
    columns = f"* EXCLUDE (_k), coalesce(_k, {own}) AS _k" if shared else f"*, {own} AS _k"
    con.execute(
        f"CREATE OR REPLACE TEMP VIEW fresh AS SELECT {columns} FROM read_parquet([{files}],"
        " hive_partitioning=true, filename=true, file_row_number=true, union_by_name=true)"
    )
    old_sql = f"SELECT GLOBALEVENTID FROM read_parquet([{', '.join(repr(str(p)) for p in stored)}])" if stored else None
    con.execute(
        "CREATE OR REPLACE TEMP TABLE old_ids AS " + (old_sql or "SELECT NULL::BIGINT AS GLOBALEVENTID WHERE false")
    )
    repeats = con.execute(
        "SELECT (SELECT count(*) - count(DISTINCT GLOBALEVENTID) FROM fresh),"
        " (SELECT count(*) FROM fresh SEMI JOIN old_ids USING (GLOBALEVENTID))"
    ).fetchall()[0]
    if repeats == (0, 0):
        return staging
    keep = (
        "SELECT * FROM fresh ANTI JOIN old_ids USING (GLOBALEVENTID)"
        " QUALIFY row_number() OVER (PARTITION BY GLOBALEVENTID ORDER BY _k, file_row_number) = 1"
    )
    lost = con.execute(
        f"SELECT _k, count(*) FROM fresh GROUP BY _k EXCEPT ALL SELECT _k, count(*) FROM ({keep}) GROUP BY _k"
    ).fetchall()
    after = dict(con.execute(f"SELECT _k, count(*) FROM ({keep}) GROUP BY _k").fetchall())
    for k, _ in lost:
        result = results[k]
        result.duplicates = result.kept - after.get(k, 0)
        result.kept = after.get(k, 0)
    deduped = staging / "deduped"
    cols = ", ".join(job.names)
    con.execute(
        f"COPY (SELECT {cols}, year, month, _k FROM ({keep})) TO '{_quote(deduped)}'"
        " (FORMAT parquet, PARTITION_BY (year, month, _k), COMPRESSION snappy)"
    )
    return deduped


#: Staged files of one partition holding this many rows or fewer together are merged into
#: one file (an ingest of a day's 96 GDELT 2.0 files would otherwise add some 300 small
#: files to the store, which every later query has to open).
MERGE_ROWS = 1_000_000


def _staged_by_partition(new_rows: Path) -> dict[tuple[int, int], list[tuple[int, Path]]]:
    """The staged files of good rows by partition, each as (input file number, path), in order."""
    found: dict[tuple[int, int], list[tuple[int, Path]]] = {}
    for path in new_rows.glob("**/year=*/month=*/**/*.parquet"):
        parts = {p.split("=")[0]: p.split("=")[1] for p in path.relative_to(new_rows).parts if "=" in p}
        if parts.get("year") in (None, "0"):
            continue
        k = int(parts.get("_k") or path.relative_to(new_rows).parts[0].lstrip(_OWN + _GROUP))
        found.setdefault((int(parts["year"]), int(parts["month"])), []).append((k, path))
    return {part: sorted(files) for part, files in sorted(found.items())}


def _merge_small(new_rows: Path) -> dict[tuple[int, int], list[tuple[int, Path]]]:
    """The staged files to move, by partition. Still inside the staging folder, the small
    files of one partition are first merged into one, and the files several input files
    share (``g<k>/``) are written again without their ``_k`` column."""
    plan = _staged_by_partition(new_rows)
    for (year, month), files in plan.items():
        rows = sum(pq.ParquetFile(path).metadata.num_rows for _, path in files)
        together = len(files) > 1 and rows <= MERGE_ROWS
        moved = []
        for j, members in enumerate([files] if together else [[one] for one in files]):
            if len(members) == 1 and not _in_group_dir(members[0][1], new_rows):
                moved.append(members[0])
                continue
            merged = new_rows / f"merged-{year}-{month}-{j}.parquet"
            paths = [path for _, path in members]
            merge(paths, merged, plain=UNIQUE_VALUED, statistics=_NUMERIC, drop=["_k"])
            moved.append((members[0][0], merged))
        plan[year, month] = moved
    return plan


def _move_into_place(plan: dict[tuple[int, int], list[tuple[int, Path]]], store: Path, ingest_id: str) -> None:
    """Move the staged files into the store's partitions (renames, no copies)."""
    for (year, month), files in plan.items():
        target = st.partition_dir(store, year, month)
        target.mkdir(parents=True, exist_ok=True)
        for k, path in files:
            os.replace(path, target / f"{ingest_id}-f{k}-{path.stem}.parquet")


def ingest(
    paths: list[Path],
    store: Path,
    *,
    columns: str | None = None,
    max_bad: float = MAX_BAD,
    memory_limit: str = "1GB",
    on_file: Callable[[str, int, int], None] | None = None,
) -> IngestSummary:
    """Ingest GDELT event files (1.0 or 2.0; plain, .gz or .zip; files or directories).

    ``columns`` names the column set a new store keeps (``lean``, the default, ``core``,
    ``extended`` or ``all``; see :data:`~tariqa.eventdata.layouts.COLUMN_SETS`); a
    store keeps the set it was made with. Rows whose GLOBALEVENTID is already stored are not
    added again; files ingested before (same name and content fingerprint) are skipped.
    Malformed rows go to a quarantine file with their reason; a file with more than
    ``max_bad`` of its rows malformed is refused, and then nothing is written.
    ``on_file(name, done, total)`` reports progress by file.
    """
    st.check_store_path(store)
    column_set = _column_set(store, columns)
    files = expand(paths)
    sources = [inspect(p) for p in files]  # every file opens and has a known layout
    created = not store.exists()
    st.ensure(store)
    ingest_id = datetime.now(UTC).strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]
    job = _Job(store, store / f".staging-{ingest_id}", ingest_id, column_set, max_bad, on_file)
    job.staging.mkdir()
    (job.staging / "spill").mkdir()
    try:
        return _run(job, sources, memory_limit)
    except BaseException:
        if created:  # leave no trace of a store that did not exist before
            shutil.rmtree(store, ignore_errors=True)
        raise
    finally:
        shutil.rmtree(job.staging, ignore_errors=True)


def _column_set(store: Path, asked: str | None) -> str:
    """The column set to write: the one the store keeps, else ``asked``, else the default."""
    if asked is not None and asked not in COLUMN_SETS:
        raise UsageError(f"{asked!r} is not a column set (choose {', '.join(COLUMN_SETS)})")
    kept = st.column_set(store)
    if kept and asked and asked != kept:
        raise UsageError(
            f"the GDELT folder {store} keeps the {kept} column set, not {asked}: ingest into it with {kept}"
            " or into a new store"
        )
    return kept or asked or DEFAULT_COLUMNS


@dataclass(frozen=True)
class _Job:
    store: Path
    staging: Path
    ingest_id: str
    columns: str  # the column set's name
    max_bad: float
    on_file: Callable[[str, int, int], None] | None

    @property
    def names(self) -> tuple[str, ...]:
        return COLUMN_SETS[self.columns]


def _run(job: _Job, sources: list[Source], memory_limit: str) -> IngestSummary:
    seen = st.ingested_fingerprints(job.store)
    staging = job.staging
    con = connect(staging, memory_limit)
    try:
        results: dict[int, FileResult] = {}
        skipped: list[FileResult] = []
        staged: list[_Staged] = []
        todo = []
        for k, source in enumerate(sources):
            if (source.path.name, source.fingerprint) in seen:
                skipped.append(FileResult(str(source.path), source.layout.name, skipped=True))
            else:
                todo.append((k, source))
        done = len(skipped)
        for group in _groups(todo):
            if job.on_file:
                job.on_file(group[0][1].path.name, done, len(sources))
            for result, one in _stage_group(con, group, staging, job.names):
                _check_share(con, one.source, one.k, staging, result, one.rejects, job.max_bad)
                results[one.k] = result
                staged.append(one)
            done += len(group)
        if job.on_file:
            job.on_file("", len(sources), len(sources))
        quarantine = staging / "quarantine.tsv"
        n_bad = _quarantine(con, staged, staging, quarantine, job.names)
        new_rows = _dedupe(con, job, results, staged)
    finally:
        con.close()
    _move_into_place(_merge_small(new_rows), job.store, job.ingest_id)
    kept_quarantine = None
    if n_bad:
        kept_quarantine = st.quarantine_dir(job.store) / f"{job.ingest_id}.tsv"
        os.replace(quarantine, kept_quarantine)
    records = [
        {**asdict(results[k]), "fingerprint": s.fingerprint, "name": s.path.name, "ingest": job.ingest_id}
        | {"columns": job.columns}
        for k, s in ((one.k, one.source) for one in staged)
    ]
    st.append_manifest(job.store, records)
    ordered = [results[one.k] for one in staged] + skipped
    return IngestSummary(job.store, ordered, kept_quarantine)
