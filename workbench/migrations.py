"""Schema changes as named migrations, applied in order inside one `BEGIN IMMEDIATE` transaction."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime

from .errors import SchemaTooNew

Migration = Callable[[sqlite3.Connection], None]
MIGRATIONS: list[tuple[str, Migration]] = []


def migration(fn: Migration) -> Migration:
    MIGRATIONS.append((fn.__name__, fn))
    return fn


@migration
def m001_initial(conn: sqlite3.Connection) -> None:
    _run(
        conn,
        (
            """
        CREATE TABLE articles (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL,
            language TEXT NOT NULL,
            detected_language TEXT,
            text TEXT NOT NULL,
            sha256 TEXT NOT NULL UNIQUE,
            source_name TEXT NOT NULL DEFAULT '',
            imported_at TEXT NOT NULL
        )
        """,
            """
        CREATE TABLE segments (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('claim', 'heading', 'boilerplate')),
            text TEXT NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            paragraph INTEGER NOT NULL,
            UNIQUE (article_id, idx)
        )
        """,
            """
        CREATE TABLE labels (
            id INTEGER PRIMARY KEY,
            segment_id INTEGER NOT NULL REFERENCES segments(id) ON DELETE CASCADE,
            reviewer TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('verified', 'unverified', 'disputed')),
            source_url TEXT NOT NULL DEFAULT '',
            note TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            version INTEGER NOT NULL DEFAULT 1,
            UNIQUE (segment_id, reviewer)
        )
        """,
            """
        CREATE INDEX labels_reviewer ON labels (reviewer, segment_id)
        """,
            """
        -- Every save, with the value it replaced; never updated nor deleted.
        CREATE TABLE label_events (
            id INTEGER PRIMARY KEY,
            segment_id INTEGER NOT NULL,
            reviewer TEXT NOT NULL,
            old_status TEXT,
            old_source_url TEXT,
            old_note TEXT,
            new_status TEXT NOT NULL,
            new_source_url TEXT NOT NULL,
            new_note TEXT NOT NULL,
            at TEXT NOT NULL
        )
        """,
            """
        CREATE INDEX label_events_segment ON label_events (segment_id, id)
        """,
            """
        CREATE TRIGGER label_events_append_only_update BEFORE UPDATE ON label_events
        BEGIN SELECT RAISE(ABORT, 'label_events is append-only'); END
        """,
            """
        CREATE TRIGGER label_events_append_only_delete BEFORE DELETE ON label_events
        BEGIN SELECT RAISE(ABORT, 'label_events is append-only'); END
        """,
            """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)
        """,
        ),
    )


@migration
def m002_segment_events(conn: sqlite3.Connection) -> None:
    """Reviewer corrections of the split (split, merge, change of kind), with who, when, before and after."""
    _run(
        conn,
        (
            """
        CREATE TABLE segment_events (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL,
            action TEXT NOT NULL CHECK (action IN ('split', 'merge', 'kind')),
            reviewer TEXT NOT NULL,
            before TEXT NOT NULL,
            after TEXT NOT NULL,
            at TEXT NOT NULL
        )
        """,
            "CREATE INDEX segment_events_article ON segment_events (article_id, id)",
            """
        CREATE TRIGGER segment_events_append_only_update BEFORE UPDATE ON segment_events
        BEGIN SELECT RAISE(ABORT, 'segment_events is append-only'); END
        """,
            """
        CREATE TRIGGER segment_events_append_only_delete BEFORE DELETE ON segment_events
        BEGIN SELECT RAISE(ABORT, 'segment_events is append-only'); END
        """,
        ),
    )


@migration
def m003_article_metadata(conn: sqlite3.Connection) -> None:
    """Where an article comes from: URL, outlet, author, publication date, and any other field as JSON."""
    _run(
        conn,
        tuple(
            f"ALTER TABLE articles ADD COLUMN {column} TEXT NOT NULL DEFAULT '{default}'"
            for column, default in (("url", ""), ("outlet", ""), ("author", ""), ("published", ""), ("metadata", "{}"))
        ),
    )


@migration
def m004_claims_fts(conn: sqlite3.Connection) -> None:
    """Full-text search over claims (segments of kind 'claim' only), diacritics-insensitive, kept by triggers.

    A plain FTS5 table keyed by segment id: deleting by rowid needs no old values, so a trigger
    cannot leave a stale entry. Reviewer corrections delete and insert segments and change kinds.
    """
    _run(
        conn,
        (
            """
        CREATE VIRTUAL TABLE claims_fts USING fts5(text, tokenize = "unicode61 remove_diacritics 2")
        """,
            "INSERT INTO claims_fts (rowid, text) SELECT id, text FROM segments WHERE kind = 'claim'",
            """
        CREATE TRIGGER claims_fts_insert AFTER INSERT ON segments WHEN new.kind = 'claim'
        BEGIN INSERT INTO claims_fts (rowid, text) VALUES (new.id, new.text); END
        """,
            """
        CREATE TRIGGER claims_fts_delete AFTER DELETE ON segments
        BEGIN DELETE FROM claims_fts WHERE rowid = old.id; END
        """,
            """
        CREATE TRIGGER claims_fts_update AFTER UPDATE OF id, text, kind ON segments
        BEGIN
            DELETE FROM claims_fts WHERE rowid = old.id;
            INSERT INTO claims_fts (rowid, text) SELECT new.id, new.text WHERE new.kind = 'claim';
        END
        """,
        ),
    )


@migration
def m005_claim_labels_view(conn: sqlite3.Connection) -> None:
    """One row per label with its claim and article, for Datasette and other SQLite readers."""
    _run(
        conn,
        (
            """
        CREATE VIEW claim_labels AS
        SELECT l.id AS label_id, l.reviewer, l.status, l.source_url, l.note,
               l.created_at, l.updated_at, l.version,
               s.id AS claim_id, s.idx AS claim_index, s.text AS claim_text, s.start, s."end", s.paragraph,
               a.id AS article_id, a.title AS article_title, a.language, a.url AS article_url,
               a.outlet, a.published, a.text AS article_text
        FROM labels l
        JOIN segments s ON s.id = l.segment_id
        JOIN articles a ON a.id = s.article_id
        """,
        ),
    )


@migration
def m006_progress_counters(conn: sqlite3.Connection) -> None:
    """Claim and label counts kept by triggers, so progress is one row read instead of a scan of every claim.

    At 200,000 claims counting took 560 ms per Review page run. `claim_totals` holds how many claims
    there are and how many have any label; `reviewer_progress` how many claims each reviewer labelled.
    A segment's labels are counted while it is a claim: the triggers follow inserts, deletes and kind
    changes of segments, and inserts and deletes of labels. Labels removed by the cascade of a deleted
    segment find no segment any more and change nothing: its BEFORE DELETE trigger has counted them.
    """
    has_labels = "EXISTS (SELECT 1 FROM labels WHERE segment_id = {0}.id)"
    _run(
        conn,
        (
            """
        CREATE TABLE claim_totals (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            claims INTEGER NOT NULL,
            labelled INTEGER NOT NULL
        )
        """,
            """
        CREATE TABLE reviewer_progress (reviewer TEXT PRIMARY KEY, labelled INTEGER NOT NULL) WITHOUT ROWID
        """,
            # Article pickers read titles on every page run; without it each title drags its article's text in.
            "CREATE INDEX articles_titles ON articles (id, title)",
            """
        INSERT INTO claim_totals (id, claims, labelled)
        SELECT 1, COUNT(*), COUNT(*) FILTER (WHERE EXISTS (SELECT 1 FROM labels l WHERE l.segment_id = s.id))
        FROM segments s WHERE s.kind = 'claim'
        """,
            """
        INSERT INTO reviewer_progress (reviewer, labelled)
        SELECT l.reviewer, COUNT(*) FROM labels l JOIN segments s ON s.id = l.segment_id
        WHERE s.kind = 'claim' GROUP BY l.reviewer
        """,
            # A claim comes or goes: by insert, delete, or a change of kind.
            """
        CREATE TRIGGER progress_segment_insert AFTER INSERT ON segments WHEN new.kind = 'claim'
        BEGIN UPDATE claim_totals SET claims = claims + 1; END
        """,
            f"""
        CREATE TRIGGER progress_segment_delete BEFORE DELETE ON segments WHEN old.kind = 'claim'
        BEGIN
            UPDATE claim_totals SET claims = claims - 1, labelled = labelled - {has_labels.format("old")};
            UPDATE reviewer_progress SET labelled = labelled - 1
            WHERE reviewer IN (SELECT reviewer FROM labels WHERE segment_id = old.id);
        END
        """,
            f"""
        CREATE TRIGGER progress_segment_kind AFTER UPDATE OF kind ON segments
        WHEN (old.kind = 'claim') <> (new.kind = 'claim')
        BEGIN
            UPDATE claim_totals SET
                claims = claims + iif(new.kind = 'claim', 1, -1),
                labelled = labelled + iif(new.kind = 'claim', 1, -1) * {has_labels.format("new")};
            INSERT INTO reviewer_progress (reviewer, labelled)
            SELECT reviewer, iif(new.kind = 'claim', 1, -1) FROM labels WHERE segment_id = new.id
            ON CONFLICT (reviewer) DO UPDATE SET labelled = labelled + excluded.labelled;
        END
        """,
            # A label on a claim comes or goes (changing a label's status changes no count).
            """
        CREATE TRIGGER progress_label_insert AFTER INSERT ON labels
        WHEN EXISTS (SELECT 1 FROM segments WHERE id = new.segment_id AND kind = 'claim')
        BEGIN
            UPDATE claim_totals SET labelled = labelled + 1
            WHERE (SELECT COUNT(*) FROM labels WHERE segment_id = new.segment_id) = 1;
            INSERT INTO reviewer_progress (reviewer, labelled) VALUES (new.reviewer, 1)
            ON CONFLICT (reviewer) DO UPDATE SET labelled = labelled + 1;
        END
        """,
            """
        CREATE TRIGGER progress_label_delete AFTER DELETE ON labels
        WHEN EXISTS (SELECT 1 FROM segments WHERE id = old.segment_id AND kind = 'claim')
        BEGIN
            UPDATE claim_totals SET labelled = labelled - 1
            WHERE NOT EXISTS (SELECT 1 FROM labels WHERE segment_id = old.segment_id);
            UPDATE reviewer_progress SET labelled = labelled - 1 WHERE reviewer = old.reviewer;
        END
        """,
        ),
    )


@migration
def m007_accounts_verdicts_events(conn: sqlite3.Connection) -> None:
    """Accounts with roles, editors' verdicts, and one append-only table for every other event."""
    _run(
        conn,
        (
            """
        CREATE TABLE accounts (
            email TEXT PRIMARY KEY,
            role TEXT NOT NULL CHECK (role IN ('reviewer', 'editor', 'admin')),
            created_at TEXT NOT NULL
        )
        """,
            """
        CREATE TABLE verdicts (
            segment_id INTEGER PRIMARY KEY REFERENCES segments(id) ON DELETE CASCADE,
            status TEXT NOT NULL CHECK (status IN ('verified', 'unverified', 'disputed')),
            note TEXT NOT NULL DEFAULT '',
            by TEXT NOT NULL,
            at TEXT NOT NULL
        )
        """,
            # Account changes, verdicts, settings and deletions; labels and corrections have their own.
            """
        CREATE TABLE events (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            subject TEXT NOT NULL,
            details TEXT NOT NULL DEFAULT '{}'
        )
        """,
            "CREATE INDEX events_subject ON events (subject, id)",
            """
        CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events
        BEGIN SELECT RAISE(ABORT, 'events is append-only'); END
        """,
            """
        CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events
        BEGIN SELECT RAISE(ABORT, 'events is append-only'); END
        """,
            "CREATE INDEX labels_segment_status ON labels (segment_id, status)",
        ),
    )


