"""Reading REFI-QDA files: codebooks (``.qdc``) and projects (``.qdpx``, bare ``.qde``).

The reader is lenient about what real programs write (see ``qda.md`` §4.5): any version
of the ``urn:QDA-XML:`` namespaces, ``Sources/`` and ``Project.qde`` in any case, GUIDs in
braces or lower case, a UTF-8 BOM, CRLF line ends (ATLAS.ti counts them as one character,
so its texts are indexed with CRLF collapsed to LF), bare file names as text paths, text
inline in ``PlainTextContent``, hierarchies flattened into names (``Coke::diet Coke``,
Taguette's ``a.b``) and duplicate names under different parents (codes are keyed by GUID).

Notes become memos (:mod:`tariqa.io.refi_qda_memos`): about the document or code that
points to them, about the project when nothing does, or a coding's memo text. What tariqa
has no place for (pictures, PDF areas, audio and video, cases, sets, links, graphs, notes
about them) is skipped; ``warn`` is told what was left out.

This module reads a project's sources, texts, codings and notes; the archive and its XML
are opened in :mod:`tariqa.io.refi_qda_archive`, the codebook is read in
:mod:`tariqa.io.refi_qda_codes`.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from xml.etree import ElementTree as ET

from tariqa.errors import InputError, Problem
from tariqa.io.refi_qda_archive import BOM, ProjectFiles, parse_xml, root_element, split_tag
from tariqa.io.refi_qda_codes import assign_ids, code_nodes, code_records, normalise_guid, read_qdc, slug
from tariqa.io.refi_qda_memos import NoteText, is_memo_note, memo_records, read_note
from tariqa.io.refi_qda_write import VARIABLE_PREFIX, Warn
from tariqa.io.validation import parse_record
from tariqa.model import Document, Parsed
from tariqa.model.ids import derived_id

__all__ = ["normalise_guid", "parse_xml", "read_qdc", "read_qdpx", "slug"]

_OTHER_SOURCES = {
    "PictureSource": "picture",
    "AudioSource": "audio",
    "VideoSource": "video",
}
_NOT_IMPORTED = ("Cases", "Sets", "Links", "Graphs")


@dataclass
class _Source:
    el: ET.Element
    guid: str
    title: str
    declared_id: str
    where: str
    id: str = ""


class _ProjectReader:
    def __init__(self, root: ET.Element, ns: str, files: ProjectFiles) -> None:
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
        self.memo_notes: set[str] = set()  # notes read, as memos or as a coding's memo text
        self.memo_keys: set[str] = set()

    def _q(self, name: str) -> str:
        return f"{{{self.ns}}}{name}"

    def _all(self, el: ET.Element, *path: str) -> list[ET.Element]:
        return el.findall("/".join(self._q(p) for p in path))

    def records(self) -> Iterator[Parsed | Problem]:
        notes = self._notes()
        codes_el = self.root.find(f"{self._q('CodeBook')}/{self._q('Codes')}")
        if codes_el is not None:
            nodes, problems = code_nodes(codes_el, self.ns, self.origin, self.label)
            yield from problems
            self.code_ids = {n.guid: n.id for n in nodes if n.guid}
            yield from code_records(nodes, self.label)
            for el in codes_el.iter(self._q("Code")):
                code = self.code_ids.get(normalise_guid(el.get("guid")) or "")
                if code is not None:
                    yield from self._memos("code", code, el, notes)
        sources = self._sources()
        ids = assign_ids([(s.declared_id, s.guid, slug(s.title)) for s in sources], "document")
        for s, id_ in zip(sources, ids, strict=True):
            s.id = id_
            yield from self._source(s, notes)
        referenced = {normalise_guid(r.get("targetGUID")) for r in self.root.iter(self._q("NoteRef"))}
        free = [note for guid, note in notes.items() if guid not in referenced]
        self.memo_notes.update(note.guid for note in free)
        yield from memo_records("project", "project", free, self.ours, self.label, self.memo_keys)
        for name in _NOT_IMPORTED:
            if self.root.find(self._q(name)) is not None:
                self.skipped[f"<{name}>"] += 1
        self.skipped["note about something not imported"] += len(set(notes) - self.memo_notes)

    def _notes(self) -> dict[str, NoteText]:
        notes: dict[str, NoteText] = {}
        for note in self._all(self.root, "Notes", "Note"):
            guid = normalise_guid(note.get("guid"))
            try:
                text = self._text(note, f"Note[{note.get('guid')}]", required=False)
            except InputError:  # a note's file missing from the archive loses the note only
                self.skipped["note whose file is not in the archive"] += 1
                continue
            if guid and text and text.strip():
                user = normalise_guid(note.get("creatingUser"))
                notes[guid] = read_note(note, guid, text.strip(), self.users, user)
        return notes

    def _memos(self, about: str, target: str, el: ET.Element, notes: dict[str, NoteText]) -> Iterator[Parsed | Problem]:
        """The memos about ``target`` from the notes that ``el`` points to."""
        found = [
            notes[g] for r in el.findall(self._q("NoteRef")) if (g := normalise_guid(r.get("targetGUID"))) in notes
        ]
        self.memo_notes.update(note.guid for note in found)
        yield from memo_records(about, target, found, self.ours, self.label, self.memo_keys)

    def _sources(self) -> list[_Source]:
        sources: list[_Source] = []
        for el in self._all(self.root, "Sources", "*"):
            _, kind = split_tag(el.tag)
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
        if data.startswith(BOM) and not self.ours:
            data = data[len(BOM) :]
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            if not required:
                return None
            raise InputError(
                f"{self.label}: {where}: {ref} is not UTF-8 text ({exc.reason} at byte {exc.start})"
            ) from None
        return text.replace("\r\n", "\n") if self.origin.startswith("ATLAS.ti") else text

    def _source(self, s: _Source, notes: dict[str, NoteText]) -> Iterator[Parsed | Problem]:
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
        yield from self._memos("document", s.id, s.el, notes)
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
        self,
        s: _Source,
        sel: ET.Element,
        text: str | None,
        notes: dict[str, NoteText],
        seen: set[tuple[int, int, str, str]],
    ) -> Iterator[Parsed | Problem]:
        codings = sel.findall(self._q("Coding"))
        if not codings:
            return  # a selection with a comment but no code (MAXQDA)
        where = f"{s.where}/PlainTextSelection[{sel.get('guid')}]"
        if not text:
            self.skipped["coding of a source without text"] += len(codings)
            return
        span = self._span(sel, text, where)
        if isinstance(span, Problem):
            yield span
            return
        start, end = span
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
            key = derived_id("coding", s.id, str(start), str(end), code, coder)
            noted = self._noted(coding, notes)
            own = [n for n in noted if self.ours and is_memo_note("coding", key, n)]
            memos = memo + [n.text for n in noted if n not in own]
            if memos:
                record["memo"] = "\n\n".join(memos)
            created = _datetime(coding.get("creationDateTime"))
            if created is not None:
                record["created"] = created
            yield from parse_record("codings", record, self.label, cwhere)
            yield from memo_records("coding", key, own, self.ours, self.label, self.memo_keys)

    def _span(self, sel: ET.Element, text: str, where: str) -> tuple[int, int] | Problem:
        """The selection's start and end, or the Problem if they are not a span of ``text``."""
        try:
            start, end = int(sel.get("startPosition") or ""), int(sel.get("endPosition") or "")
        except ValueError:
            return Problem(self.label, where, "startPosition", "the selection's positions are not whole numbers")
        if not 0 <= start < end <= len(text):
            return Problem(
                self.label, where, "endPosition", f"the span {start}-{end} is not inside the text (0-{len(text)})"
            )
        return start, end

    def _child_text(self, el: ET.Element, name: str) -> str | None:
        child = el.find(self._q(name))
        return child.text if child is not None else None

    def _noted(self, el: ET.Element, notes: dict[str, NoteText]) -> list[NoteText]:
        """The notes ``el`` points to (they are read: as memos, or as memo text)."""
        refs = [normalise_guid(r.get("targetGUID")) or "" for r in el.findall(self._q("NoteRef"))]
        found = [notes[g] for g in refs if g in notes]
        self.memo_notes.update(n.guid for n in found)
        return found

    def _note_texts(self, el: ET.Element, notes: dict[str, NoteText]) -> list[str]:
        return [n.text for n in self._noted(el, notes)]

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
    files = ProjectFiles(path)
    try:
        root, ns = root_element(files.project(), path.name, "project", "Project")
        reader = _ProjectReader(root, ns, files)
        yield from reader.records()
        if warn is not None:
            for message in reader.warnings():
                warn(message)
    finally:
        files.close()
