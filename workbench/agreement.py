"""Inter-reviewer agreement on nominal labels: Cohen's κ per pair, Fleiss' κ and Krippendorff's α.

Input everywhere is a mapping unit → {rater: category}; raters may skip units. A figure that
is undefined (no pairable data, or no variation at all to agree or disagree on) is None.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Mapping
from itertools import combinations

Ratings = Mapping[Hashable, Mapping[str, Hashable]]


def cohen_kappa(ratings: Ratings, a: str, b: str) -> tuple[float | None, int]:
    """(κ, n) for raters `a` and `b` over the units both rated."""
    pairs = [(r[a], r[b]) for r in ratings.values() if a in r and b in r]
    n = len(pairs)
    if n == 0:
        return None, 0
    observed = sum(x == y for x, y in pairs) / n
    count_a, count_b = Counter(x for x, _ in pairs), Counter(y for _, y in pairs)
    expected = sum(count_a[c] * count_b[c] for c in count_a) / (n * n)
    if expected == 1:
        return None, n  # both used one and the same category throughout: κ is 0/0
    return (observed - expected) / (1 - expected), n


def pairwise_cohen(ratings: Ratings) -> list[dict]:
    raters = sorted({rater for r in ratings.values() for rater in r})
    rows = []
    for a, b in combinations(raters, 2):
        kappa, n = cohen_kappa(ratings, a, b)
        if n:
            rows.append({"a": a, "b": b, "kappa": kappa, "n": n})
    return rows


def fleiss_kappa(ratings: Ratings) -> float | None:
    """Fleiss' κ over units with at least two ratings (the usual generalisation when their number varies)."""
    units = [Counter(r.values()) for r in ratings.values() if len(r) >= 2]
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
    coincidences: Counter = Counter()
    for r in ratings.values():
        values = list(r.values())
        m = len(values)
        if m < 2:
            continue
        for i, c in enumerate(values):
            for j, k in enumerate(values):
                if i != j:
                    coincidences[(c, k)] += 1 / (m - 1)
    marginals: Counter = Counter()
    for (c, _), weight in coincidences.items():
        marginals[c] += weight
    n = sum(marginals.values())
    disagreement = sum(w for (c, k), w in coincidences.items() if c != k)
    expected = sum(marginals[c] * marginals[k] for c in marginals for k in marginals if c != k)
    if n <= 1 or expected == 0:
        return None
    return 1 - (n - 1) * disagreement / expected


def report(ratings: Ratings, articles: Mapping[Hashable, Hashable] | None = None) -> dict:
    """Every figure overall, and α and Fleiss' κ per article (`articles` maps unit → article)."""
    result = {
        "krippendorff_alpha": krippendorff_alpha(ratings),
        "fleiss_kappa": fleiss_kappa(ratings),
        "cohen_kappa": pairwise_cohen(ratings),
        "units": len(ratings),
        "per_article": [],
    }
    if articles:
        grouped: dict[Hashable, dict] = {}
        for unit, r in ratings.items():
            grouped.setdefault(articles[unit], {})[unit] = r
        result["per_article"] = [
            {
                "article_id": article,
                "units": len(units),
                "krippendorff_alpha": krippendorff_alpha(units),
                "fleiss_kappa": fleiss_kappa(units),
            }
            for article, units in sorted(grouped.items())
        ]
    return result