# -- lineage: m008 ----------------------------------------------------------------------------------

# A segment counts (in progress, queues, search) while it is a claim, current (not superseded by a split
# or merge) and of an article that is not retired.
_CURRENT_CLAIM = "{0}.kind = 'claim' AND {0}.superseded_at IS NULL"
# Retired articles come from a partial index that holds only them (articles_retired).
_LIVE_ARTICLE = "{0}.article_id NOT IN (SELECT id FROM articles WHERE retired_at IS NOT NULL)"
_COUNTED_SEGMENT = (
    "EXISTS (SELECT 1 FROM segments s WHERE s.id = {0}.segment_id AND s.kind = 'claim' AND s.superseded_at IS NULL"
    " AND s.article_id NOT IN (SELECT id FROM articles WHERE retired_at IS NOT NULL))"
)

# Each rebuilt table: its new definition (AUTOINCREMENT: an id is never handed out twice, even after the
# row with the highest one is gone) and the columns copied from the old one.
_REBUILT: tuple[tuple[str, str, str], ...] = (
    (
        "articles",
        """
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        retired_at TEXT,  -- before the text: reading it never walks a long article's overflow pages
        title TEXT NOT NULL,
        language TEXT NOT NULL,
        detected_language TEXT,
        text TEXT NOT NULL,
        sha256 TEXT NOT NULL UNIQUE,
        source_name TEXT NOT NULL DEFAULT '',
        imported_at TEXT NOT NULL,
        url TEXT NOT NULL DEFAULT '',
        outlet TEXT NOT NULL DEFAULT '',
        author TEXT NOT NULL DEFAULT '',
        published TEXT NOT NULL DEFAULT '',
        metadata TEXT NOT NULL DEFAULT '{}'
        """,
        "id, title, language, detected_language, text, sha256, source_name, imported_at,"
        " url, outlet, author, published, metadata",
    ),
    (
        "segments",
        """
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        article_id INTEGER NOT NULL REFERENCES articles(id),
        idx INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('claim', 'heading', 'boilerplate')),
        text TEXT NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        paragraph INTEGER NOT NULL,
        superseded_at TEXT
        """,
        'id, article_id, idx, kind, text, start, "end", paragraph',
    ),
    (
        "labels",
        """
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        segment_id INTEGER NOT NULL REFERENCES segments(id),
        reviewer TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('verified', 'unverified', 'disputed')),
        source_url TEXT NOT NULL DEFAULT '',
        note TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        version INTEGER NOT NULL DEFAULT 1,
        UNIQUE (segment_id, reviewer)
        """,
        "id, segment_id, reviewer, status, source_url, note, created_at, updated_at, version",
    ),
    (
        "verdicts",
        """
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        segment_id INTEGER NOT NULL UNIQUE REFERENCES segments(id),
        status TEXT NOT NULL CHECK (status IN ('verified', 'unverified', 'disputed')),
        note TEXT NOT NULL DEFAULT '',
        by TEXT NOT NULL,
        at TEXT NOT NULL
        """,
        "segment_id, status, note, by, at",
    ),
    (
        "label_events",
        """
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        segment_id INTEGER NOT NULL,
        reviewer TEXT NOT NULL,
        old_status TEXT,
        old_source_url TEXT,
        old_note TEXT,
        new_status TEXT NOT NULL,
        new_source_url TEXT NOT NULL,
        new_note TEXT NOT NULL,
        at TEXT NOT NULL
        """,
        "id, segment_id, reviewer, old_status, old_source_url, old_note, new_status, new_source_url, new_note, at",
    ),
    (
        "segment_events",
        """
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        article_id INTEGER NOT NULL,
        action TEXT NOT NULL CHECK (action IN ('split', 'merge', 'kind')),
        reviewer TEXT NOT NULL,
        before TEXT NOT NULL,
        after TEXT NOT NULL,
        at TEXT NOT NULL
        """,
        "id, article_id, action, reviewer, before, after, at",
    ),
    (
        "events",
        """
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        subject TEXT NOT NULL,
        details TEXT NOT NULL DEFAULT '{}'
        """,
        "id, at, actor, action, subject, details",
    ),
)

