"""Comparison at class scale: a group's indicators placed within the whole registry of
groups (or a chosen class of them): for each group-level measure, its distribution over
the class (minimum, quartiles, maximum), the group's value, rank and percentile; and how
the group's rank on the composite institutionalisation index moves under the documented
weight schemes (equal weights, each component doubled, each dropped).

One task for the command line (``tariqa indicators --group ATP --compare ALL``), the web
Compare page (``/compare?group=ATP``, ``/api/compare?group=ATP``) and the report, so the
three give the same numbers.

>>> import tempfile, tariqa
>>> from tariqa.tasks.class_scale import ClassOptions, compare_class
>>> with tempfile.TemporaryDirectory() as tmp, tariqa.open_store(f"{tmp}/study.db") as store:
...     _ = tariqa.load_reference(store)
...     found = compare_class(store, ClassOptions(group="ATP"))
...     row = found.row("institutionalisation", "composite index")
...     len(found.groups), row["of"], 1 <= row["rank"] <= 16
(16, 16, True)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar

from tariqa.errors import UsageError
from tariqa.indicators.distribution import Number, percentile, quartiles, rank
from tariqa.tasks.results import Tabular

if TYPE_CHECKING:
    from tariqa.indicators.data import GroupData
    from tariqa.storage import Store

#: Measures made group-level from per-subject rows: (indicator, measure of the rows) ->
#: (measure shown, how the subjects are combined).
AGGREGATES: dict[tuple[str, str], tuple[str, str]] = {
    ("regularity", "rounds held"): ("rounds held, all formats", "sum"),
    ("depth", "trilateral share"): ("trilateral share, weakest pair", "min"),
}
GROUP_SUBJECTS = frozenset({"all", "group"})
ALL = "ALL"
"""What names the whole registry where a list of comparators is expected."""


@dataclass(frozen=True, kw_only=True)
class ClassOptions:
    """``group``: the group placed; ``among``: the groups of the class (the group is added
    if missing; empty: every group of the record); ``names``: which indicators (all when
    empty); ``since``/``until`` bound every group's period (default: each group's own
    start to the record's date); ``as_of``: the date lapses are measured at."""

    group: str
    among: tuple[str, ...] = ()
    names: tuple[str, ...] = ()
    since: date | None = None
    until: date | None = None
    as_of: date | None = None


@dataclass(frozen=True)
class ClassComparison(Tabular):
    """``rows``: one per comparable measure (value, rank, of, percentile, distribution);
    ``schemes``: the group's composite score and rank under each weight scheme."""

    COLUMNS: ClassVar[tuple[str, ...]] = (
        "indicator",
        "measure",
        "unit",
        "value",
        "rank",
        "of",
        "percentile",
        "min",
        "q1",
        "median",
        "q3",
        "max",
    )
    SCHEME_COLUMNS: ClassVar[tuple[str, ...]] = ("scheme", "weights", "score", "rank", "of")
    group: str
    groups: tuple[str, ...]
    as_of: date
    rows: tuple[dict[str, Any], ...]
    schemes: tuple[dict[str, Any], ...]

    @property
    def rank_range(self) -> tuple[int, int] | None:
        """The group's best and worst rank on the composite over the weight schemes."""
        ranks = [s["rank"] for s in self.schemes]
        return (min(ranks), max(ranks)) if ranks else None

    def row(self, indicator: str, measure: str) -> dict[str, Any]:
        """The row of one measure; a clear error when the comparison has none."""
        for r in self.rows:
            if (r["indicator"], r["measure"]) == (indicator, measure):
                return r
        raise UsageError(f"no measure {indicator}: {measure} in the comparison of {self.group}")

    def schemes_to_arrow(self) -> Any:
        import pyarrow as pa

        return pa.Table.from_pylist([{c: s.get(c) for c in self.SCHEME_COLUMNS} for s in self.schemes])

    def to_document(self) -> dict[str, Any]:
        """Everything as plain data: what the command line prints as JSON and the API returns."""
        low_high = self.rank_range
        return {
            "group": self.group,
            "groups": list(self.groups),
            "as_of": self.as_of.isoformat(),
            "rows": self.to_dicts(),
            "schemes": [{c: s.get(c) for c in self.SCHEME_COLUMNS} for s in self.schemes],
            "rank_range": list(low_high) if low_high else None,
        }


