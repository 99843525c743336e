"""Files the workbench writes beside the user's own: export targets it must not clobber, the modes it gives them,
and the writer lock file (issue 12, findings 3 and 9)."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import make_split
from tests.test_cli_refusals import call, one_line
from workbench.errors import InvalidInput
from workbench.exporting import export_file
from workbench.store import Store


@pytest.fixture
def labelled(db_path: Path) -> Path:
    with Store(db_path) as store:
        store.add_article(make_split("One claim here.", [("claim", "One claim here.")]), title="T")
        store.save_label(next(store.claims()).id, status="unverified", reviewer="ann")
    return db_path


def mode(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


@pytest.fixture
def umask():
    """Set a umask for the test, and put the old one back after."""
    previous = os.umask(0o022)
    yield lambda value: os.umask(value)
    os.umask(previous)


def test_export_refuses_a_device(capsys, labelled: Path, tmp_path: Path) -> None:
    # It replaced /dev/full with a regular file. A named pipe stands in for the device: never a real one, as the
    # code before the fix would replace it (run as root, it did so to /dev/null).
    device = tmp_path / "device"
    os.mkfifo(device)
    code, out, err = call(capsys, "export", "-o", str(device))
    assert (code, out) == (1, "") and f"{device} exists and is not a regular file" in one_line(err)
    assert stat.S_ISFIFO(os.lstat(device).st_mode)


def test_export_refuses_a_symlink_and_leaves_it(capsys, labelled: Path, tmp_path: Path) -> None:
    real = tmp_path / "real.csv"
    real.write_text("mine\n")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    code, _, err = call(capsys, "export", "-o", str(link))
    assert code == 1 and "is a symbolic link" in one_line(err)
    assert link.is_symlink() and real.read_text() == "mine\n"


def test_export_refuses_a_folder(capsys, labelled: Path, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    code, _, err = call(capsys, "export", "-o", str(folder))
    assert code == 1 and "not a regular file" in one_line(err) and folder.is_dir()


@pytest.mark.parametrize("name", ["{db}", "{db}-wal", "{db}-writer.lock", "hardlink"])
def test_export_refuses_the_database_itself(capsys, labelled: Path, name: str) -> None:
    # `export --db x.db -o x.db` replaced the database with CSV.
    target = labelled.parent / name.format(db=labelled.name)
    if name == "hardlink":
        os.link(labelled, target)
    before = labelled.read_bytes()
    with Store(labelled) as store:  # keep a connection open, so the WAL and the lock file exist
        store.save_label(next(store.claims()).id, status="unverified", reviewer="bob")
        code, _, err = call(capsys, "export", "-o", str(target), "--db", str(labelled))
    assert code == 1 and "is the database being exported" in one_line(err)
    assert labelled.read_bytes()[:16] == before[:16] == b"SQLite format 3\x00"
    assert not list(labelled.parent.glob(".*.tmp"))


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(existing=st.integers(0, 0o777).map(lambda m: m | 0o600))
def test_export_keeps_an_existing_files_mode(labelled: Path, existing: int) -> None:
    target = labelled.parent / "out.csv"
    target.write_text("old\n")
    os.chmod(target, existing)
    with Store(labelled) as store:
        assert export_file(store, target) == 1
    assert mode(target) == existing and target.read_text().startswith('"article_id"')


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mask=st.integers(0, 0o077))
def test_a_new_export_honours_the_umask(labelled: Path, umask, mask: int) -> None:
    target = labelled.parent / f"new-{mask:o}.csv"
    umask(mask)
    with Store(labelled) as store:
        export_file(store, target)
    assert mode(target) == 0o666 & ~mask


def test_export_target_checked_in_the_domain(labelled: Path) -> None:
    # The rule is the exporter's, not the command line's: any caller gets it.
    with Store(labelled) as store, pytest.raises(InvalidInput, match="database being exported"):
        export_file(store, labelled)


# -- finding 9: the writer lock file ---------------------------------------------------------------------------


def lock_path(db: Path) -> Path:
    return db.with_name(db.name + "-writer.lock")


def test_writer_lock_file_is_private(labelled: Path, umask) -> None:
    # World-readable, any local user could take a shared flock on it and make every write wait 10 s.
    umask(0o000)
    assert mode(lock_path(labelled)) == 0o600


def test_an_old_world_readable_lock_file_is_narrowed(labelled: Path) -> None:
    lock = lock_path(labelled)
    os.chmod(lock, 0o644)
    with Store(labelled) as store:
        store.save_label(next(store.claims()).id, status="unverified", reviewer="bob")
    assert mode(lock) == 0o600


def test_the_database_itself_still_follows_the_umask(tmp_path: Path, umask) -> None:
    umask(0o027)
    db = tmp_path / "w.db"
    with Store(db) as store:
        store.add_article(make_split("One claim here.", [("claim", "One claim here.")]), title="T")
    assert mode(db) == 0o640


def test_writes_still_queue_through_the_lock(labelled: Path) -> None:
    # The narrowed file is still a working lock for the owner's writers.
    errors: list[Exception] = []

    def save(reviewer: str) -> None:
        try:
            with Store(labelled) as store:
                for _ in range(20):
                    store.save_label(next(store.claims()).id, status="unverified", reviewer=reviewer)
        except Exception as exc:  # pragma: no cover - shown by the assertion
            errors.append(exc)

    threads = [threading.Thread(target=save, args=(f"r{i}",)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
