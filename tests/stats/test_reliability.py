"""Reliability statistics: the test vectors of qda.md §6.5, cross-checks against the
`krippendorff` and scikit-learn packages and a from-the-definition u-alpha, properties,
and the undefined and invalid cases."""

from __future__ import annotations

import math
from collections import defaultdict
from itertools import pairwise, product

import krippendorff
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tariqa.stats.reliability import (
    CharacterTable,
    ReliabilityResult,
    alpha_u,
    alpha_u_sections,
    brennan_prediger,
    character_table,
    cohen_kappa,
    cohen_kappa_from_table,
    coincidence_matrix,
    fleiss_kappa,
    fleiss_kappa_from_table,
    jaccard_from_table,
    krippendorff_alpha,
    percent_agreement,
    percent_agreement_from_table,
    ratings_from_dicts,
    reliability_report,
    scott_pi,
)

_ = None
LEVELS = ["nominal", "ordinal", "interval", "ratio"]

# §6.5 vector 1 (Wikipedia, "A computational example"): 3 coders x 15 units.
WIKIPEDIA = [
    [_, _, _, _, _, 3, 4, 1, 2, 1, 1, 3, 3, _, 3],
    [1, _, 2, 1, 3, 3, 4, 3, _, _, _, _, _, _, _],
    [_, _, 2, 1, 3, 4, 4, _, 2, 1, 1, 3, 3, _, 4],
]
# §6.5 vector 2 (Krippendorff 2011): 4 observers x 12 units; unit 12 has a single value.
KRIPPENDORFF_2011 = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, _],
    [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, 3],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
]
# §6.5 vector 5 (ATLAS.ti manual): 10 segments, code applies (1) or not (0).
ATLAS_1 = [1, 1, 0, 0, 0, 0, 0, 0, 0, 0]
ATLAS_2 = [0, 1, 1, 0, 0, 1, 0, 1, 0, 0]
# §6.5 vector 4 (Wikipedia, Fleiss' kappa): 10 subjects x 5 categories, 14 raters each.
FLEISS_TABLE = [
    [0, 0, 0, 0, 14],
    [0, 2, 6, 4, 2],
    [0, 0, 3, 5, 6],
    [0, 3, 9, 2, 0],
    [2, 2, 8, 1, 1],
    [7, 7, 0, 0, 0],
    [3, 2, 6, 3, 0],
    [2, 5, 3, 2, 2],
    [6, 5, 2, 1, 0],
    [0, 2, 2, 3, 7],
]


def as_float(ratings: list[list[int | None]]) -> np.ndarray:
    return np.array([[np.nan if v is None else v for v in row] for row in ratings], dtype=float)


def same(x: float, y: float, tol: float = 1e-12) -> bool:
    """Equal within ``tol``, with nan equal to nan."""
    return (math.isnan(x) and math.isnan(y)) or abs(x - y) <= tol


# --------------------------------------------------------------------------- §6.5 test vectors


@pytest.mark.parametrize("data", [WIKIPEDIA, as_float(WIKIPEDIA)], ids=["None", "nan"])
def test_vector_1_wikipedia_alpha(data: object) -> None:
    nominal = krippendorff_alpha(data)  # type: ignore[arg-type]
    interval = krippendorff_alpha(data, level="interval")  # type: ignore[arg-type]
    assert round(nominal, 3) == 0.691 and nominal == pytest.approx(0.691358, abs=5e-7)
    assert round(interval, 3) == 0.811 and interval == pytest.approx(0.810845, abs=5e-7)


@pytest.mark.parametrize(
    ("level", "expected"), [("nominal", 0.7434), ("ordinal", 0.8154), ("interval", 0.8491), ("ratio", 0.7974)]
)
def test_vector_2_krippendorff_2011(level: str, expected: float) -> None:
    assert krippendorff_alpha(KRIPPENDORFF_2011, level=level) == pytest.approx(expected, abs=5e-5)  # type: ignore[arg-type]


def test_vector_2_unit_with_a_single_value_is_not_pairable() -> None:
    (alpha,) = [r for r in reliability_report({"x": KRIPPENDORFF_2011}) if r.code == "x" and "alpha" in r.statistic]
    assert alpha.n_units == 11
    values, o = coincidence_matrix(KRIPPENDORFF_2011)
    # 11 pairable units carry 3+4+4+4+4+4+4+4+4+3+2 = 40 pairable values (Krippendorff's n..).
    assert o.sum() == pytest.approx(40)
    assert values.tolist() == [1, 2, 3, 4, 5]


