"""The report: contents in order, byte-stable output, every table and figure beside the
page, and clear errors for bad input."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
import yaml
from lxml import html as lhtml
from typer.testing import CliRunner

from tariqa.cli import app
from tariqa.reports import ReportOptions, build_report
from tariqa.storage import Store, open_store
from tests.conftest import small_record, write_yaml
from tests.indicators.test_indicators import record as coded_record
from tests.io.test_unvotes import UNGA, needs_data

SNAPSHOT = Path(__file__).parent / "snapshots" / "structure.txt"
runner = CliRunner()


def comparator(data: dict[str, Any]) -> dict[str, Any]:
    """A second group with one format and two rounds, and a group with no events."""
    data["groups"] += [
        {"id": "TAG", "name": "Azerbaijan–Georgia–Türkiye", "members": ["AZE", "GEO", "TUR"]},
        {"id": "EMPTY", "name": "A group with no events", "members": ["AZE", "GEO"]},
    ]
    base = {k: v for k, v in data["events"][1].items() if k not in ("format", "ordinal", "host", "documents")}
    data["events"] += [
        base | {"id": f"tag-{i}", "group": "TAG", "date": day, "states": ["AZE", "GEO", "TUR"]}
        for i, day in enumerate(("2019-05-01", "2020-05-01"))
    ]
    return data


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    tmp = tmp_path_factory.mktemp("report")
    db = str(tmp / "r.db")
    data = comparator(coded_record())
    text = data["document_texts"][0]["text"]
    start = text.index("Terrorism is condemned.")  # a second theme in one sentence: co-occurrence
    data["codings"].append(
        {"document": "atp-baku-2017", "start": start, "end": start + 9, "code": "norms", "coder": "a"}
    )
    assert runner.invoke(app, ["--db", db, "codebook", "import"]).exit_code == 0
    result = runner.invoke(app, ["--db", db, "import", str(write_yaml(tmp / "r.yaml", data))])
    assert result.exit_code == 0, result.stderr
    return open_store(db)


@pytest.fixture(scope="module")
def index(store: Store, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One report, built once for the tests that only read it."""
    return build(store, tmp_path_factory.mktemp("built") / "out")


def build(store: Store, out: Path, **kw: Any) -> Path:
    return build_report(store, ReportOptions("ATP", out, compare=("TAG",), **kw))


def structure(index: Path) -> str:
    """The outline of the page: sections, figures, tables and their columns."""
    tree = lhtml.fromstring(index.read_bytes())
    lines = []
    for section in tree.iter("section"):
        lines.append(f"section {section.get('id')}: {section.findtext('h2')}")
        for node in section.iter("figure", "table", "blockquote", "p"):
            if node.tag == "figure":
                lines.append(f"  figure {node.get('id')} svg={len(node.findall('.//svg'))}")
            elif node.tag == "table":
                lines.append(
                    f"  table {node.getparent().get('id')}: {' | '.join(th.text_content() for th in node.iter('th'))}"
                )
            elif node.tag == "blockquote":
                lines.append("  quote")
            elif node.get("class") == "note":
                lines.append("  note")
    return "\n".join(lines) + "\n"


def test_structure_matches_the_snapshot(index: Path) -> None:
    got = structure(index)
    if os.environ.get("TARIQA_UPDATE_SNAPSHOTS"):
        SNAPSHOT.parent.mkdir(exist_ok=True)
        SNAPSHOT.write_text(got, encoding="utf-8")
    assert got == SNAPSHOT.read_text(encoding="utf-8"), "to accept a change: TARIQA_UPDATE_SNAPSHOTS=1 pytest"


def test_sections_come_in_the_required_order(index: Path) -> None:
    tree = lhtml.fromstring(index.read_bytes())
    ids = [s.get("id") for s in tree.iter("section")]
    assert ids == [
        "summary",
        "timeline",
        "formats",
        "activity",
        "indicators",
        "class",
        "themes",
        "un-voting",
        "event-data",
        "claims",
        "calendar",
        "sources",
    ]


def test_the_same_database_gives_the_same_bytes(store: Store, tmp_path: Path) -> None:
    a, b = build(store, tmp_path / "a").parent, build(store, tmp_path / "b").parent
    files = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    for name in files:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def test_every_figure_and_table_is_written_beside_the_page(index: Path) -> None:
    tree = lhtml.fromstring(index.read_bytes())
    links = [a.get("href") for a in tree.iter("a") if a.get("href", "").startswith(("figures/", "tables/"))]
    assert {Path(link).suffix for link in links} == {".svg", ".png", ".csv", ".tex"}
    for link in links:
        assert (index.parent / link).stat().st_size > 0, link
    tex = (index.parent / "tables" / "indicators.tex").read_text()
    assert "\\toprule" in tex and "\\bottomrule" in tex
    assert (index.parent / "figures" / "timeline.png").read_bytes()[:4] == b"\x89PNG"


def test_offline_no_script_and_no_remote_resource(index: Path) -> None:
    text = index.read_text()
    tree = lhtml.fromstring(text)
    assert not list(tree.iter("script"))
    remote = [
        e.get("src") or e.get("href")
        for e in tree.iter("img", "link", "iframe")
        if "//" in (e.get("src") or e.get("href") or "")
    ]
    assert remote == []
    assert "@media print" in text


