"""UN General Assembly roll-call votes: the ``unvotes`` and Voeten layouts, and ideal points.

Two layouts are read (see ``docs/alignment.md``):

* **unvotes** (the R package ``unvotes``): a votes file ``rcid, country, country_code, vote``
  (``yes``/``abstain``/``no``; ISO alpha-2 codes) and a roll-call file ``rcid, session, date, ...``;
* **Voeten** (``completeVotes`` as rebuilt by FPSIM): one file ``resid, session, ccode, date, year,
  vote`` with COW state numbers and votes 1 yes, 2 abstain, 3 no (8 absent and 9 non-member are
  dropped).

Every country code becomes an ISO alpha-3 code. Seat codes that span a change of state are
read as :data:`~tariqa.io.unvotes_codes.SEAT_NOTES` says, and each such reading, like every
other known data problem met, is returned as a :class:`Notice`. Unknown columns, unknown
codes, unreadable values and duplicate votes raise :class:`~tariqa.errors.Problems`.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Final

import numpy as np
from numpy.typing import NDArray

from tariqa.errors import InputError, Problem, Problems
from tariqa.io.csvcolumns import Columns, IntArray, factorize, parse_days, parse_ints, read_columns
from tariqa.io.unvotes_codes import LAST_SFRY_SESSION, SEAT_NOTES, UNCODED_NAMES, is_yugoslav_seat, iso3_for_code

YES, ABSTAIN, NO = 1, 2, 3
UNVOTES_VOTES: Final = ("rcid", "country", "country_code", "vote")
UNVOTES_ROLL_CALLS: Final = ("rcid", "session", "date", "importantvote", "unres", "amend", "para", "short", "descr")
UNVOTES_ISSUES: Final = ("rcid", "short_name", "issue")
VOETEN: Final = ("resid", "session", "ccode", "date", "year", "vote")
IDEAL_POINTS_REQUIRED: Final = ("ccode", "session", "IdealPointAll")
_WORDS: Final = {"yes": YES, "abstain": ABSTAIN, "no": NO, "absent": 8}
_NUMBERS: Final = {"1": YES, "2": ABSTAIN, "3": NO, "8": 8, "9": 9}
_MAX_LISTED = 100


@dataclass(frozen=True)
class Notice:
    """A known data problem met while reading or analysing, and how it was handled."""

    kind: str  # seat, year-field, source, coverage, few-votes
    message: str
    states: tuple[str, ...] = ()

    def __str__(self) -> str:
        return f"{self.kind}: {self.message}"


@dataclass(frozen=True)
class UNVotes:
    """Yes/abstain/no votes as parallel arrays, one element per state and roll call."""

    roll_call: IntArray  # the file's roll-call id (rcid or resid)
    session: IntArray
    year: IntArray  # the file's year field, or the date's year when it has none
    day: NDArray[np.datetime64]  # NaT when the file gives no date
    state: NDArray[np.str_]  # ISO alpha-3
    vote: NDArray[np.int8]  # 1 yes, 2 abstain, 3 no
    source: NDArray[np.int8]  # index into ``sources``
    sources: tuple[str, ...]
    notices: tuple[Notice, ...] = field(default=())

    def __len__(self) -> int:
        return len(self.vote)

    def take(self, mask: NDArray[np.bool_]) -> UNVotes:
        """Only the votes where ``mask`` is true."""
        return replace(
            self,
            roll_call=self.roll_call[mask],
            session=self.session[mask],
            year=self.year[mask],
            day=self.day[mask],
            state=self.state[mask],
            vote=self.vote[mask],
            source=self.source[mask],
        )


@dataclass(frozen=True)
class IdealPoints:
    """Bailey–Strezhnev–Voeten ideal points, by (ISO alpha-3, session)."""

    values: dict[tuple[str, int], float]
    label: str

    def get(self, state: str, session: int) -> float | None:
        return self.values.get((state, session))


def default_unga_dir() -> Path:
    """``TARIQA_UNGA_DIR``, else the ``unga`` folder of the user data folder."""
    from tariqa.settings import unga_folder

    return unga_folder()


#: Written by ``tariqa unga fetch`` beside the files: which release they are.
RELEASE_MANIFEST: Final = "unga-release.json"


def release_of(folder: Path) -> str | None:
    """The release whose files ``folder`` holds, as the fetch recorded it (None if unknown)."""
    import json

    path = Path(folder) / RELEASE_MANIFEST
    try:
        return str(json.loads(path.read_text(encoding="utf-8"))["release"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def read_unga(path: str | Path) -> UNVotes:
    """Read a vote file, or every vote file of a directory (both layouts may be there)."""
    path = Path(path)
    if not path.exists():
        raise InputError(f"{path}: no such file or directory (no UN vote data there)")
    files = sorted(p for p in path.glob("*.csv") if p.is_file()) if path.is_dir() else [path]
    kinds = {p: _kind(p) for p in files}
    tables: list[UNVotes] = []
    unvotes = [p for p in files if kinds[p] == "unvotes"]
    if unvotes:
        siblings = sorted(p for p in path.parent.glob("*.csv")) if path.is_file() else files
        calls = [p for p in siblings if (p not in kinds and _kind(p) == "roll-calls") or kinds.get(p) == "roll-calls"]
        if len(calls) != 1:
            raise InputError(f"{unvotes[0]}: needs exactly one roll-call file (rcid, session, date) beside it")
        tables.extend(read_unvotes(v, calls[0]) for v in unvotes)
    voeten = [p for p in files if kinds[p] == "voeten"]
    if voeten:
        tables.append(_concat([read_voeten(p) for p in voeten]))
    if not tables:
        raise InputError(f"{path}: no UN vote file (unvotes or Voeten layout) found")
    return combine(tables)


def _kind(path: Path) -> str:
    """Which layout a CSV file has, by its header; unknown columns in a vote file are an error."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as f:
            header = next(csv.reader(f), [])
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read: {exc}") from None
    names = set(header)
    if "IdealPointAll" in names:
        return "ideal-points"
    if names == set(UNCODED_NAMES) or names == set(UNVOTES_ISSUES):
        return "issues"
    if "vote" in names:
        layout = VOETEN if "resid" in names or "ccode" in names else UNVOTES_VOTES
        _check_header(header, layout, layout, path.name)
        return "voeten" if layout is VOETEN else "unvotes"
    if "rcid" in names and "session" in names:
        _check_header(header, UNVOTES_ROLL_CALLS[:3], UNVOTES_ROLL_CALLS, path.name)
        return "roll-calls"
    return "other"


