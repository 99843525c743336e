"""Reviewer corrections of the split: split a segment, merge it with the next, change its kind.

Offsets stay exact (`text == article[start:end]`, in order, no overlap). A split or merged
segment is new and starts unlabelled; the labels of the segments it replaces stay in
label_events, and every correction is kept in segment_events with who, when, before and after.
"""

from __future__ import annotations

import json
import sqlite3

from ..errors import InvalidInput, NotFound
from ..models import Claim, SegmentKind
from ..permissions import Action
from ..rules import check_reviewer
from .accounts import Accounts
from .claims import CLAIM_COLUMNS, Claims, claim_from_row
from .connection import now


def _as_json(segments: list[Claim]) -> str:
    return json.dumps(
        [
            {"id": s.id, "index": s.index, "kind": s.kind.value, "text": s.text, "start": s.start, "end": s.end}
            for s in segments
        ],
        ensure_ascii=False,
    )


class Corrections(Accounts, Claims):
    def _segment_for_update(self, conn: sqlite3.Connection, segment_id: int) -> Claim:
        row = conn.execute(
            f"SELECT {CLAIM_COLUMNS} FROM segments s JOIN articles a ON a.id = s.article_id WHERE s.id = ?",
            (segment_id,),
        ).fetchone()
        if row is None:
            raise NotFound(f"segment {segment_id} does not exist")
        return claim_from_row(row)

    def _shift(self, conn: sqlite3.Connection, article_id: int, after_index: int, by: int) -> None:
        """Move the indexes of later segments by `by`, in two steps so UNIQUE(article_id, idx) never clashes."""
        conn.execute("UPDATE segments SET idx = -idx - 1 WHERE article_id = ? AND idx > ?", (article_id, after_index))
        conn.execute("UPDATE segments SET idx = -idx - 1 + ? WHERE article_id = ? AND idx < 0", (by, article_id))

    def _insert(
        self,
        conn: sqlite3.Connection,
        article_id: int,
        index: int,
        kind: SegmentKind,
        text: str,
        start: int,
        paragraph: int,
    ) -> int:
        cursor = conn.execute(
            'INSERT INTO segments (article_id, idx, kind, text, start, "end", paragraph) VALUES (?, ?, ?, ?, ?, ?, ?)',
            (article_id, index, kind.value, text, start, start + len(text), paragraph),
        )
        return int(cursor.lastrowid or 0)

    def _record(
        self,
        conn: sqlite3.Connection,
        article_id: int,
        action: str,
        reviewer: str,
        before: list[Claim],
        after_ids: list[int],
    ) -> list[Claim]:
        self.require(reviewer, Action.CORRECT_SPLIT)  # inside the transaction: nothing is kept if refused
        after = [self._segment_for_update(conn, i) for i in after_ids]
        conn.execute(
            "INSERT INTO segment_events (article_id, action, reviewer, before, after, at) VALUES (?, ?, ?, ?, ?, ?)",
            (article_id, action, reviewer, _as_json(before), _as_json(after), now()),
        )
        return after

    def split_segment(self, segment_id: int, at: int, *, reviewer: str) -> list[Claim]:
        """Cut a segment `at` characters into its text; return the two new segments."""
        reviewer = check_reviewer(reviewer)
        with self.write() as conn:
            old = self._segment_for_update(conn, segment_id)
            head, tail = old.text[:at], old.text[at:]
            if not 0 < at < len(old.text) or not head.strip() or not tail.strip():
                raise InvalidInput(f"cannot split segment {segment_id} at {at}: both parts need some text")
            head_start = old.start + len(head) - len(head.lstrip())
            tail_start = old.start + at + len(tail) - len(tail.lstrip())
            conn.execute("DELETE FROM segments WHERE id = ?", (segment_id,))
            self._shift(conn, old.article_id, old.index, +1)
            first = self._insert(conn, old.article_id, old.index, old.kind, head.strip(), head_start, old.paragraph)
            second = self._insert(
                conn, old.article_id, old.index + 1, old.kind, tail.strip(), tail_start, old.paragraph
            )
            return self._record(conn, old.article_id, "split", reviewer, [old], [first, second])

    def merge_with_next(self, segment_id: int, *, reviewer: str) -> Claim:
        """Join a segment with the one after it into one new segment of the first one's kind."""
        reviewer = check_reviewer(reviewer)
        with self.write() as conn:
            first = self._segment_for_update(conn, segment_id)
            row = conn.execute(
                "SELECT id FROM segments WHERE article_id = ? AND idx = ?", (first.article_id, first.index + 1)
            ).fetchone()
            if row is None:
                raise InvalidInput(f"segment {segment_id} is the last of its article: nothing to merge it with")
            second = self._segment_for_update(conn, row[0])
            text = conn.execute(
                "SELECT substr(text, ?, ?) FROM articles WHERE id = ?",
                (first.start + 1, second.end - first.start, first.article_id),
            ).fetchone()[0]
            conn.execute("DELETE FROM segments WHERE id IN (?, ?)", (first.id, second.id))
            self._shift(conn, first.article_id, second.index, -1)
            merged = self._insert(conn, first.article_id, first.index, first.kind, text, first.start, first.paragraph)
            return self._record(conn, first.article_id, "merge", reviewer, [first, second], [merged])[0]

    def set_kind(self, segment_id: int, kind: SegmentKind | str, *, reviewer: str) -> Claim:
        """Make a segment a claim, heading or boilerplate (restoring boilerplate is setting it back to claim)."""
        reviewer = check_reviewer(reviewer)
        new_kind = SegmentKind(kind)
        with self.write() as conn:
            old = self._segment_for_update(conn, segment_id)
            if old.kind is new_kind:
                return old
            conn.execute("UPDATE segments SET kind = ? WHERE id = ?", (new_kind.value, segment_id))
            return self._record(conn, old.article_id, "kind", reviewer, [old], [segment_id])[0]

    def corrections(self, article_id: int) -> list[dict]:
        """Every correction of an article's split, oldest first."""
        rows = self.db.query("SELECT * FROM segment_events WHERE article_id = ? ORDER BY id", [article_id])
        return [{**row, "before": json.loads(row["before"]), "after": json.loads(row["after"])} for row in rows]
