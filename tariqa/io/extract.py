"""Plain text out of documents: import, normalise, and segment into paragraphs and sentences.

:func:`extract` reads a ``.txt``, ``.md``/``.markdown``, ``.html``/``.htm``, ``.pdf`` (its
text layer) or ``.docx`` file and returns an :class:`Extracted`: the normalised plain text,
stored once, with the spans of its paragraphs and sentences. Spans are offsets in Unicode
code points, 0-based, end exclusive (as in REFI-QDA), so ``text[start:end]`` is the span.

Everything is deterministic: the same bytes give the same text and the same offsets.
Files that cannot be read raise :class:`~tariqa.errors.InputError` with a message that
names the file and the problem, never a library's traceback.

The third-party readers (pypdf, python-docx, trafilatura) are imported only when a file
of their format is read.
"""

from __future__ import annotations

import codecs
import io
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property
from html.parser import HTMLParser
from pathlib import Path, PurePath
from typing import TYPE_CHECKING

from tariqa.errors import InputError, TooLarge

if TYPE_CHECKING:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

#: File extension → format name.
FORMATS: dict[str, str] = {
    ".txt": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
    ".docx": "docx",
}

Span = tuple[int, int]


@dataclass(frozen=True)
class Extracted:
    """A document's normalised plain text and the spans of its paragraphs and sentences
    (found when first asked for: storing a text needs neither).

    Offsets are Unicode code points into ``text``, 0-based, end exclusive. Spans are
    sorted, do not overlap, start and end on a non-whitespace character, and every
    sentence lies inside one paragraph.
    """

    text: str
    format: str

    @cached_property
    def paragraphs(self) -> list[Span]:
        return paragraphs(self.text)

    @cached_property
    def sentences(self) -> list[Span]:
        return sentences(self.text, self.paragraphs)


# --------------------------------------------------------------------------- reading


#: The largest document file read by default: a long report's text is a few MB; the text
#: and its copies stay in memory while it is read and stored (about nine times its size).
DOCUMENT_MAX_BYTES = 50 * 1024 * 1024


def check_document_file(path: Path, max_bytes: int = DOCUMENT_MAX_BYTES) -> None:
    """Refuse, before reading anything, a file that is missing, of a kind that cannot be
    read, or larger than ``max_bytes``."""
    _format_of(str(path))
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if path.is_dir():
        raise InputError(f"{path}: is a directory, not a file")
    if size > max_bytes:
        raise TooLarge(
            f"{path}: the file is {size / 1024 / 1024:,.0f} MB, over the limit of {max_bytes / 1024 / 1024:,.0f} MB "
            "for a document; nothing was read"
        )


def extract(path: Path, max_bytes: int = DOCUMENT_MAX_BYTES) -> Extracted:
    """Read one file and extract its text, choosing the reader by the file's extension.

    Raises
    ------
    InputError
        The file is missing or unreadable, its extension is not supported, it is larger
        than ``max_bytes``, or its content cannot be turned into text (encrypted, corrupt,
        image-only PDF, binary, unknown encoding, empty).
    """
    path = Path(path)
    check_document_file(path, max_bytes)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, not a file") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    return extract_bytes(data, str(path))  # extract_bytes drops ``data`` once decoded


def extract_bytes(data: bytes, name: str) -> Extracted:
    """Extract the text of a file's content (an upload); ``name`` gives its extension.

    >>> doc = extract_bytes("Dr. Əliyev arrived. He spoke.\\r\\n\\r\\nThen we left.".encode(), "note.txt")
    >>> [doc.text[s:e] for s, e in doc.sentences]
    ['Dr. Əliyev arrived.', 'He spoke.', 'Then we left.']
    >>> doc.paragraphs
    [(0, 29), (31, 44)]
    """
    fmt = _format_of(name)
    if fmt == "pdf":
        raw = _pdf_text(data, name)
    elif fmt == "docx":
        raw = _docx_text(data, name)
    elif fmt == "html":
        raw = _html_text(_decode(data, name, html=True))
    elif fmt == "md":
        raw = markdown_to_text(_decode(data, name))
    else:
        raw = _decode(data, name)
    text = normalise(raw)
    del raw
    if not text or text.isspace():
        raise InputError(f"{name}: the document is empty: no text left after extraction")
    return Extracted(text=text, format=fmt)