def test_vector_3_cohen_kappa_table() -> None:
    table = [[20, 5], [10, 15]]  # yes/yes, A yes-B no; A no-B yes, no/no
    assert percent_agreement_from_table(table) == pytest.approx(0.70)
    assert cohen_kappa_from_table(table) == pytest.approx(0.40)
    assert cohen_kappa_from_table((20, 5, 10, 15)) == pytest.approx(0.40)
    # p_e = 0.5 from the marginals (25/50 yes for A, 30/50 for B): (0.5*0.6 + 0.5*0.4) = 0.5
    a = ["yes"] * 25 + ["no"] * 25
    b = ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15
    assert cohen_kappa(a, b) == pytest.approx(0.40)
    assert percent_agreement([a, b]) == pytest.approx(0.70)


def test_vector_4_fleiss_kappa() -> None:
    assert fleiss_kappa_from_table(FLEISS_TABLE) == pytest.approx(0.20993, abs=5e-6)
    # The same data as 14 coders x 10 units (which rater gave which rating does not matter).
    units = [[cat for cat, n in enumerate(row) for _ in range(n)] for row in FLEISS_TABLE]
    ratings = np.array(units).T
    assert ratings.shape == (14, 10)
    assert fleiss_kappa(ratings) == pytest.approx(0.20993, abs=5e-6)


def test_vector_5_atlas_ti_binary() -> None:
    data = [ATLAS_1, ATLAS_2]
    assert percent_agreement(data) == pytest.approx(0.60)
    values, o = coincidence_matrix(data)
    n_c = o.sum(axis=1)
    n = n_c.sum()
    chance = float(np.sum(n_c * (n_c - 1)) / (n * (n - 1)))
    assert chance == pytest.approx(0.558, abs=5e-4)
    assert chance * n == pytest.approx((9.58 + 1.58), abs=0.01)  # ATLAS.ti's (9.58 + 1.58) / 20
    assert krippendorff_alpha(data) == pytest.approx(0.0952, abs=5e-5)
    assert cohen_kappa(ATLAS_1, ATLAS_2) == pytest.approx(0.0909, abs=5e-5)
    assert scott_pi(ATLAS_1, ATLAS_2) == pytest.approx(0.0476, abs=5e-5)
    assert brennan_prediger(data, q=2) == pytest.approx(0.200)
    # Gwet's AC1 (0.3103 in the vector) is not implemented in this module.


def test_vector_6_nvivo_character_agreement() -> None:
    # 1000 characters: 50 coded by both, 75 by A only, 75 by B only (150 by one user), 800 by neither.
    table = character_table([(0, 125)], [(75, 200)], length=1000)
    assert table == CharacterTable(a=50, b=75, c=75, d=800)
    assert percent_agreement_from_table(table) == pytest.approx(0.85)


def test_vector_6b_nvivo_kappa() -> None:
    table = character_table([(0, 150)], [(100, 200)], length=1000)
    assert table == (50, 100, 50, 800)
    assert cohen_kappa_from_table(table) == pytest.approx(70 / 220)
    assert round(cohen_kappa_from_table(table), 4) == 0.3182
    # the same as Cohen's kappa over the 1000 characters as units
    a = np.zeros(1000, dtype=int)
    b = np.zeros(1000, dtype=int)
    a[0:150] = 1
    b[100:200] = 1
    assert cohen_kappa(a, b) == pytest.approx(70 / 220)


# krippendorff-unitized-alpha README (§6.5 vector 10), in that package's Segment(tag, start, end)
# convention: lengths are end - start, so the sections leave one-position holes between them.
README_SECTIONS = [
    [(0, 2, None), (3, 14, "keyphrase"), (15, 21, None), (22, 52, "keyphrase"), (53, 55, None)],
    [(0, 2, None), (3, 9, "keyphrase"), (10, 21, None), (22, 52, "keyphrase"), (53, 55, None)],
    [(0, 21, None), (22, 45, "keyphrase"), (46, 55, None)],
]
README_SPANS = [[(3, 14), (22, 52)], [(3, 9), (22, 52)], [(22, 45)]]


