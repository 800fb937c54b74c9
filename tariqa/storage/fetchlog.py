"""The fetch log, dead links' archived snapshots, and fetched document texts with their
versions (schema 0009): the Store's side of :mod:`tariqa.fetch`.

A fetch is logged only after its response is safely in the WARC archive (the archive
file is renamed into place first), so a row with a ``warc`` always names a complete file.
A fetched text that differs from the document's current one becomes a new version in one
transaction with the codings moved to it and the codings that could not be moved set
aside for review (:class:`TextUpdate`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from tariqa.errors import ImportProblems, NotFound

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from tariqa.model import Coding
    from tariqa.storage.reads import Reader

_LOG_COLUMNS = (
    "id, url, final_url, status, outcome, at, elapsed_ms, bytes, declared_type, type, sha256, etag, "
    "last_modified, warc, error"
)


@dataclass(frozen=True)
class FetchRow:
    """One logged fetch of ``url``; ``id`` is 0 until it is stored."""

    url: str
    outcome: str
    at: str
    elapsed_ms: int = 0
    bytes: int = 0
    final_url: str | None = None
    status: int | None = None
    declared_type: str | None = None
    type: str | None = None
    sha256: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    warc: str | None = None
    error: str | None = None
    id: int = 0


@dataclass(frozen=True)
class Snapshot:
    """The Internet Archive's answer for a dead link: its closest snapshot, or none."""

    url: str
    snapshot: str | None
    snapshot_at: str | None
    checked: str


@dataclass(frozen=True)
class TextVersion:
    """One text a document had from a fetched source, with its provenance."""

    document: str
    version: int
    text: str
    url: str
    payload_sha256: str
    extractor: str
    language: str | None
    language_score: float | None
    created: str


@dataclass(frozen=True)
class Review:
    """A coding set aside when its document's text changed: as it was, on text ``version``."""

    coding_id: str
    document: str
    version: int
    reason: str
    body: str
    created: str


@dataclass(frozen=True)
class TextUpdate:
    """What one new text version writes: the version, the text's format, the codings that
    move to it (old coding id, new coding), and those set aside (old coding, reason)."""

    version: TextVersion
    format: str
    moved: Sequence[tuple[str, Coding]] = field(default_factory=tuple)
    flagged: Sequence[tuple[Coding, str]] = field(default_factory=tuple)


def _row(values: Sequence[Any]) -> FetchRow:
    (id_, url, final, status, outcome, at, ms, size, declared, kind, sha, etag, modified, warc, error) = values
    return FetchRow(
        url=str(url),
        outcome=str(outcome),
        at=str(at),
        elapsed_ms=int(ms),
        bytes=int(size),
        final_url=final,
        status=None if status is None else int(status),
        declared_type=declared,
        type=kind,
        sha256=sha,
        etag=etag,
        last_modified=modified,
        warc=warc,
        error=error,
        id=int(id_),
    )


