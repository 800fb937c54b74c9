"""Table definitions. Every entity keeps its canonical JSON in ``body`` (what exports
write) plus the columns that queries filter on; link tables hold the references that
the integrity checks and the analysis join on.

Link tables are WITHOUT ROWID on SQLite (their primary key is the table), which
halves the B-trees a bulk import must update.

Foreign keys are DEFERRABLE INITIALLY DEFERRED so that a batch may arrive in any
order; :mod:`tariqa.storage.checks` reports broken references before the commit.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()


def _fk(target: str, cascade: bool = False) -> ForeignKey:
    return ForeignKey(
        target,
        deferrable=True,
        initially="DEFERRED",
        ondelete="CASCADE" if cascade else None,
    )


groups = Table(
    "groups",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("name", Text, nullable=False),
    Column("body", Text, nullable=False),
)

group_members = Table(
    "group_members",
    metadata,
    Column("group_id", String(64), _fk("groups.id", True), primary_key=True),
    Column("state", String(3), primary_key=True),
    sqlite_with_rowid=False,
)

formats = Table(
    "formats",
    metadata,
    Column("id", String(128), primary_key=True),
    Column("group_id", String(64), _fk("groups.id"), nullable=False, index=True),
    Column("track", String(40), nullable=False),
    Column("status", String(16), nullable=False),
    Column("body", Text, nullable=False),
)

sources = Table(
    "sources",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("url", Text, nullable=False, unique=True),
    Column("kind", String(16), nullable=False),
    Column("body", Text, nullable=False),
)

actors = Table(
    "actors",
    metadata,
    Column("id", String(128), primary_key=True),
    Column("state", String(3), nullable=False),
    Column("body", Text, nullable=False),
)

events = Table(
    "events",
    metadata,
    Column("id", String(200), primary_key=True),
    Column("group_id", String(64), _fk("groups.id"), nullable=False),
    Column("format_id", String(128), _fk("formats.id"), nullable=True),
    Column("concerns_id", String(128), _fk("formats.id"), nullable=True, index=True),  # schema 0010
    Column("date", Date, nullable=False),
    Column("ordinal", Integer, nullable=True),
    Column("status", String(16), nullable=False),
    Column("track", String(40), nullable=False),
    Column("level", String(40), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("host", String(3), nullable=True),
    Column("confidence", String(8), nullable=False),
    Column("body", Text, nullable=False),
    Index("ix_events_date_id", "date", "id"),
    Index("ix_events_group_date_id", "group_id", "date", "id"),
    # one index per list filter, in reading order, the other filters carried (schema 0007)
    Index("ix_events_track_date_id", "track", "date", "id", "group_id", "format_id", "level", "kind"),
    Index("ix_events_level_date_id", "level", "date", "id", "group_id", "format_id", "track", "kind"),
    Index("ix_events_kind_date_id", "kind", "date", "id", "group_id", "format_id", "track", "level"),
    Index("ix_events_format_date_id", "format_id", "date", "id", "group_id", "track", "level", "kind"),
)

event_states = Table(
    "event_states",
    metadata,
    Column("event_id", String(200), _fk("events.id", True), primary_key=True),
    Column("state", String(3), primary_key=True),
    # the event's date and filter columns, so that a state's events are listed, with any
    # other filter, from one index in date order (schema 0007)
    Column("date", Date, nullable=False),
    Column("group_id", String(64), nullable=False),
    Column("format_id", String(128), nullable=True),
    Column("track", String(40), nullable=False),
    Column("level", String(40), nullable=False),
    Column("kind", String(16), nullable=False),
    Index(
        "ix_event_states_state_date_event",
        "state",
        "date",
        "event_id",
        "group_id",
        "format_id",
        "track",
        "level",
        "kind",
    ),
    sqlite_with_rowid=False,
)

# role "record": the sources the event cites; "conflict": those cited in its conflicts.
#: The pages that show how far a group's material reaches (``Group.coverage``, schema 0010).
group_sources = Table(
    "group_sources",
    metadata,
    Column("group_id", String(64), _fk("groups.id", True), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("url", Text, nullable=False, index=True),
    sqlite_with_rowid=False,
)

event_sources = Table(
    "event_sources",
    metadata,
    Column("event_id", String(200), _fk("events.id", True), primary_key=True),
    Column("role", String(8), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("url", Text, nullable=False, index=True),
    sqlite_with_rowid=False,
)

event_documents = Table(
    "event_documents",
    metadata,
    Column("event_id", String(200), _fk("events.id", True), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("document_id", String(200), nullable=False, index=True),
    sqlite_with_rowid=False,
)

# Only participants that name an actor record (participants themselves live in the body).
event_actors = Table(
    "event_actors",
    metadata,
    Column("event_id", String(200), _fk("events.id", True), primary_key=True),
    Column("actor_id", String(128), primary_key=True),
    Index("ix_event_actors_actor", "actor_id"),
    sqlite_with_rowid=False,
)

documents = Table(
    "documents",
    metadata,
    Column("id", String(200), primary_key=True),
    Column("event_id", String(200), nullable=True, index=True),
    Column("date", Date, nullable=True),
    Column("kind", String(24), nullable=False),
    Column("body", Text, nullable=False),
)

document_sources = Table(
    "document_sources",
    metadata,
    Column("document_id", String(200), _fk("documents.id", True), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("url", Text, nullable=False, index=True),
    sqlite_with_rowid=False,
)

trade_flows = Table(
    "trade_flows",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("reporter", String(3), nullable=False),
    Column("partner", String(3), nullable=False),
    Column("year", Integer, nullable=False),
    Column("direction", String(8), nullable=False),
    Column("value_usd", Float, nullable=False),
    Column("url", Text, nullable=False, index=True),
    Column("body", Text, nullable=False),
    Index("ix_trade_pair_year", "reporter", "partner", "year"),
)

codes = Table(
    "codes",
    metadata,
    Column("id", String(128), primary_key=True),
    Column("parent_id", String(128), nullable=True, index=True),
    Column("body", Text, nullable=False),
)

# The normalised plain text of a document, stored once; offsets index into it.
document_texts = Table(
    "document_texts",
    metadata,
    Column("id", String(200), _fk("documents.id", True), primary_key=True),
    Column("text", Text, nullable=False),
    Column("body", Text, nullable=False),
)

codings = Table(
    "codings",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("document_id", String(200), nullable=False),
    Column("code_id", String(128), nullable=False, index=True),
    Column("coder", String(200), nullable=False),
    Column("status", String(16), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("body", Text, nullable=False),
    Index("ix_codings_document_start", "document_id", "start"),
)

memos = Table(
    "memos",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("about", String(16), nullable=False),
    Column("target", String(200), nullable=False),
    Column("body", Text, nullable=False),
    Index("ix_memos_about_target", "about", "target"),
)

#: Snapshots of the codebook, one per import that changed it.
codebook_versions = Table(
    "codebook_versions",
    metadata,
    Column("version", Integer, primary_key=True),
    Column("created", String(32), nullable=False),
    Column("body", Text, nullable=False),
)

# Accounts (schema 0003). Times are ISO 8601 UTC text (fixed width, so they sort);
# session and API tokens are kept only as SHA-256 digests.
users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(64), nullable=False, unique=True),
    Column("role", String(16), nullable=False),
    Column("password_hash", Text, nullable=False),
    Column("active", Boolean, nullable=False),
    Column("created", String(32), nullable=False),
)

sessions = Table(
    "sessions",
    metadata,
    Column("digest", String(64), primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("csrf", String(64), nullable=False),
    Column("created", String(32), nullable=False),
    Column("expires", String(32), nullable=False),
)

api_tokens = Table(
    "api_tokens",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("label", String(200), nullable=False),
    Column("digest", String(64), nullable=False, unique=True),
    Column("created", String(32), nullable=False),
    #: When the token last authenticated a request (written at most once a minute).
    Column("last_used", String(32), nullable=True),
    Index("ux_api_tokens_user_label", "user_id", "label", unique=True),
)

login_failures = Table(
    "login_failures",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(64), nullable=False),
    Column("address", String(64), nullable=False),
    Column("at", String(32), nullable=False),
    Index("ix_login_failures_name_address_at", "name", "address", "at"),
    Index("ix_login_failures_address_at", "address", "at"),
)

#: The audit trail: one row per saved change of a record (before is NULL on creation).
record_changes = Table(
    "record_changes",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("collection", String(32), nullable=False),
    Column("key", String(200), nullable=False),
    Column("user_id", Integer, ForeignKey("users.id"), nullable=False),
    Column("at", String(32), nullable=False),
    Column("before", Text, nullable=True),
    Column("after", Text, nullable=False),
    Index("ix_record_changes_record", "collection", "key", "id"),
)

#: Fetching (schema 0009, see tariqa.fetch): one row per fetch attempt of a URL, written
#: after its response (if any) is safely in the WARC archive; ``warc`` is the archive file
#: relative to the archive folder. Times are ISO 8601 UTC text.
fetch_log = Table(
    "fetch_log",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("url", Text, nullable=False),
    Column("final_url", Text, nullable=True),
    Column("status", Integer, nullable=True),
    Column("outcome", String(24), nullable=False),
    Column("at", String(32), nullable=False),
    Column("elapsed_ms", Integer, nullable=False),
    Column("bytes", BigInteger, nullable=False),
    Column("declared_type", Text, nullable=True),
    Column("type", String(16), nullable=True),
    Column("sha256", String(64), nullable=True),
    Column("etag", Text, nullable=True),
    Column("last_modified", Text, nullable=True),
    Column("warc", Text, nullable=True),
    Column("error", Text, nullable=True),
    Index("ix_fetch_log_url_id", "url", "id"),
)

#: The Internet Archive snapshot found for a dead link (``snapshot`` NULL: none found).
link_snapshots = Table(
    "link_snapshots",
    metadata,
    Column("url", String(2048), primary_key=True),
    Column("snapshot", Text, nullable=True),
    Column("snapshot_at", String(32), nullable=True),
    Column("checked", String(32), nullable=False),
)

#: Every text a document had from a fetched source, numbered from 1; the newest is also
#: the document's text in ``document_texts``. Provenance: the URL, the archived payload's
#: sha256, and the extractor with its version.
document_text_versions = Table(
    "document_text_versions",
    metadata,
    Column("document_id", String(200), primary_key=True),
    Column("version", Integer, primary_key=True),
    Column("text", Text, nullable=False),
    Column("url", Text, nullable=False),
    Column("payload_sha256", String(64), nullable=False),
    Column("extractor", String(64), nullable=False),
    Column("language", String(8), nullable=True),
    Column("language_score", Float, nullable=True),
    Column("created", String(32), nullable=False),
)

#: Codings that could not be re-anchored when their document's text changed: kept as they
#: were (``body``), anchored to text ``version``, until a coder settles them.
coding_reviews = Table(
    "coding_reviews",
    metadata,
    Column("coding_id", String(40), primary_key=True),
    Column("document_id", String(200), nullable=False, index=True),
    Column("version", Integer, nullable=False),
    Column("reason", Text, nullable=False),
    Column("body", Text, nullable=False),
    Column("created", String(32), nullable=False),
)

#: The table of each entity collection, and the columns its export is sorted by.
ENTITY_TABLES: dict[str, tuple[Table, tuple[str, ...]]] = {
    "groups": (groups, ("id",)),
    "formats": (formats, ("id",)),
    "sources": (sources, ("url",)),
    "actors": (actors, ("id",)),
    "events": (events, ("id",)),
    "documents": (documents, ("id",)),
    "trade_flows": (trade_flows, ("reporter", "partner", "year", "direction", "url")),
    "document_texts": (document_texts, ("id",)),
    "codes": (codes, ("id",)),
    "codings": (codings, ("document_id", "start", "end", "code_id", "coder")),
    "memos": (memos, ("about", "target", "id")),
}

#: One row (id 1) whose ``n`` every import and every save increments, in the same
#: transaction: caches of derived results key on it (``Store.revision``).
#: The shipped version of each reference record (and default code) as last loaded by
#: ``tariqa init`` (schema 0006): a stored body that differs from it was edited here.
shipped_records = Table(
    "shipped_records",
    metadata,
    Column("collection", String(32), primary_key=True),
    Column("key", String(200), primary_key=True),
    Column("body", Text, nullable=False),
    Column("release", String(32), nullable=False),
)

record_revision = Table(
    "record_revision",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("n", BigInteger, nullable=False),
)

#: The living record (schema 0011, see tariqa.watch): candidate events read from news and
#: GDELT, waiting for an editor. ``fields``, ``evidence`` and ``conflicts`` are JSON; a
#: rejected key stays so that the occasion is never proposed again.
candidates = Table(
    "candidates",
    metadata,
    Column("key", String(200), primary_key=True),
    Column("group_id", String(64), nullable=False),
    Column("origin", String(16), nullable=False),
    Column("verdict", String(16), nullable=False),
    Column("event_id", String(200), nullable=True),
    Column("state", String(16), nullable=False),
    Column("day", Date, nullable=False),
    Column("fields", Text, nullable=False),
    Column("evidence", Text, nullable=False),
    Column("conflicts", Text, nullable=False),
    Column("first_seen", String(32), nullable=False),
    Column("last_seen", String(32), nullable=False),
    Column("decided_by", String(200), nullable=True),
    Column("decided_at", String(32), nullable=True),
    Index("ix_candidates_state_day", "state", "day", "key"),
)

#: The audit trail of candidates: every proposal, acceptance, merge, rejection and
#: recorded conflict, with who did it (an account's name, or the name given on the
#: command line) and the event it touched.
candidate_actions = Table(
    "candidate_actions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("key", String(200), nullable=False),
    Column("action", String(16), nullable=False),
    Column("by", String(200), nullable=False),
    Column("at", String(32), nullable=False),
    Column("event_id", String(200), nullable=True),
    Column("note", Text, nullable=True),
    Index("ix_candidate_actions_key_id", "key", "id"),
)
