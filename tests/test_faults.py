"""Faults of the disk and the file: each gives a clear message, saves nothing half-way, leaves the database intact."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import pytest

import workbench.cli
import workbench.store.sqlite_engine
from tests.conftest import make_split
from tests.reliability_helpers import Row, cli, count, half_written, integrity, label_rows, make_claims_db
from workbench.database import open_store
from workbench.errors import DatabaseError, NotAWorkbenchDatabase, SchemaTooNew
from workbench.store import SQLITE_MAGIC, Store
from workbench.store.accounts import OPERATOR

BIG_NOTE = "n" * 2000  # the longest note allowed: each save needs room


@pytest.fixture
def claims(db_path: Path) -> list[int]:
    """200 claims, the first 20 labelled by ann: the earlier work that no fault may touch."""
    ids = make_claims_db(db_path, 200)
    with Store(db_path) as store:
        for claim in ids[:20]:
            store.save_label(claim, status="unverified", reviewer="ann", note=f"earlier {claim}")
    return ids


def assert_intact(path: Path, rows: dict[tuple[int, str], Row]) -> None:
    assert integrity(path) == "ok"
    assert label_rows(path) == rows
    assert half_written(path) == []


def assert_one_line_error(returncode: int, stderr: str, *words: str) -> None:
    """What the CLI promises for a fault: exit code 1 and one line that says why, never a traceback."""
    assert returncode == 1, stderr
    assert stderr.startswith("workbench: error: ") and stderr.count("\n") == 1, stderr
    assert "Traceback" not in stderr
    for word in words:
        assert word in stderr


def fill_to_the_brim(store: Store) -> None:
    """No page may be added any more: the next write that needs one finds the disk full."""
    pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
    store.conn.execute(f"PRAGMA max_page_count = {pages}")


def write_batch(path: Path, claims: list[int], note: str = BIG_NOTE) -> Path:
    path.write_text("".join(json.dumps({"claim_id": c, "status": "unverified", "note": note}) + "\n" for c in claims))
    return path


def acknowledged(stdout: str, note: str = BIG_NOTE) -> dict[tuple[int, str], Row]:
    return {(a["claim_id"], a["reviewer"]): (a["status"], "", note) for a in map(json.loads, stdout.splitlines())}


def test_disk_full_refuses_a_save_and_keeps_it_for_later(db_path: Path, claims: list[int]) -> None:
    # A full disk must not cost the reviewer earlier labels nor leave a label without its history.
    before = label_rows(db_path)
    with Store(db_path) as store:
        fill_to_the_brim(store)
        with pytest.raises(DatabaseError, match="the disk is full; nothing was saved"):
            for claim in claims[20:]:
                store.save_label(claim, status="unverified", reviewer="bob", note=BIG_NOTE)
        saved = label_rows(db_path)
        assert_intact(db_path, saved)
        assert {k: v for k, v in saved.items() if k[1] == "ann"} == before
        # Once there is room again, the same save goes through: nothing is stuck.
        store.conn.execute("PRAGMA max_page_count = 1073741823")
        store.save_label(claims[-1], status="unverified", reviewer="bob", note=BIG_NOTE)
    assert label_rows(db_path)[(claims[-1], "bob")] == ("unverified", "", BIG_NOTE)


def test_disk_full_refuses_an_import_whole(db_path: Path, claims: list[int]) -> None:
    # An article is stored with its segments in one transaction: a full disk must leave neither behind.
    before = label_rows(db_path)
    pieces = [f"Imported claim {i} {'y' * 300}." for i in range(500)]
    split = make_split(" ".join(pieces), [("claim", p) for p in pieces])
    with Store(db_path) as store:
        fill_to_the_brim(store)
        with pytest.raises(DatabaseError, match="the disk is full; nothing was saved"):
            store.add_article(split, title="Too big")
    assert (count(db_path, "articles"), count(db_path, "segments")) == (1, 200)
    assert_intact(db_path, before)


def test_disk_full_through_the_cli(
    db_path: Path,
    claims: list[int],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # The CLI is how batches come in: the fault must reach the person as one line naming the failed line.
    def full_store(db: str | None = None, **options: bool) -> Store:
        store = open_store(db, **options)
        fill_to_the_brim(store)
        return store

    monkeypatch.setattr(workbench.cli, "open_store", full_store)
    batch = write_batch(tmp_path / "batch.jsonl", claims[20:60])
    before = label_rows(db_path)
    code = workbench.cli.main(["label", "--from", str(batch), "--reviewer", "bob", "--db", str(db_path)])
    out, err = capsys.readouterr()
    assert_one_line_error(code, err, "the disk is full", f"{batch} line {len(out.splitlines()) + 1}:")
    assert_intact(db_path, {**before, **acknowledged(out)})


def test_io_error_from_a_file_size_limit(db_path: Path, claims: list[int], tmp_path: Path) -> None:
    # A real write() failing with EFBIG, in a child limited by RLIMIT_FSIZE: SQLite reports an I/O error.
    # SIGXFSZ is ignored, else the kernel would kill the child instead of failing the write. The limit is above
    # the new database's own size (which grows with the schema: 268 KB at m021) and below what the batch needs.
    limit = 384 * 1024
    assert db_path.stat().st_size < limit
    batch = write_batch(tmp_path / "batch.jsonl", claims[20:])
    code = (
        "import resource, signal, sys\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        f"resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, resource.RLIM_INFINITY))\n"
        "from workbench.cli import main\n"
        f"sys.exit(main(['label', '--from', {str(batch)!r}, '--reviewer', 'bob', '--db', {str(db_path)!r}]))\n"
    )
    before = label_rows(db_path)
    child = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert_one_line_error(
        child.returncode,
        child.stderr,
        "input/output error; nothing was saved",
        f"line {len(child.stdout.splitlines()) + 1}:",
    )
    # Every acknowledged label is there; the failed one and nothing else is missing.
    assert_intact(db_path, {**before, **acknowledged(child.stdout)})


@contextmanager
def lock_held_elsewhere(path: Path) -> Iterator[None]:
    """Another program's connection holding the write lock (BEGIN IMMEDIATE) until the block ends."""
    with closing(sqlite3.connect(path, isolation_level=None)) as other:
        other.execute("BEGIN IMMEDIATE")
        other.execute("INSERT INTO meta (key, value) VALUES ('held', 'by another program')")
        try:
            yield
        finally:
            other.execute("ROLLBACK")


