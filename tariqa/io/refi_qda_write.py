"""Writing REFI-QDA files: the codebook (``.qdc``) and the project (``.qdpx``).

This module also defines how tariqa's records map onto REFI-QDA, which the reader
(:mod:`tariqa.io.refi_qda_read`) undoes:

- **GUIDs** are uuid5 in tariqa's namespace (:data:`tariqa.model.ids.NAMESPACE`) of the
  record's kind and natural key, upper case: the same record always gets the same GUID.
- **Codes** nest by ``parent``. The ``Description`` is the definition, a blank line, then
  one ``Label: value`` line per inclusion, exclusion, example, nature, keyword and
  pattern, and ``Id: <code id>`` (continuation lines of a multi-line value are indented
  by two spaces): readable in any QDA program, and read back field by field.
- **Documents** are ``TextSource``\\ s named by title, with the text in
  ``sources/<GUID>.txt`` (UTF-8, no BOM); the other fields of the document (id, kind,
  date, ...) travel as Text ``Variables`` named ``tariqa:<field>`` (lists as JSON).
- **Codings**: one ``PlainTextSelection`` per distinct span, holding one ``Coding`` per
  (code, coder); the coder is a ``User``; a memo is a ``Note`` the coding points to with
  a ``NoteRef``.
- **Memos** (tariqa's memo records) are ``Note``\\ s too, pointed to by what they are about
  (a source, a code, a coding; nothing for the project); see :mod:`tariqa.io.refi_qda_memos`.

Everything is written in a fixed order with fixed ZIP timestamps, so the same records
give the same bytes.
"""

from __future__ import annotations

import json
import os
import re
import uuid
import zipfile
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, BinaryIO
from xml.etree import ElementTree as ET
from xml.sax.saxutils import escape

from tariqa.errors import TariqaError
from tariqa.model import Code, Coding, Document, DocumentText, Memo, codebook_problems
from tariqa.model.ids import NAMESPACE
from tariqa.version import __version__
from tariqa.vocab import CodingStatus

CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
PROJECT_NS = "urn:QDA-XML:project:1.0"
#: The ``origin`` attribute of the files tariqa writes; the reader recognises its own files by it.
ORIGIN = f"tariqa {__version__}"
#: Largest internal file REFI-QDA allows (spec §8.3).
MAX_INTERNAL_BYTES = 2_147_483_647
#: Prefix of the Variables that carry a document's fields.
VARIABLE_PREFIX = "tariqa:"

Warn = Callable[[str], None]

_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_EXPORTED = (CodingStatus.MANUAL, CodingStatus.ACCEPTED)
# Code field → label of its line in the Description (lists give one line per item).
_LABELS = {
    "inclusion": "Inclusion",
    "exclusion": "Exclusion",
    "examples": "Example",
    "counter_examples": "Counter-example",
    "nature": "Nature",
    "keywords": "Keyword",
    "patterns": "Pattern",
    "exclude": "Exclude",
    "context": "Context",
    "id": "Id",
}
_FIELDS = {label: field for field, label in _LABELS.items()}
_LIST_FIELDS = frozenset({"examples", "counter_examples", "keywords", "patterns", "exclude", "context"})
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def refi_guid(kind: str, *key: str) -> str:
    """The stable REFI-QDA GUID of a record: uuid5 of its kind and key, upper case.

    >>> refi_guid("code", "threat")
    '626A8389-0847-53E9-938D-AAB1A02E523B'
    """
    return str(uuid.uuid5(NAMESPACE, "\x1f".join(("refi-qda", kind, *key)))).upper()


def note_guid(memo: Memo) -> str:
    """The GUID of the ``Note`` of a memo record: the same memo always gets the same GUID."""
    return refi_guid("note", memo.key)


