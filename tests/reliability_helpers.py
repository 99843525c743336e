"""Shared by the reliability tests: a database of many claims, what is in it, and whether any row is half-written.

The save worker lives here too: processes started with 'forkserver' import it by module name.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any

from tests.conftest import connect_raw, make_split
from workbench.errors import DatabaseError, WorkbenchError
from workbench.store import Store, explain
from workbench.store.sqlite_engine import SqliteDatabase

Row = tuple[str, str, str]  # (status, source_url, note)
STATUSES = ("unverified", "verified", "disputed")


def make_claims_db(path: Path, claims: int, *, text_chars: int = 0) -> list[int]:
    """A database with one article of `claims` claims (each padded to about `text_chars`); return their ids."""
    pad = "x" * text_chars
    pieces = [f"Claim {i} says {pad}." for i in range(claims)]
    with Store(path) as store:
        store.add_article(make_split(" ".join(pieces), [("claim", p) for p in pieces]), title="Many claims")
        return [c.id for c in store.claims()]


def value(worker: str, claim: int, round_: int) -> Row:
    """A label value unique to (worker, claim, round), so that every save changes the row and adds one event."""
    status = STATUSES[(claim + round_) % 3]
    source = "" if status == "unverified" else f"https://example.org/{worker}/{claim}/{round_}"
    return status, source, f"{worker} round {round_}"


def connect(path: Path) -> sqlite3.Connection:
    """A plain connection for checking, outside the code under test (either engine)."""
    return connect_raw(path, timeout=30)


def integrity(path: Path) -> str:
    """SQLite's integrity check; PostgreSQL checks its pages itself and reports through errors instead."""
    if isinstance(path, str):
        return "ok"
    with closing(connect(path)) as conn:
        return " ".join(r[0] for r in conn.execute("PRAGMA integrity_check"))


def count(path: Path, table: str) -> int:
    with closing(connect(path)) as conn:
        return conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


def label_rows(path: Path) -> dict[tuple[int, str], Row]:
    with closing(connect(path)) as conn:
        rows = conn.execute("SELECT segment_id, reviewer, status, source_url, note FROM labels")
        return {(r[0], r[1]): (r[2], r[3], r[4]) for r in rows}


def half_written(path: Path) -> list[str]:
    """Labels and history that disagree: each label must have exactly `version` events, chained
    old → new, the last one holding the label's values; no event may exist without its label."""
    problems: list[str] = []
    with closing(connect(path)) as conn:
        labels = {
            (r[0], r[1]): (r[2:5], r[5])
            for r in conn.execute("SELECT segment_id, reviewer, status, source_url, note, version FROM labels")
        }
        events: dict[tuple[int, str], list[tuple[Any, ...]]] = {}
        for r in conn.execute(
            "SELECT segment_id, reviewer, old_status, old_source_url, old_note,"
            " new_status, new_source_url, new_note FROM label_events ORDER BY id"
        ):
            events.setdefault((r[0], r[1]), []).append(r[2:])
    for key in events.keys() - labels.keys():
        problems.append(f"{key}: events without a label")
    for key, (row, version) in labels.items():
        chain = events.get(key, [])
        if len(chain) != version:
            problems.append(f"{key}: version {version} but {len(chain)} events")
        previous: tuple[Any, ...] = (None, None, None)
        for event in chain:
            if tuple(event[:3]) != previous:
                problems.append(f"{key}: event's old value {event[:3]} is not the previous {previous}")
            previous = tuple(event[3:])
        if chain and previous != tuple(row):
            problems.append(f"{key}: label {tuple(row)} but last event {previous}")
    return problems


def cli(*args: str, **popen: Any) -> subprocess.Popen:
    """`workbench ARGS` as a child process (the interpreter's own, not a shim)."""
    return subprocess.Popen([sys.executable, "-m", "workbench.cli", *args], text=True, **popen)


def percentile(values: Sequence[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else float("nan")


class DeferredWrites:
    """The trap to catch: a Database whose write transactions open with a plain (deferred) BEGIN.

    save_label reads the claim and the current label first, so the transaction holds a read
    snapshot when it asks for the write lock; SQLite fails that at once instead of waiting.
    Everything else is the real SQLite database's.
    """

    def __init__(self, database: SqliteDatabase) -> None:
        self.inner = database

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    @contextmanager
    def write(self, *, claim: int | None = None) -> Iterator[sqlite3.Connection]:
        conn = self.inner.conn
        try:
            conn.execute("BEGIN")
            yield conn
            conn.execute("COMMIT")
        except sqlite3.DatabaseError as exc:
            self.inner._rollback()
            raise DatabaseError(explain(exc)) from None
        except BaseException:
            self.inner._rollback()
            raise


def save_worker(
    path: str, worker: str, claims: list[int], rounds: int, deferred: bool, ready: Any, go: Any, results: Any
) -> None:
    """Open its own store, wait for `go`, save rounds × claims labels as reviewer `worker`; put what happened."""
    acknowledged: dict[int, Row] = {}
    errors: list[str] = []
    latencies: list[float] = []
    store: Store | None = None
    try:
        store = Store(DeferredWrites(SqliteDatabase(path))) if deferred else Store(path)
        ready.put(worker)
        go.wait()
        for round_ in range(rounds):
            for claim in claims:
                status, source, note = value(worker, claim, round_)
                started = time.perf_counter()
                try:
                    label = store.save_label(claim, status=status, reviewer=worker, source_url=source, note=note)
                except WorkbenchError as exc:
                    errors.append(str(exc))
                    continue
                latencies.append((time.perf_counter() - started) * 1000)
                acknowledged[claim] = (label.status.value, label.source_url, label.note)
    except WorkbenchError as exc:
        errors.append(f"cannot open: {exc}")
        ready.put(worker)
    finally:
        if store is not None:
            store.close()
        results.put({"worker": worker, "acknowledged": acknowledged, "errors": errors, "latencies": latencies})
