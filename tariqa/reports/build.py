"""Build the report of a group: DIR/index.html (one self-contained file: styles inline,
figures as inline SVG, no script, no network), DIR/figures/*.svg and *.png, and
DIR/tables/*.csv and *.tex for every figure and table in it.

The same database gives a byte-identical report: nothing in it depends on the clock
unless ``stamp`` is set, and every list is sorted.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

from tariqa.errors import UsageError
from tariqa.indicators import Scope
from tariqa.reports import analysis_sections as analysis
from tariqa.reports import record_sections as record
from tariqa.reports.class_section import class_scale
from tariqa.reports.context import Context, Section, read_context
from tariqa.reports.options import Progress, ReportOptions
from tariqa.storage import Store

SECTIONS: tuple[tuple[str, Callable[[Context], Section]], ...] = (
    ("summary", record.summary),
    ("timeline", record.timeline),
    ("formats", record.formats),
    ("activity", record.activity),
    ("indicators", analysis.indicators),
    ("class", class_scale),
    ("themes", analysis.themes),
    ("UN voting", analysis.un_voting),
    ("event data", analysis.event_data),
    ("claims", analysis.claims),
    ("calendar", analysis.calendar),
    ("sources", record.sources),
)
"""The sections in report order; sources come last, after every citation is numbered."""


def build_report(store: Store, options: ReportOptions, *, progress: Progress | None = None) -> Path:
    """Write the report into ``options.out`` and return the path of its index.html."""
    scope = Scope(options.group, options.since, options.until)
    for group in [scope.group, *options.compare]:
        store.group(group)  # an unknown group stops here, before anything is written
    _check_out(options.out)
    if options.claims is not None and not options.claims.is_file():
        raise UsageError(f"no claims file at {options.claims}")
    if options.gdelt_folder is not None and not options.gdelt_folder.is_dir():
        raise UsageError(f"no GDELT Parquet folder at {options.gdelt_folder}")
    comparators = [g for g in options.compare if g != scope.group]
    ctx = read_context(store, scope, comparators, options.claims, options.allow_partial, options.as_of)
    ctx.gdelt, ctx.votes = options.gdelt_folder, options.votes
    steps = len(SECTIONS) + 1
    sections = []
    for i, (label, make) in enumerate(SECTIONS):
        if progress:
            progress(label, i, steps)
        sections.append(make(ctx))
    if progress:
        progress("writing", steps - 1, steps)
    return _write(ctx, sections, options.out, options.stamp)


def _check_out(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise UsageError(f"the report's folder {out} is a file, not a folder")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"cannot create the report's folder {out} ({exc.strerror})") from None
    if not os.access(out, os.W_OK | os.X_OK):
        raise UsageError(f"the report's folder {out} is not writable")


def _write(ctx: Context, sections: list[Section], out: Path, stamp: bool) -> Path:
    figures, tables = out / "figures", out / "tables"
    for folder, patterns in ((figures, ("*.svg", "*.png")), (tables, ("*.csv", "*.tex"))):
        folder.mkdir(exist_ok=True)
        for pattern in patterns:
            for stale in folder.glob(pattern):
                stale.unlink()
    svgs: dict[str, str] = {}
    for section in sections:
        for fig in section.figures:
            svgs[fig.name] = fig.svg()
            (figures / f"{fig.name}.svg").write_text(svgs[fig.name], encoding="utf-8")
            (figures / f"{fig.name}.png").write_bytes(fig.png())
        for table in section.tables:
            table.write(tables)
    index = out / "index.html"
    index.write_text(render(ctx, sections, svgs, stamp), encoding="utf-8")
    return index


def render(ctx: Context, sections: list[Section], svgs: dict[str, str], stamp: bool) -> str:
    import jinja2
    from markupsafe import Markup

    from tariqa.version import __version__

    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    folder = resources.files("tariqa.reports") / "templates"
    template = env.from_string((folder / "report.html.j2").read_text(encoding="utf-8"))
    figure_numbers = _numbers(f.name for s in sections for f in s.figures)
    table_numbers = _numbers(t.name for s in sections for t in s.tables)
    return template.render(
        title=f"{ctx.group.name}: a study of the record",
        members=", ".join(ctx.group.members),
        period=_period(ctx),
        as_of=ctx.as_of.isoformat(),
        checked_through=ctx.group.checked_through.isoformat() if ctx.group.checked_through else "",
        comparators=", ".join(ctx.comparators),
        stamp=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC") if stamp else "",
        sections=sections,
        svgs={name: Markup(svg) for name, svg in svgs.items()},  # noqa: S704  (our own renderer's SVG)
        figure_numbers=figure_numbers,
        table_numbers=table_numbers,
        shown=_shown,
        css=Markup((folder / "report.css").read_text(encoding="utf-8")),  # noqa: S704
        version=__version__,
    )


def _numbers(names: Any) -> dict[str, int]:
    return {name: i for i, name in enumerate(names, start=1)}


def _period(ctx: Context) -> str:
    since, until = ctx.scope.since, ctx.scope.until
    start = since.isoformat() if since else "the first event"
    return f"{start} to {until.isoformat() if until else ctx.as_of.isoformat()}"


def _shown(cell: object) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float):
        return f"{cell:,.0f}" if abs(cell) >= 1e6 else f"{cell:.4g}"
    return str(cell)