def test_lock_held_past_the_busy_timeout(db_path: Path, claims: list[int]) -> None:
    # Someone else's long write: after the busy timeout the save is refused as "locked", never half-done.
    before = label_rows(db_path)
    with Store(db_path, busy_timeout_ms=200) as store, lock_held_elsewhere(db_path):
        with pytest.raises(DatabaseError, match="locked for too long; nothing was saved"):
            store.save_label(claims[50], status="unverified", reviewer="bob")
    assert_intact(db_path, before)
    with Store(db_path, busy_timeout_ms=200) as store:  # the lock gone, the same save succeeds
        store.save_label(claims[50], status="unverified", reviewer="bob")


def test_lock_held_through_the_cli(db_path: Path, claims: list[int]) -> None:
    # The same through a real `workbench label` process, with the timeout from WORKBENCH_BUSY_TIMEOUT_MS.
    before = label_rows(db_path)
    env = {**os.environ, "WORKBENCH_BUSY_TIMEOUT_MS": "200"}
    with lock_held_elsewhere(db_path):
        child = cli(
            "label",
            str(claims[50]),
            "--status",
            "unverified",
            "--reviewer",
            "bob",
            "--db",
            str(db_path),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )
        out, err = child.communicate(timeout=120)
    assert_one_line_error(child.returncode, err, "locked for too long; nothing was saved")
    assert out == ""
    assert_intact(db_path, before)


def test_read_only_database(db_path: Path, claims: list[int], monkeypatch: pytest.MonkeyPatch) -> None:
    # Tests run as root, whom chmod 0444 does not stop. When a process may not write the file, SQLite opens
    # it read-only and only fails at the first write; `mode=ro` gives exactly that handle, and goes through
    # the store's whole opening (pragmas, migration check). `query_only` would fake the error in SQL instead.
    before = label_rows(db_path)
    real_connect = sqlite3.connect

    def read_only(path: Path, **options: object) -> sqlite3.Connection:
        return real_connect(f"file:{path}?mode=ro", uri=True, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(workbench.store.sqlite_engine.sqlite3, "connect", read_only)
    with Store(db_path) as store:
        assert store.label(claims[0], "ann", viewer=OPERATOR) is not None  # reading still works
        with pytest.raises(DatabaseError, match="the database file is read-only; nothing was saved"):
            store.save_label(claims[50], status="unverified", reviewer="bob")
    monkeypatch.undo()
    assert_intact(db_path, before)


def test_missing_folder_is_not_created(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # A mistyped --db must not scatter new folders and an empty database around the disk.
    target = tmp_path / "no such folder" / "workbench.db"
    with pytest.raises(DatabaseError, match="does not exist"):
        Store(target)
    code = workbench.cli.main(["articles", "--db", str(target)])
    assert_one_line_error(code, capsys.readouterr().err, "does not exist")
    assert not target.parent.exists()


FOREIGN = "foreign"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"claim_id,status\n1,verified\n", "is not an SQLite database; it was left untouched"),  # a CSV as --db
        (b"\x89PNG\r\n\x1a\n" + bytes(200), "is not an SQLite database; it was left untouched"),  # a binary file
        # An SQLite header with garbage behind it: SQLite itself refuses it when it reads the header.
        (SQLITE_MAGIC + b"\xff" * 4000, "cannot open .*file is not a database"),
        # Another program's SQLite database (rollback journal): not ours to migrate, nor to convert to WAL.
        (FOREIGN, "belongs to something else; it was left untouched"),
    ],
    ids=["csv", "png", "corrupt-sqlite", "foreign-sqlite"],
)
def test_not_a_workbench_database_is_refused_untouched(tmp_path: Path, content: bytes | str, message: str) -> None:
    path = tmp_path / "other.db"
    if content == FOREIGN:
        with closing(sqlite3.connect(path)) as conn:
            conn.execute("CREATE TABLE notes (text TEXT)")
            conn.execute("INSERT INTO notes VALUES ('mine')")
            conn.commit()
    else:
        path.write_bytes(content)  # type: ignore[arg-type]
    before = path.read_bytes()
    with pytest.raises(DatabaseError, match=message) as refused:
        Store(path)
    assert content != FOREIGN or isinstance(refused.value, NotAWorkbenchDatabase)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.db"]  # no -wal, -shm nor -journal left


