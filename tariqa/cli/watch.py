"""``tariqa watch scan | run | gdelt`` and ``tariqa candidates list | show | accept |
merge | reject | conflict``: thin shells over :mod:`tariqa.tasks.watch` and
:mod:`tariqa.tasks.candidates`."""

from __future__ import annotations

import getpass
import json
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

import typer

from tariqa.cli._common import Output, day_option, db_option, emit, err, out, user_errors
from tariqa.errors import UsageError

watch_app = typer.Typer(help="The living record: read news and GDELT for candidate events.", no_args_is_help=True)
candidates_app = typer.Typer(help="Review candidate events: accept, merge, reject.", no_args_is_help=True)

_SET = "A value for the event, e.g. level=minister (repeatable)."
_SAVED = "The day the articles were read (YYYY-MM-DD; default: today)."
_BY = "Who decides, for the audit trail (default: your login name)."


def _by(value: str | None) -> str:
    if value:
        return value
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "cli"


def _saved(value: str | None) -> datetime | None:
    day = day_option(value, "--saved")
    return None if day is None else datetime(day.year, day.month, day.day, 23, 59, tzinfo=UTC)


def _said(result: Any, output: Output) -> None:
    """What a proposing task did: counts on stderr, the candidates on stdout."""
    stored = result.stored
    languages = ", ".join(f"{n} {lang}" for lang, n in result.languages.items())
    skipped = f" ({languages}: the reader handles English only)" if languages else ""
    err.print(f"{result.read} articles read, {result.skipped} skipped for their language{skipped}")
    if result.duplicates:
        err.print(f"{len(result.duplicates)} duplicate URLs read once")
    for p in result.problems:
        err.print(f"not read: {p}", markup=False)
    err.print(
        f"{len(result.candidates)} candidates: {stored.added} new, {stored.refreshed} already waiting,"
        f" {stored.decided} decided before ({stored.rejected} rejected, not proposed again)"
    )
    rows = list(result.candidates)

    def table() -> Any:
        from tariqa.cli._tables import data_table

        return data_table(rows, "candidates", columns=("key", "verdict", "event"), fold=("key",))

    if rows or output is not Output.table:
        emit(rows, output, table, columns=("key", "verdict", "event"))


@watch_app.command("scan")
@user_errors
def scan(
    ctx: typer.Context,
    folder: Annotated[Path, typer.Argument(help="A folder of saved articles (HTML, text, PDF).")],
    group: Annotated[str | None, typer.Option(help="Only candidates of this group.")] = None,
    workers: Annotated[int, typer.Option(help="Processes reading articles.")] = 1,
    saved: Annotated[str | None, typer.Option(help=_SAVED)] = None,
    output: Annotated[Output, typer.Option("--output", "-o")] = Output.table,
) -> None:
    """Read saved articles and store the candidate events they report.

    Example: tariqa watch scan saved-articles/ --group ATP
    """
    from tariqa.storage import open_store
    from tariqa.tasks.watch import WatchScanOptions, watch_scan

    with open_store(db_option(ctx)) as store:
        options = WatchScanOptions(folder=folder, group=group, workers=workers, fetched_at=_saved(saved))
        result = watch_scan(store, options)
    _said(result, output)


@watch_app.command("run")
@user_errors
def run(
    ctx: typer.Context,
    watch_file: Annotated[Path, typer.Option("--watch-file", help="A YAML watch file: group, feeds, names.")],
    group: Annotated[str | None, typer.Option(help="The group the watch file must watch.")] = None,
    saved: Annotated[str | None, typer.Option(help=_SAVED)] = None,
    proxy: Annotated[str | None, typer.Option(help="An HTTP proxy, e.g. http://proxy.example.org:3128.")] = None,
    output: Annotated[Output, typer.Option("--output", "-o")] = Output.table,
) -> None:
    """Fetch a watch file's feeds and their articles; store the candidate events.

    Fetching is polite: robots.txt is obeyed and each site gets a pause between requests.
    Example: tariqa watch run --watch-file atp.watch.yaml --group ATP
    """
    from tariqa.fetch.client import FetchOptions
    from tariqa.storage import open_store
    from tariqa.tasks.watch import WatchRunOptions, watch_run

    with open_store(db_option(ctx)) as store:
        fetch = FetchOptions(proxy=proxy)
        options = WatchRunOptions(watch_file=watch_file, group=group, fetched_at=_saved(saved), fetch=fetch)
        result = watch_run(store, options)
    _said(result, output)


