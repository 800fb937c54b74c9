"""The English cue words of the reader: levels, kinds, statuses, ordinals, group size.

Each cue is a compiled pattern over folded text (see :func:`~tariqa.watch.gazetteer.fold`);
the extractors in :mod:`tariqa.watch.extract` decide what the matches mean.
"""

from __future__ import annotations

import re

from tariqa.vocab import EventKind, EventStatus, Level, Track

I = re.I  # noqa: E741  (short alias for the flag used in every pattern below)

#: (pattern, level, track, tier) in the order tried; the first tier that matches a
#: stretch of text claims it (so "Deputy Prime Minister" is never read as a leader).
LEVEL_CUES: list[tuple[re.Pattern[str], Level, Track, str]] = [
    (
        re.compile(r"\b(?:deputy|vice)[- ](?:prime ministers?|presidents?)\b", I),
        Level.MINISTER,
        Track.POLITICAL,
        "deputy leaders",
    ),
    (
        re.compile(
            r"\b(?:deputy|vice)[- ](?:foreign ministers?|ministers?|ministers? of foreign affairs|"
            r"secretar(?:y|ies) of state)\b|\bforeign secretar(?:y|ies)\b|"
            r"\b(?:senior|foreign ministry|defen[cs]e ministry)\s+officials?\b|"
            r"\bofficials of the foreign ministries\b|\b(?:assistant|under|deputy assistant) secretar(?:y|ies)\b|"
            r"\bjoint secretar(?:y|ies)\b|\bdirector[s]?[- ]general\b|\bsenior officials'? (?:meeting|group)\b|"
            r"\b(?:national )?coordinators\b|\bfocal points\b|\bspecial (?:envoys?|representatives?)\b|"
            r"\bnational security advis[eo]rs?\b|\bambassadors\b|(?<!military )\bdelegations\b|"
            r"\bworking group\b|\bsteering group\b|\bconsultations\b|\bsherpas?\b",
            I,
        ),
        Level.OFFICIALS,
        Track.POLITICAL,
        "officials",
    ),
    (
        re.compile(
            r"\b(?:presidents?|prime ministers?|premiers?|leaders'?|heads? of (?:state|government)|"
            r"heads of state and government|"
            r"chancellors?|emirs?|kings?|crown princes?|summits?|summit-level)\b",
            I,
        ),
        Level.HEAD,
        Track.LEADERS,
        "leaders",
    ),
    (
        re.compile(
            r"\b(?:speakers?|chair(?:man|woman|person)? of (?:the )?(?:parliament|milli majlis|national assembly|"
            r"grand national assembly|senate|majlis|house)|parliament(?:ary)? (?:speakers?|chairm[ae]n|chairs?)|"
            r"heads? of (?:the )?parliaments?|parliament chairm[ae]n)\b",
            I,
        ),
        Level.SPEAKER,
        Track.PARLIAMENTARY,
        "speakers",
    ),
    (
        re.compile(
            r"\b(?:defen[cs]e ministers?|ministers? (?:of|for) (?:national )?defen[cs]e|defen[cs]e secretar(?:y|ies)|"
            r"secretar(?:y|ies) of (?:defen[cs]e|war)|defen[cs]e chiefs|ministers? of defen[cs]e)\b",
            I,
        ),
        Level.MINISTER,
        Track.DEFENCE,
        "defence ministers",
    ),
    (
        re.compile(
            r"\b(?:foreign ministers?|ministers? (?:of|for) foreign affairs|foreign affairs ministers?|FMs?|"
            r"external affairs ministers?|secretar(?:y|ies) of state|top diplomats?|foreign policy chiefs?)\b",
            I,
        ),
        Level.MINISTER,
        Track.POLITICAL,
        "foreign ministers",
    ),
    (
        re.compile(
            r"\b(?:chiefs? of (?:the )?(?:general|defen[cs]e|army|naval|air) staffs?|chiefs of general staff|"
            r"heads of the armed forces|military chiefs|commanders?|navies|naval forces|special forces|troops|"
            r"servicemen|armed forces|military delegations?)\b",
            I,
        ),
        Level.MILITARY,
        Track.DEFENCE,
        "military",
    ),
    (
        re.compile(r"\b(?:[a-z]+ ministers?|ministers? (?:of|for) [a-z]+|ministers|ministerial)\b", I),
        Level.MINISTER,
        Track.ECONOMIC,
        "ministers",
    ),
    (
        re.compile(
            r"\b(?:parliamentarians|members of parliament|MPs|lawmakers|(?:foreign relations|foreign affairs|"
            r"international relations) committees?|parliamentary committees?|youth forum)\b",
            I,
        ),
        Level.OFFICIALS,
        Track.PARLIAMENTARY,
        "parliamentarians",
    ),
    (
        re.compile(r"\b(?:business (?:forum|council|leaders|people)|businessmen|chambers of commerce)\b", I),
        Level.CIVIL,
        Track.ECONOMIC,
        "business",
    ),
]

