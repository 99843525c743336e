"""SQLite, the embedded default: opening and checking the file, pragmas, migrations, write transactions, backup."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import closing, contextmanager
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from .. import config
from ..errors import DatabaseError, IntegrityError, InvalidInput, NotAWorkbenchDatabase
from ..migrations import migrate
from .csv_lines import sqlite_line_sql
from .writelock import WriteLock

if TYPE_CHECKING:
    import sqlite_utils

SQLITE_MAGIC = b"SQLite format 3\x00"


# What SQLite says, and what a reviewer can do about it.
WAL_CHECKPOINT_BYTES = 4 * 1024 * 1024  # about SQLite's default of 1,000 pages of 4 KiB

_FAULTS = (
    ("database or disk is full", "the disk is full"),
    ("disk i/o error", "the disk reported an input/output error"),
    ("database is locked", "another program kept the database locked for too long"),
    ("readonly database", "the database file is read-only"),
    ("unable to open database file", "the database file or its folder cannot be opened"),
)


def explain(exc: sqlite3.Error) -> str:
    message = str(exc)
    reason = next((why for text, why in _FAULTS if text in message.lower()), message)
    return f"{reason}; nothing was saved ({message})"


def _check_path(path: Path) -> None:
    """Refuse a missing folder or a folder given as the file; never opens the file itself.

    Opening and closing the database file with Python would drop every POSIX lock SQLite holds on it in
    this process (close() releases a process's locks on the file, whichever descriptor took them). Another
    process could then think it was the last user, checkpoint and delete the WAL under our writers: seen
    as lost labels and broken indexes with 8 processes and 8 threads writing. So SQLite reads the header.
    """
    if not path.exists():
        if not path.parent.is_dir():
            raise DatabaseError(f"folder {path.parent} does not exist; create it or choose another --db")
        return
    if path.is_dir():
        raise NotAWorkbenchDatabase(f"{path} is a folder, not a database file")


class SqliteDatabase:
    """One connection to a workbench SQLite file, for one thread; open a new Store per thread or request."""

    engine = "sqlite"

    def __init__(self, path: str | Path, *, busy_timeout_ms: int | None = None) -> None:
        self.path = Path(path)
        _check_path(self.path)
        self.target = str(self.path.resolve())
        timeout_ms = busy_timeout_ms or int(config.get("busy_timeout_ms"))  # type: ignore[call-overload]
        try:
            # isolation_level=None: we issue BEGIN IMMEDIATE ourselves (a deferred BEGIN loses writes).
            conn = sqlite3.connect(self.path, isolation_level=None, timeout=timeout_ms / 1000)
        except sqlite3.DatabaseError as exc:
            raise DatabaseError(f"cannot open {self.path}: {explain(exc)}") from None
        try:
            conn.execute(f"PRAGMA busy_timeout = {timeout_ms}")
            self._check_is_sqlite(conn)
            # Before switching to WAL, which rewrites the file header: another program's database stays untouched.
            self._check_foreign_tables(conn)
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
            # No checkpoint inside COMMIT, while the other writers queue behind us: write() runs one after.
            conn.execute("PRAGMA wal_autocheckpoint = 0")
            self.created = "m001_initial" in migrate(conn)
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise DatabaseError(f"cannot open {self.path}: {explain(exc)}") from None
        except BaseException:
            conn.close()  # a refused database (foreign, too new) must not keep a handle on the file
            raise
        self.conn = conn
        self._write_lock, self._lock_wait_s = WriteLock(self.path), timeout_ms / 1000

    @cached_property
    def db(self) -> sqlite_utils.Database:
        """sqlite-utils over the same connection, for queries read back as dicts."""
        # Imported on first use: sqlite-utils imports pandas and numpy (0.4 s), which a CLI export never needs.
        import sqlite_utils

        return sqlite_utils.Database(self.conn)

    def _check_is_sqlite(self, conn: sqlite3.Connection) -> None:
        """SQLite reads the header (an empty file is a new database); it writes nothing to refuse a file."""
        try:
            conn.execute("PRAGMA schema_version").fetchone()
        except sqlite3.DatabaseError as exc:
            if "not a database" not in str(exc):
                raise
            raise NotAWorkbenchDatabase(
                f"cannot open {self.path}: file is not a database — {self.path.name} is not an SQLite database; "
                "it was left untouched"
            ) from None

    @staticmethod
    def _check_foreign_tables(conn: sqlite3.Connection) -> None:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if tables and "migrations" not in tables:
            raise NotAWorkbenchDatabase("this SQLite database belongs to something else; it was left untouched")

    def close(self) -> None:
        self.conn.close()

    @contextmanager
    def write(self, *, claim: int | None = None) -> Iterator[sqlite3.Connection]:
        """One write transaction: our writers queue fairly for it (see writelock.py), then BEGIN IMMEDIATE.

        `claim` (a label save's) changes nothing here: SQLite has one writer at a time anyway."""
        locked = self._write_lock.acquire(self._lock_wait_s)
        try:
            with self._transaction() as conn:
                yield conn
        finally:
            if locked:
                self._write_lock.release()
        self._checkpoint_if_large()

    def _checkpoint_if_large(self) -> None:
        """Copy the WAL back into the database once it passes WAL_CHECKPOINT_BYTES, outside the write queue.

        SQLite's automatic checkpoint runs inside the COMMIT that crosses 1,000 pages, so the writers
        queued behind that save waited for it too: the p99 of bench/save_latency.py at 8 writers.
        PASSIVE never blocks a writer; a checkpoint already running elsewhere is left to finish.
        """
        try:
            if os.stat(f"{self.path}-wal").st_size < WAL_CHECKPOINT_BYTES:
                return
            self.conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
        except (OSError, sqlite3.OperationalError):
            pass  # no WAL file, or another connection is checkpointing: the next write tries again

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE, so it waits for the lock instead of failing; COMMIT, or ROLLBACK on any error."""
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise DatabaseError(explain(exc)) from None
        try:
            yield self.conn
            self.conn.execute("COMMIT")
        except sqlite3.IntegrityError as exc:
            self._rollback()
            raise IntegrityError(str(exc)) from exc  # a broken constraint is a bug in our code, not a fault
        except sqlite3.DatabaseError as exc:
            self._rollback()
            raise DatabaseError(explain(exc)) from None
        except BaseException:
            self._rollback()
            raise

    def _rollback(self) -> None:
        try:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
        except sqlite3.Error:
            pass  # SQLite rolls back by itself when the failure already ended the transaction

    def backup(self, destination: Path) -> None:
        """A consistent copy of the live database (SQLite's backup API), written beside and renamed."""
        if destination.exists():
            raise InvalidInput(f"{destination} already exists; choose a new file name")
        if not destination.parent.is_dir():
            raise InvalidInput(f"folder {destination.parent} does not exist")
        partial = destination.with_name(f".{destination.name}.partial")
        try:
            with closing(sqlite3.connect(partial)) as target:
                self.conn.backup(target)
            os.replace(partial, destination)
        except sqlite3.Error as exc:
            partial.unlink(missing_ok=True)
            raise DatabaseError(f"backup failed: {explain(exc)}") from None

    # -- the long CSV export ------------------------------------------------

    def csv_line_sql(self, columns: Sequence[tuple[str, bool]], delimiter: str) -> str:
        """One CSV line per row as UTF-8 bytes (csv_lines.sqlite_line_sql), or as text when the database
        stores UTF-16 (a file created so elsewhere): stream_lines() encodes it then."""
        rendered = sqlite_line_sql(columns, delimiter)
        return f"CAST({rendered} AS BLOB)" if self._utf8 else rendered

    @cached_property
    def _utf8(self) -> bool:
        return self.conn.execute("PRAGMA encoding").fetchone()[0] == "UTF-8"

    def stream_lines(self, sql: str, params: Sequence[object], batch: int) -> Iterator[list[bytes]]:
        cursor = self.conn.execute(sql, params)
        while rows := cursor.fetchmany(batch):
            yield [row[0] for row in rows] if self._utf8 else [row[0].encode("utf-8") for row in rows]

    # -- whole-database copies (store/copying.py) -----------------------------

    def tables(self) -> dict[str, list[str]]:
        """Every table of the workbench (not SQLite's own, not the FTS5 index) and its columns, in order."""
        names = [
            r[0]
            for r in self.conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'"
                " AND name NOT LIKE 'claims\\_fts%' ESCAPE '\\' ORDER BY name"
            )
        ]
        return {name: [r[1] for r in self.conn.execute(f'PRAGMA table_info("{name}")')] for name in names}

    def sequences(self) -> dict[str, int]:
        """The highest id each AUTOINCREMENT table has handed out (rows deleted since included)."""
        return {name: seq for name, seq in self.conn.execute("SELECT name, seq FROM sqlite_sequence")}

    def before_bulk_load(self, conn: sqlite3.Connection, tables: Sequence[str]) -> None:
        """Nothing here: SQLite has no switch for triggers, and updates the counter rows in place."""

    def after_bulk_load(self, conn: sqlite3.Connection, tables: Sequence[str]) -> None:
        """Nothing here: the queries are written for SQLite's planner without statistics (no sqlite_stat1),
        and gathering some would change plans the benchmarks measured."""

    def set_sequence(self, conn: sqlite3.Connection, table: str, value: int) -> None:
        conn.execute("UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = ?", (value, table))
        conn.execute(
            "INSERT INTO sqlite_sequence (name, seq) SELECT ?, ? WHERE NOT EXISTS"
            " (SELECT 1 FROM sqlite_sequence WHERE name = ?)",
            (table, value, table),
        )
