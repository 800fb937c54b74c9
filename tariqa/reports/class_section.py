"""The report's section that places the group within its comparators taken as a class
(the whole registry when the report compares with every group): the same task, and so the
same numbers, as ``tariqa indicators --compare ALL`` and the web Compare page."""

from __future__ import annotations

from tariqa.reports.context import Context, Section
from tariqa.reports.tables import Table
from tariqa.tasks.class_scale import ClassOptions, compare_class

CLASS_COLUMNS = ["Indicator", "Value", "Rank", "Of", "Percentile", "Min", "Q1", "Median", "Q3", "Max"]
SCHEME_COLUMNS = ["Weight scheme", "Weights", "Score", "Rank", "Of"]


def class_scale(ctx: Context) -> Section:
    section = Section("class", "The group within its class")
    if not ctx.others:
        section.note = "No comparator groups were named, so there is no class to place the group in."
        return section
    # the report has read every group's data for its period already: the task uses it
    options = ClassOptions(group=ctx.group.id, among=tuple(ctx.comparators))
    found = compare_class(ctx.store, options, datas=[ctx.data, *ctx.others])
    section.paragraphs.append(
        f"{ctx.group.id} among {len(found.groups)} groups ({', '.join(found.groups)}): for each group-level "
        "measure, the group's value, its rank (1 = highest; ties share the better rank), its percentile "
        "(share of groups below, ties counted half) and the distribution over the class."
    )
    rows = [
        [
            f"{r['indicator']}: {r['measure']}",
            *(r[k] for k in ("value", "rank", "of", "percentile", "min", "q1", "median", "q3", "max")),
        ]
        for r in found.rows
    ]
    section.tables.append(Table("class-scale", "Indicators within the class", CLASS_COLUMNS, rows))
    if found.schemes:
        low, high = found.rank_range or (0, 0)
        schemes = [[s[k] for k in ("scheme", "weights", "score", "rank", "of")] for s in found.schemes]
        section.tables.append(
            Table(
                "class-schemes",
                "Rank on the composite index under other weights",
                SCHEME_COLUMNS,
                schemes,
                note=f"Rank range over the schemes: {low} to {high} of {len(found.groups)}.",
            )
        )
    return section
