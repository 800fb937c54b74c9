"""The reference record and default codebook that ship inside the package
(``tariqa/data/reference``, ``tariqa/data/codebook``), and loading them into a database
without overwriting what was corrected there.

>>> [p.name for p in reference_paths()][:2]
['astana.yaml', 'ati.yaml']
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from tariqa.errors import ImportProblems, NotFound, UsageError
from tariqa.version import __version__

if TYPE_CHECKING:
    from tariqa.storage import Store
    from tariqa.storage.rows import Prepared
    from tariqa.storage.shipped import RecordState, Sync

REFERENCE_DIR = Path(__file__).parent / "data" / "reference"
DEFAULT_CODEBOOK = Path(__file__).parent / "data" / "codebook" / "informal-alliance.yaml"
#: What ``shipped_records`` calls this release of the reference record.
RELEASE = __version__


class Take(StrEnum):
    """Which version of a record changed both here and in the release to keep."""

    SHIPPED = "shipped"
    MINE = "mine"


def reference_paths() -> list[Path]:
    """The reference record files, in a stable order."""
    return sorted(REFERENCE_DIR.glob("*.yaml"))


def shipped_paths() -> list[Path]:
    """Everything ``load_reference`` loads: the reference record and the default codebook."""
    return [*reference_paths(), DEFAULT_CODEBOOK]


def shipped_items() -> list[Prepared]:
    """The shipped records in canonical form (the shipped files are valid: a test says so)."""
    from tariqa.errors import Problem
    from tariqa.io import plan, read_prepared

    items: list[Prepared] = []
    problems: list[Problem] = []
    for item in read_prepared(plan(shipped_paths())):
        (problems if isinstance(item, Problem) else items).append(item)  # type: ignore[arg-type]
    if problems:
        raise ImportProblems(problems)
    return items


def load_reference(store: Store, *, dry_run: bool = False) -> Sync:
    """Load the shipped reference record and default codebook into ``store``, all or
    nothing: new records are added, records nobody here changed follow this release,
    and records changed here are kept (a record the release changed too is reported as
    a conflict, to settle with :func:`settle`).

    >>> import tempfile, tariqa
    >>> with tempfile.TemporaryDirectory() as tmp, tariqa.open_store(f"{tmp}/study.db") as store:
    ...     sync = tariqa.load_reference(store)
    ...     sync.count(tariqa.ShippedState.ADDED) > 1000, sync.conflicts
    (True, ())
    """
    result, _ = store.load_shipped(shipped_items(), RELEASE, dry_run=dry_run)
    return result


def reference_status(store: Store) -> list[RecordState]:
    """Where each shipped record stands in ``store`` (added, changed here, conflict, ...)."""
    return store.shipped_states(shipped_items())


def settle(store: Store, record: str, *, take: Take) -> RecordState:
    """Keep ``mine`` or take the ``shipped`` version of one record changed both here and
    in the release. ``record`` is ``COLLECTION/ID`` (``events/atp-fm-2017-11-baku``) or
    an id that names one shipped record."""
    from tariqa.storage.shipped import ShippedState

    item = _find(shipped_items(), record)
    before = next(s for s in store.shipped_states([item]))
    if before.state in (ShippedState.ADDED, ShippedState.REMOVED):
        raise UsageError(f"{record}: not in this database, so there is nothing to settle (run init to add it)")
    store.take_shipped(item, take.value, RELEASE)
    return next(s for s in store.shipped_states([item]))


def _find(items: list[Prepared], record: str) -> Prepared:
    if "://" in record:  # a source, by its URL
        from tariqa.model import source_id

        collection, key = "sources", str(source_id(record))
    else:
        collection, _, key = record.rpartition("/")
    found = [i for i in items if i.key == key and (not collection or i.collection == collection)]
    if not found:
        raise NotFound(f"{record}: no such record in the shipped reference record")
    if len(found) > 1:
        names = ", ".join(f"{i.collection}/{i.key}" for i in found)
        raise UsageError(f"{record}: several shipped records have this id ({names}); name one of them")
    return found[0]