def note_of(memo: Memo) -> ET.Element:
    """The ``Note`` of a memo record: its text, its author (a ``User``) and when it was written."""
    attrs = {"guid": note_guid(memo), "name": f"Memo by {memo.author}", "creatingUser": refi_guid("user", memo.author)}
    if memo.created is not None:
        attrs["creationDateTime"] = memo.created.isoformat()
    note = ET.Element("Note", attrs)
    ET.SubElement(note, "PlainTextContent").text = memo.text
    return note


def code_description(code: Code) -> str:
    """A code's ``Description``: the definition, then its other fields as labelled lines.

    >>> print(code_description(Code(id="threat", name="Threat", definition="Shared threat.", examples=["PKK"])))
    Shared threat.
    <BLANKLINE>
    Example: PKK
    Id: threat
    """
    lines = []
    for field, label in _LABELS.items():
        value = getattr(code, field)
        for item in value if isinstance(value, list) else [] if value is None else [value]:
            lines.append(f"{label}: " + str(item).replace("\n", "\n  "))
    return f"{code.definition}\n\n" + "\n".join(lines)


def parse_description(text: str) -> dict[str, Any] | None:
    """The fields of a Description written by :func:`code_description`, or None when the
    text does not end with such a block (as any other program's description).

    >>> parse_description("Shared threat.\\n\\nExample: PKK\\nExample: ISIS\\nId: threat")
    {'examples': ['PKK', 'ISIS'], 'id': 'threat', 'definition': 'Shared threat.'}
    >>> parse_description("Just a description") is None
    True
    """
    head, sep, tail = text.rpartition("\n\n")
    if not sep:
        return None
    fields: dict[str, Any] = {}
    last: tuple[str, int] | None = None  # the field (and list index) a continuation extends
    for line in tail.split("\n"):
        if line.startswith("  ") and last is not None:
            field, index = last
            if field in _LIST_FIELDS:
                fields[field][index] += "\n" + line[2:]
            else:
                fields[field] += "\n" + line[2:]
            continue
        label, colon, value = line.partition(": ")
        field = _FIELDS.get(label, "")
        if not colon or not field or (field in fields and field not in _LIST_FIELDS):
            return None
        if field in _LIST_FIELDS:
            fields.setdefault(field, []).append(value)
            last = (field, len(fields[field]) - 1)
        else:
            fields[field] = value
            last = (field, 0)
    if "id" not in fields:
        return None
    fields["definition"] = head
    return fields


# --------------------------------------------------------------------------- codebook


def write_qdc(codes: Sequence[Code], fh: BinaryIO) -> None:
    """Write a codebook as a REFI-QDA ``.qdc`` file (valid against ``Codebook.xsd``).

    Codes nest by ``parent`` (siblings sorted by id); every code is codable; the colour
    is kept. The same codes give the same bytes.

    Raises
    ------
    TariqaError
        The codebook is empty (REFI-QDA needs one code), inconsistent (unknown parent,
        cycle), or holds a character XML cannot carry.
    """
    if not codes:
        raise TariqaError("an empty codebook cannot be written as REFI-QDA: it needs at least one code")
    root = ET.Element("CodeBook", {"xmlns": CODEBOOK_NS, "origin": ORIGIN})
    _add_codes(ET.SubElement(root, "Codes"), codes)
    fh.write(serialise(root))


def _add_codes(
    parent_el: ET.Element, codes: Sequence[Code], notes: dict[tuple[str, str], list[str]] | None = None
) -> None:
    problems = codebook_problems(codes)
    if problems:
        raise TariqaError(f"the codebook cannot be exported: {'; '.join(problems)}")
    children: dict[str | None, list[Code]] = defaultdict(list)
    for code in codes:
        children[code.parent].append(code)

    def add(el: ET.Element, parent: str | None) -> None:
        for code in sorted(children[parent], key=lambda c: c.id):
            attrs = {"guid": refi_guid("code", code.id), "name": code.name, "isCodable": "true"}
            if code.colour:
                attrs["color"] = code.colour
            code_el = ET.SubElement(el, "Code", attrs)
            ET.SubElement(code_el, "Description").text = code_description(code)
            for guid in (notes or {}).get(("code", code.id), []):
                ET.SubElement(code_el, "NoteRef", {"targetGUID": guid})
            add(code_el, code.id)

    add(parent_el, None)