#: Rank of a level when several are named: the highest representation wins.
LEVEL_RANK = {
    Level.HEAD: 0,
    Level.MINISTER: 1,
    Level.SPEAKER: 2,
    Level.MILITARY: 3,
    Level.OFFICIALS: 4,
    Level.CIVIL: 5,
}

EXERCISE = re.compile(
    r"\b(?:exercises?|drills?|war games|manoeuvres|maneuvers|wargames?|"
    r"(?:joint|trilateral|military|naval|field) trials?)\b",
    I,
)
MEETING = re.compile(
    r"\b(?:met|meet|meets|meeting|meetings|talks|summit|summits|consultations|conference|session|forum|"
    r"received|receives|hosted|hosts|host|dialogue|gathered|gather|round|convened|convene|"
    r"(?:the|a) (?:trilateral|quadrilateral)(?= (?:in|on|at|with|of|was|were|will|is|held)\b|[,.;])|"
    r"get-together|sat down|2\+2|chaired|co-chaired|talked|attended|"
    r"phone call|telephone (?:call|conversation)|video ?call|spoke by (?:tele)?phone|videoconference|video conference|"
    r"(?:agreed|pledged|vowed|decided) (?:at|in|during)|"
    r"(?:agreed|pledged|vowed|decided|announced) (?:on )?"
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))\b",
    I,
)
AGREEMENT = re.compile(
    r"\bsign(?:ed|s|ing)?\b[^.;]{0,80}?\b(?:agreements?|memorand(?:um|a)|MoUs?|protocols?|deals?|contracts?|"
    r"accords?|treaty|treaties)\b|\b(?:agreements?|memorand(?:um|a)|MoUs?|deal|contracts?|treaty)\b[^.;]{0,40}?\bsigned\b",
    I,
)
DECLARATION = re.compile(
    r"\b(?:adopt(?:ed|s)?|issu(?:ed|es)|releas(?:ed|es)|sign(?:ed|s)?)\b[^.;]{0,60}?\b(?:declaration|joint statement|"
    r"communiqu[ée])\b|\b(?:announc|unveil|set out|sets out|launch)\w*\b[^.;]{0,70}?\b(?:partnership|pact|plan|"
    r"pathway|initiative|alliance|next steps)\b",
    I,
)
VISIT = re.compile(
    r"\b(?:state|official|working|joint) visit\b|\bvisit to\b|\bvisiting\b|\barrived in\b|\btravell?ed to\b|"
    r"\bflew (?:in|to)\b",
    I,
)
OTHER = re.compile(
    r"\b(?:took a walk|walk together|opening ceremony|inaugurat\w+|ground-?breaking|officially opened)\b", I
)

