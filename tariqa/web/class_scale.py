"""The Compare page's placing of one group within the groups compared (the whole registry
by default): the same task as ``tariqa indicators --group G --compare ALL`` and the report."""

from __future__ import annotations

from typing import Any

from fastapi import Request

from tariqa.web.pages import cache_of, store_of


def placed(request: Request, group: str, among: tuple[str, ...]) -> dict[str, Any]:
    """The class comparison as plain data (``ClassComparison.to_document``), cached per
    database revision."""
    from tariqa.tasks.class_scale import ClassOptions, compare_class

    store = store_of(request)
    key = ("class-scale", store.url, group, among, store.revision())
    options = ClassOptions(group=group, among=among)
    return cache_of(request).get(key, lambda: compare_class(store, options).to_document())  # type: ignore[no-any-return]
