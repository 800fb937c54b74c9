"""UN voting alignment: the rok_unga columns of stevedata::rok_unga, properties, the command."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import pytest
import typer
from hypothesis import given
from hypothesis import strategies as st
from sklearn.metrics import cohen_kappa_score
from typer.testing import CliRunner

from tariqa.cli.alignment import alignment as alignment_command
from tariqa.errors import UsageError
from tariqa.io.unvotes import read_ideal_points, read_unga, read_unvotes, read_voeten
from tariqa.stats.alignment import alignment, pair_measures, unanimity
from tests.io.test_unvotes import UNGA, VOETEN, needs_data, write

DYADS = ("TUR", "PAK", "AZE", "USA")
votes3 = st.lists(st.sampled_from([1, 2, 3]), min_size=1, max_size=80)


@pytest.fixture(scope="module")
def rok_unga() -> dict[tuple[str, int], dict[str, float]]:
    with (UNGA / "benchmark_stevedata_rok_unga.csv").open() as f:
        return {
            (r["iso3c"], int(float(r["year"]))): {k: float(v) for k, v in r.items() if k not in ("iso3c",) and v}
            for r in csv.DictReader(f)
        }


@needs_data
@pytest.mark.parametrize("other", DYADS)
def test_rok_unga_agree_kappa_ipd_by_year(other: str, rok_unga: dict[tuple[str, int], dict[str, float]]) -> None:
    """Miller's exact agreement and quadratic kappa by Voeten's year field, every year 2010-2022."""
    votes = read_voeten(UNGA / "voeten2024_votes_2010_2022.csv")
    ideal = read_ideal_points(UNGA / "IdealpointestimatesAll_Jun2024.csv")
    rows = alignment(votes, ["KOR", other], by="year", ideal=ideal).pairs
    assert [r.period for r in rows] == list(range(2010, 2023))
    for r in rows:
        b = rok_unga[(other, r.period)]
        assert (round(r.agree, 4), round(r.kappa or 0, 4)) == (round(b["agree"], 4), round(b["kappa"], 4)), r.period
        assert (r.ideal_a, r.ideal_b, r.ipd) == pytest.approx((b["ip1"], b["ip2"], b["ipd"]), abs=1e-6)


#: Sessions whose roll-call set matches Voeten's AgreementScoresAll (``v_agree``, year = session + 1945).
V_AGREE_SESSIONS = {
    "voeten": [68, 70, 73, 74, 75, 76, 77],
    "unvotes": [46, 48, 49, 50, 52, 53, 54, 55, 56, 58, 60, 61, 62],
}


@needs_data
@pytest.mark.parametrize("layout", sorted(V_AGREE_SESSIONS))
def test_rok_unga_v_agree_by_session(layout: str, rok_unga: dict[tuple[str, int], dict[str, float]]) -> None:
    if layout == "voeten":
        votes = read_voeten(UNGA / "voeten2024_votes_2010_2022.csv")
    else:
        votes = read_unvotes(UNGA / "unvotes_un_votes.csv", UNGA / "unvotes_un_roll_calls.csv")
    for other in DYADS:
        rows = {r.period: r for r in alignment(votes, ["KOR", other]).pairs}
        for s in V_AGREE_SESSIONS[layout]:
            assert round(rows[s].agree_half, 4) == round(rok_unga[(other, s + 1945)]["v_agree"], 4), (other, s)


@needs_data
def test_ideal_points_match_every_benchmark_row(rok_unga: dict[tuple[str, int], dict[str, float]]) -> None:
    ideal = read_ideal_points(UNGA / "IdealpointestimatesAll_Jun2024.csv")
    for (iso, year), b in rok_unga.items():
        if "ip2" in b:
            state = "YUG" if iso == "SRB" and year - 1945 <= 46 else iso  # we split the Yugoslav seat by session
            assert ideal.get(state, year - 1945) == pytest.approx(b["ip2"]), (iso, year)


@needs_data
def test_known_problems_show_for_the_triad() -> None:
    result = alignment(read_unga(UNGA), ["AZE", "TUR", "PAK"], by="year")
    text = "\n".join(str(n) for n in result.notices)
    assert "TUR voted on 2 of 87 roll calls in session 78" in text and "Türkiye" in text
    assert "year-field" in text and "misdated" in text and "sessions 1-64 from unvotes" in text
    assert "seat: the Soviet Union" not in text  # seat notes only for the states asked about


@given(votes3, st.data())
def test_measure_properties(x: list[int], data: st.DataObject) -> None:
    y = data.draw(st.lists(st.sampled_from([1, 2, 3]), min_size=len(x), max_size=len(x)))
    m, swapped = pair_measures(x, y), pair_measures(y, x)
    for key, value in m.items():
        assert value == pytest.approx(swapped[key], nan_ok=True), key  # symmetric
    assert -1 <= m["s_abs"] <= 1 and -1 <= m["s_sq"] <= 1
    assert m["s_abs"] == pytest.approx(2 * m["agree_half"] - 1)
    assert m["agree"] <= m["agree_half"] + 1e-12
    if len(set(x)) > 1 or len(set(y)) > 1 or x[0] != y[0]:
        expected = cohen_kappa_score(x, y, labels=[1, 2, 3], weights="quadratic")
        assert m["kappa"] == pytest.approx(expected, abs=1e-12)


def test_no_votes_and_absences_are_left_out() -> None:
    m = pair_measures([1, 0, 2, 3, 8], [1, 3, 0, 3, 1])
    assert m["n"] == 2 and m["agree"] == 1.0
    assert np.isnan(pair_measures([1, 1], [1, 1])["kappa"])  # no variation: kappa undefined


def test_unanimity() -> None:
    matrix = np.array([[1, 1, 1], [1, 2, 1], [3, 3, 3], [1, 0, 1], [2, 2, 2]], np.int8)
    n, share = unanimity(matrix, np.array([0, 0, 0, 0, 1]), 2)
    assert n.tolist() == [3, 1] and share.tolist() == pytest.approx([2 / 3, 1.0])


def small_votes(tmp_path: Path) -> Path:
    """Session 1: 25 roll calls on which USA, CAN and CUB vote; session 2: 3 roll calls."""
    rows = []
    for k in range(28):
        session, date = (1, "1946-03-01") if k < 25 else (2, "1947-03-01")
        for ccode, vote in ((2, 1), (20, 1 if k % 5 else 2), (40, 3 if k % 2 else 1)):
            rows.append(f"{session * 1000 + k},{session},{ccode},{date},{1945 + session},{vote}\n")
    return write(tmp_path / "votes.csv", VOETEN + "".join(rows))


def test_alignment_small(tmp_path: Path) -> None:
    result = alignment(read_unga(small_votes(tmp_path)), ["USA", "CAN", "CUB"])
    first = result.pairs[0]
    assert (first.period, first.a, first.b, first.n, first.agree) == (1, "USA", "CAN", 25, 0.8)
    assert first.ipd is None and first.note == ""
    assert [g.n for g in result.group] == [25, 3] and "fewer than 20" in result.group[1].note
    assert any(n.kind == "few-votes" and "USA–CAN, session 2" in n.message for n in result.notices)
    with pytest.raises(UsageError, match="at least two states"):
        alignment(read_unga(small_votes(tmp_path)), ["USA"])


runner = CliRunner()


def cli(db: Path) -> typer.Typer:
    """The command on its own (the lead registers it in tariqa.cli), on a throwaway database."""
    app = typer.Typer()

    @app.callback()
    def root(ctx: typer.Context) -> None:
        ctx.obj = {"db": str(db)}

    app.command()(alignment_command)
    return app


def test_command_outputs(tmp_path: Path) -> None:
    path = small_votes(tmp_path)
    result = runner.invoke(
        cli(tmp_path / "t.db"), ["alignment", "--group", "USA,CAN,CUB", "--votes", str(path), "-o", "json"]
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert rows[0]["period"] == 1 and rows[0]["states"] == "USA-CAN" and rows[0]["agree"] == 0.8
    assert rows[3]["kind"] == "group" and rows[3]["states"] == "USA-CAN-CUB"
    assert "few-votes" in result.stderr
    result = runner.invoke(
        cli(tmp_path / "t.db"), ["alignment", "-g", "USA,CAN", "--votes", str(path), "--by", "year", "-o", "csv"]
    )
    assert result.stdout.splitlines()[0].startswith("period,kind,states,n,agree,agree_half,s_abs,s_sq,kappa,ipd")
    result = runner.invoke(cli(tmp_path / "t.db"), ["alignment", "-g", "USA,CAN", "--votes", str(path)])
    assert "Example:" in (alignment_command.__doc__ or "") and "USA-CAN" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-g", "USA,"], "at least two members"),
        (["-g", "NOPE"], "unknown group 'NOPE'"),
        (["-g", "USA,usa"], "at least two members"),
        (["-g", "USA,12"], "not an ISO alpha-3 code"),
        (["-g", "USA,CAN", "--since", "2020-13"], "not a year"),
        (["-g", "USA,CAN", "--since", "2021", "--until", "2020"], "after --until"),
    ],
)
def test_command_errors(tmp_path: Path, args: list[str], message: str) -> None:
    result = runner.invoke(cli(tmp_path / "t.db"), ["alignment", "--votes", str(small_votes(tmp_path)), *args])
    assert result.exit_code == 2 and message in result.stderr and not result.stdout


def test_command_bad_file_changes_nothing(tmp_path: Path) -> None:
    bad = write(tmp_path / "v.csv", VOETEN + "1001,1,2,1946-01-01,1946,1\n1001,1,2,1946-01-01,1946,1\n")
    before = bad.read_bytes()
    result = runner.invoke(cli(tmp_path / "t.db"), ["alignment", "-g", "USA,CAN", "--votes", str(bad)])
    assert result.exit_code == 2 and "a second vote of USA on roll call 1001" in result.stderr
    assert bad.read_bytes() == before and not result.stdout
