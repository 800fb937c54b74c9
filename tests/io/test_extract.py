"""Document text extraction: every format, offsets in code points, the sentence splitter's
rules, and bad input that gives a clear InputError naming the file. Fixtures are built in
code (PDFs by hand and with pypdf, .docx with python-docx)."""

from __future__ import annotations

import codecs
import io
import subprocess
import sys
from dataclasses import FrozenInstanceError
from pathlib import Path

import docx
import pypdf
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tariqa.errors import InputError
from tariqa.io.extract import (
    Extracted,
    extract,
    extract_bytes,
    html_to_text,
    markdown_to_text,
    normalise,
    paragraphs,
    pdf_paragraphs,
    sentences,
)
from tests.pdfs import pdf_with_text

# --------------------------------------------------------------------------- helpers


def texts(text: str, spans: list[tuple[int, int]]) -> list[str]:
    return [text[s:e] for s, e in spans]


def split(text: str) -> list[str]:
    return texts(text, sentences(text, paragraphs(text)))


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


PDF_LINES = [
    "The ministers of Azerbaijan and Turkiye met in Baku on 3 May and agreed",
    "on a joint roadmap for defence cooperation. Dr. Ozturk said it was “historic”.",
    "Work begins in June.",
    "The next meeting will take place in Ankara – in the autumn of 2024 – and",
    "will review progress.",
]


