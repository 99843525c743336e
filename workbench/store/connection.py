"""The store's access to its database, whichever engine: the Database each store part receives.

Every store part reaches the database through it only: `database.conn.execute(sql, params)` with `?`
placeholders (or `:name` with a dict), `database.db.query(sql, params)` giving dicts, and `with
database.write() as conn:` for one write transaction. The engine behind them is chosen by the setting: a
`postgresql://` URL opens PostgreSQL (postgres_engine.py, which translates the placeholders and the few
SQLite forms in one place), anything else is an SQLite file (sqlite_engine.py).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from ..config import is_postgres_url
from .sqlite_engine import SQLITE_MAGIC, SqliteDatabase, explain

__all__ = [
    "SQLITE_MAGIC",
    "Database",
    "Meta",
    "PreparedSql",
    "execute_later",
    "explain",
    "is_postgres_url",
    "now",
    "open_database",
    "read_meta",
]


def now() -> str:
    """UTC timestamp with milliseconds, sortable as text."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Database(Protocol):
    """What each engine provides (SqliteDatabase, PostgresDatabase); the store parts use nothing else."""

    engine: str  # "sqlite" or "postgresql"
    path: Any  # the SQLite file's Path, or the PostgreSQL URL without its password
    target: str  # what open_database() takes to open it again (a URL with its password: for code, never shown)
    conn: Any  # execute(sql, params), executemany(sql, rows): `?` placeholders on both engines
    created: bool  # this open created the schema

    @property
    def db(self) -> Any: ...  # .query(sql, params) → dicts

    def write(self, *, claim: int | None = None) -> AbstractContextManager[Any]: ...
    def close(self) -> None: ...
    def backup(self, destination: Path) -> None: ...

    # The long CSV export: one SQL expression builds each line, streamed as bytes (store/csv_lines.py).
    def csv_line_sql(self, columns: Sequence[tuple[str, bool]], delimiter: str) -> str: ...
    def stream_lines(self, sql: str, params: Sequence[object], batch: int) -> Iterator[list[bytes]]: ...

    # workbench copy (store/copying.py): the tables, the id counters, and filling empty tables in bulk.
    def tables(self) -> dict[str, list[str]]: ...
    def sequences(self) -> dict[str, int]: ...
    def set_sequence(self, conn: Any, table: str, value: int) -> None: ...
    def before_bulk_load(self, conn: Any, tables: Sequence[str]) -> None: ...
    def after_bulk_load(self, conn: Any, tables: Sequence[str]) -> None: ...


class PreparedSql(str):
    """A statement every label save sends: on PostgreSQL it is prepared once per connection, so the server
    plans it once, not on every save (the save's first query cost 0.31 ms of server CPU a save, 0.09 ms
    prepared). SQLite's own statement cache already does this; there it is the plain string."""

    __slots__ = ()


def execute_later(conn: Any, sql: str, params: Sequence[object] = ()) -> None:
    """Inside a write: run a statement whose result nobody reads. SQLite runs it at once; PostgreSQL sends it
    with the transaction's next statement or its COMMIT (one round trip less), and a failure there still
    fails the whole transaction before anything is committed."""
    defer = getattr(conn, "defer", None)
    if defer is None:
        conn.execute(sql, params)
    else:
        defer(sql, params)


def open_database(target: str | os.PathLike[str], *, busy_timeout_ms: int | None = None) -> Database:
    if is_postgres_url(target):
        from .postgres_engine import PostgresDatabase  # psycopg only for those who use it

        return PostgresDatabase(str(target))
    return SqliteDatabase(target, busy_timeout_ms=busy_timeout_ms)


def read_meta(conn: Any, key: str) -> str | None:
    """One value of the `meta` table (settings, markers), or None."""
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None


class Meta:
    """The `meta` table's values, for the store's callers (the demo marker, tests)."""

    def __init__(self, database: Database) -> None:
        self.database = database

    def meta(self, key: str) -> str | None:
        return read_meta(self.database.conn, key)

    def set_meta(self, key: str, value: str) -> None:
        with self.database.write() as conn:
            conn.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            )
