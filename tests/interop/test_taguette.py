"""Our codebook and codings through the real Taguette 1.5.2 (PyPI), as in qda.md §5.1.

A throwaway venv gets ``taguette==1.5.2``; the server runs single-user on 127.0.0.1 with a
temporary database. We import our codebook through the two-step CSV form, add an HTML
document with multi-byte text, highlight our codings (code points → UTF-8 bytes), export
``codebook.qdc``, ``codebook.csv``, ``highlights/.csv`` and the project, read the QDC back
with :func:`read_qdc`, and compare codes, descriptions and spans (bytes → code points).

The venv is cached in ``.cache/taguette-venv`` when the repository has a ``.cache``
folder. Without PyPI the module skips, or fails when ``CI`` is set.
"""

from __future__ import annotations

import csv
import html
import io
import json
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from http.cookiejar import CookieJar
from pathlib import Path
from typing import Any, NoReturn

import pytest

from tariqa.io.refi_qda import codepoint_offset, read_qdc, utf8_offset
from tariqa.model import Code, Coding, DocumentText

pytestmark = pytest.mark.interop

VERSION = "1.5.2"
ROOT = Path(__file__).parents[2]
CACHE = ROOT / ".cache" / "taguette-venv"
TAGUETTE_NS = uuid.UUID("51B2B2B7-27EB-4ECB-9D56-E75B0A0496C2")

CODES = [
    Code(id="security", name="Security cooperation", definition="Defence, military drills, “hard” security."),
    Code(
        id="security-exercises",
        parent="security",
        name="Military exercises",
        definition="Joint drills such as Üç Qardaş / Üç Kardeş.",
        inclusion="Planned or held exercises",
    ),
    Code(id="identity", name="Kardeşlik – brotherhood", definition="“Bir millət, iki dövlət” as narrative."),
    Code(
        id="economy",
        name="Economic connectivity",
        definition="Trade, transport corridors.",
        exclusion="Energy prices alone",
        examples=["Zəngəzur corridor", "BTK railway 🚆"],
    ),
]
TEXT = (
    "Bakı, 30 noyabr 2017 – Azərbaycan, Türkiye və Pakistan nazirləri görüşdü.\n"
    "“Üç Qardaş” təlimi: ordular birgə məşq etdi.\n"
    "Trade corridors: Zəngəzur and the Middle Corridor 🚆 (BTK).\n"
)
DOCUMENT = DocumentText(id="baku-2017", text=TEXT)


def span(words: str) -> tuple[int, int]:
    start = TEXT.index(words)
    return start, start + len(words)


CODINGS = [
    Coding(document="baku-2017", start=s, end=e, code=code, coder="tariqa")
    for (s, e), code in [
        (span("Azərbaycan, Türkiye və Pakistan"), "identity"),
        (span("“Üç Qardaş” təlimi"), "security-exercises"),
        (span("“Üç Qardaş” təlimi"), "security"),  # one highlight, two tags
        (span("Zəngəzur and the Middle Corridor 🚆"), "economy"),
    ]
]


def tag_path(code: Code) -> str:
    """Taguette keeps the hierarchy in the tag name, joined by '.'."""
    by_id = {c.id: c for c in CODES}
    names = [code.name]
    while code.parent:
        code = by_id[code.parent]
        names.append(code.name)
    return ".".join(reversed(names))


def tag_description(code: Code) -> str:
    """One line (Taguette's form has a one-line field): definition and criteria."""
    parts = [code.definition]
    parts += [f"Inclusion: {code.inclusion}"] if code.inclusion else []
    parts += [f"Exclusion: {code.exclusion}"] if code.exclusion else []
    parts += [f"Example: {e}" for e in code.examples]
    return " ".join(parts)


def codebook_csv() -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["tag", "description"])
    for code in CODES:
        writer.writerow([tag_path(code), tag_description(code)])
    return out.getvalue().encode("utf-8-sig")  # the BOM settles Taguette's chardet guess


def document_html(text: str) -> str:
    """One paragraph per line; the newlines between them stay text nodes, so the
    concatenated text nodes are our text without its final newline."""
    return "\n".join(f"<p>{html.escape(line, quote=False)}</p>" for line in text.rstrip("\n").split("\n"))


# --------------------------------------------------------------------------- the server