# --------------------------------------------------------------------------- project


def write_qdpx(
    path: Path,
    documents: Sequence[Document],
    texts: Sequence[DocumentText],
    codes: Sequence[Code],
    codings: Sequence[Coding],
    coders: Iterable[str] = (),
    *,
    memos: Sequence[Memo] = (),
    name: str = "tariqa",
    warn: Warn | None = None,
) -> None:
    """Write a REFI-QDA project archive (``.qdpx``): ``project.qde`` and ``sources/``.

    ``coders`` adds Users beyond the coders of the codings. Only applied codings are
    exported: ``manual`` and ``accepted`` ones (both come back as ``manual``, without
    score); ``suggested`` and ``rejected`` suggestions are left out, and so are the
    ``memos`` about them. ``warn`` is called with a message for each such loss. The file
    is replaced atomically.

    Raises
    ------
    TariqaError
        The records are inconsistent (a text, coding or code that refers to a missing
        record, a span outside its text), a text is too large for REFI-QDA, or a value
        holds a character XML cannot carry.
    """
    docs = {d.id: d for d in documents}
    text_of = {t.id: t for t in texts}
    code_ids = {c.id for c in codes}
    for t in texts:
        if t.id not in docs:
            raise TariqaError(f"the text of document {t.id!r} has no document record")
        if len(t.text.encode("utf-8")) > MAX_INTERNAL_BYTES:
            raise TariqaError(f"the text of document {t.id!r} is larger than REFI-QDA allows (2 GiB)")
    applied = [c for c in codings if c.status in _EXPORTED]
    _check_codings(applied, text_of, code_ids)
    _warn_losses(codings, applied, warn)
    kept = _memos(memos, set(docs), code_ids, {c.key for c in applied}, warn)
    refs: dict[tuple[str, str], list[str]] = {}
    for memo in sorted(kept, key=note_guid):
        if memo.about != "project":
            refs.setdefault((memo.about, memo.target), []).append(note_guid(memo))

    spans: dict[str, dict[tuple[int, int], list[Coding]]] = defaultdict(lambda: defaultdict(list))
    for c in applied:
        spans[c.document][(c.start, c.end)].append(c)
    users = sorted({c.coder for c in applied} | set(coders) | {m.author for m in kept})

    root = ET.Element("Project", {"xmlns": PROJECT_NS, "name": name, "origin": ORIGIN})
    if users:
        users_el = ET.SubElement(root, "Users")
        for user in users:
            ET.SubElement(users_el, "User", {"guid": refi_guid("user", user), "name": user})
    if codes:
        _add_codes(ET.SubElement(ET.SubElement(root, "CodeBook"), "Codes"), codes, refs)
    variables = {doc_id: _variables(doc, text_of.get(doc_id)) for doc_id, doc in docs.items()}
    names = [n for n in _variable_names() if any(n in v for v in variables.values())]
    if names:
        vars_el = ET.SubElement(root, "Variables")
        for var in names:
            ET.SubElement(
                vars_el, "Variable", {"guid": refi_guid("variable", var), "name": var, "typeOfVariable": "Text"}
            )
    notes: list[ET.Element] = []
    if docs:
        sources_el = ET.SubElement(root, "Sources")
        for doc_id in sorted(docs):
            text = text_of.get(doc_id)
            _add_source(sources_el, docs[doc_id], text, spans[doc_id], variables[doc_id], notes, refs)
    notes += [note_of(m) for m in sorted(kept, key=note_guid)]
    if notes:
        ET.SubElement(root, "Notes").extend(notes)

    files = [("project.qde", serialise(root))]
    files += [(f"sources/{refi_guid('document', i)}.txt", text_of[i].text.encode("utf-8")) for i in sorted(text_of)]
    _write_zip(Path(path), files)


