"""Derived ids are uuid5 in the project's namespace, cut to 16 hex digits."""

from __future__ import annotations

import uuid

from hypothesis import given
from hypothesis import strategies as st

from tariqa.model.ids import NAMESPACE, derived_id

parts = st.text(st.characters(exclude_categories=["Cs"]), max_size=30)


@given(st.sampled_from(["coding", "memo", "src", "x"]), st.lists(parts, max_size=6))
def test_derived_id_is_the_uuid5_of_prefix_and_parts(prefix: str, values: list[str]) -> None:
    expected = uuid.uuid5(NAMESPACE, "\x1f".join((prefix, *values))).hex[:16]
    assert derived_id(prefix, *values) == f"{prefix}-{expected}"


def test_ids_of_stored_records_do_not_change() -> None:
    # ids already written to databases and exports: a change of scheme would orphan them
    assert derived_id("src", "https://example.org/a") == "src-b31889e340dd50c6"