def test_sources_are_numbered_and_cited(index: Path) -> None:
    tree = lhtml.fromstring(index.read_bytes())
    rows = tree.get_element_by_id("table-sources").iter("tr")
    numbers = [r.get("id") for r in rows if r.get("id")]
    assert numbers == [f"src-{i}" for i in range(1, len(numbers) + 1)] and numbers
    cited = tree.get_element_by_id("table-events").text_content()
    assert "[1]" in cited


def test_themes_section_quotes_coded_passages(index: Path) -> None:
    tree = lhtml.fromstring(index.read_bytes())
    quotes = [q.find(".//mark").text for q in tree.get_element_by_id("themes").iter("blockquote")]
    assert "Karabakh is Azerbaijan." in quotes


def test_an_empty_group_still_builds_and_says_so(store: Store, tmp_path: Path) -> None:
    empty = build_report(store, ReportOptions("EMPTY", tmp_path / "out"))
    text = lhtml.fromstring(empty.read_bytes()).get_element_by_id("summary").text_content()
    assert "no held event" in text


def test_claims_with_errors_stop_the_report_unless_partial(store: Store, tmp_path: Path) -> None:
    claims = tmp_path / "claims.yaml"
    claims.write_text(yaml.safe_dump({"claims": [{"id": "x", "text": "t"}]}))
    db = store.url
    out = tmp_path / "out"
    result = runner.invoke(app, ["--db", db, "report", "-g", "ATP", "--out", str(out), "--claims", str(claims)])
    assert result.exit_code == 2 and "claims.yaml" in result.stderr
    result = runner.invoke(
        app, ["--db", db, "report", "-g", "ATP", "--out", str(out), "--claims", str(claims), "--allow-partial"]
    )
    assert result.exit_code == 0, result.stderr
    note = lhtml.fromstring((out / "index.html").read_bytes()).get_element_by_id("claims").text_content()
    assert "left out" in note


def test_bad_output_folders_and_groups(store: Store, tmp_path: Path) -> None:
    afile = tmp_path / "afile"
    afile.write_text("x")
    for out, message in ((afile, "is a file"), (afile / "sub", "cannot create")):
        result = runner.invoke(app, ["--db", store.url, "report", "-g", "ATP", "--out", str(out)])
        assert result.exit_code == 2 and message in result.stderr
    result = runner.invoke(app, ["--db", store.url, "report", "-g", "NOPE", "--out", str(tmp_path / "new")])
    assert result.exit_code == 2 and "unknown group" in result.stderr
    assert not (tmp_path / "new").exists()


def test_cli_prints_the_path_and_stamps_only_when_asked(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(app, ["--db", store.url, "report", "-g", "ATP", "--out", str(out), "--stamp"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip().endswith("index.html")
    assert "Built 2" in (out / "index.html").read_text()


def test_small_record_without_codings(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    assert (
        runner.invoke(app, ["--db", db, "import", str(write_yaml(tmp_path / "r.yaml", small_record()))]).exit_code == 0
    )
    with open_store(db) as store:
        built = build_report(store, ReportOptions("ATP", tmp_path / "out"))
    themes = lhtml.fromstring(built.read_bytes()).get_element_by_id("themes").text_content()
    assert "No coded document" in themes


def test_event_data_section_from_a_gdelt_store(store: Store, tmp_path: Path) -> None:
    events, gdelt = tmp_path / "events.CSV", tmp_path / "gdelt"
    assert runner.invoke(app, ["gdelt", "synth", "--rows", "20000", "--out", str(events), "--seed", "2"]).exit_code == 0
    assert runner.invoke(app, ["gdelt", "ingest", str(events), "--store", str(gdelt)]).exit_code == 0
    index = build_report(store, ReportOptions("ATP", tmp_path / "out", gdelt_folder=gdelt))
    section = lhtml.fromstring(index.read_bytes()).get_element_by_id("event-data")
    assert section.find(".//figure") is not None and "AZE-TUR" in section.text_content()
    missing = runner.invoke(
        app,
        [
            "--db",
            store.url,
            "report",
            "-g",
            "ATP",
            "--out",
            str(tmp_path / "x"),
            "--gdelt-store",
            str(tmp_path / "none"),
        ],
    )
    assert missing.exit_code == 2 and "--gdelt-store" in missing.stderr


def test_un_voting_section_says_where_it_looked_without_data(index: Path) -> None:
    tree = lhtml.fromstring(index.read_bytes())
    (section,) = [s for s in tree.iter("section") if s.get("id") == "un-voting"]
    assert "No UN roll-call data at" in section.text_content() and not section.findall(".//table")


@needs_data
def test_un_voting_section_with_the_shared_votes(store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tree = lhtml.fromstring(build(store, tmp_path / "out", votes=UNGA).read_bytes())
    (section,) = [s for s in tree.iter("section") if s.get("id") == "un-voting"]
    assert section.findall(".//figure") and section.findall(".//table")
    assert "AZE-TUR" in section.text_content()
