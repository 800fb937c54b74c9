"""The errors of fetching, in the words of the task (no HTTP codes, no option names).

::

    TariqaError
    └── FetchError            a fetch cannot be made at all (bad settings, bad URLs)
        ├── ArchiveError      the archive folder cannot be used, or the disk filled up
        ├── DigestMismatch    a download is not the file its publisher describes
        └── NothingToFetch    a request that names no file (an empty GDELT window)

A single URL that cannot be fetched (gone, blocked, timed out) is never an error: it is
an outcome, logged and reported.
"""

from __future__ import annotations

from tariqa.errors import TariqaError


class FetchError(TariqaError):
    """A fetch cannot be made at all; nothing was fetched or kept."""


class ArchiveError(FetchError):
    """The archive folder cannot be written, or writing to it failed; nothing was kept."""


class DigestMismatch(FetchError):
    """A downloaded file's digest differs from the one its publisher gives; it was not kept."""


class NothingToFetch(FetchError):
    """The request names no file to fetch."""
