"""The schema comes only from named migrations; foreign or newer databases are refused untouched."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.conftest import make_split
from workbench.errors import DatabaseError, IntegrityError, NotAWorkbenchDatabase, SchemaTooNew
from workbench.migrations import MIGRATIONS, applied
from workbench.models import Split
from workbench.store import Store
from workbench.store.accounts import OPERATOR


def test_new_database_gets_every_migration_once(db_path: Path) -> None:
    with Store(db_path) as first:
        assert first.created
        assert applied(first.conn) == [name for name, _ in MIGRATIONS]
    with Store(db_path) as second:
        assert not second.created
        assert applied(second.conn) == [name for name, _ in MIGRATIONS]


def test_migrated_schema(store: Store) -> None:
    tables = set(store.db.table_names())
    assert {"articles", "segments", "labels", "label_events", "meta", "migrations"} <= tables
    assert {"id", "title", "language", "text", "sha256", "imported_at"} <= set(store.db["articles"].columns_dict)
    assert {"kind", "start", "end", "paragraph"} <= set(store.db["segments"].columns_dict)
    assert {"status", "source_url", "note", "created_at", "updated_at", "reviewer"} <= set(
        store.db["labels"].columns_dict
    )
    assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_names_are_numbered_in_order() -> None:
    names = [name for name, _ in MIGRATIONS]
    assert names == sorted(names) and all(n.startswith("m0") for n in names)


def test_not_sqlite_file_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(b"these are my notes, not a database\n")
    with pytest.raises(NotAWorkbenchDatabase):
        Store(path)
    assert path.read_bytes() == b"these are my notes, not a database\n"


def test_foreign_sqlite_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER)")
    with pytest.raises(NotAWorkbenchDatabase):
        Store(path)
    with sqlite3.connect(path) as conn:
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert names == {"invoices"}


def test_database_from_newer_code_is_refused(db_path: Path) -> None:
    with Store(db_path) as store:
        store.conn.execute("INSERT INTO migrations (name, applied_at) VALUES ('m999_future', 'later')")
    with pytest.raises(SchemaTooNew, match="m999_future"):
        Store(db_path)


def test_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="does not exist"):
        Store(tmp_path / "nowhere" / "workbench.db")


# -- m008: ids never reused, nothing deleted by a cascade --------------------------------------------

M007 = [name for name, _ in MIGRATIONS].index("m007_accounts_verdicts_events") + 1
TABLES = ("articles", "segments", "labels", "label_events", "segment_events", "events", "verdicts")


def build_at_m007(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A database as m007 left it, with an article, labels, their history, a verdict, events, and the traces
    of a split made by the code of that time (which deleted segment 3 and handed out 6 and 7)."""
    monkeypatch.setattr("workbench.migrations.MIGRATIONS", MIGRATIONS[:M007])
    with Store(path) as old:
        assert applied(old.conn)[-1] == "m007_accounts_verdicts_events"
        text = "A title\nFirst claim. Second claim. Third one."
        old.conn.executescript(
            f"""
            BEGIN;
            INSERT INTO articles (id, title, language, text, sha256, imported_at)
                VALUES (1, 'Old', 'en', '{text}', 'abc', '2026-01-01T00:00:00Z');
            INSERT INTO segments (id, article_id, idx, kind, text, start, "end", paragraph) VALUES
                (1, 1, 0, 'heading', 'A title', 0, 7, 0),
                (2, 1, 1, 'claim', 'First claim.', 8, 20, 1),
                (6, 1, 2, 'claim', 'Second', 21, 27, 1),
                (7, 1, 3, 'claim', 'claim.', 28, 34, 1),
                (5, 1, 4, 'claim', 'Third one.', 35, 45, 1);
            INSERT INTO labels (id, segment_id, reviewer, status, source_url, note, created_at, updated_at)
                VALUES (4, 2, 'ann', 'verified', 'https://a.example/', 'ok', 't1', 't1'),
                       (9, 5, 'bob', 'unverified', '', '', 't2', 't2');
            INSERT INTO label_events (id, segment_id, reviewer, new_status, new_source_url, new_note, at) VALUES
                (1, 2, 'ann', 'verified', 'https://a.example/', 'ok', 't1'),
                (2, 8, 'bob', 'disputed', 'https://b.example/', '', 't1'),
                (3, 5, 'bob', 'unverified', '', '', 't2');
            INSERT INTO segment_events (id, article_id, action, reviewer, before, after, at) VALUES
                (1, 1, 'split', 'ann', '[{{"id": 3}}]', '[{{"id": 6}}, {{"id": 7}}]', 't3');
            INSERT INTO verdicts (segment_id, status, note, by, at) VALUES (2, 'verified', 'settled', 'ed', 't4');
            INSERT INTO events (id, at, actor, action, subject, details) VALUES
                (1, 't4', 'ed', 'verdict', 'claim:2', '{{"status": "verified"}}'),
                (2, 't5', 'admin', 'article deleted', 'article:2', '{{}}');
            COMMIT;
            """
        )
    monkeypatch.setattr("workbench.migrations.MIGRATIONS", MIGRATIONS)