CANCELLED = re.compile(
    r"\b(?:cancell?ed|called off|scrapped|shelved|"
    r"(?:(?:will|would|did|does) not|won't|wouldn't) (?:take place|go ahead)"
    r"(?!\s+(?:in|this|next|before|until|on|as planned|as originally)\b)|has been dropped|was dropped)\b",
    I,
)
POSTPONED = re.compile(
    r"\b(?:postponed|put off|put on hold|delayed|rescheduled|deferred|pushed back|(?:was|were) to have (?:been )?\w+|"
    r"will now (?:be held|take place|meet) later|(?:(?:will|would|did|does) not|won't|wouldn't) (?:take place|go ahead|"
    r"be held)(?=\s+(?:in|this|next|before|until|on|as planned|as originally)\b))",
    I,
)
PLANNED = re.compile(
    r"\b(?:will|shall|would|to be held|is to|are to|is due|are due|due to|was due|were due|scheduled|planned|slated|"
    r"plans? to|set to|is expected|are expected|upcoming|forthcoming|next (?:meeting|summit|round|session)|"
    r"to host|to hold|to attend|to meet|to visit|to begin|to start|to take place|expected|look(?:s|ing)? forward to|"
    r"to be hosted|(?:stays|travels|heads|flies|moves on|goes on) (?:in|to|for|on to)|leaves for|"
    r"invit(?:ed|es|ing) (?:[\w'-]+ ){0,4}to)\b",
    I,
)
PAST = re.compile(
    r"\b(?:met|held|hosted|signed|took place|was held|were held|began|opened|concluded|ended|started|attended|"
    r"received|discussed|adopted|gathered|visited|arrived|took part|participated|agreed|announced|unveiled|"
    r"launched|chaired|co-chaired|pledged|vowed|condemned|reaffirmed|called|stood|appeared|joined)\b",
    I,
)

_ORD_WORDS = (
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
    "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth"
).split()
ORDINAL_WORDS = {w: i + 1 for i, w in enumerate(_ORD_WORDS)}
ORDINAL = re.compile(
    r"\b(?P<ord>" + "|".join(_ORD_WORDS) + r"|\d{1,2}(?:st|nd|rd|th))\b(?:[- ]ever)?"
    r"(?P<mid>(?:\s+(?:trilateral|three-way|tripartite|quadrilateral|four-way|quadrilateral|joint|annual|regular|"
    r"in-person|formal|ministerial|leaders'?|foreign ministers'?|defen[cs]e ministers'?|speakers'?|youth|"
    r"business|summit-level|round of(?: the)?|edition of(?: the)?|meeting of(?: the)?|[A-Z][\w'-]+)){0,5})"
    r"\s+(?P<noun>meetings?|summit|session|round|conference|consultations|talks|edition|forum|exercises?|dialogue|"
    r"gathering|council)\b",
    I,
)
FIRST_TIME = re.compile(r"\bfor the first time\b", I)
NOT_FORMAT_ORDINAL = re.compile(
    r"^\s*(?:in (?:a|over a|more than a) (?:decade|year|years)|since|in \d+ years|in years|in-person|in person|"
    r"of its kind|in (?:the|this|that) (?:country|city|region|capital|format abroad)|held (?:during|at|in|on|outside|"
    r"abroad)|on [\w-]+ soil|abroad|outside|as (?:president|prime minister|chancellor|minister|leader)|in office)",
    I,
)
#: What makes "for the first time" a qualified first ("met in person for the first time").
FIRST_TIME_QUALIFIED = re.compile(r"\b(?:in person|in-person|face[- ]to[- ]face|physically|on [\w-]+ soil)\W*$", I)