# Ids that rows deleted before m008 held, as the append-only tables still name them: never handed out again.
_IDS_ONCE_USED = {
    "segments": """
        SELECT MAX(id) FROM (
            SELECT segment_id AS id FROM label_events
            UNION ALL SELECT json_extract(j.value, '$.id') FROM segment_events e, json_each(e.before) j
            UNION ALL SELECT json_extract(j.value, '$.id') FROM segment_events e, json_each(e.after) j
            UNION ALL SELECT CAST(substr(subject, 7) AS INTEGER) FROM events WHERE subject LIKE 'claim:%')
    """,
    "articles": """
        SELECT MAX(id) FROM (
            SELECT article_id AS id FROM segment_events
            UNION ALL SELECT CAST(substr(subject, 9) AS INTEGER) FROM events WHERE subject LIKE 'article:%')
    """,
}

_OLD_TRIGGERS = (
    "claims_fts_insert",
    "claims_fts_delete",
    "claims_fts_update",
    "progress_segment_insert",
    "progress_segment_delete",
    "progress_segment_kind",
    "progress_label_insert",
    "progress_label_delete",
    "label_events_append_only_update",
    "label_events_append_only_delete",
    "segment_events_append_only_update",
    "segment_events_append_only_delete",
    "events_append_only_update",
    "events_append_only_delete",
)


def _append_only(table: str) -> tuple[str, ...]:
    return tuple(
        f"""
        CREATE TRIGGER {table}_append_only_{what} BEFORE {what.upper()} ON {table}
        BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END
        """
        for what in ("update", "delete")
    )


