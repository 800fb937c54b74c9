"""The README's examples run as written.

Every command line of every ```sh block of README.md is run, in the README's order, by
the installed command (``python -m tariqa``) in an empty folder whose data folder holds a
fresh database made by ``tariqa init``. The folder first gets the small files the examples
name (my-events.yaml with its sources in sources.csv, my-codebook.yaml, the Baku
Declaration as a typeset PDF, speech.txt, another program's nvivo-project.qdpx, a GDELT
file, the claims file at its path, UN votes in the data folder, a GDELT store for the
report that comes before the GDELT examples). Each line must exit 0, or the code its
comment states ("exits 1 if ..."). Lines that ask at a terminal (a password, a question)
run at a pseudo-terminal and get their answers; ``tariqa gdelt fetch`` runs against a
local HTTP server that answers as GDELT's does, through ``HTTP_PROXY``.

Not run, each with its reason in the skip message (pytest -ra lists them): ``tariqa
serve`` lines (they serve until stopped), ``tariqa sources fetch`` and ``tariqa unga
fetch`` (HTTPS to the real sites and publishers; tests/fetch runs them against local
servers), and the Spark line without pyspark or a Java runtime. ``make run`` and ``make
test`` run as ``make -n`` (the targets exist and expand; run for real, one serves until
stopped and the other runs this suite). Every test id names its README line.
"""

from __future__ import annotations

import hashlib
import os
import re
import shlex
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from tests.fetch.servers import Reply, Site
from tests.pdfs import pdf_with_text
from tests.qda.test_exchange import FOREIGN
from tests.terminal import run_in_terminal

pytestmark = pytest.mark.slow

ROOT = Path(__file__).parents[1]
README = ROOT / "README.md"
PASSWORD = "correct horse battery staple"
#: The answers of commands that ask at a terminal: (what it shows, what is typed).
ASKS = {
    ("users", "add"): [("characters): ", PASSWORD), ("confirmation: ", PASSWORD)],
    ("users", "set-password"): [("characters): ", PASSWORD + "!"), ("confirmation: ", PASSWORD + "!")],
    ("refi", "import"): [("[y/N]: ", "y")],
}
EXITS = re.compile(r"\bexits (\d)\b")
#: What a few lines must show besides their exit code (the line starts with the key).
SHOWS = {
    "tariqa validate my-events.yaml sources.csv": "valid: an import would succeed",
    "tariqa import my-events.yaml sources.csv": "events",
    "tariqa docs import baku-declaration.pdf --id": "atp-fm-baku-declaration-2017: text version 1",
    "tariqa code auto --method model": "suggestions:",
    "tariqa code evaluate  ": "threat-terrorism",
    "tariqa code evaluate --method rules,semantic,auto": "semantic ",
    "tariqa reliability --coders aylin,bilal": "cohen",
    "tariqa refi import nvivo-project.qdpx --dry-run": "2 codes that join the codebook",
    "tariqa refi import nvivo-project.qdpx  ": "codes: 2 added",
    "tariqa gdelt fetch": "2 GDELT 2.0 files",
    "tariqa gdelt dyads --group ATP --store gdelt-store --engine spark": "AZE",
}


@dataclass(frozen=True)
class Line:
    number: int
    text: str
    words: tuple[str, ...]

    @property
    def id(self) -> str:
        return f"README.md:{self.number} {' '.join(self.words)[:60]}"

    @property
    def expected(self) -> int:
        found = EXITS.search(self.text)
        return int(found.group(1)) if found else 0


def sh_lines() -> list[Line]:
    """The command lines of README.md's ```sh blocks (comments and blank lines dropped)."""
    lines, inside = [], False
    for number, text in enumerate(README.read_text(encoding="utf-8").splitlines(), 1):
        if text.startswith("```"):
            inside = text.strip() == "```sh"
            continue
        words = tuple(shlex.split(text, comments=True)) if inside else ()
        if words:
            lines.append(Line(number, text, words))
    return lines


LINES = sh_lines()


def command_of(line: Line) -> tuple[dict[str, str], list[str]]:
    """Environment assignments and the command's words, ``tariqa`` replaced by the CLI."""
    env, words = {}, list(line.words)
    while words and re.fullmatch(r"[A-Z_]+=\S*", words[0]):
        key, _, value = words.pop(0).partition("=")
        env[key] = value
    if words[0] == "tariqa":
        words[:1] = [sys.executable, "-m", "tariqa"]
    return env, words


def subcommand(line: Line) -> tuple[str, ...]:
    words = [w for w in command_of(line)[1][3:] if not w.startswith("-")]
    return tuple(words[:2])


def skip_reason(line: Line) -> str | None:
    _, words = command_of(line)
    names = subcommand(line)
    if "serve" in names[:1]:
        return "serves the web application until stopped (tests/web starts the app in-process)"
    if names == ("sources", "fetch"):
        return "fetches the record's hundreds of source URLs on real sites (tests/fetch runs it against local servers)"
    if names == ("unga", "fetch"):
        return "downloads from Harvard Dataverse over HTTPS (tests/fetch/test_data.py runs it against a local server)"
    if "spark" in words and (shutil.which("java") is None or _missing("pyspark")):
        return "needs pyspark (pip install 'tariqa[spark]') and a Java runtime"
    return None


