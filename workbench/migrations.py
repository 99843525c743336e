"""Schema changes as named migrations, applied in order inside one `BEGIN IMMEDIATE` transaction."""

from __future__ import annotations

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
    if applied(conn) == [name for name, _ in MIGRATIONS]:
        return []  # the common case, settled by a read: no write lock for every page view
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
        conn.execute("COMMIT")
        return ran
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