@migration
def m008_stable_identity(conn: sqlite3.Connection) -> None:
    """Ids never reused, corrections that delete nothing, articles retired instead of deleted.

    Every table gets AUTOINCREMENT ids (seeded past every id the event tables still name), and the
    cascades from articles to segments to labels and verdicts are gone: nothing a person said is deleted
    by deleting what it is about. A split or merge marks the segments it replaces `superseded_at` and
    links them to their successors in `segment_lineage`; they keep their labels and verdicts. Current
    segments keep a unique (article_id, idx); superseded ones keep the index they had. Search, progress
    counters and queues count current claims of articles that are not retired (`articles.retired_at`).
    Runs with foreign keys off (see migrate()): a DROP TABLE would otherwise delete through them.
    """
    _run(conn, ("DROP VIEW claim_labels", *(f"DROP TRIGGER {name}" for name in _OLD_TRIGGERS)))
    for table, definition, columns in _REBUILT:
        _run(
            conn,
            (
                f"CREATE TABLE {table}_m008 ({definition})",
                f"INSERT INTO {table}_m008 ({columns}) SELECT {columns} FROM {table} ORDER BY rowid",
                f"DROP TABLE {table}",
                f"ALTER TABLE {table}_m008 RENAME TO {table}",
            ),
        )
    for table, used in _IDS_ONCE_USED.items():
        highest = conn.execute(used).fetchone()[0]
        if isinstance(highest, int):
            conn.execute(
                "INSERT INTO sqlite_sequence (name, seq) SELECT ?, 0"
                " WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = ?)",
                (table, table),
            )
            conn.execute("UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = ?", (highest, table))
    has_labels = "EXISTS (SELECT 1 FROM labels WHERE segment_id = {0}.id)"
    now_current = f"({_CURRENT_CLAIM.format('new')})"
    sign = f"iif({now_current}, 1, -1)"
    _run(
        conn,
        (
            # Indexes the old tables took with them, and the order of an article's current segments.
            "CREATE INDEX articles_titles ON articles (id, title)",
            "CREATE INDEX articles_retired ON articles (retired_at) WHERE retired_at IS NOT NULL",
            "CREATE UNIQUE INDEX segments_current ON segments (article_id, idx) WHERE superseded_at IS NULL",
            "CREATE INDEX segments_order ON segments (article_id, idx)",
            "CREATE INDEX labels_reviewer ON labels (reviewer, segment_id)",
            "CREATE INDEX labels_segment_status ON labels (segment_id, status)",
            "CREATE INDEX label_events_segment ON label_events (segment_id, id)",
            "CREATE INDEX segment_events_article ON segment_events (article_id, id)",
            "CREATE INDEX events_subject ON events (subject, id)",
            *_append_only("label_events"),
            *_append_only("segment_events"),
            *_append_only("events"),
            """
        CREATE TABLE segment_lineage (
            predecessor_id INTEGER NOT NULL REFERENCES segments(id),
            successor_id INTEGER NOT NULL REFERENCES segments(id),
            event_id INTEGER REFERENCES segment_events(id),  -- NULL when restored from an export
            PRIMARY KEY (predecessor_id, successor_id)
        ) WITHOUT ROWID
        """,
            "CREATE INDEX segment_lineage_successor ON segment_lineage (successor_id, predecessor_id)",
            "CREATE INDEX segment_lineage_event ON segment_lineage (event_id)",
            *_append_only("segment_lineage"),
            # Full-text search holds current claims only.
            """
        CREATE TRIGGER claims_fts_insert AFTER INSERT ON segments
        WHEN new.kind = 'claim' AND new.superseded_at IS NULL
        BEGIN INSERT INTO claims_fts (rowid, text) VALUES (new.id, new.text); END
        """,
            """
        CREATE TRIGGER claims_fts_delete AFTER DELETE ON segments
        BEGIN DELETE FROM claims_fts WHERE rowid = old.id; END
        """,
            f"""
        CREATE TRIGGER claims_fts_update AFTER UPDATE OF id, text, kind, superseded_at ON segments
        BEGIN
            DELETE FROM claims_fts WHERE rowid = old.id;
            INSERT INTO claims_fts (rowid, text) SELECT new.id, new.text WHERE {now_current};
        END
        """,
            # Counters: a claim comes or goes by insert, delete, change of kind, being superseded,
            # or its article being retired; a label counts while its claim does.
            f"""
        CREATE TRIGGER progress_segment_insert AFTER INSERT ON segments
        WHEN {_CURRENT_CLAIM.format("new")} AND {_LIVE_ARTICLE.format("new")}
        BEGIN UPDATE claim_totals SET claims = claims + 1; END
        """,
            f"""
        CREATE TRIGGER progress_segment_delete BEFORE DELETE ON segments
        WHEN {_CURRENT_CLAIM.format("old")} AND {_LIVE_ARTICLE.format("old")}
        BEGIN
            UPDATE claim_totals SET claims = claims - 1, labelled = labelled - {has_labels.format("old")};
            UPDATE reviewer_progress SET labelled = labelled - 1
            WHERE reviewer IN (SELECT reviewer FROM labels WHERE segment_id = old.id);
        END
        """,
            f"""
        CREATE TRIGGER progress_segment_change AFTER UPDATE OF kind, superseded_at ON segments
        WHEN ({_CURRENT_CLAIM.format("old")}) <> {now_current} AND {_LIVE_ARTICLE.format("new")}
        BEGIN
            UPDATE claim_totals SET
                claims = claims + {sign},
                labelled = labelled + {sign} * {has_labels.format("new")};
            INSERT INTO reviewer_progress (reviewer, labelled)
            SELECT reviewer, {sign} FROM labels WHERE segment_id = new.id
            ON CONFLICT (reviewer) DO UPDATE SET labelled = labelled + excluded.labelled;
        END
        """,
            """
        CREATE TRIGGER progress_article_retired AFTER UPDATE OF retired_at ON articles
        WHEN (old.retired_at IS NULL) <> (new.retired_at IS NULL)
        BEGIN
            UPDATE claim_totals SET
                claims = claims + iif(new.retired_at IS NULL, 1, -1) * (SELECT COUNT(*) FROM segments s
                    WHERE s.article_id = new.id AND s.kind = 'claim' AND s.superseded_at IS NULL),
                labelled = labelled + iif(new.retired_at IS NULL, 1, -1) * (SELECT COUNT(*) FROM segments s
                    WHERE s.article_id = new.id AND s.kind = 'claim' AND s.superseded_at IS NULL
                    AND EXISTS (SELECT 1 FROM labels l WHERE l.segment_id = s.id));
            INSERT INTO reviewer_progress (reviewer, labelled)
            SELECT l.reviewer, iif(new.retired_at IS NULL, 1, -1) * COUNT(*) FROM segments s, labels l
            WHERE s.article_id = new.id AND s.kind = 'claim' AND s.superseded_at IS NULL AND l.segment_id = s.id
            GROUP BY l.reviewer
            ON CONFLICT (reviewer) DO UPDATE SET labelled = labelled + excluded.labelled;
        END
        """,
            f"""
        CREATE TRIGGER progress_label_insert AFTER INSERT ON labels WHEN {_COUNTED_SEGMENT.format("new")}
        BEGIN
            UPDATE claim_totals SET labelled = labelled + 1
            WHERE (SELECT COUNT(*) FROM labels WHERE segment_id = new.segment_id) = 1;
            INSERT INTO reviewer_progress (reviewer, labelled) VALUES (new.reviewer, 1)
            ON CONFLICT (reviewer) DO UPDATE SET labelled = labelled + 1;
        END
        """,
            f"""
        CREATE TRIGGER progress_label_delete AFTER DELETE ON labels WHEN {_COUNTED_SEGMENT.format("old")}
        BEGIN
            UPDATE claim_totals SET labelled = labelled - 1
            WHERE NOT EXISTS (SELECT 1 FROM labels WHERE segment_id = old.segment_id);
            UPDATE reviewer_progress SET labelled = labelled - 1 WHERE reviewer = old.reviewer;
        END
        """,
            """
        CREATE VIEW claim_labels AS
        SELECT l.id AS label_id, l.reviewer, l.status, l.source_url, l.note,
               l.created_at, l.updated_at, l.version,
               s.id AS claim_id, s.idx AS claim_index, s.text AS claim_text, s.start, s."end", s.paragraph,
               s.superseded_at AS claim_superseded_at,
               a.id AS article_id, a.title AS article_title, a.language, a.url AS article_url,
               a.outlet, a.published, a.text AS article_text, a.retired_at AS article_retired_at
        FROM labels l
        JOIN segments s ON s.id = l.segment_id
        JOIN articles a ON a.id = s.article_id
        """,
        ),
    )