def _unavailable(reason: str) -> NoReturn:
    if os.environ.get("CI"):
        pytest.fail(f"Taguette {VERSION} is needed in CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def taguette_exe(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``taguette`` from a venv with taguette==1.5.2, installed once (and kept in
    ``.cache/taguette-venv`` when the repository has a ``.cache`` folder)."""
    venv = CACHE if CACHE.parent.is_dir() else tmp_path_factory.mktemp("taguette") / "venv"
    bindir = venv / ("Scripts" if os.name == "nt" else "bin")
    exe = bindir / "taguette"
    marker = venv / "tariqa-taguette-version"
    if marker.is_file() and marker.read_text() == VERSION and exe.exists():
        return exe
    shutil.rmtree(venv, ignore_errors=True)  # a half-built venv is not reused
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True)
    try:
        install = ["install", "--disable-pip-version-check", "-q", "--retries", "2", "--timeout", "30"]
        install += [f"taguette=={VERSION}", "requests"]
        pip = subprocess.run(
            [str(bindir / "python"), "-m", "pip", *install],
            capture_output=True,
            text=True,
            timeout=900,
        )
    except subprocess.TimeoutExpired:
        shutil.rmtree(venv, ignore_errors=True)
        _unavailable(f"pip install taguette=={VERSION} timed out (no network?)")
    if pip.returncode != 0:
        shutil.rmtree(venv, ignore_errors=True)
        tail = "\n".join(pip.stderr.strip().splitlines()[-5:])
        _unavailable(f"pip could not install taguette=={VERSION} (no network or no PyPI?):\n{tail}")
    marker.write_text(VERSION)
    return exe


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@dataclass
class Server:
    url: str
    token: str
    log: Path


@pytest.fixture(scope="module")
def server(taguette_exe: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A single-user Taguette on 127.0.0.1 with an empty database; stopped afterwards."""
    tmp = tmp_path_factory.mktemp("taguette-run")
    port, log = _free_port(), tmp / "taguette.log"
    cmd = [str(taguette_exe), "--no-browser", "--bind", "127.0.0.1", "--port", str(port)]
    cmd += ["--database", str(tmp / "t.sqlite3")]
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, cwd=tmp, stdin=subprocess.DEVNULL)
    try:
        deadline, token = time.monotonic() + 60, None
        while token is None:
            found = re.search(r"\?token=([0-9a-f]{64})", log.read_text(errors="replace"))
            token = found.group(1) if found else None
            if token is None:
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(
                        f"Taguette did not start (exit {proc.poll()}):\n{log.read_text(errors='replace')[-3000:]}"
                    )
                time.sleep(0.2)
        yield Server(f"http://127.0.0.1:{port}", token, log)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


# --------------------------------------------------------------------------- a client


