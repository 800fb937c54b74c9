"""Country codes of the UN General Assembly vote files, mapped to ISO 3166 alpha-3.

The ``unvotes`` files code states by ISO alpha-2 (with three pre-1990 states left blank
and named only); Voeten's files by Correlates of War (COW) numbers. Both keep one code
for a seat whose state changed name or shape; :data:`SEAT_NOTES` says how such codes are
read, so the reading is reported, not hidden.

COW letter abbreviations are not accepted: some equal another state's ISO alpha-3
(COW ``SLV`` is Slovenia, ISO ``SLV`` El Salvador).
"""

from __future__ import annotations

from typing import Final

import pycountry

#: COW state number -> ISO alpha-3, for every state with a UN General Assembly vote. From the
#: ``ccode``/``iso3c`` pairs of Voeten's ideal-point file (June 2024), with three changes:
#: 680 (South Yemen) is YMD, not YAR; 678 (North Yemen) is YEM, the code ISO gave it; and
#: 511 (Zanzibar, a member for four months in 1963-64) is ZAN, COW's abbreviation, as ISO
#: never coded it. 345 is split by session, see :func:`seat_state`.
COW_TO_ISO3: Final[dict[int, str]] = {
    2: "USA", 20: "CAN", 31: "BHS", 40: "CUB", 41: "HTI", 42: "DOM", 51: "JAM", 52: "TTO", 53: "BRB", 54: "DMA",
    55: "GRD", 56: "LCA", 57: "VCT", 58: "ATG", 60: "KNA", 70: "MEX", 80: "BLZ", 90: "GTM", 91: "HND", 92: "SLV",
    93: "NIC", 94: "CRI", 95: "PAN", 100: "COL", 101: "VEN", 110: "GUY", 115: "SUR", 130: "ECU", 135: "PER",
    140: "BRA", 145: "BOL", 150: "PRY", 155: "CHL", 160: "ARG", 165: "URY", 200: "GBR", 205: "IRL", 210: "NLD",
    211: "BEL", 212: "LUX", 220: "FRA", 221: "MCO", 223: "LIE", 225: "CHE", 230: "ESP", 232: "AND", 235: "PRT",
    255: "DEU", 260: "DEU", 265: "DDR", 290: "POL", 305: "AUT", 310: "HUN", 315: "CSK", 316: "CZE", 317: "SVK",
    325: "ITA", 331: "SMR", 338: "MLT", 339: "ALB", 341: "MNE", 343: "MKD", 344: "HRV", 345: "YUG", 346: "BIH",
    349: "SVN", 350: "GRC", 352: "CYP", 355: "BGR", 359: "MDA", 360: "ROU", 365: "RUS", 366: "EST", 367: "LVA",
    368: "LTU", 369: "UKR", 370: "BLR", 371: "ARM", 372: "GEO", 373: "AZE", 375: "FIN", 380: "SWE", 385: "NOR",
    390: "DNK", 395: "ISL", 402: "CPV", 403: "STP", 404: "GNB", 411: "GNQ", 420: "GMB", 432: "MLI", 433: "SEN",
    434: "BEN", 435: "MRT", 436: "NER", 437: "CIV", 438: "GIN", 439: "BFA", 450: "LBR", 451: "SLE", 452: "GHA",
    461: "TGO", 471: "CMR", 475: "NGA", 481: "GAB", 482: "CAF", 483: "TCD", 484: "COG", 490: "COD", 500: "UGA",
    501: "KEN", 510: "TZA", 511: "ZAN", 516: "BDI", 517: "RWA", 520: "SOM", 522: "DJI", 530: "ETH", 531: "ERI",
    540: "AGO", 541: "MOZ", 551: "ZMB", 552: "ZWE", 553: "MWI", 560: "ZAF", 565: "NAM", 570: "LSO", 571: "BWA",
    572: "SWZ", 580: "MDG", 581: "COM", 590: "MUS", 591: "SYC", 600: "MAR", 615: "DZA", 616: "TUN", 620: "LBY",
    625: "SDN", 626: "SSD", 630: "IRN", 640: "TUR", 645: "IRQ", 651: "EGY", 652: "SYR", 660: "LBN", 663: "JOR",
    666: "ISR", 670: "SAU", 678: "YEM", 679: "YEM", 680: "YMD", 690: "KWT", 692: "BHR", 694: "QAT", 696: "ARE",
    698: "OMN", 700: "AFG", 701: "TKM", 702: "TJK", 703: "KGZ", 704: "UZB", 705: "KAZ", 710: "CHN", 712: "MNG",
    713: "TWN", 731: "PRK", 732: "KOR", 740: "JPN", 750: "IND", 760: "BTN", 770: "PAK", 771: "BGD", 775: "MMR",
    780: "LKA", 781: "MDV", 790: "NPL", 800: "THA", 811: "KHM", 812: "LAO", 816: "VNM", 820: "MYS", 830: "SGP",
    835: "BRN", 840: "PHL", 850: "IDN", 860: "TLS", 900: "AUS", 910: "PNG", 920: "NZL", 935: "VUT", 940: "SLB",
    946: "KIR", 947: "TUV", 950: "FJI", 955: "TON", 970: "NRU", 983: "MHL", 986: "PLW", 987: "FSM", 990: "WSM",
}  # fmt: skip

