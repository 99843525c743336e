"""Agreement figures against textbook examples and against the krippendorff package."""

from __future__ import annotations

import math
import random

import pytest

from workbench.agreement import cohen_kappa, fleiss_kappa, krippendorff_alpha, pairwise_cohen, report


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
    }
    result = report(ratings, {1: 10, 2: 10, 3: 11})
    assert set(result) >= {"krippendorff_alpha", "fleiss_kappa", "cohen_kappa", "per_article"}
    assert [(p["a"], p["b"], p["n"]) for p in result["cohen_kappa"]] == [
        ("ann", "bob", 3),
        ("ann", "cy", 1),
        ("bob", "cy", 1),
    ]
    assert [a["article_id"] for a in result["per_article"]] == [10, 11]
    assert pairwise_cohen({}) == []
