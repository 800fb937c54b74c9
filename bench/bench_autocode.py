"""Issue 4 targets: rule auto-coding of about 1,000,000 sentences (150 MB) in under 60 s,
the trained model in under 120 s, each at least a third as fast as merely reading and
sentence-splitting the same text; peak memory under 2 GB.

The text is split into 1 MB documents, as a corpus of statements would be. The baseline
reads and splits them one by one in this process; the coding runs read and split them the
same way, in this process, and hand each document's text and sentences to ``--workers``
processes (default 2, the target's 2 cores; 1 codes in this process), which return the
suggestions, built here as the API gives them. Each ratio is the baseline's time over the
whole coding run's time (reading included). The baseline stays in one process: reading is
what the coding runs do in this process, while the workers code.

With ``--store``, the documents are also imported into a SQLite database and ``tariqa code
auto --method rules`` runs end to end through the library (texts read from the database,
suggestions validated and written in one transaction): the figure a user waits for.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bench_segment import generate

from tariqa.io import plan, read_inputs
from tariqa.io.extract import extract
from tariqa.model import Code
from tariqa.qda.corpus import Corpus
from tariqa.qda.learn import Model, train
from tariqa.qda.rules import RuleCoder

CODEBOOK = Path(__file__).parent.parent / "tariqa" / "data" / "codebook" / "informal-alliance.yaml"


def split_files(big: Path, out: Path, mb: float = 1.0) -> list[Path]:
    """Cut the generated prose into documents of about ``mb`` MB at paragraph breaks."""
    out.mkdir()
    files, chunk, size = [], [], 0
    for paragraph in big.read_text(encoding="utf-8").split("\n\n"):
        chunk.append(paragraph)
        size += len(paragraph.encode())
        if size >= mb * 1_000_000:
            files.append(out / f"doc{len(files):04d}.txt")
            files[-1].write_text("\n\n".join(chunk) + "\n", encoding="utf-8")
            chunk, size = [], 0
    if chunk:
        files.append(out / f"doc{len(files):04d}.txt")
        files[-1].write_text("\n\n".join(chunk) + "\n", encoding="utf-8")
    return files


def timed(label: str, files: list[Path], work: object) -> tuple[float, int]:
    start, n = time.perf_counter(), 0
    for path in files:
        n += work(path)  # type: ignore[operator]
    seconds = time.perf_counter() - start
    print(f"{label:45s} {seconds:7.1f} s  ({n:,})", flush=True)
    return seconds, n


def timed_run(label: str, run: object) -> tuple[float, int]:
    start = time.perf_counter()
    n = run()  # type: ignore[operator]
    seconds = time.perf_counter() - start
    print(f"{label:45s} {seconds:7.1f} s  ({n:,})", flush=True)
    return seconds, n


def train_model(files: list[Path], rules: RuleCoder, codes: list[Code]) -> Model:
    """A model trained on the rule suggestions of the first two documents, taken as settled."""
    from tariqa.model import Coding, Document

    texts, documents, codings = {}, {}, []
    for i, path in enumerate(files[:2]):
        extracted = extract(path)
        doc = f"d{i}"
        texts[doc] = extracted.text
        documents[doc] = Document(id=doc, title=doc, kind="other")
        for s in rules.suggest(extracted.text, extracted.sentences):
            codings.append(Coding(document=doc, start=s.start, end=s.end, code=s.code, coder="rules"))
    return train(Corpus(documents, texts, {c.id: c for c in codes}, codings))


def stored(files: list[Path], db: Path) -> None:
    """Import the documents and the codebook, then auto-code them through the store."""
    from tariqa.qda.work import auto_code, documents_from_files
    from tariqa.storage import open_store

    with open_store(str(db)) as store:
        store.import_items(read_inputs(plan([CODEBOOK])))
        timed_run(
            "import documents into SQLite", lambda: store.import_items(documents_from_files(files)).total("added")
        )
        timed_run("tariqa code auto --method rules (store)", lambda: auto_code(store).total("added"))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--mb", type=float, default=150, help="size of the synthetic text in MB")
    parser.add_argument("--workers", type=int, default=2, help="coding processes (1: code in this process)")
    parser.add_argument("--store", action="store_true", help="also time auto-coding into a SQLite database")
    args = parser.parse_args(argv)
    codes = [item.entity for item in read_inputs(plan([CODEBOOK]))]  # type: ignore[union-attr]
    rules = RuleCoder(codes)
    with tempfile.TemporaryDirectory(prefix="tariqa-bench-autocode-") as tmp:
        big = Path(tmp) / "prose.txt"
        generate(big, args.mb)
        files = split_files(big, Path(tmp) / "docs")
        big.unlink()
        read, sentences = timed("read + split (baseline)", files, lambda p: len(extract(p).sentences))

        def documents() -> Iterator[tuple[str, list[tuple[int, int]]]]:
            for path in files:
                e = extract(path)
                yield e.text, e.sentences

        ruled, _ = timed_run(
            f"read + split + rule suggestions ({args.workers} w.)",
            lambda: sum(map(len, rules.suggest_many(documents(), args.workers))),
        )
        start = time.perf_counter()
        model = train_model(files, rules, codes)
        print(f"{'model training (2 documents)':45s} {time.perf_counter() - start:7.1f} s", flush=True)

        batches = ([text[s:t] for s, t in spans] for text, spans in documents())
        modelled, _ = timed_run(
            f"read + split + model suggestions ({args.workers} w.)",
            lambda: sum(map(len, model.scores_many(batches, args.workers))),
        )
        if args.store:
            stored(files, Path(tmp) / "bench.db")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"sentences: {sentences:,}; rules speed ratio {read / ruled:.2f}, model {read / modelled:.2f} "
        f"(target >= 0.33); peak memory {peak:.0f} MB"
    )


if __name__ == "__main__":
    main()
