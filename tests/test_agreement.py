"""Agreement figures against textbook examples and against the krippendorff package."""

from __future__ import annotations

import math
import random
from collections import Counter
from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.agreement import MIN_CLAIMS, cohen_kappa, fleiss_kappa, krippendorff_alpha, pairwise_cohen, report


def test_cohen_textbook() -> None:
    # Wikipedia's worked example: 50 proposals, 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no → κ = 0.4.
    pairs = [("y", "y")] * 20 + [("y", "n")] * 5 + [("n", "y")] * 10 + [("n", "n")] * 15
    ratings = {i: {"a": x, "b": y} for i, (x, y) in enumerate(pairs)}
    kappa, n = cohen_kappa(ratings, "a", "b")
    assert n == 50 and kappa == pytest.approx(0.4)


def test_cohen_undefined_and_perfect() -> None:
    same = {i: {"a": "y", "b": "y"} for i in range(5)}
    assert cohen_kappa(same, "a", "b") == (None, 5)  # no variation: 0/0
    mixed = {i: {"a": c, "b": c} for i, c in enumerate("yyn")}
    assert cohen_kappa(mixed, "a", "b") == (1.0, 3)
    assert cohen_kappa({1: {"a": "y"}}, "a", "b") == (None, 0)


# Fleiss (1971) as worked on Wikipedia: 10 subjects, 14 raters, 5 categories → κ ≈ 0.210.
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


def test_fleiss_textbook() -> None:
    ratings = {}
    for subject, row in enumerate(FLEISS_TABLE):
        values = [category for category, count in enumerate(row) for _ in range(count)]
        ratings[subject] = {f"r{i}": v for i, v in enumerate(values)}
    assert fleiss_kappa(ratings) == pytest.approx(0.210, abs=5e-4)


# Krippendorff (2011), "Computing Krippendorff's alpha-reliability", nominal example → α = 0.743.
KRIPPENDORFF_TABLE = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
    [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
]


def as_ratings(table: list[list]) -> dict:
    return {
        unit: {f"c{coder}": row[unit] for coder, row in enumerate(table) if row[unit] is not None}
        for unit in range(len(table[0]))
    }


def test_krippendorff_textbook() -> None:
    assert krippendorff_alpha(as_ratings(KRIPPENDORFF_TABLE)) == pytest.approx(0.743, abs=5e-4)


@pytest.mark.parametrize("seed", range(8))
def test_krippendorff_matches_the_package(seed: int) -> None:
    import krippendorff  # in the test extra: this comparison must run, not skip

    rng = random.Random(seed)
    table = [[rng.choice([0, 1, 2, None]) for _ in range(30)] for _ in range(rng.randint(2, 5))]
    ours = krippendorff_alpha(as_ratings(table))
    reliability = [[math.nan if v is None else v for v in row] for row in table]
    try:
        theirs = krippendorff.alpha(reliability_data=reliability, level_of_measurement="nominal")
    except (ValueError, ZeroDivisionError):
        theirs = math.nan
    if ours is None:
        assert math.isnan(theirs)
    else:
        assert ours == pytest.approx(theirs)


def test_report_shape() -> None:
    ratings = {
        1: {"ann": "verified", "bob": "verified"},
        2: {"ann": "disputed", "bob": "verified"},
        3: {"ann": "unverified", "bob": "unverified", "cy": "unverified"},
        4: {"cy": "verified"},
    }
    result = report(ratings, {1: 10, 2: 10, 3: 11, 4: 11}, minimum=2)
    assert set(result) >= {"krippendorff_alpha", "fleiss_kappa", "cohen_kappa", "per_article", "n", "too_few"}
    assert (result["n"], result["units"], result["too_few"]) == (3, 4, False)  # n: claims with two reviewers
    # ann/bob share three claims; ann/cy and bob/cy one, below the minimum: counted, not listed.
    assert [(p["a"], p["b"], p["n"]) for p in result["cohen_kappa"]] == [("ann", "bob", 3)]
    assert result["pairs_below_minimum"] == 2
    assert [(a["article_id"], a["n"], a["too_few"]) for a in result["per_article"]] == [(10, 2, False), (11, 1, True)]
    assert result["per_article"][1]["fleiss_kappa"] is None
    assert pairwise_cohen({}) == ([], 0)