def _check_header(header: Sequence[str], required: Sequence[str], known: Sequence[str], label: str) -> None:
    problems = [
        Problem(label, "1", name, f"unknown column (known: {', '.join(known)})") for name in header if name not in known
    ]
    problems += [Problem(label, "1", name, "required column missing") for name in required if name not in header]
    problems += [Problem(label, "1", name, "column given twice") for name in set(header) if header.count(name) > 1]
    if problems:
        raise Problems(problems)


def read_unvotes(votes_path: Path, roll_calls_path: Path) -> UNVotes:
    """Read the ``unvotes`` layout: the votes file and its roll-call file."""
    calls = read_columns(roll_calls_path, roll_calls_path.name)
    _check_header(calls.header, UNVOTES_ROLL_CALLS[:3], UNVOTES_ROLL_CALLS, calls.label)
    call_id, call_session, call_day = _roll_calls(calls)
    votes = read_columns(votes_path, votes_path.name)
    _check_header(votes.header, UNVOTES_VOTES, UNVOTES_VOTES, votes.label)
    problems: list[Problem] = []
    rcid = _ints(votes, "rcid", problems)
    vote = _votes(votes, _WORDS, problems)
    at = np.minimum(np.searchsorted(call_id, rcid), max(len(call_id) - 1, 0))
    missing = np.flatnonzero(call_id[at] != rcid) if len(call_id) else np.arange(len(rcid))
    problems += _listed(votes, missing, "rcid", lambda r: f"roll call {rcid[r]} is not in {calls.label}")
    session, day = call_session[at], call_day[at]
    state, raw = _states(votes, "country_code", session, problems, names="country")
    if problems:
        raise Problems(problems)
    year = day.astype("datetime64[Y]").astype(np.int64) + 1970
    return _finish(votes, rcid, session, year, day, state, vote, raw)


