"""Shared fixtures: a real database per test on each engine, its path or URL in WORKBENCH_DB, the shared data.

Every test that asks for `db_path` (or `store`, `article`, … which ask for it) runs twice: on an SQLite file
and on a fresh PostgreSQL database. PostgreSQL comes from WORKBENCH_TEST_PG (a URL of a server the tests
may create databases on), else from a throwaway cluster this session starts (tests/pg_cluster.py), else
those runs skip with one line; under CI=true they fail instead. A test about SQLite files themselves (file
modes, WAL, backup of a file, corrupt files) is marked `sqlite_only`, or its module is in SQLITE_ONLY; one about
what PostgreSQL alone does (writers side by side) is marked `postgres_only`.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from tests import pg_cluster
from workbench.models import Segment, SegmentKind, Split
from workbench.store import Store

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
PROJECT_DB = REPO / "annotations" / "workbench.db"


def _state(path: Path) -> tuple[int, int] | None:
    try:
        found = path.stat()
    except FileNotFoundError:
        return None
    return found.st_mtime_ns, found.st_size


@pytest.fixture(scope="session", autouse=True)
def project_database_untouched():
    """No test may write the project's own database (a command run without --db or WORKBENCH_DB lands
    there): seen as three test articles in annotations/workbench.db after a CI run."""
    before = _state(PROJECT_DB)
    yield
    assert _state(PROJECT_DB) == before, f"a test wrote {PROJECT_DB}; give it the db_path fixture"


ENGINES = ("sqlite", "postgresql")
# Modules whose every test is about SQLite itself: its file, pragmas, locks, migrations of old files, its SQL.
SQLITE_ONLY = {
    "test_csv_cells",
    "test_faults",
    "test_file_modes",
    "test_migrations",
}


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "db_path" not in metafunc.fixturenames:
        return
    module = metafunc.module.__name__.rsplit(".", 1)[-1]
    only_sqlite = module in SQLITE_ONLY or metafunc.definition.get_closest_marker("sqlite_only") is not None
    only_postgres = metafunc.definition.get_closest_marker("postgres_only") is not None
    engines = ENGINES[:1] if only_sqlite else ENGINES[1:] if only_postgres else ENGINES
    metafunc.parametrize("engine", engines, indirect=True, scope="function")


@pytest.fixture(scope="session")
def pg_server():
    """The admin URL of a PostgreSQL server for the tests, or None (with the reason) when there is none."""
    given = os.environ.get("WORKBENCH_TEST_PG")
    if given:
        pg_cluster.prepare_template(given)
        yield given, None
        pg_cluster.drop_test_databases(given)
        return
    if not pg_cluster.available():
        yield None, f"PostgreSQL tests skipped: no WORKBENCH_TEST_PG and no PostgreSQL binaries in {pg_cluster.BIN}"
        return
    directory = Path(tempfile.mkdtemp(prefix="workbench-pg-"))
    try:
        url = pg_cluster.start(directory)
        pg_cluster.prepare_template(url)
    except Exception as exc:  # noqa: BLE001 - reported as the one line below
        pg_cluster.stop(directory)
        yield None, f"PostgreSQL tests skipped: the test cluster did not start ({exc})"
        return
    try:
        yield url, None
    finally:
        pg_cluster.stop(directory)


@pytest.fixture(autouse=True)
def no_link_checks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Labels saved by tests fetch nothing (the links they cite are made up): the tests of link checks turn
    WORKBENCH_LINK_CHECKS back on, with pages of their own on 127.0.0.1."""
    monkeypatch.setenv("WORKBENCH_LINK_CHECKS", "off")


@pytest.fixture
def engine(request: pytest.FixtureRequest) -> str:
    return getattr(request, "param", "sqlite")


@pytest.fixture
def pg_url(pg_server):
    """A fresh, migrated PostgreSQL workbench database for one test, dropped after it (each is a copy of the
    template's files: a thousand left behind would fill a CI disk)."""
    url, reason = pg_server
    if url is None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason} (CI=true: PostgreSQL must be there)")
        pytest.skip(reason)
    fresh = pg_cluster.fresh_database(url)
    yield fresh
    pg_cluster.drop_database(url, fresh)


class _RawPostgres:
    """A PostgreSQL test database opened beside the code under test, with the store's `?` placeholders."""

    def __init__(self, url: str) -> None:
        import psycopg

        from workbench.store.postgres_engine import PgConnection

        self._conn = PgConnection(psycopg.connect(url, autocommit=True, cursor_factory=psycopg.ClientCursor))

    def execute(self, sql: str, params=()):
        return self._conn.execute(sql, params)

    def executemany(self, sql: str, rows) -> None:
        self._conn.executemany(sql, rows)

    def commit(self) -> None:  # autocommit: each statement is committed
        pass

    def close(self) -> None:
        self._conn.raw.close()

    def __enter__(self) -> _RawPostgres:
        return self

    def __exit__(self, *exc: object) -> None:
        pass


def connect_raw(db: Path | str, **sqlite_options):
    """A plain connection for checking or preparing a test database, outside the code under test: sqlite3's
    for a file, a psycopg one taking the same SQL for a PostgreSQL URL."""
    import sqlite3

    if isinstance(db, str) and db.startswith("postgresql://"):
        return _RawPostgres(db)
    return sqlite3.connect(db, **sqlite_options)


class DatabaseURL(str):
    """A PostgreSQL test database's URL that answers the few questions tests ask of a database file's Path:
    its folder (`parent`, the test's own tmp_path, for files written beside it) and whether it exists."""

    parent: Path

    def __new__(cls, url: str, folder: Path) -> DatabaseURL:
        made = super().__new__(cls, url)
        made.parent = folder
        return made

    def exists(self) -> bool:
        return True


@pytest.fixture
def db_path(engine: str, request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A fresh database, also named by WORKBENCH_DB for code that reads the setting: an SQLite file's Path in
    a fresh folder, or the URL of a fresh PostgreSQL database (a str)."""
    target = (
        DatabaseURL(request.getfixturevalue("pg_url"), tmp_path)
        if engine == "postgresql"
        else tmp_path / "workbench.db"
    )
    monkeypatch.setenv("WORKBENCH_DB", str(target))
    return target


@pytest.fixture
def store(db_path: Path):
    with Store(db_path) as opened:
        yield opened


def make_split(text: str, parts: list[tuple[str, str]], language: str = "en") -> Split:
    """A hand-made split of `text`: each part is (kind, segment text), found in order."""
    segments, cursor = [], 0
    for index, (kind, piece) in enumerate(parts):
        start = text.index(piece, cursor)
        cursor = start + len(piece)
        segments.append(Segment(index, SegmentKind(kind), piece, start, cursor, 0))
    return Split(text, language, language, tuple(segments))


@pytest.fixture
def article(store: Store) -> int:
    """One stored article: a heading, three claims, a boilerplate line."""
    text = "Rates rise again\nThe bank raised rates. Prices fell 2%. Nobody saw it coming.\nShare this"
    split = make_split(
        text,
        [
            ("heading", "Rates rise again"),
            ("claim", "The bank raised rates."),
            ("claim", "Prices fell 2%."),
            ("claim", "Nobody saw it coming."),
            ("boilerplate", "Share this"),
        ],
    )
    article_id, _ = store.add_article(split, title="Rates")
    return article_id


@pytest.fixture
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside the project")
    return SHARED
