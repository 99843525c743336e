"""Ranking candidates for "the same claim elsewhere", and the stricter rule for suggesting a pair as the same.

A news sentence carries several facts, so two claims are compared by their best-matching clauses (the core)
as well as whole: the score is the larger of the two cosines. Ranking uses that score, lowered where the
claims' figures disagree or their cores differ in negation, direction or names. Suggesting a pair as the same
claim needs more than a number: a score over SUGGEST_AT, no disagreement at all, and each claim the other's
best candidate in its article. A person confirms every suggestion; nothing here labels anything.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field

import numpy as np

from .encoder import Encoder
from .index import VectorIndex
from .quantities import Quantity, extract_quantities, quantities_agree
from .signals import Core, clauses, conflicts, core_of

SUGGEST_AT = 0.62  # core cosine from which an agreeing, mutually best pair is suggested (bench/matching.py)
NAMES_SUGGEST_AT = 0.75  # a pair whose cores name different things needs this much more
SHORTLIST = 50  # whole-sentence neighbours reranked by their clauses (seed twins rank up to 5th by whole cosine)
PENALTY = {"figures": 0.5, "negation": 0.6, "direction": 0.6, "names": 0.9}


@dataclass(frozen=True)
class Claim:
    """One claim to match: its id as the caller knows it, its text, and optionally its language and article."""

    id: Hashable
    text: str
    language: str | None = None
    article: Hashable | None = None


@dataclass(frozen=True)
class Prepared:
    """A claim with what matching needs of it: the whole vector, the clause vectors, the signals."""

    claim: Claim
    vector: np.ndarray
    units: np.ndarray  # row 0 the whole sentence, then each clause
    cores: tuple[Core, ...]
    quantities: tuple[Quantity, ...]


@dataclass(frozen=True)
class Comparison:
    score: float  # for ranking: the core cosine times the penalties of the reasons
    similarity: float  # the core cosine alone
    reasons: tuple[str, ...] = field(default=())  # why the two may state different facts


# A claim is a sentence or two; a longer text is matched on its start, so one pasted article cannot take
# minutes (70,000 characters took 13 s to encode and gave 1,000 clauses).
MAX_CHARS = 2000
MAX_CLAUSES = 16


def _units(text: str) -> list[str]:
    text = text[:MAX_CHARS]
    return [text, *[c for c in clauses(text) if c != text][:MAX_CLAUSES]]


class Matcher:
    def __init__(self, encoder: Encoder) -> None:
        self.encoder = encoder

    def prepare(self, claims: Sequence[Claim]) -> list[Prepared]:
        """Encode every claim and its clauses in one batch (a list encodes several times faster than one by one)."""
        units = [_units(c.text) for c in claims]
        flat = [u for group in units for u in group]
        vectors = self.encoder.encode(flat)
        out, start = [], 0
        for claim, group in zip(claims, units):
            rows = vectors[start : start + len(group)]
            start += len(group)
            out.append(
                Prepared(
                    claim,
                    rows[0],
                    rows,
                    tuple(core_of(u, claim.language) for u in group),
                    tuple(extract_quantities(claim.text, claim.language)),
                )
            )
        return out

    @staticmethod
    def compare(a: Prepared, b: Prepared) -> Comparison:
        grid = a.units @ b.units.T
        i, j = np.unravel_index(int(np.argmax(grid)), grid.shape)
        similarity = float(grid[i, j])
        reasons = []
        if not quantities_agree(list(a.quantities), list(b.quantities)):
            reasons.append("figures")
        # Negation and direction on the aligned core, and on the whole sentences when either is one clause.
        reasons += conflicts(a.cores[i], b.cores[j])
        if len(a.units) == 1 or len(b.units) == 1:
            reasons += [r for r in conflicts(a.cores[0], b.cores[0]) if r != "names" and r not in reasons]
        score = similarity
        for reason in reasons:
            score *= PENALTY[reason]
        return Comparison(score, similarity, tuple(reasons))

    @staticmethod
    def same_claim(comparison: Comparison) -> bool:
        """Whether a pair may be suggested as the same claim, before the mutual-best rule."""
        blocking = [r for r in comparison.reasons if r != "names"]
        if blocking:
            return False
        needed = NAMES_SUGGEST_AT if "names" in comparison.reasons else SUGGEST_AT
        return comparison.similarity >= needed

    def rank(self, prepared: Sequence[Prepared], top: int) -> list[list[tuple[Prepared, Comparison]]]:
        """For each claim, its `top` best candidates from other articles (all others without articles)."""
        pool = Pool(prepared)
        return [self._candidates(n, pool)[:top] for n in range(len(prepared))]

    def _candidates(self, n: int, pool: Pool) -> list[tuple[Prepared, Comparison]]:
        """A claim's candidates: whole-sentence neighbours from the index, reranked by their clauses."""
        p = pool.prepared[n]
        neighbours = pool.index.search(p.vector, SHORTLIST, exclude=pool.same_article(n))
        compared = [(pool.prepared[m], self.compare(p, pool.prepared[m])) for m, _ in neighbours]
        return sorted(compared, key=lambda pair: -pair[1].score)

    def suggest(self, prepared: Sequence[Prepared]) -> list[tuple[Prepared, Prepared, Comparison]]:
        """Pairs to suggest as the same claim: agreeing, over the bar, and each the other's best in its article."""
        pool = Pool(prepared)
        best: dict[tuple[int, Hashable], tuple[int, float]] = {}
        kept: dict[tuple[int, int], Comparison] = {}
        for n in range(len(prepared)):
            for q, comparison in self._candidates(n, pool):
                m = pool.position[id(q)]
                key = (n, _article_key(q))
                if key not in best or comparison.score > best[key][1]:
                    best[key] = (m, comparison.score)
                if self.same_claim(comparison):
                    kept.setdefault((min(n, m), max(n, m)), comparison)
        pairs = []
        for (n, m), comparison in kept.items():
            a, b = prepared[n], prepared[m]
            if best.get((n, _article_key(b)), (None,))[0] == m and best.get((m, _article_key(a)), (None,))[0] == n:
                pairs.append((a, b, comparison))
        return sorted(pairs, key=lambda t: -t[2].score)


class Pool:
    """Prepared claims with an index over their whole-sentence vectors (ids are positions in the list)."""

    def __init__(self, prepared: Sequence[Prepared]) -> None:
        self.prepared = list(prepared)
        self.position = {id(p): n for n, p in enumerate(self.prepared)}
        dimensions = self.prepared[0].vector.shape[0] if self.prepared else 0
        self.index = VectorIndex(dimensions)
        if self.prepared:
            self.index.add(np.arange(len(self.prepared)), np.array([p.vector for p in self.prepared]))
        self._articles: dict[Hashable, list[int]] = {}
        for n, p in enumerate(self.prepared):
            if p.claim.article is not None:
                self._articles.setdefault(p.claim.article, []).append(n)

    def same_article(self, n: int) -> list[int]:
        """The claim itself and every claim of its article: never its own candidates."""
        article = self.prepared[n].claim.article
        return [n] if article is None else self._articles[article]


def _article_key(p: Prepared) -> Hashable:
    """Claims without an article each stand alone: their own article."""
    return ("article", p.claim.article) if p.claim.article is not None else ("claim", id(p))