def test_vector_10_unitized_alpha_regression() -> None:
    assert alpha_u_sections(README_SECTIONS) == pytest.approx(0.5671992508994135, rel=1e-12)
    assert alpha_u_sections([README_SECTIONS[0]] * 3) == 1.0


def test_vector_10_read_as_end_exclusive_spans() -> None:
    """Our convention (end exclusive, gaps fill the rest of 0..56): the README's spans give
    0.5955357142857143. krippendorff-unitized-alpha 0.1.0 gives the same value when fed the
    same contiguous sections (checked once by hand; a regression value, not a published one)."""
    value = alpha_u(README_SPANS, length=56)
    assert value == pytest.approx(0.5955357142857143, rel=1e-12)
    assert value == pytest.approx(reference_alpha_u([partition(s, 56) for s in README_SPANS]), rel=1e-12)
    assert alpha_u([README_SPANS[0]] * 3, length=56) == 1.0


# --------------------------------------------------------------------------- cross-checks


def random_ratings(seed: int, missing: float = 0.3) -> np.ndarray:
    rng = np.random.default_rng(seed)
    m, n, q = int(rng.integers(2, 6)), int(rng.integers(2, 40)), int(rng.integers(2, 6))
    x = rng.integers(1, q + 1, size=(m, n)).astype(float)
    x[rng.random((m, n)) < missing] = np.nan
    return x


@pytest.mark.parametrize("seed", range(60))
@pytest.mark.parametrize("level", LEVELS)
def test_alpha_matches_the_krippendorff_package(seed: int, level: str) -> None:
    data = random_ratings(seed)
    ours = krippendorff_alpha(data, level=level)  # type: ignore[arg-type]
    try:
        theirs = krippendorff.alpha(reliability_data=data, level_of_measurement=level)
    except ValueError:  # the package refuses data with a single value; ours says nan
        assert math.isnan(ours)
        return
    assert ours == pytest.approx(theirs, abs=1e-9)


def test_cross_check_data_has_missing_values_and_variation() -> None:
    """The random data above really exercises missing values and defined alphas."""
    defined = [not math.isnan(krippendorff_alpha(random_ratings(s))) for s in range(60)]
    assert sum(defined) >= 50
    assert all(np.isnan(random_ratings(s)).any() for s in range(60) if random_ratings(s).size > 20)


@pytest.mark.parametrize("seed", range(40))
def test_cohen_kappa_matches_scikit_learn(seed: int) -> None:
    metrics = pytest.importorskip("sklearn.metrics")
    rng = np.random.default_rng(seed)
    n, q = int(rng.integers(2, 60)), int(rng.integers(2, 5))
    a, b = rng.integers(0, q, n), rng.integers(0, q, n)
    a[0], b[0] = 0, 1  # at least two labels, or scikit-learn warns
    assert cohen_kappa(a, b) == pytest.approx(metrics.cohen_kappa_score(a, b), abs=1e-12)
    labels = np.array(["x", "y", "z", "w"])
    assert cohen_kappa(labels[a], labels[b]) == pytest.approx(metrics.cohen_kappa_score(a, b), abs=1e-12)


def test_fleiss_kappa_matches_the_count_table() -> None:
    rng = np.random.default_rng(7)
    ratings = rng.integers(0, 4, size=(5, 200))
    table = np.stack([np.bincount(ratings[:, u], minlength=4) for u in range(200)])
    assert fleiss_kappa(ratings) == pytest.approx(fleiss_kappa_from_table(table), abs=1e-12)


def partition(spans: list[tuple[int, int]], length: int) -> list[tuple[int, int, str | None]]:
    """Non-overlapping spans as units valued "code", with gaps filling the rest of 0..length."""
    sections: list[tuple[int, int, str | None]] = []
    cursor = 0
    for start, end in sorted(spans):
        if start > cursor:
            sections.append((cursor, start, None))
        sections.append((start, end, "code"))
        cursor = end
    if cursor < length:
        sections.append((cursor, length, None))
    return sections