def blank_pdf() -> bytes:
    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=612, height=792)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def encrypted_pdf(user_password: str, owner_password: str | None = None) -> bytes:
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(pdf_with_text(PDF_LINES))))
    writer.encrypt(user_password, owner_password)  # RC4-128: needs no crypto library
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def docx_bytes(build: object = None) -> bytes:
    document = docx.Document()
    if callable(build):
        build(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


MULTIBYTE = (
    "Bakıda “Azərbaycan–Türkiye” görüşü keçirildi 🤝. Dr. Əliyev çıxış etdi!\r\n"
    "   \r\n"
    "İkinci abzas: ğ, ü, şəhər. Ölkələr razılaşdı… “Sonra nə olacaq?” Çox sual var.\r\n"
)
MULTIBYTE_SENTENCES = [
    "Bakıda “Azərbaycan–Türkiye” görüşü keçirildi 🤝.",
    "Dr. Əliyev çıxış etdi!",
    "İkinci abzas: ğ, ü, şəhər.",
    "Ölkələr razılaşdı…",
    "“Sonra nə olacaq?”",
    "Çox sual var.",
]


# --------------------------------------------------------------------------- text formats


def test_txt_offsets_are_code_points_not_bytes(tmp_path: Path) -> None:
    doc = extract(write(tmp_path, "note.txt", MULTIBYTE))
    assert doc.format == "txt"
    assert len(doc.text.encode("utf-8")) > len(doc.text)
    assert texts(doc.text, doc.sentences) == MULTIBYTE_SENTENCES
    assert texts(doc.text, doc.paragraphs) == [
        "Bakıda “Azərbaycan–Türkiye” görüşü keçirildi 🤝. Dr. Əliyev çıxış etdi!",
        "İkinci abzas: ğ, ü, şəhər. Ölkələr razılaşdı… “Sonra nə olacaq?” Çox sual var.",
    ]
    assert doc.text == normalise(MULTIBYTE)
    emoji = doc.text.index("🤝")
    assert doc.sentences[0] == (0, emoji + 2)  # the emoji is one code point, four UTF-8 bytes


@pytest.mark.parametrize(
    "encoded",
    [
        codecs.BOM_UTF8 + MULTIBYTE.encode("utf-8"),
        codecs.BOM_UTF16_LE + MULTIBYTE.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + MULTIBYTE.encode("utf-16-be"),
    ],
    ids=["utf-8-bom", "utf-16-le", "utf-16-be"],
)
def test_txt_encodings_with_byte_order_mark(tmp_path: Path, encoded: bytes) -> None:
    doc = extract(write(tmp_path, "note.txt", encoded))
    assert doc.text == normalise(MULTIBYTE)
    assert texts(doc.text, doc.sentences) == MULTIBYTE_SENTENCES


def test_extract_bytes_equals_extract_and_is_deterministic(tmp_path: Path) -> None:
    data = MULTIBYTE.encode("utf-8")
    first = extract(write(tmp_path, "a.txt", data))
    assert extract_bytes(data, "upload.TXT") == first
    assert extract_bytes(data, "upload.txt") == extract_bytes(data, "upload.txt")


def test_extracted_is_frozen() -> None:
    doc = extract_bytes(b"One.", "a.txt")
    assert doc == Extracted(text="One.\n", format="txt")
    assert doc.paragraphs == [(0, 4)] and doc.sentences == [(0, 4)]
    with pytest.raises(FrozenInstanceError):
        doc.text = "x"  # type: ignore[misc]


def test_markdown_keeps_text_and_drops_trivial_markup(tmp_path: Path) -> None:
    source = (
        "# Joint *Statement* #\n"
        "The **ministers** met in [Bakı](https://example.org/a_(b)) and _agreed_.\n"
        "Use `snake_case_names` and 2*3*4 as they are.\n\n"
        "> Quoted text here.\n\n"
        "- First item.\n"
        "* Second item.\n\n"
        "---\n\n"
        "Subtitle\n"
        "========\n"
        "![Map](map.png) shows [the route][1].\n\n"
        "[1]: https://example.org/route\n"
    )
    doc = extract(write(tmp_path, "notes.markdown", source))
    assert doc.format == "md"
    assert texts(doc.text, doc.paragraphs) == [
        "Joint Statement",
        "The ministers met in Bakı and agreed.\nUse snake_case_names and 2*3*4 as they are.",
        "Quoted text here.",
        "First item.\nSecond item.",
        "Subtitle",
        "Map shows the route.",
    ]
    assert "The ministers met in Bakı and agreed." in texts(doc.text, doc.sentences)


def test_markdown_is_not_a_renderer() -> None:
    assert markdown_to_text("a * b * c and #hashtag") == "a * b * c and #hashtag"


HTML = """<!DOCTYPE html>
<html lang="az"><head><title>Xəbərlər | Nazirlik</title><meta charset="utf-8">
<style>p { color: red }</style><script>var menu = "Home";</script></head>
<body>
<header><div class="logo">Ministry of Defence</div></header>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/c">Contact us</a></li></ul></nav>
<main><article>
<h1>Azərbaycan və Türkiyə birgə təlim keçirdi</h1>
<p>Bakı, 3 may &ndash; Azərbaycan və Türkiyə silahlı qüvvələrinin birgə təlimləri başa çatdı.
Təlimlərdə hər iki ölkənin hərbçiləri iştirak etdi.</p>
<p>Dr. Əliyev bildirdi ki, əməkdaşlıq “strateji” xarakter daşıyır. Növbəti təlim payızda olacaq.</p>
<p>Birinci sətir<br>ikinci sətir.</p>
<ul><li>Quru qoşunları iştirak etdi.</li><li>Hərbi Hava Qüvvələri iştirak etdi.</li></ul>
</article></main>
<aside>Most read: Other story one. Other story two.</aside>
<footer><p>© 2024 Ministry. All rights reserved.</p><p>Privacy policy</p></footer>
</body></html>"""


def test_html_main_text_with_paragraphs(tmp_path: Path) -> None:
    doc = extract(write(tmp_path, "page.html", HTML))
    assert doc.format == "html"
    paras = texts(doc.text, doc.paragraphs)
    assert paras == [
        "Azərbaycan və Türkiyə birgə təlim keçirdi",
        "Bakı, 3 may – Azərbaycan və Türkiyə silahlı qüvvələrinin birgə təlimləri başa çatdı. "
        "Təlimlərdə hər iki ölkənin hərbçiləri iştirak etdi.",
        "Dr. Əliyev bildirdi ki, əməkdaşlıq “strateji” xarakter daşıyır. Növbəti təlim payızda olacaq.",
        "Birinci sətir",
        "ikinci sətir.",
        "Quru qoşunları iştirak etdi.",
        "Hərbi Hava Qüvvələri iştirak etdi.",
    ]
    for boilerplate in ("Home", "Contact", "Ministry", "Most read", "rights reserved", "menu", "color"):
        assert boilerplate not in doc.text
    assert "Dr. Əliyev bildirdi ki, əməkdaşlıq “strateji” xarakter daşıyır." in texts(doc.text, doc.sentences)
    assert extract(write(tmp_path, "page.htm", HTML)) == doc


def test_html_fallback_when_the_main_text_extractor_finds_nothing(tmp_path: Path) -> None:
    doc = extract(write(tmp_path, "frag.html", "Just <b>text</b>, no markup.<br>Second line."))
    assert texts(doc.text, doc.paragraphs) == ["Just text, no markup.", "Second line."]


def test_html_to_text_blocks_and_skipped_elements() -> None:
    html = (
        "<div>One<div>Two &amp; <i>three</i></div></div><nav><li>menu<li>more</nav>"
        "<pre>keep\n  lines</pre><table><tr><td>Cell A</td><td>Cell B</td></tr></table>After"
    )
    assert html_to_text(html) == "One\n\nTwo & three\n\nkeep\n  lines\n\nCell A\n\nCell B\n\nAfter"


def test_html_declared_charset_is_used_when_not_utf8(tmp_path: Path) -> None:
    html = '<html><head><meta charset="windows-1254"></head><body><p>Türkiye ve Azerbaycan işbirliği.</p></body></html>'
    doc = extract(write(tmp_path, "tr.html", html.encode("cp1254")))
    assert doc.text == "Türkiye ve Azerbaycan işbirliği.\n"


# --------------------------------------------------------------------------- PDF and DOCX


def test_pdf_text_layer(tmp_path: Path) -> None:
    doc = extract(write(tmp_path, "statement.pdf", pdf_with_text(PDF_LINES, ["Second page text."])))
    assert doc.format == "pdf"
    # the lines of a paragraph are joined (extract.reflow)
    assert texts(doc.text, doc.paragraphs) == [
        " ".join(PDF_LINES[:3]),
        " ".join(PDF_LINES[3:]),
        "Second page text.",
    ]
    assert texts(doc.text, doc.sentences) == [
        "The ministers of Azerbaijan and Turkiye met in Baku on 3 May and agreed "
        "on a joint roadmap for defence cooperation.",
        "Dr. Ozturk said it was “historic”.",
        "Work begins in June.",
        " ".join(PDF_LINES[3:]),
        "Second page text.",
    ]


def test_pdf_ligatures_hyphens_and_line_breaks_are_undone(tmp_path: Path) -> None:
    """A typeset PDF draws "ff" and "fi" as one glyph each and breaks words at line ends;
    the text keeps the letters and the words, so that keywords (separatis*) match."""
    lines = [
        "The parties condemn terrorism and sepa-",
        "ratism, and will e\ufb00ectively co-",
        "operate in the \ufb01elds of trade, energy and",
        "transport, as the Trans-",
        "Caspian route shows.",
    ]
    doc = extract(write(tmp_path, "declaration.pdf", pdf_with_text(lines)))
    assert doc.text == (
        "The parties condemn terrorism and separatism, and will effectively cooperate in the fields of "
        "trade, energy and transport, as the Trans-Caspian route shows.\n"
    )  # a hyphen before a capital is a compound's, and stays
    assert not any(ord(c) > 127 for c in doc.text)


def test_pdf_paragraph_heuristic() -> None:
    page = "A long first line of a justified paragraph here\nends here.\n\nTitle\nShort: yes."
    assert pdf_paragraphs(page) == (
        "A long first line of a justified paragraph here\nends here.\n\n\nTitle\nShort: yes."
    )


def test_pdf_with_an_empty_user_password_opens(tmp_path: Path) -> None:
    doc = extract(write(tmp_path, "open.pdf", encrypted_pdf("", "owner-secret")))
    assert "Dr. Ozturk said it was “historic”." in texts(doc.text, doc.sentences)


def test_docx_paragraphs_and_tables(tmp_path: Path) -> None:
    def build(document: docx.document.Document) -> None:
        document.add_heading("Birgə bəyanat", level=1)
        document.add_paragraph("Tərəflər razılaşdı. Art. 5 tətbiq olunur.")
        document.add_paragraph("")
        document.add_paragraph("Line one\nline two.")
        table = document.add_table(rows=2, cols=2)
        table.cell(0, 0).text = "Cell A."
        table.cell(0, 1).text = "Cell B."
        table.cell(1, 0).merge(table.cell(1, 1)).text = "Merged “cell”."
        document.add_paragraph("Sonuncu abzas 🤝.")

    doc = extract(write(tmp_path, "statement.docx", docx_bytes(build)))
    assert doc.format == "docx"
    assert texts(doc.text, doc.paragraphs) == [
        "Birgə bəyanat",
        "Tərəflər razılaşdı. Art. 5 tətbiq olunur.",
        "Line one\nline two.",
        "Cell A.",
        "Cell B.",
        "Merged “cell”.",
        "Sonuncu abzas 🤝.",
    ]
    assert texts(doc.text, doc.sentences)[1:3] == ["Tərəflər razılaşdı.", "Art. 5 tətbiq olunur."]


# --------------------------------------------------------------------------- bad input


BAD_INPUT = [
    ("secret.pdf", lambda: encrypted_pdf("secret"), "encrypted"),
    ("truncated.pdf", lambda: pdf_with_text(PDF_LINES)[:400], "damaged"),
    ("scan.pdf", blank_pdf, "no text layer"),
    ("fake.pdf", lambda: b"This is not a PDF at all.", "not a PDF"),
    ("image.txt", lambda: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a PNG image, not text"),
    ("nul.txt", lambda: b"abc\x00\x01\x02def", "binary"),
    ("controls.md", lambda: bytes(1 + (i * 37 + 11) % 31 for i in range(4096)), "binary"),
    ("pdf-named.txt", lambda: pdf_with_text(PDF_LINES), "a PDF file, not text"),
    ("cp1254.txt", lambda: "Türkiye".encode("cp1254"), "byte 1 (0xfc)"),
    ("latin1.md", lambda: "# Başlık\n\nMüdafiə ".encode() + "é".encode("latin-1"), "at byte 22 (0xe9)"),
    ("latin1.html", lambda: "<p>café</p>".encode("latin-1"), "not valid UTF-8 at byte 6"),
    ("odd.txt", lambda: codecs.BOM_UTF16_LE + "ab".encode("utf-16-le") + b"\x00\xd8", "not valid UTF-16"),
    ("wide.txt", lambda: codecs.BOM_UTF32_LE + "ab".encode("utf-32-le"), "UTF-32"),
    ("empty.txt", lambda: b"", "empty"),
    ("blank.txt", lambda: b" \r\n\t\n\n  ", "empty"),
    ("blank.md", lambda: b"---\n\n***\n", "empty"),
    ("empty.html", lambda: b"<html><body><nav>Home</nav><p> </p></body></html>", "empty"),
    ("empty.docx", docx_bytes, "empty"),
    ("broken.docx", lambda: b"PK\x03\x04 this is no zip", "damaged"),
    ("text.docx", lambda: b"plain text", "not a .docx"),
    ("old.docx", lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "old-format"),
    ("notes.rtf", lambda: b"{\\rtf1 hello}", "unsupported file type '.rtf'"),
    ("README", lambda: b"hello", "no file extension"),
]


@pytest.mark.parametrize(("name", "make", "problem"), BAD_INPUT, ids=[case[0] for case in BAD_INPUT])
def test_bad_input_names_the_file_and_the_problem(tmp_path: Path, name: str, make: object, problem: str) -> None:
    assert callable(make)
    data = make()
    path = write(tmp_path, name, data)
    with pytest.raises(InputError) as info:
        extract(path)
    message = str(info.value)
    assert message.startswith(f"{path}: ")
    assert problem in message
    assert "\n" not in message
    with pytest.raises(InputError) as upload:
        extract_bytes(data, name)
    assert str(upload.value) == message.replace(str(path), name)


def test_image_only_pdf_says_no_ocr(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"scan\.pdf: the PDF has no text layer .*OCR is not supported"):
        extract(write(tmp_path, "scan.pdf", blank_pdf()))


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"missing\.txt: no such file"):
        extract(tmp_path / "missing.txt")
    (tmp_path / "folder.txt").mkdir()
    with pytest.raises(InputError, match=r"folder\.txt: is a directory"):
        extract(tmp_path / "folder.txt")


def test_readers_are_imported_only_when_needed() -> None:
    code = "import sys, tariqa.io.extract; print(sorted({'pypdf', 'docx', 'trafilatura'} & set(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


# --------------------------------------------------------------------------- normalise


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("a\r\nb\rc\n", "a\nb\nc\n"),
        ("line  \t\nnext\u00a0\n", "line\nnext\n"),
        ("a\n\n\n\n\nb", "a\n\nb\n"),
        ("a\n \n\t\n  \nb", "a\n\nb\n"),
        ("\n\n  \n  indented\n\n\n", "  indented\n"),
        ("cafe\u0301 A\u030a", "café Å\n"),
        ("", ""),
        (" \n \r\n", ""),
    ],
)
def test_normalise(raw: str, expected: str) -> None:
    assert normalise(raw) == expected