def test_one_claim_reviewed_twice_gives_no_figure() -> None:
    # The Dashboard showed Fleiss' κ = −1.00 and α = 0.00 from this; and single-reviewer claims inflated n.
    ratings = {1: {"ann": "verified", "bob": "disputed"}, 2: {"ann": "verified"}, 3: {"bob": "unverified"}}
    result = report(ratings)
    assert result["n"] == 1 and result["too_few"] and result["minimum"] == MIN_CLAIMS
    assert result["krippendorff_alpha"] is None and result["fleiss_kappa"] is None
    assert result["cohen_kappa"] == [] and result["pairs_below_minimum"] == 1


# Ratings of a few claims by a few reviewers, who skip claims: the class the linear formulas must agree on.
_RATINGS = st.dictionaries(
    st.integers(0, 30),
    st.dictionaries(st.sampled_from(["ann", "bob", "cy", "dee", "eve"]), st.sampled_from("vud"), max_size=5),
    max_size=25,
)


def _pairs_alpha(ratings: dict) -> float | None:
    """α the textbook way, from the ordered pairs of values in each unit: quadratic, as the old code was."""
    coincidences: Counter = Counter()
    for r in ratings.values():
        values = list(r.values())
        for i, c in enumerate(values):
            for j, k in enumerate(values):
                if i != j:
                    coincidences[(c, k)] += 1 / (len(values) - 1)
    marginals: Counter = Counter()
    for (c, _), weight in coincidences.items():
        marginals[c] += weight
    n = sum(marginals.values())
    expected = sum(marginals[c] * marginals[k] for c in marginals for k in marginals if c != k)
    if n <= 1 or expected == 0:
        return None
    return 1 - (n - 1) * sum(w for (c, k), w in coincidences.items() if c != k) / expected


@settings(max_examples=300, deadline=None)
@given(ratings=_RATINGS, minimum=st.integers(0, 4))
def test_linear_figures_match_the_pairwise_definitions(ratings: dict, minimum: int) -> None:
    ours = krippendorff_alpha(ratings)
    theirs = _pairs_alpha(ratings)
    assert (ours is None) == (theirs is None) and (ours is None or ours == pytest.approx(theirs, abs=1e-9))
    # Every pair of reviewers sharing a claim is either listed (enough shared claims) or counted.
    raters = sorted({rater for r in ratings.values() for rater in r})
    sharing = {(a, b): cohen_kappa(ratings, a, b) for a, b in combinations(raters, 2) if cohen_kappa(ratings, a, b)[1]}
    wanted = {pair: figure for pair, figure in sharing.items() if figure[1] >= max(minimum, 2)}
    rows, others = pairwise_cohen(ratings, minimum)
    assert {(p["a"], p["b"]): (p["kappa"], p["n"]) for p in rows} == wanted
    assert others == len(sharing) - len(wanted)


@pytest.mark.filterwarnings("ignore::RuntimeWarning")  # the package divides 0 by 0 where α is undefined
@settings(max_examples=60, deadline=None)
@given(ratings=_RATINGS)
def test_alpha_matches_the_package_over_the_class(ratings: dict) -> None:
    import krippendorff

    raters = sorted({rater for r in ratings.values() for rater in r})
    units = sorted(ratings)
    code = {"v": 0, "u": 1, "d": 2}
    table = [[code[ratings[u][c]] if c in ratings[u] else math.nan for u in units] for c in raters]
    ours = krippendorff_alpha(ratings)
    try:
        theirs = krippendorff.alpha(reliability_data=table, level_of_measurement="nominal") if table else math.nan
    except (ValueError, ZeroDivisionError):
        theirs = math.nan
    if ours is None:
        assert math.isnan(theirs) or theirs == pytest.approx(1.0)  # all one value: theirs may call it 1
    else:
        assert ours == pytest.approx(theirs)
