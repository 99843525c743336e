"""Reads for reading an article on the Review page: one's own verdicts on its segments, and its paragraphs."""

from __future__ import annotations

from ..models import Claim
from .claim_filter import ClaimFilter, claim_from_row
from .claims import in_current_text
from .connection import Database


class Reading:
    def __init__(self, database: Database) -> None:
        self.database = database
        self.conn = database.conn

    def own_statuses(self, article_id: int, *, viewer: str) -> dict[int, str]:
        """{segment id: status} of `viewer`'s own labels on one article: nobody else's, so blind review holds."""
        rows = self.conn.execute(
            "SELECT l.segment_id, l.status FROM segments s JOIN labels l ON l.segment_id = s.id AND l.reviewer = ?"
            " WHERE s.article_id = ? AND l.withdrawn_at IS NULL",
            (viewer, article_id),
        )
        return dict(rows.fetchall())

    def paragraphs_around(self, claim: Claim, before: int = 1, after: int = 1) -> list[Claim]:
        """Every current segment (none a correction replaced) of the claim's paragraph and of `before`
        paragraphs before and `after` after it; a claim of an earlier revision of its article, on its own."""
        if claim.superseded_at is not None and not in_current_text(self.conn, claim.id):
            return [claim]
        around = (claim.paragraph - before, claim.paragraph + after)
        sql, params = ClaimFilter(article_id=claim.article_id, kind=None, retired=True, paragraphs=around).select()
        return [claim_from_row(r) for r in self.conn.execute(sql, params)]