def dump(path: Path) -> dict[str, list[tuple]]:
    with sqlite3.connect(path) as conn:
        return {
            table: conn.execute(
                f"SELECT {', '.join(column for column in columns if column != 'id')} FROM {table} ORDER BY rowid"
                if table == "verdicts"
                else f"SELECT {', '.join(columns)} FROM {table} ORDER BY id"
            ).fetchall()
            for table in TABLES
            for columns in [[r[1] for r in conn.execute(f"PRAGMA table_info({table})") if r[1] != "retired_at"]]
        }


def test_m008_keeps_every_row_and_id(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build_at_m007(db_path, monkeypatch)
    before = dump(db_path)
    with Store(db_path) as store:
        assert "m008_stable_identity" in applied(store.conn)
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert store.conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    after = dump(db_path)
    for table in TABLES:
        kept = [row[: len(before[table][0])] for row in after[table]] if before[table] else after[table]
        assert kept == before[table], table
    with Store(db_path) as store:
        # Indexes, triggers and the view came back.
        names = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type IN ('index', 'trigger')")}
        assert {
            "labels_reviewer",
            "label_events_segment",
            "events_subject",
            "segments_current",
            "claims_fts_insert",
            "progress_label_insert",
            "events_append_only_delete",
        } <= names
        assert store.conn.execute("SELECT COUNT(*) FROM claim_labels").fetchone()[0] == 2
        assert [c.text for c in store.claims()] == ["First claim.", "Second", "claim.", "Third one."]
        assert store.progress("ann") == (1, 4) and store.progress() == (2, 4)
        assert store.verdict(2, viewer=OPERATOR).note == "settled"
        with pytest.raises(IntegrityError), store.write() as conn:
            conn.execute("DELETE FROM label_events")  # still append-only
        # A new segment takes no id any table still names (8 was deleted before m008), nor a new article 2.
        first, second = store.split_segment(5, len("Third"), reviewer="ann")
        assert (first.id, second.id) == (9, 10)
        assert store.add_article(store_split("Another one here."), title="New")[0] == 3
        # Deleting the label with the highest id no longer frees that id either.
        with store.write() as conn:
            conn.execute("DELETE FROM labels WHERE id = 9")
        store.save_label(first.id, status="unverified", reviewer="bob")
        assert store.conn.execute("SELECT id FROM labels WHERE segment_id = ?", (first.id,)).fetchone()[0] == 10


def store_split(text: str) -> Split:
    return make_split(text, [("claim", text)])


def test_m008_drops_the_cascades(store: Store, article: int) -> None:
    claim = store.claims(article_id=article).__next__().id
    store.save_label(claim, status="unverified", reviewer="ann")
    store.adjudicate(claim, status="unverified", note="n", by="ed")
    for sql, value in (("DELETE FROM segments WHERE id = ?", claim), ("DELETE FROM articles WHERE id = ?", article)):
        with pytest.raises(IntegrityError), store.write() as conn:
            conn.execute(sql, (value,))
    assert len(store.labels(claim, viewer=OPERATOR)) == 1 and store.verdict(claim, viewer=OPERATOR) is not None


def test_m016_after_m008_on_an_m007_era_database(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """m016 rebuilds label_events from what m008 made of it: AUTOINCREMENT, append-only and the rows stay,
    and only new_status loses NOT NULL, so an undo of a first save can be recorded."""
    build_at_m007(db_path, monkeypatch)
    with Store(db_path) as store:
        names = applied(store.conn)
        assert names.index("m008_stable_identity") < names.index("m016_label_withdrawn")
        table = store.conn.execute("SELECT sql FROM sqlite_master WHERE name = 'label_events'").fetchone()[0]
        assert "AUTOINCREMENT" in table
        columns = {r[1]: r[3] for r in store.conn.execute("PRAGMA table_info(label_events)")}
        assert columns["new_status"] == 0 and columns["new_note"] == 1
        assert [r[0] for r in store.conn.execute("SELECT id FROM label_events ORDER BY id")] == [1, 2, 3]
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            store.conn.execute("DELETE FROM label_events WHERE id = 1")
        claim = store.claim(6)
        saved = store.save_label(claim.id, status="verified", reviewer="cy", source_url="https://c.example/")
        assert store.undo_label(claim.id, reviewer="cy", expected_version=saved.version) is None
        last = store.conn.execute("SELECT id, new_status FROM label_events ORDER BY id DESC LIMIT 1").fetchone()
        assert last == (5, None)  # ids go on past the highest ever handed out


def test_a_database_migrated_in_another_order_opens_without_the_write_lock(db_path: Path) -> None:
    """Branches merged in another order applied the same migrations in another order (m016 before m008 in
    the benchmark fixtures): every open then took the write lock and checked every foreign key (60 ms at
    200,000 claims, on every page run). Nothing is pending, so opening must only read."""
    Store(db_path).close()
    with sqlite3.connect(db_path, isolation_level=None) as conn:
        first, second = conn.execute("SELECT id FROM migrations ORDER BY id LIMIT 2").fetchall()
        conn.execute("UPDATE migrations SET id = -1 WHERE id = ?", first)
        conn.execute("UPDATE migrations SET id = ? WHERE id = ?", (first[0], second[0]))
        conn.execute("UPDATE migrations SET id = ? WHERE id = -1", second)
    assert applied(sqlite3.connect(db_path))[:2] == [MIGRATIONS[1][0], MIGRATIONS[0][0]]
    writer = sqlite3.connect(db_path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # another session is saving a label
    try:
        with Store(db_path, busy_timeout_ms=50) as store:
            assert store.progress() == (0, 0)
    finally:
        writer.execute("ROLLBACK")
        writer.close()


def test_m019_on_an_older_database_keeps_labels_and_tracks_their_links(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """m019 adds archive links (empty for every label and event before it), link_checks and label_links; a
    label saved before it counts as unchecked, gets its row from track_all_links, and its save can be undone."""
    build_at_m007(db_path, monkeypatch)
    with Store(db_path) as store:
        assert applied(store.conn)[-1] == MIGRATIONS[-1][0]
        assert store.label(2, "ann", viewer=OPERATOR).archive_url == ""
        assert store.link_summary(viewer=OPERATOR)["unchecked"] == 1  # ann's link, never checked
        assert store.track_all_links() == 1 and store.track_all_links() == 0
        assert store.links_due() == [("https://a.example/", "https://a.example/")]
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            store.conn.execute("UPDATE label_events SET new_archive_url = 'x' WHERE id = 1")
        assert store.undo_label(2, reviewer="ann", expected_version=1) is None  # an event from before m019
        assert store.link_summary(viewer=OPERATOR)["unchecked"] == 0
