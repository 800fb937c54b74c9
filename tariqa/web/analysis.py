"""Analysis pages: reliability between chosen coders, claim checks of an uploaded file, UN
voting alignment, the comparison of groups, and the report as a download."""

from __future__ import annotations

import dataclasses
import io
import tempfile
import zipfile
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, File, HTTPException, Query, Request, UploadFile
from fastapi.responses import Response

from tariqa.errors import Problems
from tariqa.tasks.eventdata import DyadsResult
from tariqa.tasks.options import Unit, VotePeriod
from tariqa.web import figures
from tariqa.web.auth import Reader
from tariqa.web.figures import Width
from tariqa.web.openapi import errors
from tariqa.web.pages import cache_of, page, render, store_of

router = APIRouter()


@page(router, "/reliability", "reliability.html", "Inter-coder reliability between chosen coders", "analysis", (400,))
def reliability(
    request: Request,
    user: Reader,
    coders: Annotated[str | None, Query(max_length=500, description="Comma-separated, e.g. aylin,bilal")] = None,
    unit: Unit = Unit.SENTENCE,
) -> dict[str, Any]:
    from tariqa.tasks.content import ReliabilityOptions
    from tariqa.tasks.content import reliability as compute

    chosen = tuple(c.strip() for c in coders.split(",") if c.strip()) if coders else ()
    found = compute(store_of(request), ReliabilityOptions(chosen, unit))
    return {"coders": list(found.coders), "chosen": list(found.chosen), "unit": unit.value, "rows": found.to_dicts()}


@page(
    router,
    "/groups/{group_id}/alignment",
    "alignment.html",
    "UN General Assembly voting alignment",
    "analysis",
    (400, 404),
)
def alignment(request: Request, user: Reader, group_id: str, by: VotePeriod = VotePeriod.YEAR) -> dict[str, Any]:
    store = store_of(request)
    group = store.group(group_id)
    folder = request.app.state.settings.votes()
    # keyed on the folder and its time of change too: data fetched later is seen at once
    seen = folder.stat().st_mtime_ns if folder.exists() else 0
    key = ("alignment", group.id, tuple(group.members), by, str(folder), seen)
    return cache_of(request).get(key, lambda: _alignment(store, group.id, by, folder))  # type: ignore[no-any-return]


def _alignment(store: Any, group: str, by: VotePeriod, folder: Path) -> dict[str, Any]:
    from tariqa.tasks import AlignmentOptions, un_alignment

    result = un_alignment(store, AlignmentOptions(group, by, votes=folder))
    notices = list(result.notices)
    if result.missing:
        notices = [f"{result.missing} on the server"]
    rows = result.to_dicts()
    return {
        "group": group,
        "by": result.by.value,
        "found": result.found,
        "release": result.release,
        "folder": str(folder),
        "sources": list(result.sources),
        "rows": rows,
        "figure": f"/groups/{group}/alignment.svg?by={result.by.value}" if rows else None,
        "notices": notices,
    }


@router.get("/groups/{group_id}/alignment.svg", include_in_schema=False)
def alignment_svg(
    request: Request, user: Reader, group_id: str, by: VotePeriod = VotePeriod.YEAR, width: Width = None
) -> Response:
    data = alignment(request, user, group_id, by)
    if not data["rows"]:
        raise HTTPException(404, "no UN voting data to draw for this group")
    key = ("alignment.svg", group_id, by, len(data["rows"]), data["folder"], width)
    svg = cache_of(request).get(key, lambda: _alignment_figure(data, width))
    return Response(svg, media_type="image/svg+xml", headers={"Cache-Control": "private, max-age=60"})


def _alignment_figure(data: dict[str, Any], width: int | None) -> str:
    """The agreement of each pair (and the group's unanimity) per period, as the report draws it."""
    from tariqa.reports import charts

    rows, by = data["rows"], data["by"]
    points = [
        {
            "period": r["period"],
            "pair": r["states"] if r["kind"] == "pair" else "all members alike",
            "agree": r["agree"],
        }
        for r in rows
    ]
    titles = (by.capitalize(), "Share of joint votes alike (0 to 1)", "Pair")
    figure = charts.lines(points, "period", "agree", "pair", titles, "un-voting", "UN voting agreement", True)
    return figures.svg(figure, width)


@page(
    router,
    "/groups/{group_id}/event-data",
    "event_data.html",
    "Monthly cooperation in the press (GDELT)",
    "analysis",
    (400, 404),
)
def event_data(request: Request, user: Reader, group_id: str) -> dict[str, Any]:
    group = store_of(request).group(group_id)
    found = _gdelt(request, group)
    if found is None:
        return {"group": group.id, "configured": False, "figure": None, "columns": [], "rows": [], "why_empty": None}
    figure, rows, why = found
    return {
        "group": group.id,
        "configured": True,
        "figure": f"/groups/{group.id}/event-data.svg" if figure else None,
        "columns": list(DyadsResult.TABLE_TITLES),
        "rows": rows,
        "why_empty": why,
    }


@router.get("/groups/{group_id}/event-data.svg", include_in_schema=False)
def event_data_svg(request: Request, user: Reader, group_id: str, width: Width = None) -> Response:
    found = _gdelt(request, store_of(request).group(group_id))
    if found is None or found[0] is None:
        raise HTTPException(404, "no GDELT figure for this group")
    svg = figures.svg(found[0], width)
    return Response(svg, media_type="image/svg+xml", headers={"Cache-Control": "private, max-age=60"})


