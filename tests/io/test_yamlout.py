"""The fast YAML writer: whatever it writes, PyYAML reads back as the same value."""

from __future__ import annotations

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from tariqa.io.yamlio import LineLoader, strip_lines
from tariqa.io.yamlout import record_item, scalar

tricky = st.sampled_from(
    ["yes", "No", "on", "~", "null", "1e3", "0x1F", "12:30", "2021-01-01", ".inf", "- a", "a #b", "a: b", "Ünye", "  x"]
)
texts = st.one_of(tricky, st.text(max_size=30))
numbers = st.one_of(
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from([1e20, -3e-9, 1e16]),
)
values = st.one_of(texts, numbers, st.booleans())


@settings(max_examples=500)
@given(texts)
def test_scalar_reads_back_as_the_same_text(text: str) -> None:
    assert yaml.safe_load(f"k: {scalar(text)}")["k"] == text
    # and with tariqa's own loader, which reads dates as text
    assert strip_lines(yaml.load(f"k: {scalar(text)}", Loader=LineLoader))["k"] == text


@settings(max_examples=200)
@given(
    st.dictionaries(
        st.from_regex(r"[a-z_]{1,8}", fullmatch=True),
        st.one_of(
            values, st.lists(values, max_size=3), st.lists(st.dictionaries(st.sampled_from("abc"), values), max_size=2)
        ),
        min_size=1,
        max_size=5,
    )
)
def test_record_reads_back(record: dict[str, object]) -> None:
    text = "items:\n" + record_item(record)
    assert yaml.safe_load(text)["items"] == [record]
