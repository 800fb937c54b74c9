"""REFI-QDA exchange: schema-valid, deterministic export; lenient import of real samples
(ATLAS.ti, NVivo, qc/QualCoder conventions, Taguette); lossless round trip of our own files."""

from __future__ import annotations

import io
import itertools
import os
import random
import re
import unicodedata
import uuid
import zipfile
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from tariqa.errors import InputError, Problem, TariqaError
from tariqa.io.refi_qda import codepoint_offset, read_qdc, read_qdpx, utf8_offset, write_qdc, write_qdpx
from tariqa.io.refi_qda_write import code_description, parse_description, refi_guid
from tariqa.model import Code, Coding, Document, DocumentText, Entity, Memo, Parsed
from tariqa.model.ids import NAMESPACE

ROOT = Path(__file__).parents[2]
#: The schemas and real exports of /work/shared/data/refi-qda (see its README for sources
#: and licences); copy them to tests/data/refi-qda, or point TARIQA_REFI_QDA_SAMPLES at them.
DATA = next(
    (
        p
        for p in (
            Path(os.environ.get("TARIQA_REFI_QDA_SAMPLES", ROOT / "tests" / "data" / "refi-qda")),
            ROOT.parent / "shared" / "data" / "refi-qda",
        )
        if p.is_dir()
    ),
    ROOT / "tests" / "data" / "refi-qda",
)
ATLAS = DATA / "atlasti-8.4-standard-project.qde"
NVIVO = DATA / "nvivo-mac-15-structure.qdpx"
QC = DATA / "qc-1.3.2-demo.qdpx"
TAGUETTE_QDC = DATA / "taguette-1.5.2-codebook.qdc"


def _samples() -> None:
    if not DATA.is_dir():
        reason = f"REFI-QDA schemas and samples not found at {DATA} (set TARIQA_REFI_QDA_SAMPLES)"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)


@pytest.fixture
def samples() -> None:
    _samples()


needs_samples = pytest.mark.usefixtures("samples")


@pytest.fixture(scope="module")
def codebook_xsd() -> etree.XMLSchema:
    _samples()
    return etree.XMLSchema(etree.parse(str(DATA / "Codebook-mrt2019.xsd")))


@pytest.fixture(scope="module")
def project_xsd() -> etree.XMLSchema:
    _samples()
    return etree.XMLSchema(etree.parse(str(DATA / "Project-mrt2019.xsd")))


def default_codes() -> list[Code]:
    data = yaml.safe_load((ROOT / "tariqa" / "data" / "codebook" / "informal-alliance.yaml").read_text())
    return [Code.model_validate(c) for c in data["codes"]]


def qdc_bytes(codes: list[Code]) -> bytes:
    buf = io.BytesIO()
    write_qdc(codes, buf)
    return buf.getvalue()


def entities(items: Iterable[Parsed | Problem]) -> list[Entity]:
    items = list(items)
    problems = [str(i) for i in items if isinstance(i, Problem)]
    assert not problems, problems
    return [i.entity for i in items if isinstance(i, Parsed)]


def by_kind(items: Iterable[Entity]) -> dict[str, list[Any]]:
    out: dict[str, list[Any]] = {"codes": [], "documents": [], "document_texts": [], "codings": [], "memos": []}
    for e in items:
        out[e.collection].append(e)
    return out


def canonical(items: Iterable[Entity]) -> list[str]:
    return sorted(e.canonical() for e in items)


# --------------------------------------------------------------------------- offsets


def test_taguette_offset_vector() -> None:
    """qda.md §5.1: Taguette's offsets count UTF-8 bytes over the HTML's text nodes."""
    nodes = "Ministers met – “Three Brothers”.Trade corridors."  # <p>…</p><p>…</p>
    plain = "Ministers met – “Three Brothers”.\nTrade corridors.\n"
    assert plain[17:31] == "Three Brothers" and plain[34:49] == "Trade corridors"
    # the paragraph break is a newline in the plain text, nothing in the text nodes
    assert [utf8_offset(nodes, cp) for cp in (17, 31, 33, 48)] == [21, 35, 39, 54]
    assert [codepoint_offset(nodes, b) for b in (21, 35, 39, 54)] == [17, 31, 33, 48]
    assert nodes.encode()[21:35].decode() == "Three Brothers"
    assert nodes.encode()[39:54].decode() == "Trade corridors"


def test_offset_errors() -> None:
    with pytest.raises(ValueError, match="outside"):
        utf8_offset("abc", 4)
    with pytest.raises(ValueError, match="inside a character"):
        codepoint_offset("–", 1)
    with pytest.raises(ValueError, match="outside"):
        codepoint_offset("a", -1)


@given(st.text(), st.data())
def test_offsets_invert_each_other(text: str, data: st.DataObject) -> None:
    cp = data.draw(st.integers(0, len(text)))
    assert codepoint_offset(text, utf8_offset(text, cp)) == cp
    assert text.encode("utf-8", "surrogatepass")[: utf8_offset(text, cp)].decode("utf-8", "surrogatepass") == text[:cp]


# --------------------------------------------------------------------------- codebook export


def test_qdc_is_valid_nested_and_deterministic(codebook_xsd: etree.XMLSchema) -> None:
    codes = default_codes()
    data = qdc_bytes(codes)
    root = etree.fromstring(data)
    assert codebook_xsd.validate(root), codebook_xsd.error_log
    assert data == qdc_bytes(list(reversed(codes)))  # the same codes give the same bytes
    assert b"<Sets" not in data and not data.startswith(b"\xef\xbb\xbf")
    ns = {"q": "urn:QDA-XML:codebook:1.0"}
    for code in codes:
        guid = str(uuid.uuid5(NAMESPACE, f"refi-qda\x1fcode\x1f{code.id}")).upper()
        assert guid == refi_guid("code", code.id)
        (el,) = root.xpath(f"//q:Code[@guid='{guid}']", namespaces=ns)
        assert el.get("name") == code.name and el.get("isCodable") == "true"
        assert el.get("color") == code.colour
        parent = el.getparent()
        assert (parent.get("guid") if parent.tag.endswith("}Code") else None) == (
            refi_guid("code", code.parent) if code.parent else None
        )
        description = el.findtext("q:Description", namespaces=ns)
        assert description.startswith(code.definition)
        if code.inclusion:
            assert f"\nInclusion: {code.inclusion}" in description


