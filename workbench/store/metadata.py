"""Article metadata: reading it, and the one edit a person can make to it (title, outlet, URL, date, language)."""

from __future__ import annotations

import json

from ..errors import InvalidInput, NotFound
from ..metadata import ArticleMeta, canonical_url, check_article_url, check_language, check_plain, check_published
from ..permissions import Action
from .accounts import Accounts, log_event
from .connection import Database

MAX_TITLE_CHARS = 200


class ArticleMetadata:
    def __init__(self, database: Database, accounts: Accounts) -> None:
        self.database = database
        self.conn = database.conn
        self._accounts = accounts

    def article_meta(self, article_id: int) -> ArticleMeta:
        row = self.conn.execute(
            "SELECT url, outlet, author, published, metadata FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        if row is None:
            raise NotFound(f"article {article_id} does not exist")
        try:
            extra = json.loads(row[4] or "{}")
        except ValueError:
            extra = {}
        return ArticleMeta(
            url=row[0], outlet=row[1], author=row[2], published=row[3], extra=extra if isinstance(extra, dict) else {}
        )

    def update_article_metadata(
        self,
        article_id: int,
        *,
        title: str,
        outlet: str = "",
        url: str = "",
        published: str = "",
        language: str,
        author: str | None = None,
        by: str | None = None,
    ) -> ArticleMeta:
        """Check every field, then store them in one transaction; the text and its split never change.

        With `by`, the editor must be allowed to import articles, and the change goes to the event log.
        A new language only relabels the article: its segments stay as they are (fix them on the Review page).
        """
        title = check_plain(title, "title", MAX_TITLE_CHARS)
        if not title:
            raise InvalidInput("a title is required")
        values = {
            "title": title,
            "outlet": check_plain(outlet, "outlet"),
            "url": check_article_url(url),
            "published": check_published(published),
            "language": check_language(language),
        }
        if author is not None:
            values["author"] = check_plain(author, "author")
        values["url_key"] = canonical_url(values["url"])  # what a re-import finds the article by (revisions.py)
        assignments = ", ".join(f"{column} = :{column}" for column in values)
        with self.database.write() as conn:
            if by is not None:
                self._accounts.require(by, Action.IMPORT)
            cursor = conn.execute(f"UPDATE articles SET {assignments} WHERE id = :id", {**values, "id": article_id})
            if cursor.rowcount == 0:
                raise NotFound(f"article {article_id} does not exist")
            if by is not None:
                shown = {key: value for key, value in values.items() if key != "url_key"}
                log_event(conn, by, "article metadata edited", f"article:{article_id}", **shown)
        return self.article_meta(article_id)