def _format_of(name: str) -> str:
    suffix = PurePath(name).suffix.lower()
    if suffix in FORMATS:
        return FORMATS[suffix]
    known = ", ".join(sorted(FORMATS))
    what = f"unsupported file type {suffix!r}" if suffix else "no file extension"
    raise InputError(f"{name}: {what}; supported: {known}")


# --------------------------------------------------------------------------- decoding

_MAGIC = (
    (b"%PDF-", "a PDF file"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.xlsx file)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old-format Office file (.doc/.xls)"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "an executable"),
)
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1f\x7f]")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.I)


def _decode(data: bytes, name: str, *, html: bool = False) -> str:
    """Text from bytes: UTF-8 (with or without BOM) or UTF-16 with a BOM; else an error.

    An HTML file that is not UTF-8 may declare its encoding in a ``<meta charset>``.
    """
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(f"{name}: this is {what}, not text")
    if data.startswith(codecs.BOM_UTF32_LE) or data.startswith(codecs.BOM_UTF32_BE):
        raise InputError(f"{name}: UTF-32 text is not supported; save it as UTF-8")
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(f"{name}: not valid UTF-16 at byte {exc.start} ({exc.reason})") from None
        nul = text.find("\x00")
        if nul >= 0:
            raise InputError(f"{name}: looks like a binary file, not text (NUL character at offset {nul})")
        return text
    nul = data.find(b"\x00")
    if nul >= 0:
        raise InputError(f"{name}: looks like a binary file, not text (NUL byte at byte {nul})")
    sample = data[:8192]
    if len(_CONTROL_BYTES.findall(sample)) > len(sample) // 10:
        raise InputError(f"{name}: looks like a binary file, not text (control bytes)")
    try:
        return data.decode("utf-8-sig" if data.startswith(codecs.BOM_UTF8) else "utf-8")  # no copy without BOM
    except UnicodeDecodeError as exc:
        error = exc
    if html:
        declared = _declared_charset(data)
        if declared is not None:
            return declared
    bad = data[error.start]
    raise InputError(
        f"{name}: unknown text encoding: not valid UTF-8 at byte {error.start} (0x{bad:02x}); "
        "save it as UTF-8, or UTF-16 with a byte-order mark"
    )


def _declared_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    if match is None:
        return None
    try:
        return data.decode(match.group(1).decode("ascii"))
    except (LookupError, UnicodeDecodeError):
        return None


# --------------------------------------------------------------------------- normalising

# Written so that the regex engine can skip ahead to a literal or a small set of characters.
_TRAILING_SPACE = re.compile(r"(?<![^\S\n])[^\S\n]++$", re.M)
_SPACE_BEFORE_NEWLINE = re.compile(r"\n(?<=[^\S\n]\n)")
_BLANK_RUN = re.compile(r"\n\n\n+")


def normalise(text: str) -> str:
    """The stored form of a text: NFC, LF line ends, no trailing spaces, tidy blank lines.

    Unicode NFC; CRLF and CR become LF; whitespace at the end of each line is removed; a
    run of blank lines becomes one blank line; blank lines at the start and end are
    removed; a non-empty text ends with exactly one ``"\\n"``.

    >>> normalise("  Title \\r\\n\\r\\n\\r\\n\\r\\ncafe\\u0301\\t\\n\\n")
    '  Title\\n\\ncafé\\n'
    >>> normalise(" \\n\\t\\n")
    ''
    """
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    # each step copies the text only when it has something to change
    if _SPACE_BEFORE_NEWLINE.search(text) or (text[-1:].isspace() and text[-1] != "\n"):
        text = _TRAILING_SPACE.sub("", text)
    if "\n\n\n" in text:
        text = _BLANK_RUN.sub("\n\n", text)
    start, end = 0, len(text)  # after the steps above, at most two newlines at either end
    while start < end and text[start] == "\n":
        start += 1
    while end > start and text[end - 1] == "\n":
        end -= 1
    if start == end:
        return ""
    if start == 0 and end == len(text) - 1:
        return text
    return text[start : end + 1] if end < len(text) else text[start:] + "\n"