def reference_alpha_u(coders: list[list[tuple[int, int, str | None]]]) -> float:
    """u-alpha written straight from qda.md §6.2, with loops over pairs of sections."""
    m = len(coders)
    values = {v for coder in coders for _, _, v in coder}
    coincidences: defaultdict[tuple[str | None, str | None], float] = defaultdict(float)
    for i, j in product(range(m), repeat=2):
        if i != j:
            for (s1, e1, c), (s2, e2, k) in product(coders[i], coders[j]):
                coincidences[c, k] += max(0, min(e1, e2) - max(s1, s2)) / (m - 1)
    total = sum(coincidences.values())
    row = {c: sum(coincidences[c, k] for k in values) for c in values}
    w = {
        c: sum((e - s) if v is None else (e - s) ** 2 for coder in coders for s, e, v in coder if v == c)
        for c in values
    }
    if sum(1 for c in values if row[c] > 0) < 2 or total**2 - sum(w.values()) <= 0:
        return math.nan
    e_cc = {c: total * (row[c] ** 2 - w[c]) / (total**2 - sum(w.values())) for c in values}
    return 1 - (total - sum(coincidences[c, c] for c in values)) / (total - sum(e_cc.values()))


@st.composite
def unitizations(draw: st.DrawFn, values: tuple[str | None, ...] = (None, "a", "b")) -> list[list[tuple]]:
    """2-4 coders, each partitioning 0..length into sections with random values."""
    length = draw(st.integers(2, 60))
    coders = []
    for _ in range(draw(st.integers(2, 4))):
        cuts = sorted(draw(st.sets(st.integers(1, length - 1), max_size=8)))
        bounds = [0, *cuts, length]
        coders.append([(s, e, draw(st.sampled_from(values))) for s, e in pairwise(bounds)])
    return coders


@settings(max_examples=200, deadline=None)
@given(unitizations())
def test_alpha_u_sections_matches_the_definition(coders: list[list[tuple]]) -> None:
    assert same(alpha_u_sections(coders), reference_alpha_u(coders), tol=1e-9)


@st.composite
def span_codings(draw: st.DrawFn) -> tuple[list[list[tuple[int, int]]], int]:
    """2-4 coders' non-overlapping spans of one code on 0..length."""
    length = draw(st.integers(2, 60))
    coders = []
    for _ in range(draw(st.integers(2, 4))):
        cuts = sorted(draw(st.sets(st.integers(0, length), max_size=8)))
        pieces = list(pairwise(cuts))
        coders.append([p for p in pieces if draw(st.booleans())])
    return coders, length


@settings(max_examples=200, deadline=None)
@given(span_codings())
def test_alpha_u_matches_the_definition(codings: tuple[list[list[tuple[int, int]]], int]) -> None:
    coders, length = codings
    expected = reference_alpha_u([partition(spans, length) for spans in coders])
    assert same(alpha_u(coders, length), expected, tol=1e-9)


@settings(max_examples=100, deadline=None)
@given(st.integers(2, 4), st.integers(2, 40), st.data())
def test_alpha_u_of_one_position_sections_is_alpha_of_the_positions(m: int, length: int, data: st.DataObject) -> None:
    """With every section one position long, w(s) = 1 for units and gaps alike and u-alpha
    is nominal alpha over positions as units: an independent check against `krippendorff`."""
    grid = np.array(
        data.draw(
            st.lists(st.lists(st.sampled_from([0, 1, 2]), min_size=length, max_size=length), min_size=m, max_size=m)
        )
    )
    coders = [[(p, p + 1, None if v == 0 else int(v)) for p, v in enumerate(row)] for row in grid]
    ours = alpha_u_sections(coders)
    if len(np.unique(grid)) < 2:
        assert math.isnan(ours)
    else:
        theirs = krippendorff.alpha(reliability_data=grid, level_of_measurement="nominal")
        assert ours == pytest.approx(theirs, abs=1e-9)


# --------------------------------------------------------------------------- properties


@st.composite
def rating_matrices(draw: st.DrawFn, min_coders: int = 2) -> np.ndarray:
    m = draw(st.integers(min_coders, 5))
    n = draw(st.integers(1, 30))
    cell = st.one_of(st.none(), st.sampled_from(["a", "b", "c"]))
    return np.array(draw(st.lists(st.lists(cell, min_size=n, max_size=n), min_size=m, max_size=m)), dtype=object)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.sampled_from([0, 1, 2]), min_size=2, max_size=40).filter(lambda r: len(set(r)) > 1), st.integers(2, 5)
)
def test_identical_codings_with_variation_give_one(row: list[int], m: int) -> None:
    data = [row] * m
    assert krippendorff_alpha(data) == 1.0
    assert fleiss_kappa(data) == 1.0
    assert percent_agreement(data) == 1.0
    assert cohen_kappa(row, row) == 1.0
    assert scott_pi(row, row) == 1.0
    for level in LEVELS:
        assert krippendorff_alpha(data, level=level) == pytest.approx(1.0)  # type: ignore[arg-type]


