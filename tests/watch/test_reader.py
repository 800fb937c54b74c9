"""Each extractor on sentences written for these tests, and whole articles."""

from __future__ import annotations

from datetime import date, datetime

from tariqa.vocab import EventKind, EventStatus, Level, Precision
from tariqa.watch import RecordIndex, read_article
from tariqa.watch.reader import read_events

FETCHED = datetime(2028, 1, 1)


def _only(text: str, anchor: date, record: RecordIndex):  # type: ignore[no-untyped-def]
    events = read_events(text, "", record=record, anchor=anchor)
    assert len(events) == 1, [e.evidence.quote for e in events]
    return events[0]


def test_who_from_names_demonyms_and_people(record: RecordIndex) -> None:
    e = _only(
        "Mevlut Cavusoglu hosted his Azerbaijani and Georgian counterparts in Trabzon on Friday.",
        date(2012, 6, 9),
        record,
    )
    assert e.states.value == ("AZE", "GEO", "TUR")  # Çavuşoğlu is Turkish: a person of the record
    assert e.group is not None and e.group.value == "TAG"
    assert e.states.span.quote.startswith("Mevlut Cavusoglu")


def test_who_completes_a_trilateral_from_one_named_state(record: RecordIndex) -> None:
    e = _only("Pakistan will host the third trilateral meeting of speakers next year.", date(2022, 7, 22), record)
    assert e.states.value == ("AZE", "PAK", "TUR")
    assert e.host is not None and e.host.value == "PAK"
    assert e.status.value is EventStatus.PLANNED
    assert e.ordinal is not None and e.ordinal.value == 3
    assert e.format is not None and e.format.value == "atp-speakers"


def test_what_levels(record: RecordIndex) -> None:
    day = date(2024, 3, 16)
    cases = {
        "The defence ministers of Azerbaijan, Georgia and Turkiye met in Gabala on Friday.": (
            Level.MINISTER,
            "tag-defence",
        ),
        "The foreign ministers of Azerbaijan, Georgia and Turkiye met in Gabala on Friday.": (Level.MINISTER, "tag-fm"),
        "The presidents of Azerbaijan, Georgia and Turkiye met in Gabala on Friday.": (Level.HEAD, "tag-summit"),
        "The chiefs of general staff of Azerbaijan, Georgia and Turkiye met in Gabala on Friday.": (
            Level.MILITARY,
            "tag-cgs",
        ),
    }
    for text, (level, fmt) in cases.items():
        e = _only(text, day, record)
        assert e.level.value is level, text
        assert e.format is not None and e.format.value == fmt, text


def test_what_kinds(record: RecordIndex) -> None:
    day = date(2022, 8, 13)
    drill = _only(
        "Special forces of Azerbaijan, Pakistan and Turkey began joint drills near Baku on Friday.", day, record
    )
    assert drill.kind.value is EventKind.EXERCISE and drill.level.value is Level.MILITARY
    deal = _only(
        "Pakistan's Commerce Minister and Turkish Trade Minister Mehmet Mus signed a trade agreement in Islamabad on Friday.",
        day,
        record,
    )
    assert deal.kind.value is EventKind.AGREEMENT and deal.states.value == ("PAK", "TUR")


def test_when_relative_and_status(record: RecordIndex) -> None:
    postponed = _only(
        "The trilateral meeting of the foreign ministers of Azerbaijan, Georgia and Turkiye, which was due to take place"
        " in Kars on Wednesday, has been postponed, diplomats said on Monday.",
        date(2027, 1, 18),
        record,
    )
    assert postponed.status.value is EventStatus.POSTPONED
    assert postponed.when is not None and postponed.when.value.day == date(2027, 1, 20)
    assert postponed.when.span.quote == "on Wednesday"  # not the attribution's "on Monday"
    cancelled = _only(
        "A trilateral summit of the leaders of Azerbaijan, Pakistan and Turkiye planned for Thursday has been called off.",
        date(2026, 9, 23),
        record,
    )
    assert cancelled.status.value is EventStatus.CANCELLED
    assert cancelled.when is not None and cancelled.when.value.day == date(2026, 9, 24)
    month = _only(
        "The leaders of Azerbaijan, Pakistan and Turkiye will meet in Islamabad next month.", date(2026, 11, 20), record
    )
    assert month.when is not None and month.when.value.precision is Precision.MONTH


def test_where_city_host_and_capital(record: RecordIndex) -> None:
    e = _only(
        "The presidents of Azerbaijan and Turkiye and the prime minister of Pakistan met on Wednesday in the Kazakh capital.",
        date(2024, 7, 3),
        record,
    )
    assert e.city is not None and e.city.value == "Astana"
    assert e.host is None  # Kazakhstan is not a member
    hosted = _only(
        "The second trilateral meeting of the speakers, hosted by the Grand National Assembly, was held in Istanbul"
        " on 21 July 2022.",
        date(2022, 7, 22),
        record,
    )
    assert hosted.host is not None and hosted.host.value == "TUR" and hosted.ordinal is not None
    assert hosted.ordinal.value == 2


def test_ordinals_that_are_not_rounds(record: RecordIndex) -> None:
    e = _only(
        "Senior officials from Australia, India, Japan and the United States met in Manila on Sunday for their first"
        " four-way consultations in a decade.",
        date(2017, 11, 12),
        record,
    )
    assert e.ordinal is None
    assert e.group is not None and e.group.value == "QUAD" and e.level.value is Level.OFFICIALS


def test_background_and_multilateral_are_not_events(record: RecordIndex) -> None:
    day = date(2025, 11, 10)
    assert read_events("The three leaders last met in Lachin in May 2025.", "", record=record, anchor=day) == []
    assert (
        read_events(
            "The foreign ministers of Azerbaijan, Turkey and Pakistan met in Baku on 30 November 2017.",
            "",
            record=record,
            anchor=day,
        )
        == []
    )  # eight years before the article: background
    assert (
        read_events(
            "Leaders of the member states, including Azerbaijan, Turkiye and Pakistan, met in Ashgabat on Sunday.",
            "",
            record=record,
            anchor=date(2021, 11, 29),
        )
        == []
    )


def test_article_in_another_language_is_skipped(record: RecordIndex) -> None:
    text = "Bakanlar Bakü'de bir araya geldi ve üç ülke arasındaki işbirliğini ele aldı. Toplantı verimli geçti."
    r = read_article(text, url="https://x.example/tr", fetched_at=FETCHED, record=record)
    assert not r.handled and r.events == () and r.language != "en"


def test_future_publication_is_flagged(record: RecordIndex) -> None:
    html = (
        '<html lang="en"><head><meta property="article:published_time" content="2030-01-05T10:00:00Z"></head>'
        "<body><article><h1>Ministers meet</h1><p>The foreign ministers of Azerbaijan, Georgia and Turkiye met in Baku"
        " on Friday and discussed transport links and energy projects in detail.</p></article></body></html>"
    )
    r = read_article(html, url="https://x.example/a", fetched_at=datetime(2029, 1, 1), record=record)
    assert r.future and r.published is not None and r.published.value == date(2030, 1, 5)
    assert any("after the fetch time" in n for n in r.notes)