@watch_app.command("gdelt")
@user_errors
def gdelt(
    ctx: typer.Context,
    store_path: Annotated[Path, typer.Option("--store", help="A GDELT store (extended or all columns).")],
    group: Annotated[str, typer.Option(help="The group whose members' meetings to look for.")],
    since: Annotated[str | None, typer.Option(help="First day (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="Last day (YYYY-MM-DD).")] = None,
    output: Annotated[Output, typer.Option("--output", "-o")] = Output.table,
) -> None:
    """Store multilateral meetings of a group's members found in a GDELT store.

    Example: tariqa watch gdelt --store gdelt/ --group ATP --since 2024-01-01
    """
    from tariqa.storage import open_store
    from tariqa.tasks.watch import GdeltWatchOptions, watch_gdelt

    options = GdeltWatchOptions(
        store_path=store_path, group=group, since=day_option(since, "--since"), until=day_option(until, "--until")
    )
    with open_store(db_option(ctx)) as store:
        result = watch_gdelt(store, options)
    _said(result, output)


@candidates_app.command("list")
@user_errors
def list_(
    ctx: typer.Context,
    state: Annotated[str, typer.Option(help="waiting, accepted, merged, rejected or all.")] = "waiting",
    group: Annotated[str | None, typer.Option(help="Only this group's candidates.")] = None,
    output: Annotated[Output, typer.Option("--output", "-o")] = Output.table,
) -> None:
    """The candidate events (those waiting for review, unless --state says otherwise).

    Example: tariqa candidates list --group ATP -o json
    """
    from tariqa.storage import open_store
    from tariqa.storage.candidates import CANDIDATE_STATES
    from tariqa.tasks.candidates import CandidatesOptions, CandidateTable, list_candidates

    if state != "all" and state not in CANDIDATE_STATES:
        raise UsageError(f"--state must be one of {', '.join(CANDIDATE_STATES)} or all, not {state!r}")
    with open_store(db_option(ctx)) as store:
        result = list_candidates(store, CandidatesOptions(state=None if state == "all" else state, group=group))
    rows = result.to_dicts()
    if not rows:
        err.print(f"no {'' if state == 'all' else state + ' '}candidates")

    def table() -> Any:
        from tariqa.cli._tables import data_table

        shown = [r | {"verdict": f"{r['verdict']} {r['event'] or ''}".strip()} for r in rows]
        return data_table(shown, "candidates", columns=("key", "day", "states", "city", "verdict"), fold=("verdict",))

    emit(rows, output, table, columns=CandidateTable.COLUMNS)


@candidates_app.command("show")
@user_errors
def show(
    ctx: typer.Context,
    key: Annotated[str, typer.Argument(help="The candidate's key.")],
    output: Annotated[Output, typer.Option("--output", "-o")] = Output.table,
) -> None:
    """One candidate: its fields, conflicts, evidence sentences and audit trail.

    Example: tariqa candidates show watch-ATP-atp-fm-2027-04-8f78f242
    """
    from dataclasses import asdict

    from tariqa.storage import open_store
    from tariqa.tasks.candidates import show_candidate

    with open_store(db_option(ctx)) as store:
        view = show_candidate(store, key)
    c = view.candidate
    if output is Output.json:
        data = asdict(c) | {"actions": [asdict(a) for a in view.actions]}
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")
        return
    out.print(f"{c.key}  ({c.origin}, {c.verdict}{' ' + c.event if c.event else ''}, {c.state})")
    for name, value in c.fields.items():
        if value not in (None, [], ""):
            out.print(f"  {name}: {', '.join(value) if isinstance(value, list) else value}")
    for f in c.conflicts:
        out.print(f"  conflict on {f['field']}: the record has {f['record']}, the articles {f['candidate']}")
    for e in c.evidence:
        out.print(f"- {e['url']} ({e.get('published', '')})")
        if e.get("quote"):
            out.print(f"    “{e['quote']}”")
    for a in view.actions:
        out.print(f"  {a.at} {a.action} by {a.by}{' → ' + a.event if a.event else ''}{': ' + a.note if a.note else ''}")


def _changes(values: list[str]) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    for item in values:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise UsageError(f"--set takes FIELD=VALUE, not {item!r}")
        text = value.strip()
        if text.startswith("["):
            try:
                changes[name.strip()] = json.loads(text)
                continue
            except ValueError:
                raise UsageError(f"--set {name}: {text!r} is not a JSON list") from None
        changes[name.strip()] = text or None
    return changes


@candidates_app.command("accept")
@user_errors
def accept(
    ctx: typer.Context,
    key: Annotated[str, typer.Argument(help="The candidate's key.")],
    event_id: Annotated[str | None, typer.Option("--id", help="The new event's id (default: made up).")] = None,
    set_: Annotated[
        list[str] | None,
        typer.Option("--set", metavar="FIELD=VALUE", help=_SET),
    ] = None,
    by: Annotated[str | None, typer.Option(help=_BY)] = None,
) -> None:
    """Create the event a candidate proposes, with its articles as sources.

    Example: tariqa candidates accept KEY --set level=minister --set summary="..."
    """
    from tariqa.storage import open_store
    from tariqa.tasks.candidates import AcceptOptions, Decision, accept_candidate

    options = AcceptOptions(Decision(key, _by(by)), event_id=event_id, changes=_changes(set_ or []))
    with open_store(db_option(ctx)) as store:
        done = accept_candidate(store, options)
    err.print(f"accepted: event {done.event} created with {len(done.evidence)} source(s)")


@candidates_app.command("merge")
@user_errors
def merge(
    ctx: typer.Context,
    key: Annotated[str, typer.Argument(help="The candidate's key.")],
    event: Annotated[str | None, typer.Option(help="The event to add sources to (default: the matched one).")] = None,
    by: Annotated[str | None, typer.Option(help=_BY)] = None,
) -> None:
    """Add a candidate's articles to an existing event as sources.

    Example: tariqa candidates merge KEY --event atp-fm-2017-11-baku
    """
    from tariqa.storage import open_store
    from tariqa.tasks.candidates import Decision, MergeOptions, merge_candidate

    with open_store(db_option(ctx)) as store:
        done = merge_candidate(store, MergeOptions(Decision(key, _by(by)), event=event))
    err.print(f"merged into event {done.event}")


@candidates_app.command("conflict")
@user_errors
def conflict(
    ctx: typer.Context,
    key: Annotated[str, typer.Argument(help="The candidate's key.")],
    event: Annotated[
        str | None, typer.Option(help="The event that is disagreed with (default: the matched one).")
    ] = None,
    note: Annotated[str | None, typer.Option(help="Why the sources disagree, in your words.")] = None,
    by: Annotated[str | None, typer.Option(help=_BY)] = None,
) -> None:
    """Record what a candidate's articles disagree on among the event's conflicts.

    Example: tariqa candidates conflict KEY --note "one outlet gives the day before"
    """
    from tariqa.storage import open_store
    from tariqa.tasks.candidates import Decision, MergeOptions, record_conflict

    with open_store(db_option(ctx)) as store:
        done = record_conflict(store, MergeOptions(Decision(key, _by(by), note=note), event=event))
    err.print(f"conflict recorded on event {done.event}")


@candidates_app.command("reject")
@user_errors
def reject(
    ctx: typer.Context,
    key: Annotated[str, typer.Argument(help="The candidate's key.")],
    reason: Annotated[str | None, typer.Option(help="Why, for the audit trail.")] = None,
    by: Annotated[str | None, typer.Option(help=_BY)] = None,
) -> None:
    """Reject a candidate: it is remembered and never proposed again.

    Example: tariqa candidates reject KEY --reason "an opinion piece"
    """
    from tariqa.storage import open_store
    from tariqa.tasks.candidates import Decision, reject_candidate

    with open_store(db_option(ctx)) as store:
        reject_candidate(store, Decision(key, _by(by), note=reason))
    err.print(f"rejected: {key}")
