"""Reading REFI-QDA files: codebooks (``.qdc``) and projects (``.qdpx``, bare ``.qde``).

The reader is lenient about what real programs write (see ``qda.md`` §4.5): any version
of the ``urn:QDA-XML:`` namespaces, ``Sources/`` and ``Project.qde`` in any case, GUIDs in
braces or lower case, a UTF-8 BOM, CRLF line ends (ATLAS.ti counts them as one character,
so its texts are indexed with CRLF collapsed to LF), bare file names as text paths, text
inline in ``PlainTextContent``, hierarchies flattened into names (``Coke::diet Coke``,
Taguette's ``a.b``) and duplicate names under different parents (codes are keyed by GUID).

What tariqa has no place for (pictures, PDF areas, audio and video, cases, sets, links,
graphs, notes that are not coding memos) is skipped; ``warn`` is told what was left out.
"""

from __future__ import annotations

import json
import re
import unicodedata
import zipfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from xml.etree import ElementTree as ET
from xml.parsers import expat

from tariqa.errors import InputError, Problem
from tariqa.io.refi_qda_write import (
    MAX_INTERNAL_BYTES,
    VARIABLE_PREFIX,
    Warn,
    parse_description,
    refi_guid,
)
from tariqa.io.validation import parse_record
from tariqa.model import Code, Document, Parsed

_GUID = re.compile(r"^\{?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\}?$")
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_COLOUR = re.compile(r"^#(?:[0-9a-fA-F]{3}){1,2}$")
_BOM = b"\xef\xbb\xbf"
_OTHER_SOURCES = {
    "PictureSource": "picture",
    "AudioSource": "audio",
    "VideoSource": "video",
}
_NOT_IMPORTED = ("Cases", "Sets", "Links", "Graphs")


def normalise_guid(value: str | None) -> str | None:
    """A GUID in one form (upper case, no braces), or None if the value is not a GUID.

    >>> normalise_guid("{d097e6fd-7671-4d95-a8b6-7795fa4a72e1}")
    'D097E6FD-7671-4D95-A8B6-7795FA4A72E1'
    """
    match = _GUID.match(value.strip()) if value else None
    return match.group(1).upper() if match else None