def test_qdc_round_trip_of_the_default_codebook(tmp_path: Path) -> None:
    codes = default_codes()
    (tmp_path / "c.qdc").write_bytes(qdc_bytes(codes))
    assert canonical(read_qdc(tmp_path / "c.qdc")) == canonical(codes)


def test_qdc_refuses_what_it_cannot_write() -> None:
    with pytest.raises(TariqaError, match="at least one code"):
        qdc_bytes([])
    with pytest.raises(TariqaError, match="unknown parent"):
        qdc_bytes([Code(id="a", parent="b", name="A", definition="d")])
    with pytest.raises(TariqaError, match=r"Code 'A\\x01'.*U\+0001"):
        qdc_bytes([Code(id="a", name="A\x01", definition="d")])


def test_description_block() -> None:
    code = Code(
        id="x",
        name="X",
        definition="Line one.\n\nInclusion: not a field, part of the definition",
        inclusion="two\nlines",
        examples=["", "  indented", "a\n\nb"],
        nature="symbolic",
        keywords=["PKK"],
        patterns=[r"\bbomb\b"],
    )
    text = code_description(code)
    assert "\nInclusion: two\n  lines\n" in text
    fields = parse_description(text)
    assert fields is not None
    assert Code.model_validate({"name": "X", **fields}) == code
    assert parse_description("Definition\n\nInclusion: but no id") is None
    assert parse_description("Definition\n\nId: a\nId: b") is None


# --------------------------------------------------------------------------- codebook import


@needs_samples
def test_read_taguette_qdc() -> None:
    """Taguette 1.5.2: flat names with '.', no descriptions, an empty <Sets/> (schema-invalid)."""
    codes = {c.id: c for c in read_qdc(TAGUETTE_QDC)}
    assert list(codes) == [
        "interesting",
        "security-cooperation",
        "security-cooperation-military-exercises",
        "economic-connectivity",
        "diplomatic-solidarity",
    ]
    child = codes["security-cooperation-military-exercises"]
    assert (child.parent, child.name, child.definition) == (
        "security-cooperation",
        "military exercises",
        "military exercises",
    )


def qdc(codes_xml: str, ns: str = "urn:QDA-XML:codebook:1.0", origin: str = "Some QDA 1.0") -> bytes:
    return (
        f'<?xml version="1.0"?><CodeBook xmlns="{ns}" origin="{origin}"><Codes>{codes_xml}</Codes></CodeBook>'.encode()
    )


def test_read_qdc_tolerances(tmp_path: Path) -> None:
    xml = qdc(
        '<Code guid="{0983e32e-6866-431a-bd94-dac9bb963825}" name="Coke::diet Coke" isCodable="true" color="#966450">'
        "<Description>non sucré</Description></Code>"
        '<Code guid="7496BA52-9C8D-4396-8FAB-CC438614E453" name="Coke" isCodable="false">'
        '<Description>  </Description><Code guid="C3C7D437-6932-4B14-A55D-30B7F811BBF3" name="milk" isCodable="true"/></Code>'
        '<Code guid="11111111-2222-3333-4444-555555555555" name="Drinks" isCodable="true">'
        '<Code guid="11111111-2222-3333-4444-666666666666" name="milk" isCodable="true"/></Code>'
        '<Code guid="11111111-2222-3333-4444-777777777777" name="A::B::C" isCodable="true"/>',
        ns="urn:QDA-XML:codebook:1:0",
        origin="ATLAS.ti 9",
    )
    (tmp_path / "a.qdc").write_bytes(xml)
    codes = read_qdc(tmp_path / "a.qdc")
    assert [(c.id, c.parent, c.name, c.definition) for c in codes] == [
        ("coke", None, "Coke", "Coke"),
        ("coke-diet-coke", "coke", "diet Coke", "non sucré"),
        ("coke-milk", "coke", "milk", "milk"),
        ("drinks", None, "Drinks", "Drinks"),
        ("drinks-milk", "drinks", "milk", "milk"),
        ("a", None, "A", "A"),  # made-up parents of a flattened path
        ("a-b", "a", "B", "B"),
        ("a-b-c", "a-b", "C", "C"),
    ]
    assert codes[1].colour == "#966450"


def test_read_qdc_dot_is_a_separator_only_for_taguette(tmp_path: Path) -> None:
    (tmp_path / "a.qdc").write_bytes(
        qdc('<Code guid="11111111-2222-3333-4444-555555555555" name="U.S. policy" isCodable="true"/>')
    )
    assert [c.name for c in read_qdc(tmp_path / "a.qdc")] == ["U.S. policy"]


def test_read_qdc_same_slug_twice(tmp_path: Path) -> None:
    xml = qdc(
        '<Code guid="11111111-2222-3333-4444-555555555555" name="Trade" isCodable="true"/>'
        '<Code guid="11111111-2222-3333-4444-666666666666" name="trade" isCodable="true"/>'
        '<Code guid="11111111-2222-3333-4444-777777777777" name="Торговля" isCodable="true"/>'
    )
    (tmp_path / "a.qdc").write_bytes(xml)
    assert [c.id for c in read_qdc(tmp_path / "a.qdc")] == ["trade", "trade-2", "code"]