#: "trilateral" and friends: how many states the cue says took part.
GROUP_SIZE = re.compile(
    r"\b(?P<three>trilateral|three-way|tripartite|three countries|three nations|three states|three ministers|"
    r"three leaders|three presidents|three speakers|three parliaments|three sides|three delegations|"
    r"(?:meeting|summit|talks|round) of the three|the three of (?:us|them)|"
    r"three brotherly|trio|triangle)\b|\b(?P<four>quadrilateral|four-way|four countries|four nations|"
    r"four ministers|four leaders|four navies|quartet)\b",
    I,
)
#: Clauses whose people are not the event's participants.
CONTEXT_CLAUSE = re.compile(
    r"^(?:After|Following|Before|Ahead of)\b[^,]*|"
    r"^[\w-]+ (?:days?|weeks?|months?|years?|decades?) (?:after|before|since)\b[^,]*|"
    r"\b(?:on the (?:sidelines|margins|fringes) of|in the presence of|at the invitation of|ahead of|on the eve of|"
    r"alongside (?:the|a|an)\b|as part of|within the framework of|during (?:a|an|the) (?:visit|call)|according to|"
    r"as a follow-up to|in follow-up to|(?:a|one|two|three|several) days? (?:before|after)|hours (?:before|after)|"
    r"shortly (?:before|after)|days (?:before|after))\b[^,;]*",
    I,
)
#: What the talks were about: states named there are topics, not participants.
TOPIC = re.compile(
    r"\b(?:to discuss|talks on|focused on|focusing on|devoted to|about|regarding|concerning|conference on|forum on|"
    r"support for|aid (?:to|for)|assistance (?:to|for)|"
    r"(?:invasion|occupation|annexation) of|war (?:in|on|against)|situation (?:in|on)|crisis in|"
    r"sanctions (?:on|against)|"
    r"threats? from|pressure on|relations with|ties with|aggression against)\b[^;]*?(?=\bwith\b|;|$)",
    I,
)
#: One-to-one talks: a named group is where they met, not who met.
BILATERAL = re.compile(
    r"\b(?:bilateral|separately|separate (?:talks|meetings?)|one-on-one|tete-a-tete|face-to-face talks with)\b", I
)
ATTRIBUTION_TAIL = re.compile(
    r",\s*(?:[^,]{0,140}?)\b(?:said|says|told|announced|reported|added|stated|noted|confirmed|quoted|wrote|"
    r"tweeted|posted|informed)\b(?:(?!\bthat\b)[^,]){0,60}$",
    I,
)
ATTRIBUTION_HEAD = re.compile(
    r"^(?:[^,]{0,160}?)\b(?:said|says|announced|told [^,]{0,60}?|stated|confirmed|added|noted|agreed|decided|"
    r"declared|revealed)\b(?P<when>[^,]{0,40}?)\s+that\b",
    I,
)
LOCATIVE = re.compile(
    r"(?:\b(?:in|at|to|near|outside|off|from|into|through|(?:scheduled|planned|set|slated|due) for|city of|"
    r"town of|province of|resort of|port of|capital,?|"
    r"region of|hometown of|home town of|home city of|"
    r"village of|venue in)\s+(?:the\s+)?(?:[A-Z][\w'-]*\s+){0,3}$)",
)
#: Seas and straits: an event there has no city, whatever the dateline says.
AT_SEA = re.compile(
    r"\b(?:in|into|across|off|over) (?:the )?(?:[A-Z][a-z]+ )+(?:Sea|Ocean|Gulf|Strait|Straits|Bay)\b|"
    r"\b(?:Bay|Gulf|Sea) of [A-Z]|\binternational waters\b|\bat sea\b",
)
HOSTED_BY = re.compile(r"\b(?:hosted by|at the invitation of|under the chairmanship of|chaired by|convened by)\s+$", I)
HOST_VERB = re.compile(r"^\s*(?:will\s+|to\s+)?(?:host(?:ed|s|ing)?|received|receives|welcomed|will receive)\b", I)
DURATION = re.compile(
    r"\b(?P<n>two|three|four|five|six|seven|2|3|4|5|6|7)[- ]day\b(?P<visit>\s+(?:\w+\s+)?(?:visit|trip|tour|stay))?", I
)
#: Between the first and the last day of an event ("from 4 to 8 October", "began ... and will run until").
RANGE_CUE = re.compile(
    r"\b(?:until|till|through|concluded|ended|closed|conclude|end|close|will run|runs? until|run|last|continue|"
    r"to|and)\b",
    I,
)

STATUS_ORDER = (EventStatus.CANCELLED, EventStatus.POSTPONED, EventStatus.PLANNED, EventStatus.HELD)
KIND_ORDER = (EventKind.EXERCISE, EventKind.AGREEMENT, EventKind.DECLARATION, EventKind.VISIT, EventKind.OTHER)

