"""Articles and their segments."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from ..errors import InvalidInput, NotFound
from ..metadata import ArticleMeta, canonical_url
from ..models import Article, ArticleSummary, RevisionReport, Split
from .accounts import OPERATOR
from .claims import RETIRED
from .connection import Database, now, text_sha256
from .revisions import Revisions

# "No limit" as a number both engines take (SQLite reads LIMIT -1 so, PostgreSQL refuses it).
ALL = 2**63 - 1


@dataclass(frozen=True)
class Imported:
    """What storing one article did: created it, found the same text (created False, revised None), or
    made a new revision of the live article with the same URL (`revised`)."""

    article_id: int
    created: bool
    revised: RevisionReport | None = None


class Articles:
    def __init__(self, database: Database, revisions: Revisions) -> None:
        self.database = database
        self.conn = database.conn
        self._revisions = revisions

    def add_article(
        self,
        split: Split,
        *,
        title: str,
        source_name: str = "",
        meta: ArticleMeta | None = None,
        by: str = OPERATOR,
    ) -> tuple[int, bool]:
        """Store an article and its segments in one transaction; return (id, created). Same text → stored once;
        different text under the URL of a live article → its next revision (created False; see import_articles)."""
        with self.database.write() as conn:
            imported = self._insert_article(conn, split, title, source_name, meta, by)
        return imported.article_id, imported.created

    def add_articles(self, items: Sequence[tuple[Split, str, str, ArticleMeta | None]]) -> list[tuple[int, bool]]:
        """add_article for many (split, title, source name, meta) in one transaction: one fsync, not one each."""
        return [(i.article_id, i.created) for i in self.import_articles(items)]

    def import_articles(
        self, items: Sequence[tuple[Split, str, str, ArticleMeta | None]], *, by: str = OPERATOR
    ) -> list[Imported]:
        """Store many (split, title, source name, meta) in one transaction, each created, found or revised.

        bench/import_speed.py: committing each article on its own made storing cost more than splitting.
        """
        with self.database.write() as conn:
            return [self._insert_article(conn, *item, by) for item in items]

    def _insert_article(
        self,
        conn: sqlite3.Connection,
        split: Split,
        title: str,
        source_name: str = "",
        meta: ArticleMeta | None = None,
        by: str = OPERATOR,
    ) -> Imported:
        digest = text_sha256(split.text)
        meta = meta or ArticleMeta()
        row = conn.execute("SELECT id, retired_at FROM articles WHERE sha256 = ?", (digest,)).fetchone()
        if row and row[1] is not None:
            # Importing it again must not bring back, in silence, what an admin retired.
            raise InvalidInput(f"this text is article {row[0]}, which an admin retired; it was not imported again")
        if row:
            return Imported(row[0], False)
        revised = self._revisions.revisable_in(conn, meta.url)
        if revised is not None:
            return Imported(
                revised, False, self._revisions.revise_in(conn, revised, split, source_name=source_name, by=by)
            )
        cursor = conn.execute(
            "INSERT INTO articles (title, language, detected_language, text, sha256, source_name, imported_at,"
            " url, outlet, author, published, metadata, url_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " RETURNING id",
            (
                title,
                split.language,
                split.detected_language,
                split.text,
                digest,
                source_name,
                now(),
                meta.url,
                meta.outlet,
                meta.author,
                meta.published,
                meta.extra_json(),
                canonical_url(meta.url),
            ),
        )
        article_id = int(cursor.fetchone()[0])
        conn.executemany(
            'INSERT INTO segments (article_id, idx, kind, text, start, "end", paragraph) VALUES (?, ?, ?, ?, ?, ?, ?)',
            [(article_id, s.index, s.kind.value, s.text, s.start, s.end, s.paragraph) for s in split.segments],
        )
        return Imported(article_id, True)

    def article(self, article_id: int) -> Article:
        rows = list(
            self.database.db.query(
                "SELECT id, title, language, text, sha256, source_name, imported_at FROM articles WHERE id = ?",
                [article_id],
            )
        )
        if not rows:
            raise NotFound(f"article {article_id} does not exist")
        return Article(**rows[0])

    def article_titles(self, limit: int = ALL) -> dict[int, str]:
        """Id and title of the first `limit` articles (all by default), for pickers: no counting, unlike articles()."""
        return dict(
            self.conn.execute(f"SELECT id, title FROM articles WHERE id NOT IN {RETIRED} ORDER BY id LIMIT ?", (limit,))
        )

    def article_title(self, article_id: int) -> str:
        """One article's title, from the (id, title) index: whether it exists, without reading its text."""
        row = self.conn.execute(
            "SELECT title FROM articles WHERE id = ? AND retired_at IS NULL", (article_id,)
        ).fetchone()
        if row is None:
            raise NotFound(f"article {article_id} does not exist")
        return row[0]

    def article_count(self) -> int:
        total = self.conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        return total - self.conn.execute(f"SELECT COUNT(*) FROM {RETIRED} AS retired").fetchone()[0]

    def articles(self, reviewer: str | None = None, *, limit: int = ALL, offset: int = 0) -> list[ArticleSummary]:
        """Every article that is not retired (or a page of `limit` from `offset`) with its count of current
        claims and how many of them have a label (by `reviewer`, if given)."""
        sql = f"""
            SELECT a.id, a.title, a.language, a.imported_at,
                   COUNT(s.id) AS claims,
                   COUNT(s.id) FILTER (WHERE EXISTS (
                       SELECT 1 FROM labels l WHERE l.segment_id = s.id AND l.withdrawn_at IS NULL
                       AND (:reviewer IS NULL OR l.reviewer = :reviewer))) AS labelled,
                   (SELECT COALESCE(MAX(r.revision), 1) FROM article_revisions r WHERE r.article_id = a.id)
                       AS revision
            FROM articles a
            LEFT JOIN segments s ON s.article_id = a.id AND s.kind = 'claim' AND s.superseded_at IS NULL
            -- the page picked by id first: counting only its articles' claims, not every article's
            WHERE a.id IN (SELECT id FROM articles WHERE id NOT IN {RETIRED} ORDER BY id LIMIT :limit OFFSET :offset)
            GROUP BY a.id ORDER BY a.id
        """
        params = {"reviewer": reviewer, "limit": limit, "offset": offset}
        return [ArticleSummary(**row) for row in self.database.db.query(sql, params)]
