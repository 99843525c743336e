"""The PostgreSQL server a benchmark runs against, and new databases on it.

WORKBENCH_BENCH_PG is the URL of a server where a benchmark may create databases; without it, a cluster of
Debian's binaries is started for the run (tests/pg_cluster.py) with durable settings (fsync and synchronous
commit on, as SQLite runs with synchronous=FULL) and stopped after.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from tests import pg_cluster


@contextlib.contextmanager
def server() -> Iterator[str]:
    given = os.environ.get("WORKBENCH_BENCH_PG")
    if given:
        yield given
        return
    cluster = Path(tempfile.mkdtemp(prefix="workbench-bench-pg-"))  # its own folder: postgres must reach it
    try:
        yield pg_cluster.start(cluster, durable=True)
    finally:
        pg_cluster.stop(cluster)


def new_database(url: str, name: str) -> str:
    """The URL of an empty database `name` on the server (dropped first if a run left it)."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    return pg_cluster.with_database(url, name)
