"""A handful of news-style articles written for the workflow tests (invented outlets and
.example URLs; facts of the small test record or invented on purpose)."""

from __future__ import annotations

from pathlib import Path

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{title}</title>
{canonical}<meta property="article:published_time" content="{published}T09:00:00+00:00">
</head><body><article>
<h1>{title}</h1>
{paragraphs}
</article></body></html>
"""

ISLAMABAD_URL = "https://pnw.example/2026/10/14/atp-foreign-ministers-islamabad"
COURIER_URL = "https://courier.example/news/trilateral-talks-islamabad-transport"
ANKARA_URL = "https://ledger.example/defence/2026/11/02/aze-tur-defence-ankara"
BAKU_URL = "https://caspian.example/2017/11/30/ministers-baku"
BAKU_EARLY_URL = "https://caspian.example/2017/11/29/ministers-baku-wednesday"

ARTICLES: dict[str, tuple[str, str, str, list[str]]] = {
    # name: (url, published, title, paragraphs)
    "islamabad": (
        ISLAMABAD_URL,
        "2026-10-14",
        "Foreign ministers of Azerbaijan, Türkiye and Pakistan meet in Islamabad",
        [
            "ISLAMABAD, Oct 14 (PNW) - The foreign ministers of Azerbaijan, Türkiye and Pakistan held a trilateral"
            " meeting in Islamabad on Tuesday, their first in the Pakistani capital in several years.",
            "The three ministers discussed transport links, energy projects and their cooperation at the United"
            " Nations, officials said after the talks.",
        ],
    ),
    "courier": (
        COURIER_URL,
        "2026-10-15",
        "Trilateral talks in Islamabad focus on transport",
        [
            "Islamabad hosted the foreign ministers of Pakistan, Azerbaijan and Türkiye on October 14 for a round"
            " of trilateral talks that put rail and road corridors at the top of the agenda.",
            "Observers said the meeting showed that the format remains active despite a crowded calendar.",
        ],
    ),
    "ankara": (
        ANKARA_URL,
        "2026-11-02",
        "Azerbaijani and Turkish defence ministers meet in Ankara",
        [
            "ANKARA, Nov 2 (AL) - The defence ministers of Azerbaijan and Türkiye met in Ankara on Monday to review"
            " joint training plans for the coming year.",
            "The ministers also visited a defence industry fair on the edge of the city.",
        ],
    ),
    "baku": (
        BAKU_URL,
        "2017-11-30",
        "Azerbaijani, Turkish and Pakistani foreign ministers meet in Baku",
        [
            "BAKU, Nov 30 (CN) - The foreign ministers of Azerbaijan, Turkey and Pakistan met in Baku on Thursday"
            " for their first trilateral meeting.",
            "The ministers agreed to meet regularly, the Azerbaijani side said.",
        ],
    ),
    "baku-early": (
        BAKU_EARLY_URL,
        "2017-11-29",
        "Three foreign ministers meet in Baku",
        [
            "BAKU, Nov 29 (CN) - The foreign ministers of Azerbaijan, Turkey and Pakistan met in Baku on Wednesday"
            " for their first trilateral meeting.",
            "The talks covered trade and transport.",
        ],
    ),
    "baku-2020": (
        "https://caspian.example/2020/03/10/three-ministers-baku",
        "2020-03-10",
        "Azerbaijani, Turkish and Pakistani foreign ministers meet in Baku",
        [
            "BAKU, Mar 10 (CN) - The foreign ministers of Azerbaijan, Turkey and Pakistan met in Baku on Tuesday"
            " for a trilateral meeting on trade and transport.",
        ],
    ),
    "turkish": (
        "https://haber.example/baku",
        "2026-10-14",
        "Azerbaycan, Türkiye ve Pakistan dışişleri bakanları İslamabad'da bir araya geldi",
        [
            "Azerbaycan, Türkiye ve Pakistan dışişleri bakanları bugün İslamabad'da üçlü formatta bir araya geldi."
            " Bakanlar ekonomik işbirliğini ve bölgesel meseleleri görüştü.",
        ],
    ),
}


def page(name: str, *, canonical: bool = True, published: str | None = None) -> str:
    url, day, title, paragraphs = ARTICLES[name]
    link = f'<link rel="canonical" href="{url}">\n' if canonical else ""
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return PAGE.format(title=title, canonical=link, published=published or day, paragraphs=body)


def write(folder: Path, *names: str, canonical: bool = True, published: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        (folder / f"{name}.html").write_text(page(name, canonical=canonical, published=published), encoding="utf-8")
    return folder
