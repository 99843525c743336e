"""Idle PostgreSQL connections, kept in this process for the next Store of the same database.

The app opens a Store per page run (ui/db.py) and closes it at the end of the run. A new connection pays a
connect and an authentication, and its server process starts with empty caches: it reads the catalogue
and compiles the trigger functions on its first statements (measured on this machine: an open of 94–109 ms
and a first label save of 39–44 ms, then 2 ms a save). A connection given back by close() is taken by the
next open of the same URL instead: idle, with no transaction open, its session settings reset.

A pooled connection the server has ended meanwhile (a restart, an idle timeout) fails its first statement
at the next open, which then connects anew (PostgresDatabase). A process forked from this one never uses
the parent's connections: their sockets are the parent's sessions.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict

import psycopg

from .. import config
from ..errors import InvalidInput


class Pool:
    """Idle connections in all, at most `keep` (the setting WORKBENCH_PG_POOL, 8 by default, unless given):
    a page run holds one at a time, and the rest are only waiting."""

    def __init__(self, keep: int | None = None) -> None:
        self.fixed = keep
        self._idle: OrderedDict[int, tuple[str, psycopg.Connection]] = OrderedDict()  # oldest given back first
        self._lock = threading.Lock()
        self._pid = os.getpid()
        self._inherited: list[psycopg.Connection] = []  # a forked child's: kept, never used nor closed

    def keep(self) -> int:
        """How many idle connections to keep; a wrong setting is refused (InvalidInput) at the next open."""
        return self.fixed if self.fixed is not None else int(config.get("pg_pool"))  # type: ignore[call-overload]

    def take(self, url: str) -> psycopg.Connection | None:
        """The connection to `url` given back most recently, or None."""
        self.keep()  # a wrong setting is refused here, at an open, not at a close
        with self._lock:
            self._leave_inherited()
            for key in reversed(self._idle):
                if self._idle[key][0] == url:
                    return self._idle.pop(key)[1]
        return None

    def give(self, url: str, raw: psycopg.Connection) -> None:
        """Keep `raw` for the next open of `url`, or close it: only an idle connection is kept, its settings
        (a lock_timeout a caller set) put back to the server's."""
        try:
            keep = self.keep()
            if keep == 0 or raw.closed or raw.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
                raw.close()
                return
            raw.execute("RESET ALL")
        except (psycopg.Error, InvalidInput):
            raw.close()
            return
        with self._lock:
            self._leave_inherited()
            self._idle[id(raw)] = (url, raw)
            evicted = [self._idle.popitem(last=False)[1][1] for _ in range(len(self._idle) - keep)]
        for old in evicted:
            old.close()

    def drop(self, url: str | None = None) -> None:
        """Close the idle connections to `url` (all, with None): before a database is dropped or copied."""
        with self._lock:
            self._leave_inherited()
            gone = [key for key, (kept, _) in self._idle.items() if url is None or kept == url]
            closing = [self._idle.pop(key)[1] for key in gone]
        for raw in closing:
            raw.close()

    def _leave_inherited(self) -> None:
        if os.getpid() != self._pid:
            self._inherited += [raw for _, raw in self._idle.values()]
            self._idle.clear()
            self._pid = os.getpid()


POOL = Pool()
