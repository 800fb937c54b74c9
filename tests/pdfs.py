"""PDF files written by hand for the tests: the smallest valid PDF with a text layer in
Helvetica, and the typographic ligatures (ﬀ, ﬁ, ﬂ, ﬃ, ﬄ) that typesetters put in PDFs,
as glyphs named in the font's encoding (which is how text extraction sees them)."""

from __future__ import annotations

#: Ligature → the byte that draws it (codes WinAnsiEncoding leaves unused), and its glyph name.
LIGATURES = {"\ufb00": (0x81, "ff"), "\ufb01": (0x8D, "fi"), "\ufb02": (0x8F, "fl"), "\ufb03": (0x90, "ffi")}
LIGATURES["\ufb04"] = (0x9D, "ffl")


def _string(line: str) -> bytes:
    out = bytearray()
    for char in line:
        if char in LIGATURES:
            out.append(LIGATURES[char][0])
        elif char in "\\()":
            out += b"\\" + char.encode()
        else:
            out += char.encode("cp1252")
    return bytes(out)


def pdf_with_text(*pages: list[str]) -> bytes:
    """A minimal valid PDF: per page, one Helvetica text object, one line per string."""
    n = len(pages)
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(n))
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", f"<< /Type /Pages /Kids [{kids}] /Count {n} >>".encode()]
    font = 3 + 2 * n
    for i, lines in enumerate(pages):
        shown = b" ".join(b"(" + _string(line) + b") Tj T*" for line in lines)
        stream = b"BT /F1 11 Tf 13 TL 72 720 Td " + shown + b" ET"
        objs.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {4 + 2 * i} 0 R "
            f"/Resources << /Font << /F1 {font} 0 R >> >> >>".encode()
        )
        objs.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    differences = " ".join(f"{code} /{name}" for code, name in LIGATURES.values())
    objs.append(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << /Type /Encoding "
        + f"/BaseEncoding /WinAnsiEncoding /Differences [{differences}] >> >>".encode()
    )
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)
