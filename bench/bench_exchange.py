"""REFI-QDA exchange targets, on a study of 1,000 documents (20 KB of text each, 20 MB in
all) with 100,000 codings by three coders (a third of them accepted rule suggestions,
with their scores), 46 codes and 1,000 memos:

- ``tariqa refi export`` in under 30 s;
- importing that file back into the same study, which changes nothing (the import's
  check runs, then nothing is written), in under 60 s;
- importing it into a study that has the record but no coding project, in under 60 s;
- each with a peak memory under 1 GB.

Each step runs as ``python -m tariqa`` in its own process (time and peak memory of the
whole command). Run: ``python bench/bench_exchange.py [--documents N]``.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _measure import measure

from tariqa.model import Coding, Document, DocumentText, Memo, Parsed
from tariqa.reference import DEFAULT_CODEBOOK
from tariqa.storage import open_store

TARGETS = {"export": 30.0, "import into the same study": 60.0, "import into another study": 60.0}
PEAK_MB = 1024
WORDS = "the ministers agreed on trade energy transport terrorism brotherhood cooperation security".split()


def build(db: Path, documents: int, codings: int, seed: int = 1) -> None:
    """The study: the default codebook, documents with texts, codings and memos."""
    from tariqa.io import plan, read_inputs

    rng = random.Random(seed)
    with open_store(str(db)) as store:
        store.import_items(read_inputs(plan([DEFAULT_CODEBOOK])))
        codes = [c.id for c in store.codes()]
        items: list[Parsed] = []
        lengths = {}
        for n in range(documents):
            doc = f"doc-{n:05d}"
            text = " ".join(rng.choice(WORDS) for _ in range(3300))[:20_000] + "."
            lengths[doc] = len(text)
            items.append(Parsed(Document(id=doc, title=f"Statement {n}", kind="statement"), "bench", ""))
            items.append(Parsed(DocumentText(id=doc, text=text), "bench", ""))
        seen = set()
        while len(seen) < codings:
            doc = f"doc-{rng.randrange(documents):05d}"
            start = rng.randrange(lengths[doc] - 200)
            coder = rng.choice(["aylin", "bilal", "rules"])
            accepted = coder == "rules"
            coding = Coding(
                document=doc,
                start=start,
                end=start + rng.randrange(20, 200),
                code=rng.choice(codes),
                coder=coder,
                status="accepted" if accepted else "manual",
                score=0.8 if accepted else None,
            )
            if coding.key not in seen:
                seen.add(coding.key)
                items.append(Parsed(coding, "bench", ""))
        for n in range(documents):
            items.append(
                Parsed(Memo(about="document", target=f"doc-{n:05d}", author="aylin", text=f"Memo {n}"), "bench", "")
            )
        store.import_items(items)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--codings", type=int, default=100_000)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="tariqa-bench-exchange-") as tmp:
        folder = Path(tmp)
        study, other, qdpx = folder / "study.db", folder / "other.db", folder / "study.qdpx"
        build(study, args.documents, args.codings)
        with open_store(str(other)):
            pass
        shutil.copy(study, folder / "before.db")
        cli = [sys.executable, "-m", "tariqa", "--db"]
        steps = {
            "export": [*cli, str(study), "refi", "export", str(qdpx)],
            "import into the same study": [*cli, str(study), "refi", "import", str(qdpx)],
            "import into another study": [*cli, str(other), "refi", "import", str(qdpx)],
        }
        size = 0
        for name, cmd in steps.items():
            m = measure(cmd)
            size = size or qdpx.stat().st_size
            ok = m.seconds < TARGETS[name] and m.peak_mb < PEAK_MB
            print(
                f"refi {name}: {m.seconds:6.2f} s, {m.peak_mb:5.0f} MB peak "
                f"(target < {TARGETS[name]:.0f} s, < {PEAK_MB} MB: {'ok' if ok else 'MISSED'})",
                flush=True,
            )
        unchanged = (folder / "before.db").read_bytes() == study.read_bytes()
        print(f"{args.documents:,} documents, {args.codings:,} codings; .qdpx {size / 2**20:.1f} MB; "
              f"the same study unchanged by its re-import: {unchanged}")  # fmt: skip


if __name__ == "__main__":
    main()