@settings(max_examples=150, deadline=None)
@given(rating_matrices())
def test_alpha_is_at_most_one(data: np.ndarray) -> None:
    alpha = krippendorff_alpha(data)
    assert math.isnan(alpha) or alpha <= 1 + 1e-12


@settings(max_examples=150, deadline=None)
@given(rating_matrices(), st.randoms(use_true_random=False))
def test_order_of_units_and_coders_does_not_matter(data: np.ndarray, rnd: object) -> None:
    units = list(range(data.shape[1]))
    coders = list(range(data.shape[0]))
    rnd.shuffle(units)  # type: ignore[attr-defined]
    rnd.shuffle(coders)  # type: ignore[attr-defined]
    shuffled = data[coders][:, units]
    for stat in (krippendorff_alpha, fleiss_kappa, percent_agreement):
        assert same(stat(data), stat(shuffled)), stat.__name__
    assert same(cohen_kappa(data[0], data[1]), cohen_kappa(data[0][units], data[1][units]))
    assert [r.value for r in reliability_report({"c": data})] == pytest.approx(
        [r.value for r in reliability_report({"c": shuffled})], nan_ok=True
    )


@settings(max_examples=150, deadline=None)
@given(rating_matrices())
def test_two_coder_statistics_are_symmetric(data: np.ndarray) -> None:
    a, b = data[0], data[1]
    assert same(cohen_kappa(a, b), cohen_kappa(b, a))
    assert same(scott_pi(a, b), scott_pi(b, a))
    # with two coders Fleiss' kappa is Scott's pi over the units both coded
    assert same(fleiss_kappa([a, b]), scott_pi(a, b))


@settings(max_examples=100, deadline=None)
@given(unitizations())
def test_alpha_u_does_not_depend_on_coder_order(coders: list[list[tuple]]) -> None:
    value = alpha_u_sections(coders)
    assert same(value, alpha_u_sections(coders[::-1]), tol=1e-9)
    assert math.isnan(value) or value <= 1 + 1e-12


# --------------------------------------------------------------------------- undefined and invalid


def test_no_variation_is_nan_not_zero_or_one() -> None:
    data = [[1, 1, 1], [1, 1, 1]]
    assert math.isnan(krippendorff_alpha(data))
    assert math.isnan(fleiss_kappa(data))
    assert math.isnan(cohen_kappa([1, 1, 1], [1, 1, 1]))
    assert math.isnan(scott_pi([1, 1, 1], [1, 1, 1]))
    assert math.isnan(cohen_kappa_from_table((0, 0, 0, 10)))  # nobody coded anything
    assert math.isnan(alpha_u([[], []], length=10))
    assert math.isnan(alpha_u([[(0, 10)], [(0, 10)]], length=10))
    assert percent_agreement(data) == 1.0  # agreement itself is defined


def test_no_usable_unit_is_nan() -> None:
    data = [[1, None], [None, 2]]
    assert math.isnan(percent_agreement(data))
    assert math.isnan(fleiss_kappa(data))
    assert math.isnan(cohen_kappa(*data))
    assert math.isnan(krippendorff_alpha(data))
    assert math.isnan(brennan_prediger(data, q=2))
    assert math.isnan(jaccard_from_table((0, 0, 0, 5)))


def test_disagreement_is_not_mistaken_for_no_variation() -> None:
    assert cohen_kappa([1, 1, 1], [2, 2, 2]) == 0.0
    assert krippendorff_alpha([[1, 1, 1], [2, 2, 2]]) < 0


