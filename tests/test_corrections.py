"""Reviewer corrections of the split keep offsets exact, start new segments unlabelled, and are recorded."""

from __future__ import annotations

import random

import pytest

from workbench.errors import InvalidInput
from workbench.models import SegmentKind
from workbench.store import Store


def check_invariants(store: Store, article_id: int) -> None:
    """text == article[start:end]; indexes 0..n-1; in order; no overlap."""
    text = store.article(article_id).text
    segments = store.segments(article_id)
    assert [s.index for s in segments] == list(range(len(segments)))
    for segment in segments:
        assert text[segment.start : segment.end] == segment.text and segment.text == segment.text.strip()
    for before, after in zip(segments, segments[1:]):
        assert before.end <= after.start


def test_split_makes_two_new_unlabelled_claims(store: Store, article: int) -> None:
    claim = store.segments(article)[2]  # "Prices fell 2%."
    store.save_label(claim.id, status="unverified", reviewer="ann")
    first, second = store.split_segment(claim.id, len("Prices fell"), reviewer="bob")
    assert (first.text, second.text) == ("Prices fell", "2%.")
    assert store.labels(first.id) == [] and store.labels(second.id) == []
    # The replaced claim stays, superseded, with its label (it was deleted before lineage, m008).
    old = store.claim(claim.id)
    assert old.superseded_at is not None and [label.reviewer for label in store.labels(claim.id)] == ["ann"]
    assert store.successors(claim.id) == [first.id, second.id]
    assert [h["new_status"] for h in store.history(claim.id)] == ["unverified"]
    check_invariants(store, article)


def test_merge_with_next(store: Store, article: int) -> None:
    first, second = store.segments(article)[1:3]
    merged = store.merge_with_next(first.id, reviewer="ann")
    assert merged.text == "The bank raised rates. Prices fell 2%."
    assert merged.kind is SegmentKind.CLAIM and merged.index == first.index
    assert len(store.segments(article)) == 4
    check_invariants(store, article)


def test_kind_changes_and_boilerplate_restores(store: Store, article: int) -> None:
    boilerplate = store.segments(article)[-1]
    assert boilerplate.kind is SegmentKind.BOILERPLATE
    restored = store.set_kind(boilerplate.id, "claim", reviewer="ann")
    assert restored.kind is SegmentKind.CLAIM and restored.id == boilerplate.id
    assert boilerplate.id in [c.id for c in store.claims(article_id=article)]
    store.set_kind(boilerplate.id, SegmentKind.BOILERPLATE, reviewer="ann")
    assert boilerplate.id not in [c.id for c in store.claims(article_id=article)]


def test_every_correction_is_recorded_with_who_and_when(store: Store, article: int) -> None:
    claim = store.segments(article)[1]
    store.split_segment(claim.id, 8, reviewer="ann")
    store.set_kind(store.segments(article)[0].id, "claim", reviewer="bob")
    events = store.corrections(article)
    assert [(e["action"], e["reviewer"]) for e in events] == [("split", "ann"), ("kind", "bob")]
    assert events[0]["before"][0]["text"] == "The bank raised rates."
    assert [a["text"] for a in events[0]["after"]] == ["The bank", "raised rates."]
    assert all(e["at"].endswith("Z") for e in events)


@pytest.mark.parametrize("at", [0, 22, -1, 100])
def test_split_needs_text_on_both_sides(store: Store, article: int, at: int) -> None:
    claim = store.segments(article)[1]  # 22 characters long
    with pytest.raises(InvalidInput, match="both parts"):
        store.split_segment(claim.id, at, reviewer="ann")
    check_invariants(store, article)


def test_last_segment_cannot_merge(store: Store, article: int) -> None:
    with pytest.raises(InvalidInput, match="last of its article"):
        store.merge_with_next(store.segments(article)[-1].id, reviewer="ann")


def test_random_corrections_keep_offsets_exact(store: Store, article: int) -> None:
    # A seeded walk of splits and merges: whatever order reviewers fix things in, offsets stay exact.
    rng = random.Random(7)
    for _ in range(40):
        segments = store.segments(article)
        target = rng.choice(segments)
        if rng.random() < 0.5 and len(target.text) > 2:
            cut = next(
                (
                    i
                    for i in range(rng.randrange(1, len(target.text)), len(target.text))
                    if target.text[:i].strip() and target.text[i:].strip()
                ),
                None,
            )
            if cut:
                store.split_segment(target.id, cut, reviewer="ann")
        elif target.index < len(segments) - 1:
            store.merge_with_next(target.id, reviewer="ann")
        check_invariants(store, article)
    assert len(store.corrections(article)) > 20