# --------------------------------------------------------------------------- splitter rules


SENTENCE_CASES = [
    ("Mr. Smith and Mrs. Jones came. They left.", ["Mr. Smith and Mrs. Jones came.", "They left."]),
    ("See No. 5 and Art. 12. Done.", ["See No. 5 and Art. 12.", "Done."]),
    ("Under para. 3 the U.S. and the U.N. agree. Fine.", ["Under para. 3 the U.S. and the U.N. agree.", "Fine."]),
    ("Fruit, e.g. Apples, i.e. Red ones, etc. Are good.", ["Fruit, e.g. Apples, i.e. Red ones, etc. Are good."]),
    ("Team A vs. Team Blue. Next.", ["Team A vs. Team Blue.", "Next."]),
    ("H.E. Mr. Aliyev met Gen. Hasanov, Lt. Col. Demir and Prof. Öz. Then.", None),
    ("Dr. Kaya and St. John met on 3 Jan. 2024 and 5 Sept. 2025. Both.", None),
    ("J. R. Smith wrote it. A. Aliyev agreed.", ["J. R. Smith wrote it.", "A. Aliyev agreed."]),
    ("Plan B. Then more.", ["Plan B. Then more."]),
    ("Growth was 3.5 per cent. Inflation was 2.1. Rates rose 0.25.", None),
    ("It rose in 2023. 2024 was flat.", ["It rose in 2023.", "2024 was flat."]),
    ("Stop! Go? Yes… No?! Maybe... Done.", ["Stop!", "Go?", "Yes…", "No?!", "Maybe...", "Done."]),
    ('He said "Go." Then left. “Why?” she asked.', ['He said "Go."', "Then left.", "“Why?” she asked."]),
    ("The end. “Quoted” here. (Aside.) [Note.] 'Single' too.", None),
    ("lower case. after a stop does not split. Nor does 'x. y'.", None),
    (
        "1. The Parties agree.\n2. They meet.\nIV. Roman too.",
        ["1. The Parties agree.", "2. They meet.", "IV. Roman too."],
    ),
    ("They meet.\niv. lower case follows.", ["They meet.\niv. lower case follows."]),
    ("Türkiyə razılaşdı. İki ölkə. Əməkdaşlıq. Şuşa. Çox. Ölkə. Üç. Ğ.", None),
    ("Bkz. Ek 2 ve s. 14. T.C. Dışişleri Bakanlığı. Sn. Bakan geldi.", None),
    ("Cən. Əliyev, səh. 5. Prof. Məmmədov.", ["Cən. Əliyev, səh. 5.", "Prof. Məmmədov."]),
]
SENTENCES = {
    "H.E. Mr. Aliyev met Gen. Hasanov, Lt. Col. Demir and Prof. Öz. Then.": [
        "H.E. Mr. Aliyev met Gen. Hasanov, Lt. Col. Demir and Prof. Öz.",
        "Then.",
    ],
    "Dr. Kaya and St. John met on 3 Jan. 2024 and 5 Sept. 2025. Both.": [
        "Dr. Kaya and St. John met on 3 Jan. 2024 and 5 Sept. 2025.",
        "Both.",
    ],
    "Growth was 3.5 per cent. Inflation was 2.1. Rates rose 0.25.": [
        "Growth was 3.5 per cent.",
        "Inflation was 2.1.",
        "Rates rose 0.25.",
    ],
    "The end. “Quoted” here. (Aside.) [Note.] 'Single' too.": [
        "The end.",
        "“Quoted” here.",
        "(Aside.)",
        "[Note.]",
        "'Single' too.",
    ],
    "lower case. after a stop does not split. Nor does 'x. y'.": [
        "lower case. after a stop does not split.",
        "Nor does 'x. y'.",
    ],
    "Türkiyə razılaşdı. İki ölkə. Əməkdaşlıq. Şuşa. Çox. Ölkə. Üç. Ğ.": [
        "Türkiyə razılaşdı.",
        "İki ölkə.",
        "Əməkdaşlıq.",
        "Şuşa.",
        "Çox.",
        "Ölkə.",
        "Üç.",
        "Ğ.",
    ],
    "Bkz. Ek 2 ve s. 14. T.C. Dışişleri Bakanlığı. Sn. Bakan geldi.": [
        "Bkz. Ek 2 ve s. 14.",
        "T.C. Dışişleri Bakanlığı.",
        "Sn. Bakan geldi.",
    ],
}