_HYPHENATED = re.compile(r"(?<=[^\W\d_])[-\u2010][^\S\n]*\n[^\S\n]*(?=([^\W\d_]))")
_LINE_BREAK = re.compile(r"(?<=\S)[^\S\n]*\n(?!\n)[^\S\n]*(?=\S)")


def reflow(text: str) -> str:
    """Text laid out in lines (a PDF's, a fetched page's) as running paragraphs.

    Unicode NFKC (ligatures such as "ﬁ" become "fi"); soft hyphens are removed; a word
    broken by a hyphen at the end of a line is joined when the line below goes on in
    lower case; a compound broken after its hyphen (the line below goes on in capitals,
    "Trans-" and "Caspian") is joined keeping the hyphen; any other single line break
    inside a paragraph becomes a space. Blank lines (paragraph breaks) are kept. The
    result still needs :func:`normalise`.

    >>> reflow("The de\\ufb01nition of co-\\noperation was\\nagreed.\\n\\nThe Trans-\\nCaspian route.")
    'The definition of cooperation was agreed.\\n\\nThe Trans-Caspian route.'
    """
    text = unicodedata.normalize("NFKC", text).replace("\u00ad", "")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _HYPHENATED.sub(lambda m: "" if m.group(1).islower() else "-", text)
    return _LINE_BREAK.sub(" ", text)


# --------------------------------------------------------------------------- segmenting

#: A paragraph: lines that hold something other than whitespace, from the first such
#: character to the last; blank (whitespace-only) lines separate paragraphs.
_PARAGRAPH = re.compile(r"\S(?:[^\n]*\S)?(?:[^\S\n]*\n[^\S\n]*\S(?:[^\n]*\S)?)*")


def paragraphs(text: str) -> list[Span]:
    """The paragraphs of a text: runs of non-blank lines, trimmed of outer whitespace.

    >>> text = "First line\\nsecond line.\\n\\n  Next paragraph. \\n"
    >>> [text[s:e] for s, e in paragraphs(text)]
    ['First line\\nsecond line.', 'Next paragraph.']
    """
    return [m.span() for m in _PARAGRAPH.finditer(text)]


#: Words that end with a full stop without ending the sentence (case-sensitive): titles,
#: ranks, references, months, and common English, Turkish and Azerbaijani abbreviations.
#: Single letters ("A.", "s.") and dotted initials ("U.S.", "e.g.", "H.E.", "T.C.") are
#: recognised by pattern and need not be listed.
ABBREVIATIONS: frozenset[str] = frozenset(
    # titles and ranks
    "Mr Mrs Ms Messrs Mme Dr Prof Rev Hon Rt Sr Jr St Sen Rep Gov Pres Amb "
    "Gen Lt Col Maj Capt Cpt Sgt Cpl Adm Cmdr Cdr Brig "
    # references and Latin
    "No Nos Art Para Paras para paras pp Vol vol Ch ch Sec sec Fig fig Ed ed eds "
    "cf Cf ca approx viz al ibid Ibid op cit etc Etc vs resp incl esp "
    "Co Corp Inc Ltd Bros Dept "
    # months (not May)
    "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec "
    # Turkish: associate professor, assistant, lecturer, lawyer, the honourable, see, and
    # the like, article, company, trade, colonel, captain, four general ranks, holy, number
    "Doç Yrd Öğr Gör Av Sn Bkz bkz vb md Md Şti Tic Alb Yzb Korg Org Tuğg Tümg Hz sy Sy "
    # Azerbaijani: mister, madam, page, academician, associate professor, street, for example
    "cən Cən xan Xan səh Səh akad Akad dos Dos küç Küç məs Məs".split()
)


def _char_class(predicate: str) -> str:
    """A regex character class body of the BMP characters for which ``str.<predicate>()``."""
    ranges: list[tuple[int, int]] = []
    for code in range(0x10000):
        if getattr(chr(code), predicate)():
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1] = (ranges[-1][0], code)
            else:
                ranges.append((code, code))
    return "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges)


