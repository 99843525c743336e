"""The PostgreSQL engine's pool (store/postgres_pool.py): a Store opened after another one closed takes its
connection, with our settings and none of the last user's; a connection the server ended is replaced; a
closed Store can't reach the connection it gave back; a forked process never uses its parent's."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest

from workbench.errors import DatabaseError, InvalidInput
from workbench.store import Store
from workbench.store.postgres_pool import POOL

pytestmark = pytest.mark.postgres_only


def backend(store: Store) -> int:
    return store.conn.execute("SELECT pg_backend_pid()").fetchone()[0]


def closed_after(db_path: Path, statement: str) -> int:
    """The backend of a Store that ran `statement` on its connection, then closed."""
    store = Store(db_path)
    pid = backend(store)
    store.conn.raw.execute(statement)
    store.close()
    return pid


def test_the_next_store_takes_the_connection_back_with_our_settings(db_path: Path) -> None:
    pid = closed_after(db_path, "SET lock_timeout = '50ms'")
    with Store(db_path) as second:
        assert backend(second) == pid
        assert second.conn.execute("SHOW lock_timeout").fetchone()[0] == "30s"


def test_a_connection_the_server_ended_is_replaced(db_path: Path) -> None:
    with Store(db_path) as killer:  # held open: the next open takes the pooled one, not this
        first = Store(db_path)
        pid = backend(first)
        first.close()
        killer.conn.execute("SELECT pg_terminate_backend(?, 5000)", (pid,))  # waits until it has ended
        with Store(db_path) as third:
            assert backend(third) not in (pid, backend(killer))
            assert third.progress() == (0, 0)


def test_a_closed_store_refuses_to_be_used(db_path: Path) -> None:
    store = Store(db_path)
    store.close()
    with pytest.raises(DatabaseError, match="was closed"):
        store.progress()
    store.close()  # closing twice gives nothing back twice
    with Store(db_path) as one, Store(db_path) as two:
        assert backend(one) != backend(two)


def test_a_connection_left_in_a_transaction_is_not_kept(db_path: Path) -> None:
    pid = closed_after(db_path, "BEGIN")
    with Store(db_path) as next_one:
        assert backend(next_one) != pid
        assert not next_one.conn.in_transaction


def _child_backend(url: str, out) -> None:
    with Store(url) as store:
        out.put(backend(store))


def test_a_forked_process_opens_its_own(db_path: Path) -> None:
    parent = Store(db_path)
    pid = backend(parent)
    parent.close()
    context = multiprocessing.get_context("fork")
    out = context.Queue()
    child = context.Process(target=_child_backend, args=(str(db_path), out))
    child.start()
    child_pid = out.get(timeout=60)
    child.join(60)
    assert child_pid != pid
    with Store(db_path) as again:  # the parent's pooled session survived the child
        assert backend(again) == pid


def test_the_pool_keeps_a_bounded_number(db_path: Path) -> None:
    POOL.drop()
    stores = [Store(db_path) for _ in range(POOL.keep() + 3)]
    for store in stores:
        store.close()
    assert len(POOL._idle) == POOL.keep() == 8


@pytest.mark.parametrize("keep", [0, 2])
def test_the_setting_says_how_many_are_kept(db_path: Path, monkeypatch: pytest.MonkeyPatch, keep: int) -> None:
    POOL.drop()
    monkeypatch.setenv("WORKBENCH_PG_POOL", str(keep))
    stores = [Store(db_path) for _ in range(4)]
    pids = [backend(store) for store in stores]
    for store in stores:
        store.close()
    assert len(POOL._idle) == keep
    with Store(db_path) as again:  # the last given back, when any is kept
        assert (backend(again) == pids[-1]) is (keep > 0)


def test_a_wrong_setting_is_refused_at_the_open(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKBENCH_PG_POOL", "-1")
    with pytest.raises(InvalidInput) as refused:
        Store(db_path)
    assert str(refused.value) == "setting WORKBENCH_PG_POOL='-1': must be a whole number, 0 or more"
