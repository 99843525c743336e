"""Whole records for the JSONL export and its restore: an article, its segments, their labels and history."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection, Iterable, Iterator
from dataclasses import replace

from ..metadata import canonical_url
from ..permissions import Action
from .accounts import Accounts, log_event
from .claim_filter import ClaimFilter
from .claims import Claims
from .connection import Database, now, text_sha256
from .links import track_label_link
from .visibility import Visibility

ARTICLE_FIELDS = (
    "id",
    "title",
    "language",
    "detected_language",
    "url",
    "outlet",
    "author",
    "published",
    "metadata",
    "source_name",
    "imported_at",
    "sha256",
)
LABEL_FIELDS = ("reviewer", "status", "source_url", "note", "created_at", "updated_at", "version", "archive_url")
HISTORY_FIELDS = (
    "reviewer",
    "old_status",
    "old_source_url",
    "old_note",
    "new_status",
    "new_source_url",
    "new_note",
    "at",
    "old_archive_url",
    "new_archive_url",
)
VERDICT_FIELDS = ("status", "note", "by", "at")
SEGMENT_FIELDS = ("id", "index", "kind", "text", "start", "end", "paragraph", "superseded_at", "successors")
# Revisions (issue 17): each claim's revision, the revision that replaced it, and whether it replaced a labelled
# one; the article's first line carries every earlier text in `revisions` (store/revisions.py).
REVISION_FIELDS = ("revision", "removed_in", "changed_since_label")
ARTICLE_REVISION_FIELDS = ("revision", "text", "sha256", "source_name", "imported_at", "by", "counts")
# The corrections of the split and the revisions (segment_events): who changed which segments, and when.
CORRECTION_FIELDS = ("id", "action", "reviewer", "before", "after", "at")


class Records:
    def __init__(self, database: Database, accounts: Accounts, visibility: Visibility, claims: Claims) -> None:
        self.database = database
        self.conn = database.conn
        self._accounts = accounts
        self._visibility = visibility
        self._claims = claims

    def segment_records(
        self, segment_ids: ClaimFilter | Collection[int] | None = None, *, viewer: str
    ) -> Iterator[dict]:
        """Every segment (or the claims a search's ClaimFilter keeps, or those in `segment_ids`) in article
        order, as {article, claim, labels, history, verdict}; the article's text comes with its first record
        only. Labels, history and verdict only where `viewer` may see them (visibility.py); elsewhere empty, as
        for a claim nobody labelled. The filter's conditions run in this query: its ids never travel through
        Python.

        Segments a correction of the split replaced come too, each just before what replaced it, with their
        labels, `superseded_at` and `successors` (ids); retired articles are left out."""
        sight = self._visibility.sight(viewer)
        mine = (
            None
            if sight.everything
            else {
                r[0]
                for r in self.conn.execute(
                    "SELECT segment_id FROM labels WHERE reviewer = ? AND withdrawn_at IS NULL", (viewer,)
                )
            }
        )
        if isinstance(segment_ids, ClaimFilter):
            found = replace(segment_ids, superseded=True)
        else:
            found = ClaimFilter(kind=None, superseded=True, ids=None if segment_ids is None else tuple(segment_ids))
        sql, params = found.select(
            's.id, s.idx AS "index", s.kind, s.text, s.start, s."end", s.paragraph, s.superseded_at,'
            " s.revision, s.removed_in, s.changed_since_label, s.article_id",
            sight,
        )
        last_article, shown, rest = None, {}, {}
        verdicts = self.final_verdicts(viewer=viewer)
        for segment in self.database.db.query(sql, params):
            article_id = segment.pop("article_id")
            if article_id != last_article:
                shown = self._article_record(article_id, None if sight.everything else sight.viewer)
                rest = {key: value for key, value in shown.items() if key not in ("text", "revisions", "corrections")}
                last_article = article_id
            else:
                shown = rest
            verdict = verdicts.get(segment["id"])
            seen = mine is None or segment["id"] in mine
            segment["successors"] = self._claims.successors(segment["id"]) if segment["superseded_at"] else []
            segment["changed_since_label"] = bool(segment["changed_since_label"])
            yield {
                "article": shown,
                "claim": segment,
                "labels": self._labels_of(segment["id"]) if seen else [],
                "history": self._history_of(segment["id"], None if seen else viewer),
                "verdict": {key: verdict[key] for key in VERDICT_FIELDS} if verdict else None,
            }

    def _article_record(self, article_id: int, only: str | None = None) -> dict:
        """The article's first line: its metadata, text, earlier texts and corrections (every one, or those of
        reviewer `only`: under blind review who corrected which claim is not another reviewer's to see)."""
        columns = ", ".join(ARTICLE_FIELDS) + ", text"
        row = dict(next(iter(self.database.db.query(f"SELECT {columns} FROM articles WHERE id = ?", [article_id]))))
        row["metadata"] = json.loads(row["metadata"] or "{}")
        revisions = self.database.db.query(
            f"SELECT {', '.join(ARTICLE_REVISION_FIELDS)} FROM article_revisions"
            " WHERE article_id = ? ORDER BY revision",
            [article_id],
        )
        row["revisions"] = [{**r, "counts": json.loads(r["counts"])} for r in revisions]
        by = " AND reviewer = ?" if only is not None else ""
        corrections = self.database.db.query(
            f"SELECT {', '.join(CORRECTION_FIELDS)} FROM segment_events WHERE article_id = ?{by} ORDER BY id",
            [article_id] + ([only] if only is not None else []),
        )
        row["corrections"] = [
            {**c, "before": json.loads(c["before"]), "after": json.loads(c["after"])} for c in corrections
        ]
        return row

    def _labels_of(self, segment_id: int) -> list[dict]:
        """The labels of a segment, each with its source link's status now (LINK_FIELDS, read-only: a restore
        checks the links again instead of trusting a file)."""
        return list(
            self.database.db.query(
                f"SELECT {', '.join(f'l.{f}' for f in LABEL_FIELDS)},"
                " CASE WHEN l.source_url <> '' THEN COALESCE(k.status, 'unchecked') ELSE '' END AS link_status,"
                " COALESCE(k.checked_at, '') AS link_checked_at"
                " FROM labels l LEFT JOIN label_links k ON k.label_id = l.id WHERE l.segment_id = ?"
                " AND l.withdrawn_at IS NULL"
                " ORDER BY l.reviewer",
                [segment_id],
            )
        )

    def _history_of(self, segment_id: int, only: str | None = None) -> list[dict]:
        """The label events of a segment, or only those of reviewer `only`."""
        by = " AND reviewer = ?" if only is not None else ""
        params: list[object] = [segment_id] + ([only] if only is not None else [])
        return list(
            self.database.db.query(
                f"SELECT {', '.join(HISTORY_FIELDS)} FROM label_events WHERE segment_id = ?{by} ORDER BY id", params
            )
        )

    def restore_article(
        self, article: dict, segments: Iterable[dict], *, by: str, source: str = ""
    ) -> tuple[int, bool]:
        """Store one checked article with its segments, labels and history in one transaction; admins only.

        It writes labels and verdicts in other people's names, so `by` must be allowed Action.RESTORE
        (formats/restore_rules.py checks every value first). Same text already stored → nothing is
        written, (its id, False). Original ids are kept where they are free, so a restore into an empty
        database gives back the same ids. The restore is logged with who, from which file, and how much. Superseded
        segments keep `superseded_at`, and their `successors` become lineage again (mapped to the ids given here).
        """
        segments = list(segments)
        with self.database.write() as conn:
            self._accounts.require(by, Action.RESTORE)
            row = conn.execute("SELECT id FROM articles WHERE sha256 = ?", (text_sha256(article["text"]),)).fetchone()
            if row:
                return row[0], False
            article_id = self._free_id(conn, "articles", article.get("id"))
            cursor = conn.execute(
                "INSERT INTO articles (id, title, language, detected_language, text, sha256, source_name,"
                " imported_at, url, outlet, author, published, metadata, url_key)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                (
                    article_id,
                    article["title"],
                    article["language"],
                    article.get("detected_language"),
                    article["text"],
                    text_sha256(article["text"]),
                    article.get("source_name", ""),
                    article.get("imported_at") or now(),
                    article.get("url", ""),
                    article.get("outlet", ""),
                    article.get("author", ""),
                    article.get("published", ""),
                    json.dumps(article.get("metadata") or {}, ensure_ascii=False, sort_keys=True),
                    canonical_url(article.get("url", "")),
                ),
            )
            article_id = int(cursor.fetchone()[0])
            conn.executemany(
                "INSERT INTO article_revisions (article_id, revision, text, sha256, source_name, imported_at, by,"
                " counts) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        article_id,
                        r["revision"],
                        r["text"],
                        text_sha256(r["text"]),
                        r["source_name"],
                        r["imported_at"],
                        r["by"],
                        json.dumps(r["counts"]),
                    )
                    for r in article.get("revisions") or ()
                ],
            )
            given_ids: dict[object, int] = {}  # id in the file → id stored
            lineage: list[tuple[object, object]] = []
            for record in segments:
                segment = record["claim"]
                cursor = conn.execute(
                    'INSERT INTO segments (id, article_id, idx, kind, text, start, "end", paragraph, superseded_at,'
                    " revision, removed_in, changed_since_label) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    " RETURNING id",
                    (
                        self._free_id(conn, "segments", segment.get("id")),
                        article_id,
                        segment["index"],
                        segment["kind"],
                        segment["text"],
                        segment["start"],
                        segment["end"],
                        segment["paragraph"],
                        segment.get("superseded_at"),
                        segment.get("revision", 1),
                        segment.get("removed_in"),
                        int(bool(segment.get("changed_since_label"))),
                    ),
                )
                segment_id = int(cursor.fetchone()[0])
                given_ids[segment.get("id")] = segment_id
                lineage += [(segment.get("id"), successor) for successor in segment.get("successors") or ()]
                conn.executemany(
                    f"INSERT INTO labels (segment_id, {', '.join(LABEL_FIELDS)}) VALUES (?{', ?' * len(LABEL_FIELDS)})",
                    [(segment_id, *(label[f] for f in LABEL_FIELDS)) for label in record["labels"]],
                )
                for label in record["labels"]:
                    track_label_link(conn, segment_id, label["reviewer"])  # unchecked until `links check`
                conn.executemany(
                    f"INSERT INTO label_events (segment_id, {', '.join(HISTORY_FIELDS)})"
                    f" VALUES (?{', ?' * len(HISTORY_FIELDS)})",
                    [(segment_id, *(event.get(f) for f in HISTORY_FIELDS)) for event in record["history"]],
                )
                verdict = record.get("verdict")
                if verdict:
                    conn.execute(
                        'INSERT INTO verdicts (segment_id, status, note, "by", at) VALUES (?, ?, ?, ?, ?)',
                        (segment_id, *(verdict[f] for f in VERDICT_FIELDS)),
                    )
            caused_by = self._restore_corrections(conn, article_id, article.get("corrections") or (), given_ids)
            # A successor left out of the file (a filtered export) leaves no link; the segment stays superseded.
            pairs = {(given_ids[old], given_ids[new]) for old, new in lineage if old in given_ids and new in given_ids}
            conn.executemany(
                "INSERT OR IGNORE INTO segment_lineage (predecessor_id, successor_id, event_id) VALUES (?, ?, ?)",
                [(old, new, caused_by.get((old, new))) for old, new in sorted(pairs) if old != new],
            )
            log_event(
                conn,
                by,
                "article restored",
                f"article:{article_id}",
                file=source,
                exported_id=article.get("id"),
                segments=len(segments),
                labels=sum(len(r["labels"]) for r in segments),
                label_events=sum(len(r["history"]) for r in segments),
                verdicts=sum(1 for r in segments if r.get("verdict")),
                corrections=len(article.get("corrections") or ()),
            )
            return article_id, True

    def _restore_corrections(
        self, conn: sqlite3.Connection, article_id: int, corrections: Iterable[dict], given_ids: dict[object, int]
    ) -> dict[tuple[int, int], int]:
        """The article's corrections back in segment_events, their segment ids mapped to the ids given here (a
        segment the file left out keeps no id: null); returns {(predecessor, successor): event id} for the
        lineage those corrections made."""
        caused_by: dict[tuple[int, int], int] = {}
        for correction in corrections:
            sides = {
                side: [{**s, "id": given_ids.get(s["id"])} for s in correction[side]] for side in ("before", "after")
            }
            event_id = conn.execute(
                "INSERT INTO segment_events (id, article_id, action, reviewer, before, after, at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                (
                    self._free_id(conn, "segment_events", correction.get("id")),
                    article_id,
                    correction["action"],
                    correction["reviewer"],
                    json.dumps(sides["before"], ensure_ascii=False),
                    json.dumps(sides["after"], ensure_ascii=False),
                    correction["at"],
                ),
            ).fetchone()[0]
            if correction["action"] != "kind":  # a change of kind keeps the segment: no lineage
                for old in sides["before"]:
                    for new in sides["after"]:
                        if old["id"] is not None and new["id"] is not None:
                            caused_by[(old["id"], new["id"])] = int(event_id)
        return caused_by

    def log_restore(self, *, by: str, source: str, counts: dict[str, int]) -> None:
        """One event for a whole restore: who, when, which file, how many articles and rows it brought back."""
        with self.database.write() as conn:
            self._accounts.require(by, Action.RESTORE)
            log_event(conn, by, "restore", f"file:{source}", **counts)

    def final_verdicts(self, *, viewer: str) -> dict[int, dict]:
        """Editors' final verdicts by claim id, those `viewer` may see."""
        also, params = self._visibility.sight(viewer).also("v.segment_id")
        return {
            row["segment_id"]: row
            for row in self.database.db.query(f"SELECT * FROM verdicts v WHERE TRUE{also}", params)
        }

    @staticmethod
    def _free_id(conn: sqlite3.Connection, table: str, wanted: object) -> int | None:
        if not isinstance(wanted, int) or isinstance(wanted, bool) or wanted <= 0:
            return None
        taken = conn.execute(f"SELECT 1 FROM {table} WHERE id = ?", (wanted,)).fetchone()
        return None if taken else wanted