def test_own_id_needs_the_matching_guid(tmp_path: Path) -> None:
    """A copy of our code in another program keeps the description but gets a new GUID."""
    code = Code(id="threat", name="Threat", definition="Shared threat.", keywords=["PKK"])
    guid = refi_guid("code", "threat")
    desc = code_description(code)
    xml = qdc(
        f'<Code guid="{guid}" name="Threat" isCodable="true"><Description>{desc}</Description></Code>'
        f'<Code guid="{uuid.uuid4()}" name="Threat copy" isCodable="true"><Description>{desc}</Description></Code>'
    )
    (tmp_path / "a.qdc").write_bytes(xml)
    first, copy = read_qdc(tmp_path / "a.qdc")
    assert first == code
    assert (copy.id, copy.keywords, copy.definition) == ("threat-copy", ["PKK"], "Shared threat.")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"PK\x03\x04 not xml", "not well-formed XML"),
        (b"", "not well-formed XML"),
        (b'<Project xmlns="urn:QDA-XML:project:1.0" name="p"/>', "root is <Project>"),
        (b'<CodeBook xmlns="urn:other"><Codes/></CodeBook>', "in namespace urn:other"),
        (b'<CodeBook xmlns="urn:QDA-XML:codebook:1.0"/>', "no <Codes>"),
        (qdc('<Code guid="11111111-2222-3333-4444-555555555555" isCodable="true"/>'), "has no name"),
        (qdc('<Code guid="not-a-guid" name="A" isCodable="true"/>'), "is not a GUID"),
        (qdc('<Code guid="11111111-2222-3333-4444-555555555555" name="A" color="#12" isCodable="true"/>'), None),
        (
            b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">]><CodeBook xmlns="urn:QDA-XML:codebook:1.0"/>',
            "DTD",
        ),
    ],
)
def test_read_qdc_errors(tmp_path: Path, content: bytes, message: str | None) -> None:
    path = tmp_path / "bad.qdc"
    path.write_bytes(content)
    if message is None:  # a colour outside the schema is dropped, not an error
        assert read_qdc(path)[0].colour is None
        return
    with pytest.raises(InputError, match=re.escape(message)) as exc:
        read_qdc(path)
    assert str(exc.value).startswith("bad.qdc: ")


def test_read_qdc_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_qdc(tmp_path / "nope.qdc")


# --------------------------------------------------------------------------- project export


def small_project() -> tuple[list[Document], list[DocumentText], list[Code], list[Coding]]:
    codes = [
        Code(id="identity", name="Brotherhood", definition="Brotherhood as narrative.", colour="#0072B2"),
        Code(id="identity-history", parent="identity", name="Shared history", definition="History."),
        Code(id="economy", name="Economy", definition="Trade and corridors."),
    ]
    text = "Ministers met – “Three Brothers”.\nTrade corridors 🚆.\n"
    docs = [
        Document(
            id="baku-2017",
            title="Baku – declaration",
            kind="declaration",
            date="2017-11-30",
            signatories=["AZE", "TUR", "PAK"],
        ),
        Document(id="no-text", title="Not yet extracted", kind="article"),
    ]
    texts = [DocumentText(id="baku-2017", text=text)]
    created = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)
    codings = [
        Coding(
            document="baku-2017", start=17, end=31, code="identity", coder="Ayşe", memo="“brothers”", created=created
        ),
        Coding(document="baku-2017", start=17, end=31, code="identity", coder="Bob"),
        Coding(document="baku-2017", start=17, end=31, code="identity-history", coder="Bob"),
        Coding(document="baku-2017", start=34, end=51, code="economy", coder="Ayşe"),
    ]
    assert text[17:31] == "Three Brothers" and text[34:51] == "Trade corridors 🚆"
    return docs, texts, codes, codings


def small_memos() -> list[Memo]:
    created = datetime(2024, 5, 2, 9, 30, tzinfo=UTC)
    return [
        Memo(about="project", author="Carol", text="Compare with the Islamabad Declaration.", created=created),
        Memo(about="document", target="baku-2017", author="Ayşe", text="Check the Turkish text."),
        Memo(about="code", target="identity", author="Bob", text="Narrative, not policy."),
        Memo(about="coding", target=small_project()[3][1].key, author="Ayşe", text="Why not history?"),
    ]


