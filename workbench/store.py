"""The only module that speaks SQL: articles, segments, labels and their history in one SQLite file."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

import sqlite_utils

from . import config
from .errors import DatabaseError, InvalidLabel, NotAWorkbenchDatabase, NotFound
from .migrations import migrate
from .models import Article, ArticleSummary, Claim, Label, SegmentKind, Split, Status
from .rules import check_label

SQLITE_MAGIC = b"SQLite format 3\x00"
_CLAIM_COLUMNS = (
    "s.id, s.article_id, s.idx, s.kind, s.text, s.start, s.\"end\", s.paragraph, a.language"
)


def now() -> str:
    """UTC timestamp with milliseconds, sortable as text."""
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _claim(row: sqlite3.Row | tuple) -> Claim:
    id_, article_id, idx, kind, text, start, end, paragraph, language = row
    return Claim(id_, article_id, idx, SegmentKind(kind), text, start, end, paragraph, language)


def _label(row: dict) -> Label:
    return Label(
        claim_id=row["segment_id"], reviewer=row["reviewer"], status=Status(row["status"]),
        source_url=row["source_url"], note=row["note"], created_at=row["created_at"],
        updated_at=row["updated_at"], version=row["version"],
    )


def _check_is_sqlite(path: Path) -> None:
    if not path.exists():
        if not path.parent.is_dir():
            raise DatabaseError(f"folder {path.parent} does not exist; create it or choose another --db")
        return
    if path.is_dir():
        raise NotAWorkbenchDatabase(f"{path} is a folder, not a database file")
    with path.open("rb") as handle:
        head = handle.read(len(SQLITE_MAGIC))
    # An empty file is what sqlite3 itself leaves behind before the first write.
    if head and head != SQLITE_MAGIC:
        raise NotAWorkbenchDatabase(f"{path} is not an SQLite database; it was left untouched")


class Store:
    """One connection to the workbench database, for one thread; open a new Store per thread or request."""

    def __init__(self, path: str | Path, *, busy_timeout_ms: int | None = None) -> None:
        self.path = Path(path)
        _check_is_sqlite(self.path)
        timeout_ms = busy_timeout_ms or int(config.get("busy_timeout_ms"))  # type: ignore[call-overload]
        try:
            # isolation_level=None: we issue BEGIN IMMEDIATE ourselves (a deferred BEGIN loses writes).
            conn = sqlite3.connect(self.path, isolation_level=None, timeout=timeout_ms / 1000)
            conn.execute(f"PRAGMA busy_timeout = {timeout_ms}")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
            self._check_foreign_tables(conn)
            self.created = "m001_initial" in migrate(conn)
        except sqlite3.DatabaseError as exc:
            raise DatabaseError(f"cannot open {self.path}: {exc}") from None
        self.conn = conn
        self.db = sqlite_utils.Database(conn)

    @staticmethod
    def _check_foreign_tables(conn: sqlite3.Connection) -> None:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if tables and "migrations" not in tables:
            raise NotAWorkbenchDatabase("this SQLite database belongs to something else; it was left untouched")

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, taken with BEGIN IMMEDIATE so it waits for the lock instead of failing."""
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise DatabaseError(f"the database is busy or cannot be written: {exc}") from None
        try:
            yield self.conn
            self.conn.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            self._rollback()
            raise DatabaseError(f"nothing was saved: {exc}") from None
        except BaseException:
            self._rollback()
            raise

    def _rollback(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

    # -- meta ---------------------------------------------------------------

    def meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        with self.write() as conn:
            conn.execute("INSERT INTO meta (key, value) VALUES (?, ?) "
                         "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (key, value))

    # -- articles -----------------------------------------------------------

    def add_article(self, split: Split, *, title: str, source_name: str = "") -> tuple[int, bool]:
        """Store an article and its segments in one transaction; return (id, created). Same text → stored once."""
        digest = text_sha256(split.text)
        with self.write() as conn:
            row = conn.execute("SELECT id FROM articles WHERE sha256 = ?", (digest,)).fetchone()
            if row:
                return row[0], False
            cursor = conn.execute(
                "INSERT INTO articles (title, language, detected_language, text, sha256, source_name, imported_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (title, split.language, split.detected_language, split.text, digest, source_name, now()),
            )
            article_id = int(cursor.lastrowid or 0)
            conn.executemany(
                'INSERT INTO segments (article_id, idx, kind, text, start, "end", paragraph)'
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(article_id, s.index, s.kind.value, s.text, s.start, s.end, s.paragraph) for s in split.segments],
            )
            return article_id, True

    def article(self, article_id: int) -> Article:
        rows = list(self.db.query(
            "SELECT id, title, language, text, sha256, source_name, imported_at FROM articles WHERE id = ?",
            [article_id]))
        if not rows:
            raise NotFound(f"article {article_id} does not exist")
        return Article(**rows[0])

    def articles(self, reviewer: str | None = None) -> list[ArticleSummary]:
        """Every article with its claim count and how many claims have a label (by `reviewer`, if given)."""
        sql = """
            SELECT a.id, a.title, a.language, a.imported_at,
                   COUNT(s.id) AS claims,
                   COUNT(s.id) FILTER (WHERE EXISTS (
                       SELECT 1 FROM labels l WHERE l.segment_id = s.id
                       AND (:reviewer IS NULL OR l.reviewer = :reviewer))) AS labelled
            FROM articles a LEFT JOIN segments s ON s.article_id = a.id AND s.kind = 'claim'
            GROUP BY a.id ORDER BY a.id
        """
        return [ArticleSummary(**row) for row in self.db.query(sql, {"reviewer": reviewer})]

    # -- claims -------------------------------------------------------------

    def segments(self, article_id: int) -> list[Claim]:
        """All segments of an article, every kind, in order."""
        rows = self.conn.execute(
            f"SELECT {_CLAIM_COLUMNS} FROM segments s JOIN articles a ON a.id = s.article_id"
            " WHERE s.article_id = ? ORDER BY s.idx", (article_id,))
        return [_claim(r) for r in rows]

    def claim(self, claim_id: int) -> Claim:
        row = self.conn.execute(
            f"SELECT {_CLAIM_COLUMNS} FROM segments s JOIN articles a ON a.id = s.article_id WHERE s.id = ?",
            (claim_id,)).fetchone()
        if row is None:
            raise NotFound(f"claim {claim_id} does not exist")
        return _claim(row)

    def claims(self, article_id: int | None = None, status: str | None = None,
               reviewer: str | None = None) -> Iterator[Claim]:
        """Claims in article order; `status` keeps those with such a label, or none at all for 'unlabelled'."""
        where, params = ["s.kind = 'claim'"], []
        if article_id is not None:
            where.append("s.article_id = ?")
            params.append(article_id)
        label_filter, label_params = "1", []
        if reviewer:
            label_filter, label_params = "l.reviewer = ?", [reviewer]
        if status == "unlabelled":
            where.append(f"NOT EXISTS (SELECT 1 FROM labels l WHERE l.segment_id = s.id AND {label_filter})")
            params += label_params
        elif status:
            where.append(f"EXISTS (SELECT 1 FROM labels l WHERE l.segment_id = s.id AND l.status = ? AND {label_filter})")
            params += [Status(status).value, *label_params]
        sql = (f"SELECT {_CLAIM_COLUMNS} FROM segments s JOIN articles a ON a.id = s.article_id"
               f" WHERE {' AND '.join(where)} ORDER BY s.article_id, s.idx")
        for row in self.conn.execute(sql, params):
            yield _claim(row)

    def next_unlabelled(self, reviewer: str, after: Claim | None = None) -> Claim | None:
        """The first claim `reviewer` has not labelled, in article order, after `after` if given (wrapping round)."""
        base = (f"SELECT {_CLAIM_COLUMNS} FROM segments s JOIN articles a ON a.id = s.article_id"
                " WHERE s.kind = 'claim' AND NOT EXISTS"
                " (SELECT 1 FROM labels l WHERE l.segment_id = s.id AND l.reviewer = ?)")
        if after is not None:
            row = self.conn.execute(
                base + " AND (s.article_id, s.idx) > (?, ?) ORDER BY s.article_id, s.idx LIMIT 1",
                (reviewer, after.article_id, after.index)).fetchone()
            if row:
                return _claim(row)
        row = self.conn.execute(base + " ORDER BY s.article_id, s.idx LIMIT 1", (reviewer,)).fetchone()
        return _claim(row) if row else None

    def neighbour(self, claim: Claim, step: int) -> Claim | None:
        """The claim before (step -1) or after (step +1) `claim` in article order, across articles."""
        op, order = (">", "ASC") if step > 0 else ("<", "DESC")
        row = self.conn.execute(
            f"SELECT {_CLAIM_COLUMNS} FROM segments s JOIN articles a ON a.id = s.article_id"
            f" WHERE s.kind = 'claim' AND (s.article_id, s.idx) {op} (?, ?)"
            f" ORDER BY s.article_id {order}, s.idx {order} LIMIT 1",
            (claim.article_id, claim.index)).fetchone()
        return _claim(row) if row else None

    def claim_position(self, claim: Claim) -> tuple[int, int]:
        """(1-based position of the claim among its article's claims, how many claims the article has)."""
        row = self.conn.execute(
            "SELECT COUNT(*) FILTER (WHERE idx <= ?), COUNT(*) FROM segments"
            " WHERE article_id = ? AND kind = 'claim'", (claim.index, claim.article_id)).fetchone()
        return row[0], row[1]

    def paragraph(self, claim: Claim) -> list[Claim]:
        """Every segment of the claim's paragraph, in order, for showing the claim in context."""
        rows = self.conn.execute(
            f"SELECT {_CLAIM_COLUMNS} FROM segments s JOIN articles a ON a.id = s.article_id"
            " WHERE s.article_id = ? AND s.paragraph = ? ORDER BY s.idx", (claim.article_id, claim.paragraph))
        return [_claim(r) for r in rows]

    # -- labels -------------------------------------------------------------

    def save_label(self, claim_id: int, *, status: str | Status, reviewer: str, source_url: str = "",
                   note: str = "") -> Label:
        """Validate and store one reviewer's label on one claim, and append the change to label_events."""
        given = check_label(status, reviewer, source_url, note)
        stamp = now()
        with self.write() as conn:
            kind = conn.execute("SELECT kind FROM segments WHERE id = ?", (claim_id,)).fetchone()
            if kind is None:
                raise NotFound(f"claim {claim_id} does not exist")
            if kind[0] != SegmentKind.CLAIM.value:
                raise InvalidLabel(f"segment {claim_id} is a {kind[0]}, not a claim; it cannot be labelled")
            old = conn.execute(
                "SELECT status, source_url, note FROM labels WHERE segment_id = ? AND reviewer = ?",
                (claim_id, given.reviewer)).fetchone()
            new = (given.status.value, given.source_url, given.note)
            if old != new:
                # Every column is set explicitly: an upsert that leaves one out would keep the old value.
                conn.execute(
                    "INSERT INTO labels (segment_id, reviewer, status, source_url, note, created_at, updated_at)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?)"
                    " ON CONFLICT (segment_id, reviewer) DO UPDATE SET status = excluded.status,"
                    " source_url = excluded.source_url, note = excluded.note,"
                    " updated_at = excluded.updated_at, version = labels.version + 1",
                    (claim_id, given.reviewer, *new, stamp, stamp))
                conn.execute(
                    "INSERT INTO label_events (segment_id, reviewer, old_status, old_source_url, old_note,"
                    " new_status, new_source_url, new_note, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (claim_id, given.reviewer, *(old or (None, None, None)), *new, stamp))
        label = self.label(claim_id, given.reviewer)
        assert label is not None
        return label

    def label(self, claim_id: int, reviewer: str) -> Label | None:
        rows = list(self.db.query("SELECT * FROM labels WHERE segment_id = ? AND reviewer = ?",
                                  [claim_id, reviewer]))
        return _label(rows[0]) if rows else None

    def labels(self, claim_id: int) -> list[Label]:
        return [_label(r) for r in self.db.query(
            "SELECT * FROM labels WHERE segment_id = ? ORDER BY updated_at", [claim_id])]

    def history(self, claim_id: int) -> list[dict]:
        """Every save of every label on the claim, oldest first."""
        return list(self.db.query("SELECT * FROM label_events WHERE segment_id = ? ORDER BY id", [claim_id]))

    def reviewers(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT DISTINCT reviewer FROM labels ORDER BY reviewer")]

    def progress(self, reviewer: str | None = None) -> tuple[int, int]:
        """(claims labelled, claims in all) over the whole database, by `reviewer` if given."""
        summaries = self.articles(reviewer)
        return sum(a.labelled for a in summaries), sum(a.claims for a in summaries)

    # -- export -------------------------------------------------------------

    def export_rows(self, article_id: int | None = None, status: str | None = None,
                    reviewer: str | None = None) -> Iterator[dict]:
        """One row per label, plus one with empty status per claim nobody has labelled; streamed."""
        where, params = ["s.kind = 'claim'"], []
        if article_id is not None:
            where.append("a.id = ?")
            params.append(article_id)
        if status == "unlabelled":
            where.append("l.id IS NULL")
        elif status:
            where.append("l.status = ?")
            params.append(Status(status).value)
        if reviewer:
            where.append("l.reviewer = ?")
            params.append(reviewer)
        sql = f"""
            SELECT a.id AS article_id, a.title AS article_title, a.language, s.id AS claim_id,
                   s.idx AS claim_index, s.text AS claim_text, s.start, s."end", s.paragraph,
                   COALESCE(l.status, '') AS status, COALESCE(l.source_url, '') AS source_url,
                   COALESCE(l.note, '') AS note, COALESCE(l.reviewer, '') AS reviewer,
                   COALESCE(l.updated_at, '') AS labelled_at
            FROM segments s JOIN articles a ON a.id = s.article_id
            LEFT JOIN labels l ON l.segment_id = s.id
            WHERE {' AND '.join(where)}
            ORDER BY a.id, s.idx, l.reviewer
        """
        yield from self.db.query(sql, params)
