"""Undoing a reviewer's last save on a claim: a new save of what was there before, recorded like any other."""

from __future__ import annotations

from ..errors import InvalidInput, LabelConflict
from ..models import Label
from ..permissions import Action
from ..rules import check_reviewer
from .accounts import Accounts
from .connection import Database, execute_later, now
from .labels import own_label, read_label
from .links import track_label_link


class Undo:
    def __init__(self, database: Database, accounts: Accounts) -> None:
        self.database = database
        self.conn = database.conn
        self._accounts = accounts

    def undo_label(self, claim_id: int, *, reviewer: str, expected_version: int) -> Label | None:
        """Put back what `reviewer`'s label on the claim was before their last save; returns the label now
        (None: the save undone was their first, so the claim is unlabelled by them again).

        Nothing is erased: the undo is appended to label_events (old = the label undone, new = what it
        had replaced, NULL for "no label"), so History shows both the save and its undoing. Undoing a first
        save withdraws the label: its row stays as it was, with `withdrawn_at` set, and every read leaves it
        out. Undoing again redoes. `expected_version` is the version the reviewer saw (0 for no label): another
        tab's save since is a conflict.
        """
        reviewer = check_reviewer(reviewer)
        stamp = now()
        with self.database.write(claim=claim_id) as conn:
            self._accounts.require(reviewer, Action.LABEL)
            current, version = own_label(conn, claim_id, reviewer)
            if version != expected_version:
                raise LabelConflict(
                    "this label was changed elsewhere since you saved it; nothing was undone",
                    read_label(self.conn, claim_id, reviewer),
                )
            last = conn.execute(
                "SELECT old_status, old_source_url, old_note, old_archive_url, new_status, new_source_url, new_note,"
                " new_archive_url FROM label_events WHERE segment_id = ? AND reviewer = ? ORDER BY id DESC LIMIT 1",
                (claim_id, reviewer),
            ).fetchone()
            # An event saved before m019 has no old archive link: the label it replaced had none.
            last = (*last[:3], last[3] or "", *last[4:]) if last is not None else None
            if last is None or (tuple(last[4:]) if last[4] else None) != current:
                raise InvalidInput.of("err.nothing_to_undo", claim=claim_id)
            previous = tuple(last[:4]) if last[0] else None
            if previous is None:
                conn.execute(
                    "UPDATE labels SET withdrawn_at = ?, updated_at = ?, version = version + 1"
                    " WHERE segment_id = ? AND reviewer = ?",
                    (stamp, stamp, claim_id, reviewer),
                )
            else:
                # A withdrawn label is made current again on its own row; a label an undo deleted before
                # withdrawal existed (m021) has no row, and gets one.
                conn.execute(
                    "INSERT INTO labels (segment_id, reviewer, status, source_url, note, archive_url, created_at,"
                    " updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    " ON CONFLICT (segment_id, reviewer) DO UPDATE SET status = excluded.status,"
                    " source_url = excluded.source_url, note = excluded.note, archive_url = excluded.archive_url,"
                    " updated_at = excluded.updated_at, version = labels.version + 1, withdrawn_at = NULL",
                    (claim_id, reviewer, *previous, stamp, stamp, self._next_version(claim_id, reviewer)),
                )
            execute_later(
                conn,
                "INSERT INTO label_events (segment_id, reviewer, old_status, old_source_url, old_note, old_archive_url,"
                " new_status, new_source_url, new_note, new_archive_url, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (claim_id, reviewer, *(current or (None, None, None, None)), *(previous or (None, "", "", "")), stamp),
            )
            track_label_link(conn, claim_id, reviewer)
            return read_label(self.conn, claim_id, reviewer)

    def _next_version(self, claim_id: int, reviewer: str) -> int:
        """A label made again after a withdrawal never repeats a version a stale tab may still hold."""
        return (
            1
            + self.conn.execute(
                "SELECT COUNT(*) FROM label_events WHERE segment_id = ? AND reviewer = ?", (claim_id, reviewer)
            ).fetchone()[0]
        )
