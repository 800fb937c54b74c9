"""Institutionalisation: a profile of five components, a composite index with documented
weights and a check of how the ranking of groups moves under other weights; and the
alliance-spectrum profile that sets a group beside its comparators.

Components, each scaled to 0–1 with fixed caps (not min–max over the compared groups, so
a group's score does not depend on which groups it is compared with):

* ``tracks``: tracks with a held event of every member / 6 tracks;
* ``summits``: leaders' level: 1 with two or more held rounds of a head-of-state or
  government format, 0.5 with one such round or one held head-level event of every member;
* ``regular formats``: formats with two or more rounds and not lapsed / formats;
* ``documents``: documents adopted at events of every member, capped at 10 (n / 10);
* ``follow-up bodies``: formats below ministerial level (officials, military, business and
  civil society) with a held round, capped at 3 (n / 3).
"""

from __future__ import annotations

from dataclasses import dataclass

from tariqa.indicators.data import Ev, GroupData
from tariqa.indicators.registry import Measure, indicator
from tariqa.indicators.regularity import regularity
from tariqa.vocab import Track

COMPONENTS = ("tracks", "summits", "regular formats", "documents", "follow-up bodies")
WEIGHTS = dict.fromkeys(COMPONENTS, 0.2)
BELOW_MINISTER = frozenset({"officials", "military", "business-civil-society"})
HEAD = "head-of-state-or-government"


def _everyone(data: GroupData) -> list[Ev]:
    members = frozenset(data.members)
    return [e for e in data.held() if e.states >= members]


def components(data: GroupData) -> dict[str, float]:
    """The five components of the institutionalisation profile, each in [0, 1]."""
    joint = _everyone(data)
    regs = [regularity(f, data.rounds(f.id), data.as_of) for f in data.formats]
    head_rounds = max((len(r.rounds) for r in regs if r.format.level.value == HEAD), default=0)
    head_events = any(e.level == HEAD for e in joint)
    summits = 1.0 if head_rounds >= 2 else 0.5 if head_rounds == 1 or head_events else 0.0
    regular = sum(len(r.rounds) >= 2 and not r.lapsed for r in regs)
    documents = {d for e in joint for d in e.documents}
    bodies = sum(bool(r.rounds) and r.format.level.value in BELOW_MINISTER for r in regs)
    return {
        "tracks": len({e.track for e in joint}) / len(Track),
        "summits": summits,
        "regular formats": regular / len(regs) if regs else 0.0,
        "documents": min(1.0, len(documents) / 10),
        "follow-up bodies": min(1.0, bodies / 3),
    }


def composite(parts: dict[str, float], weights: dict[str, float] | None = None) -> float:
    """Weighted mean of the components: Σ w·c / Σ w."""
    weights = weights or WEIGHTS
    total = sum(weights.values())
    return sum(weights[k] * parts[k] for k in weights) / total if total else 0.0


@indicator(
    "institutionalisation",
    "Institutionalisation profile and composite index",
    """Components in [0, 1]: tracks = tracks with a held event of every member / 6; summits = 1
    with ≥ 2 rounds of a head-of-state/government format, 0.5 with one (or one head-level event of
    every member), else 0; regular formats = formats with ≥ 2 rounds not lapsed / formats;
    documents = min(1, documents adopted at events of every member / 10); follow-up bodies =
    min(1, formats below minister level with a held round / 3). Composite = Σ wₖ·cₖ / Σ wₖ with
    equal weights 0.2; `tariqa indicators --compare` adds the ranking of groups under other
    weights (each component doubled, each dropped).""",
)
def institutionalisation(data: GroupData) -> list[Measure]:
    parts = components(data)
    joint = _everyone(data)
    rows: list[Measure] = [(f"component: {k}", "group", v, "0-1") for k, v in parts.items()]
    rows += [
        ("formats", "group", len(data.formats), "formats"),
        ("active formats", "group", sum(f.status.value == "active" for f in data.formats), "formats"),
        ("documents adopted", "group", len({d for e in joint for d in e.documents}), "documents"),
        ("composite index", "group", composite(parts), "0-1", "equal weights 0.2"),
    ]
    return rows


