"""Evidence links: the append-only record of link checks, and each label's link status derived from it.

`link_checks` gets one row per check and nothing else (no update, no delete: the history of a link is
what was seen, when). `label_links` is derived: for each label with a source link, its canonical form,
the check at labelling time (the first check that found the page after the link was given: the
baseline) and the status now. A save or an undo that changes a label's link starts it again as
unchecked; record_link_check() moves every label citing that link. Blind review holds: a label's link
status is read only where its label may be read.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from ..canonical import canonical_url
from ..models import LinkCheck, LinkState, LinkStatus
from .claims import LIVE
from .connection import Database, PreparedSql, execute_later
from .visibility import Sight, Visibility

NOT_CHECKED = "not checked yet"
CHECK_COLUMNS = (
    "canonical_url",
    "url",
    "outcome",
    "http_status",
    "final_url",
    "content_type",
    "title",
    "sha256",
    "text_sha256",
    "text",
    "text_truncated",
    "reason",
    "checked_at",
)
STATUS_ORDER = tuple(s.value for s in LinkStatus)


def track_label_link(
    conn: sqlite3.Connection,
    claim_id: int,
    reviewer: str,
    canonical: str | None = None,
    label: tuple[int | None, str, str | None] | None = None,
) -> None:
    """Inside the write that changed a label: its label_links row follows its source link (a new link is
    unchecked, with no baseline yet; the same link keeps its status; no link, no row). `canonical`, the
    canonical form of the link just stored, is best computed before the write: the lock is not held for it.
    `label` is the label's (id, source_url, withdrawn_at) when the caller knows it; an id of None is a row
    written in this transaction, found by its claim and reviewer."""
    if label is None:
        label = conn.execute(
            "SELECT id, source_url, withdrawn_at FROM labels WHERE segment_id = ? AND reviewer = ?",
            (claim_id, reviewer),
        ).fetchone()
        if label is None:
            return
    if label[0] is None:
        label_id, label_params = "(SELECT id FROM labels WHERE segment_id = ? AND reviewer = ?)", [claim_id, reviewer]
    else:
        label_id, label_params = "?", [label[0]]
    # A withdrawn label (undo of a first save) cites nothing: its row goes until the label is current again.
    canonical = "" if label[2] is not None else canonical_url(label[1] or "") if canonical is None else canonical
    if not canonical:
        # Derived, rebuilt at will.
        execute_later(conn, PreparedSql(f"DELETE FROM label_links WHERE label_id = {label_id}"), label_params)
        return
    # One statement, not a read and a write: the same link leaves its row (and its status) as it was.
    execute_later(
        conn,
        PreparedSql(
            "INSERT INTO label_links (label_id, canonical_url, status, baseline_check_id, checked_at, reason)"
            f" VALUES ({label_id}, ?, 'unchecked', NULL, NULL, ?) ON CONFLICT (label_id) DO UPDATE SET"
            " canonical_url = excluded.canonical_url, status = 'unchecked', baseline_check_id = NULL,"
            " checked_at = NULL, reason = excluded.reason WHERE label_links.canonical_url <> excluded.canonical_url"
        ),
        (*label_params, canonical, NOT_CHECKED),
    )


class Links:
    def __init__(self, database: Database, visibility: Visibility) -> None:
        self.database = database
        self.conn = database.conn
        self._visibility = visibility

    def record_link_check(self, check: LinkCheck) -> int:
        """Append one check and move the status of every label citing that link; returns the check's id."""
        values = {name: getattr(check, name) for name in CHECK_COLUMNS}
        values["text_truncated"] = int(check.text_truncated)
        with self.database.write() as conn:
            check_id = conn.execute(
                f"INSERT INTO link_checks ({', '.join(CHECK_COLUMNS)})"
                f" VALUES ({', '.join('?' for _ in CHECK_COLUMNS)}) RETURNING id",
                tuple(values.values()),
            ).fetchone()[0]
            self._apply_check(conn, check_id, check)
        return int(check_id)

    @staticmethod
    def _apply_check(conn: sqlite3.Connection, check_id: int, check: LinkCheck) -> None:
        where = check.canonical_url
        if check.outcome == "ok":
            # The first check that found the page after the link was given is the one at labelling time.
            conn.execute(
                "UPDATE label_links SET baseline_check_id = ?, status = 'ok', checked_at = ?, reason = ''"
                " WHERE canonical_url = ? AND baseline_check_id IS NULL",
                (check_id, check.checked_at, where),
            )
            # Changed: the main text differs from the baseline's (when both have one; a page's ads and
            # timestamps change its bytes on every visit), else the body's bytes differ.
            conn.execute(
                "UPDATE label_links SET checked_at = ?, reason = '', status = CASE WHEN EXISTS (SELECT 1 FROM"
                " link_checks b WHERE b.id = label_links.baseline_check_id AND ((b.text_sha256 <> '' AND ? <> ''"
                " AND b.text_sha256 = ?) OR ((b.text_sha256 = '' OR ? = '') AND b.sha256 = ?)))"
                " THEN 'ok' ELSE 'changed' END"
                " WHERE canonical_url = ? AND baseline_check_id IS NOT NULL AND baseline_check_id <> ?",
                (
                    check.checked_at,
                    check.text_sha256,
                    check.text_sha256,
                    check.text_sha256,
                    check.sha256,
                    where,
                    check_id,
                ),
            )
        elif check.outcome == "dead":
            conn.execute(
                "UPDATE label_links SET status = 'dead', checked_at = ?, reason = ? WHERE canonical_url = ?",
                (check.checked_at, check.reason, where),
            )
        else:
            # Offline or refused says nothing about the page: a status already known stays; the reason
            # why it is still unchecked is kept where it is.
            conn.execute(
                "UPDATE label_links SET reason = ? WHERE canonical_url = ? AND status = 'unchecked'",
                (check.reason, where),
            )

    def link_checks(self, url: str) -> list[dict]:
        """Every check of a link (any spelling with the same canonical form), oldest first; the page's text too."""
        return list(
            self.database.db.query(
                f"SELECT id, {', '.join(CHECK_COLUMNS)} FROM link_checks WHERE canonical_url = ? ORDER BY id",
                [canonical_url(url)],
            )
        )

    def link_states(self, claim_id: int, *, viewer: str | Sight) -> dict[str, LinkState]:
        """{reviewer: state of their source link} on one claim, for the labels `viewer` may see."""
        sight = self._visibility.sight(viewer)
        own = "" if self._visibility.sees_claim(claim_id, sight) else " AND l.reviewer = ?"
        params: list[object] = [claim_id] + ([sight.viewer] if own else [])
        rows = self.conn.execute(
            "SELECT l.reviewer, l.source_url, k.status, k.checked_at, k.reason, k.canonical_url FROM labels l"
            f" LEFT JOIN label_links k ON k.label_id = l.id WHERE l.segment_id = ? AND l.source_url <> ''"
            f" AND l.withdrawn_at IS NULL{own}",
            params,
        ).fetchall()
        return {
            reviewer: LinkState(
                LinkStatus(status or LinkStatus.UNCHECKED.value),
                checked_at,
                reason if status else NOT_CHECKED,
                canonical or canonical_url(source),
            )
            for reviewer, source, status, checked_at, reason, canonical in rows
        }

    def link_summary(self, *, viewer: str | Sight) -> dict[str, int]:
        """How many source links of the labels `viewer` may see are ok, dead, changed, unchecked (claims of
        articles not retired; a label whose link was never tracked counts as unchecked)."""
        also, params = self._visibility.sight(viewer).also("l.segment_id")
        rows = self.conn.execute(
            "SELECT COALESCE(k.status, 'unchecked'), COUNT(*) FROM labels l JOIN segments s ON s.id = l.segment_id"
            f" LEFT JOIN label_links k ON k.label_id = l.id WHERE l.source_url <> '' AND l.withdrawn_at IS NULL"
            f" AND {LIVE}{also}"
            " GROUP BY COALESCE(k.status, 'unchecked')",
            params,
        ).fetchall()
        counts = dict.fromkeys(STATUS_ORDER, 0)
        counts.update({status: count for status, count in rows})
        return counts

    def track_all_links(self) -> int:
        """Give every label with a source link its label_links row (labels restored or saved before m019,
        or whose link changed outside save_label); returns how many were added or moved."""
        rows = self.conn.execute(
            "SELECT l.segment_id, l.reviewer, l.source_url, k.canonical_url, l.withdrawn_at FROM labels l"
            " LEFT JOIN label_links k ON k.label_id = l.id WHERE l.source_url <> '' OR k.id IS NOT NULL"
        ).fetchall()
        # A withdrawn label should have no row (track_label_link drops it); a label cited link should have one.
        stale = [
            (claim, reviewer)
            for claim, reviewer, source, known, withdrawn in rows
            if (None if withdrawn is not None else canonical_url(source or "") or None) != known
        ]
        for start in range(0, len(stale), 500):  # short writes: labels saved meanwhile never wait long
            with self.database.write() as conn:
                for claim, reviewer in stale[start : start + 500]:
                    track_label_link(conn, claim, reviewer)
        return len(stale)

    def links_due(self, older_than_days: float | None = None, *, now: datetime | None = None) -> list[tuple[str, str]]:
        """(canonical link, the link as a label gives it) for every source link cited by a label: all of them,
        or those whose last check that reached an answer (ok or dead) is older than `older_than_days`; a link
        never checked, or only tried while offline or refused, is always due."""
        rows = self.conn.execute(
            "SELECT k.canonical_url, MIN(l.source_url) FROM label_links k JOIN labels l ON l.id = k.label_id"
            " GROUP BY k.canonical_url ORDER BY k.canonical_url"
        ).fetchall()
        if older_than_days is None:
            return [(c, u) for c, u in rows]
        cutoff = ((now or datetime.now(UTC)) - timedelta(days=older_than_days)).isoformat(timespec="milliseconds")
        cutoff = cutoff.replace("+00:00", "Z")
        last = self._last_checked(c for c, _ in rows)
        return [(c, u) for c, u in rows if last.get(c) is None or last[c] < cutoff]

    def _last_checked(self, canonicals: Iterable[str]) -> dict[str, str]:
        wanted, found = list(canonicals), {}
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            found.update(
                self.conn.execute(
                    "SELECT canonical_url, MAX(checked_at) FROM link_checks WHERE outcome <> 'unchecked'"
                    f" AND canonical_url IN ({', '.join('?' for _ in chunk)}) GROUP BY canonical_url",
                    chunk,
                ).fetchall()
            )
        return found
