"""Claims: finding them, their order, their neighbours and their paragraph."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

from ..errors import NotFound
from ..models import Claim, SegmentKind
from .connection import Connection

CLAIM_COLUMNS = 's.id, s.article_id, s.idx, s.kind, s.text, s.start, s."end", s.paragraph, a.language, s.superseded_at'
# What queues, search, progress and neighbours walk: current segments (not superseded by a correction of
# the split) of articles that are not retired. History, Adjudication and exports also read the others.
# Retired articles by a partial index holding only them: a condition on `a` would make SQLite scan every article
# (a Bloom filter, or reading past each article's text to its retired_at) on every query.
RETIRED = "(SELECT id FROM articles WHERE retired_at IS NOT NULL)"
LIVE = f"s.article_id NOT IN {RETIRED}"
CURRENT = f"s.superseded_at IS NULL AND {LIVE}"


# The queries below say CROSS JOIN, which SQLite reads as "segments is the outer loop": the planner
# otherwise may walk articles by id and sort every later claim to find the next one (45 ms at 200,000
# claims), where the (article_id, idx) index finds it at once.


def in_current_text(conn: sqlite3.Connection, segment_id: int) -> bool:
    """Whether a segment's offsets refer to its article's current text: false for one of an earlier revision
    (store/revisions.py), whose paragraph must not be cut out of the current text."""
    row = conn.execute(
        "SELECT s.revision >= COALESCE((SELECT MAX(r.revision) FROM article_revisions r"
        " WHERE r.article_id = s.article_id), 1) FROM segments s WHERE s.id = ?",
        (segment_id,),
    ).fetchone()
    return bool(row and row[0])


def claim_from_row(row: sqlite3.Row | tuple) -> Claim:
    id_, article_id, idx, kind, text, start, end, paragraph, language, superseded_at = row
    return Claim(id_, article_id, idx, SegmentKind(kind), text, start, end, paragraph, language, superseded_at)


class Claims(Connection):
    def segments(self, article_id: int) -> list[Claim]:
        """The current segments of an article, every kind, in order."""
        rows = self.conn.execute(
            f"SELECT {CLAIM_COLUMNS} FROM segments s CROSS JOIN articles a ON a.id = s.article_id"
            " WHERE s.article_id = ? AND s.superseded_at IS NULL ORDER BY s.idx",
            (article_id,),
        )
        return [claim_from_row(r) for r in rows]

    def claim(self, claim_id: int) -> Claim:
        """One segment by id, current or superseded, of any article (History and exports read old ones)."""
        row = self.conn.execute(
            f"SELECT {CLAIM_COLUMNS} FROM segments s CROSS JOIN articles a ON a.id = s.article_id WHERE s.id = ?",
            (claim_id,),
        ).fetchone()
        if row is None:
            raise NotFound(f"claim {claim_id} does not exist")
        return claim_from_row(row)

    def claims(self, article_id: int | None = None) -> Iterator[Claim]:
        """Current claims (of one article, or all) in article order. Filtering by labels is find_claims(),
        which applies blind review for its viewer."""
        where, params = ["s.kind = 'claim'", CURRENT], []
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
        claims that still have fewer than `required` labels come before those that have enough.

        Without `after`, from where the reviewer left off: the claim of their latest label, found through the
        (reviewer, updated_at) index. From the start of the database instead, the walk would pass every
        claim they have labelled (55 ms at 200,000 claims, half labelled, on each first open of the page)."""
        base = (
            f"SELECT {CLAIM_COLUMNS} FROM segments s CROSS JOIN articles a ON a.id = s.article_id"
            f" WHERE s.kind = 'claim' AND {CURRENT} AND NOT EXISTS"
            " (SELECT 1 FROM labels l WHERE l.segment_id = s.id AND l.reviewer = ? AND l.withdrawn_at IS NULL)"
        )
        needs = " AND (SELECT COUNT(*) FROM labels l WHERE l.segment_id = s.id AND l.withdrawn_at IS NULL) < ?"
        if after is not None:
            later, position = " AND (s.article_id, s.idx) > (?, ?)", [after.article_id, after.index]
        else:
            # That claim itself is labelled; >= keeps a part a correction of its split put in its place.
            later, position = " AND (s.article_id, s.idx) >= (?, ?)", list(self._left_off(reviewer))
        # Each query walks segments in index order and stops at the first match: cheap on big databases.
        for where, params in (
            (needs + later, [required, *position]),
            (needs, [required]),
            (later, position),
            ("", []),
        ):
            sql = base + where + " ORDER BY s.article_id, s.idx LIMIT 1"
            row = self.conn.execute(sql, [reviewer, *params]).fetchone()
            if row:
                return claim_from_row(row)
        return None

    def _left_off(self, reviewer: str) -> tuple[int, int]:
        """(article id, index) of the claim of `reviewer`'s latest label, or (-1, -1) before their first."""
        row = self.conn.execute(
            "SELECT s.article_id, s.idx FROM labels l JOIN segments s ON s.id = l.segment_id"
            " WHERE l.reviewer = ? AND l.withdrawn_at IS NULL ORDER BY l.updated_at DESC LIMIT 1",
            (reviewer,),
        ).fetchone()
        return (row[0], row[1]) if row else (-1, -1)

    def neighbour(self, claim: Claim, step: int) -> Claim | None:
        """The claim before (step -1) or after (step +1) `claim` in article order, across articles."""
        op, order = (">", "ASC") if step > 0 else ("<", "DESC")
        row = self.conn.execute(
            f"SELECT {CLAIM_COLUMNS} FROM segments s CROSS JOIN articles a ON a.id = s.article_id"
            f" WHERE s.kind = 'claim' AND {CURRENT} AND (s.article_id, s.idx) {op} (?, ?)"
            f" ORDER BY s.article_id {order}, s.idx {order} LIMIT 1",
            (claim.article_id, claim.index),
        ).fetchone()
        return claim_from_row(row) if row else None

    def claim_position(self, claim: Claim) -> tuple[int, int]:
        """(1-based position of the claim among its article's claims, how many claims the article has)."""
        row = self.conn.execute(
            "SELECT COUNT(*) FILTER (WHERE idx <= ?), COUNT(*) FROM segments"
            " WHERE article_id = ? AND kind = 'claim' AND superseded_at IS NULL",
            (claim.index, claim.article_id),
        ).fetchone()
        return row[0], row[1]

    def paragraph(self, claim: Claim) -> list[Claim]:
        """Every current segment of the claim's paragraph, in order, for showing the claim in context.

        A superseded claim is shown among the current segments that hold its paragraph's text; one of an
        earlier revision of the article on its own (its offsets refer to a text the article no longer has)."""
        if claim.superseded_at is not None and not in_current_text(self.conn, claim.id):
            return [claim]
        rows = self.conn.execute(
            f"SELECT {CLAIM_COLUMNS} FROM segments s CROSS JOIN articles a ON a.id = s.article_id"
            " WHERE s.article_id = ? AND s.paragraph = ? AND s.superseded_at IS NULL ORDER BY s.idx",
            (claim.article_id, claim.paragraph),
        )
        found = [claim_from_row(r) for r in rows]
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