@pytest.mark.parametrize(
    "call",
    [
        lambda: percent_agreement([[1, 2, 3]]),
        lambda: fleiss_kappa([[1, 2, 3]]),
        lambda: krippendorff_alpha([[1, 2, 3]]),
        lambda: brennan_prediger([[1, 2, 3]], q=3),
        lambda: coincidence_matrix([[1, 2, 3]]),
        lambda: reliability_report({"c": [[1, 2, 3]]}),
        lambda: alpha_u([[(0, 2)]], length=5),
        lambda: alpha_u_sections([[(0, 2, "a")]]),
    ],
)
def test_fewer_than_two_coders_is_an_error(call: object) -> None:
    with pytest.raises(ValueError, match="at least 2 coders"):
        call()  # type: ignore[operator]


def test_units_coded_by_one_coder_are_ignored_by_alpha() -> None:
    base = krippendorff_alpha(WIKIPEDIA)
    # an extra unit with a value nobody else used, coded by one coder only
    extended = [[*row, 9 if i == 0 else None] for i, row in enumerate(WIKIPEDIA)]
    assert krippendorff_alpha(extended) == base
    values, o = coincidence_matrix(extended)
    assert o[values.tolist().index(9)].sum() == 0


def test_percent_agreement_is_pairwise_over_complete_units() -> None:
    data = [[1, 1, 1], [1, 1, 2], [1, 2, None]]
    # unit 1: 3 of 3 pairs agree; unit 2: 1 of 3; unit 3 is incomplete and skipped
    assert percent_agreement(data) == pytest.approx((1 + 1 / 3) / 2)


def test_strings_and_missing_values() -> None:
    units, data = ratings_from_dicts(
        {"ann": {"u1": "trade", "u2": "security", "u3": "trade"}, "bo": {"u1": "trade", "u3": "security", "u4": "x"}}
    )
    assert units == ["u1", "u2", "u3", "u4"]
    assert data.tolist() == [["trade", "security", "trade", None], ["trade", None, "security", "x"]]
    assert percent_agreement(data) == 0.5
    assert krippendorff_alpha(data) == krippendorff_alpha([[1, 2, 1, None], [1, None, 2, 3]])