def test_database_newer_than_the_code_is_refused_not_downgraded(db_path: Path, claims: list[int]) -> None:
    # A colleague's newer workbench migrated the file: this version must neither run nor undo migrations.
    with closing(sqlite3.connect(db_path)) as conn:
        conn.execute("INSERT INTO migrations (name, applied_at) VALUES ('m999_from_the_future', 'later')")
        conn.commit()
        migrations = conn.execute("SELECT * FROM migrations ORDER BY id").fetchall()
    before, data = label_rows(db_path), db_path.read_bytes()
    with pytest.raises(SchemaTooNew, match="newer workbench .*m999_from_the_future"):
        Store(db_path)
    with closing(sqlite3.connect(db_path)) as conn:
        assert conn.execute("SELECT * FROM migrations ORDER BY id").fetchall() == migrations
    assert db_path.read_bytes() == data
    assert_intact(db_path, before)


@pytest.mark.slow
def test_backup_of_a_live_database_is_consistent(db_path: Path, tmp_path: Path) -> None:
    # Copying the file of a live WAL database gives a stale or torn copy; `workbench backup` must not.
    claims = make_claims_db(db_path, 3000)
    lines = [{"claim_id": c, "status": "unverified", "note": f"pass {n}"} for n in range(20) for c in claims]
    batch = tmp_path / "batch.jsonl"
    batch.write_text("".join(json.dumps(line) + "\n" for line in lines))
    # A reader keeping an old snapshot (a page being read) stops checkpoints: the new labels live only in
    # the WAL, so a copy of the database file alone would miss them and fail the count below.
    reader = sqlite3.connect(db_path, isolation_level=None)
    reader.execute("BEGIN")
    assert reader.execute("SELECT COUNT(*) FROM labels").fetchone() == (0,)
    writer = cli(
        "label",
        "--from",
        str(batch),
        "--reviewer",
        "bob",
        "--db",
        str(db_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    try:
        assert writer.stdout
        for _ in range(10):
            assert writer.stdout.readline()  # the writer is under way
        low = (count(db_path, "labels"), count(db_path, "label_events"))
        copy = tmp_path / "copy.db"
        backup = cli("backup", str(copy), "--db", str(db_path), stderr=subprocess.PIPE)
        _, err = backup.communicate(timeout=120)
        high = (count(db_path, "labels"), count(db_path, "label_events"))
        still_writing = writer.poll() is None
    finally:
        writer.kill()
        writer.wait()
        reader.close()
    assert backup.returncode == 0, err
    assert still_writing, "the writer finished before the backup: give it more lines"
    assert integrity(copy) == "ok" and half_written(copy) == []
    copied = (count(copy, "labels"), count(copy, "label_events"))
    assert all(low[i] <= copied[i] <= high[i] for i in range(2)), (low, copied, high)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []  # no .partial left
    with Store(copy) as store:  # the copy is a workbench database in its own right
        assert store.label(claims[0], "bob", viewer=OPERATOR) is not None


def test_backup_refuses_an_existing_destination(db_path: Path, claims: list[int], tmp_path: Path) -> None:
    # Yesterday's backup must not be overwritten by a mistyped name.
    destination = tmp_path / "yesterday.db"
    destination.write_bytes(b"yesterday's backup")
    child = cli("backup", str(destination), "--db", str(db_path), stderr=subprocess.PIPE)
    _, err = child.communicate(timeout=120)
    assert_one_line_error(child.returncode, err, "already exists")
    assert destination.read_bytes() == b"yesterday's backup"
