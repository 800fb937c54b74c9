"""Candidate events of the living record and their audit trail (schema 0011): the
Store's side of :mod:`tariqa.watch` and :mod:`tariqa.tasks.watch`.

A candidate is proposed once per key (:func:`tariqa.watch.candidate_key`): proposing it
again while it waits refreshes its fields and adds the new articles to its evidence;
a decided candidate (accepted, merged, rejected) is never proposed again. A decision
is one transaction: the candidate is held (``SELECT ... FOR UPDATE`` on PostgreSQL, a
first write on SQLite, as :mod:`.editing` does), must still be waiting, the records it
writes (sources, the new or amended event) go through the importer's checks with
their versions checked, and the candidate's new state and an audit row are written;
any problem rolls everything back. When the decision is made by an account, each
record written also gets its row in the record's audit trail (``record_changes``).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from tariqa.errors import ImportProblems, NotFound, UsageError

if TYPE_CHECKING:
    from datetime import datetime

    from sqlalchemy import Connection, Engine

    from tariqa.model import Entity
    from tariqa.storage.accounts import User
    from tariqa.storage.reads import Reader

#: The states of a candidate; all but ``waiting`` are decisions.
CANDIDATE_STATES = ("waiting", "accepted", "merged", "rejected")
#: How a candidate stands to the record.
CANDIDATE_VERDICTS = ("new", "corroborates", "conflicts", "duplicate")
_COLUMNS = (
    "key, group_id, origin, verdict, event_id, state, day, fields, evidence, conflicts, first_seen, last_seen,"
    " decided_by, decided_at"
)


@dataclass(frozen=True)
class Proposal:
    """A candidate as a scan or GDELT proposes it: ``fields`` the event it suggests (plain
    JSON values), ``evidence`` one mapping per article (``url`` at least), ``conflicts``
    one mapping per field the record disagrees on."""

    key: str
    group: str
    origin: str
    verdict: str
    event: str | None
    day: date
    fields: dict[str, Any]
    evidence: list[dict[str, Any]]
    conflicts: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True)
class StoredCandidate:
    """A stored candidate with its state and who decided it."""

    key: str
    group: str
    origin: str
    verdict: str
    event: str | None
    state: str
    day: date
    fields: dict[str, Any]
    evidence: list[dict[str, Any]]
    conflicts: list[dict[str, Any]]
    first_seen: str
    last_seen: str
    decided_by: str | None
    decided_at: str | None


@dataclass(frozen=True)
class CandidateAction:
    """One row of a candidate's audit trail."""

    key: str
    action: str
    by: str
    at: str
    event: str | None
    note: str | None


@dataclass(frozen=True)
class ProposalCounts:
    """What proposing did: candidates added, waiting ones refreshed, and those left alone
    because they were decided before (``decided``, of which ``rejected``)."""

    added: int = 0
    refreshed: int = 0
    decided: int = 0
    rejected: int = 0


@dataclass(frozen=True)
class Write:
    """A record a decision writes: created when ``expected`` is None (unless ``if_absent``
    and it exists already), else replaced if it still has version ``expected``."""

    entity: Entity
    expected: str | None = None
    if_absent: bool = False


def _row(values: Sequence[Any]) -> StoredCandidate:
    key, group, origin, verdict, event, state, day, fields, evidence, conflicts, first, last, by, at = values
    return StoredCandidate(
        str(key),
        str(group),
        str(origin),
        str(verdict),
        event,
        str(state),
        day if isinstance(day, date) else date.fromisoformat(str(day)[:10]),
        json.loads(fields),
        json.loads(evidence),
        json.loads(conflicts),
        str(first),
        str(last),
        by,
        at,
    )


