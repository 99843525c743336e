"""Revisions: an article imported again under its URL with different text, and how its claims carry over.

One lineage model with corrections of the split (corrections.py): `articles.text` is the current text and
the current segments are those with `superseded_at IS NULL`, so every query over current claims (queues,
progress, search, exports) stays as it was. A revision
- carries a segment whose text is unchanged: same id, so its labels, verdict, history and matches stay
  with exactly the text they were given on; only its place (index, offsets, paragraph, `revision`) moves;
- supersedes a changed segment (`removed_in` = the new revision) and links it through segment_lineage to
  its successor, a new claim (new id, no labels: queued for everyone) with `changed_since_label` = 1 when
  the old one had a label or a verdict; both are named by one segment_events row of action 'revise';
- supersedes a removed segment the same way, with no successor; its labels stay;
- adds new segments as new claims.
Every text the article had is in `article_revisions` (revision 1 written when the second comes).

Which article an import revises: a live article with the same canonical URL (metadata.canonical_url);
a file without a URL is never matched by its name or title (two files called "article.txt" are not one
article), and can be revised explicitly with revise_article(). Who may revise: Action.REVISE, which every
role that may import has.
"""

from __future__ import annotations

import json
import sqlite3

from ..errors import InvalidInput, NotFound
from ..metadata import canonical_url
from ..models import ArticleRevision, RevisionReport, SegmentKind, Split
from ..permissions import Action
from ..revision_match import Fate, match
from ..rules import check_reviewer
from .accounts import Accounts, log_event
from .claims import RETIRED
from .connection import Database, now, text_sha256

_OLD_COLUMNS = 'id, idx, kind, text, start, "end", paragraph, revision'


def _as_json(rows: list[dict]) -> str:
    return json.dumps(rows, ensure_ascii=False)


