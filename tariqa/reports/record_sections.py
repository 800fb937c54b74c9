"""Sections of the report drawn from the record: the summary, the timeline, the rounds of
each format, activity by track and year and per member pair, and the numbered sources."""

from __future__ import annotations

from collections import Counter
from typing import Any

from tariqa.dates import shown
from tariqa.indicators.activity import pair_counts
from tariqa.indicators.data import Ev
from tariqa.indicators.regularity import Regularity, regularity, state
from tariqa.reports import charts
from tariqa.reports.context import Context, Section
from tariqa.reports.tables import Table


def _regs(ctx: Context) -> list[Regularity]:
    return [regularity(f, ctx.data.rounds(f.id), ctx.as_of) for f in ctx.formats]


def _span(first: Ev | None, last: Ev | None) -> str:
    if first is None or last is None:
        return ""
    return str(first.date.year) if first.date.year == last.date.year else f"{first.date.year}–{last.date.year}"


def summary(ctx: Context) -> Section:
    """One paragraph written from the indicators."""
    section = Section("summary", "Summary")
    held = ctx.held
    if not held:
        section.note = f"The record holds no held event of {ctx.group.name} in this period."
        return section
    members = frozenset(ctx.group.members)
    joint = sum(frozenset(e.states) >= members for e in held)
    text = [
        f"The record holds {len(held)} held events of the {ctx.group.name} ({', '.join(ctx.group.members)}) "
        f"between {shown(held[0].date, held[0].date_precision)} and {shown(held[-1].date, held[-1].date_precision)}, "
        f"{joint} of them with every member; "
        f"it speaks as of {ctx.as_of.isoformat()}."
    ]
    met = [r for r in _regs(ctx) if r.rounds]
    if met:
        text.append(" ".join(_format_sentence(r) for r in met))
    stopped = [r.format.name for r in _regs(ctx) if state(r)[0] == "dormant"]
    if stopped:
        text.append(f"Dormant: {'; '.join(stopped)}.")
    planned = [e for e in ctx.events if e.status.value == "planned"]
    if planned:
        text.append(f"{len(planned)} planned event{'s are' if len(planned) > 1 else ' is'} in the record.")
    section.paragraphs.append(" ".join(text))
    return section


def _format_sentence(reg: Regularity) -> str:
    n = len(reg.rounds)
    rounds = "once" if n == 1 else "twice" if n == 2 else f"{n} times"
    text = f"{reg.format.name}: met {rounds} ({_span(reg.rounds[0], reg.last)})"
    median = reg.median_interval()
    if median is not None:
        text += f", a median {median:g} months apart"
    within = reg.within_cadence()
    if within is not None and n > 2:
        text += f", {within:.0%} of intervals within its cadence"
    return text + "."


def timeline(ctx: Context) -> Section:
    section = Section("timeline", "Timeline of events")
    if not ctx.held:
        section.note = "No held events in this period."
        return section
    rows = [
        {
            "date": e.date.isoformat(),
            "track": e.track.value,
            "level": e.level.value,
            "kind": e.kind.value,
            "host": e.host or "",
            "label": e.summary[:80],
        }
        for e in ctx.held
    ]
    section.figures.append(charts.timeline(rows))
    table = Table(
        "events",
        "Held events",
        ["Date", "Track", "Level", "Kind", "Host", "City", "States", "Summary", "Sources"],
        [
            [
                shown(e.date, e.date_precision.value, e.end_date),
                e.track.value,
                e.level.value,
                e.kind.value,
                e.host,
                e.city,
                " ".join(e.states),
                e.summary,
                ctx.citations.marks(e.sources),
            ]
            for e in ctx.held
        ],
        note="Source numbers refer to the list of sources at the end.",
    )
    section.tables.append(table)
    return section


def formats(ctx: Context) -> Section:
    """For each format, its rounds: year, date, host and city, level, participants, documents."""
    from tariqa.tasks import FormatsOptions
    from tariqa.tasks import formats as regularity

    section = Section("formats", "Rounds of each format")
    if not ctx.formats:
        section.note = "The record has no format for this group."
        return section
    found = regularity(ctx.store, FormatsOptions(ctx.group.id), data=ctx.data)
    keys = ("name", "rounds", "first", "last", "median_interval", "cadence", "within_cadence", "state", "why")
    section.tables.append(
        Table(
            "formats",
            f"Regularity and state of each format as of {found.as_of}",
            [
                *("Format", "Rounds", "First", "Last", "Median interval (months)", "Cadence (months)"),
                *("Within cadence (share)", "State", "Why"),
            ],
            [[r[k] for k in keys] for r in found.to_dicts()],
        )
    )
    for fmt in ctx.formats:
        events = [e for e in ctx.events if e.format == fmt.id]
        rows = [
            [
                e.date.year,
                shown(e.date, e.date_precision.value, e.end_date),
                e.ordinal,
                e.status.value,
                ", ".join(x for x in (e.city, e.host) if x),
                e.level.value,
                "; ".join(_participant(p) for p in e.participants) or " ".join(e.states),
                ", ".join(e.documents),
                ctx.citations.marks(e.sources),
            ]
            for e in events
        ]
        cadence = (
            f"cadence {fmt.cadence_months} months ({fmt.cadence_basis.value})" if fmt.cadence_months else "no cadence"
        )
        note = f"{fmt.status.value}; {cadence}; rotation {' → '.join(fmt.rotation) or 'none recorded'}."
        columns = ["Year", "Date", "Round", "Status", "Place", "Level", "Participants", "Documents", "Sources"]
        section.tables.append(Table(f"format-{fmt.id}", fmt.name, columns, rows, note=note))
    return section


