"""The schema comes only from named migrations; foreign or newer databases are refused untouched."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from workbench.errors import DatabaseError, NotAWorkbenchDatabase, SchemaTooNew
from workbench.migrations import MIGRATIONS, applied
from workbench.store import Store


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
