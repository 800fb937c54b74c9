"""Keyword rules: the Aho-Corasick scan gives the matches of a left-to-right regex scan."""

from __future__ import annotations

import pytest

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
