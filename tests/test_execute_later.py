"""execute_later(): a statement whose result nobody reads, sent by PostgreSQL with the transaction's next
statement or its COMMIT. It must keep its place in the transaction and its failure must fail all of it."""

from __future__ import annotations

import pytest

from workbench.errors import IntegrityError, WorkbenchError
from workbench.store import Store
from workbench.store.connection import execute_later


def test_a_later_statement_runs_before_the_next_one(store: Store) -> None:
    with store.write() as conn:
        execute_later(conn, "INSERT INTO meta (key, value) VALUES (?, ?)", ("later", "50% of it's 'quoted'?"))
        seen = conn.execute("SELECT value FROM meta WHERE key = ?", ("later",)).fetchone()
        assert seen is not None and seen[0] == "50% of it's 'quoted'?"
        execute_later(conn, "UPDATE meta SET value = :v WHERE key = :k", {"v": "second", "k": "later"})
    assert store.meta("later") == "second"


def test_a_later_statement_that_fails_leaves_nothing_written(store: Store) -> None:
    with pytest.raises(IntegrityError):
        with store.write() as conn:
            conn.execute("INSERT INTO meta (key, value) VALUES ('first', '1')")
            execute_later(conn, "INSERT INTO meta (key, value) VALUES ('first', '2')")  # the same key
    assert store.meta("first") is None
    store.set_meta("after", "ok")  # the connection is usable again, with nothing left waiting
    assert store.meta("after") == "ok" and store.meta("first") is None


def test_a_write_that_raises_sends_nothing_it_deferred(store: Store) -> None:
    with pytest.raises(WorkbenchError):
        with store.write() as conn:
            execute_later(conn, "INSERT INTO meta (key, value) VALUES ('never', '1')")
            raise WorkbenchError("refused")
    store.set_meta("next", "1")
    assert store.meta("never") is None


def test_a_save_with_a_link_stores_its_history_and_link_row(store: Store, article: int) -> None:
    claim = next(iter(store.claims(article)))
    store.save_label(claim.id, status="verified", reviewer="ana", source_url="https://example.org/a")
    store.save_label(claim.id, status="disputed", reviewer="ana", source_url="https://example.org/b")
    with Store(store.database.target) as other:  # what was committed, seen from another connection
        events = other.conn.execute("SELECT new_status FROM label_events WHERE segment_id = ?", (claim.id,))
        assert [row[0] for row in events.fetchall()] == ["verified", "disputed"]
        links = other.conn.execute(
            "SELECT k.canonical_url, k.status FROM label_links k JOIN labels l ON l.id = k.label_id"
            " WHERE l.segment_id = ?",
            (claim.id,),
        ).fetchall()
        assert [tuple(row) for row in links] == [("https://example.org/b", "unchecked")]
