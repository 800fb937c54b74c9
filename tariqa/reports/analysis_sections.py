"""Sections of the report drawn from the analyses: indicators beside the comparators and
the alliance-spectrum profile, themes, UN voting alignment, claim checks and the
coordination calendar."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from tariqa.errors import Problems, TariqaError
from tariqa.indicators import Row, rank_rows
from tariqa.indicators.data import GroupData
from tariqa.indicators.institution import COMPONENTS, components
from tariqa.indicators.registry import REGISTRY
from tariqa.reports import charts
from tariqa.reports.context import Context, Quote, Section
from tariqa.reports.tables import Table
from tariqa.tasks.eventdata import DyadsResult

HEADLINE = (
    ("intensity", "events per year", "all"),
    ("intensity", "top-level share", "all"),
    *(("institutionalisation", f"component: {c}", "group") for c in COMPONENTS),
    ("institutionalisation", "composite index", "group"),
    ("depth", "weakest link", "pair"),
)


def _rows(data: GroupData, names: tuple[str, ...]) -> list[Row]:
    return [row for name in names for row in REGISTRY[name].rows(data)]


def indicators(ctx: Context) -> Section:
    section = Section("indicators", "Indicators beside the comparators")
    datas = [ctx.data, *ctx.others]
    found = {d.group.id: _rows(d, ("intensity", "institutionalisation", "depth", "spectrum")) for d in datas}
    groups = list(found)
    lookup = {(g, r.indicator, r.measure, r.subject): r.value for g, rows in found.items() for r in rows}
    table_rows = [
        [f"{ind}: {measure}", *(lookup.get((g, ind, measure, subject)) for g in groups)]
        for ind, measure, subject in HEADLINE
    ]
    if len(datas) > 1:
        ranks = rank_rows({d.group.id: components(d) for d in datas}, ctx.scope.label)
        by_group = {r.group: r.value for r in ranks if r.measure == "rank range"}
        table_rows.append(["composite rank under other weights (range)", *(by_group.get(g) for g in groups)])
    section.tables.append(
        Table(
            "indicators",
            "Headline indicators",
            ["Indicator", *groups],
            table_rows,
            note="Formulas: docs/indicators.md.",
        )
    )
    features = [r for r in found[groups[0]] if r.indicator == "spectrum"]
    spectrum = [[f.measure, *(lookup.get((g, "spectrum", f.measure, "group")) for g in groups)] for f in features]
    section.tables.append(Table("spectrum", "Alliance-spectrum profile", ["Feature", *groups], spectrum))
    parts = [
        {"group": d.group.id, "component": k, "score": round(v, 3)} for d in datas for k, v in components(d).items()
    ]
    section.figures.append(
        charts.bars(
            parts,
            "component",
            "score",
            "group",
            ("Component", "Score (0 to 1)", "Group"),
            "institutionalisation",
            "Institutionalisation components",
        )
    )
    return section


def themes(ctx: Context) -> Section:
    """Prevalence over time, the symbolic/functional balance, co-occurrence and quotes, from
    the settled codings of the group's documents."""
    from tariqa.qda.corpus import Corpus
    from tariqa.qda.themes import balance, cooccurrence, quotes, theme_table

    section = Section("themes", "Themes in the documents")
    corpus = Corpus.load(ctx.store).only(set(ctx.data.documents))  # as tasks.content.corpus(group=...)
    if not corpus.codings:
        section.note = (
            "No coded document of this group: code documents (tariqa docs import, tariqa code) to fill this section."
        )
        return section
    prevalence = [r for r in theme_table(corpus, by="year") if r.get("per_1000_words") is not None]
    section.figures.append(
        charts.lines(
            [{"year": r["year"], "theme": r["code"], "value": r["per_1000_words"]} for r in prevalence],
            "year",
            "value",
            "theme",
            ("Year", "Codings per 1,000 words", "Theme"),
            "theme-prevalence",
            "Theme prevalence over time",
        )
    )
    shares = [r for r in balance(corpus) if r["symbolic_share"] is not None]
    section.figures.append(
        charts.lines(
            [{"year": r["year"], "share": r["symbolic_share"], "series": "symbolic share"} for r in shares],
            "year",
            "share",
            "series",
            ("Year", "Symbolic share of codings (0 to 1)", "Series"),
            "balance",
            "Symbolic versus functional themes",
        )
    )
    pairs = cooccurrence(corpus, unit="sentence")
    cells = [{"a": r["code_a"], "b": r["code_b"], "value": r["jaccard"]} for r in pairs]
    cells += [{"a": r["code_b"], "b": r["code_a"], "value": r["jaccard"]} for r in pairs if r["code_a"] != r["code_b"]]
    if cells:
        section.figures.append(
            charts.matrix(cells, "cooccurrence", "Co-occurrence of themes in sentences", "Jaccard index")
        )
    else:
        section.paragraphs.append("No two themes are coded in the same sentence, so there is no co-occurrence matrix.")
    section.quotes = _quotes(ctx, corpus, quotes)
    return section


def _quotes(ctx: Context, corpus: Any, quotes: Any) -> list[Quote]:
    """Two quotes for each of the three leading themes (the longest coded passages)."""
    counts: dict[str, int] = defaultdict(int)
    for coding in corpus.codings:
        counts[corpus.top_of(coding.code)] += 1
    leading = sorted(counts, key=lambda c: (-counts[c], c))[:3]
    chosen: list[Quote] = []
    for theme in leading:
        found = sorted(quotes(corpus, theme), key=lambda q: (-len(q["quote"]), q["document"], q["start"]))[:2]
        for q in found:
            urls = [q["url"]] if q["url"] else list(ctx.data.documents[q["document"]].sources[:1])
            number = ctx.citations.cite(urls)
            chosen.append(
                Quote(theme, q["quote"], q["before"], q["after"], q["title"], q["date"], number[0] if number else None)
            )
    return chosen


