"""A whole workbench from one database to another (SQLite → PostgreSQL and back): every table, ids kept.

The destination must be a workbench of the same schema (it is migrated on opening) that holds nothing yet.
Tables are copied in the order their references need, in one write transaction of the destination: a
copy is whole or not there. The triggers of the destination keep the counters and the embedding queue as
rows arrive; those derived tables are then set to the source's very rows, so that every table compares.
Each id sequence is moved past the source's (an id handed out once and deleted since stays used).
Then every table is compared: its row count and a checksum of its rows that does not depend on the
order the engines return them in (the sum of each row's SHA-256, modulo 2^256).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterator

from ..errors import DatabaseError, InvalidInput
from .connection import Database, open_database

# Parents before the rows that name them; tables not listed (a newer migration's) follow, by name.
ORDER = (
    "meta",
    "accounts",
    "articles",
    "segments",
    "segment_events",
    "segment_lineage",
    "labels",
    "label_events",
    "verdicts",
    "events",
    "claim_embeddings",
    "match_decisions",
    "claim_clusters",
)
# Kept by the destination's triggers as rows arrive, then set to the source's rows exactly.
DERIVED = ("claim_totals", "claim_total_slots", "reviewer_progress", "embedding_queue")
SKIPPED = ("migrations",)  # both sides are migrated by this workbench: compared, not copied
BATCH = 2000


def _rows(database: Database, table: str, columns: list[str]) -> Iterator[tuple]:
    names = ", ".join(f'"{c}"' for c in columns)
    cursor = database.conn.execute(f'SELECT {names} FROM "{table}"')
    while chunk := cursor.fetchmany(BATCH):
        yield from (tuple(row) for row in chunk)


def checksum(database: Database, table: str, columns: list[str]) -> tuple[int, str]:
    """(row count, order-independent checksum) of one table, over the given columns."""
    total, count = 0, 0
    for row in _rows(database, table, columns):
        digest = hashlib.sha256(repr(tuple(bytes(v) if isinstance(v, memoryview) else v for v in row)).encode())
        total = (total + int.from_bytes(digest.digest(), "big")) % 2**256
        count += 1
    return count, f"{total:064x}"


def _plan(source: Database, destination: Database) -> list[tuple[str, list[str]]]:
    ours, theirs = source.tables(), destination.tables()
    if sorted(ours) != sorted(theirs):
        raise InvalidInput(
            f"the two workbenches have different tables ({', '.join(sorted(set(ours) ^ set(theirs)))});"
            " run the same workbench version on both"
        )
    for table, columns in ours.items():
        if sorted(columns) != sorted(theirs[table]):
            raise InvalidInput(f"table {table} differs between the two workbenches; run the same version on both")
    names = [t for t in ORDER if t in ours] + sorted(t for t in ours if t not in ORDER and t not in SKIPPED)
    return [(name, ours[name]) for name in names if name not in SKIPPED]


def _applied(database: Database) -> list[str]:
    return [r[0] for r in database.conn.execute("SELECT name FROM migrations ORDER BY id").fetchall()]


def copy_workbench(
    source_target: str | os.PathLike[str],
    destination_target: str | os.PathLike[str],
    progress: Callable[[int, int], None] | None = None,
) -> dict:
    """Copy every table from `source_target` to `destination_target` (paths or URLs); return
    {table: (rows, checksum)} as verified on both sides. `progress(rows copied, rows in all)` follows the copy."""
    if str(source_target) == str(destination_target):
        raise InvalidInput("the source and the destination are the same database")
    source = open_database(source_target)
    try:
        destination = open_database(destination_target)
        try:
            return _copy(source, destination, progress)
        finally:
            destination.close()
    finally:
        source.close()


def _copy(source: Database, destination: Database, progress: Callable[[int, int], None] | None) -> dict:
    if set(_applied(source)) != set(_applied(destination)):  # the same migrations; their order may differ
        raise InvalidInput("the two workbenches are at different migrations; open both with this version first")
    plan = _plan(source, destination)
    for table, _ in plan:
        if table in DERIVED:
            continue
        if destination.conn.execute(f'SELECT 1 FROM "{table}" LIMIT 1').fetchone():
            raise InvalidInput(
                f"the destination {destination.path} is not empty (table {table} has rows); copy into a new database"
            )
    sequences = source.sequences()
    total = sum(source.conn.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0] for table, _ in plan)
    done = 0
    with destination.write() as conn:
        filled = [table for table, _ in plan]
        destination.before_bulk_load(conn, filled)
        for table, columns in plan:
            names = ", ".join(f'"{c}"' for c in columns)
            insert = f'INSERT INTO "{table}" ({names}) VALUES ({", ".join("?" * len(columns))})'
            if table in DERIVED:
                conn.execute(f'DELETE FROM "{table}"')
            batch: list[tuple] = []
            for row in _rows(source, table, columns):
                batch.append(row)
                if len(batch) >= BATCH:
                    conn.executemany(insert, batch)
                    done += len(batch)
                    batch = []
                    if progress:
                        progress(done, total)
            conn.executemany(insert, batch)
            done += len(batch)
        if progress:
            progress(done, total)
        for table, value in sequences.items():
            if any(table == name for name, _ in plan):
                destination.set_sequence(conn, table, value)
        destination.after_bulk_load(conn, filled)
    report = {}
    for table, columns in plan:
        theirs = checksum(source, table, columns)
        ours = checksum(destination, table, columns)
        if ours != theirs:
            raise DatabaseError(
                f"the copy of table {table} differs from the source ({ours[0]} rows, {theirs[0]} in the source);"
                " do not use the destination"
            )
        report[table] = ours
    return report