def _check_codings(codings: Sequence[Coding], text_of: dict[str, DocumentText], code_ids: set[str]) -> None:
    for c in codings:
        text = text_of.get(c.document)
        if text is None:
            raise TariqaError(f"a coding of document {c.document!r} cannot be exported: the document has no text")
        if c.end > len(text.text):
            raise TariqaError(f"a coding of document {c.document!r} ends at {c.end}, past the end of its text")
        if c.code not in code_ids:
            raise TariqaError(f"a coding of document {c.document!r} uses code {c.code!r}, which is not in the codebook")


def _memos(memos: Sequence[Memo], docs: set[str], codes: set[str], applied: set[str], warn: Warn | None) -> list[Memo]:
    """The memos that go into the file: every one but those about codings left out."""
    kept, left = [], 0
    for memo in memos:
        known = {"document": docs, "code": codes, "coding": applied}.get(memo.about)
        if known is None or memo.target in known:
            kept.append(memo)
        elif memo.about == "coding":
            left += 1
        else:
            raise TariqaError(f"a memo is about {memo.about} {memo.target!r}, which is not in the project")
    if left and warn is not None:
        warn(f"{left} memo(s) on suggested or rejected codings not exported")
    return kept


def _warn_losses(codings: Sequence[Coding], applied: Sequence[Coding], warn: Warn | None) -> None:
    if warn is None:
        return
    left = len(codings) - len(applied)
    if left:
        warn(f"{left} suggested or rejected coding(s) not exported: REFI-QDA has no suggestions")
    accepted = sum(c.status is CodingStatus.ACCEPTED for c in applied)
    if accepted:
        warn(f"{accepted} accepted suggestion(s) exported as plain codings (status and score are not kept)")


def _variable_names() -> list[str]:
    fields = [f for f in Document.model_fields if f != "title"]
    return [VARIABLE_PREFIX + f for f in [*fields, "format"]]


def _variables(doc: Document, text: DocumentText | None) -> dict[str, str]:
    """A document's fields (all but the title, which is the source's name) as Text values."""
    record = doc.to_record()
    del record["title"]
    if text is not None and text.format != "txt":
        record["format"] = text.format
    return {
        VARIABLE_PREFIX + k: v if isinstance(v, str) else json.dumps(v, ensure_ascii=False) for k, v in record.items()
    }


def _add_source(
    sources_el: ET.Element,
    doc: Document,
    text: DocumentText | None,
    spans: dict[tuple[int, int], list[Coding]],
    variables: dict[str, str],
    notes: list[ET.Element],
    refs: dict[tuple[str, str], list[str]],
) -> None:
    guid = refi_guid("document", doc.id)
    attrs = {"guid": guid, "name": doc.title}
    if text is not None:
        attrs["plainTextPath"] = f"internal://{guid}.txt"
    source_el = ET.SubElement(sources_el, "TextSource", attrs)
    if text is None:
        ET.SubElement(source_el, "PlainTextContent").text = ""  # a source without text
    for start, end in sorted(spans):
        assert text is not None  # checked: every coding's document has a text
        sel = ET.SubElement(
            source_el,
            "PlainTextSelection",
            {
                "guid": refi_guid("selection", doc.id, str(start), str(end)),
                "name": _excerpt(text.text[start:end]),
                "startPosition": str(start),
                "endPosition": str(end),
            },
        )
        for c in sorted(spans[(start, end)], key=lambda c: (c.code, c.coder)):
            key = (c.document, str(c.start), str(c.end), c.code, c.coder)
            attrs = {"guid": refi_guid("coding", *key), "creatingUser": refi_guid("user", c.coder)}
            if c.created is not None:
                attrs["creationDateTime"] = c.created.isoformat()
            coding_el = ET.SubElement(sel, "Coding", attrs)
            ET.SubElement(coding_el, "CodeRef", {"targetGUID": refi_guid("code", c.code)})
            if c.memo:
                note_guid = refi_guid("memo", *key)
                ET.SubElement(coding_el, "NoteRef", {"targetGUID": note_guid})
                note = ET.Element("Note", {"guid": note_guid, "name": f"Memo: {c.code} ({c.coder})"})
                ET.SubElement(note, "PlainTextContent").text = c.memo
                notes.append(note)
            for guid in refs.get(("coding", c.key), []):
                ET.SubElement(coding_el, "NoteRef", {"targetGUID": guid})
    for guid in refs.get(("document", doc.id), []):
        ET.SubElement(source_el, "NoteRef", {"targetGUID": guid})
    for var, value in variables.items():
        value_el = ET.SubElement(source_el, "VariableValue")
        ET.SubElement(value_el, "VariableRef", {"targetGUID": refi_guid("variable", var)})
        ET.SubElement(value_el, "TextValue").text = value


