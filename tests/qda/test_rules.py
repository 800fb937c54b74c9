"""Keyword rules: the Aho-Corasick scan gives the matches of a left-to-right regex scan."""

from __future__ import annotations

import itertools
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tariqa.model import Code
from tariqa.qda.rules import RuleCoder, lower


def coder(*keywords: str, patterns: tuple[str, ...] = ()) -> RuleCoder:
    return RuleCoder([Code(id="x", name="X", definition="d", keywords=list(keywords), patterns=list(patterns))])


def hits(rules: RuleCoder, text: str) -> list[tuple[str, ...]]:
    return [s.hits for s in rules.suggest(text, [(0, len(text))])]


@pytest.mark.parametrize(
    ("keywords", "text", "expected"),
    [
        (["gas"], "gas, (gas) gas-fired gas.", [("gas",)]),
        (["gas"], "gasoline degas _gas gas_ gas1", []),
        (["terror*"], "Counter-terrorism; terrorists; antiterror", [("terrorism", "terrorists")]),
        (
            ["next meeting"],
            "the next\nmeeting, the next \t meeting and next  meeting",
            [("next\nmeeting", "next \t meeting", "next  meeting")],
        ),
        (["next meeting"], "next meetings", []),
        (["trade", "trade volume"], "trade volume and trade volumes", [("trade", "trade volume")]),
        (["Şuşa", "işgal"], "ŞUŞA and İŞGAL", [("işgal", "şuşa")]),
        (["İslam İşbirliği"], "islam işbirliği", [("islam işbirliği",)]),
        (["Qarabağ"], "Qarabağda", []),
        (["kardeş*"], "KARDEŞLİK", [("kardeşlik",)]),
    ],
)
def test_boundaries_case_and_gaps(keywords: list[str], text: str, expected: list[tuple[str, ...]]) -> None:
    assert hits(coder(*keywords), text) == expected


def test_capitals_are_checked_on_the_original_text() -> None:
    rules = coder("OIC", "İİT", "EİT")
    assert hits(rules, "the oic and OIC") == [("oic",)]
    assert hits(rules, "İİT met; iit did not; EİT") == [("eit", "iit")]


def test_turkish_dotted_capital_keeps_offsets() -> None:
    text = "İİİ İstanbul İİ. Gas pipeline."
    assert len(lower(text)) == len(text)
    rules = coder("gas", "pipeline*")
    (s,) = rules.suggest(text, [(0, 16), (17, len(text))])
    assert (s.start, s.end, s.hits, s.score) == (17, len(text), ("gas", "pipeline"), 0.8)


def test_hits_across_a_sentence_end_and_overlaps_are_dropped() -> None:
    rules = coder("security council resolution*", "council")
    text = "The Security Council resolution passed. The council met. Security. Council."
    spans = [(0, 39), (40, 56), (57, 66), (67, 75)]
    found = [(s.start, s.hits) for s in rules.suggest(text, spans)]
    assert found == [(0, ("security council resolution",)), (40, ("council",)), (67, ("council",))]
    assert hits(rules, "Security\nCouncil resolutions") == [("security\ncouncil resolutions",)]


def test_scores_grow_with_distinct_hits_and_patterns_count() -> None:
    rules = coder("gas", "oil", "neft", patterns=(r"\bLNG\b",))
    [one, two, three] = rules.suggest("gas gas. gas oil. gas oil neft LNG.", [(0, 8), (9, 17), (18, 35)])
    assert (one.score, two.score, three.score) == (0.6, 0.8, 0.9)
    assert three.hits == ("gas", "lng", "neft", "oil")


def test_no_keywords_no_sentences_and_many_documents() -> None:
    assert RuleCoder([Code(id="x", name="X", definition="d")]).suggest("gas", [(0, 3)]) == []
    rules = coder("gas")
    assert rules.suggest("gas", []) == []
    docs = [("gas here", [(0, 8)]), ("none", [(0, 4)]), ("more gas", [(0, 8)])]
    assert [len(found) for found in rules.suggest_many(docs, workers=2)] == [1, 0, 1]


