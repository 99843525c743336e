"""Labels: saving one with its history, reading them back, progress, and the rows of an export."""

from __future__ import annotations

import sqlite3
from collections.abc import Collection, Iterator
from dataclasses import dataclass, replace

from ..canonical import canonical_url
from ..errors import InvalidLabel, LabelConflict, NotFound
from ..models import Label, SegmentKind, Status
from ..permissions import Action
from ..rules import check_label
from .accounts import actor_join, allowed
from .claim_filter import ClaimFilter
from .connection import Database, PreparedSql, execute_later, now
from .links import track_label_link
from .visibility import Sight, Visibility

# The long export's columns: name, SQL expression, and whether it holds a whole number (else text).
EXPORT_COLUMNS: tuple[tuple[str, str, bool], ...] = (
    ("article_id", "a.id", True),
    ("article_title", "a.title", False),
    ("language", "a.language", False),
    ("claim_id", "s.id", True),
    ("claim_index", "s.idx", True),
    ("claim_text", "s.text", False),
    ("start", "s.start", True),
    ("end", 's."end"', True),
    ("paragraph", "s.paragraph", True),
    ("status", "l.status", False),
    ("source_url", "l.source_url", False),
    ("note", "l.note", False),
    ("reviewer", "l.reviewer", False),
    ("labelled_at", "l.updated_at", False),
    ("archive_url", "l.archive_url", False),  # the archived copy of the source, when the reviewer gave one
    # The source link's status (ok, dead, changed, unchecked; empty without a link) and its last answer.
    ("link_status", "(CASE WHEN l.source_url <> '' THEN COALESCE(k.status, 'unchecked') END)", False),
    ("link_checked_at", "k.checked_at", False),
    ("final_status", "v.status", False),
    ("final_note", "v.note", False),  # the editor's verdict
    ("superseded", "s.superseded_at", False),  # empty while current; when a correction of the split replaced it
    ("cluster_id", "c.cluster_id", True),  # confirmed "same claim" elsewhere: the cluster's smallest claim id
    # Revisions (issue 17): the article's revision whose text the claim's offsets refer to, and 1 when the
    # claim replaced a labelled one whose text a revision changed (store/revisions.py).
    ("revision", "s.revision", True),
    ("changed_since_label", "s.changed_since_label", True),
)


# Named columns, read by position: a label read needs no dict per row (and no sqlite-utils import, which
# the first save of a process would otherwise pay while holding the write lock).
LABEL_COLUMNS = "segment_id, reviewer, status, source_url, note, created_at, updated_at, version, archive_url"


def label_from_row(row: tuple) -> Label:
    claim_id, reviewer, status, source_url, note, created_at, updated_at, version, archive_url = row
    return Label(
        claim_id=claim_id,
        reviewer=reviewer,
        status=Status(status),
        source_url=source_url,
        note=note,
        created_at=created_at,
        updated_at=updated_at,
        version=version,
        archive_url=archive_url,
    )


def refuse_unless_current(conn: sqlite3.Connection, claim_id: int, refusal_end: str = "") -> None:
    """Refuse, inside a write, a segment that cannot be labelled or judged: missing, of a retired article,
    superseded by a correction, or not a claim (a heading, boilerplate)."""
    kind = conn.execute(
        "SELECT s.kind, s.superseded_at, a.retired_at FROM segments s JOIN articles a ON a.id = s.article_id"
        " WHERE s.id = ?",
        (claim_id,),
    ).fetchone()
    refuse_unlabellable(claim_id, kind, refusal_end)


def refuse_unlabellable(claim_id: int, kind: tuple | None, refusal_end: str) -> None:
    """(kind, superseded_at, retired_at) of a segment, or None: refused unless a current claim."""
    if kind is None or kind[2] is not None:
        raise NotFound(f"claim {claim_id} does not exist")
    if kind[1] is not None:
        raise InvalidLabel.of("err.segment_superseded", segment=claim_id)
    if kind[0] != SegmentKind.CLAIM.value:
        raise InvalidLabel(f"segment {claim_id} is a {kind[0]}, not a claim{refusal_end}")