# Roles by rank, for two accounts that turn out to be one person's: the merged account keeps the higher.
_RANK = {"reviewer": 0, "editor": 1, "admin": 2}


def _normal_form(name: str) -> str | None:
    """The stored form of a name or address today (rules.normalise_name), or None when it cannot have one:
    a name with invisible characters stays as it was, for an admin to see and remove, never merged."""
    from .rules import invisible_character, normalise_name

    normal = normalise_name(name)
    return normal if normal and not invisible_character(normal) else None


@migration
def m012_normalise_accounts(conn: sqlite3.Connection) -> None:
    """Accounts in their normal form (trimmed, NFKC, address case-folded): `Mixed@Example.ORG` and
    `mixed@example.org` become one account with the higher role and the earlier date. Logged as events."""
    rows = conn.execute("SELECT email, role, created_at FROM accounts ORDER BY created_at, email").fetchall()
    for email, role, created_at in rows:
        normal = _normal_form(email)
        if normal is None or normal == email:
            continue
        kept = conn.execute("SELECT role, created_at FROM accounts WHERE email = ?", (normal,)).fetchone()
        conn.execute("DELETE FROM accounts WHERE email = ?", (email,))
        if kept is None:
            conn.execute("INSERT INTO accounts (email, role, created_at) VALUES (?, ?, ?)", (normal, role, created_at))
        else:
            conn.execute(
                "UPDATE accounts SET role = ?, created_at = ? WHERE email = ?",
                (max(role, kept[0], key=_RANK.__getitem__), min(created_at, kept[1]), normal),
            )
        conn.execute(
            "INSERT INTO events (at, actor, action, subject, details) VALUES (?, ?, ?, ?, ?)",
            (
                datetime.now(UTC).isoformat(),
                "(migration m012)",
                "account normalised",
                f"account:{normal}",
                json.dumps({"was": email, "merged": kept is not None, "role": role}, ensure_ascii=False),
            ),
        )


@migration
def m013_normalise_reviewer_names(conn: sqlite3.Connection) -> None:
    """Labels' reviewer names and verdicts' editors in the accounts' normal form, so an account finds its
    labels. A label whose normal name already has a label on the same claim keeps its old name: nothing
    someone said is dropped to merge two spellings. Label history (append-only) keeps the names as written."""
    renamed = False
    for (name,) in conn.execute("SELECT DISTINCT reviewer FROM labels").fetchall():
        normal = _normal_form(name)
        if normal is None or normal == name:
            continue
        conn.execute(
            "UPDATE labels SET reviewer = ? WHERE reviewer = ? AND NOT EXISTS"
            " (SELECT 1 FROM labels other WHERE other.segment_id = labels.segment_id AND other.reviewer = ?)",
            (normal, name, normal),
        )
        renamed = True
    for (name,) in conn.execute("SELECT DISTINCT by FROM verdicts").fetchall():
        normal = _normal_form(name)
        if normal is not None and normal != name:
            conn.execute("UPDATE verdicts SET by = ? WHERE by = ?", (normal, name))
    if renamed:  # the per-reviewer counters (m006) follow inserts and deletes only: count them again
        conn.execute("DELETE FROM reviewer_progress")
        conn.execute(
            "INSERT INTO reviewer_progress (reviewer, labelled) SELECT l.reviewer, COUNT(*) FROM labels l"
            " JOIN segments s ON s.id = l.segment_id WHERE s.kind = 'claim' GROUP BY l.reviewer"
        )


@migration
def m016_label_withdrawn(conn: sqlite3.Connection) -> None:
    """label_events.new_status may be NULL: undoing a reviewer's first save of a claim withdraws the label, and
    that is recorded as a change to "no label" (the label row goes; the event saying what it was stays).

    SQLite cannot drop a NOT NULL, so the table is rebuilt from its own stored definition with that one
    constraint removed: whatever earlier migrations gave it (AUTOINCREMENT included) is kept.
    """
    table = conn.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'label_events'").fetchone()[0]
    others = [
        row[0]
        for row in conn.execute(
            "SELECT sql FROM sqlite_master WHERE tbl_name = 'label_events' AND type IN ('index', 'trigger')"
            " AND sql IS NOT NULL ORDER BY type, name"
        )
    ]
    relaxed = re.sub(r"(new_status\s+TEXT)\s+NOT\s+NULL", r"\1", table, count=1, flags=re.IGNORECASE)
    rebuilt = re.sub(r"label_events", "label_events_m016", relaxed, count=1)
    conn.execute(rebuilt)
    conn.execute("INSERT INTO label_events_m016 SELECT * FROM label_events")
    conn.execute("DROP TABLE label_events")  # its append-only triggers go with it; they are made again below
    conn.execute("ALTER TABLE label_events_m016 RENAME TO label_events")
    for statement in others:
        conn.execute(statement)


def _run(conn: sqlite3.Connection, statements: tuple[str, ...]) -> None:
    # Not executescript(): it commits first, which would break the enclosing transaction.
    for statement in statements:
        conn.execute(statement)