def weight_schemes() -> dict[str, dict[str, float]]:
    """Equal weights, then each component doubled, then each component dropped."""
    schemes = {"equal": dict(WEIGHTS)}
    for k in COMPONENTS:
        schemes[f"double {k}"] = {c: w * (2 if c == k else 1) for c, w in WEIGHTS.items()}
    for k in COMPONENTS:
        schemes[f"drop {k}"] = {c: w for c, w in WEIGHTS.items() if c != k}
    return schemes


@dataclass(frozen=True)
class Ranking:
    scheme: str
    scores: dict[str, float]

    def rank(self, group: str) -> int:
        """1 for the highest score; ties share the better rank."""
        return 1 + sum(s > self.scores[group] for s in self.scores.values())


def sensitivity(profiles: dict[str, dict[str, float]]) -> list[Ranking]:
    """The composite of every group under every weight scheme."""
    return [
        Ranking(name, {g: round(composite(parts, weights), 4) for g, parts in profiles.items()})
        for name, weights in weight_schemes().items()
    ]


@dataclass(frozen=True)
class Feature:
    name: str
    test: str


SPECTRUM = (
    Feature("binding agreement of all members", "an agreement signed at an event of every member"),
    Feature("mutual-assistance language", "a passage coded support-security in a document signed by every member"),
    Feature("standing body", "a format below minister level with two or more rounds"),
    Feature("regular summits", "a head-of-state/government format with two or more rounds"),
    Feature("regular ministerial meetings", "a minister-level format with two or more rounds"),
    Feature("joint exercises", "a held exercise of every member"),
    Feature("parliamentary track", "a held parliamentary event of every member"),
    Feature("joint declarations", "a declaration or joint statement adopted at an event of every member"),
)


def _features(data: GroupData) -> dict[str, list[str] | None]:
    """Evidence (ids) for each spectrum feature; None where the record cannot tell."""
    joint = _everyone(data)
    regs = [regularity(f, data.rounds(f.id), data.as_of) for f in data.formats]

    def formats_at(levels: set[str]) -> list[str]:
        return [r.format.id for r in regs if r.format.level.value in levels and len(r.rounds) >= 2]

    kinds = {d: doc.kind.value for d, doc in data.documents.items()}
    members = set(data.members)
    signed_by_all = {d for d, doc in data.documents.items() if members <= set(doc.signatories)}
    security = sorted(d for d, codes in data.codings.items() if d in signed_by_all and "support-security" in codes)
    return {
        "binding agreement of all members": [e.id for e in joint if e.kind == "agreement"],
        "mutual-assistance language": security if data.codings else None,
        "standing body": formats_at(set(BELOW_MINISTER)),
        "regular summits": formats_at({HEAD}),
        "regular ministerial meetings": formats_at({"minister"}),
        "joint exercises": [e.id for e in joint if e.kind == "exercise"],
        "parliamentary track": [e.id for e in joint if e.track == "parliamentary"],
        "joint declarations": [
            d for e in joint for d in e.documents if kinds.get(d, "declaration") in {"declaration", "joint-statement"}
        ],
    }


@indicator(
    "spectrum",
    "Alliance-spectrum profile",
    """Features that place a group between a treaty alliance and a loose alignment, each yes, no
    or unknown with the evidence that decides it: """
    + "; ".join(f"{f.name} ({f.test})" for f in SPECTRUM)
    + ".",
    by_year=False,
)
def spectrum(data: GroupData) -> list[Measure]:
    found = _features(data)
    rows: list[Measure] = []
    for feature in SPECTRUM:
        evidence = found[feature.name]
        value = "unknown" if evidence is None else "yes" if evidence else "no"
        rows.append((feature.name, "group", value, "", ", ".join(evidence[:3]) if evidence else feature.test))
    return rows