class Client:
    """A browser-like session: cookies, the XSRF token, forms, multipart and JSON."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.jar = CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def xsrf(self) -> str:
        return next((c.value or "" for c in self.jar if c.name == "_xsrf"), "")

    def request(self, path: str, data: bytes | None = None, headers: dict[str, str] | None = None) -> tuple[str, bytes]:
        req = urllib.request.Request(self.base + path, data=data, headers=headers or {})
        try:
            with self.opener.open(req, timeout=30) as resp:
                return resp.geturl(), resp.read()
        except urllib.error.HTTPError as exc:
            body = exc.read().decode(errors="replace")[:2000]
            exc.close()
            raise AssertionError(f"{req.get_method()} {path}: HTTP {exc.code}: {body}") from None

    def get(self, path: str) -> bytes:
        return self.request(path)[1]

    def form(self, path: str, fields: list[tuple[str, str]]) -> tuple[str, bytes]:
        body = urllib.parse.urlencode([*fields, ("_xsrf", self.xsrf())]).encode()
        return self.request(path, body, {"Content-Type": "application/x-www-form-urlencoded"})

    def multipart(self, path: str, fields: dict[str, str], files: dict[str, tuple[str, bytes, str]]) -> bytes:
        boundary = uuid.uuid4().hex
        parts = []
        for name, value in {**fields, "_xsrf": self.xsrf()}.items():
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
        for name, (filename, data, mime) in files.items():
            head = f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            parts.append(f"{head}Content-Type: {mime}\r\n\r\n".encode() + data + b"\r\n")
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        headers = {"Content-Type": f"multipart/form-data; boundary={boundary}", "X-XSRFToken": self.xsrf()}
        return self.request(path, body, headers)[1]

    def json(self, path: str, obj: dict[str, Any]) -> Any:
        headers = {"Content-Type": "application/json", "X-XSRFToken": self.xsrf()}
        return json.loads(self.request(path, json.dumps(obj).encode(), headers)[1])


class Inputs(HTMLParser):
    """The named <input>s of a page (the codebook import's confirmation form)."""

    def __init__(self) -> None:
        super().__init__()
        self.values: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "input" and a.get("name"):
            self.values[str(a["name"])] = a.get("value") or ""


class TextNodes(HTMLParser):
    """The concatenated text nodes of HTML: the text Taguette's offsets count over."""

    def __init__(self, fragment: str) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.feed(fragment)
        self.close()

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def text_nodes(fragment: str) -> str:
    return "".join(TextNodes(fragment).parts)


# --------------------------------------------------------------------------- the test


@dataclass
class Exported:
    qdc: Path
    codebook_csv: list[dict[str, str]]
    highlights_csv: list[dict[str, str]]
    highlights: list[tuple[int, int, str]]  # (start byte, end byte, tag path) from project.sqlite3
    nodes: str  # the text Taguette stores, as text nodes
    offsets_sent: dict[tuple[int, int], tuple[int, int]]
    vector: list[str]


@pytest.fixture(scope="module")
def exported(server: Server, tmp_path_factory: pytest.TempPathFactory) -> Exported:
    tmp = tmp_path_factory.mktemp("taguette-export")
    client = Client(server.url)
    client.get(f"/?token={server.token}")
    client.get("/project/new")
    url, _ = client.form("/project/new", [("name", "tariqa interop"), ("description", "test")])
    pid = int(re.search(r"/project/(\d+)", url).group(1))  # type: ignore[union-attr]

    # the codebook, in two steps: upload the CSV, confirm the parsed tags
    page = client.multipart(
        f"/project/{pid}/import_codebook", {}, {"file": ("codebook.csv", codebook_csv(), "text/csv")}
    )
    form = Inputs()
    form.feed(page.decode())
    rows = sorted(k.removesuffix("-path") for k in form.values if re.fullmatch(r"tag\d+-path", k))
    parsed = {form.values[f"{r}-path"]: form.values[f"{r}-description"] for r in rows}
    assert parsed == {tag_path(c): tag_description(c) for c in CODES}  # Taguette read our CSV as we wrote it
    fields = [(f"{r}-{k}", form.values[f"{r}-{k}"]) for r in rows for k in ("path", "description")]
    client.form(f"/project/{pid}/import_codebook", fields + [(f"{r}-import", "on") for r in rows])

    project_page = client.get(f"/project/{pid}").decode()
    tags = json.loads(re.search(r"var tags = (\{.*?\});\n", project_page).group(1))  # type: ignore[union-attr]
    tag_ids = {t["path"]: t["id"] for t in tags.values()}

    # the document, and the highlights at byte offsets
    doc = f"/api/project/{pid}"
    html_doc = document_html(TEXT)
    files = {"file": ("baku.html", html_doc.encode(), "text/html")}
    did = json.loads(client.multipart(f"{doc}/document/new", {"name": "Baku – 2017", "description": ""}, files))[
        "created"
    ]
    contents = json.loads(client.get(f"{doc}/document/{did}/contents"))["contents"]
    nodes = "".join(text_nodes(c["contents"]) for c in contents)
    by_span: dict[tuple[int, int], list[int]] = {}
    for c in CODINGS:
        by_span.setdefault((c.start, c.end), []).append(tag_ids[tag_path(next(k for k in CODES if k.id == c.code))])
    sent = {}
    for (start, end), ids in by_span.items():
        sent[(start, end)] = (utf8_offset(nodes, start), utf8_offset(nodes, end))
        client.json(
            f"{doc}/document/{did}/highlight/new",
            {"start_offset": sent[(start, end)][0], "end_offset": sent[(start, end)][1], "tags": ids},
        )

    # the §5.1 offset vector, live: the same bytes give the same words
    vector_html = "<p>Ministers met – “Three Brothers”.</p><p>Trade corridors.</p>"
    files = {"file": ("vector.html", vector_html.encode(), "text/html")}
    vid = json.loads(client.multipart(f"{doc}/document/new", {"name": "vector", "description": ""}, files))["created"]
    any_tag = tag_ids[tag_path(CODES[0])]
    for start, end in [(21, 35), (39, 54)]:
        client.json(
            f"{doc}/document/{vid}/highlight/new", {"start_offset": start, "end_offset": end, "tags": [any_tag]}
        )
    listed = json.loads(client.get(f"{doc}/highlights/"))["highlights"]
    vector = [text_nodes(h["content"]) for h in listed if h["document_id"] == vid]

    # the exports
    qdc = tmp / "codebook.qdc"
    qdc.write_bytes(client.get(f"/project/{pid}/export/codebook.qdc"))
    book = list(csv.DictReader(io.StringIO(client.get(f"/project/{pid}/export/codebook.csv").decode("utf-8-sig"))))
    hl_csv = list(csv.DictReader(io.StringIO(client.get(f"/project/{pid}/export/highlights/.csv").decode("utf-8-sig"))))
    db = tmp / "project.sqlite3"
    db.write_bytes(client.get(f"/project/{pid}/export/project.sqlite3"))
    with sqlite3.connect(db) as con:
        highlights = con.execute(
            "SELECT h.start_offset, h.end_offset, t.path FROM highlights h JOIN documents d ON d.id = h.document_id"
            " JOIN highlight_tags ht ON ht.highlight_id = h.id JOIN tags t ON t.id = ht.tag_id"
            " WHERE d.name = ? ORDER BY 1, 2, 3",
            ("Baku – 2017",),
        ).fetchall()
    con.close()
    return Exported(qdc, book, [r for r in hl_csv if r["document"] == "Baku – 2017"], highlights, nodes, sent, vector)


def test_offset_vector_live(exported: Exported) -> None:
    assert exported.vector == ["Three Brothers", "Trade corridors"]


def test_text_nodes_are_our_text(exported: Exported) -> None:
    assert exported.nodes == TEXT.rstrip("\n")
    assert any(len(c.encode()) > 1 for c in exported.nodes)  # multi-byte: bytes ≠ code points
    assert exported.offsets_sent[span("Zəngəzur and the Middle Corridor 🚆")] != span(
        "Zəngəzur and the Middle Corridor 🚆"
    )


def test_codebook_comes_back(exported: Exported) -> None:
    codes = read_qdc(exported.qdc)  # Taguette's QDC: flat '.' names, no descriptions, empty <Sets/>

    def path(code: Code, by_id: dict[str, Code]) -> tuple[str, ...]:
        names: tuple[str, ...] = (code.name,)
        while code.parent:
            code = by_id[code.parent]
            names = (code.name, *names)
        return names

    back = {c.id: c for c in codes}
    ours = {c.id: c for c in CODES}
    got = {path(c, back) for c in codes} - {("interesting",)}  # Taguette's default tag
    assert got == {path(c, ours) for c in CODES}
    assert {c.definition for c in codes} >= {c.name for c in CODES}  # no Description: the name
    # GUIDs: uuid5 of the tag path in Taguette's namespace, upper case
    xml = exported.qdc.read_text()
    for code in CODES:
        guid = str(uuid.uuid5(TAGUETTE_NS, tag_path(code))).upper()
        assert f'guid="{guid}" name="{html.escape(tag_path(code))}"' in xml
    # descriptions travel in codebook.csv
    descriptions = {r["tag"]: r["description"] for r in exported.codebook_csv}
    descriptions.pop("interesting")  # Taguette's default tag ("Further review required")
    assert descriptions == {tag_path(c): tag_description(c) for c in CODES}


def test_highlights_come_back(exported: Exported) -> None:
    by_path = {tag_path(c): c.id for c in CODES}
    spans = sorted(
        (codepoint_offset(TEXT, s), codepoint_offset(TEXT, e), by_path[path])  # bytes → our code points
        for s, e, path in exported.highlights
    )
    assert spans == sorted((c.start, c.end, c.code) for c in CODINGS)
    contents = sorted((r["tag"], r["content"]) for r in exported.highlights_csv)
    assert contents == sorted(
        (next(tag_path(k) for k in CODES if k.id == c.code), TEXT[c.start : c.end]) for c in CODINGS
    )
