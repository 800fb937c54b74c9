"""Documents of the record get their texts from files.

A document the record already has (say, the Baku Declaration of the reference record,
with its date, signatories, event and sources) is given the text of a file the researcher
holds: extracted and normalised as any document import is (a PDF's ligatures become plain
letters, words hyphenated at a line end are joined, a paragraph's lines become one), and
kept with its provenance as a fetched text is: the file's location, the sha256 of its
bytes, the extractor and its version, the detected language. A text that differs from the
document's current one becomes a new version; codings on the old text move to the new one
where their passage occurs exactly once, the others are set aside for review.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from tariqa.errors import InputError, NotFound
from tariqa.io.extract import DOCUMENT_MAX_BYTES

if TYPE_CHECKING:
    from datetime import date

    from tariqa.model import Coding, Document
    from tariqa.storage import Store
    from tariqa.vocab import DocumentKind

#: A file's text format → the kind of payload whose extractor read it.
_KINDS = {"pdf": "pdf", "docx": "docx", "html": "html", "md": "text", "txt": "text"}


@dataclass(frozen=True)
class AttachOptions:
    """Attach the text of ``path`` to the record's document ``document``."""

    document: str
    path: Path
    max_bytes: int = DOCUMENT_MAX_BYTES


@dataclass(frozen=True)
class AttachResult:
    """What became of the document's text: ``added`` (it had none), ``new-version`` or
    ``unchanged``; its version number, size, format and language, and how many codings
    were moved to it or set aside for review."""

    document: str
    state: str
    version: int
    characters: int
    format: str
    language: str | None
    source: str
    moved: int = 0
    flagged: int = 0


def attach_text(store: Store, options: AttachOptions) -> AttachResult:
    """Give the record's document ``options.document`` the text of ``options.path``.

    Raises
    ------
    NotFound
        The record has no such document (nothing is read).
    InputError
        The file is missing, too large, of a kind that cannot be read, or holds no text.
    """
    from tariqa.fetch.client import now_text
    from tariqa.fetch.texts import detect_language, extractor_name, reanchor
    from tariqa.io.extract import check_document_file, extract_bytes
    from tariqa.storage.fetchlog import TextUpdate, TextVersion

    document, path = options.document, Path(options.path)
    if not store.documents_by_id([document]):
        raise NotFound(f"unknown document {document!r}: a text is attached to a document the record already has")
    check_document_file(path, options.max_bytes)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    digest = hashlib.sha256(data).hexdigest()
    extracted = extract_bytes(data, str(path))
    text, source = extracted.text, path.resolve().as_uri()
    versions = store.text_versions(document)
    try:
        current: str | None = store.document_text(document)
    except NotFound:
        current = None
    language, score = detect_language(text)
    if current == text:
        last = versions[-1].version if versions else 0
        return AttachResult(document, "unchanged", last, len(text), extracted.format, language, source)
    moved: list[tuple[str, Coding]] = []
    flagged: list[tuple[Coding, str]] = []
    if current is not None:
        moved, flagged = reanchor(current, text, store.codings(document=document))
    number = versions[-1].version + 1 if versions else 1
    extractor = extractor_name(_KINDS[extracted.format])
    version = TextVersion(document, number, text, source, digest, extractor, language, score, now_text())
    store.save_text_version(TextUpdate(version, extracted.format, moved, flagged))
    state = "added" if current is None else "new-version"
    return AttachResult(
        document, state, number, len(text), extracted.format, language, source, len(moved), len(flagged)
    )


def records_without_text(
    store: Store, *, event: str | None, kind: DocumentKind | None = None, day: date | None = None
) -> list[Document]:
    """Documents of the record that a new document with these fields may duplicate: of
    the same event (and kind and date, when given) and still without a text."""
    if event is None:
        return []
    with_text = store.text_lengths()
    return [
        d
        for d in store.documents()
        if d.event == event
        and d.id not in with_text
        and (kind is None or d.kind == kind)
        and (day is None or d.date == day)
    ]
