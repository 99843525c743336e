"""A label save returns exactly the label it stored, and on PostgreSQL costs two round trips.

The save knows the stored label before writing it (its version and creation time are read with the checks,
under the save's lock), so nothing is read back after the upsert: these hold that what it returns is what
a later read finds, on every path a label row can be in.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from workbench.store import Store
from workbench.store.accounts import OPERATOR

ANN = "ann@news.example"


def _claims(store: Store, article: int) -> list[int]:
    return [c.id for c in store.claims(article)]


def _stored(store: Store, claim: int):
    return store.label(claim, ANN, viewer=ANN)


def test_the_label_a_save_returns_is_the_label_stored(store: Store, article: int) -> None:
    claim = _claims(store, article)[0]
    seen = []
    for status, source in (("verified", "https://a.example/1"), ("unverified", ""), ("unverified", "")):
        saved = store.save_label(claim, status=status, reviewer=ANN, source_url=source)
        assert saved == _stored(store, claim)
        seen.append(saved.version)
    assert seen == [1, 2, 2]  # the same label again changes nothing
    first = store.save_label(
        _claims(store, article)[1], status="verified", reviewer=ANN, source_url="https://b.example/"
    )
    assert store.undo_label(first.claim_id, reviewer=ANN, expected_version=1) is None  # withdrawn
    again = store.save_label(first.claim_id, status="unverified", reviewer=ANN, expected_version=0)
    assert again == _stored(store, first.claim_id)
    assert again.version == 3 and again.created_at == first.created_at  # its own row, made current again
    assert [e["new_status"] for e in store.history(first.claim_id, viewer=OPERATOR)] == [
        "verified",
        None,
        "unverified",
    ]


def test_a_row_less_history_sets_the_next_version(store: Store, article: int) -> None:
    """Saves recorded for a reviewer whose label row an undo deleted before withdrawal existed (m021): a new
    row's version follows them, so a stale tab's version can never come round again."""
    claim = _claims(store, article)[0]
    with store.write() as conn:
        for _ in range(2):
            conn.execute(
                "INSERT INTO label_events (segment_id, reviewer, new_status, new_source_url, new_note, at)"
                " VALUES (?, ?, 'unverified', '', '', '2020-01-01T00:00:00.000Z')",
                (claim, ANN),
            )
    saved = store.save_label(claim, status="verified", reviewer=ANN, source_url="https://a.example/")
    assert saved.version == 3 and saved == _stored(store, claim)
    link = store.link_states(claim, viewer=ANN)[ANN]  # the link row found the label written in the same step
    assert link.canonical_url == "https://a.example/" and link.status.value == "unchecked"


@contextmanager
def _round_trips() -> Iterator[list[int]]:
    import psycopg

    count = [0]
    real = psycopg.ClientCursor.execute

    def counted(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        count[0] += 1
        return real(self, *args, **kwargs)

    psycopg.ClientCursor.execute = counted  # type: ignore[method-assign]
    try:
        yield count
    finally:
        psycopg.ClientCursor.execute = real  # type: ignore[method-assign]


@pytest.mark.postgres_only
def test_a_save_is_two_round_trips_on_postgresql(store: Store, article: int) -> None:
    if store.engine != "postgresql":
        pytest.skip("round trips are PostgreSQL's cost")
    first, second = _claims(store, article)[:2]
    store.save_label(first, status="verified", reviewer=ANN, source_url="https://a.example/")  # warm
    with _round_trips() as count:
        store.save_label(second, status="verified", reviewer=ANN, source_url="https://a.example/")
    assert count[0] == 2  # BEGIN, locks and checks; the upsert, its history and link rows with COMMIT
    with _round_trips() as count:
        store.save_label(second, status="unverified", reviewer=ANN)
    assert count[0] == 2


@pytest.mark.postgres_only
def test_a_save_that_failed_before_its_prepare_ran_prepares_again(db_path, article: int) -> None:
    """The first save on a new session sends PREPARE behind BEGIN and the claim's lock; when the lock times out
    the PREPARE never ran, and the next save must not EXECUTE a statement the session does not have."""
    from workbench.errors import DatabaseError
    from workbench.store.postgres_pool import POOL

    POOL.drop()
    with Store(db_path) as holder, Store(db_path) as store:
        claim = _claims(store, article)[0]
        store.conn.raw.execute("SET lock_timeout = '100ms'")
        with holder.write(claim=claim) as held:
            held.execute("SELECT 1")  # BEGIN and the locks go with a write's first statement
            with pytest.raises(DatabaseError):
                store.save_label(claim, status="unverified", reviewer=ANN)
        saved = store.save_label(claim, status="unverified", reviewer=ANN)
        assert saved == _stored(store, claim)
        prepared = store.conn.execute("SELECT COUNT(*) FROM pg_prepared_statements").fetchone()[0]
        assert prepared >= 3  # the checks, the upsert, the history row (and the link row's form)
