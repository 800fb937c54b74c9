"""Reading UN General Assembly votes: both layouts, code mapping, known problems, bad input."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tariqa.errors import InputError, Problems
from tariqa.io.csvcolumns import factorize, parse_days, parse_ints, read_columns
from tariqa.io.unvotes import read_ideal_points, read_unga, read_unvotes, read_voeten
from tariqa.io.unvotes_codes import COW_TO_ISO3, iso3_for_code
from tests.shared_data import requires_sample, sample_folder

#: The shared copy of the data (see its README); or point TARIQA_UNGA_SAMPLES at a copy.
UNGA = sample_folder("unga", "TARIQA_UNGA_SAMPLES")
needs_data = requires_sample(UNGA / "unvotes_un_votes.csv", "TARIQA_UNGA_SAMPLES")

ROLL_CALLS = "rcid,session,date,importantvote,unres,amend,para,short,descr\n"
VOTES = "rcid,country,country_code,vote\n"
VOETEN = "resid,session,ccode,date,year,vote\n"


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def unvotes_dir(tmp_path: Path, votes: str, calls: str = "") -> Path:
    calls = calls or '1,77,2022-11-03,0,R/77/1,0,0,"X, Y","a ""quoted"" text"\n2,78,2023-10-27,1,,0,0,,\n'
    write(tmp_path / "un_roll_calls.csv", ROLL_CALLS + calls)
    write(tmp_path / "un_votes.csv", VOTES + votes)
    return tmp_path


def test_unvotes_layout_small(tmp_path: Path) -> None:
    d = unvotes_dir(tmp_path, "1,Turkey,TR,yes\n1,Namibia,NA,abstain\n2,Turkey,TR,no\n2,Yugoslavia,YU,yes\n")
    v = read_unga(d)
    assert v.state.tolist() == ["TUR", "NAM", "TUR", "SRB"]  # NA is Namibia, never missing
    assert v.vote.tolist() == [1, 2, 3, 1]
    assert v.session.tolist() == [77, 77, 78, 78]
    assert v.year.tolist() == [2022, 2022, 2023, 2023]
    assert [n.kind for n in v.notices] == ["seat"]  # Yugoslavia read as Serbia, said so


def test_voeten_layout_drops_absent_and_keeps_year_field(tmp_path: Path) -> None:
    text = VOETEN + "78001,78,640,2023-10-27,2022,1\n78001,78,373,2023-10-27,2022,8\n78001,78,770,2023-10-27,2022,3\n"
    v = read_voeten(write(tmp_path / "v.csv", text))
    assert v.state.tolist() == ["TUR", "PAK"] and v.vote.tolist() == [1, 3]
    assert v.year.tolist() == [2022, 2022]
    assert any(n.kind == "year-field" for n in v.notices)


def test_quoted_and_unquoted_files_read_alike(tmp_path: Path) -> None:
    plain = write(tmp_path / "a.csv", "a,b\n1,xy\n22,z\n")
    quoted = write(tmp_path / "b.csv", 'a,b\n"1","xy"\n22,"z"\n')
    for path in (plain, quoted):
        cols = read_columns(path, path.name)
        assert parse_ints(*cols.matrix("a"))[0].tolist() == [1, 22]
        assert [cols.text("b", r) for r in range(2)] == ["xy", "z"]
        assert cols.lines.tolist() == [2, 3]


@pytest.mark.parametrize(
    ("votes", "expected"),
    [
        ("1,Atlantis,XX,yes\n", "un_votes.csv:2: country_code: unknown country code 'XX'"),
        ("1,Turkey,TR,yes\n1,Turkey,TR,no\n", "un_votes.csv:3: a second vote of TUR on roll call 1 (first on line 2)"),
        ("1,Turkey,TR,maybe\n", "un_votes.csv:2: vote: unknown vote 'maybe'"),
        ("9,Turkey,TR,yes\n", "un_votes.csv:2: rcid: roll call 9 is not in un_roll_calls.csv"),
        ("x,Turkey,TR,yes\n", "un_votes.csv:2: rcid: 'x' is not a whole number"),
        ("1,Atlantis,,yes\n", "un_votes.csv:2: country_code: no country code for 'Atlantis'"),
        ("1,Turkey,TR\n", "un_votes.csv:2: 3 fields, the header has 4"),
    ],
)
def test_bad_unvotes_input(tmp_path: Path, votes: str, expected: str) -> None:
    d = unvotes_dir(tmp_path, votes)
    with pytest.raises(Problems) as info:
        read_unga(d)
    assert any(str(p).startswith(expected) for p in info.value.problems), info.value.problems


def test_unknown_and_missing_columns(tmp_path: Path) -> None:
    write(tmp_path / "v.csv", "resid,session,ccode,date,year,vote,weight\n1001,1,2,1946-01-01,1946,1,1\n")
    with pytest.raises(Problems, match="weight: unknown column"):
        read_unga(tmp_path / "v.csv")
    write(tmp_path / "v.csv", "resid,session,ccode,vote\n1001,1,2,1\n")
    with pytest.raises(Problems, match="date: required column missing"):
        read_unga(tmp_path / "v.csv")
    write(tmp_path / "w.csv", "rcid,country,iso,vote\n1,Turkey,TR,yes\n")
    with pytest.raises(Problems, match="iso: unknown column"):
        read_unga(tmp_path / "w.csv")


def test_voeten_bad_rows(tmp_path: Path) -> None:
    text = VOETEN + "1001,1,2,1946-02-30,1946,1\n1001,1,999,1946-01-01,1946,1\n1002,1,2,1946-01-02,1946,5\n"
    with pytest.raises(Problems) as info:
        read_voeten(write(tmp_path / "v.csv", text))
    found = {str(p) for p in info.value.problems}
    assert "v.csv:2: date: '1946-02-30' is not a date" in found
    assert "v.csv:3: ccode: unknown country code '999'" in found
    assert any(p.startswith("v.csv:4: vote: unknown vote '5'") for p in found)


def test_missing_path_and_empty_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_unga(tmp_path / "nope")
    with pytest.raises(InputError, match="no UN vote file"):
        read_unga(tmp_path)
    write(tmp_path / "un_votes.csv", VOTES + "1,Turkey,TR,yes\n")
    with pytest.raises(InputError, match="roll-call file"):
        read_unga(tmp_path)


def test_cow_and_iso_codes() -> None:
    assert iso3_for_code("373") == "AZE" and iso3_for_code("680") == "YMD" and iso3_for_code("260") == "DEU"
    assert iso3_for_code("SLV") == "SLV"  # ISO El Salvador; COW letters are not read
    assert len(set(COW_TO_ISO3.values())) == len(COW_TO_ISO3) - 2  # 255/260 DEU, 678/679 YEM


@given(st.lists(st.integers(0, 10**15), min_size=1, max_size=50))
def test_parse_ints_round_trip(values: list[int]) -> None:
    raw = [str(v).encode() for v in values]
    width = max(len(r) for r in raw)
    m = np.array(raw, f"S{width}").view(np.uint8).reshape(len(raw), width)
    parsed, bad = parse_ints(m, np.array([len(r) for r in raw]))
    assert parsed.tolist() == values and not bad.any()


@given(st.lists(st.text("abcXYZ-é ", max_size=12), min_size=1, max_size=60))
def test_factorize_round_trip(values: list[str]) -> None:
    raw = [v.encode() for v in values]
    width = max(max(len(r) for r in raw), 1)
    m = np.array(raw, f"S{width}").view(np.uint8).reshape(len(raw), width)
    uniq, inverse = factorize(m, np.array([len(r.rstrip(b"\0")) for r in raw]))
    assert [uniq[i] for i in inverse] == [v.rstrip("\0") for v in values]


def test_parse_days() -> None:
    raw = [b"2024-02-29", b"2023-02-29", b"2023-13-01", b"2023-1-01"]
    m = np.array(raw, "S10").view(np.uint8).reshape(4, 10)
    days, bad = parse_days(m, np.array([len(r) for r in raw]))
    assert str(days[0]) == "2024-02-29" and bad.tolist() == [False, True, True, True]


@needs_data
def test_shared_data_loads_with_its_known_problems() -> None:
    v = read_unga(UNGA)
    kinds = {n.kind for n in v.notices}
    assert {"seat", "misdated", "year-field", "source"} <= kinds
    assert "NAM" in set(v.state.tolist()) and "SRB" in set(v.state.tolist())
    assert int(v.session.max()) == 78 and int(v.session.min()) == 1
    assert not np.any((v.state == "TUR") & (v.session == 78) & (v.vote == 0))
    assert int(np.sum((v.state == "TUR") & (v.session == 78))) == 2  # the documented gap


@needs_data
def test_both_shared_layouts_read_alone() -> None:
    u = read_unvotes(UNGA / "unvotes_un_votes.csv", UNGA / "unvotes_un_roll_calls.csv")
    assert len(u) == 870_109  # absences were dropped upstream; nothing dropped here
    vo = read_voeten(UNGA / "voeten2024_votes_2010_2022.csv")
    assert len(vo) == 199_606 - 42  # 42 votes carry another roll call's date (session 78)


@needs_data
def test_ideal_points() -> None:
    ip = read_ideal_points(UNGA / "IdealpointestimatesAll_Jun2024.csv")
    assert ip.get("KOR", 46) == pytest.approx(0.5055549)
    assert ip.get("SRB", 77) is not None and ip.get("YUG", 40) is not None and ip.get("YUG", 77) is None