def test_qdpx_layout_validity_and_determinism(tmp_path: Path, project_xsd: etree.XMLSchema) -> None:
    docs, texts, codes, codings = small_project()
    memos = small_memos()
    write_qdpx(tmp_path / "a.qdpx", docs, texts, codes, codings, coders=["Carol"], memos=memos)
    write_qdpx(tmp_path / "b.qdpx", docs[::-1], texts, codes[::-1], codings[::-1], coders=["Carol"], memos=memos[::-1])
    assert (tmp_path / "a.qdpx").read_bytes() == (tmp_path / "b.qdpx").read_bytes()
    assert not list(tmp_path.glob("*.partial"))
    with zipfile.ZipFile(tmp_path / "a.qdpx") as zf:
        guid = refi_guid("document", "baku-2017")
        assert zf.namelist() == ["project.qde", f"sources/{guid}.txt"]
        assert zf.read(f"sources/{guid}.txt") == texts[0].text.encode("utf-8")  # UTF-8, no BOM
        qde = zf.read("project.qde")
    root = etree.fromstring(qde)
    assert project_xsd.validate(root), project_xsd.error_log
    ns = {"q": "urn:QDA-XML:project:1.0"}
    users = {u.get("name"): u.get("guid") for u in root.xpath("//q:User", namespaces=ns)}
    assert sorted(users) == ["Ayşe", "Bob", "Carol"]
    (source,) = root.xpath(f"//q:TextSource[@guid='{guid}']", namespaces=ns)
    assert source.get("plainTextPath") == f"internal://{guid}.txt" and source.get("richTextPath") is None
    selections = source.xpath("q:PlainTextSelection", namespaces=ns)
    assert [(s.get("startPosition"), s.get("endPosition"), s.get("name")) for s in selections] == [
        ("17", "31", "Three Brothers"),
        ("34", "51", "Trade corridors 🚆"),
    ]
    first = selections[0].xpath("q:Coding", namespaces=ns)
    assert [(c.get("creatingUser"), c.find("q:CodeRef", ns).get("targetGUID")) for c in first] == [
        (users["Ayşe"], refi_guid("code", "identity")),
        (users["Bob"], refi_guid("code", "identity")),
        (users["Bob"], refi_guid("code", "identity-history")),
    ]
    assert first[0].get("creationDateTime") == "2024-05-01T12:00:00+00:00" and first[1].get("creationDateTime") is None
    (note_ref,) = first[0].xpath("q:NoteRef", namespaces=ns)
    (note,) = root.xpath(f"//q:Note[@guid='{note_ref.get('targetGUID')}']", namespaces=ns)
    assert note.findtext("q:PlainTextContent", namespaces=ns) == "“brothers”"
    # memos are notes, pointed to by the source, code and coding they are about
    (memo_ref,) = source.xpath("q:NoteRef", namespaces=ns)
    (memo,) = root.xpath(f"//q:Note[@guid='{memo_ref.get('targetGUID')}']", namespaces=ns)
    assert memo.findtext("q:PlainTextContent", namespaces=ns) == "Check the Turkish text."
    assert memo.get("creatingUser") == users["Ayşe"] and memo.get("creationDateTime") is None
    (code_ref,) = root.xpath(f"//q:Code[@guid='{refi_guid('code', 'identity')}']/q:NoteRef", namespaces=ns)
    assert root.xpath(f"//q:Note[@guid='{code_ref.get('targetGUID')}']/q:PlainTextContent/text()", namespaces=ns) == [
        "Narrative, not policy."
    ]
    assert len(first[1].xpath("q:NoteRef", namespaces=ns)) == 1  # Bob's coding: Ayşe's memo on it
    referenced = {r.get("targetGUID") for r in root.xpath("//q:NoteRef", namespaces=ns)}
    (free,) = [n for n in root.xpath("//q:Note", namespaces=ns) if n.get("guid") not in referenced]
    assert free.get("creationDateTime") == "2024-05-02T09:30:00+00:00" and free.get("name") == "Memo by Carol"
    assert not root.xpath("//q:Sets", namespaces=ns)
    (empty,) = root.xpath(f"//q:TextSource[@guid='{refi_guid('document', 'no-text')}']", namespaces=ns)
    assert empty.get("plainTextPath") is None and empty.findtext("q:PlainTextContent", namespaces=ns) == ""


def test_qdpx_round_trip_of_the_small_project(tmp_path: Path) -> None:
    docs, texts, codes, codings = small_project()
    write_qdpx(tmp_path / "p.qdpx", docs, texts, codes, codings, memos=small_memos())
    back = by_kind(entities(read_qdpx(tmp_path / "p.qdpx")))
    assert canonical(back["memos"]) == canonical(small_memos())
    assert canonical(back["codes"]) == canonical(codes)
    assert canonical(back["documents"]) == canonical(docs)
    assert canonical(back["document_texts"]) == canonical(texts)
    assert canonical(back["codings"]) == canonical(codings)


def test_qdpx_export_leaves_out_suggestions(tmp_path: Path) -> None:
    docs, texts, codes, codings = small_project()
    extra = [
        Coding(document="baku-2017", start=0, end=9, code="economy", coder="rules", status="suggested", score=0.6),
        Coding(document="baku-2017", start=0, end=9, code="identity", coder="rules", status="rejected", score=0.6),
        Coding(document="baku-2017", start=0, end=13, code="identity", coder="rules", status="accepted", score=0.9),
    ]
    warnings: list[str] = []
    write_qdpx(tmp_path / "p.qdpx", docs, texts, codes, codings + extra, warn=warnings.append)
    assert warnings == [
        "2 suggested or rejected coding(s) not exported: REFI-QDA has no suggestions",
        "1 accepted suggestion(s) exported as plain codings (status and score are not kept)",
    ]
    back = by_kind(entities(read_qdpx(tmp_path / "p.qdpx")))
    accepted = [c for c in back["codings"] if c.coder == "rules"]
    assert [(c.start, c.end, c.code, c.status, c.score) for c in accepted] == [(0, 13, "identity", "manual", None)]


def test_qdpx_export_refuses_inconsistent_records(tmp_path: Path) -> None:
    docs, texts, codes, codings = small_project()
    with pytest.raises(TariqaError, match="not in the codebook"):
        write_qdpx(tmp_path / "p.qdpx", docs, texts, codes[:1], codings)
    with pytest.raises(TariqaError, match="has no text"):
        write_qdpx(tmp_path / "p.qdpx", docs, [], codes, codings)
    with pytest.raises(TariqaError, match="has no document record"):
        write_qdpx(tmp_path / "p.qdpx", [], texts, codes, [])
    with pytest.raises(TariqaError, match="U\\+0007"):
        write_qdpx(tmp_path / "p.qdpx", [docs[0].model_copy(update={"title": "bell\x07"})], texts, codes, codings)
    assert not (tmp_path / "p.qdpx").exists() and not list(tmp_path.iterdir())


# --------------------------------------------------------------------------- real samples