def slug(text: str) -> str:
    """An id from a name: ASCII lowercase letters and digits joined by hyphens.

    >>> slug("Coke::diet Coke"), slug("non sucré"), slug("Терроризм")
    ('coke-diet-coke', 'non-sucre', '')
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def _unique(base: str, used: set[str], fallback: str) -> str:
    base = base or fallback
    candidate, n = base, 1
    while candidate in used:
        n += 1
        candidate = f"{base}-{n}"
    used.add(candidate)
    return candidate


# --------------------------------------------------------------------------- XML


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


def _split_tag(tag: str) -> tuple[str, str]:
    ns, _, local = tag[1:].rpartition("}") if tag.startswith("{") else ("", "", tag)
    return ns, local


def _root(data: bytes, label: str, kind: str, local_name: str) -> tuple[ET.Element, str]:
    root = parse_xml(data, label)
    ns, local = _split_tag(root.tag)
    expected = f"urn:QDA-XML:{kind}:"
    if local != local_name or not ns.startswith(expected):
        found = f"<{local}>" + (f" in namespace {ns}" if ns else " without a namespace")
        raise InputError(
            f"{label}: not a REFI-QDA {kind} file: the root is {found}, not <{local_name}> in {expected}1.0"
        )
    return root, ns


# --------------------------------------------------------------------------- codes


@dataclass
class _CodeNode:
    guid: str | None  # None for a parent made up from a flattened name
    name: str
    path: tuple[str, ...]
    where: str
    description: str = ""
    colour: str | None = None
    parent: _CodeNode | None = None
    flat: bool = False  # the hierarchy was in the name
    id: str = ""
    children: list[_CodeNode] = field(default_factory=list)


def _separator(origin: str) -> str | None:
    if origin.startswith("tariqa"):
        return None
    return "." if origin.startswith("Taguette") else "::"


def _code_nodes(codes_el: ET.Element, ns: str, origin: str, label: str) -> tuple[list[_CodeNode], list[Problem]]:
    """The codes in file order, parents before children, with their ids assigned."""
    sep = _separator(origin)
    nodes: list[_CodeNode] = []
    problems: list[Problem] = []
    seen: set[str] = set()
    stack: list[tuple[ET.Element, _CodeNode | None]] = [
        (el, None) for el in reversed(codes_el.findall(f"{{{ns}}}Code"))
    ]
    while stack:
        el, parent = stack.pop()
        raw_guid = el.get("guid")
        guid = normalise_guid(raw_guid)
        where = f"Code[{raw_guid}]"
        name = (el.get("name") or "").strip()
        if guid is None or guid in seen:
            problems.append(Problem(label, where, "guid", "used twice" if guid else "is not a GUID"))
            continue
        if not name:
            problems.append(Problem(label, where, "name", "the code has no name"))
            continue
        seen.add(guid)
        node = _CodeNode(guid, name, (name,), where, parent=parent)
        segments = [s.strip() for s in name.split(sep)] if (sep and parent is None) else []
        if len(segments) > 1 and all(segments):
            node.name, node.path, node.flat = segments[-1], tuple(segments), True
        elif parent is not None:
            node.path = (*parent.path, name)
        desc = el.find(f"{{{ns}}}Description")
        node.description = (desc.text or "") if desc is not None else ""
        colour = (el.get("color") or "").strip()
        node.colour = colour if _COLOUR.match(colour) else None
        nodes.append(node)
        stack.extend((child, node) for child in reversed(el.findall(f"{{{ns}}}Code")))
    _attach_flat(nodes)
    ordered = _tree_order(nodes)
    _assign_ids(ordered)
    return ordered, problems


def _attach_flat(nodes: list[_CodeNode]) -> None:
    """Give codes whose hierarchy was in their name their parents, made up if missing."""
    by_path: dict[tuple[str, ...], _CodeNode] = {}
    for node in nodes:
        by_path.setdefault(node.path, node)

    def parent_of(path: tuple[str, ...], where: str) -> _CodeNode:
        found = by_path.get(path)
        if found is None:
            found = _CodeNode(None, path[-1], path, where)
            by_path[path] = found
            nodes.append(found)
            if len(path) > 1:
                found.parent = parent_of(path[:-1], where)
        return found

    for node in list(nodes):
        if node.flat:
            node.parent = parent_of(node.path[:-1], node.where)


def _tree_order(nodes: list[_CodeNode]) -> list[_CodeNode]:
    for node in nodes:
        if node.parent is not None:
            node.parent.children.append(node)
    ordered: list[_CodeNode] = []
    stack = [n for n in reversed(nodes) if n.parent is None]
    while stack:
        node = stack.pop()
        ordered.append(node)
        stack.extend(reversed(node.children))
    return ordered


def _assign_ids(nodes: list[_CodeNode]) -> None:
    """Our own codes keep their id (the Description says it and the GUID proves it);
    the others get the slug of their name path, made unique."""
    used: set[str] = set()
    for node in nodes:
        fields = parse_description(node.description) or {}
        own = str(fields.get("id", ""))
        if _SLUG.match(own) and node.guid == refi_guid("code", own) and own not in used:
            node.id = own
            used.add(own)
    for node in nodes:
        if not node.id:
            node.id = _unique(slug("-".join(node.path)), used, "code")


def _code_records(nodes: list[_CodeNode], label: str) -> Iterator[Parsed | Problem]:
    for node in nodes:
        data: dict[str, object] = {"id": node.id, "name": node.name}
        fields = parse_description(node.description)
        if fields is not None:
            fields.pop("id")
            data.update(fields)
        else:
            data["definition"] = node.description.strip() or node.name
        if node.parent is not None:
            data["parent"] = node.parent.id
        if node.colour:
            data["colour"] = node.colour
        yield from parse_record("codes", data, label, node.where)


def read_qdc(path: Path) -> list[Code]:
    """Read a REFI-QDA codebook (``.qdc``) into codes, parents before children.

    Ids are the slug of the name path (``Coke::diet Coke`` → ``coke-diet-coke``), made
    unique; codes written by tariqa keep their id and fields. The definition is the
    Description, or the name when there is none.

    Raises
    ------
    InputError
        The file is missing, not XML, not a codebook, or holds an invalid code (the
        message names the file and what is wrong).
    """
    path = Path(path)
    root, ns = _root(_read_file(path), path.name, "codebook", "CodeBook")
    codes_el = root.find(f"{{{ns}}}Codes")
    if codes_el is None:
        raise InputError(f"{path.name}: the codebook has no <Codes>")
    nodes, problems = _code_nodes(codes_el, ns, root.get("origin") or "", path.name)
    codes: list[Code] = []
    for item in _code_records(nodes, path.name):
        if isinstance(item, Problem):
            problems.append(item)
        else:
            assert isinstance(item.entity, Code)
            codes.append(item.entity)
    if problems:
        more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
        raise InputError(f"{path.name}: invalid codebook: " + "; ".join(str(p) for p in problems[:5]) + more)
    return codes


def _read_file(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot be read: {exc.strerror or exc}") from None


# --------------------------------------------------------------------------- project


class _Files:
    """The files next to ``project.qde``: the ZIP's members, or for a bare ``.qde`` its
    folder's ``sources/`` (only plain file names are looked up there)."""

    def __init__(self, path: Path) -> None:
        self.path, self.label = path, path.name
        self.zip: zipfile.ZipFile | None = None
        self.members: dict[str, zipfile.ZipInfo] = {}
        if zipfile.is_zipfile(path):
            try:
                self.zip = zipfile.ZipFile(path)
            except (zipfile.BadZipFile, OSError) as exc:
                raise InputError(f"{self.label}: not a readable ZIP archive: {exc}") from None
            self.members = {i.filename.lower(): i for i in self.zip.infolist() if not i.is_dir()}

    def project(self) -> bytes:
        if self.zip is None:
            data = _read_file(self.path)
            if not data.lstrip(_BOM + b" \t\r\n").startswith(b"<"):
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
                        return _read_file(file)
        return None

    def _read(self, info: zipfile.ZipInfo) -> bytes:
        assert self.zip is not None
        if info.file_size > MAX_INTERNAL_BYTES:
            raise InputError(f"{self.label}: {info.filename} is larger than REFI-QDA allows (2 GiB)")
        try:
            return self.zip.read(info)
        except (zipfile.BadZipFile, RuntimeError, OSError, EOFError) as exc:
            raise InputError(f"{self.label}: {info.filename} cannot be read from the archive: {exc}") from None

    def close(self) -> None:
        if self.zip is not None:
            self.zip.close()


