"""Inter-coder reliability over stored codings: the units of analysis are built here, the
statistics come from :mod:`tariqa.stats.reliability`.

- ``sentence`` / ``paragraph`` units: for each code, each coder who coded a document gets
  1 on a unit of that document when one of their codings of the code overlaps it, else 0;
  a coder who did not code the document at all is missing there.
- ``character`` units: for each code, character-level Cohen's kappa and percent agreement
  (two coders, NVivo's computation) and Krippendorff's unitized alpha over the documents
  laid end to end.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from tariqa.errors import UsageError
from tariqa.model import Coding
from tariqa.qda.corpus import Corpus, covered

UNITS = ("sentence", "paragraph", "character")


def _coders(corpus: Corpus, coders: Sequence[str] | None) -> list[str]:
    present = sorted({c.coder for c in corpus.codings})
    chosen = list(coders) if coders else present
    missing = [c for c in chosen if c not in present]
    if missing:
        raise UsageError(f"no settled codings by {', '.join(repr(c) for c in missing)} (coders: {', '.join(present)})")
    if len(chosen) < 2:
        raise UsageError(f"reliability needs at least 2 coders; found {', '.join(chosen) or 'none'}")
    return chosen


def _unit_spans(text: str, unit: str) -> list[tuple[int, int]]:
    from tariqa.io.extract import paragraphs, sentences

    paras = paragraphs(text)
    return paras if unit == "paragraph" else sentences(text, paras)


def unit_ratings(
    corpus: Corpus, coders: Sequence[str], unit: str, codes: Sequence[str]
) -> dict[str, list[list[float | None]]]:
    """For each code, a coders-by-units table of 1, 0 or None (missing)."""
    by_doc: dict[str, list[Coding]] = defaultdict(list)
    for coding in corpus.codings:
        by_doc[coding.document].append(coding)
    tables: dict[str, list[list[float | None]]] = {code: [[] for _ in coders] for code in codes}
    for doc_id in sorted(by_doc):
        spans = _unit_spans(corpus.texts.get(doc_id, ""), unit)
        starts = [s for s, _ in spans]
        coded_by = {c.coder for c in by_doc[doc_id]}
        hits: set[tuple[str, str, int]] = set()
        for coding in by_doc[doc_id]:
            for index in covered(starts, coding.start, coding.end):
                hits.add((coding.coder, coding.code, index))
        for code in codes:
            for row, coder in zip(tables[code], coders, strict=True):
                row.extend(
                    (1.0 if (coder, code, i) in hits else 0.0) if coder in coded_by else None for i in range(len(spans))
                )
    return tables


def reliability(
    corpus: Corpus, coders: Sequence[str] | None = None, unit: str = "sentence", code: str | None = None
) -> list[dict[str, Any]]:
    """Agreement statistics per code and overall, as rows (code, statistic, value, units, coders)."""
    from tariqa.stats.reliability import reliability_report

    if unit not in UNITS:
        raise UsageError(f"unknown unit {unit!r} (choose {', '.join(UNITS)})")
    chosen = _coders(corpus, coders)
    corpus.codings = [c for c in corpus.codings if c.coder in chosen]
    codes = [code] if code else sorted({c.code for c in corpus.codings})
    if code and code not in corpus.codes:
        raise UsageError(f"unknown code {code!r}")
    if unit == "character":
        return [_row(r) for r in _character_rows(corpus, chosen, codes)]
    tables = unit_ratings(corpus, chosen, unit, codes)
    return [_row(r) for r in reliability_report(tables)]


def _row(result: Any) -> dict[str, Any]:
    value = None if math.isnan(result.value) else round(result.value, 4)
    return {
        "code": result.code or "(all codes)",
        "statistic": result.statistic,
        "value": value,
        "units": result.n_units,
        "coders": result.n_coders,
    }


def _character_rows(corpus: Corpus, coders: list[str], codes: list[str]) -> list[Any]:
    from tariqa.stats import reliability as rel

    docs = sorted({c.document for c in corpus.codings})
    offsets, total = {}, 0
    for doc_id in docs:
        offsets[doc_id] = total
        total += len(corpus.texts.get(doc_id, ""))
    results = []
    for code in codes:
        spans: dict[str, list[tuple[int, int]]] = {coder: [] for coder in coders}
        for c in corpus.codings:
            if c.code == code:
                spans[c.coder].append((offsets[c.document] + c.start, offsets[c.document] + c.end))
        n = len(coders)
        results.append(rel.ReliabilityResult(code, "alpha_u", rel.alpha_u([spans[c] for c in coders], total), total, n))
        if n == 2:
            table = rel.character_table(spans[coders[0]], spans[coders[1]], total)
            for name, value in (
                ("percent_agreement", rel.percent_agreement_from_table(table)),
                ("cohen_kappa", rel.cohen_kappa_from_table(table)),
                ("jaccard_coded_only", rel.jaccard_from_table(table)),
            ):
                results.append(rel.ReliabilityResult(code, name, value, total, n))
    return results