class FetchLog:
    """The Store's methods for the fetch log, snapshots and fetched text versions."""

    if TYPE_CHECKING:
        _reader: Reader

        @property
        def engine(self) -> Engine: ...

    # the log -----------------------------------------------------------------
    def log_fetches(self, rows: Sequence[FetchRow]) -> list[int]:
        """Append fetch rows (one transaction); return their ids."""
        from sqlalchemy import insert

        from tariqa.storage import tables as t

        ids: list[int] = []
        with self.engine.begin() as conn:
            for row in rows:
                values = {k: v for k, v in row.__dict__.items() if k != "id"}
                result = conn.execute(insert(t.fetch_log).values(**values).returning(t.fetch_log.c.id))
                ids.append(int(result.scalar_one()))
        return ids

    def fetch_history(self, url: str | None = None) -> list[FetchRow]:
        """Every logged fetch (of ``url``), oldest first."""
        if url is None:
            rows = self._reader.rows(f"SELECT {_LOG_COLUMNS} FROM fetch_log ORDER BY id", stream=True)  # noqa: S608
        else:
            sql = f"SELECT {_LOG_COLUMNS} FROM fetch_log WHERE url = :u ORDER BY id"  # noqa: S608
            rows = self._reader.rows(sql, {"u": url})
        return [_row(r) for r in rows]

    def group_document_ids(self, group: str) -> list[str]:
        """Ids of the documents of a group: adopted at one of its events (listed by the
        event) or naming one of its events as theirs; sorted."""
        sql = (
            "SELECT d.id FROM documents d JOIN events e ON e.id = d.event_id WHERE e.group_id = :g "
            "UNION SELECT ed.document_id FROM event_documents ed JOIN events e ON e.id = ed.event_id "
            "JOIN documents d ON d.id = ed.document_id WHERE e.group_id = :g"
        )
        return sorted(str(r[0]) for r in self._reader.rows(sql, {"g": group}))

    def fetch_signature(self) -> tuple[int, int, int]:
        """Numbers that change whenever a fetch is logged or a text version or snapshot is
        saved: results derived from the fetch log can be cached under them."""
        (last,) = next(iter(self._reader.rows("SELECT coalesce(max(id), 0) FROM fetch_log")))
        (versions,) = next(iter(self._reader.rows("SELECT count(*) FROM document_text_versions")))
        (snapshots,) = next(iter(self._reader.rows("SELECT count(*) FROM link_snapshots")))
        return int(last), int(versions), int(snapshots)

    def latest_fetches(self) -> dict[str, FetchRow]:
        """The newest logged fetch of every URL."""
        sql = f"SELECT {_LOG_COLUMNS} FROM fetch_log WHERE id IN (SELECT max(id) FROM fetch_log GROUP BY url)"  # noqa: S608
        return {r.url: r for r in map(_row, self._reader.rows(sql))}

    def latest_archived(self) -> dict[str, FetchRow]:
        """The newest fetch of every URL whose response is in the archive."""
        sql = (
            f"SELECT {_LOG_COLUMNS} FROM fetch_log WHERE id IN "  # noqa: S608
            "(SELECT max(id) FROM fetch_log WHERE warc IS NOT NULL GROUP BY url)"
        )
        return {r.url: r for r in map(_row, self._reader.rows(sql))}

    # snapshots ---------------------------------------------------------------
    def save_snapshots(self, snapshots: Sequence[Snapshot]) -> None:
        """Keep the Internet Archive's answer for each URL (replacing an earlier one)."""
        from sqlalchemy import delete, insert

        from tariqa.storage import tables as t

        if not snapshots:
            return
        with self.engine.begin() as conn:
            conn.execute(delete(t.link_snapshots).where(t.link_snapshots.c.url.in_([s.url for s in snapshots])))
            conn.execute(insert(t.link_snapshots), [s.__dict__ for s in snapshots])

    def snapshots(self) -> dict[str, Snapshot]:
        rows = self._reader.rows("SELECT url, snapshot, snapshot_at, checked FROM link_snapshots ORDER BY url")
        return {str(u): Snapshot(str(u), s, a, str(c)) for u, s, a, c in rows}

    # fetched texts -------------------------------------------------------------
    def text_versions(self, document: str) -> list[TextVersion]:
        """The fetched texts of ``document``, oldest first."""
        sql = (
            "SELECT document_id, version, text, url, payload_sha256, extractor, language, language_score, created"
            " FROM document_text_versions WHERE document_id = :d ORDER BY version"
        )
        return [
            TextVersion(str(d), int(v), str(t), str(u), str(p), str(e), lang, score, str(c))
            for d, v, t, u, p, e, lang, score, c in self._reader.rows(sql, {"d": document})
        ]

    def coding_reviews(self, document: str | None = None) -> list[Review]:
        """Codings set aside for review (of ``document``), by document and id."""
        sql = "SELECT coding_id, document_id, version, reason, body, created FROM coding_reviews"
        params: dict[str, Any] = {}
        if document is not None:
            sql += " WHERE document_id = :d"
            params["d"] = document
        rows = self._reader.rows(sql + " ORDER BY document_id, coding_id", params)
        return [Review(str(i), str(d), int(v), str(r), str(b), str(c)) for i, d, v, r, b, c in rows]

    def save_text_version(self, update: TextUpdate) -> None:
        """Write a new text version of a document, make it the document's text, move the
        codings that were re-anchored and set the others aside, in one transaction.

        Raises NotFound for an unknown document, ImportProblems (nothing written) when a
        moved coding does not fit the new text, and ValueError when the version number is
        not the next one.
        """
        from sqlalchemy import delete, func, insert, select

        from tariqa.model import DocumentText, Parsed
        from tariqa.storage import importer
        from tariqa.storage import tables as t
        from tariqa.storage.rows import prepare

        v = update.version
        with self.engine.begin() as conn:
            if conn.execute(select(t.documents.c.id).where(t.documents.c.id == v.document)).first() is None:
                raise NotFound(f"unknown document {v.document!r}")
            versions = t.document_text_versions
            last = conn.execute(select(func.max(versions.c.version)).where(versions.c.document_id == v.document))
            expected = (last.scalar() or 0) + 1
            if v.version != expected:
                raise ValueError(f"document {v.document!r}: next text version is {expected}, not {v.version}")
            if expected == 1:  # keep the text the document had before (imported), as version 0
                before = conn.execute(select(t.document_texts.c.text).where(t.document_texts.c.id == v.document))
                previous = before.scalar()
                if previous is not None and previous != v.text:
                    kept = TextVersion(v.document, 0, previous, "", "", "imported", None, None, v.created)
                    conn.execute(insert(versions).values(document_id=v.document, **_version_values(kept)))
            conn.execute(insert(versions).values(document_id=v.document, **_version_values(v)))
            text = DocumentText(id=v.document, text=v.text, format=update.format)
            problems = importer.write_within(conn, prepare(Parsed(text, v.url, "")))
            old_ids = [old for old, _ in update.moved] + [c.key for c, _ in update.flagged]
            if old_ids:
                conn.execute(delete(t.codings).where(t.codings.c.id.in_(old_ids)))
            for _, coding in update.moved:
                problems += importer.write_within(conn, prepare(Parsed(coding, v.url, "")))
            for coding, reason in update.flagged:
                conn.execute(
                    insert(t.coding_reviews).values(
                        coding_id=coding.key,
                        document_id=v.document,
                        version=v.version - 1,
                        reason=reason,
                        body=coding.canonical(),
                        created=v.created,
                    )
                )
            if problems:
                raise ImportProblems(problems)
            importer.bump_revision(conn)


def _version_values(v: TextVersion) -> dict[str, Any]:
    return {
        "version": v.version,
        "text": v.text,
        "url": v.url,
        "payload_sha256": v.payload_sha256,
        "extractor": v.extractor,
        "language": v.language,
        "language_score": v.language_score,
        "created": v.created,
    }
