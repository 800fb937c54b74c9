"""Reading REFI-QDA codes: the codebook tree (hierarchies nested, or flattened into names
as ``Coke::diet Coke`` and Taguette's ``a.b``) turned into tariqa codes with ids, and the
GUID and id helpers the project reader shares."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree as ET

from tariqa.errors import InputError, Problem
from tariqa.io.refi_qda_archive import read_file, root_element
from tariqa.io.refi_qda_write import parse_description, refi_guid
from tariqa.io.validation import parse_record
from tariqa.model import Code, Parsed

_GUID = re.compile(r"^\{?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\}?$")
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_COLOUR = re.compile(r"^#(?:[0-9a-fA-F]{3}){1,2}$")


# --------------------------------------------------------------------------- GUIDs and ids


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


def assign_ids(candidates: Sequence[tuple[str, str | None, str]], kind: str) -> list[str]:
    """Ids for the codes or documents of a file, in file order, from ``(declared id, GUID,
    slug)`` triples. Our own keep their declared id (the GUID proves it:
    ``refi_guid(kind, id)``) unless it is taken; the others get their slug (``kind`` if it
    is empty) made unique."""
    used: set[str] = set()
    ids = [""] * len(candidates)
    for k, (declared, guid, _) in enumerate(candidates):
        if _SLUG.match(declared) and guid == refi_guid(kind, declared) and declared not in used:
            ids[k] = declared
            used.add(declared)
    for k, (_, _, base) in enumerate(candidates):
        ids[k] = ids[k] or _unique(base, used, kind)
    return ids


# --------------------------------------------------------------------------- codes


@dataclass
class CodeNode:
    guid: str | None  # None for a parent made up from a flattened name
    name: str
    path: tuple[str, ...]
    where: str
    description: str = ""
    colour: str | None = None
    parent: CodeNode | None = None
    flat: bool = False  # the hierarchy was in the name
    id: str = ""
    children: list[CodeNode] = field(default_factory=list)


def _separator(origin: str) -> str | None:
    if origin.startswith("tariqa"):
        return None
    return "." if origin.startswith("Taguette") else "::"


def _code_node(
    el: ET.Element, ns: str, guid: str, name: str, where: str, parent: CodeNode | None, sep: str | None
) -> CodeNode:
    """The code of ``<Code>`` element ``el``: its path from its parent's or, at the top
    level, from a name with the hierarchy in it (``sep``); description and colour."""
    node = CodeNode(guid, name, (name,), where, parent=parent)
    segments = [s.strip() for s in name.split(sep)] if (sep and parent is None) else []
    if len(segments) > 1 and all(segments):
        node.name, node.path, node.flat = segments[-1], tuple(segments), True
    elif parent is not None:
        node.path = (*parent.path, name)
    desc = el.find(f"{{{ns}}}Description")
    node.description = (desc.text or "") if desc is not None else ""
    colour = (el.get("color") or "").strip()
    node.colour = colour if _COLOUR.match(colour) else None
    return node


def code_nodes(codes_el: ET.Element, ns: str, origin: str, label: str) -> tuple[list[CodeNode], list[Problem]]:
    """The codes in file order, parents before children, with their ids assigned."""
    sep = _separator(origin)
    nodes: list[CodeNode] = []
    problems: list[Problem] = []
    seen: set[str] = set()
    stack: list[tuple[ET.Element, CodeNode | None]] = [(el, None) for el in reversed(codes_el.findall(f"{{{ns}}}Code"))]
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
        node = _code_node(el, ns, guid, name, where, parent, sep)
        nodes.append(node)
        stack.extend((child, node) for child in reversed(el.findall(f"{{{ns}}}Code")))
    _attach_flat(nodes)
    ordered = _tree_order(nodes)
    _assign_ids(ordered)
    return ordered, problems


def _attach_flat(nodes: list[CodeNode]) -> None:
    """Give codes whose hierarchy was in their name their parents, made up if missing."""
    by_path: dict[tuple[str, ...], CodeNode] = {}
    for node in nodes:
        by_path.setdefault(node.path, node)

    def parent_of(path: tuple[str, ...], where: str) -> CodeNode:
        found = by_path.get(path)
        if found is None:
            found = CodeNode(None, path[-1], path, where)
            by_path[path] = found
            nodes.append(found)
            if len(path) > 1:
                found.parent = parent_of(path[:-1], where)
        return found

    for node in list(nodes):
        if node.flat:
            node.parent = parent_of(node.path[:-1], node.where)


def _tree_order(nodes: list[CodeNode]) -> list[CodeNode]:
    for node in nodes:
        if node.parent is not None:
            node.parent.children.append(node)
    ordered: list[CodeNode] = []
    stack = [n for n in reversed(nodes) if n.parent is None]
    while stack:
        node = stack.pop()
        ordered.append(node)
        stack.extend(reversed(node.children))
    return ordered


def _assign_ids(nodes: list[CodeNode]) -> None:
    """Our own codes keep their id (the Description says it and the GUID proves it);
    the others get the slug of their name path, made unique."""
    declared = [str((parse_description(node.description) or {}).get("id", "")) for node in nodes]
    candidates = [(own, node.guid, slug("-".join(node.path))) for own, node in zip(declared, nodes, strict=True)]
    for node, id_ in zip(nodes, assign_ids(candidates, "code"), strict=True):
        node.id = id_


def code_records(nodes: list[CodeNode], label: str) -> Iterator[Parsed | Problem]:
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
    root, ns = root_element(read_file(path), path.name, "codebook", "CodeBook")
    codes_el = root.find(f"{{{ns}}}Codes")
    if codes_el is None:
        raise InputError(f"{path.name}: the codebook has no <Codes>")
    nodes, problems = code_nodes(codes_el, ns, root.get("origin") or "", path.name)
    codes: list[Code] = []
    for item in code_records(nodes, path.name):
        if isinstance(item, Problem):
            problems.append(item)
        else:
            assert isinstance(item.entity, Code)
            codes.append(item.entity)
    if problems:
        more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
        raise InputError(f"{path.name}: invalid codebook: " + "; ".join(str(p) for p in problems[:5]) + more)
    return codes
