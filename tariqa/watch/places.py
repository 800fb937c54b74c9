"""Where an event took place and who hosted it: :func:`place_in` for one sentence.

The city is the first one named in a place phrase ("in Baku", "the city of Kars", "off
Visakhapatnam", "scheduled for Sydney"), a landmark ("at the White House"), a city-state
("in Singapore"), "the Azerbaijani capital", a capital that hosts ("Seoul is set to
host"), or an unknown capitalised place after "in" or at a facility; never a place in an
attribution ("officials in New Delhi said"). The host is the state named as host, else
the city's state when it took part, else a member named as the place.
:func:`capital_agent` tells a capital named for its government ("Ankara and Baku
agreed") from a capital named as a place.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from tariqa.watch import cues
from tariqa.watch.draft import Draft, Sentence, inside
from tariqa.watch.gazetteer import Hit, capital_of, regions

#: What follows a capital used for its government ("Ankara and Baku agreed", "Washington's").
_AGENT_AFTER = re.compile(
    r"^(?:'s\b|\s+and\s+[A-Z]|,\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?\s+and\s+[A-Z]|\s+(?:has|have|had|is|are|was|were|"
    r"will|would|said|says|agreed|agrees|signed|hosted|hosts|wants|hoped|plans|announced|decided|insisted|"
    r"refused|rejected|welcomed|hopes|offered|and)\b)"
)
_HOSTS_AFTER = re.compile(
    r"^\s+(?:will|would|is set to|was set to|is to|was to|is due to|plans to|had hoped to|hopes to|has offered to|"
    r"offered to|agreed to)?\s*(?:host|hosts|hosted|to host)\b"
)
_PREPOSITION_BEFORE = re.compile(r"\b(?:in|at|to|from|near|of|for|via|between|outside|into|on)\s+(?:the\s+)?$", re.I)


def capital_agent(hit: Hit, text: str, rel: int) -> str | None:
    """The state of a capital named for its government ("Washington and Tokyo agreed"), if
    the capital is used so: not after a preposition, followed by a verb, "and" or "'s"."""
    city = hit.first("city")
    if city is None or capital_of(city.state) != city.value or hit.first("person") is not None:
        return None
    if _PREPOSITION_BEFORE.search(text[max(0, rel - 12) : rel]) or (rel == 0 and re.match(r"^[A-Z .'-]+,", text)):
        return None
    after = text[rel + (hit.end - hit.start) : rel + (hit.end - hit.start) + 60]
    return city.state if _AGENT_AFTER.match(after) else None


_CAPITAL_OF = re.compile(r"^\s*capital\b", re.I)


_IN_PLACE = re.compile(
    r"\bin (?:the (?:town|city|village|port|district|resort) of )?(?P<c>[A-Z][a-z]{2,})\b(?![ -]?[A-Z]|')|"
    r"\bat the (?P<f>[A-Z][a-z]{2,}) (?:[a-z-]+ ){0,2}(?:training (?:centre|center|ground|area|range)|base|air ?base|"
    r"naval base|range|camp|polygon|garrison)\b"
)
_NOT_PLACES = frozenset(
    "January February March April May June July August September October November December Monday Tuesday "
    "Wednesday Thursday Friday Saturday Sunday Parliament Congress Senate Government Cabinet Ministry Council "
    "Assembly Europe Asia Africa America Americas Caucasus Eurasia Oceania Antarctica Arctic Pacific Atlantic "
    "Middle Central South North East West English Islam Christianity Spring Summer Autumn Winter Brief Depth "
    "Principle Addition Response Return Total Particular General Future Practice Turn Fact Time Person Focus "
    "Office House Chamber Palace Hall Centre Center Region Gulf Sea Ocean".split()
)


def place_in(
    s: Sentence,
    d: Draft,
    lookup: Callable[[str], tuple[object, ...]] | None = None,
    attribution: list[tuple[int, int]] | None = None,
) -> None:
    """The city (first one named in a place phrase, not in an attribution such as
    "officials in New Delhi said") and the host."""
    text = s.text
    d.at_sea = bool(cues.AT_SEA.search(text))
    for hit in s.hits:
        rel = hit.start - s.start
        if attribution and inside(rel, attribution):
            continue
        city = hit.first("city")
        before = text[:rel]
        after = text[hit.end - s.start :]
        landmark = [e for e in hit.entries if e.kind == "landmark"]
        if landmark and cues.LOCATIVE.search(before):
            # "at the White House"; "at Parliament House": the city of a participant
            fit = [e for e in landmark if e.state in d.states] or (landmark if len(landmark) == 1 else [])
            if fit:
                d.city, d.city_state, d.city_span = fit[0].value, fit[0].state, (hit.start, hit.end)
                break
            continue
        if city is not None and hit.first("person") is None:
            country = hit.first("country")
            city_state = country is not None and country.state == city.state and capital_of(city.state) == city.value
            if (country is not None and not city_state) or hit.first("demonym") is not None:
                continue
            if re.match(r"^[ -][A-Z]|^ of [A-Z]", after):
                continue  # "the Baku International Sea Trade Port", "the Istanbul Process", "the Bay of Bengal"
            if cues.LOCATIVE.search(before) or re.search(r"\b(?:capital|city|town)\s*,?\s*$", before, re.I):
                d.city, d.city_state, d.city_span = city.value, city.state, (hit.start, hit.end)
                break
        dem = hit.first("demonym")
        if dem is not None and _CAPITAL_OF.match(after):
            cap = capital_of(dem.state)
            if cap:
                d.city, d.city_state, d.city_span = cap, dem.state, (hit.start, hit.end + 8)
                break
    if d.city is None:
        # "Seoul is set to host", "New Delhi had hoped to host": the capital hosting is the place
        for hit in s.hits:
            rel = hit.start - s.start
            state = capital_agent(hit, text, rel)
            if state is not None and _HOSTS_AFTER.match(text[hit.end - s.start : hit.end - s.start + 40]):
                city = hit.first("city")
                assert city is not None
                d.city, d.city_state, d.city_span = city.value, city.state, (hit.start, hit.end)
                break
    if d.city is None and lookup is not None:
        for m in _IN_PLACE.finditer(text):
            group = "c" if m.group("c") else "f"
            name = m.group(group)
            if name in _NOT_PLACES or name in regions() or lookup(name):
                continue  # a known place is a city above; a region ("in Hawaii") is no city
            d.city, d.city_state, d.city_span = name, None, (s.start + m.start(group), s.start + m.end(group))
            break
    # host: "hosted by X", "X hosted", "X will host", "visit to X"
    for hit in s.hits:
        entry = next((e for e in hit.entries if e.kind in ("country", "demonym", "person", "institution")), None)
        if entry is None or entry.state not in d.states:
            continue
        rel_s, rel_e = hit.start - s.start, hit.end - s.start
        before = text[max(0, rel_s - 40) : rel_s]
        after = text[rel_e : rel_e + 40]
        if cues.HOSTED_BY.search(before) or re.search(r"\bvisit to\s+$", before, re.I):
            d.host, d.host_span, d.host_explicit = entry.state, (hit.start, hit.end), True
            return
        if cues.HOST_VERB.match(after) or re.match(
            r"^(?:'s)?\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,3}\s+(?:hosted|received)\b", after
        ):
            d.host, d.host_span, d.host_explicit = entry.state, (hit.start, hit.end), True
            return
    if d.city_state and d.city_state in d.states and d.city_span:
        d.host, d.host_span = d.city_state, d.city_span
        return
    for state, span in d.country_places.items():
        if state in d.states:
            d.host, d.host_span = state, span
            return
