"""Counting the SQL statements a piece of work sends, for the run traces that benchmarks read."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


@contextmanager
def counting(store: Any) -> Iterator[list[int]]:
    """Count the statements `store` (a Store, or anything with an SQLite `conn`) executes inside the block (a
    trigger's own statements not included): the yielded list's one item is the count so far. Blocks may nest
    (a page run and its panel's run)."""
    count = [0]
    counters: list[list[int]] = store.__dict__.setdefault("_statement_counters", [])
    if not counters:

        def seen(_statement: str) -> None:
            for counter in counters:
                counter[0] += 1

        store.conn.set_trace_callback(seen)
    counters.append(count)
    try:
        yield count
    finally:
        counters.remove(count)
        if not counters:
            try:
                store.conn.set_trace_callback(None)
            except sqlite3.ProgrammingError:
                pass  # closed already, and its callback with it