def applied(conn: sqlite3.Connection) -> list[str]:
    exists = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'migrations'").fetchone()
    if not exists:
        return []
    return [row[0] for row in conn.execute("SELECT name FROM migrations ORDER BY id")]


def migrate(conn: sqlite3.Connection) -> list[str]:
    """Apply pending migrations; return their names. `conn` must be in autocommit mode."""
    # The common case, settled by a read: no write lock for every page view. As sets: branches merged in
    # another order applied the same migrations in another order, and that must not count as pending.
    if set(applied(conn)) == {name for name, _ in MIGRATIONS}:
        return []
    # Foreign keys off while tables are rebuilt (SQLite's own recipe): a DROP TABLE of a parent would
    # delete or refuse through them. They are checked whole before COMMIT instead, and turned back on.
    # The pragma is a no-op inside a transaction, so it is set before BEGIN.
    enforced = conn.execute("PRAGMA foreign_keys").fetchone()[0]
    conn.execute("PRAGMA foreign_keys = OFF")
    # IMMEDIATE: two processes starting on a new file must not both create the schema.
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute(
            "CREATE TABLE IF NOT EXISTS migrations "
            "(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, applied_at TEXT NOT NULL)"
        )
        done = applied(conn)
        known = [name for name, _ in MIGRATIONS]
        unknown = [name for name in done if name not in known]
        if unknown:
            raise SchemaTooNew(
                f"this database was migrated by a newer workbench ({', '.join(unknown)}); "
                "upgrade the workbench instead of opening it with this version"
            )
        ran = []
        for name, fn in MIGRATIONS:
            if name in done:
                continue
            fn(conn)
            conn.execute(
                "INSERT INTO migrations (name, applied_at) VALUES (?, ?)",
                (name, datetime.now(UTC).isoformat()),
            )
            ran.append(name)
        broken = conn.execute("PRAGMA foreign_key_check").fetchone()
        if broken:
            raise sqlite3.IntegrityError(f"migrating would break a reference: {tuple(broken)}")
        conn.execute("COMMIT")
        return ran
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    finally:
        conn.execute(f"PRAGMA foreign_keys = {'ON' if enforced else 'OFF'}")


# -- match (issue 14) --------------------------------------------------------


@migration
def m018_claim_matching(conn: sqlite3.Connection) -> None:
    """Claim embeddings, the queue of claims still to embed, match decisions and the clusters they make.

    `claim_embeddings` is derived data (recomputed when the encoder changes): per claim the whole sentence's
    int8 codes and scale, which the index loads, and its clauses' codes for reranking, with the encoder's
    name. `embedding_queue` is filled by triggers whenever a claim appears (import, split, merge, restore, a
    change of kind), so finding the claims to embed never scans segments. `match_decisions` is append-only:
    "same claim", "not the same" and "undone" are events with who and when; the latest per pair counts.
    `claim_clusters` is derived from them (each cluster named by its smallest claim id).
    """
    _run(
        conn,
        (
            """
            CREATE TABLE claim_embeddings (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                segment_id INTEGER NOT NULL UNIQUE REFERENCES segments(id),
                encoder TEXT NOT NULL,
                vector BLOB NOT NULL,
                scale REAL NOT NULL,
                units BLOB NOT NULL,
                unit_scales BLOB NOT NULL,
                at TEXT NOT NULL
            )
            """,
            "CREATE TABLE embedding_queue (segment_id INTEGER PRIMARY KEY REFERENCES segments(id))",
            """
            CREATE TRIGGER embedding_queue_insert AFTER INSERT ON segments WHEN NEW.kind = 'claim'
            BEGIN INSERT OR IGNORE INTO embedding_queue (segment_id) VALUES (NEW.id); END
            """,
            """
            CREATE TRIGGER embedding_queue_kind AFTER UPDATE OF kind, text ON segments WHEN NEW.kind = 'claim'
            BEGIN INSERT OR IGNORE INTO embedding_queue (segment_id) VALUES (NEW.id); END
            """,
            "INSERT INTO embedding_queue (segment_id) SELECT id FROM segments"
            " WHERE kind = 'claim' AND superseded_at IS NULL",
            """
            CREATE TABLE match_decisions (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                claim_a INTEGER NOT NULL REFERENCES segments(id),
                claim_b INTEGER NOT NULL REFERENCES segments(id),
                decision TEXT NOT NULL CHECK (decision IN ('same', 'different', 'undone')),
                score REAL,
                by TEXT NOT NULL,
                at TEXT NOT NULL,
                CHECK (claim_a < claim_b)
            )
            """,
            "CREATE INDEX match_decisions_a ON match_decisions (claim_a, claim_b, id)",
            "CREATE INDEX match_decisions_b ON match_decisions (claim_b, claim_a, id)",
            *_append_only("match_decisions"),
            """
            CREATE TABLE claim_clusters (
                segment_id INTEGER PRIMARY KEY REFERENCES segments(id),
                cluster_id INTEGER NOT NULL
            )
            """,
            "CREATE INDEX claim_clusters_cluster ON claim_clusters (cluster_id)",
        ),
    )


# -- links (issue 17) ----------------------------------------------------------


