"""Every exception tariqa raises on purpose.

The CLI and the web layer catch :class:`TariqaError` once and turn it into a
one-line message (exit code 2) or an HTTP error; anything else is a bug.

::

    TariqaError
    ├── UsageError              bad option value, unknown group/format id asked for
    ├── NotFound                a record that does not exist
    ├── InputError              a file that cannot be read as input at all
    │   └── TooLarge            a file over the size limit (nothing read)
    ├── Problems                one or more located problems (carries every Problem)
    │   ├── ImportProblems      invalid input: nothing was written
    │   │   └── ConflictError   same id, different content, without --replace
    │   └── IntegrityProblems   the stored record breaks a rule
    ├── StorageError            the database cannot be opened or used
    │   ├── SchemaVersionError  the database is newer than this code
    │   └── DatabaseUnavailable busy, or its file was replaced or emptied: try later
    └── MissingExtra            an optional dependency is not installed
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dc_field


class TariqaError(Exception):
    """Base class: a user-facing error with a one-line message."""


class UsageError(TariqaError):
    """An option or argument has a value tariqa cannot use."""


class NotFound(TariqaError):
    """A record that was asked for does not exist."""


class InputError(TariqaError):
    """A file cannot be read as input (missing, too large, unknown format)."""


class TooLarge(InputError):
    """A file is larger than the limit set for it; nothing of it was read."""


class StorageError(TariqaError):
    """The database cannot be opened or used."""


class SchemaVersionError(StorageError):
    """The database was written by a newer tariqa than this one."""


class DatabaseUnavailable(StorageError):
    """The database cannot take this request now: another process holds its write lock,
    or its file was replaced, removed or emptied while tariqa had it open. Nothing was
    written; the request may succeed later (or after a restart)."""


class MissingExtra(TariqaError):
    """An optional dependency is missing; the message names the extra."""

    def __init__(self, module: str, extra: str) -> None:
        super().__init__(f"this needs the optional package {module!r}: pip install 'tariqa[{extra}]'")


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one record, located as precisely as the format allows.

    >>> str(Problem("events.csv", "14", "date", "'2021-13-01' is not a valid date"))
    "events.csv:14: date: '2021-13-01' is not a valid date"
    """

    file: str
    where: str
    field: str
    message: str
    #: (collection, id) of the invalid record, when known: references to it are not
    #: reported again as references to a missing record.
    subject: tuple[str, str] | None = dc_field(default=None, compare=False)

    def __str__(self) -> str:
        loc = f"{self.file}:{self.where}" if self.where else self.file
        return f"{loc}: {self.field}: {self.message}" if self.field else f"{loc}: {self.message}"


class Problems(TariqaError):
    """Located problems; ``problems`` lists every one found, sorted by place."""

    consequence = ""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems), key=_problem_order)
        n = len(self.problems)
        head = "; ".join(str(p) for p in self.problems[:3])
        more = f" (and {n - 3} more)" if n > 3 else ""
        super().__init__(f"{n} problem{'s' if n != 1 else ''}{self.consequence}: {head}{more}")


class ImportProblems(Problems):
    """Invalid input: nothing was written."""

    consequence = ", nothing written"


class IntegrityProblems(Problems):
    """The stored record breaks an integrity rule."""


class ConflictError(ImportProblems):
    """A record with the same id but different content already exists.

    When a save is refused because someone else changed the record first, ``current``
    is the record's stored canonical JSON (None if it does not exist) and ``version``
    its version, so that the other change can be shown.
    """

    def __init__(self, problems: list[Problem], current: str | None = None, version: str | None = None) -> None:
        super().__init__(problems)
        self.current = current
        self.version = version


def _problem_order(p: Problem) -> tuple[str, int, str, str, str]:
    where = p.where.split(":")[0]
    return (p.file, int(where) if where.isdigit() else 0, p.where, p.field, p.message)