def _roll_calls(calls: Columns) -> tuple[IntArray, IntArray, NDArray[np.datetime64]]:
    problems: list[Problem] = []
    rcid = _ints(calls, "rcid", problems)
    session = _ints(calls, "session", problems)
    day, bad = parse_days(*calls.matrix("date"))
    problems += _listed(calls, np.flatnonzero(bad), "date", lambda r: f"{calls.text('date', r)!r} is not a date")
    order = np.argsort(rcid, kind="stable")
    dup = order[1:][rcid[order[1:]] == rcid[order[:-1]]]
    problems += _listed(calls, dup, "rcid", lambda r: f"roll call {rcid[r]} is listed twice")
    if problems:
        raise Problems(problems)
    return rcid[order], session[order], day[order]


def read_voeten(path: Path) -> UNVotes:
    """Read the Voeten layout (``resid, session, ccode, date, year, vote``)."""
    cols = read_columns(path, path.name)
    _check_header(cols.header, VOETEN, VOETEN, cols.label)
    problems: list[Problem] = []
    resid = _ints(cols, "resid", problems)
    session = _ints(cols, "session", problems)
    year = _ints(cols, "year", problems)
    day, bad = parse_days(*cols.matrix("date"))
    problems += _listed(cols, np.flatnonzero(bad), "date", lambda r: f"{cols.text('date', r)!r} is not a date")
    vote = _votes(cols, _NUMBERS, problems)
    state, raw = _states(cols, "ccode", session, problems)
    if problems:
        raise Problems(problems)
    stray = _misdated(resid, day)
    k = ~stray
    table = _finish(cols.take(k), resid[k], session[k], year[k], day[k], state[k], vote[k], raw)
    notices = (
        *table.notices,
        *_misdated_notices(cols, resid[stray], session[stray]),
        *_year_notices(table, cols.label),
    )
    return replace(table, notices=notices)


def _misdated(roll_call: IntArray, day: NDArray[np.datetime64]) -> NDArray[np.bool_]:
    """Rows whose date is not the one most rows of their roll call carry (a roll call has one date)."""
    keys = roll_call * (1 << 20) + (day - np.datetime64("1900-01-01", "D")).astype(np.int64)
    uniq, inverse, counts = np.unique(keys, return_inverse=True, return_counts=True)
    call = uniq >> 20
    order = np.lexsort((-counts, call))
    first = order[np.r_[True, call[order][1:] != call[order][:-1]]] if len(order) else order
    majority = np.zeros(len(uniq), bool)
    majority[first] = True
    return ~majority[inverse.ravel()]


def _misdated_notices(cols: Columns, roll_call: IntArray, session: IntArray) -> list[Notice]:
    if not len(roll_call):
        return []
    return [
        Notice(
            "misdated",
            f"{cols.label}: {len(roll_call)} votes in {len(np.unique(roll_call))} roll calls (sessions"
            f" {_ranges(np.unique(session).tolist())}) carry a date other than their roll call's; they look"
            " shifted from another roll call and are left out",
        )
    ]


def _ints(cols: Columns, name: str, problems: list[Problem]) -> IntArray:
    values, bad = parse_ints(*cols.matrix(name))
    problems += _listed(cols, np.flatnonzero(bad), name, lambda r: f"{cols.text(name, r)!r} is not a whole number")
    return values