def _boundary_pattern() -> re.Pattern[str]:
    by_length: dict[int, list[str]] = {}
    for word in sorted(ABBREVIATIONS):
        by_length.setdefault(len(word), []).append(re.escape(word))
    abbreviations = "".join(rf"(?<!\b(?:{'|'.join(words)})\.)" for _, words in sorted(by_length.items()))
    upper = _char_class("isupper") + _char_class("istitle")
    return re.compile(
        r"([.!?…](?<![.!?…][.!?…])"  # the first of a run of sentence-final marks, not the full stop of
        + abbreviations  # an abbreviation,
        + r"(?<!\b[^\W\d_]\.)"  # a single letter or dotted initials (A. U.S. e.g.),
        + r"(?<!^\d\.)(?<!^\d\d\.)(?<!^\d\d\d\.)"  # a numbered paragraph ("1. The"),
        + r"(?<!^[IVXivx]{2}\.)(?<!^[IVXivx]{3}\.)(?<!^[IVXivx]{4}\.)"  # or a roman one,
        + r"[.!?…]*+"  # then more marks ("?!", "..."),
        + r"[\"'”’»)\]]*+)"  # closing quotes and brackets,
        + r"\s++"  # whitespace,
        + rf"(?=[{upper}\d\"'“‘«„]|[(\[][{upper}\d])",  # and what starts a sentence.
        re.M,
    )


_BOUNDARY = _boundary_pattern()


def sentences(text: str, paragraphs: list[Span]) -> list[Span]:
    """The sentences of each paragraph: a rule-based split for English, Turkish, Azerbaijani.

    A sentence ends after ``.``, ``!``, ``?`` or ``…`` (with any closing quotes or brackets)
    when whitespace and an uppercase letter, a digit or an opening quote follow, except
    after an abbreviation (:data:`ABBREVIATIONS`), a single letter or dotted initials
    ("A.", "U.S.", "e.g."), or the number of a numbered paragraph at the start of a line
    ("1.", "iv."). Numbers such as 3.5 are never split, as no whitespace follows the
    point. Sentences never cross a paragraph boundary.

    >>> text = "Mr. Aslan met H.E. the Minister on 3 Jan. 2024. Turnover rose 3.5%! Next?"
    >>> [text[s:e] for s, e in sentences(text, paragraphs(text))]
    ['Mr. Aslan met H.E. the Minister on 3 Jan. 2024.', 'Turnover rose 3.5%!', 'Next?']
    """
    out: list[Span] = []
    append = out.append
    finditer = _BOUNDARY.finditer
    for start, end in paragraphs:
        for match in finditer(text, start, end):
            append((start, match.end(1)))
            start = match.end()
        append((start, end))
    return out


# --------------------------------------------------------------------------- Markdown


def _heading(match: re.Match[str]) -> str:
    """A Markdown heading's text, without its optional closing ``#`` sequence, as a paragraph."""
    text = match.group(1).rstrip(" \t")
    bare = text.rstrip("#")
    if bare != text and (not bare or bare[-1] in " \t"):
        text = bare
    return "\n" + text.strip(" \t") + "\n"