@migration
def m019_evidence_links(conn: sqlite3.Connection) -> None:
    """Archive links beside source links, the append-only record of link checks, and each label's link status.

    `labels.archive_url` is the Wayback Machine, archive.today or perma.cc address a reviewer pastes beside
    the source; `label_events` keeps it before and after each save like the other fields (old_archive_url
    is NULL where old_status is: no label before). `link_checks` holds one row per check of a link, keyed by
    its canonical form (workbench/canonical.py): what the page answered and the main text read from it, so
    the evidence can be read after the page dies; rows are only ever added (store/links.py has no update
    or delete), ids never reused. `label_links` is derived from both, one row per label with a source link:
    the canonical link, the hash of the check at labelling time (the baseline) and the status now
    (ok, dead, changed, unchecked); `workbench links check` rebuilds what is missing.
    """
    _run(
        conn,
        (
            "ALTER TABLE labels ADD COLUMN archive_url TEXT NOT NULL DEFAULT ''",
            "ALTER TABLE label_events ADD COLUMN old_archive_url TEXT",
            "ALTER TABLE label_events ADD COLUMN new_archive_url TEXT NOT NULL DEFAULT ''",
            """
            CREATE TABLE link_checks (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                canonical_url TEXT NOT NULL,
                url TEXT NOT NULL,
                outcome TEXT NOT NULL CHECK (outcome IN ('ok', 'dead', 'unchecked')),
                http_status INTEGER,
                final_url TEXT NOT NULL DEFAULT '',
                content_type TEXT NOT NULL DEFAULT '',
                title TEXT NOT NULL DEFAULT '',
                sha256 TEXT NOT NULL DEFAULT '',
                text_sha256 TEXT NOT NULL DEFAULT '',
                text TEXT NOT NULL DEFAULT '',
                text_truncated INTEGER NOT NULL DEFAULT 0,
                reason TEXT NOT NULL DEFAULT '',
                checked_at TEXT NOT NULL
            )
            """,
            "CREATE INDEX link_checks_canonical ON link_checks (canonical_url, id)",
            """
            CREATE TABLE label_links (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                label_id INTEGER NOT NULL UNIQUE REFERENCES labels(id),
                canonical_url TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('ok', 'dead', 'changed', 'unchecked')),
                baseline_check_id INTEGER REFERENCES link_checks(id),
                checked_at TEXT,
                reason TEXT NOT NULL DEFAULT ''
            )
            """,
            "CREATE INDEX label_links_canonical ON label_links (canonical_url)",
        ),
    )


# -- revisions (issue 17) ----------------------------------------------------


@migration
def m020_article_revisions(conn: sqlite3.Connection) -> None:
    """Articles that change: a re-import with different text is a new revision of the same article.

    `articles` keeps the current text (so every query over current segments stays as it is); each earlier
    text is kept in `article_revisions`, which holds every revision of an article once it has a second one
    (an article never revised has no rows there and is revision 1). `segments.revision` is the revision
    whose text the segment's offsets refer to: a segment carried unchanged into a new revision keeps its
    id and labels and moves to the new text's offsets. A segment the revision replaced or removed is
    superseded, keeps its labels and names the revision in `removed_in`; its changed successor is linked
    by segment_lineage to a segment_events row of action 'revise' (so that CHECK is widened here) and has
    `changed_since_label` = 1 when it replaced a labelled segment. `articles.url_key` is the URL's canonical
    form (metadata.canonical_url), indexed: a re-import finds its article by one lookup, not by reading and
    canonicalising every article's URL (0.34 s an import at 10,000 articles).
    """
    table = conn.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'segment_events'").fetchone()[0]
    others = [
        row[0]
        for row in conn.execute(
            "SELECT sql FROM sqlite_master WHERE tbl_name = 'segment_events' AND type IN ('index', 'trigger')"
            " AND sql IS NOT NULL ORDER BY type, name"
        )
    ]
    widened = re.sub(r"'kind'\s*\)", "'kind', 'revise')", table, count=1)
    conn.execute(re.sub(r"segment_events", "segment_events_m020", widened, count=1))
    conn.execute("INSERT INTO segment_events_m020 SELECT * FROM segment_events")
    conn.execute("DROP TABLE segment_events")
    conn.execute("ALTER TABLE segment_events_m020 RENAME TO segment_events")
    for statement in others:
        conn.execute(statement)
    m020_tables(conn)


def m020_tables(conn: sqlite3.Connection) -> None:
    """m020 after its CHECK is widened: the same on both engines (postgres_schema widens the CHECK its way)."""
    from .metadata import canonical_url  # late, as in m012: the migrations module loads first

    _run(
        conn,
        (
            """
            CREATE TABLE article_revisions (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                article_id INTEGER NOT NULL REFERENCES articles(id),
                revision INTEGER NOT NULL,
                text TEXT NOT NULL,
                sha256 TEXT NOT NULL,
                source_name TEXT NOT NULL DEFAULT '',
                imported_at TEXT NOT NULL,
                by TEXT NOT NULL,
                counts TEXT NOT NULL DEFAULT '{}',
                UNIQUE (article_id, revision)
            )
            """,
            "ALTER TABLE segments ADD COLUMN revision INTEGER NOT NULL DEFAULT 1",
            "ALTER TABLE segments ADD COLUMN removed_in INTEGER",
            "ALTER TABLE segments ADD COLUMN changed_since_label INTEGER NOT NULL DEFAULT 0",
            "ALTER TABLE articles ADD COLUMN url_key TEXT NOT NULL DEFAULT ''",
            "CREATE INDEX articles_url_key ON articles (url_key) WHERE url_key <> ''",
        ),
    )
    keys = [(canonical_url(url), article_id) for article_id, url in conn.execute("SELECT id, url FROM articles")]
    conn.executemany("UPDATE articles SET url_key = ? WHERE id = ?", [(key, i) for key, i in keys if key])


# -- review (issue 15) -------------------------------------------------------

# A label counts (progress, queues, visibility, exports) while it is not withdrawn.
_LIVE_LABELS = "SELECT {1} FROM labels WHERE segment_id = {0} AND withdrawn_at IS NULL"