@dataclass
class _Source:
    el: ET.Element
    guid: str
    title: str
    declared_id: str
    where: str
    id: str = ""


class _ProjectReader:
    def __init__(self, root: ET.Element, ns: str, files: _Files) -> None:
        self.root, self.ns, self.files, self.label = root, ns, files, files.label
        self.origin = root.get("origin") or ""
        self.ours = self.origin.startswith("tariqa")
        self.skipped: Counter[str] = Counter()
        self.users = {
            g: (u.get("name") or "").strip() or g
            for u in self._all(root, "Users", "User")
            if (g := normalise_guid(u.get("guid")))
        }
        self.variables = {
            g: v.get("name") or ""
            for v in self._all(root, "Variables", "Variable")
            if (g := normalise_guid(v.get("guid")))
        }
        self.code_ids: dict[str, str] = {}
        self.memo_notes: set[str] = set()

    def _q(self, name: str) -> str:
        return f"{{{self.ns}}}{name}"

    def _all(self, el: ET.Element, *path: str) -> list[ET.Element]:
        return el.findall("/".join(self._q(p) for p in path))

    def records(self) -> Iterator[Parsed | Problem]:
        codes_el = self.root.find(f"{self._q('CodeBook')}/{self._q('Codes')}")
        if codes_el is not None:
            nodes, problems = _code_nodes(codes_el, self.ns, self.origin, self.label)
            yield from problems
            self.code_ids = {n.guid: n.id for n in nodes if n.guid}
            yield from _code_records(nodes, self.label)
        notes = self._notes()
        sources = self._sources()
        used: set[str] = set()
        for s in sources:  # our own documents keep their id (the GUID proves it)
            if (
                _SLUG.match(s.declared_id)
                and s.guid == refi_guid("document", s.declared_id)
                and s.declared_id not in used
            ):
                s.id = s.declared_id
                used.add(s.id)
        for s in sources:
            s.id = s.id or _unique(slug(s.title), used, "document")
            yield from self._source(s, notes)
        for name in _NOT_IMPORTED:
            if self.root.find(self._q(name)) is not None:
                self.skipped[f"<{name}>"] += 1
        notes_left = len(self._all(self.root, "Notes", "Note")) - len(self.memo_notes)
        self.skipped["note that is not a coding memo"] += notes_left

    def _notes(self) -> dict[str, str]:
        notes: dict[str, str] = {}
        for note in self._all(self.root, "Notes", "Note"):
            guid = normalise_guid(note.get("guid"))
            try:
                text = self._text(note, f"Note[{note.get('guid')}]", required=False)
            except InputError:  # a note's file missing from the archive loses the note only
                self.skipped["note whose file is not in the archive"] += 1
                continue
            if guid and text:
                notes[guid] = text.strip()
        return notes

    def _sources(self) -> list[_Source]:
        sources: list[_Source] = []
        for el in self._all(self.root, "Sources", "*"):
            _, kind = _split_tag(el.tag)
            name = (el.get("name") or "").strip()
            where = f"TextSource[{el.get('guid')}]"
            if kind == "PDFSource":
                self.skipped["PDF area selection"] += len(el.findall(self._q("PDFSelection")))
                rep = el.find(self._q("Representation"))
                if rep is None:
                    self.skipped["PDF source without a text representation"] += 1
                    continue
                where = f"PDFSource[{el.get('guid')}]/Representation"
                el, name = rep, name or (rep.get("name") or "").strip()
            elif kind != "TextSource":
                self.skipped[f"{_OTHER_SOURCES.get(kind, kind)} source"] += 1
                continue
            raw_guid = el.get("guid") or ""
            guid = normalise_guid(raw_guid) or raw_guid
            ref = el.get("plainTextPath") or ""
            title = name or Path(ref.rpartition("/")[2]).stem or guid
            declared = self._variable_values(el).get(VARIABLE_PREFIX + "id", "")
            sources.append(_Source(el, guid, title, declared, where))
        return sources

    def _variable_values(self, el: ET.Element) -> dict[str, str]:
        values: dict[str, str] = {}
        for vv in el.findall(self._q("VariableValue")):
            ref = vv.find(self._q("VariableRef"))
            text = vv.find(self._q("TextValue"))
            name = self.variables.get(normalise_guid(ref.get("targetGUID")) or "") if ref is not None else None
            if name and text is not None:
                values[name] = text.text or ""
        return values

    def _text(self, el: ET.Element, where: str, *, required: bool = True) -> str | None:
        content = el.find(self._q("PlainTextContent"))
        if content is not None:
            return content.text or ""
        ref = el.get("plainTextPath")
        if not ref:
            return None
        data = self.files.read(ref)
        if data is None:
            self.skipped["text whose file is not in the project"] += 1
            return None
        if data.startswith(_BOM) and not self.ours:
            data = data[len(_BOM) :]
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            if not required:
                return None
            raise InputError(
                f"{self.label}: {where}: {ref} is not UTF-8 text ({exc.reason} at byte {exc.start})"
            ) from None
        return text.replace("\r\n", "\n") if self.origin.startswith("ATLAS.ti") else text

    def _source(self, s: _Source, notes: dict[str, str]) -> Iterator[Parsed | Problem]:
        data: dict[str, object] = {"id": s.id, "title": s.title, "kind": "other"}
        text_format = "txt"
        for name, value in self._variable_values(s.el).items():
            key = name.removeprefix(VARIABLE_PREFIX)
            if not name.startswith(VARIABLE_PREFIX) or key in ("id", "title"):
                continue
            if key == "format":
                text_format = value
            elif key in Document.model_fields:
                try:
                    data[key] = json.loads(value) if "list[" in str(Document.model_fields[key].annotation) else value
                except json.JSONDecodeError:
                    yield Problem(self.label, s.where, name, f"{value!r} is not a JSON list")
        yield from parse_record("documents", data, self.label, s.where)
        text = self._text(s.el, s.where)
        if text:
            yield from parse_record(
                "document_texts", {"id": s.id, "text": text, "format": text_format}, self.label, s.where
            )
        self.skipped["coding of a whole source"] += len(s.el.findall(self._q("Coding")))
        seen: set[tuple[int, int, str, str]] = set()
        for sel in s.el.findall(self._q("PlainTextSelection")):
            yield from self._selection(s, sel, text, notes, seen)

    def _selection(
        self, s: _Source, sel: ET.Element, text: str | None, notes: dict[str, str], seen: set[tuple[int, int, str, str]]
    ) -> Iterator[Parsed | Problem]:
        codings = sel.findall(self._q("Coding"))
        if not codings:
            return  # a selection with a comment but no code (MAXQDA)
        where = f"{s.where}/PlainTextSelection[{sel.get('guid')}]"
        if not text:
            self.skipped["coding of a source without text"] += len(codings)
            return
        try:
            start, end = int(sel.get("startPosition") or ""), int(sel.get("endPosition") or "")
        except ValueError:
            yield Problem(self.label, where, "startPosition", "the selection's positions are not whole numbers")
            return
        if not 0 <= start < end <= len(text):
            yield Problem(
                self.label, where, "endPosition", f"the span {start}-{end} is not inside the text (0-{len(text)})"
            )
            return
        memo = [t for t in [(self._child_text(sel, "Description") or "").strip()] if t]
        memo += self._note_texts(sel, notes)
        default_user = sel.get("creatingUser") or s.el.get("creatingUser") or self.root.get("creatingUserGUID")
        for coding in codings:
            cwhere = f"{where}/Coding[{coding.get('guid')}]"
            ref = coding.find(self._q("CodeRef"))
            target = normalise_guid(ref.get("targetGUID")) if ref is not None else None
            code = self.code_ids.get(target or "")
            if code is None:
                yield Problem(self.label, cwhere, "CodeRef", f"refers to no code of the codebook ({target})")
                continue
            user = coding.get("creatingUser") or default_user
            coder = self.users.get(normalise_guid(user) or "") or user or "unknown"
            if (start, end, code, coder) in seen:
                continue
            seen.add((start, end, code, coder))
            record = {"document": s.id, "start": start, "end": end, "code": code, "coder": coder, "status": "manual"}
            memos = memo + self._note_texts(coding, notes)
            if memos:
                record["memo"] = "\n\n".join(memos)
            created = _datetime(coding.get("creationDateTime"))
            if created is not None:
                record["created"] = created
            yield from parse_record("codings", record, self.label, cwhere)

    def _child_text(self, el: ET.Element, name: str) -> str | None:
        child = el.find(self._q(name))
        return child.text if child is not None else None

    def _note_texts(self, el: ET.Element, notes: dict[str, str]) -> list[str]:
        refs = [normalise_guid(r.get("targetGUID")) or "" for r in el.findall(self._q("NoteRef"))]
        found = [g for g in refs if notes.get(g)]
        self.memo_notes.update(found)
        return [notes[g] for g in found]

    def warnings(self) -> list[str]:
        return [f"{self.label}: not imported: {n} × {what}" for what, n in sorted(self.skipped.items()) if n]