def _missing(module: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(module) is None


# --------------------------------------------------------------------------- the inputs

DECLARATION = (
    "The ministers for foreign affairs of Azerbaijan, Turkiye and Pakistan met in Baku on 30 November 2017. "
    "They welcomed the close ties that join the three countries and their peoples. "
    "They condemned terrorism in all its forms and every terrorist act, whoever commits it. "
    "No terrorist cause can justify terrorism against civilians. "
    "They agreed to share what they know of terrorist groups and of the \ufb01nancing of terrorism. "
    "They will act together against terrorism, terrorist networks and violent extremism. "
    "They called on all states to deny any terrorist organisation a safe haven from which terrorism is planned. "
    "They stressed that the fight against terrorism must respect international law, and that no terrorist "
    "deserves shelter. "
    "They supported the sovereignty and territorial integrity of each of the three states. "
    "They supported a settlement of the Nagorno-Karabakh conflict that restores the territorial integrity of "
    "Azerbaijan, and the return of the displaced to Karabakh and Shusha. "
    "They agreed to widen trade, investment and transport links, and to make customs procedures simpler. "
    "They noted the weight of energy projects such as the Trans-Anatolian pipeline. "
    "They encouraged exchanges between universities, students and young people. "
    "They thanked Azerbaijan for its hospitality and agreed to meet again in Islamabad."
)


def declaration_pdf() -> bytes:
    """The declaration typeset as a PDF does it: lines of about 75 characters, a word
    hyphenated at a line end, ligatures as single glyphs."""
    words, lines, line = DECLARATION.split(" "), [], ""
    for word in words:
        if len(line) + len(word) + 1 > 75:
            if word == "efforts" or word.startswith("territorial"):
                head, tail = word[:5], word[5:]
                lines.append(f"{line} {head}-".strip())
                line = tail
                continue
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return pdf_with_text(lines)


MY_EVENTS = """\
events:
  - id: atp-2026-03-aze-pak-tur-experts
    date: 2026-03-10
    group: ATP
    track: economic-energy-connectivity
    level: officials
    kind: meeting
    host: AZE
    city: Baku
    states: [AZE, TUR, PAK]
    summary: Experts of the three states discussed customs and transit rules.
    sources: [https://mfa.gov.az/en/news/trilateral-experts-2026]
    confidence: medium
"""
SOURCES = "url,publisher,title,kind,published\nhttps://mfa.gov.az/en/news/trilateral-experts-2026,Example News,Experts meet,news,2026-03-10\n"
MY_CODEBOOK = """\
codes:
  - id: threat-cyber
    parent: threat
    name: Cyber threats
    definition: Attacks on computer networks named as a common concern.
    keywords: [cyber*, hacker*]
"""
SPEECH = "The three brotherly nations share one history.\n\nTrade between them must grow.\n"
#: Voeten's layout; ccodes 373, 640, 770: Azerbaijan, Türkiye, Pakistan.
VOTES_HEADER = "resid,session,ccode,date,year,vote\n"


def votes() -> str:
    rows = [
        f"{session * 1000 + k},{session},{ccode},{session + 1945}-10-{1 + k:02d},{session + 1945},"
        f"{1 if (k + ccode) % 5 else 3}\n"
        for session in (65, 66, 67)
        for k in range(25)
        for ccode in (373, 640, 770)
    ]
    return VOTES_HEADER + "".join(rows)


def gdelt_files(folder: Path) -> dict[str, bytes]:
    """Two synthetic GDELT 2.0 files of January 2025, as GDELT names and zips them."""
    from tariqa.eventdata.synth import synthesize

    files = {}
    for day in (date(2025, 1, 3), date(2025, 1, 17)):
        path = folder / f"{day:%Y%m%d}000000.export.CSV.zip"
        synthesize(path, 400, seed=day.day, start=day, per_day=400)
        files[path.name] = path.read_bytes()
        path.unlink()
    return files


def gdelt_site(files: dict[str, bytes]) -> Site:
    """data.gdeltproject.org as a proxy sees it: the master file list and its files."""
    site = Site()
    listing = "".join(
        f"{len(data)} {hashlib.md5(data).hexdigest()} http://data.gdeltproject.org/gdeltv2/{name}\n"
        for name, data in files.items()
    )
    site.routes["/gdeltv2/masterfilelist.txt"] = Reply(200, listing.encode(), {"Content-Type": "text/plain"})
    for name, data in files.items():
        site.routes[f"/gdeltv2/{name}"] = Reply(200, data, {"Content-Type": "application/zip"})
    return site


@dataclass(frozen=True)
class Outcome:
    code: int
    output: str


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Outcome]:
    """Run every README line once, in order, in one folder; the outcome of each by line."""
    folder = tmp_path_factory.mktemp("readme")
    data = folder / "data"
    (data / "unga").mkdir(parents=True)
    (data / "unga" / "votes.csv").write_text(votes(), encoding="utf-8")
    (folder / "my-events.yaml").write_text(MY_EVENTS, encoding="utf-8")
    (folder / "sources.csv").write_text(SOURCES, encoding="utf-8")
    (folder / "my-codebook.yaml").write_text(MY_CODEBOOK, encoding="utf-8")
    (folder / "baku-declaration.pdf").write_bytes(declaration_pdf())
    (folder / "speech.txt").write_text(SPEECH, encoding="utf-8")
    with zipfile.ZipFile(folder / "nvivo-project.qdpx", "w") as zf:
        zf.writestr("project.qde", FOREIGN)
    claims = folder / "tariqa" / "data" / "claims"
    claims.mkdir(parents=True)
    shutil.copy(ROOT / "tariqa" / "data" / "claims" / "atp.yaml", claims / "atp.yaml")
    env = {
        **os.environ,
        "TARIQA_DATA_DIR": str(data),
        "PYTHONPATH": str(ROOT),
        "COLUMNS": "80",
        "NO_PROXY": "",
    }
    for name in ("TARIQA_DATABASE_URL", "TARIQA_UNGA_DIR", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy"):
        env.pop(name, None)

    def cli(*args: str) -> None:
        done = subprocess.run([sys.executable, "-m", "tariqa", *args], cwd=folder, env=env, capture_output=True)
        assert done.returncode == 0, done.stderr

    cli("init")
    cli("gdelt", "synth", "--rows", "20000", "--out", "20191024143000.export.CSV.zip", "--start", "2019-10-24")
    cli("gdelt", "synth", "--rows", "20000", "--out", "earlier.CSV", "--start", "2020-01-01", "--per-day", "2000")
    cli("gdelt", "ingest", "earlier.CSV", "--store", "gdelt-store")  # for the report's example, which comes first
    site = gdelt_site(gdelt_files(folder))
    results: dict[int, Outcome] = {}
    with site:
        for line in LINES:
            if skip_reason(line):
                continue
            extra, words = command_of(line)
            if words[0] == "make":
                words = ["make", "-n", *words[1:]]
            run_env = {**env, **extra}
            if subcommand(line) == ("gdelt", "fetch"):
                run_env["HTTP_PROXY"] = run_env["http_proxy"] = site.base
            asks = ASKS.get(subcommand(line))
            if asks and not {"--password-stdin", "--yes", "--dry-run"} & set(words):
                code, shown = run_in_terminal(words, asks, env=run_env, cwd=folder, timeout=300)
            else:
                done = subprocess.run(
                    words, cwd=ROOT if words[0] == "make" else folder, env=run_env, capture_output=True, timeout=600
                )
                code, shown = done.returncode, (done.stdout + done.stderr).decode(errors="replace")
            results[line.number] = Outcome(code, shown)
    return results


def test_every_block_is_read() -> None:
    assert len(LINES) > 60 and LINES[0].words[0] == "make"
    assert all(line.words[0] in ("make", "tariqa") or "=" in line.words[0] for line in LINES)


@pytest.mark.parametrize("line", LINES, ids=lambda line: line.id)
def test_readme_line(line: Line, outcomes: dict[int, Outcome]) -> None:
    reason = skip_reason(line)
    if reason:
        pytest.skip(f"README.md:{line.number} not run: {reason}")
    outcome = outcomes[line.number]
    assert "Traceback" not in outcome.output, outcome.output
    assert outcome.code == line.expected, f"README.md:{line.number}: {line.text}\n{outcome.output}"
    for start, shown in SHOWS.items():
        if line.text.startswith(start):
            assert shown in outcome.output, f"README.md:{line.number}: {line.text}\n{outcome.output}"


def test_what_the_lines_show_is_checked() -> None:
    for start in SHOWS:
        assert any(line.text.startswith(start) for line in LINES), start


def python_blocks() -> list[str]:
    """The README's ```python blocks."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```python\n(.*?)```", text, flags=re.S)


def test_python_example_runs(tmp_path: Path) -> None:
    """The README's Python API example runs as written in a fresh folder with the files it
    names, and shows the group's events, a table and the export."""
    blocks = python_blocks()
    assert blocks, "README.md has no Python example"
    (tmp_path / "my-events.yaml").write_text(MY_EVENTS, encoding="utf-8")
    (tmp_path / "sources.csv").write_text(SOURCES, encoding="utf-8")
    env = {**os.environ, "TARIQA_DATA_DIR": str(tmp_path / "data"), "PYTHONPATH": str(ROOT)}
    env.pop("TARIQA_DATABASE_URL", None)
    for block in blocks:
        done = subprocess.run([sys.executable, "-c", block], cwd=tmp_path, env=env, capture_output=True, timeout=300)
        assert done.returncode == 0, done.stderr.decode(errors="replace")
        shown = done.stdout.decode()
        assert "Islamabad" in shown and "intensity" in shown, shown
    assert (tmp_path / "study.db").exists()
    assert (tmp_path / "out" / "datapackage.json").exists()