@needs_samples
def test_atlas_bare_qde() -> None:
    """The bare .qde has no source files: codes and documents import, codings on texts
    that are not there are reported as left out, with pictures, media, sets, ..."""
    warnings: list[str] = []
    got = by_kind(entities(read_qdpx(ATLAS, warn=warnings.append)))
    codes = {c.id: c for c in got["codes"]}
    assert len(codes) == 14
    assert (codes["coke-diet-coke"].parent, codes["coke-diet-coke"].name) == ("coke", "diet Coke")
    assert codes["coke-diet-coke"].definition == "non sucré" and codes["coke"].colour == "#966450"
    assert codes["rushed"].name == '"rushed"'
    titles = sorted(unicodedata.normalize("NFC", d.title) for d in got["documents"])  # the file has NFD
    assert "Mabêl 2ième.txt" in titles and "Pay de Limón con Base de Granola | Kellogg's ®.pdf" in titles
    assert len(titles) == 8 and not got["document_texts"] and not got["codings"]
    joined = "\n".join(warnings)
    for left_out in (
        "picture source",
        "video source",
        "audio source",
        "PDF area selection",
        "<Sets>",
        "<Links>",
        "<Graphs>",
    ):
        assert left_out in joined, left_out
    assert "9 × coding of a source without text" in joined
    assert "note" not in joined  # its two free memos are the project's memos
    memos = sorted((m.about, m.author, m.text.split("\n")[0], m.created.minute) for m in got["memos"])
    assert memos == [
        ("project", "Friedrich Markgraf", "My favorite Coke ad", 41),
        ("project", "Friedrich Markgraf", "Research Plan", 38),
    ]


def atlas_sources() -> dict[str, str]:
    """Made-up texts for the ATLAS.ti sample (its files are not public), with CRLF line
    ends, so that the selections of Annex A.2 land on their quoted words."""

    def text(spans: list[tuple[int, str]], length: int) -> str:
        chars = ["x"] * length
        for i in range(9, length, 10):
            chars[i] = "\n"
        for start, words in spans:
            chars[start : start + len(words)] = list(words)
        return "".join(chars).replace("\n", "\r\n")

    quote = "Oh, that was great. See you tomorrow? Eleven thirty. Mm."
    return {
        "230B768E-5A3D-42B7-BE92-2A3721177944": text([(139, quote)], 220),
        "C1C745F7-8E4D-48B2-9710-655AFE7E54FA": text(
            [(215, "I did try the gluten free bread, but it was always so soggy,")], 950
        ),
        "B2F54555-0D2D-43B2-B40C-2A1C048F5F1C": text([], 420),
        "88293C71-CB70-4AB7-8413-C24110A19C2E": text([], 420),
        "142EB46D-612E-4593-A385-D0E5D04D1288": text([(62, "granola")], 520),
    }


@needs_samples
@pytest.mark.parametrize("layout", ["zip", "folder"])
def test_atlas_with_its_texts(tmp_path: Path, layout: str) -> None:
    """ATLAS.ti counts a CRLF as one character: the text is stored with LF."""
    sources = atlas_sources()
    if layout == "zip":
        path = tmp_path / "atlas.qdpx"
        with zipfile.ZipFile(path, "w") as zf:
            zf.writestr("Project.qde", ATLAS.read_bytes())  # capitalised, as older exports
            for guid, text in sources.items():
                zf.writestr(f"Sources/{guid}.txt", b"\xef\xbb\xbf" + text.encode())
            for guid in ("01106019-2518-43DD-BBD1-8F0252BACB30", "C8A57C71-D156-4A94-8407-2BD2FA57E2A4"):
                zf.writestr(f"sources/{guid.lower()}.txt", "Audio.\r\n")
            zf.writestr("sources/B09E8D25-66A6-4D7E-A884-3E1A11A40E7C.txt", "PDF text")
    else:
        path = tmp_path / "project.qde"
        path.write_bytes(ATLAS.read_bytes())
        (tmp_path / "sources").mkdir()
        for guid, text in sources.items():
            (tmp_path / "sources" / f"{guid}.txt").write_bytes(text.encode())
    got = by_kind(entities(read_qdpx(path)))
    texts = {t.id: t.text for t in got["document_texts"]}
    assert all("\r" not in t for t in texts.values())
    spans = {(c.document, c.code): texts[c.document][c.start : c.end] for c in got["codings"]}
    assert (
        spans[("1994-diet-coke-diet-coke-break-docx", "coke-diet-coke")]
        == "Oh, that was great. See you tomorrow? Eleven thirty. Mm."
    )
    assert spans[("simon-docx", "feelings")] == "I did try the gluten free bread, but it was always so soggy,"
    pdf = "pay-de-limon-con-base-de-granola-kellogg-s-pdf"
    assert spans[(pdf, "waste-of-time")] == "granola"
    assert {c.coder for c in got["codings"]} == {"Friedrich Markgraf"}
    simon = [c for c in got["codings"] if c.document == "simon-docx" and c.code == "bacon-and-eggs"]
    assert [c.memo for c in simon] == ["why does Simon feel the need to do this?"]
    assert simon[0].created == datetime(2018, 3, 27, 18, 39, 50, tzinfo=UTC)
    # the selection with a Description but no Coding is skipped without a problem
    assert not [c for c in got["codings"] if c.document == "mabel-2ieme-txt"]
    assert len(got["codings"]) == 9  # 1 + 3 (Mabel) + 3 (Simon) + 2 (PDF text)


@needs_samples
def test_nvivo_mac_sample() -> None:
    warnings: list[str] = []
    got = by_kind(entities(read_qdpx(NVIVO, warn=warnings.append)))
    codes = got["codes"]
    assert len(codes) == 262 and len({c.id for c in codes}) == 262
    ids = {c.id for c in codes}
    assert all(c.parent in ids for c in codes if c.parent)
    citizenship = [c for c in codes if c.name == "citizenship"]
    assert len(citizenship) == 3 and len({c.parent for c in citizenship}) == 3  # same name, three parents
    assert [t.text for t in got["document_texts"]] == ["\n", "\n"]
    assert len(got["documents"]) == 2 and not got["codings"] and not warnings


