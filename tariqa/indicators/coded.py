"""Indicators read from coded documents: mutual support on core causes, threat convergence,
and the balance of symbolic and functional themes.

Only settled codings count (manual and accepted). A document speaks for the members among
its signatories (issuing states).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from itertools import combinations

from tariqa.indicators.data import GroupData
from tariqa.indicators.registry import Measure, indicator

CAUSES = {"support-karabakh": "AZE", "support-kashmir": "PAK", "support-cyprus": "TUR"}
"""Codes of the default codebook that stand for one state's core cause, and that state."""
THREAT = "threat"


def _cause(data: GroupData, code: str) -> str | None:
    """The state whose cause ``code`` (or one of its ancestors) stands for."""
    return next((CAUSES[c] for c in data.lineage(code) if c in CAUSES), None)


def support_matrix(data: GroupData) -> dict[tuple[str, str], int]:
    """(supporter, beneficiary) → documents in which the supporter backs the beneficiary's cause."""
    members = set(data.members)
    causes = {code: _cause(data, code) for code in _used(data)}
    matrix: Counter[tuple[str, str]] = Counter()
    for doc_id, codes in data.codings.items():
        backed = {cause for c in codes if (cause := causes[c])} & members
        signed = set(data.documents[doc_id].signatories) & members
        matrix.update((s, b) for b in backed for s in signed - {b})
    return dict(matrix)


def _used(data: GroupData) -> set[str]:
    """The codes that occur in the data's codings."""
    return {code for codes in data.codings.values() for code in codes}


@indicator(
    "support",
    "Mutual support on core causes",
    """Directed matrix w(i→j) = documents signed by member i with a passage coded as support for
    member j's core cause (support-karabakh → AZE, support-kashmir → PAK, support-cyprus → TUR,
    and their sub-codes). Weighted reciprocity r = Σ min(w(i→j), w(j→i)) / Σ w(i→j) over ordered
    pairs of members that both have a core cause in the codebook.""",
)
def support(data: GroupData) -> list[Measure]:
    if not data.codings:
        return [("reciprocity", "group", None, "ratio", "no coded documents in the period")]
    matrix = support_matrix(data)
    with_cause = [m for m in data.members if m in CAUSES.values()]
    rows: list[Measure] = [
        ("support", f"{i}->{j}", matrix.get((i, j), 0), "documents") for i in data.members for j in with_cause if i != j
    ]
    ordered = [(i, j) for i in with_cause for j in with_cause if i != j]
    total = sum(matrix.get(p, 0) for p in ordered)
    mutual = sum(min(matrix.get((i, j), 0), matrix.get((j, i), 0)) for i, j in ordered)
    note = "" if len(with_cause) >= 2 else "fewer than two members have a core cause in the codebook"
    rows.append(("reciprocity", "group", mutual / total if total else None, "ratio", note))
    return rows


def threat_sets(data: GroupData) -> dict[str, set[str]]:
    """Per member: the threat codes found in documents it signed."""
    members = set(data.members)
    threat_codes = {code for code in _used(data) if data.top_of(code) == THREAT}
    found: dict[str, set[str]] = defaultdict(set)
    for doc_id, codes in data.codings.items():
        threats = threat_codes.intersection(codes)
        if threats:
            for state in set(data.documents[doc_id].signatories) & members:
                found[state] |= threats
    return found


def jaccard(a: set[str], b: set[str]) -> float:
    """|a ∩ b| / |a ∪ b|.

    >>> jaccard({"x", "y"}, {"y", "z"})
    0.3333333333333333
    """
    return len(a & b) / len(a | b) if a | b else 0.0


@indicator(
    "threats",
    "Threat convergence",
    """Per member, the set Tᵢ of threat codes (threat and its sub-codes) in documents it signed.
    Pairwise convergence = Jaccard |Tᵢ ∩ Tⱼ| / |Tᵢ ∪ Tⱼ|; group convergence = mean over pairs of
    members that both have threat codings; common threats = |∩ Tᵢ| / |∪ Tᵢ| over those members.
    Use --by year for the trend.""",
)
def threats(data: GroupData) -> list[Measure]:
    sets = threat_sets(data)
    coded = [m for m in data.members if sets.get(m)]
    if len(coded) < 2:
        return [("convergence", "group", None, "0-1", f"threat codings for {len(coded)} member(s) only")]
    rows: list[Measure] = [
        (f"threat codes of {m}", m, len(sets[m]), "codes", ", ".join(sorted(sets[m]))) for m in coded
    ]
    pairs = list(combinations(coded, 2))
    rows += [("pair convergence", f"{a}-{b}", jaccard(sets[a], sets[b]), "0-1") for a, b in pairs]
    everyone = set.intersection(*(sets[m] for m in coded))
    union = set.union(*(sets[m] for m in coded))
    rows += [
        ("convergence", "group", sum(jaccard(sets[a], sets[b]) for a, b in pairs) / len(pairs), "0-1"),
        ("common threats", "group", len(everyone) / len(union), "0-1", ", ".join(sorted(everyone))),
    ]
    return rows


@indicator(
    "balance",
    "Symbolic versus functional balance",
    """Codings whose top-level theme is symbolic (S) or functional (F) in the period's
    documents; symbolic share = S / (S + F). Use --by year for the trend.""",
)
def balance(data: GroupData) -> list[Measure]:
    natures: Counter[str] = Counter()
    for code, n in Counter(code for codes in data.codings.values() for code in codes).items():
        top = data.codes.get(data.top_of(code))
        natures[top.nature.value if top and top.nature else "unspecified"] += n
    both = natures["symbolic"] + natures["functional"]
    return [
        ("symbolic codings", "group", natures["symbolic"], "codings"),
        ("functional codings", "group", natures["functional"], "codings"),
        ("symbolic share", "group", natures["symbolic"] / both if both else None, "share"),
    ]
