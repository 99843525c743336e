"""The store against a real SQLite file: articles, claims, labels, history, queue order."""

from __future__ import annotations

import pytest

from tests.conftest import make_split
from workbench.errors import IntegrityError, InvalidLabel, NotFound
from workbench.models import SegmentKind, Status
from workbench.store import Store, text_sha256
from workbench.store.accounts import OPERATOR
from workbench.store.search import ClaimFilter


def claim_ids(store: Store, article_id: int) -> list[int]:
    return [c.id for c in store.claims(article_id=article_id)]


def test_article_and_segments_are_stored_with_offsets(store: Store, article: int) -> None:
    stored = store.article(article)
    assert stored.sha256 == text_sha256(stored.text)
    for segment in store.segments(article):
        assert stored.text[segment.start : segment.end] == segment.text
    assert [s.kind for s in store.segments(article)] == [
        SegmentKind.HEADING,
        SegmentKind.CLAIM,
        SegmentKind.CLAIM,
        SegmentKind.CLAIM,
        SegmentKind.BOILERPLATE,
    ]


def test_same_text_is_stored_once(store: Store, article: int) -> None:
    again, created = store.add_article(store_split(store, article), title="Other title")
    assert (again, created) == (article, False)
    assert len(store.articles()) == 1


def store_split(store: Store, article_id: int):
    text = store.article(article_id).text
    return make_split(text, [("claim", "The bank raised rates.")])


def test_claims_skip_headings_and_boilerplate(store: Store, article: int) -> None:
    texts = [c.text for c in store.claims(article_id=article)]
    assert texts == ["The bank raised rates.", "Prices fell 2%.", "Nobody saw it coming."]


def test_queue_serves_next_unlabelled_in_article_order(store: Store, article: int) -> None:
    first, second, third = claim_ids(store, article)
    assert store.next_unlabelled("ann").id == first
    store.save_label(first, status="unverified", reviewer="ann")
    assert store.next_unlabelled("ann").id == second
    # A claim bob has reviewed has the one review it needs: ann gets it only after the others.
    store.save_label(second, status="unverified", reviewer="bob")
    assert store.next_unlabelled("ann").id == third
    store.save_label(third, status="unverified", reviewer="ann")
    assert store.next_unlabelled("ann").id == second
    # `after` skips ahead and wraps round to what is left.
    assert store.next_unlabelled("ann", after=store.claim(third)).id == second


def test_queue_resumes_where_the_reviewer_left_off(store: Store, article: int) -> None:
    """Opened without a claim, the queue starts after the reviewer's latest label (found by an index), not at
    the first claim of the database: the walk from the start passed every claim they had labelled."""
    second_article = store.add_article(
        make_split("Two. Three.", [("claim", "Two."), ("claim", "Three.")]), title="Later"
    )[0]
    first, *_ = claim_ids(store, article)
    two, three = claim_ids(store, second_article)
    store.save_label(two, status="unverified", reviewer="ann")
    assert store.next_unlabelled("ann").id == three  # not `first`, which they skipped
    store.save_label(three, status="unverified", reviewer="ann")
    assert store.next_unlabelled("ann").id == first  # nothing after: round to the start
    assert store.next_unlabelled("bob").id == first  # no label yet: from the start


def test_label_saved_and_history_appended(store: Store, article: int) -> None:
    claim = claim_ids(store, article)[0]
    first = store.save_label(claim, status="verified", reviewer="ann", source_url="https://a.example/1")
    second = store.save_label(
        claim, status="disputed", reviewer="ann", source_url="https://b.example/2", note="contradicted by the report"
    )
    assert (first.version, second.version) == (1, 2)
    assert second.created_at == first.created_at
    history = store.history(claim, viewer=OPERATOR)
    assert [(h["old_status"], h["new_status"]) for h in history] == [(None, "verified"), ("verified", "disputed")]
    assert history[1]["old_source_url"] == "https://a.example/1"


def test_relabel_without_source_clears_the_old_link(store: Store, article: int) -> None:
    # sqlite-utils upsert would keep a column left out; ours must not.
    claim = claim_ids(store, article)[0]
    store.save_label(claim, status="verified", reviewer="ann", source_url="https://a.example/1", note="n")
    label = store.save_label(claim, status="unverified", reviewer="ann")
    assert (label.source_url, label.note) == ("", "")


