"""Tasks on the record's sources as fetched: each link's health, the archived copy of a
page as plain text, and which documents have their texts.

They read the database and the archive folder only: no request is made, so the web pages
and the report that show them work offline (``tariqa sources fetch`` is what fetches).
The command line, the web app and the report call these functions, so a link is in the
same state and a document has the same text everywhere.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tariqa.errors import NotFound, UsageError
from tariqa.tasks.results import Tabular

if TYPE_CHECKING:
    from tariqa.storage import Store
    from tariqa.storage.fetchlog import FetchRow

#: Link states, in the order they are shown (see :mod:`tariqa.fetch.health`).
LINK_STATES = ("alive", "moved", "gone", "blocked", "failed", "never-fetched")
#: Payload kinds whose archived copy is shown as it was received (as text, never rendered).
_AS_RECEIVED = frozenset({"html", "text"})


@dataclass(frozen=True)
class SourceHealthOptions:
    """Which links: every source of the record, those cited by one group's events and
    documents (``group``), or the given ``urls``; only those in one ``state`` (None: all)."""

    group: str | None = None
    state: str | None = None
    urls: tuple[str, ...] | None = None


@dataclass(frozen=True)
class SourceHealth(Tabular):
    """Each link's state from its latest fetch, with why it failed, the Internet Archive's
    snapshot of a dead link (when looked up), and when the newest good copy was archived.
    ``counts``: links per state over the whole selection (before the ``state`` filter)."""

    COLUMNS = ("url", "state", "checked", "status", "final_url", "why", "snapshot", "archived", "sha256")
    group: str | None
    counts: dict[str, int]
    rows: tuple[dict[str, Any], ...] = ()

    def by_url(self) -> dict[str, dict[str, Any]]:
        return {r["url"]: r for r in self.rows}

    @property
    def summary(self) -> str:
        """E.g. ``12 alive, 3 gone, 638 never fetched``: the states that occur."""
        parts = [f"{n} {s.replace('-', ' ')}" for s, n in self.counts.items() if n]
        return ", ".join(parts) if parts else "no links"


def archived_copies(store: Store, urls: tuple[str, ...] | None = None) -> dict[str, FetchRow]:
    """The newest successful fetch of each URL (of ``urls``; None: of all) whose response
    is in the archive."""
    rows = store.fetch_history() if urls is None else [r for u in dict.fromkeys(urls) for r in store.fetch_history(u)]
    found: dict[str, FetchRow] = {}
    for row in rows:  # oldest first: the newest wins
        if row.outcome == "ok" and row.warc:
            found[row.url] = row
    return found


def _group_urls(store: Store, group: str) -> list[str]:
    from tariqa.fetch.sources import group_documents
    from tariqa.storage import EventFilter

    urls = [u for e in store.event_records(EventFilter(group=group)) for u in e.get("sources", [])]
    urls += [u for _, cited in group_documents(store, group) for _, u in cited]
    return urls


def source_health(store: Store, options: SourceHealthOptions | None = None) -> SourceHealth:
    """The health of the record's links (see :class:`SourceHealth`); an unknown group or
    state is an error naming the known ones."""
    from tariqa.fetch.health import link_health

    options = options or SourceHealthOptions()
    if options.state is not None and options.state not in LINK_STATES:
        raise UsageError(f"a link's state is one of {', '.join(LINK_STATES)}, not {options.state!r}")
    store.require(group=options.group)
    urls = list(options.urls) if options.urls is not None else None
    if options.group:
        group_urls = _group_urls(store, options.group)
        urls = group_urls if urls is None else [u for u in urls if u in set(group_urls)]
    health = link_health(store, urls)
    copies = archived_copies(store, options.urls)
    counts = Counter(h.state for h in health)
    rows = tuple(
        {
            "url": h.url,
            "state": h.state,
            "checked": h.checked,
            "status": h.status,
            "final_url": h.final_url,
            "why": h.why,
            "snapshot": h.snapshot,
            "archived": copies[h.url].at if h.url in copies else None,
            "sha256": copies[h.url].sha256 if h.url in copies else None,
        }
        for h in health
        if options.state is None or h.state == options.state
    )
    return SourceHealth(options.group, {s: counts.get(s, 0) for s in LINK_STATES}, rows)


@dataclass(frozen=True)
class ArchivedText:
    """The archived copy of a page as plain text: as it was received for HTML and other
    text (its markup shown, never rendered), the extracted text for PDF and DOCX."""

    url: str
    final_url: str | None
    fetched: str
    sha256: str | None
    type: str | None
    text: str

    def as_document(self) -> str:
        """The text under a short header saying what it is."""
        where = f"{self.url} (answered at {self.final_url})" if self.final_url not in (None, self.url) else self.url
        return (
            f"Archived copy of {where}\nfetched {self.fetched}; type {self.type or 'unknown'}; "
            f"sha256 {self.sha256 or 'unknown'}\nShown as plain text: links and scripts in it do nothing.\n\n"
            f"{self.text}"
        )


def archived_text(store: Store, *, url: str, archive_folder: Path | None = None) -> ArchivedText:
    """The newest good archived copy of ``url`` as text (read from the archive folder, by
    default the data folder's ``archive``; nothing is written there).

    Raises NotFound when the URL was never archived or its file is not in the folder, and
    InputError when the file does not match its digest or holds no text.
    """
    import hashlib

    from tariqa.errors import InputError
    from tariqa.fetch.archive import Archive, default_folder
    from tariqa.fetch.errors import ArchiveError
    from tariqa.fetch.sniff import as_utf8
    from tariqa.fetch.texts import extract_payload

    row = archived_copies(store, (url,)).get(url)
    if row is None or row.warc is None:
        raise NotFound(f"no archived copy of {url}: it was never fetched successfully")
    folder = (archive_folder or default_folder()).resolve()
    path = (folder / row.warc).resolve()
    if not path.is_relative_to(folder) or not path.is_file():
        raise NotFound(f"the archived copy of {url} ({row.warc}) is not in the archive folder {folder}")
    try:
        body = Archive(folder).read(row.warc)
    except (OSError, ArchiveError) as exc:
        raise InputError(f"{path}: the archived copy cannot be read ({exc})") from None
    if row.sha256 and hashlib.sha256(body).hexdigest() != row.sha256:
        raise InputError(f"{path}: the archived copy does not match the digest logged when it was fetched")
    if row.type in _AS_RECEIVED or row.type is None:
        text = as_utf8(body, row.declared_type).decode("utf-8", errors="replace")
    else:
        text, _ = extract_payload(body, row.type, row.declared_type, url)
    return ArchivedText(url, row.final_url, row.at, row.sha256, row.type, text)


@dataclass(frozen=True)
class DocumentTextsOptions:
    """The documents of one group (adopted at its events or linked from them), or all."""

    group: str | None = None


@dataclass(frozen=True)
class DocumentTexts(Tabular):
    """Which documents have a text (``characters``), and for those without one, the state
    of the link it would be fetched from (``never-fetched``, ``gone``, ...; None when the
    record gives no URL). ``advice`` says how to get the missing texts (None: none missing)."""

    COLUMNS = ("document", "title", "kind", "date", "characters", "url", "link")
    group: str | None
    with_text: int
    fetchable: int
    """Documents without a text whose source URL can be fetched."""
    advice: str | None
    rows: tuple[dict[str, Any], ...] = ()

    @property
    def total(self) -> int:
        return len(self.rows)

    @property
    def missing(self) -> list[dict[str, Any]]:
        return [r for r in self.rows if r["characters"] is None]


def fetch_command(group: str | None) -> str:
    """The command that fetches the documents' sources and gives them their texts."""
    return f"tariqa sources fetch{f' --group {group}' if group else ''} --only documents"


def document_texts(store: Store, options: DocumentTextsOptions | None = None) -> DocumentTexts:
    """Which of the documents have a text, and how to get the others."""
    from tariqa.fetch.health import state_of
    from tariqa.fetch.sources import group_documents

    options = options or DocumentTextsOptions()
    store.require(group=options.group)
    cited = dict(group_documents(store, options.group))
    lengths = store.text_lengths() if cited else {}
    latest = store.latest_fetches() if cited else {}
    rows = []
    for doc in store.documents_by_id(cited):
        urls = [u for _, u in cited[doc.id]]
        characters = lengths.get(doc.id)
        link = None
        if characters is None and urls:
            states = [state_of(latest.get(u))[0] for u in urls]
            link = next((s for s in states if s != "never-fetched"), states[0])
        rows.append(
            {
                "document": doc.id,
                "title": doc.title,
                "kind": doc.kind.value,
                "date": doc.date.isoformat() if doc.date else None,
                "characters": characters,
                "url": urls[0] if urls else None,
                "link": link,
            }
        )
    rows.sort(key=lambda r: (r["date"] or "", r["document"]))
    with_text = sum(r["characters"] is not None for r in rows)
    fetchable = sum(r["characters"] is None and r["url"] is not None for r in rows)
    unlinked = len(rows) - with_text - fetchable
    advice = None
    if fetchable:
        advice = f"run `{fetch_command(options.group)}` to fetch the sources of {fetchable} and extract their texts"
    if unlinked:
        attach = f"{unlinked} cite no URL: attach a file you hold with `tariqa docs import --id DOCUMENT FILE`"
        advice = f"{advice}; {attach}" if advice else attach
    return DocumentTexts(options.group, with_text, fetchable, advice, tuple(rows))
