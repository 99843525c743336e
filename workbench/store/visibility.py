"""Blind review: which labels, label events and verdicts a viewer may see, decided here for every read.

Under blind review (on by default) a reviewer sees another reviewer's label (name, status, link,
note, time), the claim's label history by others, and the editor's verdict only on claims they have
labelled themselves, so that nobody's judgement is anchored on someone else's. Editors and admins
see everything (Action.SEE_ALL_LABELS in permissions.py), and so do the command line (OPERATOR) and a
local workbench with no accounts yet. With blind review off, every account sees everything. Once
accounts exist, a name without one sees nothing but its own labels (and it cannot have any).

To a viewer who may not see a claim's labels, the claim looks as if nobody had labelled it: "unlabelled"
means "not labelled by me", and filters by another reviewer, by status or by disagreement find nothing
there. Reads put `Sight.condition()` into their SQL, so an export of a million rows stays one streamed
query; single-claim reads ask `sees_claim()`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from ..permissions import Action, allows
from .accounts import OPERATOR, Accounts
from .connection import Database

_COLUMN = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$")


@dataclass(frozen=True)
class Sight:
    """What one viewer may see: every claim's labels (`everything`), or those of the claims they labelled."""

    viewer: str
    everything: bool

    def condition(self, segment_id: str = "s.id") -> tuple[str, list[str]]:
        """An SQL condition, true where the viewer may see the labels, label history and verdict of the
        segment whose id is the column `segment_id`, and its parameters; ("", []) when they see everything.

        The condition is one lookup in the (segment_id, reviewer) index per segment.
        """
        if not _COLUMN.match(segment_id):  # a column of our own query, never user input
            raise ValueError(f"not a column: {segment_id!r}")
        if self.everything:
            return "", []
        return (
            f"EXISTS (SELECT 1 FROM labels mine WHERE mine.segment_id = {segment_id} AND mine.reviewer = ?"
            " AND mine.withdrawn_at IS NULL)",
            [self.viewer],
        )

    def also(self, segment_id: str = "s.id") -> tuple[str, list[str]]:
        """condition() as " AND …" to append to a WHERE or ON clause; ("", []) when they see everything."""
        sql, params = self.condition(segment_id)
        return (f" AND {sql}" if sql else ""), params


class Visibility:
    def __init__(self, database: Database, accounts: Accounts) -> None:
        self.database = database
        self.conn = database.conn
        self._accounts = accounts

    def sight(self, viewer: str | Sight) -> Sight:
        """The one place that decides, from the role table and the review settings, what `viewer` sees.

        A Sight given is returned as it is: a read made once per claim (an export's) decides it once.
        """
        if isinstance(viewer, Sight):
            return viewer
        if viewer == OPERATOR or not self._accounts.accounts_enforced():
            return Sight(viewer, True)
        account = self._accounts.account(viewer)
        if account is None:
            return Sight(viewer, False)
        if not self._accounts.review_settings().blind:
            return Sight(viewer, True)
        return Sight(viewer, allows(account.role, Action.SEE_ALL_LABELS))

    def sees_everything(self, viewer: str) -> bool:
        """Whether `viewer` sees every label; pages ask it only to explain what they show, never to filter."""
        return self.sight(viewer).everything

    def can_see_all(self, viewer: str) -> bool:
        """sees_everything(), under its older name."""
        return self.sees_everything(viewer)

    def sees_claim(self, claim_id: int, sight: Sight) -> bool:
        """Whether the viewer of `sight` may see the labels, label history and verdict of one claim."""
        if sight.everything:
            return True
        row = self.conn.execute(
            "SELECT 1 FROM labels WHERE segment_id = ? AND reviewer = ? AND withdrawn_at IS NULL",
            (claim_id, sight.viewer),
        ).fetchone()
        return row is not None

    def lineage_sight(self, claim_id: int, viewer: str | Sight) -> Sight | None:
        """What `viewer` sees of a claim and of the segments it came from by splits and merges (History,
        Adjudication's earlier labels), decided by the claim itself: whoever may see its labels sees every
        label, label save and verdict of its lineage (a Sight of everything there); anyone else (None) sees
        only their own saves, even on an earlier segment they labelled, as they see nothing of the claim."""
        sight = self.sight(viewer)
        return Sight(sight.viewer, True) if self.sees_claim(claim_id, sight) else None

    def events(self, subject: str | None = None, *, viewer: str | Sight) -> list[dict]:
        """The general event log (or one subject's), oldest first. A viewer who does not see everything
        gets the events they acted themselves and those of claims they labelled (a verdict's note is one).
        Of any other subject (an article restored, an account changed) they get only what they did."""
        where, params = [], []
        if subject:
            where.append("subject = ?")
            params.append(subject)
        sight = self.sight(viewer)
        if not sight.everything:
            where.append(
                "(actor = ? OR EXISTS (SELECT 1 FROM labels mine"
                " WHERE mine.reviewer = ? AND mine.withdrawn_at IS NULL AND subject = 'claim:' || mine.segment_id))"
            )
            params += [sight.viewer, sight.viewer]
        sql = "SELECT * FROM events" + (f" WHERE {' AND '.join(where)}" if where else "") + " ORDER BY id"
        return [{**row, "details": json.loads(row["details"])} for row in self.database.db.query(sql, params)]