def test_replayed_save_gives_one_label_and_one_event(store: Store, article: int) -> None:
    claim = claim_ids(store, article)[0]
    for _ in range(3):
        store.save_label(claim, status="verified", reviewer="ann", source_url="https://a.example/1")
    assert len(store.labels(claim, viewer=OPERATOR)) == 1
    assert len(store.history(claim, viewer=OPERATOR)) == 1


def test_refused_label_stores_nothing(store: Store, article: int) -> None:
    claim = claim_ids(store, article)[0]
    with pytest.raises(InvalidLabel):
        store.save_label(claim, status="verified", reviewer="ann")  # no source link
    with pytest.raises(NotFound):
        store.save_label(999_999, status="unverified", reviewer="ann")
    heading = store.segments(article)[0].id
    with pytest.raises(InvalidLabel, match="heading"):
        store.save_label(heading, status="unverified", reviewer="ann")
    assert store.labels(claim, viewer=OPERATOR) == [] and store.history(claim, viewer=OPERATOR) == []


def test_label_events_are_append_only(store: Store, article: int) -> None:
    claim = claim_ids(store, article)[0]
    store.save_label(claim, status="unverified", reviewer="ann")
    with pytest.raises(IntegrityError, match="append-only"), store.write() as conn:
        conn.execute("UPDATE label_events SET new_status = 'verified'")
    with pytest.raises(IntegrityError, match="append-only"), store.write() as conn:
        conn.execute("DELETE FROM label_events")


def test_progress_per_article_and_reviewer(store: Store, article: int) -> None:
    first, second, _ = claim_ids(store, article)
    store.save_label(first, status="unverified", reviewer="ann")
    store.save_label(second, status="unverified", reviewer="bob")
    assert store.progress() == (2, 3)
    assert store.progress("ann") == (1, 3)
    assert store.articles("bob")[0].labelled == 1


def test_claims_filtered_by_status(store: Store, article: int) -> None:
    first, second, third = claim_ids(store, article)
    store.save_label(first, status="verified", reviewer="ann", source_url="https://a.example")
    store.save_label(second, status="disputed", reviewer="ann", source_url="https://a.example")
    assert [c.id for c in store.find_claims(ClaimFilter(status="verified"), viewer=OPERATOR)] == [first]
    assert [c.id for c in store.find_claims(ClaimFilter(status="unlabelled"), viewer=OPERATOR)] == [third]


def test_neighbours_and_position(store: Store, article: int) -> None:
    first, second, third = (store.claim(i) for i in claim_ids(store, article))
    assert store.neighbour(second, -1) == first and store.neighbour(second, +1) == third
    assert store.neighbour(first, -1) is None and store.neighbour(third, +1) is None
    assert store.claim_position(second) == (2, 3)


def test_export_rows_one_per_label_plus_unlabelled(store: Store, article: int) -> None:
    first, second, third = claim_ids(store, article)
    store.save_label(first, status="verified", reviewer="ann", source_url="https://a.example")
    store.save_label(first, status="disputed", reviewer="bob", source_url="https://b.example")
    rows = list(store.export_rows(viewer=OPERATOR))
    assert [(r["claim_id"], r["reviewer"], r["status"]) for r in rows] == [
        (first, "ann", "verified"),
        (first, "bob", "disputed"),
        (second, "", ""),
        (third, "", ""),
    ]
    assert [r["reviewer"] for r in store.export_rows(reviewer="bob", viewer=OPERATOR)] == ["bob"]
    assert [r["claim_id"] for r in store.export_rows(status="unlabelled", viewer=OPERATOR)] == [second, third]


@pytest.mark.sqlite_only  # SQLite's pragmas
def test_pragmas_on_every_connection(store: Store) -> None:
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert Status.VERIFIED.needs_source and not Status.UNVERIFIED.needs_source


@pytest.mark.sqlite_only  # SQLite's POSIX locks on its file
def test_opening_a_store_keeps_other_connections_locks(db_path) -> None:
    # Opening the file with Python to read its header, then closing it, dropped this process's SQLite locks:
    # another process closing its connection then took itself for the last user and deleted the WAL.
    import subprocess
    import sys

    holder = Store(db_path)
    holder.set_meta("first", "1")
    wal = db_path.with_name(db_path.name + "-wal")
    Store(db_path).close()  # another page run in this process opens the database
    code = f"from workbench.store import Store; Store({str(db_path)!r}).close()"
    subprocess.run([sys.executable, "-c", code], check=True)
    assert wal.exists()
    holder.set_meta("second", "2")
    assert holder.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    holder.close()
