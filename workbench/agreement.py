"""Inter-reviewer agreement on nominal labels: Cohen's κ per pair, Fleiss' κ and Krippendorff's α.

Input everywhere is a mapping unit → {rater: category}; raters may skip units. A figure that
is undefined (no pairable data, or no variation at all to agree or disagree on) is None.

The cost is linear in the labels: α and Fleiss' κ need only each claim's count per category, never
its pairs of reviewers (3,000 reviewers on one claim would be 4.5 million pairs). Cohen's κ is per
pair by definition; only reviewers who labelled at least two claims can share more than one, so
pairs are enumerated among those alone, and a pair is listed only when it shares `minimum` claims.

`report` applies MIN_CLAIMS: a figure from fewer claims reviewed twice is withheld (None, with
`too_few` set), because one claim with two reviewers gives κ = −1 or α = 0, which mean nothing.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Mapping
from itertools import combinations

Ratings = Mapping[Hashable, Mapping[str, Hashable]]

# Claims labelled by at least two reviewers (or, for Cohen's κ, by both of a pair) below which a figure
# is withheld as "too few claims reviewed twice". Ten is a floor, not a guarantee: κ from ten claims still
# has a wide margin of error, but below it one or two claims decide the sign.
MIN_CLAIMS = 10


def cohen_kappa(ratings: Ratings, a: str, b: str) -> tuple[float | None, int]:
    """(κ, n) for raters `a` and `b` over the units both rated."""
    return _cohen([(r[a], r[b]) for r in ratings.values() if a in r and b in r])


def _cohen(pairs: list[tuple[Hashable, Hashable]]) -> tuple[float | None, int]:
    n = len(pairs)
    if n == 0:
        return None, 0
    observed = sum(x == y for x, y in pairs) / n
    count_a, count_b = Counter(x for x, _ in pairs), Counter(y for _, y in pairs)
    expected = sum(count_a[c] * count_b[c] for c in count_a) / (n * n)
    if expected == 1:
        return None, n  # both used one and the same category throughout: κ is 0/0
    return (observed - expected) / (1 - expected), n


def pairwise_cohen(ratings: Ratings, minimum: int = MIN_CLAIMS) -> tuple[list[dict], int]:
    """([{a, b, kappa, n}] for each pair sharing at least `minimum` units, how many other pairs share some).

    A pair is listed from two shared units up (one unit gives κ undefined or 0, never information).
    Σ over units of C(m, 2) counts every pair once per unit it shares; a pair shares two or more units
    only if both raters rated two or more, so only those pairs are enumerated, and a unit's raters who
    rated nothing else cost a count, not a pair each.
    """
    rated: Counter = Counter(rater for r in ratings.values() for rater in r)
    shared: dict[tuple[str, str], list[Hashable]] = defaultdict(list)
    incidences = 0  # pair-unit incidences: Σ C(m, 2)
    for unit, r in ratings.items():
        m = len(r)
        incidences += m * (m - 1) // 2
        busy = sorted(rater for rater in r if rated[rater] >= 2)
        for a, b in combinations(busy, 2):
            shared[(a, b)].append(unit)
    repeats = sum(len(units) - 1 for units in shared.values())
    sharing_pairs = incidences - repeats  # distinct pairs of raters that rated some unit in common
    rows = []
    for (a, b), units in sorted(shared.items()):
        if len(units) >= max(minimum, 2):
            kappa, n = _cohen([(ratings[u][a], ratings[u][b]) for u in units])
            rows.append({"a": a, "b": b, "kappa": kappa, "n": n})
    return rows, sharing_pairs - len(rows)


def _category_counts(ratings: Ratings) -> list[Counter]:
    """Per unit with at least two ratings, its count per category: all that α and Fleiss' κ need."""
    return [Counter(r.values()) for r in ratings.values() if len(r) >= 2]


def fleiss_kappa(ratings: Ratings) -> float | None:
    """Fleiss' κ over units with at least two ratings (the usual generalisation when their number varies)."""
    return _fleiss(_category_counts(ratings))


def _fleiss(units: list[Counter]) -> float | None:
    if not units:
        return None
    per_unit = []
    for counts in units:
        m = sum(counts.values())
        per_unit.append((sum(c * c for c in counts.values()) - m) / (m * (m - 1)))
    observed = sum(per_unit) / len(per_unit)
    totals: Counter = Counter()
    for counts in units:
        totals.update(counts)
    all_ratings = sum(totals.values())
    expected = sum((c / all_ratings) ** 2 for c in totals.values())
    if expected == 1:
        return None
    return (observed - expected) / (1 - expected)


def krippendorff_alpha(ratings: Ratings) -> float | None:
    """Krippendorff's α for nominal data, from the coincidence matrix of pairable values."""
    return _alpha(_category_counts(ratings))


def _alpha(units: list[Counter]) -> float | None:
    # A unit with m values and n_c of category c adds n_c·n_k/(m−1) to the coincidence of c and k (c ≠ k)
    # and n_c·(n_c−1)/(m−1) to c with itself: the same matrix as summing over its m·(m−1) ordered pairs.
    marginals: Counter = Counter()
    disagreement = 0.0
    for counts in units:
        m = sum(counts.values())
        for c, n_c in counts.items():
            marginals[c] += n_c  # each value is paired with m−1 others, each pair weighted 1/(m−1)
            disagreement += n_c * (m - n_c) / (m - 1)
    n = sum(marginals.values())
    expected = n * n - sum(v * v for v in marginals.values())  # Σ over c ≠ k of n_c · n_k
    if n <= 1 or expected == 0:
        return None
    return 1 - (n - 1) * disagreement / expected


def _figures(ratings: Ratings, minimum: int) -> dict:
    units = _category_counts(ratings)
    too_few = len(units) < minimum
    return {
        "n": len(units),
        "too_few": too_few,
        "krippendorff_alpha": None if too_few else _alpha(units),
        "fleiss_kappa": None if too_few else _fleiss(units),
    }


def report(ratings: Ratings, articles: Mapping[Hashable, Hashable] | None = None, minimum: int = MIN_CLAIMS) -> dict:
    """Every figure overall, and α and Fleiss' κ per article (`articles` maps unit → article).

    `n` beside each figure counts the claims it comes from: those with at least two reviewers (for a
    pair, those both labelled). Below `minimum` the figure is None and `too_few` is true; pairs sharing
    fewer claims are not listed, only counted in `pairs_below_minimum`.
    """
    pairs, others = pairwise_cohen(ratings, minimum)
    result = {
        **_figures(ratings, minimum),
        "minimum": minimum,
        "units": len(ratings),
        "cohen_kappa": pairs,
        "pairs_below_minimum": others,
        "per_article": [],
    }
    if articles:
        grouped: dict[Hashable, dict] = {}
        for unit, r in ratings.items():
            grouped.setdefault(articles[unit], {})[unit] = r
        result["per_article"] = [
            {"article_id": article, "units": len(units), **_figures(units, minimum)}
            for article, units in sorted(grouped.items())
        ]
    return result
