"""Bringing the world in: the record's sources fetched politely and archived as WARC,
link health, documents' texts from their fetched sources, UN roll-call data and GDELT
event files downloaded with their publishers' digests checked.

Nothing here touches the network when imported: requests are made only by the functions
that fetch (:func:`~tariqa.fetch.sources.fetch_sources`,
:func:`~tariqa.fetch.health.find_snapshots`, :func:`~tariqa.fetch.unga.fetch_unga`,
:func:`~tariqa.fetch.gdelt.fetch_gdelt`), and the client is imported only then.
See docs/fetching.md.
"""
