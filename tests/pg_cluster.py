"""A throwaway PostgreSQL cluster for the tests and for .ci/run: initdb, start, stop, and fresh databases.

`python tests/pg_cluster.py start DIR` creates a cluster in DIR (data and socket inside), starts it on a
free port of 127.0.0.1 and prints its URL; `python tests/pg_cluster.py stop DIR` stops it and removes DIR.
`initdb` refuses to run as root, so as root both run as the `postgres` user (DIR is handed to it).
The cluster trades durability for speed (fsync off): it holds nothing but test data.

Tests use `fresh_database(url)`: a new database copied from a migrated template, about 20 ms.
"""

from __future__ import annotations

import itertools
import os
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BIN = Path(os.environ.get("WORKBENCH_PG_BIN", "/usr/lib/postgresql/15/bin"))
TEMPLATE = "workbench_template"


def available() -> bool:
    return (BIN / "initdb").is_file() and (BIN / "pg_ctl").is_file()


def _as_owner(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command
    runuser = shutil.which("runuser")
    return [runuser, "-u", "postgres", "--", *command] if runuser else ["su", "postgres", "-c", " ".join(command)]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start(directory: Path, *, durable: bool = False) -> str:
    """initdb and start a cluster in `directory`; return the URL of its `postgres` database. Tests run it
    without fsync (it holds nothing worth keeping); `durable` keeps PostgreSQL's defaults, for benchmarks."""
    directory.mkdir(parents=True, exist_ok=True)
    if os.geteuid() == 0:
        shutil.chown(directory, "postgres", "postgres")
        directory.chmod(0o700)
    data, port = directory / "data", _free_port()
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.PIPE, "check": True}
    subprocess.run(
        _as_owner([str(BIN / "initdb"), "-D", str(data), "-A", "trust", "-E", "UTF8", "--no-locale", "-U", "postgres"]),
        **quiet,
    )
    fast = "" if durable else " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    options = f"-p {port} -h 127.0.0.1 -k {directory}{fast} -c max_connections=300 -c shared_buffers=64MB"
    subprocess.run(
        _as_owner([str(BIN / "pg_ctl"), "-D", str(data), "-l", str(directory / "log"), "-o", options, "-w", "start"]),
        **quiet,
    )
    (directory / "url").write_text(f"postgresql://postgres@127.0.0.1:{port}/postgres")
    return (directory / "url").read_text()


def stop(directory: Path) -> None:
    if (directory / "data").is_dir():
        subprocess.run(
            _as_owner([str(BIN / "pg_ctl"), "-D", str(directory / "data"), "-m", "immediate", "stop"]),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
        )
    shutil.rmtree(directory, ignore_errors=True)


def with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


_counter = itertools.count()


def prepare_template(url: str) -> None:
    """A database migrated once, which every fresh database copies (CREATE DATABASE … TEMPLATE)."""
    import psycopg

    from workbench.store import Store
    from workbench.store.postgres_pool import POOL

    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {TEMPLATE}")
        admin.execute(f"CREATE DATABASE {TEMPLATE}")
    Store(with_database(url, TEMPLATE)).close()
    POOL.drop()  # a template must have no connection open when a database is made from it


def fresh_database(url: str) -> str:
    """A new, migrated, empty workbench database on the cluster of `url`; its URL."""
    import psycopg

    name = f"wb_{os.getpid()}_{next(_counter)}"
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name} TEMPLATE {TEMPLATE} STRATEGY FILE_COPY")  # 5x WAL_LOG's speed here
    return with_database(url, name)


def drop_database(url: str, database_url: str) -> None:
    import psycopg

    name = urlsplit(database_url).path.lstrip("/")
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def drop_test_databases(url: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as admin:
        names = [r[0] for r in admin.execute("SELECT datname FROM pg_database WHERE datname LIKE 'wb\\_%'")]
        for name in names:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.execute(f"DROP DATABASE IF EXISTS {TEMPLATE} WITH (FORCE)")


def main(argv: list[str]) -> int:
    if len(argv) == 2 and argv[0] == "start":
        print(start(Path(argv[1])))
        return 0
    if len(argv) == 2 and argv[0] == "stop":
        stop(Path(argv[1]))
        return 0
    if argv == ["tmp"]:
        print(tempfile.mkdtemp(prefix="workbench-pg-"))
        return 0
    print("usage: pg_cluster.py start DIR | stop DIR | tmp", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
