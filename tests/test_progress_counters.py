"""The progress counters of m006 agree with counting every claim, whatever changed the claims or labels."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import make_split
from workbench.errors import IntegrityError
from workbench.store import Store


def counted(store: Store, reviewer: str | None) -> tuple[int, int]:
    """Progress the slow way: a summary of every article."""
    summaries = store.articles(reviewer)
    return sum(a.labelled for a in summaries), sum(a.claims for a in summaries)


def claim_ids(store: Store, article_id: int) -> list[int]:
    return [c.id for c in store.claims(article_id=article_id)]


def add_second_article(store: Store) -> int:
    text = "Second story\nOne claim here. Another claim there. A third one."
    split = make_split(
        text,
        [
            ("heading", "Second story"),
            ("claim", "One claim here."),
            ("claim", "Another claim there."),
            ("claim", "A third one."),
        ],
    )
    return store.add_article(split, title="Second")[0]


def label(store: Store, claim: int, reviewer: str, status: str = "unverified") -> None:
    source = "" if status == "unverified" else "https://example.org/x"
    store.save_label(claim, status=status, reviewer=reviewer, source_url=source)


def relabel(store: Store, article: int) -> None:
    label(store, claim_ids(store, article)[0], "ann", "verified")  # a change of status counts nothing new


def split_labelled(store: Store, article: int) -> None:
    claim = store.claim(claim_ids(store, article)[0])
    store.split_segment(claim.id, claim.text.index(" ") + 1, reviewer="ann")


def merge_labelled(store: Store, article: int) -> None:
    store.merge_with_next(claim_ids(store, article)[0], reviewer="ann")


def claim_to_heading(store: Store, article: int) -> None:
    store.set_kind(claim_ids(store, article)[1], "heading", reviewer="ann")


def heading_to_claim(store: Store, article: int) -> None:
    heading = next(s for s in store.segments(article) if s.kind.value == "heading")
    store.set_kind(heading.id, "claim", reviewer="ann")


def delete_label_row(store: Store, article: int) -> None:
    with store.write() as conn:
        conn.execute("DELETE FROM labels WHERE segment_id = ? AND reviewer = 'bob'", (claim_ids(store, article)[0],))


def withdraw_label(store: Store, article: int) -> None:
    """Undo of bob's first save: the row stays, withdrawn, and counts no more."""
    claim = claim_ids(store, article)[0]
    store.undo_label(claim, reviewer="bob", expected_version=store.label(claim, "bob", viewer="bob").version)


def withdraw_then_label_again(store: Store, article: int) -> None:
    withdraw_label(store, article)
    label(store, claim_ids(store, article)[0], "bob", "disputed")


def withdraw_then_split(store: Store, article: int) -> None:
    withdraw_label(store, article)
    split_labelled(store, article)


def withdraw_then_retire_and_bring_back(store: Store, article: int) -> None:
    withdraw_label(store, article)
    retire_article(store, article)
    with store.write() as conn:
        conn.execute("UPDATE articles SET retired_at = NULL WHERE id = ?", (article,))


def retire_article(store: Store, article: int) -> None:
    store.retire_article(article, by="(command line)")  # its claims and their labels leave every count


def unretire_article(store: Store, article: int) -> None:
    retire_article(store, article)
    with store.write() as conn:  # no command does it yet; the counters follow it both ways all the same
        conn.execute("UPDATE articles SET retired_at = NULL WHERE id = ?", (article,))


def delete_article(store: Store, article: int) -> None:
    with pytest.raises(IntegrityError), store.write() as conn:  # no cascade erases labels any more
        conn.execute("DELETE FROM articles WHERE id = ?", (article,))


CHANGES: list[tuple[str, Callable[[Store, int], None]]] = [
    ("relabel", relabel),  # an upsert that updates: no new labelled claim
    ("split", split_labelled),  # a labelled claim superseded (its labels stay), two unlabelled ones inserted
    ("merge", merge_labelled),  # two claims (one labelled) superseded by one
    ("claim→heading", claim_to_heading),  # a labelled claim leaves the count with its labels
    ("heading→claim", heading_to_claim),  # and a segment joins it
    ("label deleted", delete_label_row),  # a label removed directly
    ("article retired", retire_article),  # its current claims and their labels leave the counts
    ("article brought back", unretire_article),  # and come back
    ("article delete refused", delete_article),  # a foreign key, no cascade: nothing changes
    ("label withdrawn", withdraw_label),  # undo of a first save: the row stays, withdrawn (m021)
    ("withdrawn, labelled again", withdraw_then_label_again),  # the same row counts again
    ("withdrawn, then split", withdraw_then_split),  # a withdrawn label leaves nothing to take away
    ("withdrawn, retired, brought back", withdraw_then_retire_and_bring_back),  # nor to put back
]


@pytest.mark.parametrize("name, change", CHANGES, ids=[name for name, _ in CHANGES])
def test_counters_follow_every_change(
    store: Store, article: int, name: str, change: Callable[[Store, int], None]
) -> None:
    add_second_article(store)
    first, second, third = claim_ids(store, article)
    for claim in (first, second):
        label(store, claim, "ann")
    for claim in (first, third):
        label(store, claim, "bob")
    assert store.progress("ann") == counted(store, "ann") == (2, 6)
    change(store, article)
    for reviewer in ("ann", "bob", "nobody", None):
        assert store.progress(reviewer) == counted(store, reviewer), (name, reviewer)


@pytest.mark.sqlite_only  # an SQLite file from before m006
def test_migration_counts_what_is_already_there(db_path: Path) -> None:
    with Store(db_path) as store:
        text = "A title\nFirst claim. Second claim."
        article, _ = store.add_article(
            make_split(text, [("heading", "A title"), ("claim", "First claim."), ("claim", "Second claim.")]), title="t"
        )
        label(store, claim_ids(store, article)[0], "ann")
    with sqlite3.connect(db_path) as conn:  # as if the database predated m006
        conn.executescript(
            "DROP TABLE claim_totals; DROP TABLE reviewer_progress; DROP INDEX articles_titles;"
            "DELETE FROM migrations WHERE name = 'm006_progress_counters';"
        )
        for (trigger,) in conn.execute("SELECT name FROM sqlite_master WHERE name LIKE 'progress_%'").fetchall():
            conn.execute(f"DROP TRIGGER {trigger}")
    with Store(db_path) as store:
        assert store.progress("ann") == (1, 2)
        assert store.progress() == (1, 2)


def test_article_progress_counts_one_article(store: Store, article: int) -> None:
    other = add_second_article(store)
    label(store, claim_ids(store, article)[0], "ann")
    label(store, claim_ids(store, other)[1], "bob")
    assert store.article_progress(article, "ann") == (1, 3)
    assert store.article_progress(other, "ann") == (0, 3)