def _participant(p: object) -> str:
    name, role, state = getattr(p, "name", None), getattr(p, "role", None), getattr(p, "state", "")
    return f"{name} ({role}, {state})" if name and role else f"{name or role or ''} {state}".strip()


def activity(ctx: Context) -> Section:
    section = Section("activity", "Activity by track and year, and per member pair")
    if not ctx.held:
        section.note = "No held events in this period."
        return section
    counts = Counter((e.date.year, e.track.value) for e in ctx.held)
    rows = [{"year": y, "track": t, "events": n} for (y, t), n in sorted(counts.items())]
    section.figures.append(charts.heatmap(rows))
    pairs = pair_counts(ctx.data)
    depth = [
        {"pair": f"{a}-{b}", "kind": kind, "events": n}
        for (a, b), (tri, bi) in pairs.items()
        for kind, n in (("every member", tri), ("the pair alone", bi))
    ]
    section.figures.append(charts.pair_depth(depth))
    section.tables.append(
        Table(
            "pair-depth",
            "Trilateral and bilateral events per member pair",
            ["Pair", "With every member", "Pair alone", "Share with every member"],
            [
                [f"{a}-{b}", tri, bi, round(tri / (tri + bi), 3) if tri + bi else None]
                for (a, b), (tri, bi) in pairs.items()
            ],
        )
    )
    return section


def sources(ctx: Context) -> Section:
    """Every URL cited in the report, numbered in order of first citation, with the state of
    its link from the fetch log; then which of the group's documents have their texts."""
    from tariqa.tasks.sources import SourceHealthOptions, source_health

    section = Section("sources", "Sources")
    health = source_health(ctx.store, SourceHealthOptions(urls=tuple(ctx.citations.numbers)))
    links = health.by_url()
    rows: list[list[Any]] = []
    for url, number in ctx.citations.numbers.items():
        src = ctx.sources.get(url)
        if src is not None:
            row: list[Any] = [number, src.publisher, src.title, str(src.published or ""), url]
        else:  # cited only by a claim: what the claims file says of it
            publisher, title, published = ctx.cited_by_claims.get(url, ("", "", ""))
            row = [number, publisher, title, str(published), url]
        rows.append(row + _link_cells(links.get(url)))
    section.tables += _document_texts(ctx, section)
    if not rows:
        section.note = "The report cites no source."
        return section
    section.paragraphs.insert(
        0,
        f"Links, from the fetch log (no request is made to build the report): {health.summary}. "
        "A dead link's copy is the Internet Archive's, where one was looked up (tariqa sources fetch --wayback); "
        "tariqa sources health lists every link.",
    )
    table = Table("sources", "Sources cited", ["No.", "Publisher", "Title", "Published", "URL", "Link", "Copy"], rows)
    table.links = {(i, 4): str(row[4]) for i, row in enumerate(rows)}
    table.links |= {(i, 6): str(row[6]) for i, row in enumerate(rows) if str(row[6]).startswith("http")}
    section.tables.insert(0, table)
    return section


def _link_cells(health: dict[str, Any] | None) -> list[Any]:
    """The Link and Copy cells: the link's state (and why it failed), the Internet Archive's
    snapshot of a dead link, or the day a good copy was archived."""
    if health is None:
        return ["", ""]
    state = health["state"].replace("-", " ")
    if health["state"] == "failed" and health["why"]:
        state = f"failed ({health['why']})"
    copy = health["snapshot"] or (f"archived {health['archived'][:10]}" if health["archived"] else "")
    return [state, copy]


def _document_texts(ctx: Context, section: Section) -> list[Table]:
    """A paragraph on how many of the group's documents have their texts and how to get the
    rest, and a table of the documents (empty when the group has none)."""
    from tariqa.tasks.sources import DocumentTextsOptions, document_texts

    texts = document_texts(ctx.store, DocumentTextsOptions(ctx.group.id))
    if not texts.rows:
        return []
    advice = f" To get the others, {texts.advice}." if texts.advice else ""
    section.paragraphs.append(
        f"{texts.with_text} of the group's {texts.total} documents have their text, which the themes "
        f"section reads.{advice}"
    )
    rows = [
        [
            r["document"],
            r["title"],
            r["date"] or "",
            r["characters"] if r["characters"] is not None else "no text",
            "" if r["characters"] is not None else (r["link"] or "no URL").replace("-", " "),
        ]
        for r in texts.rows
    ]
    return [Table("document-texts", "Documents and their texts", ["Id", "Title", "Date", "Characters", "Link"], rows)]
