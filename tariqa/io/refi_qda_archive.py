"""Opening REFI-QDA files: the ``.qdpx`` archive (or a bare ``.qde`` and its ``sources/``
folder), the XML parsed without DTDs, and the root element checked against the
``urn:QDA-XML:`` namespaces (any version)."""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET
from xml.parsers import expat

from tariqa.errors import InputError
from tariqa.io.refi_qda_write import MAX_INTERNAL_BYTES

BOM = b"\xef\xbb\xbf"
#: The most an archive may inflate to in all (its members' declared sizes, and what is
#: actually read): a study's texts are megabytes, not gigabytes.
MAX_INFLATED_BYTES = 512 * 1024 * 1024
#: The highest compression ratio accepted for a member over 1 MiB. XML and plain text
#: compress about 3 to 20 times; zip bombs a thousand times and more.
MAX_RATIO = 200
_CHUNK = 1024 * 1024


def read_file(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot be read: {exc.strerror or exc}") from None


def parse_xml(data: bytes, label: str) -> ET.Element:
    """Parse XML into an element tree, refusing DTDs (REFI-QDA files have none, and
    entity declarations are how XML bombs work).

    Raises
    ------
    InputError
        The data is not well-formed XML or declares a DTD.
    """
    builder = ET.TreeBuilder()
    parser = expat.ParserCreate(namespace_separator="}")
    parser.buffer_text = True

    def qname(name: str) -> str:
        return "{" + name if "}" in name else name

    def start(name: str, attrs: dict[str, str]) -> None:
        builder.start(qname(name), {qname(k): v for k, v in attrs.items()})

    def refuse(*_: object) -> None:
        raise InputError(f"{label}: the XML declares a DTD, which REFI-QDA files never do; refused")

    parser.StartElementHandler = start
    parser.EndElementHandler = lambda name: builder.end(qname(name))
    parser.CharacterDataHandler = builder.data
    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        reason = expat.ErrorString(exc.code)
        raise InputError(f"{label}: not well-formed XML ({reason}, line {exc.lineno}, column {exc.offset})") from None
    return builder.close()


def split_tag(tag: str) -> tuple[str, str]:
    ns, _, local = tag[1:].rpartition("}") if tag.startswith("{") else ("", "", tag)
    return ns, local


def root_element(data: bytes, label: str, kind: str, local_name: str) -> tuple[ET.Element, str]:
    root = parse_xml(data, label)
    ns, local = split_tag(root.tag)
    expected = f"urn:QDA-XML:{kind}:"
    if local != local_name or not ns.startswith(expected):
        found = f"<{local}>" + (f" in namespace {ns}" if ns else " without a namespace")
        raise InputError(
            f"{label}: not a REFI-QDA {kind} file: the root is {found}, not <{local_name}> in {expected}1.0"
        )
    return root, ns


class ProjectFiles:
    """The files next to ``project.qde``: the ZIP's members, or for a bare ``.qde`` its
    folder's ``sources/`` (only plain file names are looked up there)."""

    def __init__(self, path: Path, max_inflated: int = MAX_INFLATED_BYTES) -> None:
        self.path, self.label = path, path.name
        self.zip: zipfile.ZipFile | None = None
        self.members: dict[str, zipfile.ZipInfo] = {}
        self.budget = max_inflated
        if zipfile.is_zipfile(path):
            try:
                self.zip = zipfile.ZipFile(path)
            except (zipfile.BadZipFile, OSError) as exc:
                raise InputError(f"{self.label}: not a readable ZIP archive: {exc}") from None
            self.members = {i.filename.lower(): i for i in self.zip.infolist() if not i.is_dir()}
            self._check_sizes(max_inflated)

    def _check_sizes(self, max_inflated: int) -> None:
        """Refuse, before inflating anything, an archive that would inflate too far."""
        total = sum(i.file_size for i in self.members.values())
        if total > max_inflated:
            raise InputError(
                f"{self.label}: the archive would inflate to {total / 2**20:,.0f} MiB, over the limit of "
                f"{max_inflated / 2**20:,.0f} MiB; nothing was read"
            )
        for info in self.members.values():
            if info.file_size > _CHUNK and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                ratio = info.file_size / max(info.compress_size, 1)
                raise InputError(
                    f"{self.label}: {info.filename} is compressed {ratio:,.0f} to 1 (more than {MAX_RATIO} to 1): "
                    "a ZIP bomb, not a REFI-QDA project; nothing was read"
                )

    def project(self) -> bytes:
        if self.zip is None:
            data = read_file(self.path)
            if not data.lstrip(BOM + b" \t\r\n").startswith(b"<"):
                raise InputError(f"{self.label}: neither a .qdpx archive (ZIP) nor a .qde project (XML)")
            return data
        qde = self.members.get("project.qde")
        if qde is None:
            top = [i for n, i in self.members.items() if n.endswith(".qde") and "/" not in n]
            if len(top) != 1:
                raise InputError(f"{self.label}: the archive has no project.qde")
            qde = top[0]
        return self._read(qde)

    def read(self, ref: str) -> bytes | None:
        """The bytes of a referenced text file; None when the project points outside
        itself (``relative://``, ``absolute://``) or a bare .qde's file is not there."""
        scheme, sep, rest = ref.partition("://")
        if not sep:
            scheme, rest = "internal", ref
        if scheme.lower() != "internal":
            return None
        name = rest.lstrip("/")
        if self.zip is not None:
            for candidate in (f"sources/{name}", name):
                info = self.members.get(candidate.lower())
                if info is not None:
                    return self._read(info)
            raise InputError(f"{self.label}: {ref!r} is referenced but not in the archive")
        if not name or "/" in name or "\\" in name or name in (".", ".."):
            return None
        for folder in self.path.parent.iterdir():
            if folder.is_dir() and folder.name.lower() == "sources":
                for file in folder.iterdir():
                    if file.name.lower() == name.lower() and file.is_file():
                        return read_file(file)
        return None

    def _read(self, info: zipfile.ZipInfo) -> bytes:
        """A member's bytes, inflated a chunk at a time and counted against what the
        archive declared and the budget left, so a lying header cannot exhaust memory."""
        assert self.zip is not None
        if info.file_size > MAX_INTERNAL_BYTES:
            raise InputError(f"{self.label}: {info.filename} is larger than REFI-QDA allows (2 GiB)")
        chunks: list[bytes] = []
        size = 0
        try:
            with self.zip.open(info) as member:
                while chunk := member.read(_CHUNK):
                    size += len(chunk)
                    if size > info.file_size or size > self.budget:
                        raise InputError(
                            f"{self.label}: {info.filename} inflates beyond what the archive declares; nothing was read"
                        )
                    chunks.append(chunk)
        except (zipfile.BadZipFile, RuntimeError, OSError, EOFError) as exc:
            raise InputError(f"{self.label}: {info.filename} cannot be read from the archive: {exc}") from None
        self.budget -= size
        return b"".join(chunks)

    def close(self) -> None:
        if self.zip is not None:
            self.zip.close()
