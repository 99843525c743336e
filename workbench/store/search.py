"""Finding claims: full-text search (FTS5, diacritics-insensitive) with filters on language, article, labels.

The filter and its SQL live in claim_filter.py; ClaimFilter, fts_query and MAX_SEARCH_CHARS are named here too,
where callers have always imported them."""

from __future__ import annotations

from dataclasses import replace

from ..models import Claim
from .claim_filter import MAX_SEARCH_CHARS, ClaimFilter, claim_from_row, fts_query
from .connection import Database
from .visibility import Visibility

__all__ = ["MAX_SEARCH_CHARS", "ClaimFilter", "Search", "fts_query"]


class Search:
    def __init__(self, database: Database, visibility: Visibility) -> None:
        self.database = database
        self.conn = database.conn
        self._visibility = visibility

    def find_claims(
        self,
        found: ClaimFilter | None = None,
        *,
        viewer: str,
        limit: int | None = None,
        superseded: bool = False,
    ) -> list[Claim]:
        """Current claims matching every given filter, in article order; label filters see what `viewer` may
        see. With `superseded` (exports), also those replaced by corrections of the split, each just before
        what replaced it."""
        found = found or ClaimFilter()
        if superseded:
            found = replace(found, superseded=True)
        sql, params = found.select(sight=self._visibility.sight(viewer), limit=limit)
        return [claim_from_row(row) for row in self.conn.execute(sql, params)]

    def find_claim_ids(self, found: ClaimFilter, *, viewer: str, superseded: bool = False) -> set[int]:
        if superseded:
            found = replace(found, superseded=True)
        sql, params = found.select("s.id", self._visibility.sight(viewer), ordered=False)
        return {row[0] for row in self.conn.execute(sql, params)}
