"""Memos in REFI-QDA: each of tariqa's memos is a ``Note`` of the project (written by
:mod:`tariqa.io.refi_qda_write`, read back here).

- **Writing.** The note carries the memo's text, its author (a ``User``) and when it was
  written; what it is about points to it with a ``NoteRef``: the ``TextSource`` of a
  document, the ``Code`` of a code, the ``Coding`` of a coding. A memo on the project is
  a note nothing points to. Its GUID is uuid5 of the memo's key (``refi_guid("note",
  key)``), which tells tariqa's own memos on a coding from the coding's memo field (a
  note whose GUID is ``refi_guid("memo", ...)``).
- **Reading.** Notes that a text source or a code points to become memos about that
  document or code; notes nothing points to become memos on the project (ATLAS.ti's free
  memos, NVivo's memos); a foreign program's note on a selection or coding stays the
  coding's memo text. The author is the note's user (else ``unknown``); a foreign note's
  name heads its text.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from xml.etree import ElementTree as ET

from tariqa.errors import Problem
from tariqa.io.refi_qda_write import note_guid
from tariqa.io.validation import parse_record
from tariqa.model import Memo, Parsed

#: Who wrote a note that names no user.
UNKNOWN_AUTHOR = "unknown"


@dataclass(frozen=True)
class NoteText:
    """A note as read: its GUID, text, name, author (a user's name or GUID) and time."""

    guid: str
    text: str
    name: str
    author: str
    created: datetime | None


def _created(value: str | None) -> datetime | None:
    try:
        return datetime.fromisoformat(value) if value else None
    except ValueError:
        return None


def read_note(note: ET.Element, guid: str, text: str, users: dict[str, str], user_guid: str | None) -> NoteText:
    author = users.get(user_guid or "") or (note.get("creatingUser") or "").strip() or UNKNOWN_AUTHOR
    return NoteText(guid, text, (note.get("name") or "").strip(), author, _created(note.get("creationDateTime")))


def memo_data(about: str, target: str, note: NoteText, ours: bool) -> dict[str, object]:
    """The memo record of a note; a foreign note's name heads its text."""
    text = note.text if ours or not note.name or note.text.startswith(note.name) else f"{note.name}\n\n{note.text}"
    data: dict[str, object] = {"about": about, "target": target, "author": note.author, "text": text}
    if note.created is not None:
        data["created"] = note.created
    return data


def is_memo_note(about: str, target: str, note: NoteText) -> bool:
    """Whether ``note`` is a memo tariqa wrote about ``target`` (its GUID proves it)."""
    try:
        memo = Memo.model_validate(memo_data(about, target, note, ours=True))
    except ValueError:
        return False
    return note_guid(memo) == note.guid


def memo_records(
    about: str, target: str, notes: Iterable[NoteText], ours: bool, label: str, seen: set[str]
) -> Iterator[Parsed | Problem]:
    """The memos of ``notes`` about ``target``, each once (``seen`` holds their keys)."""
    for note in notes:
        for item in parse_record("memos", memo_data(about, target, note, ours), label, f"Note[{note.guid}]"):
            if isinstance(item, Parsed):
                key = item.entity.key
                if key in seen:
                    continue
                seen.add(key)
            yield item