# Each pattern is linear in the length of the text: a bracket, backtick or emphasis
# span holds none of its own delimiters.
_MARKDOWN: list[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]]] = [
    (re.compile(r"^[ \t]{0,3}(?:```|~~~).*$", re.M), ""),  # code fences
    (re.compile(r"^[ \t]{0,3}#{1,6}(?=[ \t]|$)(.*)$", re.M), _heading),  # headings
    (re.compile(r"^[ \t]{0,3}(?:(?:[-*_=][ \t]*){3,})$", re.M), ""),  # rules, setext underlines
    (re.compile(r"^[ \t]{0,3}(?:>[ \t]?)+", re.M), ""),  # block quotes
    (re.compile(r"^([ \t]*)[-*+][ \t]+", re.M), r"\1"),  # bullets
    (re.compile(r"^[ \t]{0,3}\[[^\[\]\n]+\]:[ \t]*\S.*$", re.M), ""),  # link reference definitions
    (re.compile(r"!?\[([^\[\]\n]*)\]\((?:[^()\n]|\([^()\n]*\))*\)"), r"\1"),  # [text](url), ![alt](src)
    (re.compile(r"\[([^\[\]\n]+)\]\[[^\[\]\n]*\]"), r"\1"),  # [text][ref]
    (re.compile(r"<((?:https?|mailto):[^<>\s]+)>"), r"\1"),  # <https://...>
    (re.compile(r"`([^`\n]+)`"), r"\1"),  # inline code
    # emphasis, the inner (single delimiter) first
    (re.compile(r"(?<![\w*])\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*(?![\w*])"), r"\1"),  # *emphasis*
    (re.compile(r"(?<!\w)_(?=[^\s_])([^_\n]+?)(?<=[^\s_])_(?!\w)"), r"\1"),  # _emphasis_
    (re.compile(r"\*\*(?=\S)([^*\n]+?)(?<=\S)\*\*"), r"\1"),  # **strong**
    (re.compile(r"(?<!\w)__(?=\S)([^_\n]+?)(?<=\S)__(?!\w)"), r"\1"),  # __strong__
]


def markdown_to_text(text: str) -> str:
    """Markdown as plain text: only trivial markup goes; this is not a Markdown renderer.

    Heading markers (a heading becomes a paragraph of its own), emphasis, links (their
    text stays), inline code marks, code fences, rules, block-quote and bullet markers.

    >>> markdown_to_text("# Joint *statement*\\nSee [the text](https://example.org) and **Art. 5**.")
    '\\nJoint statement\\n\\nSee the text and Art. 5.'
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    for pattern, replacement in _MARKDOWN:
        text = pattern.sub(replacement, text)
    return text


# --------------------------------------------------------------------------- HTML

_BLOCKS = frozenset(
    "address article aside blockquote body br caption center dd details dialog div dl dt fieldset "
    "figcaption figure h1 h2 h3 h4 h5 h6 hr html li main ol p pre section summary table tbody td tfoot "
    "th thead tr ul".split()
)
_SKIPPED = frozenset(
    "head title script style noscript template nav header footer aside form svg math iframe object "
    "button select textarea canvas audio video".split()
)
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_SPACES = re.compile(r"\s+")


class _TextParser(HTMLParser):
    """Text of an HTML page; block elements and ``<br>`` end paragraphs; chrome is skipped."""

    def __init__(self, *, skip: frozenset[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.skip = skip
        self.skipping: list[str] = []
        self.pre = 0
        self.blocks: list[str] = []
        self.current: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skipping or tag in self.skip:
            if tag not in _VOID:
                self.skipping.append(tag)
            return
        if tag in _BLOCKS:
            self._flush()
        if tag == "pre":
            self.pre += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self.skipping and tag in _BLOCKS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if self.skipping:
            if tag in self.skipping:  # unclosed tags inside a skipped element close with it
                del self.skipping[len(self.skipping) - 1 - self.skipping[::-1].index(tag) :]
            return
        if tag in _BLOCKS:
            self._flush()
        if tag == "pre" and self.pre:
            self.pre -= 1

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.current.append(data if self.pre else _SPACES.sub(" ", data))

    def _flush(self) -> None:
        if self.current:
            self.blocks.append("".join(self.current).strip())
            self.current = []

    def text(self) -> str:
        self.close()
        self._flush()
        return "\n\n".join(block for block in self.blocks if block)


def html_to_text(html: str, *, skip: frozenset[str] = _SKIPPED) -> str:
    """The text of an HTML page, one paragraph per block element or ``<br>``.

    Navigation, headers, footers, asides, forms, scripts and styles are left out.

    >>> html_to_text("<nav>Home</nav><h1>Title</h1><p>One <b>two</b><br>three</p><footer>(c)</footer>")
    'Title\\n\\nOne two\\n\\nthree'
    """
    parser = _TextParser(skip=skip)
    parser.feed(html)
    return parser.text()


def _html_text(html: str) -> str:
    """Main text with trafilatura (boilerplate removed); the plain parser's when it finds none.

    A page with no text outside navigation, headers, footers and asides has no main text.
    """
    plain = html_to_text(html)
    if not plain.strip():
        return ""
    import trafilatura

    try:
        main = trafilatura.extract(
            html,
            output_format="html",
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            favor_recall=True,
            deduplicate=False,
            with_metadata=False,
        )
    except Exception:  # noqa: BLE001 - any failure of the heuristic extractor: use the plain parser
        main = None
    if main:
        text = html_to_text(main, skip=frozenset())
        if text.strip():
            return text
    return plain


# --------------------------------------------------------------------------- PDF


def _reason(exc: BaseException) -> str:
    """A library's exception as one short line for an error message."""
    detail = " ".join(str(exc).split())
    detail = detail if len(detail) <= 160 else detail[:157] + "..."
    return f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__


