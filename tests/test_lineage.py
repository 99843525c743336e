"""Claim identity and lineage: ids never reused, corrections that delete nothing and respect other people's work,
History that follows lineage only, and exports that keep superseded claims with their labels and verdicts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import make_split
from workbench.errors import CorrectionRefused, InvalidInput, NotAuthorized, NotFound
from workbench.exporting import export_text
from workbench.importing import import_data
from workbench.models import ReviewSettings, Role, SegmentKind
from workbench.store import Store
from workbench.store.accounts import OPERATOR

ADMIN, EDITOR, ANN, BOB = "admin@news.example", "ed@news.example", "ann@news.example", "bob@news.example"


@pytest.fixture
def team(store: Store, article: int) -> Store:
    """The fixture article, an admin, an editor and two reviewers; blind review on (the default)."""
    store.add_account(ADMIN, Role.ADMIN, by=OPERATOR)
    store.add_account(EDITOR, Role.EDITOR, by=ADMIN)
    for name in (ANN, BOB):
        store.add_account(name, Role.REVIEWER, by=ADMIN)
    return store


def claim_ids(store: Store) -> list[int]:
    return [c.id for c in store.claims()]


def jsonl(store: Store) -> dict[int, dict]:
    return {
        record["claim"]["id"]: record
        for record in map(json.loads, export_text(store, "jsonl", viewer=OPERATOR).splitlines())
    }


# -- finding 1: ids reused, history attached to the wrong claim ------------------------------------------------


def test_merge_then_split_hands_out_no_old_id_and_history_stays_with_its_claim(store: Store, article: int) -> None:
    bank, _, nobody = claim_ids(store)
    seen = {s.id for s in store.segments(article)}
    part_a, part_b = store.split_segment(bank, len("The bank "), reviewer="ann")
    store.save_label(part_b.id, status="unverified", reviewer="ann", note="about part b")
    merged = store.merge_with_next(part_a.id, reviewer="bob")
    # Before m008 the merge deleted both parts and the split below took part b's id again, so the new
    # part showed ann's label save and the split of "The bank raised rates." in its History and its JSONL.
    first, second = store.split_segment(nobody, len("Nobody "), reviewer="bob")
    handed_out = [part_a.id, part_b.id, merged.id, first.id, second.id]
    assert len(set(handed_out)) == len(handed_out) and not seen & set(handed_out)
    for part in (first, second):
        history = store.claim_history(part.id, viewer=OPERATOR)
        assert {row["claim"] for row in history} <= {part.id, nobody}
        assert [(row["what"], row["who"]) for row in history] == [("split correction: split", "bob")]
        assert store.history(part.id, viewer=OPERATOR) == []
        record = jsonl(store)[part.id]
        assert record["labels"] == [] and record["history"] == []
        assert store.current_successor(nobody).id == first.id
    # ann's label stays on part b, superseded, and part b's History still holds it.
    assert [label.note for label in store.labels(part_b.id, viewer=OPERATOR)] == ["about part b"]
    assert jsonl(store)[part_b.id]["claim"]["successors"] == [merged.id]


def test_history_follows_lineage_transitively_and_nothing_else(store: Store, article: int) -> None:
    bank, prices, nobody = claim_ids(store)
    store.save_label(bank, status="unverified", reviewer="ann")
    store.save_label(prices, status="unverified", reviewer="bob")
    store.save_label(nobody, status="unverified", reviewer="cy")
    merged = store.merge_with_next(bank, reviewer="ed")  # bank + prices
    head, tail = store.split_segment(merged.id, len("The bank raised rates. Prices "), reviewer="ed")
    assert set(store.ancestors(tail.id)) == {bank, prices, merged.id}
    history = store.claim_history(tail.id, viewer=OPERATOR)
    assert {row["who"] for row in history if row["what"] == "label"} == {"ann", "bob"}  # never cy's
    assert [row["what"] for row in history if row["what"] != "label"] == [
        "split correction: merge",
        "split correction: split",
    ]
    assert {row["claim"] for row in history} <= {tail.id, merged.id, bank, prices}


def test_history_of_a_new_part_keeps_blind_review(team: Store) -> None:
    bank = claim_ids(team)[0]
    team.save_label(bank, status="disputed", reviewer=BOB, source_url="https://b.example/")
    team.adjudicate(bank, status="disputed", note="settled", by=EDITOR)
    first, _ = team.split_segment(bank, len("The bank "), reviewer=EDITOR)
    # ann has labelled neither the part nor what it came from: bob's save and the verdict stay hidden.
    assert {row["who"] for row in team.claim_history(first.id, viewer=ANN)} == {EDITOR}
    assert all(row["what"] == "split correction: split" for row in team.claim_history(first.id, viewer=ANN))
    seen_by_editor = team.claim_history(first.id, viewer=EDITOR)
    assert {(row["what"], row["who"], row["claim"]) for row in seen_by_editor} >= {
        ("label", BOB, bank),
        ("verdict", EDITOR, bank),
    }
    team.save_label(first.id, status="unverified", reviewer=ANN)
    assert ("label", BOB) in {(row["what"], row["who"]) for row in team.claim_history(first.id, viewer=ANN)}


# -- finding 2: a reviewer's correction wiping other people's work ----------------------------------------------


def test_a_reviewer_cannot_split_merge_or_rekind_what_others_labelled(team: Store, article: int) -> None:
    bank, prices, nobody = claim_ids(team)
    team.save_label(prices, status="disputed", reviewer=BOB, source_url="https://b.example/")
    team.adjudicate(nobody, status="unverified", note="no source", by=EDITOR)
    before = (
        team.segments(article),
        team.labels(prices, viewer=OPERATOR),
        team.verdict(nobody, viewer=OPERATOR),
        team.corrections(article),
    )
    refusals = [
        lambda: team.split_segment(prices, len("Prices "), reviewer=ANN),  # bob's label
        lambda: team.merge_with_next(bank, reviewer=ANN),  # bank is free, the next one holds bob's label
        lambda: team.set_kind(prices, "heading", reviewer=ANN),
        lambda: team.split_segment(nobody, len("Nobody "), reviewer=BOB),  # the editor's verdict
        lambda: team.set_kind(nobody, SegmentKind.BOILERPLATE, reviewer=BOB),
    ]
    for refused in refusals:
        with pytest.raises(CorrectionRefused, match="only an editor or admin") as caught:
            refused()
        assert caught.value.key == "err.correction_others_work" and "\n" not in str(caught.value)
        assert isinstance(caught.value, NotAuthorized)
    assert (
        team.segments(article),
        team.labels(prices, viewer=OPERATOR),
        team.verdict(nobody, viewer=OPERATOR),
        team.corrections(article),
    ) == before


def test_a_reviewer_may_correct_a_claim_only_they_labelled(team: Store) -> None:
    bank = claim_ids(team)[0]
    team.save_label(bank, status="unverified", reviewer=ANN)
    first, second = team.split_segment(bank, len("The bank "), reviewer=ANN)
    assert [label.reviewer for label in team.labels(bank, viewer=OPERATOR)] == [ANN]  # kept on the superseded claim
    assert team.next_unlabelled(ANN).id == first.id  # the new parts are queued for review


def test_an_editor_split_keeps_every_label_and_verdict_and_queues_the_parts(team: Store, article: int) -> None:
    bank, prices, _ = claim_ids(team)
    team.save_label(prices, status="disputed", reviewer=BOB, source_url="https://b.example/p", note="bob's")
    team.save_label(prices, status="verified", reviewer=ANN, source_url="https://a.example/p")
    team.adjudicate(prices, status="disputed", note="settled", by=EDITOR)
    first, second = team.split_segment(prices, len("Prices "), reviewer=EDITOR)
    old = team.claim(prices)
    assert old.superseded_at is not None and team.successors(prices) == [first.id, second.id]
    assert {label.reviewer for label in team.labels(prices, viewer=OPERATOR)} == {ANN, BOB}
    assert team.verdict(prices, viewer=OPERATOR).note == "settled"
    for reviewer in (ANN, BOB):
        # Labelled by nobody yet: back in every queue, right after the claim before them.
        assert team.next_unlabelled(reviewer, after=team.claim(bank)).id == first.id
    assert prices not in claim_ids(team) and team.progress(BOB) == (0, 4)
    # Adjudication shows the superseded labels beside the new part; the part itself is no disagreement.
    assert {(s.id, label.reviewer) for s, label in team.earlier_labels(first.id, viewer=EDITOR)} == {
        (prices, ANN),
        (prices, BOB),
    }
    assert team.earlier_labels(first.id, viewer=ANN) == []  # blind review: ann has not labelled the part
    with pytest.raises(InvalidInput, match="replaced by a correction"):
        team.save_label(prices, status="unverified", reviewer=ANN)
    with pytest.raises(InvalidInput, match="replaced by a correction"):
        team.split_segment(prices, 3, reviewer=EDITOR)


def test_exports_keep_superseded_labels_and_verdicts_marked(team: Store, article: int, tmp_path: Path) -> None:
    _, prices, _ = claim_ids(team)
    team.save_label(prices, status="disputed", reviewer=BOB, source_url="https://b.example/p")
    team.adjudicate(prices, status="disputed", note="settled", by=EDITOR)
    first, second = team.split_segment(prices, len("Prices "), reviewer=EDITOR)
    superseded_at = team.claim(prices).superseded_at
    long_rows = list(team.export_rows(viewer=OPERATOR))
    assert [(r["claim_id"], r["reviewer"], r["final_status"], r["superseded"]) for r in long_rows if r["reviewer"]] == [
        (prices, BOB, "disputed", superseded_at)
    ]
    assert {r["claim_id"]: r["superseded"] for r in long_rows}[first.id] == ""
    long_csv = export_text(team, "csv", viewer=OPERATOR)
    assert (
        long_csv.splitlines()[0].endswith('"superseded","cluster_id","revision","changed_since_label"')
        and superseded_at in long_csv
    )
    wide = export_text(team, "csv-wide", viewer=OPERATOR)
    assert (
        wide.splitlines()[0].endswith('"superseded","cluster_id","revision","changed_since_label"')
        and f'"{superseded_at}"' in wide
    )
    # ClaimReview keeps the verdict that was published about the old text, marked by `expires`.
    reviews = {r["identifier"]: r for r in json.loads(export_text(team, "claimreview", viewer=OPERATOR))}
    assert reviews[f"workbench-claim-{prices}"]["expires"] == superseded_at
    assert reviews[f"workbench-claim-{prices}"]["reviewRating"]["alternateName"] == "disputed"
    # JSONL: the claim says when it was superseded and by what, and a restore gives the lineage back.
    records = jsonl(team)
    assert records[prices]["claim"]["superseded_at"] == superseded_at
    assert records[prices]["claim"]["successors"] == [first.id, second.id]
    assert records[prices]["verdict"]["note"] == "settled"
    assert records[first.id]["claim"]["superseded_at"] is None and records[first.id]["claim"]["successors"] == []
    original = export_text(team, "jsonl", viewer=OPERATOR)
    with Store(tmp_path / "fresh.db") as fresh:
        list(import_data(fresh, original.encode(), "export.jsonl"))
        assert export_text(fresh, "jsonl", viewer=OPERATOR) == original
        assert fresh.successors(prices) == [first.id, second.id] and fresh.claim(prices).superseded_at == superseded_at
        assert fresh.progress() == team.progress() and fresh.current_successor(prices).id == first.id


def test_deep_link_to_a_superseded_claim_opens_its_current_successor(store: Store, article: int) -> None:
    bank, prices, _ = claim_ids(store)
    merged = store.merge_with_next(bank, reviewer="ann")
    head, tail = store.split_segment(merged.id, len("The bank "), reviewer="ann")
    for old in (bank, prices, merged.id):
        assert store.current_successor(old).id == head.id  # the first successor in text order, followed
    assert store.current_successor(tail.id).id == tail.id
    store.retire_article(article, by=OPERATOR)
    with pytest.raises(NotFound):
        store.current_successor(bank)


# -- a property over every sequence of labels, verdicts and corrections by every role ----------------------------

ACTORS = (ANN, BOB, EDITOR, ADMIN)
STEP = st.tuples(
    st.sampled_from(("label", "verdict", "split", "merge", "kind")), st.sampled_from(ACTORS), st.integers(0, 40)
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(STEP, min_size=1, max_size=10))
def test_no_correction_loses_work_and_reviewers_touch_only_their_own(
    tmp_path_factory: pytest.TempPathFactory, steps: list[tuple[str, str, int]]
) -> None:
    path = tmp_path_factory.mktemp("prop") / "workbench.db"
    text = "Title here\nOne two three. Four five six seven. Eight nine ten. Last words here."
    parts = [("heading", "Title here"), ("claim", "One two three."), ("claim", "Four five six seven.")]
    parts += [("claim", "Eight nine ten."), ("claim", "Last words here.")]
    with Store(path) as store:
        article, _ = store.add_article(make_split(text, parts), title="t")
        store.add_account(ADMIN, Role.ADMIN, by=OPERATOR)
        store.add_account(EDITOR, Role.EDITOR, by=ADMIN)
        for name in (ANN, BOB):
            store.add_account(name, Role.REVIEWER, by=ADMIN)
        store.set_review_settings(ReviewSettings(blind=True, reviews_per_claim=2), by=ADMIN)
        ids_ever = {s.id for s in store.segments(article)}
        for action, actor, pick in steps:
            labels_before = set(store.conn.execute("SELECT id, segment_id, reviewer FROM labels").fetchall())
            verdicts_before = set(store.conn.execute("SELECT id, segment_id FROM verdicts").fetchall())
            ids_before = {s for (s,) in store.conn.execute("SELECT id FROM segments")}
            current = store.segments(article)
            target = current[pick % len(current)]
            following = current[target.index + 1] if target.index + 1 < len(current) else None
            touched = [target] + ([following] if action == "merge" and following else [])
            others_work = any(
                any(label.reviewer != actor for label in store.labels(s.id, viewer=OPERATOR))
                or store.verdict(s.id, viewer=OPERATOR)
                for s in touched
            )
            try:
                if action == "label":
                    store.save_label(target.id, status="unverified", reviewer=actor)
                elif action == "verdict":
                    store.adjudicate(target.id, status="unverified", note="n", by=actor)
                elif action == "split":
                    cut = target.text.find(" ") + 1
                    store.split_segment(target.id, cut if cut > 0 else 1, reviewer=actor)
                elif action == "merge":
                    store.merge_with_next(target.id, reviewer=actor)
                else:
                    new_kind = "heading" if target.kind is SegmentKind.CLAIM else "claim"
                    store.set_kind(target.id, new_kind, reviewer=actor)
                refused = None
            except (InvalidInput, NotAuthorized) as exc:
                refused = exc
            if actor in (EDITOR, ADMIN):
                assert not isinstance(refused, CorrectionRefused)
            elif action in ("split", "merge", "kind"):
                # A reviewer's correction that would touch someone else's work is refused (for that reason,
                # unless it was impossible anyway: the last segment, no place to cut); no other is refused so.
                assert refused is not None if others_work else not isinstance(refused, CorrectionRefused), (
                    action,
                    actor,
                    refused,
                )
            # Nothing anyone said disappears or moves to another claim.
            labels_after = set(store.conn.execute("SELECT id, segment_id, reviewer FROM labels").fetchall())
            verdicts_after = set(store.conn.execute("SELECT id, segment_id FROM verdicts").fetchall())
            assert labels_before <= labels_after and verdicts_before <= verdicts_after
            # Ids are never handed out twice; the current split stays exact; the counters agree with a count.
            now_ids = {s for (s,) in store.conn.execute("SELECT id FROM segments")}
            assert ids_before <= now_ids and not (now_ids - ids_before) & ids_ever
            ids_ever |= now_ids
            segments = store.segments(article)
            assert [s.index for s in segments] == list(range(len(segments)))
            assert all(text[s.start : s.end] == s.text for s in segments)
            summary = store.articles()[0]
            assert store.progress() == (summary.labelled, summary.claims)


def test_a_retired_article_is_not_imported_again_in_silence(store: Store, article: int) -> None:
    text = store.article(article).text
    store.retire_article(article, by=OPERATOR)
    [outcome] = list(import_data(store, text.encode(), "again.txt"))
    assert "retired" in outcome.reason and store.articles() == []


# -- the correction log survives a restore -----------------------------------------------------------------------


def test_restore_keeps_who_corrected_the_split_and_links_lineage_to_it(
    team: Store, article: int, db_path: Path, tmp_path: Path
) -> None:
    """A JSONL backup carries the corrections (segment_events) on the article's first line; a restore writes
    them back with their ids, and the lineage they made points at them again instead of at nothing."""
    bank, prices, _ = claim_ids(team)
    head, tail = team.split_segment(prices, len("Prices "), reviewer=ANN)
    team.merge_with_next(head.id, reviewer=BOB)
    team.set_kind(bank, SegmentKind.HEADING, reviewer=EDITOR)
    said = team.corrections(article)
    assert [c["action"] for c in said] == ["split", "merge", "kind"]
    original = export_text(team, "jsonl", viewer=OPERATOR)
    with Store(tmp_path / "fresh.db") as fresh:
        list(import_data(fresh, original.encode(), "export.jsonl"))
        assert fresh.corrections(article) == said
        lineage = fresh.conn.execute(
            "SELECT predecessor_id, successor_id, event_id FROM segment_lineage ORDER BY predecessor_id, successor_id"
        ).fetchall()
        kept = team.conn.execute(
            "SELECT predecessor_id, successor_id, event_id FROM segment_lineage ORDER BY predecessor_id, successor_id"
        ).fetchall()
        assert [tuple(r) for r in lineage] == [tuple(r) for r in kept] and all(r[2] is not None for r in lineage)
        assert export_text(fresh, "jsonl", viewer=OPERATOR) == original
        (restore,) = [e for e in fresh.events(viewer=OPERATOR) if e["action"] == "restore"]
        assert restore["details"]["corrections"] == 3


def test_a_correction_naming_another_text_is_refused_whole(team: Store, article: int, tmp_path: Path) -> None:
    _, prices, _ = claim_ids(team)
    team.split_segment(prices, len("Prices "), reviewer=ANN)
    first, *rest = export_text(team, "jsonl", viewer=OPERATOR).splitlines()
    record = json.loads(first)
    record["article"]["corrections"][0]["before"][0]["text"] = "Prices rose."  # pinned on another claim
    with Store(tmp_path / "fresh.db") as fresh:
        (refused,) = list(import_data(fresh, "\n".join([json.dumps(record), *rest]).encode(), "export.jsonl"))
        assert f"correction 1: segment {prices} has another text" in refused.reason
        assert fresh.conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 0


def test_under_blind_review_an_export_holds_only_ones_own_corrections(team: Store, article: int) -> None:
    bank, prices, _ = claim_ids(team)
    team.split_segment(prices, len("Prices "), reviewer=ANN)
    team.set_kind(bank, SegmentKind.HEADING, reviewer=BOB)

    def corrections(viewer: str) -> list[str]:
        first = json.loads(export_text(team, "jsonl", viewer=viewer).splitlines()[0])
        return [c["reviewer"] for c in first["article"]["corrections"]]

    assert corrections(ANN) == [ANN] and corrections(BOB) == [BOB]
    assert corrections(EDITOR) == [ANN, BOB]
