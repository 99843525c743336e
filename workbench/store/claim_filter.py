"""Which claims a read lists, built in one place: the FROM clause, which segments count (current, live), kind,
article, language, full-text search, label filters under blind review, position, and article order.

Queues, neighbours, an article's segments, Find and every export build their SQL from a ClaimFilter, so the
conditions mean the same in each, and an export filtered by a search runs the search's conditions in its own
query (no ids through Python). Who may see which labels stays the Sight's (visibility.py).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from ..errors import InvalidInput
from ..metadata import METADATA_LANGUAGES
from ..models import Claim, SegmentKind, Status
from .visibility import Sight

CLAIM_COLUMNS = 's.id, s.article_id, s.idx, s.kind, s.text, s.start, s."end", s.paragraph, a.language, s.superseded_at'
# What queues, search, progress and neighbours walk: current segments (not superseded by a correction of
# the split) of articles that are not retired. History, Adjudication and exports also read the others.
# Retired articles by a partial index holding only them: a condition on `a` would make SQLite scan every article
# (a Bloom filter, or reading past each article's text to its retired_at) on every query.
RETIRED = "(SELECT id FROM articles WHERE retired_at IS NOT NULL)"
LIVE = f"s.article_id NOT IN {RETIRED}"
CURRENT = f"s.superseded_at IS NULL AND {LIVE}"
# The one FROM of a claim query. CROSS JOIN is SQLite's "segments is the outer loop": the planner otherwise
# may walk articles by id and sort every later claim to find the next one (45 ms at 200,000 claims), where the
# (article_id, idx) index finds it at once, and an export needs no sort of every row. postgres_engine.translate()
# makes it a plain JOIN there; PostgreSQL plans its own order.
CLAIMS_FROM = "segments s CROSS JOIN articles a ON a.id = s.article_id"
MAX_SEARCH_CHARS = 500

Position = tuple[int, int]  # (article id, index): a place in article order


def fts_query(text: str) -> str:
    """User text as an FTS5 MATCH expression: every word a quoted prefix term, all of them required.

    Quoting (with inner quotes doubled) makes operators such as AND, OR, NEAR, parentheses, `*` and
    column filters plain words, so no input can be a syntax error.
    """
    terms = [word.replace('"', '""') for word in text.split()]
    return " ".join(f'"{term}"*' for term in terms)


def claim_from_row(row: sqlite3.Row | tuple) -> Claim:
    id_, article_id, idx, kind, text, start, end, paragraph, language, superseded_at = row
    return Claim(id_, article_id, idx, SegmentKind(kind), text, start, end, paragraph, language, superseded_at)


@dataclass(frozen=True)
class ClaimFilter:
    """Which segments to list; None, '' and False mean "any". The first six are what a person filters by
    (Find, exports, the command line); the rest are what the store's own reads add."""

    text: str = ""
    language: str | None = None
    article_id: int | None = None
    status: str | None = None  # a Status value, or "unlabelled"
    reviewer: str | None = None
    disagreement: bool = False  # two reviewers gave the claim different statuses
    kind: str | None = SegmentKind.CLAIM.value  # None: every kind (an article's text and paragraphs)
    superseded: bool = False  # also segments a correction of the split replaced (exports)
    retired: bool = False  # also segments of retired articles (an article or a claim opened by id)
    claim_id: int | None = None
    ids: tuple[int, ...] | None = None  # only these segments (a caller's own list: one parameter for any number)
    paragraphs: tuple[int, int] | None = None  # first and last paragraph number
    after: Position | None = None  # strictly after, in article order
    starting_at: Position | None = None  # at or after
    before: Position | None = None  # strictly before
    # Fewer current labels (anyone's, whatever the viewer sees) than this: the review queue's order, which
    # shows no label and no count.
    fewer_labels_than: int | None = None

    def is_empty(self) -> bool:
        return self == ClaimFilter()

    def where(self, sight: Sight | None = None) -> tuple[list[str], list[object]]:
        """SQL conditions on `s` (segments) and `a` (articles), with their parameters: current claims of
        articles that are not retired (with `superseded`, also the claims corrections replaced: exports).

        The label filters (status, reviewer, disagreement) look only at labels the viewer of `sight` may
        see: under blind review a claim the viewer has not labelled is "unlabelled" to them, and no other
        reviewer's name or status finds it. They need the Sight; the other conditions do not.
        """
        where: list[str] = [f"s.kind = '{SegmentKind(self.kind).value}'"] if self.kind is not None else []
        where += self._scope()
        params: list[object] = []
        if len(self.text) > MAX_SEARCH_CHARS:
            raise InvalidInput(f"the search is {len(self.text)} characters long; at most {MAX_SEARCH_CHARS}")
        if self.text.strip():
            # FTS5's table on SQLite; an expression index over current claims on PostgreSQL (translate()).
            where.append("s.id IN (SELECT rowid FROM claims_fts WHERE claims_fts MATCH ?)")
            params.append(fts_query(self.text))
        if self.language:
            if self.language not in METADATA_LANGUAGES:
                raise InvalidInput(f"language {self.language!r} is not one of {', '.join(METADATA_LANGUAGES)}")
            where.append("a.language = ?")
            params.append(self.language)
        if self.ids is not None:
            # One parameter for any number of ids; SQLite makes it a lookup table once.
            where.append("s.id IN (SELECT value FROM json_each(?))")
            params.append(json.dumps(sorted(self.ids)))
        for condition, value in (
            ("s.id = ?", self.claim_id),
            ("s.article_id = ?", self.article_id),
            ("s.paragraph BETWEEN ? AND ?", self.paragraphs),
        ):
            if value is not None:
                where.append(condition)
                params += list(value) if isinstance(value, tuple) else [value]
        labels, label_params = self._labels(sight)
        where += labels
        params += label_params
        if self.fewer_labels_than is not None:
            where.append("(SELECT COUNT(*) FROM labels l WHERE l.segment_id = s.id AND l.withdrawn_at IS NULL) < ?")
            params.append(self.fewer_labels_than)
        for op, place in ((">", self.after), (">=", self.starting_at), ("<", self.before)):
            if place is not None:
                where.append(f"(s.article_id, s.idx) {op} (?, ?)")
                params += list(place)
        return where, params

    def _scope(self) -> list[str]:
        if self.retired:
            return [] if self.superseded else ["s.superseded_at IS NULL"]
        return [LIVE if self.superseded else CURRENT]

    def _labels(self, sight: Sight | None) -> tuple[list[str], list[object]]:
        """The label filters' conditions, each looking only at labels the viewer of `sight` may see."""
        if not (self.status or self.reviewer or self.disagreement):
            return [], []
        if sight is None:
            raise ValueError("a filter on labels needs the viewer's Sight")
        where: list[str] = []
        params: list[object] = []
        sees, sees_params = sight.also("s.id")
        # A withdrawn label (undo of a first save) is no label.
        by, by_params = "l.withdrawn_at IS NULL", []
        if self.reviewer:
            by, by_params = f"{by} AND l.reviewer = ?", [self.reviewer]
        if self.reviewer != sight.viewer:
            # The viewer's own label is always theirs to see: their queue needs no second lookup.
            by, by_params = by + sees, by_params + sees_params
        if self.status == "unlabelled":
            where.append(f"NOT EXISTS (SELECT 1 FROM labels l WHERE l.segment_id = s.id AND {by})")
            params += by_params
        elif self.status:
            try:
                status = Status(self.status).value
            except ValueError:
                raise InvalidInput(
                    f"status {self.status!r} is not one of verified, unverified, disputed, unlabelled"
                ) from None
            where.append(f"EXISTS (SELECT 1 FROM labels l WHERE l.segment_id = s.id AND l.status = ? AND {by})")
            params += [status, *by_params]
        elif self.reviewer:
            where.append(f"EXISTS (SELECT 1 FROM labels l WHERE l.segment_id = s.id AND {by})")
            params += by_params
        if self.disagreement:
            where.append(
                "(SELECT COUNT(DISTINCT l.status) FROM labels l WHERE l.segment_id = s.id"
                f" AND l.withdrawn_at IS NULL{sees}) > 1"
            )
            params += sees_params
        return where, params

    def order(self, *, reverse: bool = False) -> str:
        """Article order (the (article_id, idx) index's); a superseded segment just before what replaced it,
        which keeps its index and has a larger id. Current segments have a unique (article_id, idx)."""
        columns = ["s.article_id", "s.idx"] + (["s.id"] if self.superseded else [])
        return ", ".join(f"{c} DESC" for c in columns) if reverse else ", ".join(columns)

    def select(
        self,
        columns: str = CLAIM_COLUMNS,
        sight: Sight | None = None,
        *,
        column_params: Sequence[object] = (),
        joins: str = "",
        join_params: Sequence[object] = (),
        also: Sequence[str] = (),
        also_params: Sequence[object] = (),
        ordered: bool = True,
        reverse: bool = False,
        then_by: str = "",
        order_by: str = "",
        limit: int | None = None,
    ) -> tuple[str, list[object]]:
        """One claim query: `columns` of the segments (and their articles, `s` and `a`) this filter keeps, with
        `joins` after the FROM and `also` conditions on them (an export's labels), in article order
        (`reverse`d, or `then_by` more columns; `order_by` another order, such as the queue's by cluster), and
        its parameters in order."""
        where, params = self.where(sight)
        where += also
        sql = f"SELECT {columns} FROM {CLAIMS_FROM}{joins} WHERE {' AND '.join(where) or 'TRUE'}"
        if order_by:
            sql += f" ORDER BY {order_by}"
        elif ordered:
            sql += f" ORDER BY {self.order(reverse=reverse)}" + (f", {then_by}" if then_by else "")
        params = [*column_params, *join_params, *params, *also_params]
        if limit is not None:
            sql += " LIMIT ?"
            params.append(int(limit))
        return sql, params
