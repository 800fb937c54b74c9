"""``tariqa codebook | docs | code | codings``: thematic content analysis."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from tariqa.cli._common import Output, db_option, emit, err, out, user_errors
from tariqa.cli._tables import data_table, new_table
from tariqa.dates import parse_day
from tariqa.errors import UsageError
from tariqa.reference import DEFAULT_CODEBOOK
from tariqa.tasks.options import CooccurrenceUnit, ThemesBy, Unit
from tariqa.vocab import CodingStatus, DocumentKind

codebook_app = typer.Typer(help="The codebook (themes) used to code documents.", no_args_is_help=True)
docs_app = typer.Typer(help="Documents to analyse: declarations, statements, articles.", no_args_is_help=True)
code_app = typer.Typer(help="Coding: manual codings, rule-based suggestions and their review.", no_args_is_help=True)


@codebook_app.command("show")
@user_errors
def codebook_show(ctx: typer.Context, output: Annotated[Output, typer.Option("--output", "-o")] = Output.table) -> None:
    """Show the codebook as a tree (or as CSV/JSON rows).

    Example: tariqa codebook show
    """
    from tariqa.storage import open_store

    with open_store(db_option(ctx)) as store:
        codes = store.codes()
        versions = store.codebook_versions()
    rows = [c.to_record() for c in codes]
    if output is not Output.table:
        emit(rows, output, lambda: None)
        return
    if not codes:
        err.print("the codebook is empty: load one with 'tariqa codebook import FILE'")
        return
    title = f"codebook, version {versions[-1][0]} ({versions[-1][1]})" if versions else "codebook"
    tree = Tree(title)
    nodes: dict[str | None, Any] = {None: tree}
    for code in sorted(codes, key=lambda c: (_depth(c.id, codes), c.id)):
        label = Text.assemble((code.id, "bold"), f" {code.name}" + (f" ({code.nature.value})" if code.nature else ""))
        nodes[code.id] = nodes.get(code.parent, tree).add(label)
    out.print(tree)


def _depth(code_id: str, codes: list[Any]) -> int:
    parents = {c.id: c.parent for c in codes}
    depth, current = 0, parents.get(code_id)
    while current is not None and depth < len(codes):
        depth, current = depth + 1, parents.get(current)
    return depth


@codebook_app.command("import")
@user_errors
def codebook_import(
    ctx: typer.Context,
    path: Annotated[
        Path | None, typer.Argument(help="A YAML/JSON/CSV file of codes; none: the default codebook.")
    ] = None,
    replace: Annotated[bool, typer.Option(help="Overwrite codes whose id exists with other content.")] = False,
) -> None:
    """Load codes (all or nothing: a cycle, duplicate id or unknown parent changes nothing).

    Example: tariqa codebook import my-codebook.yaml
    """
    from tariqa.io import plan, read_inputs
    from tariqa.storage import open_store

    with open_store(db_option(ctx)) as store:
        if path is not None and path.suffix.lower() == ".qdc":
            from tariqa.io.refi_qda import read_qdc
            from tariqa.model import Parsed

            items: list[Any] = [Parsed(code, str(path), code.id) for code in read_qdc(path)]
        else:
            items = list(read_inputs(plan([path or DEFAULT_CODEBOOK])))
        other = sorted({i.entity.collection for i in items if hasattr(i, "entity")} - {"codes"})
        if other:
            raise UsageError(f"{path}: a codebook file holds only codes (found {', '.join(other)})")
        summary = store.import_items(items, replace=replace)
        versions = store.codebook_versions()
    counts = summary.counts.get("codes")
    changed = counts["added"] + counts["replaced"] if counts else 0
    version = f"; codebook version {versions[-1][0]}" if versions and changed else ""
    err.print(f"codes: {changed} added or changed{version}")


@codebook_app.command("export")
@user_errors
def codebook_export(ctx: typer.Context, path: Annotated[Path, typer.Argument(help="The YAML file to write.")]) -> None:
    """Write the codebook as YAML, or as a REFI-QDA codebook when the name ends in .qdc
    (for ATLAS.ti, NVivo, MAXQDA, QualCoder). 'codebook import' reads both back.

    Example: tariqa codebook export codebook.qdc
    """
    from tariqa.io.mappings import write_yaml
    from tariqa.storage import open_store

    with open_store(db_option(ctx)) as store:
        if path.suffix.lower() == ".qdc":
            from tariqa.io.refi_qda import write_qdc

            with path.open("wb") as binary:
                write_qdc(store.codes(), binary)
            err.print("note: other programs see criteria, examples, keywords and patterns as description text")
        else:
            with path.open("w", encoding="utf-8") as fh:
                write_yaml(fh, "codes", store.iter_bodies("codes"))
    err.print(f"wrote {path}")


@docs_app.command("import")
@user_errors
def docs_import(
    ctx: typer.Context,
    paths: Annotated[list[Path], typer.Argument(help=".txt, .md, .html, .pdf or .docx files.")],
    id_: Annotated[
        str | None,
        typer.Option(
            "--id",
            metavar="DOCUMENT",
            help="Attach the file's text to this document of the record (its fields stay as they are).",
        ),
    ] = None,
    event: Annotated[str | None, typer.Option(help="Id of the event the documents belong to.")] = None,
    kind: Annotated[DocumentKind | None, typer.Option(help="What the documents are (default: other).")] = None,
    date: Annotated[str | None, typer.Option(help="Date of the documents (YYYY-MM-DD).")] = None,
    language: Annotated[str | None, typer.Option(help="ISO 639-1 code, e.g. en, tr, az.")] = None,
    states: Annotated[str | None, typer.Option(help="Issuing states, e.g. AZE,TUR,PAK.")] = None,
    url: Annotated[str | None, typer.Option(help="Source URL of the original.")] = None,
    max_size: Annotated[int, typer.Option("--max-size", min=1, help="Largest file accepted, in MB.")] = 50,
) -> None:
    """Import documents: extract and normalise their text, store it once (all or nothing);
    or, with --id, give a document the record already has the text of a file, kept with
    its provenance (file, sha256, extractor) as a new version of its text.

    Example: tariqa docs import baku-declaration.pdf --id atp-fm-baku-declaration-2017
    """
    from tariqa.qda.work import documents_from_files
    from tariqa.storage import open_store

    if id_ is not None:
        given = {"--event": event, "--kind": kind, "--date": date, "--language": language}
        given |= {"--states": states, "--url": url}
        named = [flag for flag, value in given.items() if value is not None]
        if named:
            raise UsageError(
                f"--id attaches a text to a document as the record has it; {', '.join(named)} cannot be given with it"
            )
        if len(paths) != 1:
            raise UsageError(f"--id attaches the text of one file, not of {len(paths)}")
        _attach(ctx, id_, paths[0], max_size)
        return
    try:
        day = parse_day(date) if date else None
    except ValueError as exc:
        raise UsageError(f"--date: {exc}") from None
    signatories = [s.strip().upper() for s in states.split(",")] if states else []
    with open_store(db_option(ctx)) as store:
        from tariqa.tasks.documents import records_without_text

        for record in records_without_text(store, event=event, kind=kind, day=day):
            err.print(
                f"note: the record has {record.id} ({record.title}) of this event without a text; "
                f"to give it this file's text instead: tariqa docs import FILE --id {record.id}",
                markup=False,
            )
        kind = kind or DocumentKind.OTHER
        items = documents_from_files(paths, kind, day, event, language, signatories, url, max_size * 1024 * 1024)
        summary = store.import_items(items)
    counts = summary.counts.get("documents")
    err.print(f"documents: {counts['added'] if counts else 0} added, {counts['unchanged'] if counts else 0} unchanged")


def _attach(ctx: typer.Context, document: str, path: Path, max_size: int) -> None:
    from tariqa.errors import NotFound
    from tariqa.storage import open_store
    from tariqa.tasks.documents import AttachOptions, attach_text

    with open_store(db_option(ctx)) as store:
        try:
            found = attach_text(store, AttachOptions(document, path, max_size * 1024 * 1024))
        except NotFound as exc:
            if not str(exc).startswith(f"unknown document {document!r}"):
                raise
            raise UsageError(
                f"--id {document}: the record has no such document (tariqa docs list shows them)"
            ) from None
    language = found.language or "language unknown"
    if found.state == "unchanged":
        err.print(f"{document}: text unchanged (version {found.version})")
        return
    moved = (
        f"; {found.moved} codings moved, {found.flagged} set aside for review" if found.moved or found.flagged else ""
    )
    err.print(
        f"{document}: text version {found.version} from {path}: {found.characters:,} characters, {language}{moved}"
    )


@docs_app.command("list")
@user_errors
def docs_list(ctx: typer.Context, output: Annotated[Output, typer.Option("--output", "-o")] = Output.table) -> None:
    """List documents with their kind, date and text length.

    Example: tariqa docs list --output json
    """
    from tariqa.storage import open_store
    from tariqa.tasks.content import documents as listing

    with open_store(db_option(ctx)) as store:
        keys = ("id", "title", "kind", "date", "event", "characters")
        rows = [{k: d.get(k) for k in keys} for d in listing(store).rows]

    def table() -> Table:
        t = new_table("document, title and event", "kind, date", "chars", title="documents")
        t.columns[0].overflow = "fold"
        t.columns[0].ratio = 1
        t.columns[2].justify = "right"
        for r in rows:
            document = Text(str(r["id"]), style="bold")
            document.append(f"\n{r['title']}")
            if r["event"]:
                document.append(f"\n{r['event']}", style="dim")
            chars = "" if r["characters"] is None else f"{r['characters']:,}"
            t.add_row(document, f"{r['kind']}\n{r['date'] or ''}".strip(), chars)
        return t

    emit(rows, output, table)


@code_app.command("add")
@user_errors
def code_add(
    ctx: typer.Context,
    document: Annotated[str, typer.Argument(help="Document id.")],
    start: Annotated[int, typer.Argument(help="First character (0-based, code points).")],
    end: Annotated[int, typer.Argument(help="End character (exclusive).")],
    code: Annotated[str, typer.Argument(help="Code id from the codebook.")],
    coder: Annotated[str, typer.Option(help="Who is coding.")] = ...,  # type: ignore[assignment]
    memo: Annotated[str | None, typer.Option(help="A memo on this coding.")] = None,
) -> None:
    """Apply a code to a span of a document's text.

    Example: tariqa code add baku-declaration 120 188 threat-terrorism --coder aylin
    """
    from tariqa.qda.work import add_coding
    from tariqa.storage import open_store

    with open_store(db_option(ctx)) as store:
        coding = add_coding(store, document, start, end, code, coder, memo)
        quote = store.document_text(document)[start:end]
    err.print(f"coded {coding.key}: {code} on “{quote[:80]}”")


@code_app.command("auto")
@user_errors
def code_auto(
    ctx: typer.Context,
    method: Annotated[
        str,
        typer.Option(
            help="rules (the codebook's keywords), model (learnt from codings), semantic (sentence "
            "embeddings; needs tariqa[semantic]) or auto (all three combined)."
        ),
    ] = "rules",
    coder: Annotated[str | None, typer.Option(help="Name to store suggestions under (default: the method).")] = None,
    document: Annotated[str | None, typer.Option(help="Only this document.")] = None,
    workers: Annotated[
        int | None,
        typer.Option(min=1, max=64, help="Processes scanning texts for the rules (default: 2 on large corpora)."),
    ] = None,
) -> None:
    """Store coding suggestions (status 'suggested', with a score) for review.

    Example: tariqa code auto --method rules
    """
    from tariqa.qda.work import auto_code
    from tariqa.storage import open_store

    with open_store(db_option(ctx)) as store:
        summary = auto_code(store, method=method, coder=coder, document=document, workers=workers, note=_warn)
    counts = summary.counts.get("codings")
    err.print(f"suggestions: {counts['added'] if counts else 0} new")


@code_app.command("review")
@user_errors
def code_review(
    ctx: typer.Context,
    accept: Annotated[list[str] | None, typer.Option(help="Coding id to accept (repeatable).")] = None,
    reject: Annotated[list[str] | None, typer.Option(help="Coding id to reject (repeatable).")] = None,
    accept_above: Annotated[float | None, typer.Option(help="Accept every suggestion scoring at least this.")] = None,
) -> None:
    """Accept or reject suggestions.

    Example: tariqa code review --accept coding-1a2b3c4d5e6f7a8b --reject coding-0f1e2d3c4b5a6978
    """
    from tariqa.qda.work import review
    from tariqa.storage import open_store

    with open_store(db_option(ctx)) as store:
        counts = review(store, accept or [], reject or [], accept_above)
    err.print(f"accepted {counts['accepted']}, rejected {counts['rejected']}")


@user_errors
def codings(
    ctx: typer.Context,
    document: Annotated[str | None, typer.Option(help="Only this document.")] = None,
    code: Annotated[str | None, typer.Option(help="Only this code.")] = None,
    coder: Annotated[str | None, typer.Option(help="Only this coder.")] = None,
    status: Annotated[CodingStatus | None, typer.Option(help="Only this status.")] = None,
    output: Annotated[Output, typer.Option("--output", "-o")] = Output.table,
) -> None:
    """List codings: document, span, code, coder, status, score and the coded text.

    Example: tariqa codings --code threat-terrorism --output csv
    """
    from tariqa.storage import open_store

    with open_store(db_option(ctx)) as store:
        found = store.codings(document=document, code=code, coder=coder, status=status.value if status else None)
        texts = {d: store.document_text(d) for d in sorted({c.document for c in found})}
    rows = [
        {
            "id": c.key,
            "document": c.document,
            "start": c.start,
            "end": c.end,
            "code": c.code,
            "coder": c.coder,
            "status": c.status.value,
            "score": c.score,
            "text": texts[c.document][c.start : c.end],
        }
        for c in found
    ]

    def table() -> Table:
        t = new_table("coding", "code, coder", "status", "text", title="codings", show_lines=True)
        t.columns[0].overflow = t.columns[1].overflow = "fold"
        t.columns[3].ratio = 1
        for r in rows:
            score = f"\n{r['score']:.2f}" if r["score"] is not None else ""
            coding = f"{r['id']}\n{r['document']} {r['start']}-{r['end']}"
            t.add_row(coding, f"{r['code']}\n{r['coder']}", f"{r['status']}{score}", Text(str(r["text"])))
        return t

    emit(rows, output, table)


def _store(ctx: typer.Context) -> Any:
    from tariqa.storage import open_store

    return open_store(db_option(ctx))


SUGGESTED_HELP = "Count suggestions that are not yet reviewed as well."


def _rows_table(rows: list[dict[str, Any]], title: str, fold: tuple[str, ...] = ()) -> Table:
    if not rows:
        err.print(f"{title}: no rows")
    return data_table(rows, title, fold=fold)


def _framework_table(matrix: list[dict[str, Any]], by: str) -> Table:
    """The framework matrix for reading: one row per filled cell (row, theme), with its
    quotes; the matrix itself is in --output csv/json."""
    t = new_table(by, "theme", "quotes", title="framework", show_lines=True)
    t.columns[0].overflow = t.columns[1].overflow = "fold"
    t.columns[2].ratio = 1
    for r in matrix:
        key, *themes = r
        for theme in themes:
            quotes = r[theme]
            if quotes:
                t.add_row(str(r[key]), theme, "\n".join(quotes) if isinstance(quotes, list) else str(quotes))
    return t


@user_errors
def themes(
    ctx: typer.Context,
    by: Annotated[ThemesBy, typer.Option(help="Group by document, state (issuing) or year.")] = ThemesBy.YEAR,
    subcodes: Annotated[bool, typer.Option(help="Count sub-codes separately instead of by top-level theme.")] = False,
    balance: Annotated[bool, typer.Option(help="Show the symbolic-to-functional balance per year instead.")] = False,
    framework: Annotated[
        str | None, typer.Option(help="Show a framework matrix instead: rows by 'state' or 'event', quotes per theme.")
    ] = None,
    include_suggested: Annotated[bool, typer.Option(help=SUGGESTED_HELP)] = False,
    coder: Annotated[str | None, typer.Option(help="Only this coder's codings.")] = None,
    output: Annotated[Output, typer.Option("--output", "-o")] = Output.table,
) -> None:
    """Theme frequencies and prevalence (per document and per 1,000 words) by year, state or document.

    Example: tariqa themes --by state --output csv
    """
    from tariqa.tasks import content

    which = content.CorpusOptions(include_suggested, coder)
    if framework is not None and framework not in ("state", "event"):
        raise UsageError(f"--framework takes state or event, not {framework!r}")
    with _store(ctx) as store:
        if framework is not None:
            matrix = content.framework(store, framework, which).to_dicts()
            emit(matrix, output, lambda: _framework_table(matrix, framework))
            return
        found = (
            content.balance(store, which)
            if balance
            else content.themes(store, content.ThemesOptions(by, subcodes, which))
        )
    rows = found.to_dicts()
    emit(rows, output, lambda: _rows_table(rows, "symbolic and functional themes" if balance else "themes"))


@user_errors
def cooccurrence(
    ctx: typer.Context,
    unit: Annotated[CooccurrenceUnit, typer.Option(help="sentence or document.")] = CooccurrenceUnit.SENTENCE,
    subcodes: Annotated[bool, typer.Option(help="Use sub-codes instead of top-level themes.")] = False,
    include_suggested: Annotated[bool, typer.Option(help=SUGGESTED_HELP)] = False,
    output: Annotated[Output, typer.Option("--output", "-o")] = Output.table,
) -> None:
    """Codes found together in a sentence or document: counts, Jaccard, c-coefficient, overlap.

    Example: tariqa cooccurrence --unit document
    """
    from tariqa.tasks import content

    with _store(ctx) as store:
        options = content.CooccurrenceOptions(unit, subcodes, content.CorpusOptions(include_suggested))
        rows = content.cooccurrence(store, options).to_dicts()
    emit(rows, output, lambda: _rows_table(rows, f"co-occurrence by {unit.value}"))


@user_errors
def quotes(
    ctx: typer.Context,
    code: Annotated[str, typer.Argument(help="Code id; its sub-codes are included.")],
    context: Annotated[int, typer.Option(help="Characters of context on each side.")] = 80,
    include_suggested: Annotated[bool, typer.Option(help=SUGGESTED_HELP)] = False,
    output: Annotated[Output, typer.Option("--output", "-o")] = Output.table,
) -> None:
    """Every quote coded with a theme, with its context and document.

    Example: tariqa quotes support-karabakh --output json
    """
    from tariqa.tasks import content

    with _store(ctx) as store:
        options = content.QuotesOptions(code, context, content.CorpusOptions(include_suggested))
        rows = content.quotes(store, options).to_dicts()
    if output is Output.table:
        from rich.text import Text

        for r in rows:
            out.print(Text.assemble((r["title"], "bold"), f" ({r['date'] or 'undated'}) {r['code']}, {r['coder']}"))
            out.print(Text.assemble("…", r["before"], (r["quote"], "reverse"), r["after"], "…\n"))
        if not rows:
            err.print(f"no settled codings of {code!r}")
        return
    emit(rows, output, lambda: None)


@user_errors
def reliability(
    ctx: typer.Context,
    coders: Annotated[str | None, typer.Option(help="Coders to compare, e.g. aylin,bilal (default: all).")] = None,
    code: Annotated[str | None, typer.Option(help="Only this code.")] = None,
    unit: Annotated[Unit, typer.Option(help="sentence, paragraph or character.")] = Unit.SENTENCE,
    output: Annotated[Output, typer.Option("--output", "-o")] = Output.table,
) -> None:
    """Inter-coder reliability per code and overall: percent agreement, Cohen's and Fleiss'
    kappa, Krippendorff's alpha (units), or kappa and unitized alpha (characters).

    Example: tariqa reliability --coders aylin,bilal --unit sentence --output json
    """
    from tariqa.tasks import content

    chosen = tuple(c.strip() for c in coders.split(",") if c.strip()) if coders else ()
    with _store(ctx) as store:
        found = content.reliability(store, content.ReliabilityOptions(chosen, unit, code))
    if len(found.chosen) < 2:
        raise UsageError(f"reliability needs at least 2 coders; the codings have {', '.join(found.coders) or 'none'}")
    rows = found.to_dicts()
    emit(rows, output, lambda: _rows_table(rows, f"reliability by {unit.value}"))


def _warn(message: str) -> None:
    err.print(f"note: {message}", markup=False, highlight=False)


@code_app.command("evaluate")
@user_errors
def code_evaluate(
    ctx: typer.Context,
    folds: Annotated[int, typer.Option(help="Cross-validation folds.")] = 5,
    method: Annotated[
        str | None,
        typer.Option(help="Methods to compare per top-level theme, e.g. rules,semantic,auto (default: model)."),
    ] = None,
    output: Annotated[Output, typer.Option("--output", "-o")] = Output.table,
) -> None:
    """Precision, recall and F1 per code of the model method, by cross-validation on settled codings
    (with --method: of each method named, per top-level theme).

    Example: tariqa code evaluate --folds 5 --method rules,semantic,auto
    """
    from tariqa.tasks import content

    methods = tuple(m.strip() for m in (method or "").split(",") if m.strip())
    with _store(ctx) as store:
        found = content.evaluate(store, content.EvaluateOptions(folds, methods))
    rows = list(found.rows)
    emit(rows, output, lambda: _rows_table(rows, f"evaluation per {found.per} (cross-validated)"))
