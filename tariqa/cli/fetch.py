"""``sources fetch``, ``sources health``, ``unga fetch`` and ``gdelt fetch``: thin shells
over :mod:`tariqa.fetch`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from tariqa.cli._common import Output, day_option, db_option, emit, err, user_errors

unga_app = typer.Typer(help="UN General Assembly roll-call data.", no_args_is_help=True)


def _options(concurrency: int, proxy: str | None) -> Any:
    from tariqa.fetch.client import FetchOptions

    return FetchOptions(concurrency=concurrency, proxy=proxy)


@user_errors
def sources_fetch(
    ctx: typer.Context,
    group: Annotated[str | None, typer.Option(help="Only this group's events and documents.")] = None,
    only: Annotated[str, typer.Option(help="documents, events or all.")] = "all",
    refresh: Annotated[bool, typer.Option(help="Fetch again what was fetched (asking if it changed).")] = False,
    concurrency: Annotated[int, typer.Option(help="Fetches at once, over all sites (at most 2 per site).")] = 4,
    proxy: Annotated[str | None, typer.Option(help="An HTTP proxy, e.g. http://proxy.example.org:3128.")] = None,
    wayback: Annotated[bool, typer.Option(help="Look dead links up in the Internet Archive.")] = False,
    archive: Annotated[
        Path | None, typer.Option(help="The WARC archive folder (default: in your data folder).")
    ] = None,
) -> None:
    """Fetch the record's sources politely, archive them as WARC, and give documents their texts.

    Example: tariqa sources fetch --group ATP --only documents
    """
    from tariqa.fetch.archive import Archive
    from tariqa.fetch.health import accessed_days, find_snapshots, link_health
    from tariqa.fetch.sources import fetch_sources
    from tariqa.fetch.texts import update_texts
    from tariqa.storage import open_store

    options = _options(concurrency, proxy)
    with open_store(db_option(ctx)) as store:
        report = fetch_sources(store, group=group, only=only, refresh=refresh, options=options, archive_folder=archive)
        counts = ", ".join(f"{n} {outcome}" for outcome, n in report.counts.items()) or "nothing new"
        err.print(f"fetched {len(report.rows)} URLs: {counts}; {len(report.skipped)} already fetched")
        if only in ("documents", "all"):
            texts = update_texts(store, archive=Archive.open(archive))
            for t in texts:
                if t.state in ("added", "new-version"):
                    moved = (
                        f"; {t.moved} codings moved, {t.flagged} set aside for review" if t.moved or t.flagged else ""
                    )
                    err.print(f"{t.document}: text version {t.version} ({t.language or 'language unknown'}){moved}")
                elif t.state == "unreadable":
                    err.print(f"{t.document}: {t.why}")
        if wayback:
            urls = {r.url for r in report.rows}
            health = [h for h in link_health(store) if not urls or h.url in urls]
            found = find_snapshots(store, health, options=options, accessed=accessed_days(store))
            err.print(f"Internet Archive: {sum(1 for s in found if s.snapshot)} of {len(found)} dead links have a copy")


@user_errors
def sources_health(
    ctx: typer.Context,
    state: Annotated[str | None, typer.Option(help="Only links in this state (alive, moved, gone, ...).")] = None,
    output: Annotated[Output, typer.Option("--output", "-o")] = Output.table,
) -> None:
    """The state of every source link from the fetch log (no request is made).

    Example: tariqa sources health --state gone -o csv
    """
    from tariqa.fetch.health import STATES, link_health
    from tariqa.storage import open_store

    if state is not None and state not in STATES:
        from tariqa.errors import UsageError

        raise UsageError(f"--state must be one of {', '.join(STATES)}")
    with open_store(db_option(ctx)) as store:
        rows = [h.__dict__ for h in link_health(store) if state is None or h.state == state]

    def table() -> Any:
        from tariqa.cli._tables import data_table

        return data_table(
            rows, "source links", columns=("state", "url", "checked", "why", "snapshot"), fold=("url", "snapshot")
        )

    emit(rows, output, table)


@unga_app.command("fetch")
@user_errors
def unga_fetch(
    release: Annotated[
        str, typer.Option(help="voeten (Harvard Dataverse) or unvotes (the R package's CSVs).")
    ] = "voeten",
    out: Annotated[
        Path | None, typer.Option(help="Folder (default: TARIQA_UNGA_DIR or your data folder's unga).")
    ] = None,
    proxy: Annotated[str | None, typer.Option(help="An HTTP proxy.")] = None,
) -> None:
    """Download UN General Assembly roll-call data, checking its publisher's digests.

    Example: tariqa unga fetch --release unvotes
    """
    from tariqa.fetch.unga import fetch_unga

    result = fetch_unga(release=release, folder=out, options=_options(1, proxy))
    err.print(f"release: {result.release.label}")
    err.print(f"{len(result.files)} files in {result.folder} ({result.downloaded} downloaded now)")


@user_errors
def gdelt_fetch(
    since: Annotated[str, typer.Option(help="First day (YYYY-MM-DD).")],
    until: Annotated[str, typer.Option(help="Last day (YYYY-MM-DD).")],
    out: Annotated[Path, typer.Option(help="Folder for the files (then: tariqa gdelt ingest FOLDER).")],
    version: Annotated[int, typer.Option(help="GDELT 1 or 2.")] = 2,
    proxy: Annotated[str | None, typer.Option(help="An HTTP proxy.")] = None,
) -> None:
    """Download GDELT event files of a window, checking each file's MD5; resumes where it stopped.

    Example: tariqa gdelt fetch --since 2019-10-24 --until 2019-10-24 --out downloads/
    """
    from tariqa.fetch.gdelt import fetch_gdelt

    first, last = day_option(since, "--since"), day_option(until, "--until")
    assert first is not None and last is not None
    result = fetch_gdelt(since=first, until=last, out=out, version=version, options=_options(1, proxy))
    err.print(f"{len(result.files)} GDELT {version}.0 files in {result.folder} ({result.downloaded} downloaded now)")
