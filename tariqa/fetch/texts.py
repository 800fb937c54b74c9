"""Documents get their texts from their fetched sources.

For every document record with a source URL (its ``url``, else its ``sources`` in order)
the newest archived copy of the first URL that was fetched as HTML, PDF, DOCX or plain
text is read back from the archive (its sha256 checked against the log), its text
extracted by :mod:`tariqa.io.extract` (trafilatura, pypdf, python-docx), reflowed (NFKC,
hyphenated words and hard line breaks joined), its language detected offline
(py3langid, whose model ships in the package), and stored with its provenance: the URL,
the payload's sha256, the extractor and its version.

A text that differs from the document's current one becomes a new version. The codings
on the old text are moved to the new one when their passage occurs exactly once in it;
the others are set aside for review, with the reason, never moved to a guessed place.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING

from tariqa.errors import InputError, NotFound
from tariqa.fetch.archive import Archive
from tariqa.fetch.client import now_text
from tariqa.fetch.errors import ArchiveError
from tariqa.fetch.sniff import as_utf8
from tariqa.storage.fetchlog import FetchRow, TextUpdate, TextVersion

if TYPE_CHECKING:
    from tariqa.model import Coding
    from tariqa.storage import Store

#: Kind of payload -> (file extension for the extractor, the package that extracts it).
EXTRACTORS: dict[str, tuple[str, str | None]] = {
    "html": (".html", "trafilatura"),
    "pdf": (".pdf", "pypdf"),
    "docx": (".docx", "python-docx"),
    "text": (".txt", None),
}
#: Detected languages with a lower probability than this are not recorded.
MIN_LANGUAGE_PROBABILITY = 0.5


@dataclass(frozen=True)
class TextOutcome:
    """What happened to one document's text."""

    document: str
    state: str  # added, new-version, unchanged, not-fetched, unreadable
    url: str | None = None
    version: int | None = None
    language: str | None = None
    moved: int = 0
    flagged: int = 0
    why: str | None = None


def extractor_name(kind: str) -> str:
    """The extractor of a kind of payload with its version, e.g. ``trafilatura 2.3.1``."""
    package = EXTRACTORS[kind][1]
    if package is None:
        return "plain text"
    try:
        return f"{package} {version(package)}"
    except PackageNotFoundError:
        return package


@functools.cache
def _identifier() -> object:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> tuple[str | None, float]:
    """The text's language (ISO 639-1) and its probability; None when unsure.

    >>> detect_language("The foreign ministers of the three countries met in Baku and signed a declaration.")[0]
    'en'
    """
    if not text.strip():
        return None, 0.0
    language, probability = _identifier().classify(text[:20_000])  # type: ignore[attr-defined]
    probability = float(probability)
    return (str(language) if probability >= MIN_LANGUAGE_PROBABILITY else None), probability


def extract_payload(body: bytes, kind: str, declared_type: str | None, name: str) -> tuple[str, str]:
    """The reflowed, normalised text of a fetched payload and its format; InputError if none."""
    from tariqa.io.extract import extract_bytes, normalise, reflow

    if kind not in EXTRACTORS:
        raise InputError(f"{name}: a {kind} payload has no text to extract")
    data = as_utf8(body, declared_type) if kind in ("html", "text") else body
    extracted = extract_bytes(data, name + EXTRACTORS[kind][0])
    text = normalise(reflow(extracted.text))
    if not text:
        raise InputError(f"{name}: the document is empty: no text left after extraction")
    return text, extracted.format


def occurrences(text: str, passage: str, limit: int = 2) -> list[int]:
    """Where ``passage`` starts in ``text`` (overlapping matches too), at most ``limit``.

    >>> occurrences("abcabc", "bc"), occurrences("aaa", "aa"), occurrences("x", "y")
    ([1, 4], [0, 1], [])
    """
    found: list[int] = []
    at = text.find(passage)
    while at >= 0 and len(found) < limit:
        found.append(at)
        at = text.find(passage, at + 1)
    return found


def reanchor(
    old: str, new: str, codings: Iterable[Coding]
) -> tuple[list[tuple[str, Coding]], list[tuple[Coding, str]]]:
    """Codings on ``old`` moved to ``new`` where their passage occurs exactly once in it,
    and the others with the reason they cannot be moved."""
    moved: list[tuple[str, Coding]] = []
    flagged: list[tuple[Coding, str]] = []
    for coding in codings:
        passage = old[coding.start : coding.end]
        if coding.end > len(old) or not passage:
            flagged.append((coding, "its span lies outside the old text"))
            continue
        found = occurrences(new, passage)
        if len(found) == 1:
            start = found[0]
            moved.append((coding.key, coding.model_copy(update={"start": start, "end": start + len(passage)})))
        elif not found:
            flagged.append((coding, "its passage is not in the new text"))
        else:
            flagged.append((coding, "its passage occurs more than once in the new text"))
    return moved, flagged


def _candidates(store: Store, documents: Iterable[str] | None) -> list[tuple[str, list[str]]]:
    docs = store.documents() if documents is None else store.documents_by_id(documents)
    return [(d.id, [d.url] if d.url else list(d.sources)) for d in docs if d.url or d.sources]


def update_texts(
    store: Store, *, archive: Archive | None = None, documents: Iterable[str] | None = None
) -> list[TextOutcome]:
    """Give every document with a fetched source its text (see the module's docstring)."""
    archive = archive or Archive.open()
    archived = store.latest_archived()
    outcomes = []
    for doc_id, urls in _candidates(store, documents):
        rows = [archived[u] for u in urls if u in archived and archived[u].outcome == "ok"]
        rows = [r for r in rows if r.type in EXTRACTORS]
        if not rows:
            outcomes.append(TextOutcome(doc_id, "not-fetched", why="no source of it was fetched as a document"))
            continue
        outcomes.append(_update_one(store, archive, doc_id, rows[0]))
    return outcomes


def _update_one(store: Store, archive: Archive, doc_id: str, row: FetchRow) -> TextOutcome:
    assert row.warc is not None and row.type is not None
    try:
        body = archive.read(row.warc)
    except (OSError, ArchiveError) as exc:
        return TextOutcome(doc_id, "unreadable", row.url, why=f"the archived copy cannot be read ({exc})")
    if hashlib.sha256(body).hexdigest() != row.sha256:
        return TextOutcome(doc_id, "unreadable", row.url, why=f"the archived copy {row.warc} does not match its digest")
    try:
        text, fmt = extract_payload(body, row.type, row.declared_type, doc_id)
    except InputError as exc:
        return TextOutcome(doc_id, "unreadable", row.url, why=str(exc))
    language, score = detect_language(text)
    versions = store.text_versions(doc_id)
    try:
        current: str | None = store.document_text(doc_id)
    except NotFound:
        current = None
    if versions and versions[-1].text == text:
        return TextOutcome(doc_id, "unchanged", row.url, versions[-1].version, versions[-1].language)
    number = versions[-1].version + 1 if versions else 1
    moved: list[tuple[str, Coding]] = []
    flagged: list[tuple[Coding, str]] = []
    if current is not None and current != text:
        moved, flagged = reanchor(current, text, store.codings(document=doc_id))
    new = TextVersion(
        doc_id, number, text, row.url, row.sha256 or "", extractor_name(row.type), language, score, now_text()
    )
    store.save_text_version(TextUpdate(new, fmt, moved, flagged))
    state = "new-version" if current is not None and current != text else "added"
    return TextOutcome(doc_id, state, row.url, number, language, len(moved), len(flagged))