@needs_samples
def test_qc_demo_sample() -> None:
    """qc 1.3.2: bare file names as text paths, whole-line selections, LF, no BOM."""
    got = by_kind(entities(read_qdpx(QC)))
    assert sorted(d.id for d in got["documents"]) == ["admin-1", "board-2017"]
    assert len(got["codes"]) == 262 and len(got["codings"]) == 205
    assert {c.coder for c in got["codings"]} == {"cp"}
    texts = {t.id: t.text for t in got["document_texts"]}
    lines = {}
    for doc, text in texts.items():
        starts = [0] + [m.end() for m in re.finditer("\n", text)]
        lines[doc] = set(itertools.pairwise(starts))
    for c in got["codings"]:
        assert (c.start, c.end) in lines[c.document]  # every selection is exactly one line
    assert len({(c.start, c.end) for c in got["codings"]}) == 158
    codes = {c.id: c for c in got["codes"]}
    used = {c.code for c in got["codings"]}
    assert "rq1-definition-competencies-programming" in codes
    assert codes["rq1-definition-competencies-programming"].parent == "rq1-definition-competencies"
    assert used <= set(codes)


# --------------------------------------------------------------------------- lenient import


PROJECT = """<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="{ns}" name="t" origin="{origin}">
<Users><User guid="{{a1b2c3d4-0000-0000-0000-000000000001}}" name="ana"/></Users>
<CodeBook><Codes><Code guid="c0000000-0000-0000-0000-000000000001" name="Trade" isCodable="true"/></Codes></CodeBook>
<Sources>{sources}</Sources>
</Project>"""


def selection(
    start: int,
    end: int,
    n: int = 1,
    user: str = "A1B2C3D4-0000-0000-0000-000000000001",
    code: str = "C0000000-0000-0000-0000-000000000001",
) -> str:
    return (
        f'<PlainTextSelection guid="50000000-0000-0000-0000-00000000000{n}" startPosition="{start}" endPosition="{end}">'
        f'<Coding guid="60000000-0000-0000-0000-00000000000{n}" creatingUser="{user}"><CodeRef targetGUID="{code}"/></Coding>'
        "</PlainTextSelection>"
    )


def qdpx(
    path: Path, sources: str, files: dict[str, bytes], ns: str = "urn:QDA-XML:project:1.0", origin: str = "X"
) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("project.qde", PROJECT.format(ns=ns, origin=origin, sources=sources))
        for name, data in files.items():
            zf.writestr(name, data)
    return path


def coded(items: Iterable[Parsed | Problem]) -> tuple[dict[str, str], list[tuple[str, str, str]]]:
    got = by_kind(entities(items))
    texts = {t.id: t.text for t in got["document_texts"]}
    return texts, [(c.coder, c.code, texts[c.document][c.start : c.end]) for c in got["codings"]]


def test_crlf_counted_as_two_bom_stripped_braces_and_namespace_version(tmp_path: Path) -> None:
    """NVivo for Windows: CRLF counts as two characters; QualCoder: a UTF-8 BOM."""
    text = "Line one\r\nTrade – corridor\r\n"
    source = f'<TextSource guid="{{ABCDEF00-0000-0000-0000-000000000001}}" name="Doc" plainTextPath="internal://abcdef00-0000-0000-0000-000000000001.txt">{selection(10, 26)}</TextSource>'
    path = qdpx(
        tmp_path / "p.qdpx",
        source,
        {"sources/ABCDEF00-0000-0000-0000-000000000001.txt": b"\xef\xbb\xbf" + text.encode()},
        ns="urn:QDA-XML:project:1:0",
        origin="NVivo 12",
    )
    texts, codings = coded(read_qdpx(path))
    assert texts == {"doc": text}
    assert codings == [("ana", "trade", "Trade – corridor")]


def test_atlas_crlf_collapsed(tmp_path: Path) -> None:
    text = "Line one\r\nTrade – corridor\r\n"
    source = f'<TextSource guid="ABCDEF00-0000-0000-0000-000000000001" name="Doc" plainTextPath="internal://X.txt">{selection(9, 25)}</TextSource>'
    path = qdpx(tmp_path / "p.qdpx", source, {"sources/x.TXT": text.encode()}, origin="ATLAS.ti 23.2.1")
    texts, codings = coded(read_qdpx(path))
    assert texts == {"doc": "Line one\nTrade – corridor\n"}
    assert codings == [("ana", "trade", "Trade – corridor")]


def test_inline_text_bare_paths_and_skipped_selections(tmp_path: Path) -> None:
    sources = (
        '<TextSource guid="ABCDEF00-0000-0000-0000-000000000001" name="Inline"><PlainTextContent>Trade &amp; more</PlainTextContent>'
        f"{selection(0, 5)}"
        '<PlainTextSelection guid="50000000-0000-0000-0000-000000000009" startPosition="0" endPosition="3"><Description>no code</Description></PlainTextSelection>'
        "</TextSource>"
        f'<TextSource guid="ABCDEF00-0000-0000-0000-000000000002" plainTextPath="board_2017.txt">{selection(0, 5, 2, user="99999999-0000-0000-0000-000000000000")}</TextSource>'
    )
    path = qdpx(tmp_path / "p.qdpx", sources, {"sources/board_2017.txt": b"Trade board"})
    items = list(read_qdpx(path))
    texts, codings = coded(items)
    assert texts == {"inline": "Trade & more", "board-2017": "Trade board"}
    assert codings == [("ana", "trade", "Trade"), ("99999999-0000-0000-0000-000000000000", "trade", "Trade")]
    assert {i.file for i in items if isinstance(i, Parsed)} == {"p.qdpx"}
    where = [i.where for i in items if isinstance(i, Parsed) and isinstance(i.entity, Coding)]
    assert where[0] == (
        "TextSource[ABCDEF00-0000-0000-0000-000000000001]/PlainTextSelection[50000000-0000-0000-0000-000000000001]"
        "/Coding[60000000-0000-0000-0000-000000000001]"
    )