@migration
def m021_label_withdrawn_at(conn: sqlite3.Connection) -> None:
    """labels.withdrawn_at: undoing a reviewer's first save of a claim withdraws the label instead of deleting
    its row, so what was said stays where it was said (and in label_events); every read of labels leaves
    withdrawn ones out, and saving again on the claim makes the row current again with the next version.

    The progress counters (m006, m008) are kept by triggers that count a segment's labels: they are made
    again to count only labels not withdrawn, and one more follows a withdrawal and its reversal. Triggers,
    because the counters are trigger-kept; a count kept by hand beside them would drift from theirs.
    The index on (reviewer, updated_at) finds where a reviewer left off (Claims.next_unlabelled) at once.
    """
    live = _LIVE_LABELS.format
    current_new = f"({_CURRENT_CLAIM.format('new')})"
    sign = f"CASE WHEN {current_new} THEN 1 ELSE -1 END"
    retired_sign = "CASE WHEN new.retired_at IS NULL THEN 1 ELSE -1 END"
    reinstated = "CASE WHEN new.withdrawn_at IS NULL THEN 1 ELSE -1 END"
    _run(
        conn,
        (
            "ALTER TABLE labels ADD COLUMN withdrawn_at TEXT",
            "CREATE INDEX labels_reviewer_updated ON labels (reviewer, updated_at)",
            "DROP TRIGGER progress_segment_delete",
            "DROP TRIGGER progress_segment_change",
            "DROP TRIGGER progress_article_retired",
            "DROP TRIGGER progress_label_insert",
            "DROP TRIGGER progress_label_delete",
            "DROP VIEW claim_labels",
            f"""
        CREATE TRIGGER progress_segment_delete BEFORE DELETE ON segments
        WHEN {_CURRENT_CLAIM.format("old")} AND {_LIVE_ARTICLE.format("old")}
        BEGIN
            UPDATE claim_totals SET claims = claims - 1,
                labelled = labelled - (CASE WHEN EXISTS ({live("old.id", 1)}) THEN 1 ELSE 0 END);
            UPDATE reviewer_progress SET labelled = labelled - 1 WHERE reviewer IN ({live("old.id", "reviewer")});
        END
        """,
            f"""
        CREATE TRIGGER progress_segment_change AFTER UPDATE OF kind, superseded_at ON segments
        WHEN ({_CURRENT_CLAIM.format("old")}) <> {current_new} AND {_LIVE_ARTICLE.format("new")}
        BEGIN
            UPDATE claim_totals SET
                claims = claims + {sign},
                labelled = labelled + {sign} * (CASE WHEN EXISTS ({live("new.id", 1)}) THEN 1 ELSE 0 END);
            INSERT INTO reviewer_progress (reviewer, labelled)
            {live("new.id", f"reviewer, {sign}")}
            ON CONFLICT (reviewer) DO UPDATE SET labelled = labelled + excluded.labelled;
        END
        """,
            f"""
        CREATE TRIGGER progress_article_retired AFTER UPDATE OF retired_at ON articles
        WHEN (old.retired_at IS NULL) <> (new.retired_at IS NULL)
        BEGIN
            UPDATE claim_totals SET
                claims = claims + {retired_sign} * (SELECT COUNT(*) FROM segments s
                    WHERE s.article_id = new.id AND s.kind = 'claim' AND s.superseded_at IS NULL),
                labelled = labelled + {retired_sign} * (SELECT COUNT(*) FROM segments s
                    WHERE s.article_id = new.id AND s.kind = 'claim' AND s.superseded_at IS NULL
                    AND EXISTS ({live("s.id", 1)}));
            INSERT INTO reviewer_progress (reviewer, labelled)
            SELECT l.reviewer, {retired_sign} * COUNT(*) FROM segments s JOIN labels l ON l.segment_id = s.id
            WHERE s.article_id = new.id AND s.kind = 'claim' AND s.superseded_at IS NULL AND l.withdrawn_at IS NULL
            GROUP BY l.reviewer
            ON CONFLICT (reviewer) DO UPDATE SET labelled = labelled + excluded.labelled;
        END
        """,
            f"""
        CREATE TRIGGER progress_label_insert AFTER INSERT ON labels
        WHEN new.withdrawn_at IS NULL AND {_COUNTED_SEGMENT.format("new")}
        BEGIN
            UPDATE claim_totals SET labelled = labelled + 1
            WHERE ({live("new.segment_id", "COUNT(*)")}) = 1;
            INSERT INTO reviewer_progress (reviewer, labelled) VALUES (new.reviewer, 1)
            ON CONFLICT (reviewer) DO UPDATE SET labelled = labelled + 1;
        END
        """,
            f"""
        CREATE TRIGGER progress_label_delete AFTER DELETE ON labels
        WHEN old.withdrawn_at IS NULL AND {_COUNTED_SEGMENT.format("old")}
        BEGIN
            UPDATE claim_totals SET labelled = labelled - 1 WHERE NOT EXISTS ({live("old.segment_id", 1)});
            UPDATE reviewer_progress SET labelled = labelled - 1 WHERE reviewer = old.reviewer;
        END
        """,
            # Withdrawn (+1 → 0 for this reviewer) or made current again: the claim stops or starts counting
            # as labelled when it was or becomes its only current label.
            f"""
        CREATE TRIGGER progress_label_withdrawn AFTER UPDATE OF withdrawn_at ON labels
        WHEN (old.withdrawn_at IS NULL) <> (new.withdrawn_at IS NULL) AND {_COUNTED_SEGMENT.format("new")}
        BEGIN
            UPDATE claim_totals SET labelled = labelled + {reinstated}
            WHERE ({live("new.segment_id", "COUNT(*)")}) = (CASE WHEN new.withdrawn_at IS NULL THEN 1 ELSE 0 END);
            INSERT INTO reviewer_progress (reviewer, labelled) VALUES (new.reviewer, {reinstated})
            ON CONFLICT (reviewer) DO UPDATE SET labelled = labelled + excluded.labelled;
        END
        """,
            """
        CREATE VIEW claim_labels AS
        SELECT l.id AS label_id, l.reviewer, l.status, l.source_url, l.note,
               l.created_at, l.updated_at, l.version,
               s.id AS claim_id, s.idx AS claim_index, s.text AS claim_text, s.start, s."end", s.paragraph,
               s.superseded_at AS claim_superseded_at,
               a.id AS article_id, a.title AS article_title, a.language, a.url AS article_url,
               a.outlet, a.published, a.text AS article_text, a.retired_at AS article_retired_at
        FROM labels l
        JOIN segments s ON s.id = l.segment_id
        JOIN articles a ON a.id = s.article_id
        WHERE l.withdrawn_at IS NULL
        """,
        ),
    )


@migration
def m022_label_counter_slots(conn: sqlite3.Connection) -> None:
    """claim_total_slots: more rows for the count of labelled claims, added to claim_totals.labelled on read.

    On PostgreSQL label saves of different claims run side by side (postgres_engine.py), and a first label
    that raised the one claim_totals row would hold that row's lock through its COMMIT: every save would
    wait for the one before it to reach the disk. There, the label triggers add to a slot of their own
    connection instead (postgres_schema.py). On SQLite writers take turns anyway, so the table stays empty;
    both engines have it so that `workbench copy` moves the counters either way.
    """
    conn.execute("CREATE TABLE claim_total_slots (slot INTEGER PRIMARY KEY, labelled INTEGER NOT NULL)")