@pytest.mark.parametrize(("text", "expected"), SENTENCE_CASES)
def test_sentence_rules(text: str, expected: list[str] | None) -> None:
    assert split(text) == (expected if expected is not None else SENTENCES[text])


def test_sentences_never_cross_paragraphs() -> None:
    text = "First paragraph ends with Dr.\n\nSecond starts here. And\ncontinues on a line.\n"
    assert split(text) == ["First paragraph ends with Dr.", "Second starts here.", "And\ncontinues on a line."]


# --------------------------------------------------------------------------- properties

ALPHABET = [*"aAzZ01 9.!?…\"'“”‘’«»()[]\n\n\r\t \u00a0\u2028ıİəƏşŞğĞüÜ😀-–", "Mr", "U.S", "3.5", "Art", "e.g"]
prose = st.one_of(st.text(), st.lists(st.sampled_from(ALPHABET), max_size=80).map("".join))


def check_spans(text: str, paras: list[tuple[int, int]], sents: list[tuple[int, int]]) -> None:
    for spans in (paras, sents):
        previous_end = 0
        for start, end in spans:
            assert previous_end <= start < end <= len(text)
            assert text[start:end].strip() != ""
            assert not text[start].isspace() and not text[end - 1].isspace()
            previous_end = end
    # every sentence lies inside one paragraph, and the sentences of a paragraph cover it
    for p_start, p_end in paras:
        inside = [(s, e) for s, e in sents if p_start <= s < p_end]
        assert inside and inside[0][0] == p_start and inside[-1][1] == p_end
    assert sum(1 for s, e in sents if any(ps <= s and e <= pe for ps, pe in paras)) == len(sents)


@given(prose)
def test_spans_are_sorted_disjoint_non_blank_and_nested(raw: str) -> None:
    for text in (raw, normalise(raw)):
        paras = paragraphs(text)
        check_spans(text, paras, sentences(text, paras))


@given(prose)
def test_normalise_is_idempotent_and_blank_lines_separate_paragraphs(raw: str) -> None:
    text = normalise(raw)
    assert normalise(text) == text
    assert text == "" or (text.endswith("\n") and not text.endswith("\n\n") and not text.startswith("\n"))
    assert "\n\n\n" not in text and "\r" not in text
    assert texts(text, paragraphs(text)) == [block.strip() for block in text.split("\n\n") if block.strip()]


@given(prose)
def test_extraction_is_deterministic(raw: str) -> None:
    data = raw.encode("utf-8")
    try:
        first = extract_bytes(data, "x.txt")
    except InputError:
        return
    assert extract_bytes(data, "x.txt") == first
