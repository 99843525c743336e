"""Undo of a reviewer's last save: a recorded change back to what was there, never an erased record."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.test_blind_review import READS, build, leaked
from workbench.errors import InvalidInput, LabelConflict
from workbench.store import Store
from workbench.store.accounts import OPERATOR
from workbench.store.search import ClaimFilter

URL = "https://example.org/evidence"


def claim_of(store: Store, article: int) -> int:
    return next(store.claims(article_id=article)).id


def test_undoing_a_first_save_withdraws_the_label_and_records_it(store: Store, article: int) -> None:
    claim = claim_of(store, article)
    saved = store.save_label(claim, status="verified", reviewer="ann", source_url=URL)
    assert store.progress("ann")[0] == 1
    assert store.undo_label(claim, reviewer="ann", expected_version=saved.version) is None
    assert store.label(claim, "ann", viewer=OPERATOR) is None
    assert store.progress("ann")[0] == 0 and store.progress()[0] == 0
    events = store.history(claim, viewer=OPERATOR)
    assert [(e["old_status"], e["new_status"]) for e in events] == [(None, "verified"), ("verified", None)]
    shown = [row["detail"] for row in store.claim_history(claim, viewer="ann") if row["what"] == "label"]
    assert shown == ["— → verified", "verified → —"]  # a withdrawal reads as "no label", never "None"


def test_undo_puts_back_the_label_replaced_and_undo_again_redoes(store: Store, article: int) -> None:
    claim = claim_of(store, article)
    store.save_label(claim, status="unverified", reviewer="ann", note="first look")
    second = store.save_label(claim, status="disputed", reviewer="ann", source_url=URL, note="second look")
    back = store.undo_label(claim, reviewer="ann", expected_version=second.version)
    assert (back.status.value, back.source_url, back.note) == ("unverified", "", "first look")
    assert back.version == second.version + 1
    again = store.undo_label(claim, reviewer="ann", expected_version=back.version)
    assert (again.status.value, again.source_url, again.note) == ("disputed", URL, "second look")
    assert len(store.history(claim, viewer=OPERATOR)) == 4


def test_undo_refuses_when_another_tab_changed_the_label(store: Store, article: int) -> None:
    claim = claim_of(store, article)
    first = store.save_label(claim, status="unverified", reviewer="ann")
    store.save_label(claim, status="verified", reviewer="ann", source_url=URL)  # another tab
    with pytest.raises(LabelConflict):
        store.undo_label(claim, reviewer="ann", expected_version=first.version)
    assert store.label(claim, "ann", viewer=OPERATOR).status.value == "verified"
    assert len(store.history(claim, viewer=OPERATOR)) == 2


def test_nothing_to_undo_is_one_clear_refusal(store: Store, article: int) -> None:
    claim = claim_of(store, article)
    with pytest.raises(InvalidInput, match="nothing to undo"):
        store.undo_label(claim, reviewer="ann", expected_version=0)


def test_a_label_made_again_after_a_withdrawal_never_repeats_a_version(store: Store, article: int) -> None:
    """A tab still showing version 1 from before the undo must not overwrite the new label silently."""
    claim = claim_of(store, article)
    first = store.save_label(claim, status="unverified", reviewer="ann")
    store.undo_label(claim, reviewer="ann", expected_version=first.version)
    again = store.save_label(claim, status="disputed", reviewer="ann", source_url=URL)
    assert again.version != first.version
    with pytest.raises(LabelConflict):
        store.save_label(claim, status="unverified", reviewer="ann", expected_version=first.version)


_EXAMPLES = itertools.count()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(["verified", "unverified", "disputed", "undo"]), min_size=1, max_size=12))
def test_the_label_is_always_what_the_last_event_says(store: Store, article: int, steps: list[str]) -> None:
    """Any mix of saves and undos: the label row equals the newest event's new value, and each change is one
    event (nothing is ever removed from the log)."""
    claim = claim_of(store, article)
    # A fresh reviewer for each example: the store is shared across examples, and a withdrawn label's reviewer
    # is no longer among store.reviewers(), so a count of them could name an earlier example's reviewer again.
    reviewer = f"r{next(_EXAMPLES)}-{len(steps)}-{'-'.join(steps)}"[:60]
    changes = 0
    for step in steps:
        current = store.label(claim, reviewer, viewer=OPERATOR)
        if step == "undo":
            try:
                store.undo_label(claim, reviewer=reviewer, expected_version=current.version if current else 0)
            except InvalidInput:
                assert current is None and changes == 0
                continue
            changes += 1
        else:
            before = (current.status.value, current.source_url) if current else None
            store.save_label(claim, status=step, reviewer=reviewer, source_url=URL)
            changes += before != (step, URL)
        events = [e for e in store.history(claim, viewer=OPERATOR) if e["reviewer"] == reviewer]
        assert len(events) == changes
        label = store.label(claim, reviewer, viewer=OPERATOR)
        newest = events[-1] if events else None
        assert (label.status.value if label else None) == (newest["new_status"] if newest else None)


WITHDRAWN = "withdrawn-marker-5e1d"  # the note of the label undone: kept in the database, shown by no read
CY = "cy@news.example"


def test_a_withdrawn_label_is_kept_and_no_read_shows_it(tmp_path: Path) -> None:
    """Undo of a first save keeps the row (withdrawn) and its history; no read shows it, and it does not let
    a blind reviewer see the claim's other labels. Labelling the claim again uses the same row."""
    path = tmp_path / "workbench.db"
    claim = build(path, accounts=True, blind=True)  # OTHER's and ann's labels and a verdict on `claim`
    with Store(path) as store:
        saved = store.save_label(claim, status="verified", reviewer=CY, source_url=URL, note=WITHDRAWN)
        assert store.undo_label(claim, reviewer=CY, expected_version=saved.version) is None
        row_id, status, note, withdrawn_at = store.conn.execute(
            "SELECT id, status, note, withdrawn_at FROM labels WHERE segment_id = ? AND reviewer = ?", (claim, CY)
        ).fetchone()
        assert (status, note) == ("verified", WITHDRAWN) and withdrawn_at is not None
        saves = [
            (e["old_status"], e["new_status"]) for e in store.history(claim, viewer=OPERATOR) if e["reviewer"] == CY
        ]
        assert saves == [(None, "verified"), ("verified", None)]

        for name, read in READS.items():
            for viewer in (CY, OPERATOR, "ed@news.example"):
                shown = repr(read(store, viewer, claim))
                if name in ("history", "claim_history", "segment_records"):
                    continue  # the label's history says what it was and that it was withdrawn
                assert WITHDRAWN not in shown, (name, viewer)
            assert leaked(repr(read(store, CY, claim))) == [], name  # cy still sees nothing of the claim
        assert not store.sees_claim(claim, store.sight(CY))
        assert claim not in store.find_claim_ids(ClaimFilter(reviewer=CY), viewer=OPERATOR)
        assert claim in store.find_claim_ids(ClaimFilter(status="unlabelled"), viewer=CY)
        assert claim not in store.own_statuses(store.claim(claim).article_id, viewer=CY)
        assert store.conn.execute("SELECT COUNT(*) FROM claim_labels WHERE reviewer = ?", (CY,)).fetchone()[0] == 1
        assert store.progress(CY) == (1, store.progress()[1])  # cy's label on the second claim only

        again = store.save_label(claim, status="disputed", reviewer=CY, expected_version=0, source_url=URL)
        assert again.version > saved.version and again.status.value == "disputed"
        assert store.conn.execute(
            "SELECT id, withdrawn_at FROM labels WHERE segment_id = ? AND reviewer = ?", (claim, CY)
        ).fetchone() == (row_id, None)
        assert len([e for e in store.history(claim, viewer=OPERATOR) if e["reviewer"] == CY]) == 3
        assert store.sees_claim(claim, store.sight(CY)) and leaked(repr(store.labels(claim, viewer=CY)))