def un_voting(ctx: Context) -> Section:
    from tariqa.tasks import AlignmentOptions, VotePeriod, un_alignment

    section = Section("un-voting", "UN General Assembly voting alignment")
    result = un_alignment(ctx.store, AlignmentOptions(ctx.group.id, VotePeriod.YEAR, votes=ctx.votes))
    if result.missing:
        section.note = f"{result.missing[0].upper()}{result.missing[1:]}; see docs/alignment.md."
        return section
    pairs = [r for r in result.rows if r["kind"] == "pair"]
    if not pairs:
        section.note = "No roll call on which two members both voted."
        return section
    rows = [
        {"year": r["period"], "pair": r["states"] if r["kind"] == "pair" else "all members alike", "agree": r["agree"]}
        for r in result.rows
    ]
    titles = ("Year", "Share of joint votes alike (0 to 1)", "Pair")
    section.figures.append(
        charts.lines(rows, "year", "agree", "pair", titles, "un-voting", "UN voting agreement", True)
    )
    first = ctx.scope.since.year - 5 if ctx.scope.since else 0
    shown = [r for r in pairs if r["period"] >= first]
    columns = ["Year", "Pair", "Joint votes", "Agreement", "Abstention as half", "S (absolute)", "Kappa"]
    columns += ["Ideal-point gap", "Data file"]
    keys = ("period", "states", "n", "agree", "agree_half", "s_abs", "kappa", "ipd", "source")
    notes = [n[:160] for n in result.notices[:6]]
    since = f"from {first}, five years before the period" if first else "every year"
    release = f" Data release: {result.release}." if result.release else ""
    section.tables.append(
        Table(
            "un-voting",
            f"UN voting alignment per pair and year ({since}; the figure shows every year)",
            columns,
            [[r[k] for k in keys] for r in shown],
            note=(
                release + (" Data notes (tariqa alignment prints them all): " + " | ".join(notes) if notes else "")
            ).strip(),
        )
    )
    return section


def event_data(ctx: Context) -> Section:
    """Machine-coded event data (GDELT): monthly net cooperation per member pair, from the
    GDELT Parquet folder the report was given."""
    from tariqa.tasks.eventdata import DyadsOptions, gdelt_dyads

    section = Section("event-data", "Event data: cooperation in the press (GDELT)")
    if ctx.gdelt is None:
        section.note = "No GDELT Parquet folder was given (see docs/gdelt.md)."
        return section
    since = ctx.scope.since.replace(day=1) if ctx.scope.since else None
    result = gdelt_dyads(ctx.store, DyadsOptions(ctx.group.id, ctx.gdelt, since, ctx.scope.until))
    figure = charts.net_cooperation(result.chart_series())
    rows = result.table()
    if figure is None:
        reason = result.empty_reason or "no event between two members in this period"
        section.note = f"The GDELT folder gives no monthly figures: {reason}."
        return section
    section.figures.append(figure)
    titles = list(DyadsResult.TABLE_TITLES)
    section.tables.append(Table("gdelt", "Monthly event counts per member pair (GDELT)", titles, rows))
    return section


def claims(ctx: Context) -> Section:
    from tariqa.tasks.claims import ClaimsOptions, check_claims

    section = Section("claims", "Published claims checked against the record")
    if ctx.claims is None:
        section.note = "No claims file was given (see docs/claims.md)."
        return section
    try:
        results = list(check_claims(ctx.store, ClaimsOptions(ctx.claims)).results)
    except Problems as exc:
        if not ctx.allow_partial:
            raise
        section.note = f"The claims file has {len(exc.problems)} problem(s), so this section is left out: " + "; ".join(
            str(p) for p in exc.problems[:5]
        )
        return section
    for r in results:
        published = r.claim.published
        title = published.title or f"where the claim {r.claim.id} was published"
        ctx.cited_by_claims.setdefault(published.url, (published.publisher or "", title, published.date or ""))
    rows = [
        [
            r.claim.id,
            r.verdict.value,
            r.claim.text,
            r.explanation,
            ctx.citations.marks([r.claim.published.url, *r.sources]),
        ]
        for r in results
    ]
    section.tables.append(Table("claims", "Claim checks", ["Claim", "Verdict", "Text", "Why", "Sources"], rows))
    return section


def calendar(ctx: Context) -> Section:
    from tariqa.tasks import CalendarOptions
    from tariqa.tasks import calendar as make

    try:
        cal = make(ctx.store, CalendarOptions(groups=(ctx.group.id,), as_of=ctx.as_of))
    except TariqaError as exc:
        section = Section("calendar", "Coordination calendar")
        section.note = str(exc)
        return section
    section = Section("calendar", f"Coordination calendar {cal.year}")
    keys = ("format", "ordinal", "host", "kind", "title")
    rows = [[e["expected"] or e["start"], f"{e['start']} – {e['end']}", *(e[k] for k in keys)] for e in cal.rows]
    section.paragraphs.append(
        f"Projected from each active format's cadence and rotation, as of {ctx.as_of}; "
        "windows are ± a quarter of the cadence. A round whose window closed before that date is "
        "overdue: it is listed below, not projected."
    )
    section.tables.append(
        Table(
            "calendar",
            f"Expected in {cal.year}",
            ["Expected", "Window", "Format", "Round", "Host", "Kind", "What"],
            rows,
        )
    )
    if cal.flags:
        flags = [[f["format"], f["status"], f["last"], f["reason"]] for f in cal.flags]
        section.tables.append(
            Table("calendar-flags", "Formats not projected", ["Format", "Status", "Last round", "Why"], flags)
        )
    return section