#: Former states' ISO alpha-2 codes (ISO 3166-3) used by ``unvotes``.
HISTORIC_ISO2: Final[dict[str, str]] = {"CS": "CSK", "DD": "DDR", "YD": "YMD", "YU": "YUG"}
#: States that ``unvotes`` leaves without a code, by the name it gives them.
UNCODED_NAMES: Final[dict[str, str]] = {
    "Federal Republic of Germany": "DEU",
    "Yemen Arab Republic": "YEM",
    "Zanzibar": "ZAN",
}
#: Alpha-3 codes that are not current ISO codes but are accepted in user files.
EXTRA_ISO3: Final[frozenset[str]] = frozenset({"CSK", "DDR", "YMD", "YUG", "ZAN"})

#: The last session of the Socialist Federal Republic of Yugoslavia (1991-92). Its seat code
#: (``YU``, COW 345) is read as YUG up to here and as SRB afterwards.
LAST_SFRY_SESSION: Final = 46

#: How seat codes that span a change of state are read (state -> note), reported whenever the
#: state occurs in the data read.
SEAT_NOTES: Final[dict[str, str]] = {
    "YUG": "the Yugoslav seat (unvotes 'YU' 'Yugoslavia', COW 345) is read as YUG up to session 46 (1991-92)"
    " and as SRB from session 47: the data keep one code for the SFRY, the FRY/Serbia and Montenegro and Serbia",
    "SRB": "Serbia's votes are recorded under the Yugoslav seat ('YU' 'Yugoslavia' in unvotes, COW 345);"
    " read as SRB from session 47 (1992-93) on",
    "DEU": "West Germany ('Federal Republic of Germany', no code in unvotes; COW 260) is read as DEU,"
    " continuous with united Germany from session 46 (1990)",
    "YEM": "North Yemen ('Yemen Arab Republic', no code in unvotes; COW 678) is read as YEM, continuous with"
    " united Yemen from 1990; South Yemen is YMD",
    "RUS": "the Soviet Union's votes (sessions 1-46) are recorded under Russia ('RU', COW 365) and read as RUS",
    "TWN": "'Taiwan' (TW, COW 713) in sessions 1-26 is the Republic of China's seat; CHN from session 26 (1971)",
    "ZAN": "Zanzibar (no code in unvotes; COW 511) is given ZAN, COW's abbreviation, as ISO never coded it",
}


def iso3_for_code(code: str) -> str | None:
    """The ISO alpha-3 code for a country code of a vote file, or None when unknown.

    Numbers are COW state numbers; two letters ISO alpha-2; three letters ISO alpha-3.

    >>> [iso3_for_code(c) for c in ("640", "TR", "NA", "tur", "YU", "XX")]
    ['TUR', 'TUR', 'NAM', 'TUR', 'YUG', None]
    """
    code = code.strip()
    if code.isdigit():
        return COW_TO_ISO3.get(int(code))
    upper = code.upper()
    if len(upper) == 2:
        if upper in HISTORIC_ISO2:
            return HISTORIC_ISO2[upper]
        found = pycountry.countries.get(alpha_2=upper)
        return str(found.alpha_3) if found else None
    if len(upper) == 3 and upper.isalpha():
        if upper in EXTRA_ISO3:
            return upper
        found = pycountry.countries.get(alpha_3=upper)
        return str(found.alpha_3) if found else None
    return None


def is_yugoslav_seat(code: str) -> bool:
    """Whether a file's country code is the Yugoslav seat that is split by session."""
    code = code.strip().upper()
    return code in {"YU", "345", "YUG"}