def _excerpt(span: str, limit: int = 60) -> str:
    """A selection's name: its text on one line, shortened, with no character XML refuses.

    >>> _excerpt("Three\\n Brothers", 9)
    'Three Bro…'
    """
    line = _NOT_XML.sub("\ufffd", " ".join(span.split()))
    return line if len(line) <= limit else line[:limit] + "…"


def _write_zip(path: Path, files: list[tuple[str, bytes]]) -> None:
    partial = path.with_name(path.name + ".partial")
    try:
        with zipfile.ZipFile(partial, "w") as zf:
            for member, data in files:
                info = zipfile.ZipInfo(member, date_time=_ZIP_TIME)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                zf.writestr(info, data)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


# --------------------------------------------------------------------------- XML


def serialise(root: ET.Element) -> bytes:
    """UTF-8 XML of an element tree, indented, with every character escaped that an XML
    parser would otherwise change (CR in text; CR, LF and tab in attributes).

    >>> el = ET.Element("Code", {"name": "a\\tb"})
    >>> ET.SubElement(el, "Description").text = "x\\r\\ny"
    >>> print(serialise(el).decode())
    <?xml version="1.0" encoding="utf-8"?>
    <Code name="a&#9;b">
      <Description>x&#13;
    y</Description>
    </Code>
    <BLANKLINE>
    """
    out = ['<?xml version="1.0" encoding="utf-8"?>\n']
    _write_element(root, out, 0, root)
    return "".join(out).encode("utf-8")


def _write_element(el: ET.Element, out: list[str], depth: int, owner: ET.Element) -> None:
    pad = "  " * depth
    owner = el if ("name" in el.attrib or "guid" in el.attrib) else owner  # named in messages
    attrs = "".join(f' {k}="{_attr(owner, k, v)}"' for k, v in el.attrib.items())
    if len(el):
        out.append(f"{pad}<{el.tag}{attrs}>\n")
        for child in el:
            _write_element(child, out, depth + 1, owner)
        out.append(f"{pad}</{el.tag}>\n")
    elif el.text is not None:
        _check_xml(owner, el.tag, el.text)
        out.append(f"{pad}<{el.tag}{attrs}>{escape(el.text, {chr(13): '&#13;'})}</{el.tag}>\n")
    else:
        out.append(f"{pad}<{el.tag}{attrs}/>\n")


def _attr(el: ET.Element, key: str, value: str) -> str:
    _check_xml(el, key, value)
    return escape(value, {'"': "&quot;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})


def _check_xml(el: ET.Element, field: str, value: str) -> None:
    bad = _NOT_XML.search(value)
    if bad:
        what = el.get("name") or el.get("guid") or ""
        raise TariqaError(
            f"cannot write {el.tag} {what!r} as REFI-QDA: its {field} contains U+{ord(bad.group()):04X},"
            " a character XML cannot hold"
        )
