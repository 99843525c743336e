"""Which writes wait for which on PostgreSQL: label saves of different claims run side by side, saves of one
claim take turns, and every other write waits for the saves in flight (postgres_engine.py, write(claim=)).

Each test holds one write open on one store (its locks are taken with its first statement) and tries another
write from a second store whose lock_timeout is short: a write that must wait fails with the engine's "locked for too long" line, one that may run
finishes. On SQLite every write takes turns (one writer at a time), so these are PostgreSQL's.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from tests.reliability_helpers import make_claims_db
from workbench.errors import DatabaseError
from workbench.store import Store

SHORT = "300ms"
pytestmark = pytest.mark.postgres_only


@pytest.fixture
def two_stores(db_path: Path):
    claims = make_claims_db(db_path, 4)
    first, second = Store(db_path), Store(db_path)
    second.conn.raw.execute(f"SET lock_timeout = '{SHORT}'")
    try:
        yield first, second, claims
    finally:
        first.close()
        second.close()


def test_saves_of_different_claims_run_side_by_side(two_stores) -> None:
    first, second, claims = two_stores
    with first.write(claim=claims[0]) as held:
        held.execute("SELECT 1")
        label = second.save_label(claims[1], status="verified", reviewer="ana", source_url="https://e.org/1")
    assert label.version == 1
    assert second.progress() == (1, 4)


def test_saves_of_one_claim_take_turns(two_stores) -> None:
    first, second, claims = two_stores
    with first.write(claim=claims[0]) as held:
        held.execute("SELECT 1")
        with pytest.raises(DatabaseError, match="locked for too long; nothing was saved"):
            second.save_label(claims[0], status="verified", reviewer="ana", source_url="https://e.org/1")
        with pytest.raises(DatabaseError, match="locked for too long; nothing was saved"):
            second.undo_label(claims[0], reviewer="ana", expected_version=0)
    assert second.label(claims[0], "ana", viewer="ana") is None


def test_other_writes_wait_for_a_save_in_flight(two_stores) -> None:
    first, second, claims = two_stores
    with first.write(claim=claims[0]) as held:
        held.execute("SELECT 1")
        with pytest.raises(DatabaseError, match="locked for too long; nothing was saved"):
            second.set_kind(claims[1], "boilerplate", reviewer="ana")
        with pytest.raises(DatabaseError, match="locked for too long; nothing was saved"):
            second.set_meta("probe", "1")
    assert second.meta("probe") is None


def test_a_save_waits_for_another_write(two_stores) -> None:
    first, second, claims = two_stores
    with first.write() as held:
        held.execute("SELECT 1")
        with pytest.raises(DatabaseError, match="locked for too long; nothing was saved"):
            second.save_label(claims[1], status="verified", reviewer="ana", source_url="https://e.org/1")


def test_first_labels_of_one_claim_at_once_count_it_once(two_stores) -> None:
    # Two reviewers' first labels of one claim: the second save waits for the first to commit, so the
    # trigger that counts "the claim's first label" sees the other's label and the claim counts once.
    first, second, claims = two_stores
    second.conn.raw.execute("SET lock_timeout = '30s'")
    done: list[object] = []

    def save_second() -> None:
        done.append(second.save_label(claims[2], status="disputed", reviewer="bea", source_url="https://e.org/b"))

    with first.write(claim=claims[2]) as conn:
        conn.execute("SELECT 1")
        waiting = threading.Thread(target=save_second)
        waiting.start()
        time.sleep(0.3)  # the second save is now queued on the claim's lock
        assert not done
        conn.execute(
            "INSERT INTO labels (segment_id, reviewer, status, source_url, note, archive_url, created_at,"
            " updated_at, version) VALUES (?, 'ana', 'verified', '', '', '', 'now', 'now', 1)",
            (claims[2],),
        )
    waiting.join(10)
    assert done, "the second save did not finish once the first committed"
    assert first.progress() == (1, 4)
    assert first.progress("ana") == (1, 4) and first.progress("bea") == (1, 4)