class Revisions:
    """Articles imported again with different text: their revisions, and how claims carry over."""

    def __init__(self, database: Database, accounts: Accounts) -> None:
        self.database = database
        self.conn = database.conn
        self._accounts = accounts

    # -- reading --------------------------------------------------------------

    def current_revision(self, article_id: int) -> int:
        row = self.conn.execute(
            "SELECT MAX(revision) FROM article_revisions WHERE article_id = ?", (article_id,)
        ).fetchone()
        return row[0] or 1

    def revisions(self, article_id: int) -> list[ArticleRevision]:
        """Every text the article has had, first to current (one row, revision 1, for an article never revised)."""
        rows = self.conn.execute(
            "SELECT revision, sha256, source_name, imported_at, by, counts FROM article_revisions"
            " WHERE article_id = ? ORDER BY revision",
            (article_id,),
        ).fetchall()
        if rows:
            return [ArticleRevision(article_id, r[0], r[1], r[2], r[3], r[4], json.loads(r[5])) for r in rows]
        row = self.conn.execute(
            "SELECT sha256, source_name, imported_at FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        if row is None:
            raise NotFound(f"article {article_id} does not exist")
        return [ArticleRevision(article_id, 1, row[0], row[1], row[2], "", {})]

    def revision_text(self, article_id: int, revision: int) -> str:
        """The article's text as it was in `revision` (the current text for the current revision)."""
        row = self.conn.execute(
            "SELECT text FROM article_revisions WHERE article_id = ? AND revision = ?", (article_id, revision)
        ).fetchone()
        if row is not None:
            return row[0]
        if revision == 1 and self.current_revision(article_id) == 1:
            row = self.conn.execute("SELECT text FROM articles WHERE id = ?", (article_id,)).fetchone()
            if row is None:
                raise NotFound(f"article {article_id} does not exist")
            return row[0]
        raise NotFound(f"article {article_id} has no revision {revision}")

    def revision_marks(self, claim_id: int) -> dict:
        """A segment's place in its article's revisions: `revision` (whose text its offsets refer to),
        `removed_in` (the revision that replaced or removed it, or None), `changed_since_label` (bool) and
        `predecessors` (ids of the segments a revision replaced by it)."""
        row = self.conn.execute(
            "SELECT revision, removed_in, changed_since_label FROM segments WHERE id = ?", (claim_id,)
        ).fetchone()
        if row is None:
            raise NotFound(f"claim {claim_id} does not exist")
        # A revision's lineage: the predecessor was removed by the revision the successor belongs to (a
        # correction's predecessors have no removed_in). No event needed, so a restored export keeps it too.
        before = self.conn.execute(
            "SELECT l.predecessor_id FROM segment_lineage l JOIN segments p ON p.id = l.predecessor_id"
            " WHERE l.successor_id = ? AND p.removed_in IS NOT NULL ORDER BY l.predecessor_id",
            (claim_id,),
        ).fetchall()
        return {
            "revision": row[0],
            "removed_in": row[1],
            "changed_since_label": bool(row[2]),
            "predecessors": [r[0] for r in before],
        }

    def revision_columns(self) -> dict[int, tuple[int, int]]:
        """(revision, changed_since_label) of every segment whose values are not the (1, 0) of an article
        never revised: what the wide CSV adds to each row."""
        rows = self.conn.execute(
            "SELECT id, revision, changed_since_label FROM segments WHERE revision <> 1 OR changed_since_label <> 0"
        )
        return {row[0]: (row[1], row[2]) for row in rows}

    # -- writing --------------------------------------------------------------

    def revise_article(self, article_id: int, split: Split, *, source_name: str = "", by: str) -> RevisionReport:
        """Make `split` the next revision of a live article; refused when it is the current text already."""
        by = check_reviewer(by)
        with self.database.write() as conn:
            row = conn.execute("SELECT retired_at FROM articles WHERE id = ?", (article_id,)).fetchone()
            if row is None or row[0] is not None:
                raise NotFound(f"article {article_id} does not exist")
            return self.revise_in(conn, article_id, split, source_name=source_name, by=by)

    def revisable_in(self, conn: sqlite3.Connection, url: str) -> int | None:
        """The live article an import with this URL revises: the newest with the same canonical URL."""
        wanted = canonical_url(url)
        if not wanted:
            return None
        # By the index on url_key (m020): one lookup, without reading any article's text.
        row = conn.execute(
            f"SELECT MAX(id) FROM articles WHERE url_key = ? AND id NOT IN {RETIRED}", (wanted,)
        ).fetchone()
        return row[0]

    def revise_in(
        self, conn: sqlite3.Connection, article_id: int, split: Split, *, source_name: str, by: str
    ) -> RevisionReport:
        self._accounts.require(by, Action.REVISE)  # inside the transaction: nothing is written if refused
        digest = text_sha256(split.text)
        other = conn.execute("SELECT id FROM articles WHERE sha256 = ?", (digest,)).fetchone()
        if other is not None:
            raise InvalidInput(
                f"article {article_id} already has this text"
                if other[0] == article_id
                else f"this text is article {other[0]} already; article {article_id} was not revised"
            )
        previous = self.current_revision(article_id)
        revision = previous + 1
        stamp = now()
        old = [
            dict(zip(("id", "index", "kind", "text", "start", "end", "paragraph", "revision"), r))
            for r in conn.execute(
                f"SELECT {_OLD_COLUMNS} FROM segments WHERE article_id = ? AND superseded_at IS NULL ORDER BY idx",
                (article_id,),
            )
        ]
        said = {
            r[0]
            for r in conn.execute(
                "SELECT s.id FROM segments s WHERE s.article_id = ? AND s.superseded_at IS NULL AND"
                " (EXISTS (SELECT 1 FROM labels l WHERE l.segment_id = s.id AND l.withdrawn_at IS NULL)"
                " OR EXISTS (SELECT 1 FROM verdicts v WHERE v.segment_id = s.id))",
                (article_id,),
            )
        }
        new = split.segments
        pairs = match([o["text"] for o in old], [s.text for s in new])
        gone = [p for p in pairs if p.fate in (Fate.CHANGED, Fate.REMOVED)]
        conn.executemany(
            "UPDATE segments SET superseded_at = ?, removed_in = ? WHERE id = ?",
            [(stamp, revision, old[p.old]["id"]) for p in gone if p.old is not None],
        )
        # Carried segments leave their index for a moment, so the unique index of current ones never clashes.
        conn.execute("UPDATE segments SET idx = -idx - 1 WHERE article_id = ? AND superseded_at IS NULL", (article_id,))
        carried, inserted, lineage = [], [], []
        for pair in pairs:
            if pair.new is None:
                continue
            segment = new[pair.new]
            if pair.fate is Fate.UNCHANGED and pair.old is not None:
                carried.append(old[pair.old])
                conn.execute(
                    'UPDATE segments SET idx = ?, start = ?, "end" = ?, paragraph = ?, revision = ? WHERE id = ?',
                    (segment.index, segment.start, segment.end, segment.paragraph, revision, old[pair.old]["id"]),
                )
                continue
            flagged = pair.fate is Fate.CHANGED and pair.old is not None and old[pair.old]["id"] in said
            new_id = conn.execute(
                'INSERT INTO segments (article_id, idx, kind, text, start, "end", paragraph, revision,'
                " changed_since_label) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                (
                    article_id,
                    segment.index,
                    segment.kind.value,
                    segment.text,
                    segment.start,
                    segment.end,
                    segment.paragraph,
                    revision,
                    int(flagged),
                ),
            ).fetchone()[0]
            inserted.append(
                {
                    "id": new_id,
                    "index": segment.index,
                    "kind": segment.kind.value,
                    "text": segment.text,
                    "start": segment.start,
                    "end": segment.end,
                }
            )
            if pair.fate is Fate.CHANGED and pair.old is not None:
                lineage.append((old[pair.old]["id"], new_id))
        report = self._count(article_id, revision, pairs, old, new, carried)
        event_id = conn.execute(
            "INSERT INTO segment_events (article_id, action, reviewer, before, after, at)"
            " VALUES (?, 'revise', ?, ?, ?, ?) RETURNING id",
            (article_id, by, _as_json([old[p.old] for p in gone if p.old is not None]), _as_json(inserted), stamp),
        ).fetchone()[0]
        conn.executemany(
            "INSERT INTO segment_lineage (predecessor_id, successor_id, event_id) VALUES (?, ?, ?)",
            [(before, after, event_id) for before, after in lineage],
        )
        self._keep_texts(conn, article_id, previous, revision, split, digest, source_name, by, stamp, report)
        log_event(conn, by, "article revised", f"article:{article_id}", revision=revision)
        return report

    def _keep_texts(
        self,
        conn: sqlite3.Connection,
        article_id: int,
        previous: int,
        revision: int,
        split: Split,
        digest: str,
        source_name: str,
        by: str,
        stamp: str,
        report: RevisionReport,
    ) -> None:
        """Keep the previous text (revision 1 is written now, from the article) and make the new one current."""
        if previous == 1:
            conn.execute(
                "INSERT INTO article_revisions (article_id, revision, text, sha256, source_name, imported_at, by)"
                " SELECT id, 1, text, sha256, source_name, imported_at, '' FROM articles WHERE id = ?",
                (article_id,),
            )
        counts = {
            "unchanged": report.unchanged,
            "changed": report.changed,
            "new": report.new,
            "removed": report.removed,
        }
        conn.execute(
            "INSERT INTO article_revisions (article_id, revision, text, sha256, source_name, imported_at, by, counts)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (article_id, revision, split.text, digest, source_name, stamp, by, json.dumps(counts)),
        )
        conn.execute(
            "UPDATE articles SET text = ?, sha256 = ?, language = ?, detected_language = ? WHERE id = ?",
            (split.text, digest, split.language, split.detected_language, article_id),
        )

    @staticmethod
    def _count(
        article_id: int, revision: int, pairs: list, old: list[dict], new: tuple, carried: list[dict]
    ) -> RevisionReport:
        """Claims only: a carried segment keeps its kind, a new or changed one has the kind the split gave it."""
        claim = SegmentKind.CLAIM
        made = [p for p in pairs if p.new is not None and p.fate is not Fate.UNCHANGED]
        new_claims = [p for p in made if new[p.new].kind is claim]
        return RevisionReport(
            article_id,
            revision,
            unchanged=sum(1 for segment in carried if segment["kind"] == claim.value),
            changed=sum(1 for p in new_claims if p.fate is Fate.CHANGED),
            new=sum(1 for p in new_claims if p.fate is Fate.NEW),
            removed=sum(
                1
                for p in pairs
                if p.old is not None
                and old[p.old]["kind"] == claim.value
                and (p.fate is Fate.REMOVED or (p.fate is Fate.CHANGED and new[p.new].kind is not claim))
            ),
        )