def _votes(cols: Columns, codes: dict[str, int], problems: list[Problem]) -> NDArray[np.int8]:
    values, inverse = factorize(*cols.matrix("vote"))
    lookup = np.array([codes.get(v.strip().lower(), 0) for v in values], np.int8)
    vote = lookup[inverse]
    for k in np.flatnonzero(lookup == 0):
        rows = np.flatnonzero(inverse == k)
        known = "/".join(codes)
        problems.append(_first(cols, rows, "vote", f"unknown vote {values[k]!r} (known: {known})"))
    return vote


def _states(
    cols: Columns, name: str, session: IntArray, problems: list[Problem], names: str | None = None
) -> tuple[NDArray[np.str_], list[str]]:
    """ISO alpha-3 for every row, and the raw codes met (blank codes by their ``names`` value)."""
    codes, inverse = factorize(*cols.matrix(name))
    iso = [iso3_for_code(c) if c.strip() else None for c in codes]
    state = np.array([i or "" for i in iso], "U3")[inverse]
    raw = [c for c, i in zip(codes, iso, strict=True) if i]
    for k, code in enumerate(codes):
        if iso[k] is not None and not is_yugoslav_seat(code):
            continue
        rows = np.flatnonzero(inverse == k)
        if not code.strip() and names is not None:
            raw += _blank_codes(cols, rows, names, state, problems)
        elif iso[k] is None:
            problems.append(_first(cols, rows, name, f"unknown country code {code!r}"))
        else:
            state[rows[session[rows] > LAST_SFRY_SESSION]] = "SRB"
    return state, raw


def _blank_codes(
    cols: Columns, rows: IntArray, names: str, state: NDArray[np.str_], problems: list[Problem]
) -> list[str]:
    """Rows without a code: the few states ``unvotes`` leaves uncoded, known by name."""
    labels, inverse = factorize(*cols.matrix(names, rows))
    found = []
    for k, label in enumerate(labels):
        sub = rows[inverse == k]
        if label in UNCODED_NAMES:
            state[sub] = UNCODED_NAMES[label]
            found.append(label)
        else:
            problems.append(_first(cols, sub, "country_code", f"no country code for {label!r}"))
    return found


def _finish(
    cols: Columns,
    roll_call: IntArray,
    session: IntArray,
    year: IntArray,
    day: NDArray[np.datetime64],
    state: NDArray[np.str_],
    vote: NDArray[np.int8],
    raw: list[str],
) -> UNVotes:
    """Check for duplicate votes, drop absences, and note how seat codes were read."""
    _check_duplicates(cols, roll_call, state)
    keep = vote <= NO
    table = UNVotes(roll_call, session, year, day, state, vote, np.zeros(len(vote), np.int8), (cols.label,), ()).take(
        keep
    )
    return replace(table, notices=_seat_notices(table, raw))


def _check_duplicates(cols: Columns, roll_call: IntArray, state: NDArray[np.str_]) -> None:
    keys = roll_call * 32768 + _state_ids(state)
    order = np.argsort(keys, kind="stable")
    same = keys[order[1:]] == keys[order[:-1]]
    firsts, seconds = order[:-1][same], order[1:][same]
    if len(seconds):
        line = dict(zip(seconds.tolist(), cols.lines[firsts].tolist(), strict=True))
        raise Problems(
            _listed(
                cols,
                seconds,
                "",
                lambda r: f"a second vote of {state[r]} on roll call {roll_call[r]} (first on line {line[r]})",
            )
        )


def _state_ids(state: NDArray[np.str_]) -> IntArray:
    """Small integer ids for ISO alpha-3 codes (three letters A-Z), in linear time."""
    letters = state.astype("U3").view(np.uint32).reshape(len(state), 3).astype(np.int64) - 65
    return (letters[:, 0] * 26 + letters[:, 1]) * 26 + letters[:, 2]


