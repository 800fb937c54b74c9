"""Fetching targets (issue 19): fetch and archive 1,000 local pages over 8 sites in under
30 s; extract HTML at 50 pages/s or more on 2 cores; the archive at most 1.2 times the raw
bytes received.

Eight real HTTP servers listen on 127.0.0.1 to 127.0.0.8; each serves 125 different news
pages of about 12 KB (text written here, varied per page) and a robots.txt. The polite
client fetches them all (8 fetches at once, 2 per site, no pause between requests: a local
benchmark, not a real site), writes each response to a WARC archive and logs it in a
SQLite database. Then the archived pages' texts are extracted (trafilatura) in 1 and 2
processes, and languages detected with py3langid on a small hand-written set.
Run: `python bench/bench_fetch.py`.
"""

from __future__ import annotations

import os
import platform
import random
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tariqa.fetch.archive import Archive
from tariqa.fetch.client import FetchOptions
from tariqa.fetch.sources import fetch_urls
from tariqa.fetch.texts import detect_language, extract_payload
from tariqa.storage import open_store
from tests.fetch.servers import Reply, Site

SITES, PAGES = 8, 125
TARGET_FETCH_S, TARGET_PAGES_PER_S, TARGET_RATIO = 30.0, 50.0, 1.2
WORDS = (
    "minister delegation cooperation summit declaration trilateral defence trade energy corridor security "
    "parliament agreement exercise meeting region stability partnership investment transport dialogue"
).split()
SAMPLES = {
    "en": "The three foreign ministers met in the capital and agreed to deepen their cooperation on energy.",
    "tr": "Üç ülkenin dışişleri bakanları başkentte bir araya gelerek enerji alanında iş birliğini derinleştirme kararı aldı.",
    "az": "Üç ölkənin xarici işlər nazirləri paytaxtda görüşdü və enerji sahəsində əməkdaşlığı dərinləşdirməyə razılaşdı.",
    "ru": "Министры иностранных дел трёх стран встретились в столице и договорились углублять сотрудничество в энергетике.",
    "fr": "Les ministres des affaires étrangères des trois pays se sont réunis et ont convenu de renforcer leur coopération.",
    "de": "Die Außenminister der drei Staaten trafen sich in der Hauptstadt und vereinbarten eine engere Zusammenarbeit.",
    "ur": "تینوں ممالک کے وزرائے خارجہ نے دارالحکومت میں ملاقات کی اور توانائی کے شعبے میں تعاون بڑھانے پر اتفاق کیا۔",
    "ar": "اجتمع وزراء خارجية الدول الثلاث في العاصمة واتفقوا على تعميق التعاون في مجال الطاقة.",
}


def page(rng: random.Random, site: int, n: int) -> bytes:
    paragraphs = []
    for _ in range(12):
        words = [rng.choice(WORDS) for _ in range(rng.randint(25, 40))]
        paragraphs.append("<p>" + " ".join(words).capitalize() + ".</p>")
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>Press release {site}-{n}</title></head>"
        f"<body><nav>Home | Press | Contacts</nav><article><h1>Press release {site}-{n}</h1>"
        + "".join(paragraphs)
        + "</article><footer>Ministry of Foreign Affairs</footer></body></html>"
    ).encode()


def _extract(body: bytes) -> int:
    text, _ = extract_payload(body, "html", "text/html; charset=utf-8", "page")
    return len(text)


def main() -> None:
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    rng = random.Random(19)
    sites = [Site(f"127.0.0.{i + 1}") for i in range(SITES)]
    pages: list[bytes] = []
    with tempfile.TemporaryDirectory() as tmp:
        for i, site in enumerate(sites):
            site.__enter__()
            site.routes["/robots.txt"] = Reply(
                200, b"User-agent: *\nDisallow: /private/\n", {"Content-Type": "text/plain"}
            )
            for n in range(PAGES):
                body = page(rng, i, n)
                pages.append(body)
                site.routes[f"/press/{n}"] = Reply(200, body)
        urls = [site.url(f"/press/{n}") for n in range(PAGES) for site in sites]
        raw = sum(len(p) for p in pages)
        store = open_store(str(Path(tmp) / "bench.db"))
        archive = Archive.open(Path(tmp) / "archive")
        options = FetchOptions(concurrency=SITES, per_host=2, delay=0)
        started = time.perf_counter()
        report = fetch_urls(store, urls, options=options, archive=archive)
        seconds = time.perf_counter() - started
        stored = sum(p.stat().st_size for p in archive.folder.rglob("*.warc.gz"))
        ok = report.counts.get("ok", 0)
        print(
            f"fetch + archive + log: {ok} of {len(urls)} pages over {SITES} sites in {seconds:.1f} s "
            f"(target < {TARGET_FETCH_S:g} s): {'met' if seconds < TARGET_FETCH_S and ok == len(urls) else 'MISSED'}"
        )
        ratio = stored / raw
        print(
            f"archive: {stored / 1e6:.2f} MB for {raw / 1e6:.2f} MB received = {ratio:.2f}x "
            f"(target <= {TARGET_RATIO}x): {'met' if ratio <= TARGET_RATIO else 'MISSED'}"
        )
        bodies = [archive.read(r.warc) for r in report.rows if r.warc]
        for workers in (1, 2):
            started = time.perf_counter()
            if workers == 1:
                chars = [_extract(b) for b in bodies]
            else:
                with ProcessPoolExecutor(workers) as pool:
                    chars = list(pool.map(_extract, bodies, chunksize=25))
            rate = len(bodies) / (time.perf_counter() - started)
            verdict = (
                ""
                if workers == 1
                else f" (target >= {TARGET_PAGES_PER_S:g}): {'met' if rate >= TARGET_PAGES_PER_S else 'MISSED'}"
            )
            print(
                f"extract HTML, {workers} process{'es' if workers > 1 else ''}: {rate:.0f} pages/s, "
                f"{sum(chars) / len(chars):.0f} characters a page{verdict}"
            )
        detect_language("warm up the model")
        started = time.perf_counter()
        right = sum(detect_language(text)[0] == lang for lang, text in SAMPLES.items())
        took = (time.perf_counter() - started) / len(SAMPLES) * 1000
        wrong = [f"{lang}->{detect_language(t)[0]}" for lang, t in SAMPLES.items() if detect_language(t)[0] != lang]
        print(f"language (py3langid): {right} of {len(SAMPLES)} one-sentence samples right {wrong}, {took:.1f} ms each")
        store.close()
        for site in sites:
            site.__exit__()


if __name__ == "__main__":
    main()
