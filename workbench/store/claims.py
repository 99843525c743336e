"""Claims: finding them, their order, their neighbours and their paragraph."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

from ..errors import NotFound
from ..models import Claim, SegmentKind
from .connection import Connection

CLAIM_COLUMNS = 's.id, s.article_id, s.idx, s.kind, s.text, s.start, s."end", s.paragraph, a.language'


# The queries below say CROSS JOIN, which SQLite reads as "segments is the outer loop": the planner
# otherwise may walk articles by id and sort every later claim to find the next one (45 ms at 200,000
# claims), where the (article_id, idx) index finds it at once.


def claim_from_row(row: sqlite3.Row | tuple) -> Claim:
    id_, article_id, idx, kind, text, start, end, paragraph, language = row
    return Claim(id_, article_id, idx, SegmentKind(kind), text, start, end, paragraph, language)


class Claims(Connection):
    def segments(self, article_id: int) -> list[Claim]:
        """All segments of an article, every kind, in order."""
        rows = self.conn.execute(
            f"SELECT {CLAIM_COLUMNS} FROM segments s CROSS JOIN articles a ON a.id = s.article_id"
            " WHERE s.article_id = ? ORDER BY s.idx",
            (article_id,),
        )
        return [claim_from_row(r) for r in rows]

    def claim(self, claim_id: int) -> Claim:
        row = self.conn.execute(
            f"SELECT {CLAIM_COLUMNS} FROM segments s CROSS JOIN articles a ON a.id = s.article_id WHERE s.id = ?",
            (claim_id,),
        ).fetchone()
        if row is None:
            raise NotFound(f"claim {claim_id} does not exist")
        return claim_from_row(row)

    def claims(self, article_id: int | None = None) -> Iterator[Claim]:
        """Claims (of one article, or all) in article order. Filtering by labels is find_claims(), which
        applies blind review for its viewer."""
        where, params = ["s.kind = 'claim'"], []
        if article_id is not None:
            where.append("s.article_id = ?")
            params.append(article_id)
        sql = (
            f"SELECT {CLAIM_COLUMNS} FROM segments s CROSS JOIN articles a ON a.id = s.article_id"
            f" WHERE {' AND '.join(where)} ORDER BY s.article_id, s.idx"
        )
        for row in self.conn.execute(sql, params):
            yield claim_from_row(row)

    def next_unlabelled(self, reviewer: str, after: Claim | None = None, *, required: int = 1) -> Claim | None:
        """The next claim `reviewer` has not labelled, in article order after `after` (wrapping round);
        claims that still have fewer than `required` labels come before those that have enough."""
        base = (
            f"SELECT {CLAIM_COLUMNS} FROM segments s CROSS JOIN articles a ON a.id = s.article_id"
            " WHERE s.kind = 'claim' AND NOT EXISTS"
            " (SELECT 1 FROM labels l WHERE l.segment_id = s.id AND l.reviewer = :reviewer)"
        )
        needs = " AND (SELECT COUNT(*) FROM labels l WHERE l.segment_id = s.id) < :required"
        later = " AND (s.article_id, s.idx) > (:article, :index)"
        params = {
            "reviewer": reviewer,
            "required": required,
            "article": after.article_id if after else -1,
            "index": after.index if after else -1,
        }
        # Each query walks segments in index order and stops at the first match: cheap on big databases.
        for where in (needs + later, needs, later, ""):
            row = self.conn.execute(base + where + " ORDER BY s.article_id, s.idx LIMIT 1", params).fetchone()
            if row:
                return claim_from_row(row)
        return None

    def neighbour(self, claim: Claim, step: int) -> Claim | None:
        """The claim before (step -1) or after (step +1) `claim` in article order, across articles."""
        op, order = (">", "ASC") if step > 0 else ("<", "DESC")
        row = self.conn.execute(
            f"SELECT {CLAIM_COLUMNS} FROM segments s CROSS JOIN articles a ON a.id = s.article_id"
            f" WHERE s.kind = 'claim' AND (s.article_id, s.idx) {op} (?, ?)"
            f" ORDER BY s.article_id {order}, s.idx {order} LIMIT 1",
            (claim.article_id, claim.index),
        ).fetchone()
        return claim_from_row(row) if row else None

    def claim_position(self, claim: Claim) -> tuple[int, int]:
        """(1-based position of the claim among its article's claims, how many claims the article has)."""
        row = self.conn.execute(
            "SELECT COUNT(*) FILTER (WHERE idx <= ?), COUNT(*) FROM segments WHERE article_id = ? AND kind = 'claim'",
            (claim.index, claim.article_id),
        ).fetchone()
        return row[0], row[1]

    def paragraph(self, claim: Claim) -> list[Claim]:
        """Every segment of the claim's paragraph, in order, for showing the claim in context."""
        rows = self.conn.execute(
            f"SELECT {CLAIM_COLUMNS} FROM segments s CROSS JOIN articles a ON a.id = s.article_id"
            " WHERE s.article_id = ? AND s.paragraph = ? ORDER BY s.idx",
            (claim.article_id, claim.paragraph),
        )
        return [claim_from_row(r) for r in rows]
