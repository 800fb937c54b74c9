"""Sentence patterns of real news wording, read against the record extended with the staged
groups: each case is a short text written for this test, the day it is read from, and what
the reader must find (states, level, date, city, status), or nothing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from tariqa.watch import RecordIndex
from tariqa.watch.reader import read_events

H, M, OFF = "head-of-state-or-government", "minister", "officials"


@dataclass(frozen=True)
class Case:
    text: str
    day: date
    states: tuple[str, ...] = ()
    level: str = ""
    when: str = ""
    city: str | None = None
    status: str = "held"
    end: str | None = None


def _read(case: Case, record: RecordIndex) -> list[tuple[object, ...]]:
    out = []
    for e in read_events(case.text, "", record=record, anchor=case.day):
        w = e.when.value if e.when else None
        out.append(
            (
                e.states.value,
                e.level.value.value,
                str(w),
                w.end.isoformat() if w and w.end else None,
                e.city.value if e.city else None,
                e.status.value.value,
            )
        )
    return out


def _expect(case: Case) -> list[tuple[object, ...]]:
    if not case.states:
        return []
    return [(case.states, case.level, case.when, case.end, case.city, case.status)]


WHO = [
    # capitals for their governments
    Case(
        "Paris, Berlin and Warsaw agreed on Monday to pool orders for air defence missiles, after their foreign"
        " ministers met in Weimar.",
        date(2024, 5, 28),
        ("DEU", "FRA", "POL"),
        M,
        "2024-05-27",
        "Weimar",
    ),
    # leaders by name only
    Case(
        "Macron, Scholz and Duda held talks at the Elysee Palace on Monday on support for Kyiv.",
        date(2023, 6, 13),
        ("DEU", "FRA", "POL"),
        H,
        "2023-06-12",
        "Paris",
    ),
    # a hyphenated list of the states
    Case(
        "The Japan-U.S.-South Korea trilateral summit opened in Phnom Penh on Sunday with a pledge to share missile"
        " warning data.",
        date(2022, 11, 13),
        ("JPN", "KOR", "USA"),
        H,
        "2022-11-13",
        "Phnom Penh",
    ),
    # the group's name and one state
    Case(
        "Ukraine hosted a meeting of the Lublin Triangle's national coordinators in Lutsk on Saturday.",
        date(2021, 12, 12),
        ("LTU", "POL", "UKR"),
        OFF,
        "2021-12-11",
        "Lutsk",
    ),
    # "the three countries" with the states named before
    Case(
        "Deputy foreign ministers of China, Afghanistan and Pakistan held a strategic dialogue by video link on"
        " Tuesday, the third such meeting of the three countries.",
        date(2020, 7, 8),
        ("AFG", "CHN", "PAK"),
        OFF,
        "2020-07-07",
        None,
    ),
    # countries as topics, not participants
    Case(
        "The presidents of Russia, Iran and Turkey met in Ankara on Monday to discuss the situation in Idlib and the"
        " constitutional committee for Syria, with Iraq and Lebanon watching closely.",
        date(2019, 9, 17),
        ("IRN", "RUS", "TUR"),
        H,
        "2019-09-16",
        "Ankara",
    ),
]

WHEN = [
    Case(
        "The foreign ministers of Austria, the Czech Republic and Slovakia met in Bela on Saturday, December 3.",
        date(2022, 12, 5),
        ("AUT", "CZE", "SVK"),
        M,
        "2022-12-03",
        "Béla",
    ),
    Case(
        "Defence ministers of Australia, Japan and the United States will meet in Singapore early next month on the"
        " margins of the Shangri-La Dialogue.",
        date(2023, 5, 15),
        ("AUS", "JPN", "USA"),
        M,
        "2023-06",
        "Singapore",
        "planned",
    ),
    Case(
        "The leaders of Azerbaijan, Türkiye and Turkmenistan will hold their first three-way summit in Turkmenistan"
        " later this year, the foreign ministers said after talks in Ankara.",
        date(2021, 2, 24),
        ("AZE", "TKM", "TUR"),
        H,
        "2021",
        None,
        "planned",
    ),
    Case(
        "Senior officials of India, Israel, the UAE and the United States gathered in New York over the weekend for"
        " the first in-person meeting of the I2U2 sherpas.",
        date(2022, 9, 20),
        ("ARE", "IND", "ISR", "USA"),
        OFF,
        "2022-09-17",
        "New York",
        "held",
        "2022-09-18",
    ),
    Case(
        "The two-day trilateral meeting of the foreign ministers of Azerbaijan, Iran and Turkey opened in Urmia on"
        " Friday.",
        date(2011, 4, 16),
        ("AZE", "IRN", "TUR"),
        M,
        "2011-04-15",
        "Urmia",
        "held",
        "2011-04-16",
    ),
]

STATUS = [
    Case(
        "A summit of the presidents of Poland, Lithuania and Ukraine planned for Friday in Kyiv has been postponed"
        " indefinitely, the Polish presidential office said.",
        date(2023, 6, 20),
        ("LTU", "POL", "UKR"),
        H,
        "2023-06-23",
        "Kyiv",
        "postponed",
    ),
    Case(
        "Tokyo has called off a meeting of the foreign ministers of Japan, the United States and the Philippines that"
        " was to take place in Manila on March 20.",
        date(2024, 3, 12),
        ("JPN", "PHL", "USA"),
        M,
        "2024-03-20",
        "Manila",
        "cancelled",
    ),
    # the decision of a meeting held ("agreed ... to set up"): held
    Case(
        "The foreign ministers of India, France and the UAE agreed in a phone call on Saturday to set up a trilateral"
        " fund for projects in the Indian Ocean.",
        date(2023, 2, 6),
        ("ARE", "FRA", "IND"),
        M,
        "2023-02-04",
        None,
    ),
]

NONE = [
    # a summit of a larger organisation attended by the members
    Case(
        "Leaders of the 27 member states of the European Union, among them France, Germany and Poland, met in"
        " Brussels on Thursday for a summit on defence spending.",
        date(2025, 3, 7),
    ),
    # opinion about a meeting long past
    Case(
        "When the three leaders met in Berlin in March 2024, they promised a new start for the Weimar Triangle.",
        date(2025, 6, 1),
    ),
    # a meeting that did not take place
    Case(
        "There was no meeting of the Weimar Triangle leaders at the NATO summit in The Hague on Tuesday.",
        date(2025, 6, 25),
    ),
    # a bilateral visit between states that share no group
    Case(
        "South Korean President Moon Jae-in met Australian Prime Minister Scott Morrison in Canberra on Monday and"
        " discussed the Quad and AUKUS.",
        date(2021, 12, 14),
    ),
]


@pytest.mark.parametrize("case", WHO + WHEN + STATUS + NONE, ids=lambda c: c.text[:40])
def test_sentence_patterns(case: Case, extended: RecordIndex) -> None:
    assert _read(case, extended) == _expect(case)


def test_sidelines_talks_take_the_date_of_the_main_meeting(extended: RecordIndex) -> None:
    text = (
        "The foreign ministers of Russia, Iran and Türkiye met in New York on Friday on the sidelines of the UN"
        " General Assembly and called for a political settlement in Syria.\n\n"
        "Lavrov also held separate talks with Fidan and Araghchi after the trilateral meeting."
    )
    found = sorted(
        (e.states.value, str(e.when.value) if e.when else "", e.city.value if e.city else None)
        for e in read_events(text, "", record=extended, anchor=date(2024, 9, 28))
    )
    assert found == [
        (("IRN", "RUS"), "2024-09-27", "New York"),
        (("IRN", "RUS", "TUR"), "2024-09-27", "New York"),
        (("RUS", "TUR"), "2024-09-27", "New York"),
    ]


def test_pronoun_and_title_take_the_last_person(extended: RecordIndex) -> None:
    text = (
        "Prime Minister Shehbaz Sharif arrived in Tashkent on Wednesday for a regional summit.\n\n"
        "He met Türkiye's President Recep Tayyip Erdogan on the sidelines of the summit on Thursday."
    )
    events = read_events(text, "", record=extended, anchor=date(2023, 11, 10))
    assert [(e.states.value, str(e.when.value) if e.when else "") for e in events] == [(("PAK", "TUR"), "2023-11-09")]


def test_end_day_in_a_later_sentence(extended: RecordIndex) -> None:
    text = (
        "The air forces of India, France and the United Arab Emirates began Exercise Desert Knight over the Arabian"
        " Sea on Monday.\n\nThe drill will run until Wednesday, officials said."
    )
    events = read_events(text, "", record=extended, anchor=date(2024, 12, 9))
    assert len(events) == 1 and events[0].when is not None
    w = events[0].when.value
    assert (str(w), w.end and w.end.isoformat(), events[0].city) == ("2024-12-09", "2024-12-11", None)


def _events(text: str, day: date, record: RecordIndex) -> list[tuple[object, ...]]:
    return _read(Case(text, day), record)


def test_datelines_of_agencies_give_the_day_and_the_place(extended: RecordIndex) -> None:
    # mixed-case dateline with the agency; "here" is the dateline's city
    text = (
        "Saved page\n\nVilnius (BNS) - The foreign ministers of Lithuania, Poland and Ukraine met here on Friday"
        " and signed a joint declaration on energy security."
    )
    assert _events(text, date(2021, 7, 3), extended) == [
        (("LTU", "POL", "UKR"), M, "2021-07-02", None, "Vilnius", "held")
    ]
    # an agency dateline whose day differs from the page's: weekdays count from the dateline
    text = (
        "Saved page\n\nBEIJING, Dec. 26 (Xinhua) -- Foreign ministers of China, Pakistan and Afghanistan held talks"
        " here on Tuesday, the first such meeting of the three."
    )
    assert _events(text, date(2017, 12, 27), extended) == [
        (("AFG", "CHN", "PAK"), M, "2017-12-26", None, "Beijing", "held")
    ]


def test_a_held_meeting_and_the_next_one_in_one_sentence(extended: RecordIndex) -> None:
    text = (
        "The foreign ministers of Azerbaijan, Türkiye and Turkmenistan met in Baku on Wednesday and agreed to meet"
        " again in Ashgabat next year."
    )
    assert sorted(_events(text, date(2017, 7, 20), extended)) == [
        (("AZE", "TKM", "TUR"), M, "2017-07-19", None, "Baku", "held"),
        (("AZE", "TKM", "TUR"), M, "2018", None, "Ashgabat", "planned"),
    ]


def test_planned_wording(extended: RecordIndex) -> None:
    cases = [
        (
            "Seoul is set to host a meeting of the foreign ministers of South Korea, Japan and the United States in"
            " January, officials said.",
            date(2025, 11, 20),
            (("JPN", "KOR", "USA"), M, "2026-01", None, "Seoul", "planned"),
        ),
        (
            "Chancellor Olaf Scholz will welcome President Emmanuel Macron and President Andrzej Duda to Berlin on"
            " Tuesday for talks on the war in Ukraine.",
            date(2022, 2, 4),
            (("DEU", "FRA", "POL"), H, "2022-02-08", None, "Berlin", "planned"),
        ),
    ]
    for text, day, expected in cases:
        assert _events(text, day, extended) == [expected], text


def test_no_event_without_a_meeting_or_a_date(extended: RecordIndex) -> None:
    for text in (
        "The Astana talks on Syria have made little progress since the guarantors last agreed on a ceasefire.",
        "Russia, Iran and Turkey remain divided over the future of northern Syria, analysts say.",
        "Trade between Austria, the Czech Republic and Slovakia rose by a tenth last year.",
    ):
        assert _events(text, date(2024, 2, 1), extended) == [], text


def test_more_wording_of_status_and_dates(extended: RecordIndex) -> None:
    cases = [
        (
            "A meeting of the national security advisers of the United States, Japan and the Philippines slated for"
            " Thursday in Tokyo has been put on hold, officials said.",
            date(2023, 6, 13),
            (("JPN", "PHL", "USA"), OFF, "2023-06-15", None, "Tokyo", "postponed"),
        ),
        (
            "The presidents of Ukraine, Poland and Lithuania signed a joint declaration in Kyiv on 12 and 13 June.",
            date(2023, 6, 14),
            (("LTU", "POL", "UKR"), H, "2023-06-12", "2023-06-13", "Kyiv", "held"),
        ),
        (
            "The prime ministers of Poland, the Czech Republic, Slovakia and Hungary met in Prague on Tuesday.",
            date(2024, 2, 28),
            None,
        ),
    ]
    for text, day, expected in cases:
        assert _events(text, day, extended) == ([expected] if expected else []), text


def test_a_release_without_a_date_reports_on_its_day(extended: RecordIndex) -> None:
    lead = (
        "The President of Ukraine, the President of Poland and the President of Lithuania held a meeting in Kyiv"
        " and adopted a joint declaration."
    )
    assert _events(lead, date(2022, 2, 23), extended) == [
        (("LTU", "POL", "UKR"), H, "2022-02-23", None, "Kyiv", "held")
    ]
    # a dated event in the article wins; the lead is then its summary
    dated = lead + "\n\nThe three presidents met on Tuesday in the Mariinsky Palace."
    assert _events(dated, date(2022, 2, 23), extended) == [
        (("LTU", "POL", "UKR"), H, "2022-02-22", None, "Kyiv", "held")
    ]
