"""Coding work on stored documents: add documents, add codings, auto-code, review."""

from __future__ import annotations

import json
import os
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from tariqa.errors import NotFound, UsageError
from tariqa.model import Coding, Document, DocumentText, Parsed
from tariqa.model.ids import derived_id
from tariqa.qda.corpus import sentence_spans
from tariqa.storage import Store
from tariqa.storage.importer import ImportSummary
from tariqa.storage.rows import Prepared
from tariqa.vocab import CodingStatus, DocumentKind


def slug(text: str) -> str:
    """A document id from a file name or title.

    >>> slug("Baku Declaration (2017).pdf")
    'baku-declaration-2017-pdf'
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "document"


def documents_from_files(
    paths: Sequence[Path],
    kind: DocumentKind = DocumentKind.OTHER,
    day: date | None = None,
    event: str | None = None,
    language: str | None = None,
    signatories: Sequence[str] = (),
    url: str | None = None,
    max_bytes: int | None = None,
) -> Iterator[Parsed]:
    """Extract each file and yield its Document and DocumentText records. Every file is
    checked (exists, readable kind, at most ``max_bytes``) before any is read."""
    from tariqa.io.extract import DOCUMENT_MAX_BYTES, check_document_file, extract

    limit = DOCUMENT_MAX_BYTES if max_bytes is None else max_bytes
    for path in paths:
        check_document_file(path, limit)
    for path in paths:
        extracted = extract(path, limit)
        doc_id = slug(path.stem)
        document = Document(
            id=doc_id,
            title=path.stem,
            date=day,
            kind=kind,
            signatories=list(signatories),
            url=url,
            event=event,
            language=language,
        )
        yield Parsed(document, str(path), "")
        yield Parsed(DocumentText(id=doc_id, text=extracted.text, format=extracted.format), str(path), "")


def add_coding(
    store: Store, document: str, start: int, end: int, code: str, coder: str, memo: str | None = None
) -> Coding:
    """Store one manual coding, checked like any import (span inside the text, known code)."""
    from tariqa.io.validation import parse_record

    data = {"document": document, "start": start, "end": end, "code": code, "coder": coder, "memo": memo}
    data["created"] = datetime.now(UTC).replace(microsecond=0)
    items = list(parse_record("codings", data, "new coding", ""))
    store.import_items(items)
    coding = items[0]
    assert isinstance(coding, Parsed) and isinstance(coding.entity, Coding)
    return coding.entity


def auto_code(
    store: Store,
    method: str = "rules",
    coder: str | None = None,
    document: str | None = None,
    workers: int | None = None,
    note: Callable[[str], None] | None = None,
) -> ImportSummary:
    """Store suggestions for every document (or one) by ``method``: ``rules`` (the
    codebook's keywords and patterns), ``model`` (a classifier trained on the settled
    codings), ``semantic`` (sentence embeddings compared with the codebook, learning from
    the study's decisions: :mod:`tariqa.qda.autocode`) or ``auto`` (the three combined).
    Codings with the same span, code and coder that already exist, reviewed ones included,
    are left as they are. ``workers``: processes that split and scan the texts for the
    rules while this one writes (default: 2 when there are 2 cores and over 2 million
    characters of text, else none). ``note`` receives what the user should know (codes the
    semantic coder skipped, sentences it did not read)."""
    coder = (coder or "").strip() or method
    codes = store.codes()
    if not codes:
        raise UsageError("the codebook is empty: load one with 'tariqa codebook import'")
    lengths = store.text_lengths()
    ids = [document] if document else sorted(lengths)
    if document:
        store.document_text(document)  # NotFound if there is no such document or text
    if workers is None:
        workers = 2 if (os.cpu_count() or 1) >= 2 and sum(lengths.get(i, 0) for i in ids) > 2_000_000 else 1
    texts = ((doc_id, store.document_text(doc_id)) for doc_id in ids)
    if method == "rules":
        from tariqa.qda.rules import RuleCoder

        scored = _rule_scores(RuleCoder(codes), texts, workers)
    elif method == "model":
        from tariqa.qda.corpus import Corpus
        from tariqa.qda.learn import train

        scored = _model_scores(train(Corpus.load(store)), texts)
    elif method in ("semantic", "auto"):
        if not ids:
            raise UsageError("there are no documents with text to code")
        scored = _semantic(store, method, codes, texts, note)
    else:
        raise UsageError(f"unknown method {method!r} (choose rules, model, semantic or auto)")
    return store.import_items(_suggestions(scored, coder, store.coding_ids(coder)))


#: (start, end, code, score, memo) of a suggested coding
Scored = tuple[int, int, str, float, str]
Texts = Iterable[tuple[str, str]]


def _rule_scores(rules: Any, texts: Texts, workers: int) -> Iterator[tuple[str, Iterable[Scored]]]:
    ids: list[str] = []

    def documents() -> Iterator[tuple[str, None]]:
        for doc_id, text in texts:
            ids.append(doc_id)
            yield text, None  # split in the worker

    for n, (codes, starts, ends, scores, hits) in enumerate(rules.columns_many(documents(), workers)):
        memos = ["rules: " + ", ".join(h) for h in hits]
        yield ids[n], zip(starts, ends, codes, scores, memos, strict=True)


def _semantic(
    store: Store, method: str, codes: list[Any], texts: Texts, note: Callable[[str], None] | None
) -> Iterator[tuple[str, Iterable[Scored]]]:
    from tariqa.qda import autocode
    from tariqa.qda.corpus import Corpus

    corpus = Corpus.load(store)
    rejected = store.codings(status=CodingStatus.REJECTED.value)
    coder = autocode.semantic_coder(codes, corpus, rejected=rejected, note=note)
    if method == "semantic":
        return autocode.semantic_scores(texts, coder, note=note)
    from tariqa.qda.learn import train

    try:
        model = train(corpus)
    except UsageError:
        model = None  # not enough settled codings yet: rules and the semantic coder alone
        if note is not None:
            note("the model is not trained yet (too few settled codings): rules and the semantic coder only")
    return autocode.ensemble_scores(texts, codes, coder, model, note=note)


def _model_scores(model: Any, texts: Texts) -> Iterator[tuple[str, Iterable[Scored]]]:
    for doc_id, text in texts:
        spans = sentence_spans(text)
        scores = model.scores([text[s:e] for s, e in spans])
        yield doc_id, ((spans[i][0], spans[i][1], code, p, "model") for i, code, p in scores)


def _suggestions(scored: Iterable[tuple[str, Iterable[Scored]]], coder: str, existing: set[str]) -> Iterator[Prepared]:
    for doc_id, suggestions in scored:
        origin = f"auto-coding of {doc_id}"
        for start, end, code, score, memo in suggestions:
            key = derived_id("coding", doc_id, str(start), str(end), code, coder)
            if key not in existing:
                key, body, record = suggestion_record(doc_id, start, end, code, coder, score, memo, key)
                yield Prepared("codings", key, key, body, origin, f"{start}-{end}", record)


def suggestion_record(
    document: str, start: int, end: int, code: str, coder: str, score: float, memo: str, key: str | None = None
) -> tuple[str, str, dict[str, Any]]:
    """Key, canonical JSON and record of a suggested :class:`Coding`, built without a
    model per suggestion (auto-coding makes millions). The parts come from the codebook,
    the stored text and its sentence spans, so there is nothing left to validate; a property
    test holds this to ``Coding(...).canonical()``. ``key``, if the caller has it already.

    >>> suggestion_record("d", 0, 5, "threat", "rules", 0.6, "rules: terror")[1][50:]
    '"coder":"rules","status":"suggested","score":0.6,"memo":"rules: terror"}'
    """
    # Off the fast path: scores where Python and pydantic print floats differently, and text
    # that validation would strip.
    if not (0.001 <= score <= 1 and memo and memo == memo.strip() and coder == coder.strip()):
        coding = Coding(
            document=document, start=start, end=end, code=code, coder=coder, status="suggested", score=score, memo=memo
        )
        return coding.key, coding.canonical(), coding.to_record()
    key = key or derived_id("coding", document, str(start), str(end), code, coder)
    body = (
        f'{{"document":{_quote(document)},"start":{start:d},"end":{end:d},"code":{_quote(code)},'
        f'"coder":{_quote(coder)},"status":"suggested","score":{score!r},"memo":{_quote(memo)}}}'
    )
    record = {
        "document": document,
        "start": start,
        "end": end,
        "code": code,
        "coder": coder,
        "status": "suggested",
        "score": score,
        "memo": memo,
    }
    return key, body, record


_quote: Callable[[str], str] = json.encoder.encode_basestring


def review(
    store: Store, accept: Sequence[str] = (), reject: Sequence[str] = (), accept_above: float | None = None
) -> Counter[str]:
    """Accept or reject suggestions by coding id, or accept every suggestion scoring at
    least ``accept_above``. Returns how many were accepted and rejected."""
    suggested = {c.key: c for c in store.codings(status=CodingStatus.SUGGESTED.value)}
    unknown = [k for k in (*accept, *reject) if k not in suggested]
    if unknown:
        raise NotFound(f"no suggestion with id {', '.join(repr(k) for k in unknown)}")
    decided = dict.fromkeys(accept, CodingStatus.ACCEPTED) | dict.fromkeys(reject, CodingStatus.REJECTED)
    if accept_above is not None:
        for key, coding in suggested.items():
            if key not in decided and (coding.score or 0) >= accept_above:
                decided[key] = CodingStatus.ACCEPTED
    updated = [
        Parsed(suggested[k].model_copy(update={"status": status}), "(review)", k) for k, status in decided.items()
    ]
    store.import_items(updated, replace=True)
    return Counter(status.value for status in decided.values())
