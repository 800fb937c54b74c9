"""Reading and sentence-splitting ~150 MB of prose: the baseline that auto-coding is compared with.

``python bench/bench_segment.py [--mb 150] [--seed 7]`` writes seeded synthetic English,
Turkish and Azerbaijani prose (paragraphs of 1-8 sentences, with abbreviations, numbers
and multi-byte characters) to a temporary .txt file, then times, in one process:
reading + decoding, :func:`normalise`, :func:`paragraphs` and :func:`sentences`, and the
whole :func:`read_and_split` as a user would run it.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

from tariqa.io.extract import extract, normalise, paragraphs, sentences

WORDS = (
    "the ministers agreed cooperation defence trade energy corridor pipeline security council "
    "parties shall meet annually review progress joint statement declaration summit delegation "
    "türkiye azərbaycan əməkdaşlıq müdafiə ticarət enerji dəhlizi təhlükəsizlik görüş bəyanat "
    "işbirliği savunma ticaret güvenlik toplantı heyeti anlaşma ortak açıklama sözleşme "
    "regional strategic partnership protocol exercise naval air land forces border transit "
    "“brotherly” nations – one state two ölkə ğ ü ş ç ı ö 🤝"
).split()
CAPITALS = ("The", "Türkiye", "Azərbaycan", "İki", "Ölkə", "Both", "Şuşa", "Bakı", "Ankara", "This", "Each")
INSERTS = (
    "Mr. Aliyev",
    "Dr. Öz",
    "H.E. the Ambassador",
    "Art. 5",
    "No. 12",
    "para. 3",
    "e.g. energy",
    "the U.S. and the U.N.",
    "3.5 per cent",
    "2.4 billion",
    "Gen. Hasanov",
    "on 12 Jan. 2024",
    "Prof. Yılmaz",
    "T.C. Dışişleri",
)
ENDS = (".", ".", ".", ".", "!", "?", "…", ".”")


def sentence(rng: random.Random) -> str:
    words = rng.choices(WORDS, k=rng.randint(6, 24))
    if rng.random() < 0.4:
        words.insert(rng.randint(0, len(words)), rng.choice(INSERTS))
    return f"{rng.choice(CAPITALS)} {' '.join(words)}{rng.choice(ENDS)}"


def generate(path: Path, megabytes: float = 150, seed: int = 7) -> int:
    """Write seeded synthetic prose of about ``megabytes`` MB (UTF-8); return the byte count."""
    rng = random.Random(seed)
    pool = [sentence(rng) for _ in range(20_000)]
    target = int(megabytes * 1_000_000)
    written = 0
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        while written < target:
            chunk = []
            for _ in range(2_000):
                chunk.append(" ".join(rng.choices(pool, k=rng.randint(1, 8))))
            text = "\n\n".join(chunk) + "\n\n"
            fh.write(text)
            written += len(text.encode("utf-8"))
    return written


def read_and_split(path: Path) -> int:
    """Read a document as tariqa imports it (decode, normalise, segment); the number of sentences."""
    return len(extract(Path(path)).sentences)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--mb", type=float, default=150, help="size of the synthetic text in MB")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="tariqa-bench-segment-") as tmp:
        path = Path(tmp) / "prose.txt"
        start = time.perf_counter()
        size = generate(path, args.mb, args.seed)
        mb = size / 1e6
        print(f"generated {mb:.1f} MB in {time.perf_counter() - start:.1f} s", flush=True)

        t0 = time.perf_counter()
        raw = path.read_bytes().decode("utf-8")
        t1 = time.perf_counter()
        text = normalise(raw)
        del raw
        t2 = time.perf_counter()
        paras = paragraphs(text)
        t3 = time.perf_counter()
        sents = sentences(text, paras)
        t4 = time.perf_counter()
        phases = [("read + decode", t1 - t0), ("normalise", t2 - t1), ("paragraphs", t3 - t2), ("sentences", t4 - t3)]
        n_chars, n_paras, n_sents = len(text), len(paras), len(sents)
        del text, paras, sents
        for name, seconds in phases:
            print(f"  {name:14s} {seconds:7.2f} s")

        start = time.perf_counter()
        n = read_and_split(path)
        total = time.perf_counter() - start
        assert n == n_sents
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{n_chars:,} characters, {n_paras:,} paragraphs, {n_sents:,} sentences")
    print(
        f"read_and_split: {total:.2f} s for {mb:.1f} MB = {total / mb * 10:.2f} s per 10 MB, "
        f"{mb / total:.1f} MB/s, {n / total:,.0f} sentences/s; peak {peak:,.0f} MB"
    )


if __name__ == "__main__":
    sys.exit(main())
