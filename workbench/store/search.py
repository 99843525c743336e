"""Finding claims: full-text search (FTS5, diacritics-insensitive) with filters on language, article, labels."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import InvalidInput
from ..metadata import METADATA_LANGUAGES
from ..models import Claim, Status
from .claims import CLAIM_COLUMNS, CURRENT, LIVE, Claims, claim_from_row
from .visibility import Sight, Visibility

MAX_SEARCH_CHARS = 500


def fts_query(text: str) -> str:
    """User text as an FTS5 MATCH expression: every word a quoted prefix term, all of them required.

    Quoting (with inner quotes doubled) makes operators such as AND, OR, NEAR, parentheses, `*` and
    column filters plain words, so no input can be a syntax error.
    """
    terms = [word.replace('"', '""') for word in text.split()]
    return " ".join(f'"{term}"*' for term in terms)


@dataclass(frozen=True)
class ClaimFilter:
    """What to look for; None, '' and False mean "any"."""

    text: str = ""
    language: str | None = None
    article_id: int | None = None
    status: str | None = None  # a Status value, or "unlabelled"
    reviewer: str | None = None
    disagreement: bool = False  # two reviewers gave the claim different statuses

    def is_empty(self) -> bool:
        return self == ClaimFilter()

    def where(self, sight: Sight, *, superseded: bool = False) -> tuple[list[str], list[object]]:
        """SQL conditions on `s` (segments) and `a` (articles), with their parameters: current claims of
        articles that are not retired; with `superseded`, also the claims corrections replaced (exports).

        The label filters (status, reviewer, disagreement) look only at labels the viewer of `sight` may
        see: under blind review a claim the viewer has not labelled is "unlabelled" to them, and no other
        reviewer's name or status finds it.
        """
        where: list[str] = ["s.kind = 'claim'", LIVE if superseded else CURRENT]
        params: list[object] = []
        if len(self.text) > MAX_SEARCH_CHARS:
            raise InvalidInput(f"the search is {len(self.text)} characters long; at most {MAX_SEARCH_CHARS}")
        if self.text.strip():
            where.append("s.id IN (SELECT rowid FROM claims_fts WHERE claims_fts MATCH ?)")
            params.append(fts_query(self.text))
        if self.language:
            if self.language not in METADATA_LANGUAGES:
                raise InvalidInput(f"language {self.language!r} is not one of {', '.join(METADATA_LANGUAGES)}")
            where.append("a.language = ?")
            params.append(self.language)
        if self.article_id is not None:
            where.append("s.article_id = ?")
            params.append(self.article_id)
        sees, sees_params = sight.also("s.id")
        # A withdrawn label (undo of a first save) is no label.
        by, by_params = ("l.reviewer = ?", [self.reviewer]) if self.reviewer else ("TRUE", [])
        by = f"l.withdrawn_at IS NULL AND {by}"
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


class Search(Visibility, Claims):
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
        where, params = (found or ClaimFilter()).where(self.sight(viewer), superseded=superseded)
        sql = (
            f"SELECT {CLAIM_COLUMNS} FROM segments s JOIN articles a ON a.id = s.article_id"
            f" WHERE {' AND '.join(where)} ORDER BY s.article_id, s.idx, s.id"
        )
        if limit is not None:
            sql += " LIMIT ?"
            params.append(int(limit))
        return [claim_from_row(row) for row in self.conn.execute(sql, params)]

    def find_claim_ids(self, found: ClaimFilter, *, viewer: str, superseded: bool = False) -> set[int]:
        where, params = found.where(self.sight(viewer), superseded=superseded)
        sql = f"SELECT s.id FROM segments s JOIN articles a ON a.id = s.article_id WHERE {' AND '.join(where)}"
        return {row[0] for row in self.conn.execute(sql, params)}
