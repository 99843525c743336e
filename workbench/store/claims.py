"""Claims: finding them, their order, their neighbours and their paragraph."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

from ..errors import NotFound
from ..models import Claim
from .claim_filter import CLAIM_COLUMNS, CURRENT, LIVE, RETIRED, ClaimFilter, claim_from_row
from .connection import Database
from .visibility import Sight

__all__ = ["CLAIM_COLUMNS", "CURRENT", "LIVE", "RETIRED", "Claims", "claim_from_row", "in_current_text", "listed"]


def in_current_text(conn: sqlite3.Connection, segment_id: int) -> bool:
    """Whether a segment's offsets refer to its article's current text: false for one of an earlier revision
    (store/revisions.py), whose paragraph must not be cut out of the current text."""
    row = conn.execute(
        "SELECT s.revision >= COALESCE((SELECT MAX(r.revision) FROM article_revisions r"
        " WHERE r.article_id = s.article_id), 1) FROM segments s WHERE s.id = ?",
        (segment_id,),
    ).fetchone()
    return bool(row and row[0])


def listed(
    conn: sqlite3.Connection,
    found: ClaimFilter,
    sight: Sight | None = None,
    *,
    ordered: bool = True,
    reverse: bool = False,
    limit: int | None = None,
) -> list[Claim]:
    """The claims a ClaimFilter finds, read through `conn`."""
    sql, params = found.select(sight=sight, ordered=ordered, reverse=reverse, limit=limit)
    return [claim_from_row(row) for row in conn.execute(sql, params)]


class Claims:
    """Segments by id, by article and in order; their paragraph, neighbours and lineage."""

    def __init__(self, database: Database) -> None:
        self.database = database
        self.conn = database.conn

    def segments(self, article_id: int) -> list[Claim]:
        """The current segments of an article, every kind, in order."""
        return listed(self.conn, ClaimFilter(article_id=article_id, kind=None, retired=True))

    def claim(self, claim_id: int) -> Claim:
        """One segment by id, current or superseded, of any article (History and exports read old ones)."""
        found = listed(
            self.conn, ClaimFilter(claim_id=claim_id, kind=None, superseded=True, retired=True), ordered=False
        )
        if not found:
            raise NotFound(f"claim {claim_id} does not exist")
        return found[0]

    def claims(self, article_id: int | None = None) -> Iterator[Claim]:
        """Current claims (of one article, or all) in article order. Filtering by labels is find_claims(),
        which applies blind review for its viewer."""
        sql, params = ClaimFilter(article_id=article_id).select()
        for row in self.conn.execute(sql, params):
            yield claim_from_row(row)

    def neighbour(self, claim: Claim, step: int) -> Claim | None:
        """The claim before (step -1) or after (step +1) `claim` in article order, across articles."""
        place = (claim.article_id, claim.index)
        found = ClaimFilter(after=place) if step > 0 else ClaimFilter(before=place)
        claims = listed(self.conn, found, reverse=step < 0, limit=1)
        return claims[0] if claims else None

    def claim_position(self, claim: Claim) -> tuple[int, int]:
        """(1-based position of the claim among its article's claims, how many claims the article has)."""
        sql, params = ClaimFilter(article_id=claim.article_id, retired=True).select(
            "COUNT(*) FILTER (WHERE s.idx <= ?), COUNT(*)", column_params=[claim.index], ordered=False
        )
        row = self.conn.execute(sql, params).fetchone()
        return row[0], row[1]

    def paragraph(self, claim: Claim) -> list[Claim]:
        """Every current segment of the claim's paragraph, in order, for showing the claim in context.

        A superseded claim is shown among the current segments that hold its paragraph's text; one of an
        earlier revision of the article on its own (its offsets refer to a text the article no longer has)."""
        if claim.superseded_at is not None and not in_current_text(self.conn, claim.id):
            return [claim]
        own = (claim.paragraph, claim.paragraph)
        found = listed(self.conn, ClaimFilter(article_id=claim.article_id, kind=None, retired=True, paragraphs=own))
        return found if found or claim.superseded_at is None else [claim]

    # -- lineage ------------------------------------------------------------

    def ancestors(self, segment_id: int) -> list[int]:
        """Ids of every segment this one came from by splits and merges, transitively, oldest first."""
        rows = self.conn.execute(
            "WITH RECURSIVE up(id) AS (SELECT predecessor_id FROM segment_lineage WHERE successor_id = ?"
            " UNION SELECT l.predecessor_id FROM segment_lineage l JOIN up ON l.successor_id = up.id)"
            " SELECT id FROM up ORDER BY id",
            (segment_id,),
        )
        return [row[0] for row in rows]

    def successors(self, segment_id: int) -> list[int]:
        """Ids of the segments that replaced this one, in text order (none while it is current)."""
        rows = self.conn.execute(
            "SELECT l.successor_id FROM segment_lineage l JOIN segments s ON s.id = l.successor_id"
            " WHERE l.predecessor_id = ? ORDER BY s.start, s.id",
            (segment_id,),
        )
        return [row[0] for row in rows]

    def current_successor(self, segment_id: int) -> Claim:
        """The segment itself while current, else its current successor: the first in text order at each step.

        NotFound for no such segment, or one of a retired article."""
        claim = self.claim(segment_id)
        seen = {claim.id}
        while claim.superseded_at is not None:
            following = self.successors(claim.id)
            if not following or following[0] in seen:  # a restored file may hold a broken chain
                break
            claim = self.claim(following[0])
            seen.add(claim.id)
        if self.article_retired(claim.article_id):
            raise NotFound(f"claim {segment_id} belongs to a retired article")
        return claim

    def article_retired(self, article_id: int) -> bool:
        row = self.conn.execute("SELECT retired_at FROM articles WHERE id = ?", (article_id,)).fetchone()
        return row is not None and row[0] is not None