def _seat_notices(table: UNVotes, raw: list[str]) -> tuple[Notice, ...]:
    ids = np.unique(_state_ids(table.state))
    present = {"".join(chr(65 + int(i) // d % 26) for d in (676, 26, 1)) for i in ids}
    raw_set = set(raw)
    wanted = {
        "YUG": "YUG" in present,
        "SRB": "SRB" in present and bool(raw_set & {"YU", "345"}),
        "DEU": bool(raw_set & {"Federal Republic of Germany", "260"}),
        "YEM": bool(raw_set & {"Yemen Arab Republic", "678"}),
        "RUS": bool(np.any((table.state == "RUS") & (table.session <= LAST_SFRY_SESSION))),
        "TWN": "TWN" in present,
        "ZAN": "ZAN" in present,
    }
    return tuple(Notice("seat", SEAT_NOTES[s], (s,)) for s, hit in wanted.items() if hit)


def _year_notices(table: UNVotes, label: str) -> list[Notice]:
    """Voeten's year field is not always the vote date's year; say where."""
    calendar = table.day.astype("datetime64[Y]").astype(np.int64) + 1970
    off = (calendar != table.year) & ~np.isnat(table.day)
    if not off.any():
        return []
    sessions = np.unique(table.session[off]).tolist()
    detail = "; ".join(
        f"session {s}: year {sorted(set(table.year[table.session == s].tolist()))}, dated "
        f"{table.day[table.session == s].min()} to {table.day[table.session == s].max()}"
        for s in sessions
    )
    return [
        Notice(
            "year-field",
            f"{label}: the year column differs from the vote date's year for {int(off.sum()):,} votes ({detail});"
            " grouping by year uses the year column, as Voeten's data do",
        )
    ]


def _concat(tables: Sequence[UNVotes]) -> UNVotes:
    """Several files of one layout (e.g. one per year) as one source."""
    if len(tables) == 1:
        return tables[0]
    merged = _stack(
        tables,
        np.zeros(sum(len(t) for t in tables), np.int8),
        (", ".join(s for t in tables for s in t.sources),),
        tuple(dict.fromkeys(n for t in tables for n in t.notices)),
    )
    order = np.lexsort((merged.state, merged.roll_call))
    dup = (merged.roll_call[order[1:]] == merged.roll_call[order[:-1]]) & (
        merged.state[order[1:]] == merged.state[order[:-1]]
    )
    if dup.any():
        r = order[1:][dup][0]
        raise InputError(f"{merged.sources[0]}: {merged.state[r]} votes twice on roll call {merged.roll_call[r]}")
    return merged


def combine(tables: Sequence[UNVotes]) -> UNVotes:
    """One table from several sources: for each session the last source that covers it.

    A source covers a session when it has at least half as many roll calls in it as the
    source with the most; this keeps a newer release from replacing a full session with the
    few roll calls it holds of it. The choice is reported as a notice.
    """
    if len(tables) == 1:
        return tables[0]
    sessions = np.unique(np.concatenate([t.session for t in tables]))
    counts = np.array([_calls_per_session(t, sessions) for t in tables])
    covers = counts * 2 >= counts.max(axis=0)
    chosen = len(tables) - 1 - np.argmax(covers[::-1], axis=0)
    parts = [t.take(np.isin(t.session, sessions[chosen == k])) for k, t in enumerate(tables)]
    notices = [n for t in tables for n in t.notices]
    used = [
        f"sessions {_ranges(sessions[chosen == k].tolist())} from {', '.join(t.sources)}"
        for k, t in enumerate(tables)
        if np.any(chosen == k)
    ]
    notices.append(Notice("source", "; ".join(used)))
    return _stack(
        parts,
        np.concatenate([np.full(len(p), k, np.int8) for k, p in enumerate(parts)]),
        tuple(", ".join(t.sources) for t in tables),
        tuple(dict.fromkeys(notices)),
    )


def _stack(
    parts: Sequence[UNVotes], source: NDArray[np.int8], sources: tuple[str, ...], notices: tuple[Notice, ...]
) -> UNVotes:
    return UNVotes(
        roll_call=np.concatenate([p.roll_call for p in parts]),
        session=np.concatenate([p.session for p in parts]),
        year=np.concatenate([p.year for p in parts]),
        day=np.concatenate([p.day for p in parts]),
        state=np.concatenate([p.state for p in parts]),
        vote=np.concatenate([p.vote for p in parts]),
        source=source,
        sources=sources,
        notices=notices,
    )


def _calls_per_session(table: UNVotes, sessions: IntArray) -> IntArray:
    calls = np.unique(table.session * (1 << 40) + table.roll_call) >> 40
    return np.bincount(np.searchsorted(sessions, calls), minlength=len(sessions))


def _ranges(values: list[int]) -> str:
    """``[1, 2, 3, 5]`` -> ``'1-3, 5'``."""
    out: list[str] = []
    for v in values:
        if out and out[-1].split("-")[-1] == str(v - 1):
            out[-1] = f"{out[-1].split('-')[0]}-{v}"
        else:
            out.append(str(v))
    return ", ".join(out)


def _first(cols: Columns, rows: IntArray, name: str, message: str) -> Problem:
    more = f" ({len(rows):,} rows; first here)" if len(rows) > 1 else ""
    return Problem(cols.label, str(int(cols.lines[rows[0]])), name, message + more)


def _listed(cols: Columns, rows: IntArray, name: str, message: object) -> list[Problem]:
    """One problem per row (the first :data:`_MAX_LISTED`), then a count of the rest."""
    assert callable(message)
    listed = [Problem(cols.label, str(int(cols.lines[r])), name, str(message(int(r)))) for r in rows[:_MAX_LISTED]]
    if len(rows) > _MAX_LISTED:
        listed.append(Problem(cols.label, "", name, f"and {len(rows) - _MAX_LISTED:,} more rows like these"))
    return listed


def find_ideal_points(path: str | Path) -> Path | None:
    """The ideal-point file in a vote directory (or beside a vote file), if there is one."""
    folder = Path(path) if Path(path).is_dir() else Path(path).parent
    found = sorted(folder.glob("Idealpoint*.csv"))
    return found[-1] if found else None


def read_ideal_points(path: str | Path) -> IdealPoints:
    """Read Voeten's ``IdealpointestimatesAll`` file (``ccode, session, IdealPointAll, ...``)."""
    path = Path(path)
    values: dict[tuple[str, int], float] = {}
    problems: list[Problem] = []
    try:
        with path.open(encoding="utf-8-sig", newline="") as f:
            reader = csv.DictReader(f)
            missing = [c for c in IDEAL_POINTS_REQUIRED if c not in (reader.fieldnames or [])]
            if missing:
                raise Problems([Problem(path.name, "1", c, "required column missing") for c in missing])
            for line, row in enumerate(reader, start=2):
                _ideal_row(row, values, Problem(path.name, str(line), "", ""), problems)
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read: {exc}") from None
    if problems:
        raise Problems(problems[:_MAX_LISTED])
    return IdealPoints(values, path.name)


def _ideal_row(row: dict[str, str], values: dict[tuple[str, int], float], at: Problem, problems: list[Problem]) -> None:
    code, session, point = row["ccode"].strip(), row["session"].strip(), row["IdealPointAll"].strip()
    iso = iso3_for_code(code)
    if iso is None or not session.isdigit():
        problems.append(replace(at, field="ccode" if iso is None else "session", message=f"cannot read {row!r:.60}"))
        return
    if is_yugoslav_seat(code) and int(session) > LAST_SFRY_SESSION:
        iso = "SRB"
    if point in ("", "NA"):
        return
    try:
        values[(iso, int(session))] = float(point)
    except ValueError:
        problems.append(replace(at, field="IdealPointAll", message=f"{point!r} is not a number"))
