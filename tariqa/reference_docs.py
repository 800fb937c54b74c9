"""The registry table of docs/reference-data.md, generated from the shipped reference
files: ``python -m tariqa.reference_docs docs/reference-data.md`` rewrites the part
between the markers, and a test fails when the file and the data disagree.

Per group: members, events (all, then high/medium/low confidence), each format with the
rounds held and its status, the date checked through, and the number of known gaps the
group's file lists in its header (its ``GAPS`` block).
"""

from __future__ import annotations

import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tariqa.generated import replace_block, rewrite_file

BEGIN = "<!-- BEGIN generated from tariqa/data/reference by tariqa.reference_docs -->"
END = "<!-- END generated registry table -->"


@dataclass
class GroupSummary:
    id: str
    name: str
    members: list[str]
    checked_through: str
    files: list[str] = field(default_factory=list)
    formats: list[dict[str, Any]] = field(default_factory=list)
    confidence: Counter[str] = field(default_factory=Counter)
    held: Counter[str] = field(default_factory=Counter)
    gaps: int = 0

    @property
    def events(self) -> int:
        return sum(self.confidence.values())


def gap_count(text: str) -> int:
    """Bullets of the header's ``GAPS`` block (lines ``# - ...`` after ``# GAPS``).

    >>> gap_count("# Scope\\n# GAPS (looked for):\\n# - one\\n#   more of one\\n# - two\\n#\\ngroups: []\\n")
    2
    >>> gap_count("# GAPS:\\n# - one\\n# - checked_through 2025-01-01: the latest page\\n")
    1
    """
    count, inside = 0, False
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        if line.startswith("# GAPS"):
            inside = True
        elif inside and line.startswith("# - ") and not line.startswith("# - checked_through"):
            count += 1  # the evidence for checked_through is not a gap
    return count


def summaries(paths: list[Path] | None = None) -> list[GroupSummary]:
    """One summary per group of the reference files, by group id."""
    import yaml

    from tariqa.reference import reference_paths

    groups: dict[str, GroupSummary] = {}
    formats: list[tuple[str, dict[str, Any]]] = []
    events: list[dict[str, Any]] = []
    gaps: dict[str, int] = defaultdict(int)
    for path in paths or reference_paths():
        text = path.read_text(encoding="utf-8")
        data = yaml.safe_load(text) or {}
        for g in data.get("groups", []):
            groups[g["id"]] = GroupSummary(g["id"], g["name"], g["members"], str(g.get("checked_through") or ""))
        # a file's gaps belong to its group, or to the group(s) of its formats and events
        owners = {g["id"] for g in data.get("groups", [])} or {
            r["group"] for r in [*data.get("formats", []), *data.get("events", [])]
        }
        for gid in owners:
            gaps[gid] += gap_count(text)
        formats += [(path.name, f) for f in data.get("formats", [])]
        events += [e | {"_file": path.name} for e in data.get("events", [])]
    for name, f in formats:
        groups[f["group"]].formats.append(f)
        if name not in groups[f["group"]].files:
            groups[f["group"]].files.append(name)
    for e in events:
        group = groups[e["group"]]
        group.confidence[e["confidence"]] += 1
        if e.get("format") and e.get("status") == "held":
            group.held[e["format"]] += 1
        if e["_file"] not in group.files:
            group.files.append(e["_file"])
    for gid, n in gaps.items():
        groups[gid].gaps = n
    return [groups[g] for g in sorted(groups)]


def table(paths: list[Path] | None = None) -> str:
    """The Markdown registry table between its markers."""
    rows = [
        BEGIN,
        "",
        "| group | events | high / medium / low | formats: rounds held (status) | checked through | gaps listed |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    found = summaries(paths)
    for g in found:
        formats = ", ".join(f"`{f['id']}` {g.held[f['id']]} ({f.get('status', 'active')})" for f in g.formats)
        c = g.confidence
        files = ", ".join(f"`{name}`" for name in sorted(g.files))
        rows.append(
            f"| {g.id} | {g.events} | {c['high']} / {c['medium']} / {c['low']} | {formats} "
            f"| {g.checked_through or 'not declared'} | {g.gaps} in {files} |"
        )
    totals = Counter[str]()
    for g in found:
        totals.update(g.confidence)
    rows += [
        "",
        f"{len(found)} groups, {sum(len(g.formats) for g in found)} formats, {sum(g.events for g in found)} events "
        f"({totals['high']} high, {totals['medium']} medium, {totals['low']} low confidence).",
        "",
        END,
    ]
    return "\n".join(rows)


def rewrite(text: str) -> str:
    """``text`` with the generated block replaced by the current table."""
    return replace_block(text, BEGIN, END, table())


if __name__ == "__main__":  # pragma: no cover
    rewrite_file(sys.argv[1], rewrite)