def test_bad_selections_are_problems(tmp_path: Path) -> None:
    sources = (
        '<TextSource guid="ABCDEF00-0000-0000-0000-000000000001" name="Doc"><PlainTextContent>Trade</PlainTextContent>'
        f"{selection(2, 9, 1)}{selection(3, 3, 2)}{selection(0, 5, 3, code='DEADBEEF-0000-0000-0000-000000000000')}{selection(0, 5, 4)}"
        "</TextSource>"
    )
    items = list(read_qdpx(qdpx(tmp_path / "p.qdpx", sources, {})))
    problems = sorted(str(p) for p in items if isinstance(p, Problem))
    assert problems == [
        "p.qdpx:TextSource[ABCDEF00-0000-0000-0000-000000000001]/PlainTextSelection[50000000-0000-0000-0000-000000000001]: endPosition: the span 2-9 is not inside the text (0-5)",
        "p.qdpx:TextSource[ABCDEF00-0000-0000-0000-000000000001]/PlainTextSelection[50000000-0000-0000-0000-000000000002]: endPosition: the span 3-3 is not inside the text (0-5)",
        "p.qdpx:TextSource[ABCDEF00-0000-0000-0000-000000000001]/PlainTextSelection[50000000-0000-0000-0000-000000000003]/Coding[60000000-0000-0000-0000-000000000003]: CodeRef: refers to no code of the codebook (DEADBEEF-0000-0000-0000-000000000000)",
    ]
    assert len([i for i in items if isinstance(i, Parsed) and isinstance(i.entity, Coding)]) == 1


def test_input_errors(tmp_path: Path) -> None:
    (tmp_path / "text.qdpx").write_text("just text")
    with pytest.raises(InputError, match=re.escape("neither a .qdpx archive")):
        list(read_qdpx(tmp_path / "text.qdpx"))
    with zipfile.ZipFile(tmp_path / "empty.qdpx", "w") as zf:
        zf.writestr("sources/a.txt", "a")
    with pytest.raises(InputError, match=re.escape("empty.qdpx: the archive has no project.qde")):
        list(read_qdpx(tmp_path / "empty.qdpx"))
    source = '<TextSource guid="ABCDEF00-0000-0000-0000-000000000001" plainTextPath="internal://ABCDEF00-0000-0000-0000-000000000001.txt"/>'
    with pytest.raises(
        InputError,
        match=re.escape("'internal://ABCDEF00-0000-0000-0000-000000000001.txt' is referenced but not in the archive"),
    ):
        list(read_qdpx(qdpx(tmp_path / "missing.qdpx", source, {})))
    source = '<TextSource guid="ABCDEF00-0000-0000-0000-000000000001" plainTextPath="internal://a.txt"/>'
    with pytest.raises(InputError, match=re.escape("a.txt is not UTF-8 text")):
        list(read_qdpx(qdpx(tmp_path / "latin.qdpx", source, {"sources/a.txt": "café".encode("latin-1")})))
    with zipfile.ZipFile(tmp_path / "codebook.qdpx", "w") as zf:
        zf.writestr("project.qde", qdc('<Code guid="11111111-2222-3333-4444-555555555555" name="A" isCodable="true"/>'))
    with pytest.raises(InputError, match="not a REFI-QDA project file: the root is <CodeBook>"):
        list(read_qdpx(tmp_path / "codebook.qdpx"))
    with pytest.raises(InputError, match="no such file"):
        list(read_qdpx(tmp_path / "nope.qdpx"))


