"""Tasks of thematic content analysis over the coded documents: theme prevalence (by year,
state or document), the symbolic/functional balance, co-occurrence, quotes, the framework
matrix, and inter-coder reliability."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tariqa.tasks.options import CooccurrenceUnit, ThemesBy, Unit
from tariqa.tasks.results import Tabular

if TYPE_CHECKING:
    from tariqa.qda.corpus import Corpus
    from tariqa.storage import Store


@dataclass(frozen=True)
class CorpusOptions:
    """Which codings count: settled ones (manual and accepted) unless ``include_suggested``;
    every coder's unless ``coder``; the group's documents (signed by a member, or adopted at
    one of its events) when ``group`` is given."""

    include_suggested: bool = False
    coder: str | None = None
    group: str | None = None


def corpus(store: Store, options: CorpusOptions) -> Corpus:
    from tariqa.qda.corpus import Corpus

    found = Corpus.load(store, include_suggested=options.include_suggested, coder=options.coder)
    if options.group is None:
        return found
    from tariqa.indicators import Scope, load

    return found.only(set(load(store, Scope(options.group)).documents))


@dataclass(frozen=True)
class ThemesOptions:
    by: ThemesBy = ThemesBy.YEAR
    subcodes: bool = False
    """Count sub-codes separately instead of rolling them up to their top-level theme."""
    corpus: CorpusOptions = CorpusOptions()


@dataclass(frozen=True)
class ThemeTable(Tabular):
    """Theme frequency and prevalence (share of documents, per 1,000 words) per period."""

    rows: tuple[dict[str, Any], ...] = ()


def themes(store: Store, options: ThemesOptions) -> ThemeTable:
    from tariqa.qda.themes import theme_table

    found = corpus(store, options.corpus)
    return ThemeTable(tuple(theme_table(found, by=ThemesBy(options.by).value, top=not options.subcodes)))


@dataclass(frozen=True)
class BalanceTable(Tabular):
    """Symbolic against functional themes per year."""

    rows: tuple[dict[str, Any], ...] = ()


def balance(store: Store, options: CorpusOptions) -> BalanceTable:
    from tariqa.qda.themes import balance as compute

    return BalanceTable(tuple(compute(corpus(store, options))))


@dataclass(frozen=True)
class CooccurrenceOptions:
    unit: CooccurrenceUnit = CooccurrenceUnit.SENTENCE
    subcodes: bool = False
    corpus: CorpusOptions = CorpusOptions()


@dataclass(frozen=True)
class CooccurrenceTable(Tabular):
    """Pairs of codes found in one unit: counts, Jaccard, c-coefficient, overlap."""

    rows: tuple[dict[str, Any], ...] = ()


def cooccurrence(store: Store, options: CooccurrenceOptions) -> CooccurrenceTable:
    from tariqa.qda.themes import cooccurrence as pairs

    unit = CooccurrenceUnit(options.unit).value
    return CooccurrenceTable(tuple(pairs(corpus(store, options.corpus), unit=unit, top=not options.subcodes)))


@dataclass(frozen=True)
class QuotesOptions:
    code: str
    context: int = 80
    corpus: CorpusOptions = CorpusOptions()


@dataclass(frozen=True)
class QuoteList(Tabular):
    rows: tuple[dict[str, Any], ...] = ()


def quotes(store: Store, options: QuotesOptions) -> QuoteList:
    from tariqa.qda.themes import quotes as find

    return QuoteList(tuple(find(corpus(store, options.corpus), options.code, context=options.context)))


@dataclass(frozen=True)
class FrameworkTable(Tabular):
    """States (or events) by themes, with the coded quotes in each cell."""

    rows: tuple[dict[str, Any], ...] = ()


def framework(store: Store, rows_by: str, options: CorpusOptions) -> FrameworkTable:
    from tariqa.errors import UsageError
    from tariqa.qda.themes import framework as matrix

    if rows_by not in ("state", "event"):
        raise UsageError(f"a framework matrix has rows by state or event, not {rows_by!r}")
    return FrameworkTable(tuple(matrix(corpus(store, options), rows_by=rows_by)))


@dataclass(frozen=True)
class ReliabilityOptions:
    coders: tuple[str, ...] = ()
    """The coders to compare (all when empty)."""
    unit: Unit = Unit.SENTENCE
    code: str | None = None


@dataclass(frozen=True)
class ReliabilityTable(Tabular):
    """Agreement per code and overall; ``coders``: everyone who coded, ``chosen``: those
    compared (fewer than two: no rows)."""

    coders: tuple[str, ...]
    chosen: tuple[str, ...]
    rows: tuple[dict[str, Any], ...] = ()


def reliability(store: Store, options: ReliabilityOptions) -> ReliabilityTable:
    from tariqa.qda.agreement import reliability as compute

    found = corpus(store, CorpusOptions())
    everyone = tuple(sorted({c.coder for c in found.codings}))
    chosen = tuple(c for c in options.coders if c) or everyone
    if len(chosen) < 2 and not options.coders:
        return ReliabilityTable(everyone, chosen)  # nothing to compare yet: no rows, not an error
    rows = compute(found, coders=list(chosen), unit=Unit(options.unit).value, code=options.code)
    return ReliabilityTable(everyone, chosen, tuple(rows))


@dataclass(frozen=True)
class DocumentList(Tabular):
    """The documents, with the length of their text (characters) and their codings
    (settled and suggested, not rejected)."""

    COLUMNS = ("id", "title", "kind", "date", "date_precision", "event", "characters", "codings")
    rows: tuple[dict[str, Any], ...] = ()


def documents(store: Store) -> DocumentList:
    lengths = store.text_lengths()
    counts: dict[str, int] = {}
    for doc, _ in store.coding_units(("manual", "accepted", "suggested")):
        counts[doc] = counts.get(doc, 0) + 1
    rows = tuple(
        d.model_dump(mode="json") | {"characters": lengths.get(d.id), "codings": counts.get(d.id, 0)}
        for d in store.documents()
    )
    return DocumentList(rows)


@dataclass(frozen=True)
class EvaluateOptions:
    """``folds`` of the cross-validation over settled codings; ``methods`` empty: the model
    method per code; otherwise each method named (``rules``, ``model``, ``semantic``,
    ``auto``), per top-level theme."""

    folds: int = 5
    methods: tuple[str, ...] = ()


@dataclass(frozen=True)
class EvaluationTable(Tabular):
    """Precision, recall and F1 by cross-validation; ``per``: ``code`` or ``theme``."""

    per: str
    rows: tuple[dict[str, Any], ...] = ()


def evaluate(store: Store, options: EvaluateOptions) -> EvaluationTable:
    settled = corpus(store, CorpusOptions())
    if not options.methods:
        from tariqa.qda.learn import evaluate as by_code

        return EvaluationTable("code", tuple(by_code(settled, folds=options.folds)))
    from tariqa.qda.evaluate import EvaluationOptions, cross_validate, labelled_sentences

    chosen = EvaluationOptions(folds=options.folds, methods=options.methods)
    found = cross_validate(labelled_sentences(settled), list(settled.codes.values()), options=chosen)
    return EvaluationTable("theme", tuple(found.rows()))