def own_label(conn: sqlite3.Connection, claim_id: int, reviewer: str) -> tuple[tuple | None, int]:
    """((status, source_url, note, archive_url) or None for "no label", its version or 0), inside a write: a
    withdrawn label is no label, so a tab that saw it withdrawn (version 0) may label the claim again."""
    row = conn.execute(
        "SELECT status, source_url, note, archive_url, version FROM labels"
        " WHERE segment_id = ? AND reviewer = ? AND withdrawn_at IS NULL",
        (claim_id, reviewer),
    ).fetchone()
    return (tuple(row[:4]), row[4]) if row else (None, 0)


def read_label(conn: sqlite3.Connection, claim_id: int, reviewer: str) -> Label | None:
    """`reviewer`'s current label on the claim, whoever asks: for the store's own checks, never for a viewer."""
    row = conn.execute(
        f"SELECT {LABEL_COLUMNS} FROM labels WHERE segment_id = ? AND reviewer = ? AND withdrawn_at IS NULL",
        (claim_id, reviewer),
    ).fetchone()
    return label_from_row(row) if row else None


# A changed label and its history row, as every save writes them (prepared on PostgreSQL). Every column is
# set explicitly: an upsert that leaves one out would keep the old value. A withdrawn label (undo of a first
# save) is made current again on its own row, next version.
_UPSERT = PreparedSql(
    "INSERT INTO labels (segment_id, reviewer, status, source_url, note, archive_url, created_at,"
    " updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
    " ON CONFLICT (segment_id, reviewer) DO UPDATE SET status = excluded.status,"
    " source_url = excluded.source_url, note = excluded.note, archive_url = excluded.archive_url,"
    " updated_at = excluded.updated_at, version = excluded.version, withdrawn_at = NULL"
)
_SAVED = PreparedSql(
    "INSERT INTO label_events (segment_id, reviewer, old_status, old_source_url, old_note,"
    " old_archive_url, new_status, new_source_url, new_note, new_archive_url, at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


@dataclass(frozen=True)
class OwnRow:
    """The reviewer's label row on a claim as a save finds it, under the save's lock."""

    current: tuple | None  # (status, source_url, note, archive_url) of their current label; None for none
    version: int  # that label's version; 0 for none (never labelled, or withdrawn by an undo)
    row: tuple[int, int, str] | None  # (id, version, created_at) of the row, withdrawn or not; None for no row
    events: int  # their saves recorded on the claim, when there is no row: a new row's version follows them


class Labels:
    """Saving labels, reading them back as each viewer may see them, progress, and the long export."""

    def __init__(self, database: Database, visibility: Visibility) -> None:
        self.database = database
        self.conn = database.conn
        self._visibility = visibility

    def save_label(
        self,
        claim_id: int,
        *,
        status: str | Status,
        reviewer: str,
        source_url: str = "",
        note: str = "",
        expected_version: int | None = None,
        archive_url: str = "",
    ) -> Label:
        """Validate and store one reviewer's label on one claim, and append the change to label_events.

        With `expected_version` (0 for "no label yet"), refuse with LabelConflict when the stored
        label is no longer the one the reviewer was shown: never overwrite silently. The source link's
        status (label_links) starts as unchecked when the link is new; checking it is the caller's choice
        (linkcheck.py), never part of the save.
        """
        given = check_label(status, reviewer, source_url, note, archive_url)
        canonical = canonical_url(given.source_url)  # before the write: its lock is not held for it
        stamp = now()
        with self.database.write(claim=claim_id) as conn:
            # A label is always the actor's own: the account check reads in the same query as the claim.
            mine = self._labellable(conn, claim_id, given.reviewer)
            old, version = mine.current, mine.version
            new = (given.status.value, given.source_url, given.note, given.archive_url)
            if expected_version is not None and version != expected_version and old != new:
                current = read_label(self.conn, claim_id, given.reviewer)
                raise LabelConflict(
                    f"this label was changed elsewhere since you opened it (now: "
                    f"{current.status.value if current else 'none'}); nothing was saved",
                    current,
                )
            if old == new:
                label = read_label(self.conn, claim_id, given.reviewer)
            else:
                label = self._store(conn, mine, claim_id, given.reviewer, new, stamp, canonical)
        assert label is not None
        return label

    @staticmethod
    def _store(
        conn: sqlite3.Connection, mine: OwnRow, claim_id: int, reviewer: str, new: tuple, stamp: str, canonical: str
    ) -> Label:
        """Write one changed label, its history row and its link row; the label as stored.

        The stored label is known before it is written: under the save's lock nothing else changes this
        reviewer's row on this claim, and its version and creation time were read with the checks. So on
        PostgreSQL the three statements go with the COMMIT, and a save is two round trips; once COMMIT has
        succeeded nothing can fail, so a save that reports an error never turns out to have been stored.
        """
        if mine.row is None:
            label_id, next_version, created = None, 1 + mine.events, stamp
        else:
            label_id, previous, created = mine.row
            next_version = previous + 1
        execute_later(
            conn,
            _UPSERT,
            (claim_id, reviewer, *new, created, stamp, next_version),
        )
        execute_later(
            conn,
            _SAVED,
            (claim_id, reviewer, *(mine.current or (None, None, None, None)), *new, stamp),
        )
        track_label_link(conn, claim_id, reviewer, canonical, label=(label_id, new[1], None))
        status, source_url, note, archive_url = new
        return Label(claim_id, reviewer, Status(status), source_url, note, created, stamp, next_version, archive_url)

    def _labellable(self, conn: sqlite3.Connection, claim_id: int, reviewer: str) -> OwnRow:
        """require(reviewer, LABEL), refuse_unless_current() and the reviewer's own label row in one query,
        refused in that order: a save's first round trip on PostgreSQL carries BEGIN, its locks and this."""
        columns, tables, params = actor_join(reviewer)
        row = conn.execute(
            PreparedSql(
                f"SELECT {columns}, s.kind, s.superseded_at, a.retired_at,"
                " l.status, l.source_url, l.note, l.archive_url, l.version, l.withdrawn_at, l.id, l.created_at,"
                " CASE WHEN l.id IS NULL THEN (SELECT COUNT(*) FROM label_events e"
                " WHERE e.segment_id = s.id AND e.reviewer = ?) END"
                f" FROM {tables} LEFT JOIN segments s ON s.id = ? LEFT JOIN articles a ON a.id = s.article_id"
                " LEFT JOIN labels l ON l.segment_id = s.id AND l.reviewer = ?"
            ),
            (reviewer, *params, claim_id, reviewer),
        ).fetchone()
        allowed(reviewer, Action.LABEL, row)
        refuse_unlabellable(claim_id, row[4:7] if row[4] is not None else None, "; it cannot be labelled")
        status, source_url, note, archive_url, version, withdrawn_at, label_id, created_at, events = row[7:16]
        current = withdrawn_at is None and label_id is not None
        return OwnRow(
            current=(status, source_url, note, archive_url) if current else None,
            version=version if current else 0,
            row=None if label_id is None else (label_id, version, created_at),
            events=events or 0,
        )

    def label(self, claim_id: int, reviewer: str, *, viewer: str) -> Label | None:
        """`reviewer`'s label on the claim, if there is one and `viewer` may see it (their own, always)."""
        if reviewer != viewer and not self._visibility.sees_claim(claim_id, self._visibility.sight(viewer)):
            return None
        return read_label(self.conn, claim_id, reviewer)

    def labels(self, claim_id: int, *, viewer: str | Sight) -> list[Label]:
        """Every label on the claim that `viewer` may see (see visibility.py), oldest change first; an
        export asking claim after claim passes the Sight it got once from sight()."""
        if not self._visibility.sees_claim(claim_id, self._visibility.sight(viewer)):
            return []  # the viewer's own label would make them see the claim
        return [
            label_from_row(r)
            for r in self.conn.execute(
                f"SELECT {LABEL_COLUMNS} FROM labels WHERE segment_id = ? AND withdrawn_at IS NULL ORDER BY updated_at",
                (claim_id,),
            )
        ]

    def history(self, claim_id: int, *, viewer: str) -> list[dict]:
        """Every save of every label on the claim that `viewer` may see, oldest first: under blind review
        a reviewer who has not labelled the claim gets only their own saves (if a restore left any)."""
        by_viewer = "" if self._visibility.sees_claim(claim_id, self._visibility.sight(viewer)) else " AND reviewer = ?"
        params: list[object] = [claim_id] + ([viewer] if by_viewer else [])
        return list(
            self.database.db.query(f"SELECT * FROM label_events WHERE segment_id = ?{by_viewer} ORDER BY id", params)
        )

    def reviewers(self, *, viewer: str) -> list[str]:
        """The reviewers with a label `viewer` may see: under blind review, those on the claims they labelled."""
        also, params = self._visibility.sight(viewer).also("l.segment_id")
        if also:
            sql = f"SELECT DISTINCT reviewer FROM labels l WHERE l.withdrawn_at IS NULL{also} ORDER BY reviewer"
            return [r[0] for r in self.conn.execute(sql, params)]
        # One index step per reviewer (labels_reviewer) instead of reading every label: DISTINCT read all
        # 100,000 labels of the benchmark workbench on each page run (28 ms on PostgreSQL, twice a run).
        sql = (
            "WITH RECURSIVE names(name) AS ("
            " SELECT MIN(reviewer) FROM labels WHERE withdrawn_at IS NULL"
            " UNION ALL SELECT (SELECT MIN(l.reviewer) FROM labels l WHERE l.reviewer > names.name"
            " AND l.withdrawn_at IS NULL) FROM names WHERE names.name IS NOT NULL"
            ") SELECT name FROM names WHERE name IS NOT NULL ORDER BY name"
        )
        return [r[0] for r in self.conn.execute(sql)]

    def progress(self, reviewer: str | None = None) -> tuple[int, int]:
        """(claims labelled, claims in all) over the whole database, by `reviewer` if given.

        Read from the counters that m006_progress_counters keeps: one row each, at any size, plus the slots
        of labelled claims that label saves on PostgreSQL add to (m022_label_counter_slots).
        """
        claims, any_label = self.conn.execute(
            "SELECT claims, labelled + CAST((SELECT COALESCE(SUM(labelled), 0) FROM claim_total_slots) AS BIGINT)"
            " FROM claim_totals"
        ).fetchone()
        if reviewer is None:
            return any_label, claims
        row = self.conn.execute("SELECT labelled FROM reviewer_progress WHERE reviewer = ?", (reviewer,)).fetchone()
        return (row[0] if row else 0), claims

    def article_progress(self, article_id: int, reviewer: str) -> tuple[int, int]:
        """(claims of one article labelled by `reviewer`, claims of the article): a walk over that article only."""
        sql, params = ClaimFilter(article_id=article_id, retired=True).select(
            "COUNT(l.id), COUNT(*)",
            joins=" LEFT JOIN labels l ON l.segment_id = s.id AND l.reviewer = ? AND l.withdrawn_at IS NULL",
            join_params=[reviewer],
            ordered=False,
        )
        row = self.conn.execute(sql, params).fetchone()
        return row[0], row[1]

    def export_rows(
        self,
        article_id: int | None = None,
        status: str | None = None,
        reviewer: str | None = None,
        claim_ids: Collection[int] | ClaimFilter | None = None,
        *,
        viewer: str,
    ) -> Iterator[dict]:
        """One row per label `viewer` may see, plus one with empty status per claim without one; streamed.

        Claims superseded by a correction of the split stay, with their labels and `superseded` set;
        retired articles are left out. Filters: one article, a status ("unlabelled": claims with no label
        the viewer may see, which under blind review means claims the viewer has not labelled), a reviewer,
        and only the claims in `claim_ids` (ids, or a search's ClaimFilter, whose conditions join the query).
        The verdict comes only where the viewer may see it.
        """
        query = self._export_query(self._export_select(), article_id, status, reviewer, claim_ids, viewer)
        yield from self.database.db.query(*query)

    def export_lines(
        self,
        delimiter: str = ",",
        article_id: int | None = None,
        status: str | None = None,
        reviewer: str | None = None,
        claim_ids: Collection[int] | ClaimFilter | None = None,
        batch: int = 5000,
        *,
        viewer: str,
    ) -> Iterator[list[bytes]]:
        """export_rows() as CSV lines (formats/csv_cells.py) built by the database, in batches of UTF-8 bytes,
        one item per row with its CRLF; the `'` after another separator is still the caller's to add
        (csv_cells.neutralise_lines).

        Building the text in the database and taking it as bytes keeps Python out of the per-cell work:
        at a million rows that work cost twice the query itself (SQLite's printf, PostgreSQL's COPY).
        """
        line = self.database.csv_line_sql([(expr, whole) for _, expr, whole in EXPORT_COLUMNS], delimiter)
        sql, params = self._export_query(line, article_id, status, reviewer, claim_ids, viewer)
        yield from self.database.stream_lines(sql, params, batch)

    @staticmethod
    def _export_select() -> str:
        # Text columns of a claim nobody labelled come out empty, not NULL.
        return ", ".join(
            f'{expr} AS "{name}"' if whole else f"COALESCE({expr}, '') AS \"{name}\""
            for name, expr, whole in EXPORT_COLUMNS
        )

    def _export_query(
        self,
        select: str,
        article_id: int | None,
        status: str | None,
        reviewer: str | None,
        claim_ids: Collection[int] | ClaimFilter | None,
        viewer: str,
    ) -> tuple[str, list]:
        # Which claims: the search's ClaimFilter (its conditions in this query, its ids never through Python),
        # over the claims corrections replaced too, as every export reads them.
        sight = self._visibility.sight(viewer)
        if isinstance(claim_ids, ClaimFilter):
            found = replace(claim_ids, superseded=True)
        else:
            found = ClaimFilter(superseded=True, ids=None if claim_ids is None else tuple(claim_ids))
        also: list[str] = []
        also_params: list[object] = []
        if article_id is not None:
            if found.article_id is None:
                found = replace(found, article_id=article_id)
            elif found.article_id != article_id:
                also.append("FALSE")  # two articles: no claim is in both
        # Which rows: one per label, joined only where the viewer may see it and the verdict (visibility.py):
        # elsewhere the claim comes out as one row with empty label columns, and "unlabelled" keeps exactly
        # those. Status and reviewer keep label rows, not claims.
        if status == "unlabelled":
            also.append("l.id IS NULL")
        elif status:
            also.append("l.status = ?")
            also_params.append(Status(status).value)
        if reviewer:
            also.append("l.reviewer = ?")
            also_params.append(reviewer)
        sees, sees_params = sight.also("s.id")
        # Segments stay the outer loop, read in (article_id, idx) index order, and labels come by their
        # (segment_id, reviewer) index: no sort of every row (a temp B-tree before).
        return found.select(
            select,
            sight,
            joins=(
                f" LEFT JOIN labels l ON l.segment_id = s.id AND l.withdrawn_at IS NULL{sees}"
                f" LEFT JOIN verdicts v ON v.segment_id = s.id{sees}"
                " LEFT JOIN claim_clusters c ON c.segment_id = s.id"
                " LEFT JOIN label_links k ON k.label_id = l.id"
            ),
            join_params=[*sees_params, *sees_params],
            also=also,
            also_params=also_params,
            then_by="l.reviewer",
        )
