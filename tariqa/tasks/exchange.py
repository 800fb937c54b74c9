"""The coding project exchanged with other QDA programs as REFI-QDA (``.qdpx``).

:func:`refi_export` writes the codebook, the documents with their texts, the applied
codings (manual and accepted) and the memos. :func:`refi_import` reads a project into the
study, all or nothing, and says what it adds and what is already here; with ``dry_run``
it only says so. Records the study has already are merged, not refused:

- a code, document, text or memo equal to the stored one is already here;
- a coding the study has as an *accepted* suggestion comes back from an export as a plain
  manual coding without its score (REFI-QDA has no suggestions): it is the same coding,
  and the stored one, with its status and score, is kept.

So importing a project exported from this study changes nothing, and importing it into a
study without its codings reproduces them (accepted suggestions as manual codings).
Anything else that differs from a stored record is a conflict: nothing is written.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tariqa.tasks.results import Tabular

if TYPE_CHECKING:
    from tariqa.model import Coding, Parsed
    from tariqa.storage import Store

#: The kinds of record a project holds, in the order they are listed.
COLLECTIONS = ("codes", "documents", "document_texts", "codings", "memos")


@dataclass(frozen=True)
class RefiExportOptions:
    path: Path


@dataclass(frozen=True)
class RefiExportResult:
    """What was written (records per kind) and what REFI-QDA could not carry."""

    path: Path
    counts: dict[str, int]
    notes: tuple[str, ...]


def refi_export(store: Store, options: RefiExportOptions) -> RefiExportResult:
    """Write the study's coding project to ``options.path`` (see the module's docstring)."""
    from tariqa.io.refi_qda import write_qdpx
    from tariqa.model import DocumentText, Memo
    from tariqa.vocab import CodingStatus

    notes: list[str] = []
    texts = [DocumentText.model_validate_json(b) for b in store.iter_bodies("document_texts")]
    memos = [Memo.model_validate_json(b) for b in store.iter_bodies("memos")]
    documents, codes, codings = store.documents(), store.codes(), store.codings()
    write_qdpx(options.path, documents, texts, codes, codings, memos=memos, warn=notes.append)
    applied = {c.key for c in codings if c.status in (CodingStatus.MANUAL, CodingStatus.ACCEPTED)}
    counts = {
        "codes": len(codes),
        "documents": len(documents),
        "document_texts": len(texts),
        "codings": len(applied),
        "memos": sum(1 for m in memos if m.about != "coding" or m.target in applied),
    }
    return RefiExportResult(options.path, counts, tuple(notes))


@dataclass(frozen=True)
class RefiImportOptions:
    path: Path
    dry_run: bool = False


@dataclass(frozen=True)
class RefiImportResult(Tabular):
    """Per kind of record: how many the file holds, how many are added, how many the study
    has already (``here``), and how many stored records are kept because the file carries
    less of them (``kept``: accepted suggestions that come back as plain codings). Also
    the codes that join the codebook, the size of the codebook before, what the file held
    that tariqa has no place for, and whether anything was written."""

    COLUMNS = ("records", "in_file", "added", "here", "kept")
    rows: tuple[dict[str, Any], ...]
    new_codes: tuple[dict[str, Any], ...]
    codebook_size: int
    notes: tuple[str, ...]
    written: bool

    @property
    def adds_to_codebook(self) -> bool:
        """Whether codes would join a codebook that has codes already (a merge)."""
        return bool(self.new_codes) and self.codebook_size > 0


def refi_import(store: Store, options: RefiImportOptions) -> RefiImportResult:
    """Import the REFI-QDA project at ``options.path`` (see the module's docstring).

    Raises
    ------
    InputError
        The file cannot be read as a REFI-QDA project.
    ImportProblems
        Records are invalid, refer to records the study does not have, or conflict with
        stored ones; nothing is written.
    """
    from tariqa.io.refi_qda import read_qdpx
    from tariqa.model import Coding, Parsed

    notes: list[str] = []
    items = list(read_qdpx(options.path, warn=notes.append))
    parsed = [i for i in items if isinstance(i, Parsed)]
    in_file = Counter(i.entity.collection for i in parsed)
    stored = _stored_codings(store, {i.entity.document for i in parsed if isinstance(i.entity, Coding)})
    merged = [i for i in items if not (isinstance(i, Parsed) and _kept(i, stored))]
    kept = len(items) - len(merged)
    codes = {c.id for c in store.codes()}
    new_codes = tuple(
        {"id": c.id, "name": c.name, "parent": c.parent}  # type: ignore[attr-defined]
        for c in (i.entity for i in parsed if i.entity.collection == "codes")
        if c.id not in codes  # type: ignore[attr-defined]
    )
    summary = store.import_items(merged, dry_run=True)
    written = not options.dry_run and bool(summary.total("added") + summary.total("replaced"))
    if written:  # a file that adds nothing leaves the database as it was, byte for byte
        summary = store.import_items(merged)
    rows = []
    for collection in COLLECTIONS:
        counts = summary.counts.get(collection, Counter())
        rows.append(
            {
                "records": collection,
                "in_file": in_file[collection],
                "added": counts["added"],
                "here": counts["unchanged"],
                "kept": kept if collection == "codings" else 0,
            }
        )
    return RefiImportResult(tuple(rows), new_codes, len(codes), tuple(notes), written)


def _stored_codings(store: Store, documents: Iterable[str]) -> dict[str, Coding]:
    """The stored codings of ``documents``, by key."""
    return {c.key: c for d in sorted(documents) for c in store.codings(document=d)}


def _kept(item: Parsed, stored: dict[str, Coding]) -> bool:
    """Whether ``item`` is a coding the study has as an accepted suggestion, the same in
    everything REFI-QDA carries: the stored one is kept."""
    from tariqa.model import Coding
    from tariqa.vocab import CodingStatus

    coding = item.entity
    if not isinstance(coding, Coding) or coding.status is not CodingStatus.MANUAL or coding.score is not None:
        return False
    mine = stored.get(coding.key)
    if mine is None or mine.status is not CodingStatus.ACCEPTED:
        return False
    return coding.model_copy(update={"status": mine.status, "score": mine.score}).canonical() == mine.canonical()