#: A sentence about the past of the story, not its news ("had been taken", "recalled").
BACKGROUND = re.compile(
    r"\b(?:had (?:\w+ly |first |already |last |earlier )?(?:been|met|held|agreed|signed|decided|hosted|taken|"
    r"visited|used|launched|announced)|recalled|last met|previously met|earlier met|first met)\b",
    I,
)
#: A later round spoken of without naming its states ("the next meeting", "a joint exercise").
ANAPHORA = re.compile(
    r"\b(?:next (?:[\w'-]+ ){0,3}(?:meeting|summit|round|session|conference|trilateral|edition)|"
    r"next year's (?:edition|summit|meeting|round)|joint (?:\w+ )?(?:exercises?|drills)|(?:will|to|would) meet again|"
    r"another (?:meeting|summit|round)|"
    r"the (?:leaders'? |ministers'? )(?:summit|meeting)|"
    r"the (?:ministers|leaders|presidents|speakers|sides|parties|three|four)(?: \w+)? (?:agreed|announced|decided|said|"
    r"committed|pledged|confirmed|vowed))\b",
    I,
)
#: A meeting said not to have happened.
NEGATED = re.compile(
    r"\b(?:there (?:was|will be|is) no (?:[\w'-]+ ){0,2}(?:meeting|summit|talks)|"
    r"no (?:[\w'-]+ ){0,2}meeting (?:was|is|has)|"
    r"(?:did|do|does|will) not meet|didn't meet|won't meet|no plans? (?:to|for) (?:a )?(?:meet|meeting|summit))\b",
    I,
)
#: Gatherings of an organisation (a multilateral summit), not of a group's members.
#: Gatherings of a larger organisation named as such ("the G7 summit in Hiroshima").
MULTILATERAL_EVENT = re.compile(
    r"\b(?:G-?7|G-?8|G-?20|BRICS|NATO|ASEAN|APEC|SCO|EU|OSCE|CICA|OIC|ECO|CHOGM|Commonwealth|UN General Assembly|"
    r"United Nations General Assembly|East Asia|European Council|Arab League|African Union|Turkic States)"
    r"(?:[- ][A-Z][\w-]*)?\s+(?:summit|leaders' meeting|ministerial|foreign ministers' meeting|session|conference)\b"
)
#: The name of a bilateral mechanism, not of a multilateral organisation.
BILATERAL_BODY = re.compile(r"\b(?:High-Level|Strategic|Bilateral|Joint|Intergovernmental)\b")
MULTILATERAL = re.compile(
    r"\bmember (?:states|countries|nations)\b|\bmultinational\b|\bmultilateral\b|\bdozens of countries\b|"
    r"\b(?:summit|session|meeting|conference|assembly) of (?:the )?(?:[A-Z][\w-]*\s){1,5}?(?:Organi[sz]ation|Council|"
    r"Union|Assembly|Community|Alliance|Cooperation|States)\b",
)
PLANNED_NOT = re.compile(r"^\s+(?:run|last|continue|end|conclude|close|remain)\b", I)
UNTIL = re.compile(r"\b(?:until|till|through|to last until)\s+$", I)
#: A meeting held at a distance: it has no city.
VIRTUAL = re.compile(
    r"\b(?:virtual(?:ly)?|video ?conference|video link|videoconferencing|online|by phone|telephone call)\b", I
)
#: An exercise spoken of as a plan or a topic of the talks, not as the event.
EXERCISE_TOPIC = re.compile(
    r"\b(?:to (?:step up|hold|conduct|expand|increase|boost|deepen|intensify|resume|organi[sz]e|carry out|plan|"
    r"institutionali[sz]e)|including|agreed on|on (?:joint|regular)|planned for|"
    r"(?:condemn|criticis|criticiz|denounc|protest)\w*)\b[^.;]*$",
    I,
)
#: "concluded on Tuesday": the date is the event's last day.
CONCLUDED = re.compile(r"\b(?:concluded|ended|closed|wrapped up|came to an end)\b[^.;]{0,40}$", I)