def _gdelt(request: Request, group: Any) -> tuple[Any, list[list[Any]], str | None] | None:
    """The group's GDELT figure, table rows and why there are none, from the configured
    store (None without one), cached until an ingest appends to the store's manifest."""
    from tariqa.eventdata.parquet import MANIFEST
    from tariqa.reports.charts import net_cooperation
    from tariqa.tasks.eventdata import DyadsOptions, gdelt_dyads

    folder: Path | None = request.app.state.settings.gdelt_folder
    if folder is None:
        return None
    manifest = folder / MANIFEST
    version = manifest.stat().st_mtime if manifest.exists() else 0.0
    key = ("event-data", group.id, tuple(group.members), version)
    store = store_of(request)

    def make() -> tuple[Any, list[list[Any]], str | None]:
        result = gdelt_dyads(store, DyadsOptions(group.id, folder))
        return net_cooperation(result.chart_series()), result.table(), result.empty_reason

    return cache_of(request).get(key, make)  # type: ignore[no-any-return]


@page(router, "/compare", "compare.html", "Indicators of several groups side by side", "analysis", (404,))
def compare(
    request: Request,
    user: Reader,
    groups: Annotated[str | None, Query(max_length=500)] = None,
    group: Annotated[
        str | None, Query(max_length=40, description="A group to place within the groups compared (all by default)")
    ] = None,
) -> dict[str, Any]:
    from tariqa.tasks import IndicatorOptions, compute_indicators
    from tariqa.web.class_scale import placed

    store = store_of(request)
    known = [g.id for g in store.groups()]
    chosen = [g.strip() for g in groups.split(",") if g.strip()] if groups else known
    key = ("compare", store.url, tuple(chosen), store.revision())
    names = ("intensity", "institutionalisation", "spectrum")
    rows = cache_of(request).get(
        key, lambda: compute_indicators(store, IndicatorOptions(tuple(chosen), names)).to_dicts()
    )
    table: dict[tuple[str, str], dict[str, Any]] = {}
    for r in rows:
        if r["subject"] in ("all", "group"):
            table.setdefault((r["indicator"], r["measure"]), {})[r["group"]] = r["value"]
    return {
        "groups": chosen,
        "known": known,
        "rows": [{"indicator": i, "measure": m, "values": v} for (i, m), v in table.items()],
        "group": group,
        "class": placed(request, group, tuple(chosen)) if group else None,
    }


@router.get("/claims", include_in_schema=False)
def claims_form(request: Request, user: Reader) -> Response:
    """The form to upload a claims file."""
    return render(request, "claims.html", {"results": None, "error": None})


@router.post("/claims", include_in_schema=False)
@router.post(
    "/api/claims",
    tags=["analysis"],
    summary="Check an uploaded claims file against the record",
    responses=errors(400, 413),
)
async def check_claims(request: Request, user: Reader, file: Annotated[UploadFile, File()]) -> Any:
    """Check an uploaded claims file against the record (reading only; the form still
    needs its CSRF token)."""
    from tariqa.tasks.claims import ClaimsOptions, check_claims

    data = await _upload(request, file)
    name = _safe_name(file.filename or "claims.yaml")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        try:
            results = list(check_claims(store_of(request), ClaimsOptions(path)).rows)
        except Problems as exc:  # name the uploaded file, not the temporary copy
            raise Problems([dataclasses.replace(p, file=name) for p in exc.problems]) from None
    if request.url.path.startswith("/api/"):
        return {"results": results}
    return render(request, "claims.html", {"results": results, "error": None})


async def _upload(request: Request, file: UploadFile) -> bytes:
    limit = request.app.state.settings.max_upload
    data = await file.read(limit + 1)
    if len(data) > limit:
        raise HTTPException(413, f"the file is larger than {limit // 1_000_000} MB")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise HTTPException(422, f"the file is not UTF-8 text (byte {exc.start})") from None
    return data


def _safe_name(name: str) -> str:
    r"""A bare file name: no folders, no path tricks.

    >>> _safe_name("../../etc/passwd"), _safe_name("C:\\x\\claims.yaml"), _safe_name("..")
    ('passwd', 'claims.yaml', 'upload')
    """
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = "".join(ch for ch in base if ch.isalnum() or ch in "._-").lstrip(".")
    return cleaned or "upload"


@router.get("/groups/{group_id}/report.zip", include_in_schema=False)
@router.get(
    "/api/groups/{group_id}/report.zip",
    tags=["analysis"],
    summary="The report of a group, zipped",
    responses=errors(404),
)
def report_zip(request: Request, user: Reader, group_id: str) -> Response:
    from tariqa.reports import ReportOptions, report

    store = store_of(request)
    group = store.group(group_id)
    settings = request.app.state.settings

    def build() -> bytes:
        with tempfile.TemporaryDirectory() as tmp:
            options = ReportOptions(
                group.id, Path(tmp) / "report", gdelt_folder=settings.gdelt_folder, votes=settings.votes()
            )
            index = report(store, options)
            buffer = io.BytesIO()
            with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
                for path in sorted(index.parent.rglob("*")):
                    if path.is_file():
                        archive.write(path, f"{group.id.lower()}-report/{path.relative_to(index.parent)}")
            return buffer.getvalue()

    data = cache_of(request).get(("report", group.id, store.revision()), build)
    return Response(
        data,
        media_type="application/zip",
        headers={"Content-Disposition": f'attachment; filename="{group.id.lower()}-report.zip"'},
    )
