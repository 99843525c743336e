"""Corrections of the split: split a segment, merge it with the next, change its kind; and their lineage.

Offsets stay exact (`text == article[start:end]`, in order, no overlap, over the current segments). A
split or merge deletes nothing: the segments it replaces get `superseded_at` and a `segment_lineage` row
per successor, and keep their labels and verdict; the new segments get new ids (never reused) and start
unlabelled, so they are queued for review again. Every correction is kept in segment_events with who,
when, before and after.

Whose work a correction may touch: a reviewer may correct a segment only while nobody else has labelled
it and it has no verdict; editors and admins may correct any (Action.CORRECT_REVIEWED_SEGMENT).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence

from ..errors import CorrectionRefused, InvalidInput, NotFound
from ..models import Claim, SegmentKind
from ..permissions import Action
from ..rules import check_reviewer
from .accounts import Accounts
from .claims import CLAIM_COLUMNS, Claims, claim_from_row
from .connection import Database, now


def _as_json(segments: list[Claim]) -> str:
    return json.dumps(
        [
            {"id": s.id, "index": s.index, "kind": s.kind.value, "text": s.text, "start": s.start, "end": s.end}
            for s in segments
        ],
        ensure_ascii=False,
    )


class Corrections:
    def __init__(self, database: Database, accounts: Accounts, claims: Claims) -> None:
        self.database = database
        self.conn = database.conn
        self._accounts = accounts
        self._claims = claims

    def _segment_for_update(self, conn: sqlite3.Connection, segment_id: int) -> Claim:
        """A current segment of an article that is not retired: the only kind a correction may touch."""
        row = conn.execute(
            f"SELECT {CLAIM_COLUMNS}, a.retired_at FROM segments s JOIN articles a ON a.id = s.article_id"
            " WHERE s.id = ?",
            (segment_id,),
        ).fetchone()
        if row is None or row[-1] is not None:
            raise NotFound(f"segment {segment_id} does not exist")
        segment = claim_from_row(row[:-1])
        if segment.superseded_at is not None:
            raise InvalidInput.of("err.segment_superseded", segment=segment_id)
        return segment

    def _check_others_work(self, conn: sqlite3.Connection, segments: Sequence[Claim], actor: str) -> None:
        """Refuse a reviewer's correction of a segment someone else labelled or an editor gave a verdict.

        Inside the write transaction, so no label or verdict can land between the check and the change.
        """
        if self._accounts.can(actor, Action.CORRECT_REVIEWED_SEGMENT):
            return
        ids = json.dumps([s.id for s in segments])
        row = conn.execute(
            "SELECT s.id FROM segments s WHERE s.id IN (SELECT value FROM json_each(?))"
            " AND (EXISTS (SELECT 1 FROM verdicts v WHERE v.segment_id = s.id)"
            " OR EXISTS (SELECT 1 FROM labels l WHERE l.segment_id = s.id AND l.reviewer <> ?"
            " AND l.withdrawn_at IS NULL)) ORDER BY s.id LIMIT 1",
            (ids, actor),
        ).fetchone()
        if row is not None:
            raise CorrectionRefused.of("err.correction_others_work", segment=row[0])

    def _shift(self, conn: sqlite3.Connection, article_id: int, after_index: int, by: int) -> None:
        """Move the indexes of later current segments by `by`, in two steps so the unique index never clashes.

        Superseded segments keep the index they had when they were replaced."""
        conn.execute(
            "UPDATE segments SET idx = -idx - 1 WHERE article_id = ? AND idx > ? AND superseded_at IS NULL",
            (article_id, after_index),
        )
        conn.execute(
            "UPDATE segments SET idx = -idx - 1 + ? WHERE article_id = ? AND idx < 0 AND superseded_at IS NULL",
            (by, article_id),
        )

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
        # Offsets into the current text: the article's current revision (store/revisions.py).
        row = conn.execute(
            'INSERT INTO segments (article_id, idx, kind, text, start, "end", paragraph, revision)'
            " VALUES (?, ?, ?, ?, ?, ?, ?,"
            " (SELECT COALESCE(MAX(revision), 1) FROM article_revisions WHERE article_id = ?)) RETURNING id",
            (article_id, index, kind.value, text, start, start + len(text), paragraph, article_id),
        ).fetchone()
        return int(row[0])

    def _supersede(self, conn: sqlite3.Connection, segments: Sequence[Claim], stamp: str) -> None:
        conn.executemany(
            "UPDATE segments SET superseded_at = ? WHERE id = ?", [(stamp, segment.id) for segment in segments]
        )

    def _record(
        self,
        conn: sqlite3.Connection,
        article_id: int,
        action: str,
        reviewer: str,
        before: list[Claim],
        after_ids: list[int],
        stamp: str,
        *,
        lineage: bool = True,
    ) -> list[Claim]:
        after = [self._claims.claim(i) for i in after_ids]
        cursor = conn.execute(
            "INSERT INTO segment_events (article_id, action, reviewer, before, after, at) VALUES (?, ?, ?, ?, ?, ?)"
            " RETURNING id",
            (article_id, action, reviewer, _as_json(before), _as_json(after), stamp),
        )
        event_id = cursor.fetchone()[0]
        if lineage:
            conn.executemany(
                "INSERT INTO segment_lineage (predecessor_id, successor_id, event_id) VALUES (?, ?, ?)",
                [(old.id, new.id, event_id) for old in before for new in after],
            )
        return after

    def split_segment(self, segment_id: int, at: int, *, reviewer: str) -> list[Claim]:
        """Cut a segment `at` characters into its text; return the two new segments."""
        reviewer = check_reviewer(reviewer)
        with self.database.write() as conn:
            self._accounts.require(reviewer, Action.CORRECT_SPLIT)  # inside the transaction: nothing is kept if refused
            old = self._segment_for_update(conn, segment_id)
            head, tail = old.text[:at], old.text[at:]
            if not 0 < at < len(old.text) or not head.strip() or not tail.strip():
                raise InvalidInput(f"cannot split segment {segment_id} at {at}: both parts need some text")
            self._check_others_work(conn, [old], reviewer)
            head_start = old.start + len(head) - len(head.lstrip())
            tail_start = old.start + at + len(tail) - len(tail.lstrip())
            stamp = now()
            self._supersede(conn, [old], stamp)
            self._shift(conn, old.article_id, old.index, +1)
            first = self._insert(conn, old.article_id, old.index, old.kind, head.strip(), head_start, old.paragraph)
            second = self._insert(
                conn, old.article_id, old.index + 1, old.kind, tail.strip(), tail_start, old.paragraph
            )
            return self._record(conn, old.article_id, "split", reviewer, [old], [first, second], stamp)

    def merge_with_next(self, segment_id: int, *, reviewer: str) -> Claim:
        """Join a segment with the one after it into one new segment of the first one's kind."""
        reviewer = check_reviewer(reviewer)
        with self.database.write() as conn:
            self._accounts.require(reviewer, Action.CORRECT_SPLIT)
            first = self._segment_for_update(conn, segment_id)
            row = conn.execute(
                "SELECT id FROM segments WHERE article_id = ? AND idx = ? AND superseded_at IS NULL",
                (first.article_id, first.index + 1),
            ).fetchone()
            if row is None:
                raise InvalidInput(f"segment {segment_id} is the last of its article: nothing to merge it with")
            second = self._segment_for_update(conn, row[0])
            self._check_others_work(conn, [first, second], reviewer)
            text = conn.execute(
                "SELECT substr(text, ?, ?) FROM articles WHERE id = ?",
                (first.start + 1, second.end - first.start, first.article_id),
            ).fetchone()[0]
            stamp = now()
            self._supersede(conn, [first, second], stamp)
            self._shift(conn, first.article_id, second.index, -1)
            merged = self._insert(conn, first.article_id, first.index, first.kind, text, first.start, first.paragraph)
            return self._record(conn, first.article_id, "merge", reviewer, [first, second], [merged], stamp)[0]

    def set_kind(self, segment_id: int, kind: SegmentKind | str, *, reviewer: str) -> Claim:
        """Make a segment a claim, heading or boilerplate (restoring boilerplate is setting it back to claim).

        The segment keeps its id and its labels; a claim that becomes a heading leaves the queues with them."""
        reviewer = check_reviewer(reviewer)
        new_kind = SegmentKind(kind)
        with self.database.write() as conn:
            self._accounts.require(reviewer, Action.CORRECT_SPLIT)
            old = self._segment_for_update(conn, segment_id)
            if old.kind is new_kind:
                return old
            self._check_others_work(conn, [old], reviewer)
            conn.execute("UPDATE segments SET kind = ? WHERE id = ?", (new_kind.value, segment_id))
            return self._record(conn, old.article_id, "kind", reviewer, [old], [segment_id], now(), lineage=False)[0]

    def corrections(self, article_id: int) -> list[dict]:
        """Every correction of an article's split, oldest first."""
        rows = self.database.db.query("SELECT * FROM segment_events WHERE article_id = ? ORDER BY id", [article_id])
        return [{**row, "before": json.loads(row["before"]), "after": json.loads(row["after"])} for row in rows]