def test_external_files_are_not_followed(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("secret")
    sources = (
        f'<TextSource guid="ABCDEF00-0000-0000-0000-000000000001" name="A" plainTextPath="absolute://{secret}"/>'
        '<TextSource guid="ABCDEF00-0000-0000-0000-000000000002" name="B" plainTextPath="relative://secret.txt"/>'
    )
    warnings: list[str] = []
    got = by_kind(entities(read_qdpx(qdpx(tmp_path / "p.qdpx", sources, {}), warn=warnings.append)))
    assert len(got["documents"]) == 2 and not got["document_texts"]
    assert warnings == ["p.qdpx: not imported: 2 × text whose file is not in the project"]


# --------------------------------------------------------------------------- round trip

_XML_TEXT = st.characters(exclude_categories=("Cs", "Cc", "Cn"))
_LINE = st.text(_XML_TEXT | st.sampled_from("\t\r\n"), max_size=20)
_WORDS = st.text(_XML_TEXT | st.sampled_from(" \t\r\n"), min_size=1, max_size=30).filter(str.strip)
_DOC_TEXT = st.text(st.characters(codec="utf-8") | st.sampled_from("\r\n\ufeff–“”🚆ə"), min_size=1, max_size=80)
_OFFSETS = st.timedeltas(min_value=timedelta(hours=-14), max_value=timedelta(hours=14)).map(
    lambda d: timezone(timedelta(minutes=d // timedelta(minutes=1)))
)


@st.composite
def projects(draw: st.DrawFn) -> tuple[list[Document], list[DocumentText], list[Code], list[Coding], list[Memo]]:
    ids = draw(st.lists(st.from_regex(r"[a-z0-9][a-z0-9-]{0,8}", fullmatch=True), min_size=1, max_size=6, unique=True))
    codes = []
    for i, code_id in enumerate(ids):
        codes.append(
            Code(
                id=code_id,
                parent=draw(st.none() | st.sampled_from(ids[:i])) if i else None,
                name=draw(_WORDS),
                definition=draw(_WORDS),
                inclusion=draw(st.none() | _WORDS),
                exclusion=draw(st.none() | _WORDS),
                examples=draw(st.lists(_LINE, max_size=2)),
                colour=draw(st.none() | st.sampled_from(["#D55E00", "#abc", "#0072b2"])),
                nature=draw(st.none() | st.sampled_from(["symbolic", "functional"])),
                keywords=draw(st.lists(_LINE, max_size=2)),
                patterns=draw(st.lists(st.sampled_from([r"\bPKK\b", "terör.*", "a\\nb"]), max_size=2)),
            )
        )
    doc_ids = draw(st.lists(st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True), min_size=1, max_size=3, unique=True))
    docs, texts = [], []
    codings: dict[str, Coding] = {}
    for doc_id in doc_ids:
        docs.append(
            Document(
                id=doc_id,
                title=draw(_WORDS),
                kind=draw(st.sampled_from(["declaration", "speech", "other"])),
                date=draw(
                    st.none() | st.dates(min_value=datetime(1990, 1, 1).date(), max_value=datetime(2030, 1, 1).date())
                ),
                signatories=draw(st.lists(st.sampled_from(["AZE", "TUR", "PAK"]), max_size=3)),
                url=draw(st.none() | st.just("https://mfa.gov.az/en/news/1")),
                event=draw(st.none() | st.just("atp-fm-2017-baku")),
                language=draw(st.none() | st.sampled_from(["az", "tr", "en"])),
                summary_points=draw(st.lists(_LINE, max_size=2)),
                sources=draw(st.lists(st.just("https://example.org/a"), max_size=1)),
            )
        )
        if not draw(st.booleans()) and doc_id != doc_ids[0]:
            continue  # a document without text
        text = draw(_DOC_TEXT)
        texts.append(DocumentText(id=doc_id, text=text, format=draw(st.sampled_from(["txt", "html", "pdf"]))))
        for _ in range(draw(st.integers(0, 4))):
            start = draw(st.integers(0, len(text) - 1))
            end = draw(st.integers(start + 1, len(text)))
            for coder in draw(
                st.lists(st.sampled_from(["alice", "bob", "Ayşe Yılmaz"]), min_size=1, max_size=3, unique=True)
            ):
                coding = Coding(
                    document=doc_id,
                    start=start,
                    end=end,
                    code=draw(st.sampled_from(ids)),
                    coder=coder,
                    memo=draw(st.none() | _WORDS),
                    created=draw(
                        st.none()
                        | st.datetimes(
                            min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1), timezones=_OFFSETS
                        )
                    ),
                )
                codings.setdefault(coding.key, coding)
    targets = [("project", "project")] + [("document", d) for d in doc_ids] + [("code", c) for c in ids]
    targets += [("coding", k) for k in codings]
    memos = {}
    for about, target in draw(st.lists(st.sampled_from(targets), max_size=5)):
        memo = Memo(
            about=about,
            target=target,
            author=draw(st.sampled_from(["alice", "Ayşe Yılmaz", "carol"])),
            text=draw(_WORDS),
            created=draw(st.none() | st.datetimes(min_value=datetime(2000, 1, 1), timezones=_OFFSETS)),
        )
        memos.setdefault(memo.key, memo)
    return docs, texts, codes, list(codings.values()), list(memos.values())


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(project=projects(), seed=st.integers(0, 2**16))
def test_round_trip(
    tmp_path: Path,
    project: tuple[list[Document], list[DocumentText], list[Code], list[Coding], list[Memo]],
    seed: int,
) -> None:
    docs, texts, codes, codings, memos = project
    write_qdpx(tmp_path / "p.qdpx", docs, texts, codes, codings, memos=memos)
    back = by_kind(entities(read_qdpx(tmp_path / "p.qdpx")))
    assert canonical(back["memos"]) == canonical(memos)
    assert canonical(back["codes"]) == canonical(codes)
    assert canonical(back["documents"]) == canonical(docs)
    assert canonical(back["document_texts"]) == canonical(texts)
    assert canonical(back["codings"]) == canonical(codings)
    # the codebook alone, and export → import → export gives the same bytes
    (tmp_path / "c.qdc").write_bytes(qdc_bytes(codes))
    assert canonical(read_qdc(tmp_path / "c.qdc")) == canonical(codes)
    shuffle = random.Random(seed).sample
    write_qdpx(
        tmp_path / "q.qdpx",
        back["documents"],
        shuffle(back["document_texts"], len(texts)),
        back["codes"],
        shuffle(back["codings"], len(codings)),
        memos=shuffle(back["memos"], len(memos)),
    )
    assert (tmp_path / "q.qdpx").read_bytes() == (tmp_path / "p.qdpx").read_bytes()


def test_a_zip_bomb_is_refused_before_it_is_inflated(tmp_path: Path) -> None:
    """Once a 1.6 MB .qdpx inflated 1.5 GiB into memory: the per-member cap let it through."""
    bomb = tmp_path / "bomb.qdpx"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("project.qde", PROJECT.format(ns="urn:QDA-XML:project:1.0", origin="X", sources=""))
        with zf.open("sources/a.txt", "w") as member:  # 256 MiB of spaces: about 250 KB compressed
            block = b" " * (1 << 20)
            for _ in range(256):
                member.write(block)
    assert bomb.stat().st_size < 1_000_000
    with pytest.raises(InputError, match=r"bomb\.qdpx: sources/a\.txt is compressed [\d,]+ to 1 .*ZIP bomb"):
        list(read_qdpx(bomb))


def test_an_archive_that_would_inflate_past_the_limit_is_refused(tmp_path: Path) -> None:
    from tariqa.io.refi_qda_archive import ProjectFiles

    path = tmp_path / "big.qdpx"
    rng = random.Random(7)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("project.qde", PROJECT.format(ns="urn:QDA-XML:project:1.0", origin="X", sources=""))
        for k in range(3):  # 3 x 1 MiB of random letters: a ratio of under 2 to 1
            zf.writestr(f"sources/{k}.txt", "".join(rng.choice("abcdefghij") for _ in range(1 << 20)))
    with pytest.raises(InputError, match=r"would inflate to 3 MiB, over the limit of 2 MiB; nothing was read"):
        ProjectFiles(path, max_inflated=2 * 1024 * 1024)
    files = ProjectFiles(path)
    assert len(files.project()) > 0
    files.close()
