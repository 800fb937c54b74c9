"""What the codings say: theme frequencies and prevalence, co-occurrence, the balance of
symbolic and functional themes, quotes with context, and a framework matrix.

By default only settled codings count (``manual`` and ``accepted``); suggestions and
rejected suggestions are left out unless asked for. ``top=True`` rolls sub-codes up to
their top-level theme.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from itertools import combinations
from typing import Any

from tariqa.errors import NotFound, UsageError
from tariqa.model import Document
from tariqa.qda.corpus import Corpus, covered, sentence_spans


def _group_keys(doc: Document | None, by: str) -> list[str]:
    if by == "document":
        return [doc.id] if doc else []
    if by == "year":
        return [str(doc.date.year)] if doc and doc.date else ["(undated)"]
    if by == "state":
        return list(doc.signatories) if doc and doc.signatories else ["(no state)"]
    raise UsageError(f"unknown grouping {by!r} (choose document, state or year)")


def theme_table(corpus: Corpus, by: str = "year", top: bool = True) -> list[dict[str, Any]]:
    """Per group (document, issuing state or year) and code: codings, documents coded,
    codings per document and per 1,000 words of the group's documents."""
    docs_in: dict[str, set[str]] = defaultdict(set)
    for doc_id in corpus.texts:
        for key in _group_keys(corpus.documents.get(doc_id), by):
            docs_in[key].add(doc_id)
    counts: Counter[tuple[str, str]] = Counter()
    coded_docs: dict[tuple[str, str], set[str]] = defaultdict(set)
    for coding in corpus.codings:
        code = corpus.code_of(coding, top)
        for key in _group_keys(corpus.documents.get(coding.document), by):
            counts[(key, code)] += 1
            coded_docs[(key, code)].add(coding.document)
    rows = []
    for (key, code), n in sorted(counts.items()):
        docs = docs_in.get(key, set())
        words = sum(corpus.words(d) for d in docs)
        rows.append(
            {
                by: key,
                "code": code,
                "codings": n,
                "documents_coded": len(coded_docs[(key, code)]),
                "documents": len(docs),
                "per_document": round(n / len(docs), 4) if docs else None,
                "per_1000_words": round(1000 * n / words, 4) if words else None,
            }
        )
    return rows


def _units(corpus: Corpus, unit: str, top: bool) -> dict[tuple[str, int], set[str]]:
    """The codes present in each unit (a document, or a sentence of it)."""

    units: dict[tuple[str, int], set[str]] = defaultdict(set)
    starts: dict[str, list[int]] = {}
    for coding in corpus.codings:
        code = corpus.code_of(coding, top)
        if unit == "document":
            units[(coding.document, 0)].add(code)
            continue
        if unit != "sentence":
            raise UsageError(f"unknown unit {unit!r} (choose sentence or document)")
        if coding.document not in starts:
            spans = sentence_spans(corpus.texts.get(coding.document, "")) or [(0, 0)]
            starts[coding.document] = [s for s, _ in spans]
        for index in covered(starts[coding.document], coding.start, coding.end):
            units[(coding.document, index)].add(code)
    return units


def cooccurrence(corpus: Corpus, unit: str = "sentence", top: bool = True) -> list[dict[str, Any]]:
    """Every pair of codes found together in a unit: n1, n2, n12, the Jaccard index
    n12/(n1+n2-n12) (at unit level the same number as ATLAS.ti's c-coefficient), and
    n12/min(n1, n2), which stays readable when n1 and n2 differ widely."""
    units = _units(corpus, unit, top)
    single: Counter[str] = Counter(code for codes in units.values() for code in codes)
    pairs: Counter[tuple[str, str]] = Counter(
        pair for codes in units.values() for pair in combinations(sorted(codes), 2)
    )
    return [
        {
            "code_a": a,
            "code_b": b,
            "n_a": single[a],
            "n_b": single[b],
            "n_ab": n,
            "jaccard": round(n / (single[a] + single[b] - n), 4),
            "c_coefficient": round(n / (single[a] + single[b] - n), 4),
            "overlap": round(n / min(single[a], single[b]), 4),
            "unit": unit,
        }
        for (a, b), n in sorted(pairs.items())
    ]


def balance(corpus: Corpus) -> list[dict[str, Any]]:
    """Per year: codings of symbolic and of functional themes, and the symbolic share."""
    per_year: dict[str, Counter[str]] = defaultdict(Counter)
    for coding in corpus.codings:
        nature = corpus.codes[corpus.top_of(coding.code)].nature
        year = _group_keys(corpus.documents.get(coding.document), "year")[0]
        per_year[year][nature.value if nature else "unspecified"] += 1
    rows = []
    for year, n in sorted(per_year.items()):
        both = n["symbolic"] + n["functional"]
        share = round(n["symbolic"] / both, 4) if both else None
        rows.append({"year": year, "symbolic": n["symbolic"], "functional": n["functional"], "symbolic_share": share})
    return rows


def quotes(corpus: Corpus, code: str, context: int = 80) -> list[dict[str, Any]]:
    """Every coded passage of ``code`` (and its sub-codes), with text before and after."""
    if code not in corpus.codes:
        raise NotFound(f"unknown code {code!r}")
    wanted = {c for c in corpus.codes if c == code or _descends(corpus, c, code)}
    rows = []
    for coding in corpus.codings:
        if coding.code not in wanted:
            continue
        text = corpus.texts.get(coding.document, "")
        doc = corpus.documents.get(coding.document)
        rows.append(
            {
                "document": coding.document,
                "title": doc.title if doc else coding.document,
                "date": doc.date.isoformat() if doc and doc.date else None,
                "code": coding.code,
                "coder": coding.coder,
                "start": coding.start,
                "end": coding.end,
                "before": text[max(0, coding.start - context) : coding.start],
                "quote": text[coding.start : coding.end],
                "after": text[coding.end : coding.end + context],
                "url": doc.url if doc else None,
            }
        )
    return rows


def _descends(corpus: Corpus, code: str, ancestor: str) -> bool:
    seen = 0
    while (parent := corpus.codes[code].parent) is not None and seen < len(corpus.codes):
        if parent == ancestor:
            return True
        code, seen = parent, seen + 1
    return False


def framework(corpus: Corpus, rows_by: str = "state") -> list[dict[str, Any]]:
    """A framework matrix: one row per issuing state (or event), one column per top-level
    theme, each cell the coded quotes of that theme in that row's documents."""
    cells: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for coding in corpus.codings:
        doc = corpus.documents.get(coding.document)
        keys = [doc.event or "(no event)"] if rows_by == "event" and doc else _group_keys(doc, rows_by)
        quote = corpus.texts.get(coding.document, "")[coding.start : coding.end]
        for key in keys:
            cells[key][corpus.top_of(coding.code)].append(f"{quote} [{coding.document}]")
    themes = sorted({c.id for c in corpus.codes.values() if c.parent is None})
    return [{rows_by: key, **{t: cells[key].get(t, []) for t in themes}} for key in sorted(cells)]