def _dump(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


class Candidates:
    """The Store's methods for candidate events."""

    if TYPE_CHECKING:
        _reader: Reader

        @property
        def engine(self) -> Engine: ...

        def clock(self) -> datetime: ...

    def candidates(self, *, state: str | None = None, group: str | None = None) -> list[StoredCandidate]:
        """Stored candidates (in ``state``, of ``group``), by day then key."""
        clauses, params = [], {}
        if state is not None:
            clauses.append("state = :s")
            params["s"] = state
        if group is not None:
            clauses.append("group_id = :g")
            params["g"] = group
        where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
        sql = f"SELECT {_COLUMNS} FROM candidates{where} ORDER BY day, key"  # noqa: S608 (fixed SQL)
        return [_row(r) for r in self._reader.rows(sql, params)]

    def candidate(self, key: str) -> StoredCandidate:
        rows = list(self._reader.rows(f"SELECT {_COLUMNS} FROM candidates WHERE key = :k", {"k": key}))  # noqa: S608
        if not rows:
            raise NotFound(f"unknown candidate {key!r}")
        return _row(rows[0])

    def candidate_count(self, state: str = "waiting", group: str | None = None) -> int:
        """How many candidates are in ``state`` (of ``group``)."""
        sql, params = "SELECT count(*) FROM candidates WHERE state = :s", {"s": state}
        if group is not None:
            sql += " AND group_id = :g"
            params["g"] = group
        [(count,)] = list(self._reader.rows(sql, params))  # read to the end: no cursor left open
        return int(count)

    def candidate_actions(self, key: str | None = None) -> list[CandidateAction]:
        """The audit trail of one candidate (or of all), oldest first."""
        sql = 'SELECT key, action, "by", at, event_id, note FROM candidate_actions'
        params = {}
        if key is not None:
            sql += " WHERE key = :k"
            params["k"] = key
        rows = self._reader.rows(sql + " ORDER BY id", params)
        return [CandidateAction(str(k), str(a), str(b), str(t), e, n) for k, a, b, t, e, n in rows]

    def propose_candidates(self, proposals: Sequence[Proposal], *, by: str) -> ProposalCounts:
        """Store new candidates and refresh waiting ones, in one transaction; decided keys
        are left alone (a rejected occasion is never proposed again)."""
        from sqlalchemy import select

        from tariqa.storage import tables as t
        from tariqa.storage.accounts import stamp

        now = stamp(self.clock())
        added = refreshed = decided = rejected = 0
        table = t.candidates
        with self.engine.begin() as conn:
            for p in proposals:
                found = conn.execute(
                    select(table.c.state, table.c.evidence).where(table.c.key == p.key).with_for_update()
                ).first()
                values = {
                    "group_id": p.group,
                    "origin": p.origin,
                    "verdict": p.verdict,
                    "event_id": p.event,
                    "day": p.day,
                    "fields": _dump(p.fields),
                    "conflicts": _dump(p.conflicts),
                    "last_seen": now,
                }
                if found is None:
                    conn.execute(
                        table.insert().values(
                            key=p.key, state="waiting", evidence=_dump(p.evidence), first_seen=now, **values
                        )
                    )
                    _audit(conn, p.key, "proposed", by, now, p.event, f"{len(p.evidence)} article(s)")
                    added += 1
                    continue
                state, evidence = found
                if state != "waiting":
                    decided += 1
                    rejected += state == "rejected"
                    continue
                kept = json.loads(evidence)
                urls = {e.get("url") for e in kept}
                new = [e for e in p.evidence if e.get("url") not in urls]
                conn.execute(table.update().where(table.c.key == p.key).values(evidence=_dump(kept + new), **values))
                if new:
                    _audit(conn, p.key, "seen", by, now, p.event, f"{len(new)} more article(s)")
                refreshed += 1
        return ProposalCounts(added, refreshed, decided, rejected)

    def decide_candidate(
        self,
        key: str,
        *,
        state: str,
        action: str,
        by: str,
        user: User | None = None,
        writes: Sequence[Write] = (),
        event: str | None = None,
        note: str | None = None,
    ) -> StoredCandidate:
        """Decide a waiting candidate: write ``writes`` and set its ``state``, with an audit
        row, all in one transaction (nothing is written if anything fails).

        Raises NotFound for an unknown key, UsageError for a candidate decided before,
        ImportProblems for a record that fails the importer's checks and ConflictError
        for a record changed since its version was read.
        """
        from sqlalchemy import select

        from tariqa.storage import tables as t
        from tariqa.storage.accounts import stamp

        if state not in CANDIDATE_STATES[1:]:
            raise UsageError(f"a decision sets one of {', '.join(CANDIDATE_STATES[1:])}, not {state!r}")
        now = stamp(self.clock())
        table = t.candidates
        with self.engine.connect() as conn, conn.begin():
            if conn.dialect.name == "sqlite":  # take the write lock before reading
                conn.execute(table.update().where(table.c.key == key).values(state=table.c.state))
            found = conn.execute(
                select(table.c.state, table.c.decided_by).where(table.c.key == key).with_for_update()
            ).first()
            if found is None:
                raise NotFound(f"unknown candidate {key!r}")
            if found[0] != "waiting":
                raise UsageError(f"candidate {key!r} was {found[0]} already (by {found[1]}); nothing changed")
            for w in writes:
                _write(conn, w, user, now)
            conn.execute(
                table.update()
                .where(table.c.key == key)
                .values(state=state, decided_by=by, decided_at=now, event_id=event or table.c.event_id)
            )
            _audit(conn, key, action, by, now, event, note)
        return self.candidate(key)


def _audit(conn: Connection, key: str, action: str, by: str, at: str, event: str | None, note: str | None) -> None:
    from tariqa.storage import tables as t

    conn.execute(t.candidate_actions.insert().values(key=key, action=action, by=by, at=at, event_id=event, note=note))


def _write(conn: Connection, w: Write, user: User | None, now: str) -> None:
    """One record of a decision, with the checks and audit row of a saved edit."""
    from tariqa.storage import importer
    from tariqa.storage import tables as t
    from tariqa.storage.editing import _conflict, _hold, _prepared, version_of

    item = _prepared(w.entity)
    before = _hold(conn, item.collection, item.key)
    if before is not None and w.if_absent:
        return
    if w.expected != (before and version_of(before)):
        raise _conflict(item, before, w.expected)
    if before == item.body:
        return
    problems = importer.write_within(conn, item)
    if problems:
        raise ImportProblems(problems)
    importer.bump_revision(conn)
    if user is not None:
        change = {"collection": item.collection, "key": item.key, "user_id": user.id, "at": now}
        conn.execute(t.record_changes.insert().values(before=before, after=item.body, **change))