def _datetime(value: str | None) -> datetime | None:
    try:
        return datetime.fromisoformat(value) if value else None
    except ValueError:
        return None


def read_qdpx(path: Path, *, warn: Warn | None = None) -> Iterator[Parsed | Problem]:
    """Read a REFI-QDA project (``.qdpx`` archive or bare ``.qde``) as tariqa records.

    Yields Codes, then per text source its Document (kind ``other``, titled by the source's
    name), DocumentText (exactly the text the offsets index into) and Codings (coder = the
    User's name, else its GUID; status ``manual``; the memo from the selection's
    Description and the notes the coding points to). Records are located by file name and
    element path. Documents and codes written by tariqa come back with their ids and fields.

    A bad selection (a span outside its text, an unknown code) is a :class:`Problem`;
    selections without codings are skipped. ``warn`` is called once per kind of content
    that was left out (pictures, PDF areas, media, cases, sets, ...).

    Raises
    ------
    InputError
        The file is neither a ZIP nor XML, the archive has no ``project.qde``, the XML is
        not a REFI-QDA project, or a source's text file is missing from the archive or is
        not UTF-8.
    """
    path = Path(path)
    files = _Files(path)
    try:
        root, ns = _root(files.project(), path.name, "project", "Project")
        reader = _ProjectReader(root, ns, files)
        yield from reader.records()
        if warn is not None:
            for message in reader.warnings():
                warn(message)
    finally:
        files.close()
