"""Several reviewers per claim: what each may see, where they disagree, and editors' verdicts."""

from __future__ import annotations

import json
from collections.abc import Iterator

from ..errors import InvalidLabel
from ..models import Claim, Label, Status, Verdict
from ..permissions import Action
from ..rules import check_note, parse_status
from .accounts import Accounts, log_event
from .claims import CURRENT, Claims
from .connection import Database, now
from .labels import LABEL_COLUMNS, Labels, label_from_row, refuse_unless_current
from .visibility import Visibility

# Current claims of articles that are not retired: what disagreements, agreement and the dashboard count.
COUNTED = f"s.kind = 'claim' AND {CURRENT}"


class Verdicts:
    def __init__(
        self, database: Database, accounts: Accounts, visibility: Visibility, claims: Claims, labels: Labels
    ) -> None:
        self.database = database
        self.conn = database.conn
        self._accounts = accounts
        self._visibility = visibility
        self._claims = claims
        self._labels = labels

    def visible_labels(self, claim_id: int, viewer: str) -> list[Label]:
        """labels(claim_id, viewer=viewer): under blind review, a reviewer sees others' labels only once
        they have labelled the claim themselves; editors and admins always see them."""
        return self._labels.labels(claim_id, viewer=viewer)

    def others_labels(self, claim_id: int, *, viewer: str) -> list[Label] | None:
        """The other reviewers' labels on the claim, as `viewer` may see them; None while blind review hides
        them (a reviewer who has not labelled the claim), so a page can say why it shows none."""
        sight = self._visibility.sight(viewer)
        if not self._visibility.sees_claim(claim_id, sight):
            return None
        return [label for label in self._labels.labels(claim_id, viewer=sight) if label.reviewer != sight.viewer]

    def disagreements(self, article_id: int | None = None, *, viewer: str) -> Iterator[int]:
        """Ids of current claims whose reviewers gave different statuses, in article order, among the claims
        whose labels `viewer` may see."""
        sees, params = self._visibility.sight(viewer).also("s.id")
        sql = f"""
            SELECT s.id FROM segments s JOIN labels l ON l.segment_id = s.id AND l.withdrawn_at IS NULL
            WHERE {COUNTED} AND (? IS NULL OR s.article_id = ?){sees}
            GROUP BY s.id HAVING COUNT(DISTINCT l.status) > 1
            ORDER BY s.article_id, s.idx
        """
        for row in self.conn.execute(sql, [article_id, article_id, *params]):
            yield row[0]

    def adjudication_queue(self, article_id: int | None = None, *, viewer: str) -> Iterator[int]:
        """disagreements() for adjudicating them: refused (NotAuthorized) unless `viewer` may adjudicate."""
        self._accounts.require(viewer, Action.ADJUDICATE)
        return self.disagreements(article_id, viewer=viewer)

    def adjudicate(self, claim_id: int, *, status: str | Status, note: str, by: str) -> Verdict:
        """An editor's final verdict on a claim, with a note saying why; each one is kept in the event log."""
        status, note = parse_status(status), check_note(note.strip())
        if not note:
            raise InvalidLabel("a verdict needs a note saying why")
        with self.database.write() as conn:
            self._accounts.require(by, Action.ADJUDICATE)
            refuse_unless_current(conn, claim_id)
            stamp = now()
            conn.execute(
                "INSERT INTO verdicts (segment_id, status, note, by, at) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT (segment_id) DO UPDATE SET status = excluded.status, note = excluded.note,"
                " by = excluded.by, at = excluded.at",
                (claim_id, status.value, note, by, stamp),
            )
            log_event(conn, by, "verdict", f"claim:{claim_id}", status=status.value, note=note)
        verdict = self._verdict(claim_id)
        assert verdict is not None
        return verdict

    def ratings(
        self, article_id: int | None = None, *, viewer: str
    ) -> tuple[dict[int, dict[str, str]], dict[int, int]]:
        """({claim: {reviewer: status}}, {claim: article}) over every labelled claim `viewer` may see, for
        agreement figures."""
        ratings: dict[int, dict[str, str]] = {}
        articles: dict[int, int] = {}
        sees, params = self._visibility.sight(viewer).also("s.id")
        rows = self.conn.execute(
            "SELECT l.segment_id, s.article_id, l.reviewer, l.status FROM labels l JOIN segments s"
            f" ON s.id = l.segment_id WHERE l.withdrawn_at IS NULL AND {COUNTED}"
            f" AND (? IS NULL OR s.article_id = ?){sees}",
            [article_id, article_id, *params],
        )
        for claim_id, article, reviewer, status in rows:
            ratings.setdefault(claim_id, {})[reviewer] = status
            articles[claim_id] = article
        return ratings, articles

    def label_counts(self, *, viewer: str) -> list[dict]:
        """How many labels each reviewer gave, by status, among those `viewer` may see: for the dashboard."""
        sees, params = self._visibility.sight(viewer).also("s.id")
        return list(
            self.database.db.query(
                "SELECT reviewer, status, COUNT(*) AS labels FROM labels l JOIN segments s ON s.id = l.segment_id"
                f" WHERE l.withdrawn_at IS NULL AND {COUNTED}{sees}"
                " GROUP BY reviewer, status ORDER BY reviewer, status",
                params,
            )
        )

    def _verdict(self, claim_id: int) -> Verdict | None:
        row = self.conn.execute(
            "SELECT segment_id, status, note, by, at FROM verdicts WHERE segment_id = ?", (claim_id,)
        ).fetchone()
        return Verdict(row[0], Status(row[1]), row[2], row[3], row[4]) if row else None

    def verdict(self, claim_id: int, *, viewer: str) -> Verdict | None:
        """The editor's verdict on the claim, if there is one and `viewer` may see it."""
        return (
            self._verdict(claim_id) if self._visibility.sees_claim(claim_id, self._visibility.sight(viewer)) else None
        )

    def claim_history(self, claim_id: int, *, viewer: str) -> list[dict]:
        """What happened to one claim and to every segment it came from by splits and merges (its lineage,
        followed transitively), oldest first: label saves, verdicts and corrections, and nothing about any
        other segment. Each row: at, who, what, detail, and `claim`, the segment it is about.

        Other people's label saves and the verdicts only where `viewer` may see this claim's labels
        (lineage_sight() in visibility.py); their own saves and the corrections always.
        """
        lineage = [claim_id, *self._claims.ancestors(claim_id)]
        sight = self._visibility.lineage_sight(claim_id, viewer)
        rows: list[dict] = []
        saves = self.conn.execute(
            "SELECT segment_id, at, reviewer, old_status, new_status, old_archive_url, new_archive_url"
            " FROM label_events"
            " WHERE segment_id IN (SELECT value FROM json_each(?)) ORDER BY id",
            (json.dumps(lineage),),
        )
        rows += [
            {
                "at": at,
                "who": who,
                "what": "label",
                # An archive link given, changed or removed is part of what the save did.
                "detail": f"{old or '—'} → {new or '—'}"
                + (f" · archive: {new_archive or '—'}" if (old_archive or "") != (new_archive or "") else ""),
                "claim": segment,
            }
            for segment, at, who, old, new, old_archive, new_archive in saves
            if sight is not None or who == viewer
        ]
        for segment in lineage if sight is not None else ():
            rows += [
                {
                    "at": e["at"],
                    "who": e["actor"],
                    "what": e["action"],
                    "detail": e["details"].get("status", ""),
                    "claim": segment,
                }
                for e in self._visibility.events(f"claim:{segment}", viewer=sight)
            ]
        rows += [
            {
                "at": at,
                "who": who,
                "what": f"split correction: {action}",
                "detail": f"{', '.join(str(b['id']) for b in json.loads(before))}"
                f" → {', '.join(str(a['id']) for a in json.loads(after))}",
                "claim": next((a["id"] for a in json.loads(after) if a["id"] in lineage), claim_id),
            }
            for at, who, action, before, after in self._corrections_of(lineage)
        ]
        return sorted(rows, key=lambda r: r["at"])

    def _corrections_of(self, lineage: list[int]) -> list[tuple]:
        """The corrections that made or changed these segments: by their lineage rows, and kind changes
        (and splits recorded before lineage existed, m008) by the segment ids they name."""
        linked = self.conn.execute(
            "SELECT at, reviewer, action, before, after FROM segment_events WHERE id IN"
            " (SELECT event_id FROM segment_lineage WHERE successor_id IN (SELECT value FROM json_each(?)))",
            (json.dumps(lineage),),
        ).fetchall()
        # The ids an event names are read here, not in SQL: the JSON functions differ between the engines.
        named = [
            row
            for row in self.conn.execute(
                "SELECT at, reviewer, action, before, after FROM segment_events e"
                " WHERE e.article_id = (SELECT article_id FROM segments WHERE id = ?)"
                " AND (e.action = 'kind' OR NOT EXISTS (SELECT 1 FROM segment_lineage l WHERE l.event_id = e.id))",
                (lineage[0],),
            )
            if any(isinstance(a, dict) and a.get("id") in lineage for a in json.loads(row[4]))
        ]
        return sorted({tuple(row): None for row in (*linked, *named)})

    def earlier_labels(self, claim_id: int, *, viewer: str) -> list[tuple[Claim, Label]]:
        """The labels on the segments this claim came from (superseded by splits and merges), oldest segment
        first, for Adjudication to show beside the claim's own; only those `viewer` may see (lineage_sight())."""
        if self._visibility.lineage_sight(claim_id, viewer) is None:
            return []
        found = []
        for segment in self._claims.ancestors(claim_id):
            rows = self.conn.execute(
                f"SELECT {LABEL_COLUMNS} FROM labels WHERE segment_id = ? AND withdrawn_at IS NULL ORDER BY reviewer",
                (segment,),
            )
            claim = self._claims.claim(segment)
            found += [(claim, label_from_row(row)) for row in rows]
        return found
