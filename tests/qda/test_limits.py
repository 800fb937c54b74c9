"""A code's exclude phrases and context words limit its keyword hits, and only its own."""

from __future__ import annotations

import re

import pytest

from tariqa.io import plan, read_inputs
from tariqa.model import Code
from tariqa.qda.rules import RuleCoder
from tariqa.reference import DEFAULT_CODEBOOK


def coded(codes: list[Code], text: str) -> list[tuple[str, str]]:
    """(code, sentence) of every suggestion, sentences split at full stops."""
    spans = [(m.start(), m.end()) for m in re.finditer(r"[^.]+\.", text)]
    return [(s.code, text[s.start : s.end].strip()) for s in RuleCoder(codes).suggest(text, spans)]


INSTITUTION = Code(
    id="institution",
    name="I",
    definition="d",
    keywords=["council*", "round"],
    exclude=["Security Council", "round of applause", "all year round"],
)
THREAT = Code(id="threat", name="T", definition="d", keywords=["terror*"], exclude=["anti-terror*"])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The UN Security Council met.", []),
        (
            "The council met. The councils met.",
            [("institution", "The council met."), ("institution", "The councils met.")],
        ),
        ("A round of applause. The next round.", [("institution", "The next round.")]),
        ("A ROUND OF\napplause.", []),  # any case; a line break is a space
        (
            "The Security Council and the joint council.",
            [("institution", "The Security Council and the joint council.")],
        ),
        ("The anti-terrorist centre opened. Terrorism is a danger.", [("threat", "Terrorism is a danger.")]),
        ("It is open all year round.", []),
    ],
)
def test_a_hit_inside_an_exclude_phrase_does_not_count(text: str, expected: list[tuple[str, str]]) -> None:
    assert coded([INSTITUTION, THREAT], text) == expected


def test_an_exclude_phrase_limits_only_its_own_code() -> None:
    forums = Code(id="forums", name="F", definition="d", keywords=["Security Council"])
    assert coded([INSTITUTION, forums], "The Security Council met.") == [("forums", "The Security Council met.")]


def test_apostrophes_stars_and_punctuation_in_exclude_phrases() -> None:
    norms = Code(
        id="norms",
        name="N",
        definition="d",
        keywords=["sovereignty", "drone*"],
        exclude=["Azerbaijan's sovereignty", "attack* by drone*", "Greece, Cyprus and Egypt"],
    )
    text = (
        "Azerbaijan’s sovereignty was backed. Azerbaijan's sovereignty was backed. Attacks by  armed, drones. "
        "Attacks by drones. Sovereignty matters. Drones were bought."
    )
    assert coded([norms], text) == [
        ("norms", "Attacks by  armed, drones."),  # a word in between: not the phrase
        ("norms", "Sovereignty matters."),
        ("norms", "Drones were bought."),
    ]


def test_context_words_are_needed_in_the_sentence() -> None:
    un = Code(id="un", name="U", definition="d", keywords=["UN"], context=["coordinat*", "jointly"])
    text = "The ministers arrived at the UN. They will coordinate at the UN. At the UN they acted jointly."
    assert coded([un], text) == [("un", "They will coordinate at the UN."), ("un", "At the UN they acted jointly.")]


def test_without_limits_nothing_changes() -> None:
    plain = Code(id="institution", name="I", definition="d", keywords=["council*", "round"])
    text = "The UN Security Council met. A round of applause."
    assert [c for c, _ in coded([plain], text)] == ["institution", "institution"]


def test_the_default_codebook_enforces_its_exclusion_rules() -> None:
    """Culture invoked as a bond is identity, not people; a body named as a venue is not
    coordination in it; a named party's sovereignty is support, not norms."""
    codes = [item.entity for item in read_inputs(plan([DEFAULT_CODEBOOK]))]
    tops = {c.id: c.parent or c.id for c in codes}  # one level below the themes at most
    text = (
        "Our common culture and shared heritage bind the two nations. "
        "A festival of Azerbaijani culture will open in Lahore. "
        "The delegation arrived in New York for the UN General Assembly. "
        "The three states will coordinate their positions at the UN General Assembly. "
        "Pakistan reaffirmed its support for Azerbaijan's sovereignty. "
        "The round of applause lasted a minute. "
        "The Security Council met in the afternoon."
    )
    found = {(tops[c], sentence) for c, sentence in coded(codes, text)}
    themes = {sentence: {t for t, s in found if s == sentence} for _, sentence in found}
    assert themes["Our common culture and shared heritage bind the two nations."] == {"identity"}
    assert themes["A festival of Azerbaijani culture will open in Lahore."] == {"people"}
    assert "The delegation arrived in New York for the UN General Assembly." not in themes
    assert "forums" in themes["The three states will coordinate their positions at the UN General Assembly."]
    assert "norms" not in themes.get("Pakistan reaffirmed its support for Azerbaijan's sovereignty.", set())
    assert "The round of applause lasted a minute." not in themes
    assert "The Security Council met in the afternoon." not in themes
