"""The review queue: which claim a reviewer gets next.

Three rules, in this order: with the setting "suggestions first", claims whose confirmed twins someone
labelled come first; then claims that still have fewer labels than the review settings ask for; then the
reviewer's other unlabelled claims. Each walk is in article order from where the reviewer left off.
"""

from __future__ import annotations

from dataclasses import replace

from ..models import Claim
from .accounts import Accounts
from .claim_filter import ClaimFilter, claim_from_row
from .claims import listed
from .connection import Database
from .visibility import Sight


class ReviewQueue:
    def __init__(self, database: Database, accounts: Accounts) -> None:
        self.database = database
        self.conn = database.conn
        self._accounts = accounts

    def next_unlabelled(
        self, reviewer: str, after: Claim | None = None, *, required: int | None = None
    ) -> Claim | None:
        """The next claim `reviewer` has not labelled, after `after` in article order (wrapping round), or
        None when they have labelled every claim. `required` overrides the settings' reviews per claim."""
        settings = self._accounts.review_settings()
        if settings.suggestions_first:
            twin_labelled = self._twin_labelled(reviewer, after)
            if twin_labelled is not None:
                return twin_labelled
        return self._in_order(reviewer, after, settings.reviews_per_claim if required is None else required)

    def _twin_labelled(self, reviewer: str, after: Claim | None) -> Claim | None:
        # Claims the reviewer has not labelled (their own labels, which any Sight of theirs shows them),
        # in a cluster where someone labelled another claim: the cluster's order, not the article's.
        sql, params = ClaimFilter(status="unlabelled", reviewer=reviewer).select(
            sight=Sight(reviewer, everything=False),
            joins=" JOIN claim_clusters c ON c.segment_id = s.id",
            also=[
                "s.id != ?",
                "EXISTS (SELECT 1 FROM claim_clusters t JOIN labels l ON l.segment_id = t.segment_id"
                " AND l.withdrawn_at IS NULL WHERE t.cluster_id = c.cluster_id AND t.segment_id != s.id)",
            ],
            also_params=[after.id if after else -1],
            order_by="c.cluster_id, s.id",
            limit=1,
        )
        row = self.conn.execute(sql, params).fetchone()
        return claim_from_row(row) if row else None

    def _in_order(self, reviewer: str, after: Claim | None, required: int) -> Claim | None:
        """Claims that still have fewer than `required` labels come before those that have enough.

        Without `after`, from where the reviewer left off: the claim of their latest label, found through the
        (reviewer, updated_at) index. From the start of the database instead, the walk would pass every
        claim they have labelled (55 ms at 200,000 claims, half labelled, on each first open of the page)."""
        # "Not labelled by me": the reviewer's own labels, which any Sight of theirs shows them.
        mine = ClaimFilter(status="unlabelled", reviewer=reviewer)
        sight = Sight(reviewer, everything=False)
        if after is not None:
            later = replace(mine, after=(after.article_id, after.index))
        else:
            # That claim itself is labelled; >= keeps a part a correction of its split put in its place.
            later = replace(mine, starting_at=self._left_off(reviewer))
        # Each query walks segments in index order and stops at the first match: cheap on big databases.
        for found in (
            replace(later, fewer_labels_than=required),
            replace(mine, fewer_labels_than=required),
            later,
            mine,
        ):
            claims = listed(self.conn, found, sight, limit=1)
            if claims:
                return claims[0]
        return None

    def _left_off(self, reviewer: str) -> tuple[int, int]:
        """(article id, index) of the claim of `reviewer`'s latest label, or (-1, -1) before their first."""
        row = self.conn.execute(
            "SELECT s.article_id, s.idx FROM labels l JOIN segments s ON s.id = l.segment_id"
            " WHERE l.reviewer = ? AND l.withdrawn_at IS NULL ORDER BY l.updated_at DESC LIMIT 1",
            (reviewer,),
        ).fetchone()
        return (row[0], row[1]) if row else (-1, -1)