_PDF_LINE_END = re.compile(r"[.!?…:][\"'”’»)\]]*$")


def _pdf_text(data: bytes, name: str) -> str:
    """The text layer of a PDF, one paragraph per page at least (see :func:`pdf_paragraphs`)."""
    if b"%PDF-" not in data[:1024]:
        raise InputError(f"{name}: not a PDF file (no %PDF header)")
    import pypdf
    from pypdf.errors import DependencyError

    try:
        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except DependencyError:
                opened = pypdf.PasswordType.NOT_DECRYPTED
            if opened == pypdf.PasswordType.NOT_DECRYPTED:
                raise InputError(f"{name}: the PDF is encrypted (password-protected); save an unencrypted copy")
        pages = [page.extract_text() or "" for page in reader.pages]
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - pypdf raises many kinds of error on damaged files
        raise InputError(f"{name}: the PDF is damaged or not a valid PDF ({_reason(exc)})") from None
    if not any(page.strip() for page in pages):
        raise InputError(f"{name}: the PDF has no text layer (scanned or image-only?); OCR is not supported")
    return reflow("\n\n".join(pdf_paragraphs(page) for page in pages))


def pdf_paragraphs(page: str) -> str:
    """A PDF page's text with a blank line after each line that seems to end a paragraph.

    A PDF has lines, not paragraphs. A line ends a paragraph when it ends with ``.``,
    ``!``, ``?``, ``…`` or ``:`` and is shorter than 80% of the page's longest line (the
    last line of a justified paragraph); blank lines are kept.

    >>> pdf_paragraphs("The ministers met in Baku and agreed\\non the roadmap.\\nNext they met in Ankara.")
    'The ministers met in Baku and agreed\\non the roadmap.\\n\\nNext they met in Ankara.'
    """
    lines = [line.rstrip() for line in page.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    width = max((len(line) for line in lines), default=0)
    out: list[str] = []
    for line in lines:
        out.append(line)
        if line and len(line) < 0.8 * width and _PDF_LINE_END.search(line):
            out.append("")
    return "\n".join(out).strip("\n")


# --------------------------------------------------------------------------- DOCX


def _docx_text(data: bytes, name: str) -> str:
    """The body of a Word document: one paragraph per Word paragraph or table cell paragraph."""
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise InputError(f"{name}: an old-format .doc or a password-protected Word file; save it as .docx")
    if not data.startswith(b"PK"):
        raise InputError(f"{name}: not a .docx file (not a ZIP package)")
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
        blocks = list(_docx_blocks(document.iter_inner_content()))
    except Exception as exc:  # noqa: BLE001 - python-docx, zipfile and lxml raise many kinds of error
        raise InputError(f"{name}: the .docx is damaged or not a Word document ({_reason(exc)})") from None
    return "\n\n".join(blocks)


def _docx_blocks(items: Iterator[Paragraph | Table]) -> list[str]:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    blocks: list[str] = []
    for item in items:
        if isinstance(item, Paragraph):
            blocks.append(item.text)
        elif isinstance(item, Table):
            seen: set[object] = set()  # the cell elements themselves, so that they stay alive
            for row in item.rows:
                for cell in row.cells:
                    if cell._tc not in seen:  # a merged cell is listed once per grid column
                        seen.add(cell._tc)
                        blocks.extend(_docx_blocks(cell.iter_inner_content()))
    return blocks