def test_ratings_from_dicts_with_given_units() -> None:
    units, data = ratings_from_dicts([{"b": 1}, {"a": 0, "b": 1}], units=["a", "b", "c"])
    assert units == ["a", "b", "c"]
    assert data.tolist() == [[None, 1, None], [0, 1, None]]
    with pytest.raises(ValueError, match="not in `units`"):
        ratings_from_dicts([{"z": 1}, {"a": 0}], units=["a"])


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: krippendorff_alpha([[1, "a"], [1, "a"]]), "mix numbers and strings"),
        (lambda: krippendorff_alpha([[1, 2], [1, 2]], level="nominl"), "level must be one of"),  # type: ignore[arg-type]
        (lambda: krippendorff_alpha([["a", "b"], ["a", "b"]], level="interval"), "needs numeric values"),
        (lambda: krippendorff_alpha([[1, 2], [1, [2]]]), "numbers or strings"),
        (lambda: krippendorff_alpha([1, 2, 3]), "2-D"),
        (lambda: cohen_kappa([1, 2], [1, 2, 3]), "same units"),
        (lambda: brennan_prediger([[1, 2], [1, 2]], q=1), "at least 2"),
        (lambda: brennan_prediger([[1, 2, 3], [1, 2, 3]], q=2), "more than q=2"),
        (lambda: fleiss_kappa_from_table([[2, 1], [1, 1]]), "same number of ratings"),
        (lambda: fleiss_kappa_from_table([[1, 0], [0, 1]]), "at least 2 ratings"),
        (lambda: character_table([(5, 5)], [], length=10), "within 0 <= start < end"),
        (lambda: character_table([(0, 11)], [], length=10), "within 0 <= start < end"),
        (lambda: character_table([(0.5, 3)], [], length=10), "integers"),
        (lambda: character_table([], [], length=0), "positive integer"),
        (lambda: alpha_u([[(0, 3)], [(2, 12)]], length=10), "within 0 <= start < end"),
        (lambda: alpha_u_sections([[(0, 5, "a"), (4, 8, None)], [(0, 8, "a")]]), "overlap"),
        (lambda: alpha_u_sections([[(3, 3, "a")], [(0, 8, "a")]]), "start < end"),
        (lambda: cohen_kappa_from_table((1, 2, 3)), "square contingency table"),
        (lambda: reliability_report({"a": [[1], [1]], "b": [[1], [1], [1]]}), "same coders"),
    ],
)
def test_invalid_input_is_a_clear_error(call: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        call()  # type: ignore[operator]


# --------------------------------------------------------------------------- spans


def test_character_table_counts_overlapping_spans_once() -> None:
    assert character_table([(0, 10), (5, 15), (5, 15)], [(10, 20)], length=30) == (5, 10, 5, 10)
    assert character_table([], [], length=4) == (0, 0, 0, 4)


def test_jaccard_is_agreement_on_coded_text_only() -> None:
    assert jaccard_from_table(character_table([(0, 150)], [(100, 200)], length=1000)) == 0.25


def test_alpha_u_merges_overlaps_but_keeps_touching_units_apart() -> None:
    assert alpha_u([[(0, 10), (5, 20)], [(0, 20)]], length=40) == 1.0
    merged = alpha_u([[(0, 20)], [(0, 25)]], length=40)
    assert merged == pytest.approx(0.7880952380952381, rel=1e-12)  # worked by hand: 1 - 10 / (80 - 32.809)
    assert alpha_u([[(0, 10), (5, 20)], [(0, 25)]], length=40) == merged
    # two units that touch stay two units: same observed, larger expected agreement coincidences
    assert alpha_u([[(0, 10), (10, 20)], [(0, 25)]], length=40) == pytest.approx(0.7801587301587302, rel=1e-12)


def test_alpha_u_accepts_a_mapping_of_coders() -> None:
    assert alpha_u(dict(zip("abc", README_SPANS, strict=True)), length=56) == alpha_u(README_SPANS, length=56)


# --------------------------------------------------------------------------- report


def test_report_for_two_coders() -> None:
    rows = reliability_report({"trade": [ATLAS_1, ATLAS_2], "security": [[1, 0, None, 1], [1, 0, 1, 1]]})
    assert all(isinstance(r, ReliabilityResult) and r.n_coders == 2 for r in rows)
    by = {(r.code, r.statistic): r for r in rows}
    assert [r.statistic for r in rows[:4]] == ["percent_agreement", "cohen_kappa", "fleiss_kappa", "krippendorff_alpha"]
    assert by["trade", "cohen_kappa"].value == pytest.approx(0.0909, abs=5e-5)
    assert by["trade", "krippendorff_alpha"].value == pytest.approx(0.0952, abs=5e-5)
    assert by["security", "percent_agreement"].n_units == 3
    assert by["security", "krippendorff_alpha"].n_units == 3
    # overall: the 14 (code, unit) pairs pooled
    pooled = [[*ATLAS_1, 1, 0, None, 1], [*ATLAS_2, 1, 0, 1, 1]]
    assert by[None, "krippendorff_alpha"].value == krippendorff_alpha(pooled)
    assert by[None, "percent_agreement"].n_units == 13
    assert [r.code for r in rows] == ["trade"] * 4 + ["security"] * 4 + [None] * 4


def test_report_for_three_coders_has_no_cohen_kappa() -> None:
    rows = reliability_report({"x": WIKIPEDIA})
    assert {r.statistic for r in rows} == {"percent_agreement", "fleiss_kappa", "krippendorff_alpha"}
    alpha = next(r for r in rows if r.code == "x" and r.statistic == "krippendorff_alpha")
    assert alpha.value == pytest.approx(0.691358, abs=5e-7)
    assert alpha.n_units == 12  # units 1, 2 and 14 have fewer than two values
    assert reliability_report({}) == []


def test_report_refuses_to_pool_numbers_with_strings() -> None:
    """Pooling 1 with "1" would silently merge or split values: a clear error instead."""
    with pytest.raises(ValueError, match="mix numbers and strings"):
        reliability_report({"n": np.array([[1, 0], [1, 0]]), "s": [["1", "0"], ["1", "1"]]})


def test_many_distinct_values_stay_cheap() -> None:
    """Nominal alpha and kappa never build a q x q table: 60,000 distinct values would need 29 GB."""
    rng = np.random.default_rng(3)
    data = rng.integers(0, 60_000, size=(3, 60_000)).astype(str)
    data[1, :30_000] = data[0, :30_000]
    # one coder pair of three agrees on half the units, chance agreement is nearly 0: alpha ~ 1/6
    assert krippendorff_alpha(data) == pytest.approx(1 / 6, abs=1e-3)
    assert 0.49 < cohen_kappa(data[0], data[1]) < 0.51
