"""What a payload is, by its bytes rather than by what the server declared, and how its
text is encoded.

>>> sniff(b"%PDF-1.7 ...")
'pdf'
>>> sniff(b"\\xef\\xbb\\xbf  <!DOCTYPE html><html>")
'html'
>>> sniff("Bakı, 2017".encode())
'text'
>>> declared_kind("application/pdf; qs=0.9"), declared_kind("text/html; charset=utf-8"), declared_kind(None)
('pdf', 'html', None)
"""

from __future__ import annotations

import codecs
import io
import re
import zipfile

#: The kinds of payload that texts are extracted from, and the rest.
KINDS = ("html", "pdf", "docx", "text", "binary")

_HTML_START = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|p|div|h1)\b", re.I | re.S
)
_HTML_ANYWHERE = re.compile(rb"<(?:html|body|p|div|br|h[1-6])[\s>/]", re.I)
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_:.-]+)", re.I)
_DECLARED = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "application/pdf": "pdf",
    "application/x-pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "text/plain": "text",
    "text/markdown": "text",
}


def sniff(data: bytes) -> str:
    """The kind of a payload from its first bytes: html, pdf, docx, text or binary."""
    head = data[:4096]
    if head.startswith(codecs.BOM_UTF8):
        head = head[3:]
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx" if _is_docx(data) else "binary"
    if _HTML_START.match(head) or (_looks_textual(head) and _HTML_ANYWHERE.search(head)):
        return "html"
    return "text" if _looks_textual(head) else "binary"


def _is_docx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        return False


def _looks_textual(head: bytes) -> bool:
    if not head:
        return False
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return True
    if b"\x00" in head:
        return False
    control = sum(1 for b in head if b < 9 or 13 < b < 32)
    return control <= len(head) // 50


def declared_kind(content_type: str | None) -> str | None:
    """The kind a Content-Type header declares (None when absent or not one we read)."""
    if not content_type:
        return None
    mime = content_type.split(";", 1)[0].strip().lower()
    if mime in _DECLARED:
        return _DECLARED[mime]
    return "text" if mime.startswith("text/") else "binary"


def declared_charset(content_type: str | None) -> str | None:
    """The charset a Content-Type header names, if it is one Python knows.

    >>> declared_charset("text/html; charset=Windows-1254"), declared_charset("text/html; charset=nope")
    ('cp1254', None)
    """
    if not content_type:
        return None
    match = _CHARSET.search(content_type)
    if match is None:
        return None
    try:
        return codecs.lookup(match.group(1)).name
    except LookupError:
        return None


def as_utf8(data: bytes, content_type: str | None) -> bytes:
    """An HTML or text payload as UTF-8: kept if it already is, else decoded with the
    charset the server declared; bytes that neither fits are returned unchanged (the
    extractor then tries the page's own ``<meta charset>`` and says why it fails)."""
    try:
        data.decode("utf-8")
        return data
    except UnicodeDecodeError:
        pass
    charset = declared_charset(content_type)
    if charset is None or charset.startswith("utf-16"):
        return data
    try:
        return data.decode(charset).encode("utf-8")
    except UnicodeDecodeError:
        return data