def class_members(store: Store, names: Sequence[str]) -> tuple[str, ...]:
    """The groups a list of comparators names: every group of the record for ``ALL`` (any
    case) or an empty list, else the names as given (each must be a group of the record)."""
    if not names or [n.upper() for n in names] == [ALL]:
        return tuple(g.id for g in store.groups())
    for name in names:
        store.group(name)  # NotFound names the known groups
    return tuple(dict.fromkeys(names))


def compare_class(store: Store, options: ClassOptions, *, datas: Sequence[GroupData] | None = None) -> ClassComparison:
    """Place ``options.group`` within its class: see the module's documentation. ``datas``:
    the groups' data when the caller has read it already (the report does), else read here."""
    from tariqa.indicators import Scope, Shared, load
    from tariqa.indicators.institution import components, sensitivity, weight_schemes
    from tariqa.indicators.registry import chosen

    store.group(options.group)  # NotFound names the known groups
    groups = tuple(dict.fromkeys((options.group, *class_members(store, options.among))))
    if datas is None:
        shared = Shared.read(store, options.as_of)
        datas = [load(store, Scope(g, options.since, options.until), shared=shared) for g in groups]
    by_id = {d.group.id: d for d in datas}
    missing = [g for g in groups if g not in by_id]
    if missing:
        raise UsageError(f"no data given for {', '.join(missing)}")
    indicators = chosen(list(options.names) or None)
    values: dict[tuple[str, str], dict[str, Number]] = {}
    units: dict[tuple[str, str], str] = {}
    for g in groups:
        for (indicator, measure), (value, unit) in _measures(by_id[g], indicators).items():
            values.setdefault((indicator, measure), {})[g] = value
            units[(indicator, measure)] = unit
    order = {i.name: n for n, i in enumerate(indicators)}
    keys = sorted(values, key=lambda k: order[k[0]])  # stable: each indicator's measures as it gives them
    rows = tuple(_row(key, units[key], values[key], options.group) for key in keys)
    schemes: tuple[dict[str, Any], ...] = ()
    if any(i.name == "institutionalisation" for i in indicators):
        rankings = sensitivity({g: components(by_id[g]) for g in groups})
        weights = weight_schemes()
        schemes = tuple(
            {
                "scheme": r.scheme,
                "weights": ", ".join(f"{k} {w:g}" for k, w in weights[r.scheme].items()),
                "score": r.scores[options.group],
                "rank": r.rank(options.group),
                "of": len(groups),
            }
            for r in rankings
        )
    return ClassComparison(options.group, groups, by_id[options.group].as_of, rows, schemes)


def _measures(data: GroupData, indicators: Sequence[Any]) -> dict[tuple[str, str], tuple[Number, str]]:
    """A group's comparable measures: numeric group-level rows, and the aggregates of
    per-subject rows (:data:`AGGREGATES`)."""
    found: dict[tuple[str, str], tuple[Number, str]] = {}
    parts: dict[tuple[str, str], tuple[list[Number], str]] = {}
    for indicator in indicators:
        for r in indicator.rows(data):
            if not isinstance(r.value, int | float) or isinstance(r.value, bool):
                continue
            if r.subject in GROUP_SUBJECTS:
                found[(r.indicator, r.measure)] = (r.value, r.unit)
            elif (r.indicator, r.measure) in AGGREGATES:
                parts.setdefault((r.indicator, r.measure), ([], r.unit))[0].append(r.value)
    for key, (numbers, unit) in parts.items():
        shown, how = AGGREGATES[key]
        found[(key[0], shown)] = (round(sum(numbers) if how == "sum" else min(numbers), 4), unit)
    return found


def _row(key: tuple[str, str], unit: str, by_group: dict[str, Number], group: str) -> dict[str, Any]:
    numbers = list(by_group.values())
    low, q1, median, q3, high = quartiles(numbers)
    value = by_group.get(group)
    return {
        "indicator": key[0],
        "measure": key[1],
        "unit": unit,
        "value": value,
        "rank": None if value is None else rank(value, numbers),
        "of": len(numbers),
        "percentile": None if value is None else percentile(value, numbers),
        "min": low,
        "q1": round(q1, 4),
        "median": round(median, 4),
        "q3": round(q3, 4),
        "max": high,
    }
