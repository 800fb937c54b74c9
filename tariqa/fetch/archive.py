"""The archive: every response kept as WARC records (ISO 28500), one gzipped WARC file per
fetch, under the user data folder's ``archive`` folder.

Each file holds the request and the response as records. The response's body is stored
decoded (a ``Content-Encoding`` the server used is kept as ``X-Archive-Orig-Content-Encoding``),
so its ``WARC-Payload-Digest`` is the sha256 of the content, the same digest the fetch log
and the documents' provenance carry.

A file is written under ``.partial/`` and renamed into ``YYYY/MM/DD/`` only when complete
and flushed to disk; the fetch is logged after the rename. A process killed mid-write
leaves at most a ``.partial`` file, which the next :meth:`Archive.open` removes, and never
a logged fetch without its archive file.
"""

from __future__ import annotations

import errno
import hashlib
import os
import uuid
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING

from tariqa.fetch.errors import ArchiveError

if TYPE_CHECKING:
    from tariqa.fetch.client import Fetched

PARTIAL = ".partial"
_HOP_BY_HOP = {"content-encoding", "content-length", "transfer-encoding"}


def default_folder() -> Path:
    """``archive`` in the user data folder."""
    from tariqa.settings import data_folder

    return data_folder() / "archive"


@dataclass(frozen=True)
class Archived:
    """Where a response was archived (relative to the archive folder) and its content digest."""

    path: str
    sha256: str
    size: int


class Archive:
    """A WARC archive folder. :meth:`open` checks it (and tidies up after a killed run)."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    @classmethod
    def open(cls, folder: Path | None = None) -> Archive:
        """Check that the folder is a writable folder (creating it), and remove the
        partial files of runs that were killed."""
        archive = cls(folder or default_folder())
        path = archive.folder
        if path.exists() and not path.is_dir():
            raise ArchiveError(f"the archive folder {path} is a file, not a folder; nothing was fetched")
        try:
            (path / PARTIAL).mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ArchiveError(f"the archive folder {path} cannot be created ({exc.strerror or exc})") from None
        if not os.access(path, os.W_OK | os.X_OK) or not os.access(path / PARTIAL, os.W_OK | os.X_OK):
            raise ArchiveError(f"the archive folder {path} is not writable; nothing was fetched")
        archive.tidy()
        return archive

    def tidy(self) -> int:
        """Remove partial files left by processes that no longer run; return how many."""
        removed = 0
        for part in (self.folder / PARTIAL).glob("*.part"):
            pid = part.name.split("-", 1)[0]
            if pid.isdigit() and _alive(int(pid)):
                continue
            part.unlink(missing_ok=True)
            removed += 1
        return removed

    def write(self, fetched: Fetched) -> Archived:
        """Write one response (and its request) as a WARC file; return where it went.

        Raises ArchiveError when the disk is full or the folder cannot be written; then no
        file is left behind.
        """
        if not fetched.has_response or fetched.final_url is None:
            raise ValueError("only a received response can be archived")
        data = warc_bytes(fetched)
        day = fetched.started[:10].replace("-", "/")
        name = f"{fetched.started[:19].replace(':', '').replace('-', '')}-{uuid.uuid4().hex[:12]}.warc.gz"
        relative = f"{day}/{name}"
        part = self.folder / PARTIAL / f"{os.getpid()}-{uuid.uuid4().hex}.part"
        target = self.folder / relative
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            try:
                view = memoryview(data)
                while view:
                    written = os.write(fd, view)
                    view = view[written:]
                os.fsync(fd)
            finally:
                os.close(fd)
            os.replace(part, target)
        except OSError as exc:
            part.unlink(missing_ok=True)
            if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
                raise ArchiveError(
                    f"the disk holding the archive {self.folder} is full; the fetch of {fetched.url} was not kept"
                ) from None
            raise ArchiveError(f"cannot write to the archive {self.folder} ({exc.strerror or exc})") from None
        return Archived(relative, hashlib.sha256(fetched.body).hexdigest(), len(data))

    def read(self, relative: str) -> bytes:
        """The archived (decoded) body of the response in ``relative``."""
        from warcio.archiveiterator import ArchiveIterator

        with (self.folder / relative).open("rb") as handle:
            for record in ArchiveIterator(handle):
                if record.rec_type == "response":
                    return bytes(record.content_stream().read())
        raise ArchiveError(f"{self.folder / relative}: no response record")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def warc_bytes(fetched: Fetched) -> bytes:
    """The WARC file of one fetch: its request and response records, gzipped."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    assert fetched.final_url is not None and fetched.status is not None
    out = BytesIO()
    writer = WARCWriter(out, gzip=True)
    uri = fetched.final_url
    date = fetched.started.replace("+00:00", "Z")
    parts = uri.split("/", 3)
    path = "/" + parts[3] if len(parts) > 3 else "/"
    request = writer.create_warc_record(
        uri,
        "request",
        payload=BytesIO(b""),
        length=0,
        http_headers=StatusAndHeaders(f"GET {path} HTTP/1.1", list(fetched.request_headers), is_http_request=True),
        warc_headers_dict={"WARC-Date": date},
    )
    headers = []
    for key, value in fetched.headers:
        if key.lower() in _HOP_BY_HOP:
            headers.append((f"X-Archive-Orig-{key}", value))
        else:
            headers.append((key, value))
    headers.append(("Content-Length", str(len(fetched.body))))
    digest = hashlib.sha256(fetched.body).hexdigest()
    response = writer.create_warc_record(
        uri,
        "response",
        payload=BytesIO(fetched.body),
        length=len(fetched.body),
        http_headers=StatusAndHeaders(f"{fetched.status} {_reason(fetched.status)}", headers, protocol="HTTP/1.1"),
        warc_headers_dict={"WARC-Date": date, "WARC-Payload-Digest": f"sha256:{digest}"},
    )
    request.rec_headers.add_header("WARC-Concurrent-To", response.rec_headers.get_header("WARC-Record-ID"))
    writer.write_record(request)
    writer.write_record(response)
    return out.getvalue()


def _reason(status: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Unknown"
