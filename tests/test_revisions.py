"""Articles that change (issue 17): a re-import under the same URL with different text is a new revision;
unchanged claims carry their labels, changed ones are new claims linked to their predecessor and queued
again, removed ones stay with their labels. Real SQLite files throughout."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import make_split
from workbench.cli import main
from workbench.errors import InvalidInput, NotAuthorized
from workbench.exporting import export_text
from workbench.formats.batch import Refused
from workbench.importing import ImportResult, import_data
from workbench.metadata import ArticleMeta, canonical_url
from workbench.models import ReviewSettings, Role
from workbench.revision_match import match
from workbench.store import Store
from workbench.store.accounts import OPERATOR

URL = "https://news.example/2026/rates"
ADMIN, ANN, BOB = "admin@news.example", "ann@news.example", "bob@news.example"
FIRST = ["The bank raised rates.", "Prices fell 2% in May.", "Nobody saw it coming.", "Markets were calm."]


def split_of(sentences: list[str]):
    text = " ".join(sentences)
    return make_split(text, [("claim", s) for s in sentences])


def add(store: Store, sentences: list[str], url: str = URL, by: str = OPERATOR):
    """Import the way every face does: through import_articles, which revises by URL."""
    (imported,) = store.import_articles([(split_of(sentences), "Rates", "rates.txt", ArticleMeta(url=url))], by=by)
    return imported


# -- matching, without a database ------------------------------------------------------------------------

MATCH_CASES = [
    # (old, new, fates in the new text's order): why each case is here
    (["A b c.", "D e f."], ["A b c.", "D e f."], ["unchanged", "unchanged"]),  # nothing changed
    (["Rates rose 3% in May."], ["Rates rose 4% in May."], ["changed"]),  # a figure edited: changed
    (["Rates rose 3% in May."], ["The weather was fine all week."], ["removed", "new"]),  # unrelated: not changed
    (["A b c.", "D e f."], ["D e f."], ["removed", "unchanged"]),  # a sentence deleted
    (["A b c."], ["New one here.", "A b c."], ["new", "unchanged"]),  # a sentence added before
    (["Same.", "X y z.", "Same."], ["Same.", "Same."], ["unchanged", "removed", "unchanged"]),  # twins in place
    (["Rates rose 3% in May."], ["rates  rose 3% in may."], ["changed"]),  # case or spacing: still not the same
    (["A b c.", "D e f.", "G h i."], ["A b c.", "G h i.", "D e f."], ["unchanged", "unchanged", "unchanged"]),  # moved
    # Moved to where a similar sentence stood, which was deleted: the exact text keeps its claim, and the
    # deleted one is not read as edited into it (it was, before the moves were taken out first).
    (
        ["Rates rose in May.", "Prices held steady.", "Rates rose in May and June."],
        ["Rates rose in May and June.", "Wages were flat all year.", "Prices held steady."],
        ["removed", "unchanged", "new", "unchanged"],
    ),
]


@pytest.mark.parametrize(("old", "new", "fates"), MATCH_CASES)
def test_match_cases(old: list[str], new: list[str], fates: list[str]) -> None:
    pairs = match(old, new)
    assert [p.fate.value for p in pairs] == fates
    assert sorted(p.old for p in pairs if p.old is not None) == list(range(len(old)))
    assert [p.new for p in pairs if p.new is not None] == list(range(len(new)))


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("https://News.Example/a/?utm_source=x&id=3#top", "http://news.example:80/a?id=3", True),  # tracking, case
        ("https://news.example/a?id=3", "https://news.example/a?id=4", False),  # a real parameter differs
        ("https://news.example/a", "https://other.example/a", False),
    ],
)
def test_canonical_url(a: str, b: str, same: bool) -> None:
    assert (canonical_url(a) == canonical_url(b)) is same
    assert canonical_url("not a url") == ""


# -- the store ------------------------------------------------------------------------------------------------


def test_revision_carries_unchanged_links_changed_keeps_removed(store: Store) -> None:
    first = add(store, FIRST)
    bank, prices, nobody, calm = [c.id for c in store.claims(first.article_id)]
    store.save_label(prices, status="disputed", reviewer="ann", source_url="https://x.example/1", note="was 3%")
    store.save_label(bank, status="verified", reviewer="ann", source_url="https://x.example/2")
    store.save_label(nobody, status="unverified", reviewer="bob")
    store.adjudicate(bank, status="verified", note="checked with the bank", by=OPERATOR)

    second = add(store, ["The bank raised rates.", "Prices fell 3% in May.", "Markets were calm.", "More later."])
    report = second.revised
    assert second.article_id == first.article_id and not second.created
    assert (report.revision, report.unchanged, report.changed, report.new, report.removed) == (2, 2, 1, 1, 1)

    current = list(store.claims(first.article_id))
    assert [c.text for c in current] == [
        "The bank raised rates.",
        "Prices fell 3% in May.",
        "Markets were calm.",
        "More later.",
    ]
    assert current[0].id == bank and current[2].id == calm  # same text: same claim, its labels with it
    assert [lab.status.value for lab in store.labels(bank, viewer=OPERATOR)] == ["verified"]
    assert store.verdict(bank, viewer=OPERATOR).note == "checked with the bank"  # the verdict carried too
    changed = current[1]
    assert changed.id not in (prices, bank, nobody, calm)
    assert store.labels(changed.id, viewer=OPERATOR) == []  # queued again for everyone
    assert store.next_unlabelled("ann").id == changed.id
    marks = store.revision_marks(changed.id)
    assert marks["changed_since_label"] and marks["predecessors"] == [prices] and marks["revision"] == 2
    assert store.ancestors(changed.id) == [prices]  # the one lineage model of corrections
    # The old claims stay, with their labels, superseded and marked by the revision that replaced them.
    for old in (prices, nobody):
        assert store.claim(old).superseded_at is not None and store.revision_marks(old)["removed_in"] == 2
    assert store.labels(prices, viewer=OPERATOR)[0].note == "was 3%"
    assert store.labels(nobody, viewer=OPERATOR)[0].reviewer == "bob"
    # Offsets point into the current text; the previous text is kept.
    article = store.article(first.article_id)
    assert all(article.text[c.start : c.end] == c.text for c in store.segments(first.article_id))
    assert store.revision_text(first.article_id, 1) == " ".join(FIRST)
    assert [r.revision for r in store.revisions(first.article_id)] == [1, 2]
    # The old label shows in the new claim's History, through lineage.
    history = store.claim_history(changed.id, viewer=OPERATOR)
    assert any(row["claim"] == prices and row["what"] == "label" for row in history)
    assert any(row["what"] == "split correction: revise" for row in history)


def test_same_text_again_is_already_imported_and_new_url_is_a_new_article(store: Store) -> None:
    first = add(store, FIRST)
    again = add(store, FIRST, url="https://news.example/2026/rates/?utm_source=feed")
    assert again.article_id == first.article_id and not again.created and again.revised is None
    other = add(store, ["Something else entirely."], url="https://news.example/other")
    assert other.created and other.article_id != first.article_id
    # The text of another article is refused as a revision, with one line naming it.
    with pytest.raises(InvalidInput, match="article"):
        store.revise_article(first.article_id, split_of(["Something else entirely."]), by=OPERATOR)


def test_a_retired_article_is_not_revised(store: Store) -> None:
    first = add(store, FIRST)
    store.retire_article(first.article_id, by=OPERATOR)
    second = add(store, FIRST[:2])
    assert second.created and second.article_id != first.article_id


def test_revising_needs_the_right_to_import(store: Store) -> None:
    store.add_account(ADMIN, Role.ADMIN, by=OPERATOR)
    store.add_account(ANN, Role.REVIEWER, by=ADMIN)
    first = add(store, FIRST)
    assert add(store, FIRST[:3], by=ANN).revised is not None  # a reviewer may import, so may revise
    with pytest.raises(NotAuthorized):
        add(store, FIRST[:2], by="stranger@news.example")
    assert store.current_revision(first.article_id) == 2  # nothing of the refused one was written


def test_blind_review_hides_the_old_labels_of_a_changed_claim(store: Store) -> None:
    store.add_account(ADMIN, Role.ADMIN, by=OPERATOR)
    for name in (ANN, BOB):
        store.add_account(name, Role.REVIEWER, by=ADMIN)
    store.set_review_settings(ReviewSettings(blind=True, reviews_per_claim=2), by=ADMIN)
    first = add(store, FIRST)
    prices = [c.id for c in store.claims(first.article_id)][1]
    store.save_label(prices, status="disputed", reviewer=ANN, source_url="https://x.example/1")
    add(store, ["The bank raised rates.", "Prices fell 3% in May.", "Nobody saw it coming.", "Markets were calm."])
    changed = [c.id for c in store.claims(first.article_id)][1]
    assert not [r for r in store.claim_history(changed, viewer=BOB) if r["what"] == "label"]
    assert [r["who"] for r in store.claim_history(changed, viewer=ANN) if r["what"] == "label"] == [ANN]
    assert any(r["who"] == ANN for r in store.claim_history(changed, viewer=ADMIN) if r["what"] == "label")


def test_corrections_after_a_revision_point_into_the_current_text(store: Store) -> None:
    first = add(store, FIRST)
    add(store, ["The bank raised rates.", "Prices fell 3% in May."])
    bank = next(store.claims(first.article_id))
    head, tail = store.split_segment(bank.id, len("The bank "), reviewer="ann")
    assert store.revision_marks(head.id)["revision"] == store.revision_marks(tail.id)["revision"] == 2


def test_a_removed_claim_is_shown_in_its_own_text_not_cut_from_the_current_one(store: Store) -> None:
    first = add(store, FIRST)
    claims = list(store.claims(first.article_id))
    store.split_segment(claims[0].id, len("The bank "), reviewer="ann")  # superseded by a correction, in rev. 1
    add(store, ["A much longer first sentence now opens it.", "Nobody saw it coming.", "Markets were calm."])
    for old in [claims[0], claims[1]]:
        segment = store.claim(old.id)
        text = store.revision_text(first.article_id, store.revision_marks(old.id)["revision"])
        # What the Review page shows around it: every piece cut from the text its own offsets refer to.
        for around in (store.paragraph(segment), store.paragraphs_around(segment)):
            assert all(text[s.start : s.end] == s.text for s in around), around


def test_exports_carry_revision_and_changed_since_label(store: Store) -> None:
    first = add(store, FIRST)
    prices = [c.id for c in store.claims(first.article_id)][1]
    store.save_label(prices, status="disputed", reviewer="ann", source_url="https://x.example/1")
    add(store, ["The bank raised rates.", "Prices fell 3% in May.", "Nobody saw it coming.", "Markets were calm."])
    lines = [json.loads(line) for line in export_text(store, "jsonl", viewer=OPERATOR).splitlines()]
    by_text = {(r["claim"]["text"], r["claim"]["superseded_at"] is None): r["claim"] for r in lines}
    assert by_text[("Prices fell 3% in May.", True)]["changed_since_label"] is True
    assert by_text[("Prices fell 3% in May.", True)]["revision"] == 2
    assert by_text[("Prices fell 2% in May.", False)]["removed_in"] == 2
    for fmt in ("csv", "csv-wide"):
        rows = list(csv.DictReader(io.StringIO(export_text(store, fmt, viewer=OPERATOR))))
        changed = next(r for r in rows if r["claim_text"] == "Prices fell 3% in May." and not r["superseded"])
        assert (changed["revision"], changed["changed_since_label"]) == ("2", "1"), fmt
        old = next(r for r in rows if r["claim_text"] == "Prices fell 2% in May.")
        assert (old["revision"], old["changed_since_label"], old["status" if fmt == "csv" else "ann:status"]) == (
            "1",
            "0",
            "disputed",
        ), fmt


def test_restore_round_trips_revisions(store: Store, tmp_path: Path) -> None:
    first = add(store, FIRST)
    prices = [c.id for c in store.claims(first.article_id)][1]
    store.save_label(prices, status="disputed", reviewer="ann", source_url="https://x.example/1")
    add(store, ["The bank raised rates.", "Prices fell 3% in May.", "Nobody saw it coming.", "Markets were calm."])
    add(store, ["The bank raised rates.", "Prices fell 3% in May.", "Markets were calm.", "A third text."])
    original = export_text(store, "jsonl", viewer=OPERATOR)
    with Store(tmp_path / "fresh.db") as fresh:
        outcomes = list(import_data(fresh, original.encode(), "export.jsonl"))
        assert all(isinstance(o, ImportResult) and o.created for o in outcomes)
        assert export_text(fresh, "jsonl", viewer=OPERATOR) == original  # byte for byte
        assert [r.revision for r in fresh.revisions(first.article_id)] == [1, 2, 3]
        assert fresh.revision_text(first.article_id, 1) == " ".join(FIRST)
        changed = [c.id for c in fresh.claims(first.article_id)][1]
        assert fresh.revision_marks(changed)["predecessors"] == [prices]
        # A revision whose text was tampered with is refused whole, with one line.
        record = json.loads(original.splitlines()[0])
        record["article"]["revisions"][0]["text"] = "Something else."
        damaged = "\n".join([json.dumps(record), *original.splitlines()[1:]])
    with Store(tmp_path / "other.db") as other:
        (refused,) = list(import_data(other, damaged.encode(), "export.jsonl"))
        assert isinstance(refused, Refused) and "revision 1" in refused.reason


# -- the property: random edits -----------------------------------------------------------------------------

WORDS = ["rates", "bank", "prices", "mayor", "city", "river", "trains", "budget", "school", "port", "tax", "wind"]
SENTENCE = st.lists(st.sampled_from(WORDS), min_size=3, max_size=6).map(lambda w: " ".join(w).capitalize() + ".")
EDIT = st.tuples(st.sampled_from(["keep", "keep", "drop", "word", "insert"]), SENTENCE, st.integers(0, 5))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    first=st.lists(SENTENCE, min_size=1, max_size=8, unique=True),
    edits=st.lists(EDIT, min_size=1, max_size=8),
    labelled=st.sets(st.integers(0, 7)),
)
def test_random_edits_keep_every_label_on_its_text(
    tmp_path_factory: pytest.TempPathFactory, first: list[str], edits: list, labelled: set[int]
) -> None:
    second = []
    for position, sentence in enumerate(first):
        action, other, word = edits[position % len(edits)]
        if action in ("keep",) or action == "insert":
            second.append(sentence)
        if action == "insert":
            second.append(other)
        if action == "word":
            second.append(sentence[:-1] + " " + WORDS[word] + ".")
    if not second or " ".join(second) == " ".join(first):
        second.append("An extra closing sentence.")
    with Store(tmp_path_factory.mktemp("rev") / "workbench.db") as store:
        article = add(store, first).article_id
        before = list(store.claims(article))
        given_on = {}
        for n, claim in enumerate(before):
            if n in labelled:
                store.save_label(claim.id, status="verified", reviewer="ann", source_url="https://x.example/s")
                given_on[claim.id] = claim.text
        report = add(store, second).revised
        assert report is not None
        # Every label is still on a segment with exactly the text it was given on.
        for claim_id, text in given_on.items():
            assert store.claim(claim_id).text == text and store.labels(claim_id, viewer=OPERATOR)
        # Unchanged sentences (in both texts once) keep their claim and its labels.
        after = list(store.claims(article))
        for claim in before:
            if first.count(claim.text) == 1 and second.count(claim.text) == 1:
                assert claim.id in {c.id for c in after}
        # The counts add up, both ways.
        assert report.unchanged + report.changed + report.new == len(after) == len(second)
        assert report.unchanged + report.changed + report.removed == len(before)
        assert [c.text for c in after] == second
        text = store.article(article).text
        assert all(text[c.start : c.end] == c.text for c in store.segments(article))
        # Nothing that was there is gone: every old segment is current or superseded by revision 2.
        for claim in before:
            marks = store.revision_marks(claim.id)
            assert (store.claim(claim.id).superseded_at is None) == (marks["removed_in"] is None)


# -- the command line -----------------------------------------------------------------------------------------


def test_cli_reports_the_revision(capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path) -> None:
    batch = tmp_path / "batch.jsonl"
    batch.write_text(json.dumps({"text": " ".join(FIRST), "title": "Rates", "url": URL}) + "\n", encoding="utf-8")
    assert main(["import", str(batch), "--db", str(db_path), "--lang", "en"]) == 0
    edited = ["The bank raised rates.", "Prices fell 3% in May.", "Markets were calm.", "More news later."]
    batch.write_text(json.dumps({"text": " ".join(edited), "title": "Rates", "url": URL}) + "\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["import", str(batch), "--db", str(db_path), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "article 1 revised: 2 unchanged, 1 changed, 1 new, 1 removed" in out.splitlines()
    assert "revision 2" in out
    assert main(["articles", "--db", str(db_path)]) == 0
    header, row = capsys.readouterr().out.splitlines()
    assert header.split()[:4] == ["article", "language", "labelled", "revision"]
    assert row.split()[3] == "2"  # the article's current text is its second revision


# -- the migration and the URL key ----------------------------------------------------------------------------


@pytest.mark.sqlite_only  # an old SQLite file; PostgreSQL workbenches are made at the newest schema
def test_m020_on_a_database_made_before_it(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Articles imported before m020 are revision 1, found by their URL, and segment_events keeps its rows,
    ids and append-only triggers while its CHECK learns 'revise'."""
    from workbench.migrations import MIGRATIONS

    before = [m for m in MIGRATIONS if m[0] < "m020"]
    monkeypatch.setattr("workbench.migrations.MIGRATIONS", before)
    with Store(db_path) as old:
        split = split_of(FIRST)
        old.conn.execute("BEGIN IMMEDIATE")
        old.conn.execute(
            "INSERT INTO articles (title, language, text, sha256, imported_at, url) VALUES (?, ?, ?, ?, ?, ?)",
            (
                "Rates",
                "en",
                split.text,
                hashlib.sha256(split.text.encode()).hexdigest(),
                "2026-01-02T03:04:05.000Z",
                "https://NEWS.example/2026/rates/",
            ),
        )
        old.conn.executemany(
            'INSERT INTO segments (article_id, idx, kind, text, start, "end", paragraph) VALUES (1, ?, ?, ?, ?, ?, ?)',
            [(s.index, s.kind.value, s.text, s.start, s.end, s.paragraph) for s in split.segments],
        )
        # A correction recorded before m020 (as the old code wrote it): the rebuilt table must keep it.
        old.conn.execute(
            "INSERT INTO segment_events (article_id, action, reviewer, before, after, at)"
            " VALUES (1, 'split', 'ann', '[]', '[]', '2026-01-02T03:04:06.000Z')"
        )
        old.conn.execute("COMMIT")
    monkeypatch.undo()
    with Store(db_path) as store:
        assert store.revisions(1)[0].revision == 1 and store.current_revision(1) == 1
        assert store.corrections(1)[0]["action"] == "split"
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            store.conn.execute("DELETE FROM segment_events")
        report = add(store, ["Prices fell 2% in May.", "Markets were calm."]).revised
        assert report is not None and report.article_id == 1 and report.revision == 2


def test_a_url_edited_on_the_articles_page_is_what_a_reimport_finds(store: Store) -> None:
    first = add(store, FIRST, url="")
    assert add(store, FIRST[:2]).created  # no URL yet: a new article
    store.update_article_metadata(first.article_id, title="Rates", url="https://news.example/moved", language="en")
    assert add(store, FIRST[:3], url="https://news.example/moved?fbclid=1").article_id == first.article_id
