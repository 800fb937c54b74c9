"""``sources fetch``, ``sources health``, ``unga fetch`` and ``gdelt fetch``: thin shells
over :mod:`tariqa.fetch`."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
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
    if_online: Annotated[
        bool,
        typer.Option(help="First check in a few seconds that the network answers; if not (or in CI), say so and stop."),
    ] = False,
    time_limit: Annotated[
        float | None, typer.Option(help="Start no fetch after this many seconds (the next run fetches the rest).")
    ] = None,
) -> None:
    """Fetch the record's sources politely, archive them as WARC, and give documents their texts.

    Example: tariqa sources fetch --group ATP --only documents
    """
    from tariqa.fetch.archive import Archive
    from tariqa.fetch.health import accessed_days, find_snapshots, link_health
    from tariqa.fetch.sources import fetch_urls, source_targets
    from tariqa.fetch.texts import update_texts
    from tariqa.storage import open_store

    options = _options(concurrency, proxy)
    with open_store(db_option(ctx)) as store:
        targets = source_targets(store, group=group, only=only)
        folder = Archive.open(archive)
        if if_online and not _online([t.url for t in targets], proxy, _command(group, only)):
            return
        with _bar() as (planned, progress):
            report = fetch_urls(
                store,
                [t.url for t in targets],
                options=options,
                archive=folder,
                refresh=refresh,
                progress=progress,
                planned=planned,
                time_limit=time_limit,
            )
        counts = ", ".join(f"{n} {outcome}" for outcome, n in report.counts.items()) or "nothing new"
        err.print(f"fetched {len(report.rows)} URLs: {counts}; {len(report.skipped)} already fetched")
        if report.left:
            err.print(f"time limit reached, {len(report.left)} URLs left: run `{_command(group, only)}` to fetch them")
        if only in ("documents", "all"):
            texts = update_texts(store, archive=folder)
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


def _command(group: str | None, only: str) -> str:
    """The command that fetches what this one would have."""
    return (
        "tariqa sources fetch" + (f" --group {group}" if group else "") + (f" --only {only}" if only != "all" else "")
    )


def _online(urls: list[str], proxy: str | None, command: str) -> bool:
    """Whether to fetch: not in CI (CI=true), and only when the network answers within a
    few seconds; else one line says how to fetch later."""
    import os

    from tariqa.fetch.probe import network_answers

    if os.environ.get("CI", "").strip().lower() in ("true", "1"):
        err.print(f"nothing fetched (running in CI): run `{command}` when you are online")
        return False
    if urls and not network_answers(urls, proxy=proxy, timeout=PROBE_SECONDS):
        err.print(f"nothing fetched (no site answered within {PROBE_SECONDS:g} s): run `{command}` when you are online")
        return False
    return True


#: How long ``--if-online`` waits for the network to answer.
PROBE_SECONDS = 5.0


@contextlib.contextmanager
def _bar() -> Iterator[tuple[Callable[[int], None], Callable[[Any], None]]]:
    """A progress bar on stderr when it is a terminal: (tell it the total, advance it by one fetch)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("fetching"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    ) as bar:
        task = bar.add_task("fetch", total=None)
        yield (lambda n: bar.update(task, total=n)), (lambda row: bar.advance(task))


@user_errors
def sources_health(
    ctx: typer.Context,
    group: Annotated[str | None, typer.Option(help="Only the links of this group's events and documents.")] = None,
    state: Annotated[str | None, typer.Option(help="Only links in this state (alive, moved, gone, ...).")] = None,
    output: Annotated[Output, typer.Option("--output", "-o")] = Output.table,
) -> None:
    """The state of every source link from the fetch log (no request is made).

    Example: tariqa sources health --state gone -o csv
    """
    from tariqa.storage import open_store
    from tariqa.tasks.sources import SourceHealthOptions, source_health

    with open_store(db_option(ctx)) as store:
        found = source_health(store, SourceHealthOptions(group=group, state=state))
    rows = found.to_dicts()
    err.print(f"links: {found.summary}")

    def table() -> Any:
        from tariqa.cli._tables import data_table

        return data_table(
            rows,
            "source links",
            columns=("state", "url", "checked", "why", "archived", "snapshot"),
            fold=("url", "snapshot"),
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
