"""Several reviewers per claim: what each may see, where they disagree, and editors' verdicts."""

from __future__ import annotations

from collections.abc import Iterator

from ..errors import InvalidLabel, NotFound
from ..models import Label, Status, Verdict
from ..permissions import Action
from ..rules import check_note, parse_status
from .connection import now
from .labels import Labels


class Verdicts(Labels):
    def next_unlabelled(self, reviewer: str, after=None, *, required: int | None = None):  # type: ignore[override]
        """As Claims.next_unlabelled, with the number of reviews each claim needs from the settings."""
        needed = required if required is not None else self.review_settings().reviews_per_claim
        return super().next_unlabelled(reviewer, after, required=needed)

    def visible_labels(self, claim_id: int, viewer: str) -> list[Label]:
        """labels(claim_id, viewer=viewer): under blind review, a reviewer sees others' labels only once
        they have labelled the claim themselves; editors and admins always see them."""
        return self.labels(claim_id, viewer=viewer)

    def disagreements(self, article_id: int | None = None, *, viewer: str) -> Iterator[int]:
        """Ids of claims whose reviewers gave different statuses, in article order, among the claims whose
        labels `viewer` may see."""
        sees, params = self.sight(viewer).also("s.id")
        sql = f"""
            SELECT s.id FROM segments s JOIN labels l ON l.segment_id = s.id
            WHERE s.kind = 'claim' AND (? IS NULL OR s.article_id = ?){sees}
            GROUP BY s.id HAVING COUNT(DISTINCT l.status) > 1
            ORDER BY s.article_id, s.idx
        """
        for row in self.conn.execute(sql, [article_id, article_id, *params]):
            yield row[0]

    def adjudication_queue(self, article_id: int | None = None, *, viewer: str) -> Iterator[int]:
        """disagreements() for adjudicating them: refused (NotAuthorized) unless `viewer` may adjudicate."""
        self.require(viewer, Action.ADJUDICATE)
        return self.disagreements(article_id, viewer=viewer)

    def adjudicate(self, claim_id: int, *, status: str | Status, note: str, by: str) -> Verdict:
        """An editor's final verdict on a claim, with a note saying why; each one is kept in the event log."""
        status, note = parse_status(status), check_note(note.strip())
        if not note:
            raise InvalidLabel("a verdict needs a note saying why")
        with self.write() as conn:
            self.require(by, Action.ADJUDICATE)
            kind = conn.execute("SELECT kind FROM segments WHERE id = ?", (claim_id,)).fetchone()
            if kind is None:
                raise NotFound(f"claim {claim_id} does not exist")
            if kind[0] != "claim":
                raise InvalidLabel(f"segment {claim_id} is a {kind[0]}, not a claim")
            stamp = now()
            conn.execute(
                "INSERT INTO verdicts (segment_id, status, note, by, at) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT (segment_id) DO UPDATE SET status = excluded.status, note = excluded.note,"
                " by = excluded.by, at = excluded.at",
                (claim_id, status.value, note, by, stamp),
            )
            self.log_event(conn, by, "verdict", f"claim:{claim_id}", status=status.value, note=note)
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
        sees, params = self.sight(viewer).also("s.id")
        rows = self.conn.execute(
            "SELECT l.segment_id, s.article_id, l.reviewer, l.status FROM labels l JOIN segments s"
            f" ON s.id = l.segment_id WHERE s.kind = 'claim' AND (? IS NULL OR s.article_id = ?){sees}",
            [article_id, article_id, *params],
        )
        for claim_id, article, reviewer, status in rows:
            ratings.setdefault(claim_id, {})[reviewer] = status
            articles[claim_id] = article
        return ratings, articles

    def label_counts(self, *, viewer: str) -> list[dict]:
        """How many labels each reviewer gave, by status, among those `viewer` may see: for the dashboard."""
        sees, params = self.sight(viewer).also("s.id")
        return list(
            self.db.query(
                "SELECT reviewer, status, COUNT(*) AS labels FROM labels l JOIN segments s ON s.id = l.segment_id"
                f" WHERE s.kind = 'claim'{sees} GROUP BY reviewer, status ORDER BY reviewer, status",
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
        return self._verdict(claim_id) if self.sees_claim(claim_id, self.sight(viewer)) else None

    def claim_history(self, claim_id: int, *, viewer: str) -> list[dict]:
        """Labels, corrections and verdicts of one claim, oldest first: what, who, when. Labels and verdicts
        only as `viewer` may see them; corrections of the split, which everyone sees, always."""
        rows = [
            {
                "at": e["at"],
                "who": e["reviewer"],
                "what": "label",
                "detail": f"{e['old_status'] or '—'} → {e['new_status']}",
            }
            for e in self.history(claim_id, viewer=viewer)
        ]
        rows += [
            {"at": e["at"], "who": e["actor"], "what": e["action"], "detail": e["details"].get("status", "")}
            for e in self.events(f"claim:{claim_id}", viewer=viewer)
        ]
        corrections = self.conn.execute(
            "SELECT at, reviewer, action FROM segment_events e WHERE EXISTS (SELECT 1 FROM json_each(e.after)"
            " WHERE json_extract(value, '$.id') = ?)",
            (claim_id,),
        )
        rows += [
            {"at": at, "who": who, "what": f"split correction: {action}", "detail": ""}
            for at, who, action in corrections
        ]
        return sorted(rows, key=lambda r: r["at"])
