"""Reading in a second process: parsing, validation and row building of large inputs
run beside the database writes, so an import uses two cores.

The child sends batches of :class:`~tariqa.storage.rows.Prepared` records and
:class:`~tariqa.errors.Problem` records through a bounded queue (memory stays flat);
an error while reading is sent back and raised in the parent.
"""

from __future__ import annotations

import multiprocessing as mp
import queue as queue_mod
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from tariqa.errors import InputError, Problem, TariqaError

if TYPE_CHECKING:
    from tariqa.io import Input
    from tariqa.storage.rows import Prepared

BATCH = 1000
QUEUED_BATCHES = 8


def _produce(inputs: Sequence[Input], out: Any) -> None:
    from tariqa.io import read_inputs
    from tariqa.storage.rows import prepare

    try:
        batch: list[Prepared | Problem] = []
        for item in read_inputs(inputs):
            batch.append(item if isinstance(item, Problem) else prepare(item))
            if len(batch) >= BATCH:
                out.put(("items", batch))
                batch = []
        out.put(("items", batch))
        out.put(("done", None))
    except TariqaError as exc:
        out.put(("error", str(exc)))
    except Exception as exc:  # noqa: BLE001 - anything else is reported, not lost
        out.put(("error", f"reading failed: {type(exc).__name__}: {exc}"))


def read_in_child(inputs: Sequence[Input]) -> Iterator[Prepared | Problem]:
    """Stream prepared records read by a child process."""
    # fork: the child starts at once with everything imported, and needs no importable
    # __main__ (spawn would fail in a REPL); callers must not hold threads (the CLI has none).
    ctx: Any = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")
    out = ctx.Queue(maxsize=QUEUED_BATCHES)
    proc = ctx.Process(target=_produce, args=(list(inputs), out), daemon=True)
    proc.start()
    try:
        while True:
            try:
                kind, payload = out.get(timeout=1.0)
            except queue_mod.Empty:
                if not proc.is_alive():
                    raise InputError(f"the reading process stopped (exit code {proc.exitcode})") from None
                continue
            if kind == "items":
                yield from payload
            elif kind == "error":
                raise InputError(payload)
            else:
                return
    finally:
        if proc.is_alive():
            proc.terminate()
        proc.join()
        out.close()