# ---------------------------------------------------------------------- against a plain scan

POOL = ["gas", "gas pipeline", "terror*", "pipe*", "OIC", "oic summit", "next meeting", "jf-17", "İİT", "şuşa", "a b c"]
WORDS = "gas GAS Gas pipeline pipes terrorism Terror oic OIC Oic summit next meeting jf-17 JF-17 İİT iit şuşa ŞUŞA a b c x gasx _1".split()
GAPS = [" ", " ", "  ", "\n", "\t ", "\u00a0", ",", ". ", "-", "_", ""]
texts = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(GAPS)), max_size=16).map(
    lambda pairs: "".join(w + g for w, g in pairs)
)


def plain_scan(
    keywords: dict[str, list[str]], text: str, sentences: list[tuple[int, int]]
) -> set[tuple[str, int, int, float, tuple[str, ...]]]:
    """The rules as the module describes them, written the slow, obvious way: at each position
    of the lowercased text the longest keyword match (``\\b`` before it, and after it unless
    it ends in ``*``; gaps any whitespace), then on from its end; a match is kept inside one
    sentence; a keyword in capitals needs its capitals in the original text."""
    low = lower(text)
    regexes = []
    for code, words in keywords.items():
        for word in words:
            stem = word.rstrip("*")
            body = r"\s+".join(re.escape(lower(part)) for part in stem.split(" "))
            tail = r"\w*" if word.endswith("*") else r"\b"
            regexes.append((code, stem, stem.isupper() and len(stem) > 1, re.compile(r"\b" + body + tail)))
    found: dict[tuple[int, str], set[str]] = {}
    i = 0
    while i < len(low):
        ends = [m.end() for *_, rx in regexes if (m := rx.match(low, i)) and m.end() > i]
        if not ends:
            i += 1
            continue
        end = max(ends)
        folded = " ".join(text[i:end].split())
        sentence = next((n for n, (s, e) in enumerate(sentences) if s <= i < e), None)
        for code, stem, exact, rx in regexes:
            if rx.fullmatch(low, i, end) and (not exact or folded.startswith(stem)):
                if sentence is not None and end <= sentences[sentence][1]:
                    found.setdefault((sentence, code), set()).add(low[i:end])
        i = end
    scores = {1: 0.6, 2: 0.8}
    return {
        (code, *sentences[n], scores.get(len(words), 0.9), tuple(sorted(words))) for (n, code), words in found.items()
    }


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.lists(st.sampled_from(POOL), min_size=1, max_size=3, unique=True), min_size=1, max_size=3),
    texts,
    st.lists(st.integers(0, 120), max_size=6),
)
def test_rules_find_what_a_plain_scan_finds(groups: list[list[str]], text: str, cuts: list[int]) -> None:
    keywords = {f"c{i}": words for i, words in enumerate(groups)}
    points = sorted({0, len(text), *(min(c, len(text)) for c in cuts)})
    sentences = [(s, e) for s, e in itertools.pairwise(points) if e > s]
    rules = RuleCoder([Code(id=c, name=c, definition="d", keywords=w) for c, w in keywords.items()])
    got = {(s.code, s.start, s.end, s.score, s.hits) for s in rules.suggest(text, sentences)}
    assert got == plain_scan(keywords, text, sentences)


def test_a_keyword_of_two_codes_next_to_a_word_of_none() -> None:
    # "oic" (no code: OIC must be in capitals) beside "OIC" (two codes) once lost a code
    rules = RuleCoder([Code(id=c, name=c, definition="d", keywords=["OIC"]) for c in ("a", "b")])
    assert [(s.code, s.hits) for s in rules.suggest("oic and OIC", [(0, 11)])] == [("a", ("oic",)), ("b", ("oic",))]
